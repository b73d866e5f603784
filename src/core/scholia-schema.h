/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-db.h"

G_BEGIN_DECLS

/* Written to PRAGMA application_id so that a Scholia library can be told from any other SQLite
 * file: "Schl". */
#define SCHOLIA_APPLICATION_ID 0x5363686c

/* The version that added bibliographic references and essays' citation keys: a store opened
 * with fewer migrations (tests of upgrades) reads no keys. */
#define SCHOLIA_SCHEMA_REFERENCES 9
/* The version from which annotations store NULL for the quotes and context their text holds. */
#define SCHOLIA_SCHEMA_DERIVED_PASSAGES 14

/* The version that indexed each annotation's place by its id (annotations_places): a library
 * read without being written at an older version reads the places from the table. */
#define SCHOLIA_SCHEMA_ANNOTATION_PLACES 16
/* The version that stores essays' texts compressed (scholia-text-pack.h). */
#define SCHOLIA_SCHEMA_PACKED_TEXT 17
/* The version that stores annotations' uuids as 16-byte keys (scholia-uuid-key.h). */
#define SCHOLIA_SCHEMA_UUID_KEYS 18
/* The version that keeps the passages per author and theme as a BLOB per author
 * (scholia-theme-counts.h): older ones keep a row per author and theme, or none. */
#define SCHOLIA_SCHEMA_AUTHOR_COUNTS 19

/* One step of the schema: the SQL that takes a library from version - 1 to version, or, for a
 * step that needs more than SQL (guessing values for a new column), a function run inside the
 * migration's transaction. A step may also say how to read a library that cannot be written
 * (read-only file or opening) as if it had been taken: @run_read_only, which may only create
 * temporary tables; without it such a library must be made writable first. */
typedef gboolean (*ScholiaMigrationFunc) (ScholiaDb  *db,
                                          GError    **error);

typedef struct
{
  int                  version;
  const char          *sql;
  ScholiaMigrationFunc run;
  ScholiaMigrationFunc run_read_only;
} ScholiaMigration;

const ScholiaMigration *scholia_schema_get_migrations (guint                  *n_migrations);
gboolean                scholia_schema_migrate        (ScholiaDb              *db,
                                                       int                     from_version,
                                                       const ScholiaMigration *migrations,
                                                       guint                   n_migrations,
                                                       GError                **error);

gboolean                scholia_schema_read_as_latest (ScholiaDb              *db,
                                                       int                     from_version,
                                                       const ScholiaMigration *migrations,
                                                       guint                   n_migrations);
gboolean                scholia_schema_emulate        (ScholiaDb              *db,
                                                       int                     from_version,
                                                       const ScholiaMigration *migrations,
                                                       guint                   n_migrations,
                                                       GError                **error);

G_END_DECLS
