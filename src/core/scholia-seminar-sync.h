/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-seminar-store.h"
#include "scholia-transport.h"

G_BEGIN_DECLS

/* Creating, joining and syncing a seminar (issue 14): the seminar's folder (a local or synced
 * folder, or a WebDAV share) reached through ScholiaTransport, the library through the store.
 * The network is used from a worker thread (the transport blocks); the store is written only on
 * the thread that started the operation, each downloaded log merged in one transaction, so the
 * window stays responsive and nothing is ever half merged. A WebDAV user name is the URL's own
 * (https://ana@cloud.example.edu/…); the password comes from the keyring or
 * SCHOLIA_WEBDAV_PASSWORD (scholia-credentials.h). */

#define SCHOLIA_TYPE_SEMINAR_SYNC (scholia_seminar_sync_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaSeminarSync, scholia_seminar_sync, SCHOLIA, SEMINAR_SYNC, GObject)

/* One sync of @seminar: seminar.json (tags, themes, options the leader set), new essays, my own
 * log uploaded (If-Match on its ETag), the others' logs that changed downloaded and merged.
 * "fraction" (0–1) and "status" (a translated sentence saying what is being done) notify as it
 * goes. The run ends with the seminar's last sync time and error recorded in the store. */
ScholiaSeminarSync *scholia_seminar_sync_new            (ScholiaStore        *store,
                                                         ScholiaSeminar      *seminar);
void                scholia_seminar_sync_run_async      (ScholiaSeminarSync  *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            scholia_seminar_sync_run_finish     (ScholiaSeminarSync  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* The same, for the command line and tests: runs the default main context until it is done. */
gboolean            scholia_seminar_sync_run            (ScholiaSeminarSync  *self,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
/* The transport to use instead of one opened for the seminar's location (tests, and a window
 * that keeps one per seminar). Set before a run. */
void                scholia_seminar_sync_set_transport  (ScholiaSeminarSync  *self,
                                                         ScholiaTransport    *transport);
double              scholia_seminar_sync_get_fraction   (ScholiaSeminarSync  *self);
const char         *scholia_seminar_sync_get_status     (ScholiaSeminarSync  *self);
/* After a run: records uploaded, records merged, essays added. */
guint               scholia_seminar_sync_get_n_uploaded (ScholiaSeminarSync  *self);
guint               scholia_seminar_sync_get_n_merged   (ScholiaSeminarSync  *self);
guint               scholia_seminar_sync_get_n_essays   (ScholiaSeminarSync  *self);
/* After a run: what was skipped and why, as translated sentences naming the participant, the
 * file and the line ("Line 12 of Ben Okafor's log is not valid JSON; it was skipped."). */
GPtrArray          *scholia_seminar_sync_get_problems   (ScholiaSeminarSync  *self);

/* How many of my changes the seminar's folder does not have yet: those not logged, and those
 * logged but not uploaded (the last upload failed). */
gboolean            scholia_seminar_count_pending       (ScholiaStore        *store,
                                                         ScholiaSeminar      *seminar,
                                                         guint               *pending,
                                                         GError             **error);

/* The leader makes a seminar at @location (which must be empty or not exist yet): its folder,
 * essays/ and logs/, seminar.json with the library's tags and themes and the options, and the
 * essays @document_ids. The library then holds the seminar, with me as leader. */
void                scholia_seminar_create_async        (ScholiaStore        *store,
                                                         const char          *name,
                                                         const char          *location,
                                                         const gint64        *document_ids,
                                                         guint                n_document_ids,
                                                         const char          *instructions,
                                                         gboolean             participants_add_tags,
                                                         gboolean             hide_until_posted,
                                                         const char          *my_name,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
ScholiaSeminar     *scholia_seminar_create_finish       (ScholiaStore        *store,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* A participant joins the seminar at @location as @my_name: seminar.json read, the seminar and
 * its essays added to the library (the essays verified against their checksums), and a first
 * sync done. */
void                scholia_seminar_join_async          (ScholiaStore        *store,
                                                         const char          *location,
                                                         const char          *my_name,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
ScholiaSeminar     *scholia_seminar_join_finish         (ScholiaStore        *store,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
