/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-db.h"

G_BEGIN_DECLS

/* Written to PRAGMA application_id so that a Scholia library can be told from any other SQLite
 * file: "Schl". */
#define SCHOLIA_APPLICATION_ID 0x5363686c

/* One step of the schema: the SQL that takes a library from version - 1 to version. */
typedef struct
{
  int         version;
  const char *sql;
} ScholiaMigration;

const ScholiaMigration *scholia_schema_get_migrations (guint                  *n_migrations);
gboolean                scholia_schema_migrate        (ScholiaDb              *db,
                                                       int                     from_version,
                                                       const ScholiaMigration *migrations,
                                                       guint                   n_migrations,
                                                       GError                **error);

G_END_DECLS
