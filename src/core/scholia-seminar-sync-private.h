/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-seminar-info.h"
#include "scholia-seminar-sync.h"
#include "scholia-transport.h"

G_BEGIN_DECLS

/* Shared by creating, joining and syncing a seminar (scholia-seminar-library.c). */

/* What the library keeps of a seminar in its options (a JSON object): the leader's options as
 * seminar.json gives them, and which seminar.json was applied or written last, so that an
 * unchanged one is neither fetched nor written again. */
typedef struct
{
  gboolean  participants_add_tags;
  gboolean  hide_until_posted;
  char     *instructions;
  char     *info_etag;       /* "" when none */
  char     *info_checksum;   /* SHA-256 of the seminar.json last applied or written, "" */
  GStrv     tags;            /* the names of the leader's tags; NULL for the leader */
  char     *leader;          /* the leader's participant uuid from seminar.json, "" when unknown */
} ScholiaSeminarOptions;

void                   _scholia_seminar_options_clear (ScholiaSeminarOptions       *options);
void                   _scholia_seminar_options_read  (const char                  *json,
                                                       ScholiaSeminarOptions       *options);
char                  *_scholia_seminar_options_write (const ScholiaSeminarOptions *options);

/* The transport for @location: a WebDAV user name is the URL's own, the password comes from
 * the keyring or SCHOLIA_WEBDAV_PASSWORD. Blocks on the keyring: for the worker thread. */
ScholiaTransport      *_scholia_seminar_open_transport (const char    *location,
                                                        GCancellable  *cancellable,
                                                        GError       **error);

/* seminar.json as the leader's library makes it: its tags and themes, @options, and the
 * essays @document_ids. */
ScholiaSeminarInfo    *_scholia_seminar_info_from_library (ScholiaStore                *store,
                                                           const char                  *uuid,
                                                           const char                  *name,
                                                           const char                  *leader_uuid,
                                                           const char                  *leader_name,
                                                           const ScholiaSeminarOptions *options,
                                                           GArray                      *document_ids,
                                                           GError                     **error);
/* The leader's tags (colours, descriptions) and themes, and options, into the library. */
gboolean               _scholia_seminar_apply_info     (ScholiaStore                *store,
                                                        ScholiaSeminar              *seminar,
                                                        const ScholiaSeminarInfo    *info,
                                                        GError                     **error);
/* The uuids of the library's documents, for a worker thread to tell which essays it lacks. */
GHashTable            *_scholia_seminar_document_uuids (ScholiaStore                *store);
/* A downloaded essay (its text verified) added to the library and the seminar. */
gboolean               _scholia_seminar_add_essay      (ScholiaStore                *store,
                                                        ScholiaSeminar              *seminar,
                                                        const ScholiaSeminarEssay   *essay,
                                                        const char                  *text,
                                                        GError                     **error);
/* "logs/<uuid>.jsonl" */
char                  *_scholia_seminar_log_path       (const char                  *participant_uuid);
/* A whole log's text, one line per record. */
GBytes                *_scholia_seminar_log_text       (GPtrArray                   *records);

/* Runs a first sync of @seminar with @transport (NULL: one opened for it), then returns the
 * seminar, as the library has it then, through @task. */
void                   _scholia_seminar_return_after_sync (GTask                     *task,
                                                           ScholiaStore              *store,
                                                           ScholiaSeminar            *seminar,
                                                           ScholiaTransport          *transport);

G_END_DECLS
