/* SPDX-License-Identifier: GPL-3.0-or-later */

/* One sync of a seminar. Three steps: on the calling thread, what the library has to send (my
 * outbox turned into my log, the leader's seminar.json) and what it knows (ETags); in a worker
 * thread, all the network (seminar.json, new essays, my log, the others' changed logs, each
 * parsed there too); back on the calling thread, everything written into the library, one
 * downloaded log per main loop iteration so that a window stays responsive. A network failure
 * stops the worker, but what it fetched before is still applied: the next sync goes on from
 * there. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-seminar-sync-private.h"

struct _ScholiaSeminarSync
{
  GObject           parent_instance;

  ScholiaStore     *store;
  ScholiaSeminar   *seminar;
  ScholiaTransport *transport;   /* set by tests and the window; else opened per run */
  double            fraction;
  char             *status;
  guint             n_uploaded;
  guint             n_merged;
  guint             n_essays;
  GPtrArray        *problems;
};

G_DEFINE_FINAL_TYPE (ScholiaSeminarSync, scholia_seminar_sync, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FRACTION,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  ScholiaSeminarEssay *essay;
  char                *text;
} Essay;

typedef struct
{
  char      *uuid;
  char      *etag;
  GPtrArray *records;        /* ScholiaLogRecord */
  GPtrArray *problems;       /* ScholiaLogProblem */
  gsize      complete_bytes;
} Log;

/* Everything the worker needs and gives back; it touches nothing else. */
typedef struct
{
  ScholiaSeminarSync *self;
  GMainContext       *context;

  /* In. */
  char               *location;
  ScholiaTransport   *transport;
  gboolean            leader;
  char               *info_etag;        /* NULL when none */
  GBytes             *info_upload;      /* the leader's seminar.json when it changed, or NULL */
  GHashTable         *documents;        /* the library's document uuids */
  char               *my_uuid;
  GBytes             *own_log;          /* to upload, or NULL when the server has it all */
  char               *own_etag;         /* NULL when never uploaded */
  guint               n_new_records;    /* in own_log, that the server has not had yet */
  GHashTable         *log_etags;        /* participant uuid → ETag of the copy merged */

  /* Out. */
  ScholiaSeminarInfo *info;             /* seminar.json, when it changed */
  char               *new_info_etag;
  gboolean            essays_complete;
  GPtrArray          *essays;           /* Essay */
  char               *new_own_etag;     /* after my log was uploaded */
  GPtrArray          *problems;         /* char *, found in the worker */
  GError             *error;            /* what stopped the network, if anything */

  /* Between the threads: what the worker has done, in order (Step). */
  GAsyncQueue        *steps;

  /* Applying. */
  guint               n_logs_merged;
  GError             *apply_error;      /* what stopped the writing, if anything */
  ScholiaSeminarOptions options;
} Job;

/* The worker hands its results over as it goes, so that the library merges one log while the
 * next is downloaded and parsed. */
typedef enum
{
  STEP_FETCHED,      /* seminar.json, the essays and my upload are done (or failed) */
  STEP_LOG,          /* one downloaded, parsed log */
  STEP_DONE,         /* the network part is over; job->error says whether all went well */
} StepKind;

typedef struct
{
  StepKind  kind;
  Log      *log;
} Step;

static void
essay_free (Essay *essay)
{
  scholia_seminar_essay_free (essay->essay);
  g_free (essay->text);
  g_free (essay);
}

static void
log_free (Log *log)
{
  g_free (log->uuid);
  g_free (log->etag);
  g_ptr_array_unref (log->records);
  if (log->problems != NULL)
    g_ptr_array_unref (log->problems);
  g_free (log);
}

static void
job_free (Job *job)
{
  g_object_unref (job->self);
  g_main_context_unref (job->context);
  g_free (job->location);
  g_clear_object (&job->transport);
  g_free (job->info_etag);
  g_clear_pointer (&job->info_upload, g_bytes_unref);
  g_clear_pointer (&job->documents, g_hash_table_unref);
  g_free (job->my_uuid);
  g_clear_pointer (&job->own_log, g_bytes_unref);
  g_free (job->own_etag);
  g_clear_pointer (&job->log_etags, g_hash_table_unref);
  g_clear_pointer (&job->info, scholia_seminar_info_free);
  g_free (job->new_info_etag);
  g_ptr_array_unref (job->essays);
  g_free (job->new_own_etag);
  g_ptr_array_unref (job->problems);
  g_async_queue_unref (job->steps);
  g_clear_error (&job->error);
  g_clear_error (&job->apply_error);
  _scholia_seminar_options_clear (&job->options);
  g_free (job);
}

static void
scholia_seminar_sync_finalize (GObject *object)
{
  ScholiaSeminarSync *self = SCHOLIA_SEMINAR_SYNC (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->seminar, scholia_seminar_free);
  g_clear_object (&self->transport);
  g_free (self->status);
  g_ptr_array_unref (self->problems);

  G_OBJECT_CLASS (scholia_seminar_sync_parent_class)->finalize (object);
}

static void
scholia_seminar_sync_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ScholiaSeminarSync *self = SCHOLIA_SEMINAR_SYNC (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_seminar_sync_class_init (ScholiaSeminarSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = scholia_seminar_sync_finalize;
  object_class->get_property = scholia_seminar_sync_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scholia_seminar_sync_init (ScholiaSeminarSync *self)
{
  self->status = g_strdup ("");
  self->problems = g_ptr_array_new_with_free_func (g_free);
}

static ScholiaSeminar *
copy_seminar (const ScholiaSeminar *seminar)
{
  ScholiaSeminar *copy = g_memdup2 (seminar, sizeof *seminar);

  copy->uuid = g_strdup (seminar->uuid);
  copy->name = g_strdup (seminar->name);
  copy->location = g_strdup (seminar->location);
  copy->options = g_strdup (seminar->options);
  copy->last_error = g_strdup (seminar->last_error);
  return copy;
}

ScholiaSeminarSync *
scholia_seminar_sync_new (ScholiaStore   *store,
                          ScholiaSeminar *seminar)
{
  ScholiaSeminarSync *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (seminar != NULL, NULL);

  self = g_object_new (SCHOLIA_TYPE_SEMINAR_SYNC, NULL);
  self->store = g_object_ref (store);
  self->seminar = copy_seminar (seminar);
  return self;
}

void
scholia_seminar_sync_set_transport (ScholiaSeminarSync *self,
                                    ScholiaTransport   *transport)
{
  g_return_if_fail (SCHOLIA_IS_SEMINAR_SYNC (self));

  g_set_object (&self->transport, transport);
}

static void
set_progress (ScholiaSeminarSync *self,
              double              fraction,
              const char         *status)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (status != NULL && g_strcmp0 (status, self->status) != 0)
    {
      g_free (self->status);
      self->status = g_strdup (status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

typedef struct
{
  ScholiaSeminarSync *self;
  double              fraction;
  char               *status;
} Progress;

static gboolean
deliver_progress_cb (gpointer data)
{
  Progress *progress = data;

  set_progress (progress->self, progress->fraction, progress->status);
  g_object_unref (progress->self);
  g_free (progress->status);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* From the worker: the properties notify on the thread that started the run. */
static void
report (Job        *job,
        double      fraction,
        const char *status)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (job->self);
  progress->fraction = fraction;
  progress->status = g_strdup (status);
  g_main_context_invoke (job->context, deliver_progress_cb, progress);
}

/* --- The worker thread ----------------------------------------------------------------- */

static gboolean take_step_cb (gpointer data);

/* Hands a step over to the calling thread, in order. */
static void
deliver (GTask    *task,
         StepKind  kind,
         Log      *log)
{
  Job *job = g_task_get_task_data (task);
  Step *step = g_new0 (Step, 1);

  step->kind = kind;
  step->log = log;
  g_async_queue_push (job->steps, step);
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT_IDLE, take_step_cb, g_object_ref (task),
                              g_object_unref);
}

/* A put that, refused because the file changed underneath (412), learns the file's present
 * ETag and tries once more: used for files only this library may write. */
static gboolean
put_owned (ScholiaTransport  *transport,
           const char        *path,
           GBytes            *contents,
           const char        *if_match,
           char             **new_etag,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr(GError) changed = NULL;
  g_autoptr(GBytes) present = NULL;
  g_autofree char *present_etag = NULL;
  g_autoptr(GError) get_error = NULL;

  if (scholia_transport_put (transport, path, contents, if_match, new_etag, cancellable, &changed))
    return TRUE;
  if (!g_error_matches (changed, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_CHANGED))
    {
      g_propagate_error (error, g_steal_pointer (&changed));
      return FALSE;
    }

  if (scholia_transport_get (transport, path, NULL, &present, &present_etag, cancellable, &get_error)
      == SCHOLIA_TRANSPORT_GET_FAILED
      && !g_error_matches (get_error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&get_error));
      return FALSE;
    }
  return scholia_transport_put (transport, path, contents, present_etag, new_etag, cancellable, error);
}

static gboolean
sync_info (Job           *job,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *etag = NULL;
  ScholiaTransportGetResult result;

  result = scholia_transport_get (job->transport, SCHOLIA_SEMINAR_INFO_FILE, job->info_etag, &contents, &etag,
                                  cancellable, error);
  if (result == SCHOLIA_TRANSPORT_GET_FAILED)
    return FALSE;

  if (job->leader)
    {
      /* The leader's library is the truth about tags, themes and options: its seminar.json is
       * written again when they changed, whatever the folder holds. */
      if (job->info_upload != NULL)
        return put_owned (job->transport, SCHOLIA_SEMINAR_INFO_FILE, job->info_upload, etag,
                          &job->new_info_etag, cancellable, error);
      job->new_info_etag = g_steal_pointer (&etag);
      return TRUE;
    }

  if (result == SCHOLIA_TRANSPORT_GET_FETCHED)
    {
      gsize length;
      const char *data = g_bytes_get_data (contents, &length);

      job->info = scholia_seminar_info_from_json (data, length, SCHOLIA_SEMINAR_INFO_FILE, error);
      if (job->info == NULL)
        return FALSE;
    }
  job->new_info_etag = g_steal_pointer (&etag);
  return TRUE;
}

static gboolean
fetch_essays (Job           *job,
              GCancellable  *cancellable,
              GError       **error)
{
  gboolean complete = TRUE;

  for (guint i = 0; job->info != NULL && i < job->info->essays->len; i++)
    {
      const ScholiaSeminarEssay *essay = g_ptr_array_index (job->info->essays, i);
      g_autofree char *path = NULL;
      g_autoptr(GBytes) text = NULL;
      g_autoptr(GError) bad = NULL;
      Essay *fetched;
      gsize length;
      const char *data;

      if (g_hash_table_contains (job->documents, essay->uuid))
        continue;
      report (job, 0.1, _("Downloading the essays"));
      path = scholia_seminar_essay_text_path (essay);
      if (scholia_transport_get (job->transport, path, NULL, &text, NULL, cancellable, error)
          == SCHOLIA_TRANSPORT_GET_FAILED)
        return FALSE;
      data = g_bytes_get_data (text, &length);
      if (!scholia_seminar_essay_verify_text (essay, data, length, &bad))
        {
          g_ptr_array_add (job->problems, g_strdup (bad->message));
          complete = FALSE;
          continue;
        }
      fetched = g_new0 (Essay, 1);
      fetched->essay = scholia_seminar_essay_copy (essay);
      fetched->text = g_strndup (data, length);
      g_ptr_array_add (job->essays, fetched);
    }
  job->essays_complete = complete;
  return TRUE;
}

static gboolean
upload_own_log (Job           *job,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *path = NULL;

  if (job->own_log == NULL)
    return TRUE;
  report (job, 0.2, _("Uploading your annotations"));
  path = _scholia_seminar_log_path (job->my_uuid);
  return put_owned (job->transport, path, job->own_log, job->own_etag, &job->new_own_etag, cancellable, error);
}

static gboolean
fetch_logs (GTask         *task,
            Job           *job,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  report (job, 0.3, _("Looking for the others’ changes"));
  entries = scholia_transport_list (job->transport, "logs", cancellable, error);
  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      const ScholiaTransportEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *uuid = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GBytes) contents = NULL;
      g_autofree char *etag = NULL;
      const char *known;
      ScholiaTransportGetResult result;
      Log *log;
      gsize length;
      const char *data;

      if (entry->is_folder || !g_str_has_suffix (entry->name, ".jsonl"))
        continue;
      uuid = g_strndup (entry->name, strlen (entry->name) - strlen (".jsonl"));
      if (!g_uuid_string_is_valid (uuid) || g_str_equal (uuid, job->my_uuid))
        continue;
      known = g_hash_table_lookup (job->log_etags, uuid);
      if (scholia_transport_etag_equal (known, entry->etag))
        continue;

      report (job, 0.3 + 0.4 * i / entries->len, _("Downloading the others’ annotations"));
      path = _scholia_seminar_log_path (uuid);
      result = scholia_transport_get (job->transport, path, known, &contents, &etag, cancellable, error);
      if (result == SCHOLIA_TRANSPORT_GET_FAILED)
        return FALSE;
      if (result == SCHOLIA_TRANSPORT_GET_NOT_MODIFIED)
        continue;

      data = g_bytes_get_data (contents, &length);
      log = g_new0 (Log, 1);
      log->uuid = g_steal_pointer (&uuid);
      log->etag = g_steal_pointer (&etag);
      log->records = scholia_log_parse (data, length, &log->complete_bytes, &log->problems);
      deliver (task, STEP_LOG, log);
    }
  return TRUE;
}

static void
run_network (GTask        *worker,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GTask *task = task_data;
  Job *job = g_task_get_task_data (task);
  GError **error = &job->error;
  gboolean ok;

  report (job, 0.05, _("Connecting to the seminar’s folder"));
  if (job->transport == NULL)
    job->transport = _scholia_seminar_open_transport (job->location, cancellable, error);
  ok = job->transport != NULL &&
       sync_info (job, cancellable, error) &&
       fetch_essays (job, cancellable, error) &&
       upload_own_log (job, cancellable, error);
  /* What was fetched before a failure is applied all the same. */
  deliver (task, STEP_FETCHED, NULL);
  if (ok)
    fetch_logs (task, job, cancellable, error);
  deliver (task, STEP_DONE, NULL);
  g_task_return_boolean (worker, TRUE);
}

/* --- The calling thread ---------------------------------------------------------------- */

static char *
owner_name (Log *log)
{
  for (guint i = log->records->len; i > 0; i--)
    {
      const ScholiaLogRecord *record = g_ptr_array_index (log->records, i - 1);

      if (g_strcmp0 (record->author, log->uuid) == 0 && record->author_name != NULL && *record->author_name != '\0')
        return g_strdup (record->author_name);
    }
  return NULL;
}

/* "Ben Okafor's log", or the file's name when the log never says who wrote it. */
static char *
log_title (Log        *log,
           const char *name)
{
  if (name != NULL)
    /* Translators: names a seminar participant’s log file in messages: %s is the participant’s
     * name */
    return g_strdup_printf (_("%s’s log"), name);
  /* Translators: names a log file in messages when its participant is not known: %s is an id; keep
   * “.jsonl” */
  return g_strdup_printf (_("the log %s.jsonl"), log->uuid);
}

static void
add_problem (ScholiaSeminarSync *self,
             char               *sentence)
{
  g_ptr_array_add (self->problems, sentence);
}

static gboolean
merge_one (ScholiaSeminarSync  *self,
           Log                 *log,
           GError             **error)
{
  g_autofree char *name = owner_name (log);
  g_autofree char *title = log_title (log, name);
  ScholiaMergeReport report = { 0 };
  gboolean ok;

  for (guint i = 0; log->problems != NULL && i < log->problems->len; i++)
    {
      const ScholiaLogProblem *problem = g_ptr_array_index (log->problems, i);

      /* Translators: "Line 12 of Ben Okafor’s log: The record holds no W3C annotation. It was
       * skipped." */
      add_problem (self, g_strdup_printf (_("Line %u of %s: %s. It was skipped."), problem->line, title,
                                          problem->reason));
    }

  ok = scholia_store_merge_log (self->store, self->seminar, log->uuid, name, log->records, &report, error);
  if (ok)
    {
      self->n_merged += report.applied;
      for (guint i = 0; report.forged_lines != NULL && i < report.forged_lines->len; i++)
        add_problem (self, g_strdup_printf (_("Line %u of %s changes an annotation or reply that is not its "
                                              "author’s. It was ignored."),
                                            g_array_index (report.forged_lines, guint, i), title));
      for (guint i = 0; report.refused_tag_lines != NULL && i < report.refused_tag_lines->len; i++)
        /* Translators: "Line 12 of Ben Okafor’s log puts the tag “rumour”, which …" */
        add_problem (self, g_strdup_printf (_("Line %u of %s puts the tag “%s”, which the seminar “%s” does not "
                                              "have and does not let participants add. The annotation was kept "
                                              "without it."),
                                            g_array_index (report.refused_tag_lines, guint, i), title,
                                            (const char *) g_ptr_array_index (report.refused_tags, i),
                                            self->seminar->name));
      if (report.unknown_document > 0)
        add_problem (self, g_strdup_printf (ngettext ("%u annotation in %s is on an essay this library does not "
                                                      "have yet; it will be added at a later sync.",
                                                      "%u annotations in %s are on an essay this library does "
                                                      "not have yet; they will be added at a later sync.",
                                                      report.unknown_document),
                                            report.unknown_document, title));
      /* The ETag is kept only once everything in the log found its place: otherwise the next
       * sync fetches and merges it again (merging is idempotent). */
      else
        ok = scholia_store_set_remote_log (self->store, self->seminar, log->uuid, log->etag,
                                           log->complete_bytes, error);
    }
  scholia_merge_report_clear (&report);
  return ok;
}

static gboolean
apply_info_and_essays (Job     *job,
                       GError **error)
{
  ScholiaSeminarSync *self = job->self;
  g_autofree char *options = NULL;

  if ((job->info != NULL && !_scholia_seminar_apply_info (self->store, self->seminar, job->info, error)) ||
      !scholia_store_update_participant_colours (self->store, self->seminar, error))
    return FALSE;

  for (guint i = 0; i < job->essays->len; i++)
    {
      Essay *essay = g_ptr_array_index (job->essays, i);

      if (!_scholia_seminar_add_essay (self->store, self->seminar, essay->essay, essay->text, error))
        return FALSE;
      self->n_essays++;
    }
  /* Essays the library held already (the leader's own library, say) join the seminar too. */
  for (guint i = 0; job->info != NULL && i < job->info->essays->len; i++)
    {
      const ScholiaSeminarEssay *essay = g_ptr_array_index (job->info->essays, i);
      ScholiaDocument *document = scholia_store_find_document (self->store, essay->uuid, NULL);

      if (document != NULL && !scholia_store_add_seminar_essay (self->store, self->seminar, document, error))
        return FALSE;
    }
  /* seminar.json counts as applied (not fetched again while unchanged) only once every essay
   * it lists is here. */
  if (job->new_info_etag == NULL || !job->essays_complete)
    return TRUE;
  _scholia_seminar_options_clear (&job->options);
  _scholia_seminar_options_read (self->seminar->options, &job->options);
  if (scholia_transport_etag_equal (job->options.info_etag, job->new_info_etag)
      && job->info_upload == NULL)
    return TRUE;
  g_free (job->options.info_etag);
  job->options.info_etag = g_strdup (job->new_info_etag);
  if (job->info_upload != NULL)
    {
      g_free (job->options.info_checksum);
      job->options.info_checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, job->info_upload);
    }
  options = _scholia_seminar_options_write (&job->options);
  return scholia_store_set_seminar_options (self->store, self->seminar, options, error);
}

static gboolean
apply_own_log (Job     *job,
               GError **error)
{
  ScholiaSeminarSync *self = job->self;

  if (job->new_own_etag == NULL)
    return TRUE;
  self->n_uploaded = job->n_new_records;
  return scholia_store_set_remote_log (self->store, self->seminar, job->my_uuid, job->new_own_etag,
                                       g_bytes_get_size (job->own_log), error);
}

static void
finish (GTask  *task,
        GError *apply_error)
{
  Job *job = g_task_get_task_data (task);
  ScholiaSeminarSync *self = job->self;
  g_autoptr(GError) record_error = NULL;
  GError *error = apply_error != NULL ? apply_error : job->error;

  /* The error a user sees in the status, and the one the caller gets. */
  if (!scholia_store_set_seminar_sync (self->store, self->seminar, g_get_real_time () / G_USEC_PER_SEC,
                                       error != NULL ? error->message : "", &record_error)
      && error == NULL)
    error = record_error;

  set_progress (self, 1.0, error == NULL ? _("Up to date") : error->message);
  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_boolean (task, TRUE);
  g_clear_error (&apply_error);
}

/* One step of the worker's, on the calling thread: one log merged per main loop iteration. */
static gboolean
take_step_cb (gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  ScholiaSeminarSync *self = job->self;
  Step *step = g_async_queue_pop (job->steps);

  switch (step->kind)
    {
    case STEP_FETCHED:
      for (guint i = 0; i < job->problems->len; i++)
        add_problem (self, g_strdup (g_ptr_array_index (job->problems, i)));
      if (apply_info_and_essays (job, &job->apply_error))
        apply_own_log (job, &job->apply_error);
      break;
    case STEP_LOG:
      set_progress (self, MIN (0.7 + 0.01 * ++job->n_logs_merged, 0.99), _("Merging the others’ annotations"));
      if (job->apply_error == NULL)
        merge_one (self, step->log, &job->apply_error);
      log_free (step->log);
      break;
    case STEP_DONE:
      finish (task, g_steal_pointer (&job->apply_error));
      break;
    }
  g_free (step);
  return G_SOURCE_REMOVE;
}

/* The ETag of each log merged so far, keyed by participant uuid. */
static GHashTable *
read_log_etags (ScholiaStore    *store,
                ScholiaSeminar  *seminar,
                GError         **error)
{
  g_autoptr(GHashTable) etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) participants = scholia_store_list_participants (store, seminar, error);

  if (participants == NULL)
    return NULL;
  for (guint i = 0; i < participants->len; i++)
    {
      const ScholiaParticipant *participant = g_ptr_array_index (participants, i);
      g_autofree char *etag = NULL;
      gint64 merged_bytes;

      if (!scholia_store_get_remote_log (store, seminar, participant->uuid, &etag, &merged_bytes, error))
        return NULL;
      if (*etag != '\0')
        g_hash_table_insert (etags, g_strdup (participant->uuid), g_steal_pointer (&etag));
    }
  return g_steal_pointer (&etags);
}

/* How many lines of my log @text come after the @uploaded_bytes the server has. */
static guint
count_new_lines (GBytes *text,
                 gint64  uploaded_bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (text, &size);
  guint n = 0;

  for (gsize at = MAX (uploaded_bytes, 0); at < size; at++)
    n += data[at] == '\n';
  return n;
}

gboolean
scholia_seminar_count_pending (ScholiaStore     *store,
                               ScholiaSeminar   *seminar,
                               guint            *pending,
                               GError          **error)
{
  g_autoptr(ScholiaParticipant) me = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autofree char *etag = NULL;
  gint64 uploaded_bytes;
  guint outbox;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (seminar != NULL && pending != NULL, FALSE);

  me = scholia_store_get_my_participant (store, seminar, error);
  if (me == NULL ||
      !scholia_store_count_seminar_outbox (store, seminar, &outbox, error) ||
      !scholia_store_get_remote_log (store, seminar, me->uuid, &etag, &uploaded_bytes, error))
    return FALSE;
  own = scholia_store_list_own_log (store, seminar, error);
  if (own == NULL)
    return FALSE;
  text = _scholia_seminar_log_text (own);
  *pending = outbox + count_new_lines (text, uploaded_bytes);
  return TRUE;
}

/* My log, when the server lacks some of it: the records not taken yet are taken first. */
static gboolean
prepare_own_log (Job     *job,
                 GError **error)
{
  ScholiaSeminarSync *self = job->self;
  g_autoptr(ScholiaParticipant) me = scholia_store_get_my_participant (self->store, self->seminar, error);
  g_autoptr(GPtrArray) taken = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autofree char *etag = NULL;
  gint64 uploaded_bytes;

  if (me == NULL)
    return FALSE;
  job->my_uuid = g_strdup (me->uuid);
  taken = scholia_store_take_seminar_outbox (self->store, self->seminar, error);
  if (taken == NULL ||
      !scholia_store_get_remote_log (self->store, self->seminar, me->uuid, &etag, &uploaded_bytes, error))
    return FALSE;
  own = scholia_store_list_own_log (self->store, self->seminar, error);
  if (own == NULL)
    return FALSE;
  text = _scholia_seminar_log_text (own);

  job->n_new_records = count_new_lines (text, uploaded_bytes);

  job->own_etag = *etag != '\0' ? g_steal_pointer (&etag) : NULL;
  if (job->own_etag == NULL || (gint64) g_bytes_get_size (text) != uploaded_bytes)
    job->own_log = g_steal_pointer (&text);
  return TRUE;
}

/* The leader's seminar.json, when the library's tags, themes, options or essays changed since
 * it was last written. */
static gboolean
prepare_info (Job     *job,
              GError **error)
{
  ScholiaSeminarSync *self = job->self;
  g_autoptr(ScholiaParticipant) me = NULL;
  g_autoptr(GArray) essays = NULL;
  g_autoptr(ScholiaSeminarInfo) info = NULL;
  g_autofree char *json = NULL;
  g_autofree char *checksum = NULL;

  _scholia_seminar_options_read (self->seminar->options, &job->options);
  /* A library that joined before the leader was kept reads seminar.json once more for it. */
  if (*job->options.info_etag != '\0' && (job->leader || *job->options.leader != '\0'))
    job->info_etag = g_strdup (job->options.info_etag);
  if (!job->leader)
    return TRUE;

  me = scholia_store_get_my_participant (self->store, self->seminar, error);
  essays = me != NULL ? scholia_store_list_seminar_essays (self->store, self->seminar, error) : NULL;
  if (essays == NULL)
    return FALSE;
  info = _scholia_seminar_info_from_library (self->store, self->seminar->uuid, self->seminar->name, me->uuid,
                                             me->name, &job->options, essays, error);
  if (info == NULL)
    return FALSE;
  json = scholia_seminar_info_to_json (info);
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
  if (g_strcmp0 (checksum, job->options.info_checksum) != 0)
    {
      gsize length = strlen (json);

      job->info_upload = g_bytes_new_take (g_steal_pointer (&json), length);
    }
  return TRUE;
}

void
scholia_seminar_sync_run_async (ScholiaSeminarSync  *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(ScholiaSeminar) fresh = NULL;
  GError *error = NULL;
  GTask *worker;
  Job *job;

  g_return_if_fail (SCHOLIA_IS_SEMINAR_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, scholia_seminar_sync_run_async);
  g_task_set_name (task, "[scholia] seminar sync");

  self->n_uploaded = self->n_merged = self->n_essays = 0;
  g_ptr_array_set_size (self->problems, 0);
  set_progress (self, 0.0, _("Preparing your changes"));

  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->context = g_main_context_ref_thread_default ();
  job->transport = self->transport != NULL ? g_object_ref (self->transport) : NULL;
  job->essays = g_ptr_array_new_with_free_func ((GDestroyNotify) essay_free);
  job->steps = g_async_queue_new ();
  job->problems = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  /* The seminar as the library has it now: another sync may have changed its options. */
  fresh = scholia_store_find_seminar (self->store, self->seminar->uuid, &error);
  if (fresh == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  scholia_seminar_free (self->seminar);
  self->seminar = g_steal_pointer (&fresh);
  job->location = g_strdup (self->seminar->location);
  job->leader = self->seminar->role == SCHOLIA_SEMINAR_LEADER;
  job->documents = _scholia_seminar_document_uuids (self->store);

  if (!prepare_info (job, &error) ||
      !prepare_own_log (job, &error) ||
      (job->log_etags = read_log_etags (self->store, self->seminar, &error)) == NULL)
    {
      finish (task, error);
      return;
    }

  worker = g_task_new (self, cancellable, NULL, NULL);
  g_task_set_task_data (worker, g_object_ref (task), g_object_unref);
  g_task_run_in_thread (worker, run_network);
  g_object_unref (worker);
}

gboolean
scholia_seminar_sync_run_finish (ScholiaSeminarSync  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

gboolean
scholia_seminar_sync_run (ScholiaSeminarSync  *self,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GMainContext *context = g_main_context_ref_thread_default ();

  g_return_val_if_fail (SCHOLIA_IS_SEMINAR_SYNC (self), FALSE);

  scholia_seminar_sync_run_async (self, cancellable, run_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_unref (context);
  return scholia_seminar_sync_run_finish (self, result, error);
}

static void
first_sync_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ScholiaSeminarSync *sync = SCHOLIA_SEMINAR_SYNC (source);
  g_autoptr(GError) error = NULL;
  ScholiaSeminar *seminar;

  /* A failed first sync is no failed creation or joining: the seminar is there, its status
   * says what went wrong, and the next sync goes on. */
  scholia_seminar_sync_run_finish (sync, result, &error);
  seminar = scholia_store_find_seminar (sync->store, sync->seminar->uuid, &error);
  if (seminar == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, seminar, (GDestroyNotify) scholia_seminar_free);
}

void
_scholia_seminar_return_after_sync (GTask            *task,
                                    ScholiaStore     *store,
                                    ScholiaSeminar   *seminar,
                                    ScholiaTransport *transport)
{
  g_autoptr(ScholiaSeminarSync) sync = scholia_seminar_sync_new (store, seminar);

  scholia_seminar_sync_set_transport (sync, transport);
  scholia_seminar_sync_run_async (sync, g_task_get_cancellable (task), first_sync_done_cb, g_object_ref (task));
}

double
scholia_seminar_sync_get_fraction (ScholiaSeminarSync *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEMINAR_SYNC (self), 0.0);

  return self->fraction;
}

const char *
scholia_seminar_sync_get_status (ScholiaSeminarSync *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEMINAR_SYNC (self), NULL);

  return self->status;
}

guint
scholia_seminar_sync_get_n_uploaded (ScholiaSeminarSync *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEMINAR_SYNC (self), 0);

  return self->n_uploaded;
}

guint
scholia_seminar_sync_get_n_merged (ScholiaSeminarSync *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEMINAR_SYNC (self), 0);

  return self->n_merged;
}

guint
scholia_seminar_sync_get_n_essays (ScholiaSeminarSync *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEMINAR_SYNC (self), 0);

  return self->n_essays;
}

GPtrArray *
scholia_seminar_sync_get_problems (ScholiaSeminarSync *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEMINAR_SYNC (self), NULL);

  return self->problems;
}
