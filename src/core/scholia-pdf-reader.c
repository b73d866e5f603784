/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-import-private.h"

/* PDFs are read in a process of their own, scholia-pdf-text (src/pdf-helper/): poppler calls
 * cannot be interrupted, and a few kilobytes of nested forms can keep poppler busy for hours or
 * crash it. The process is killed when the import is cancelled or runs out of time, and
 * whatever happens to it, Scholia goes on. It is kept between PDFs, since starting it (loading
 * poppler and its libraries) costs more than reading a short article.
 *
 * Each request on the helper's standard input is a line "NAME_LENGTH PDF_LENGTH" followed by
 * the name (for messages) and the PDF. Each answer on its standard output is a header line,
 * then records "KEY LENGTH\n" + LENGTH bytes + "\n" with KEY one of title, author, date, text,
 * page ("START END LABEL", one per page in text order) or error ("CODE MESSAGE"), and an empty
 * "end" record last, so that an answer cut short by a crash is never taken for a whole one. */

#define FRAMES_HEADER "SCHOLIA-PDF-TEXT 1\n"
#define HELPER_NAME   "scholia-pdf-text"

static guint time_limit = SCHOLIA_IMPORT_DEFAULT_TIME_LIMIT;

/**
 * scholia_import_set_time_limit:
 * @seconds: the limit, 0 for none
 *
 * Sets how long reading one PDF may take before the file is skipped with a
 * %SCHOLIA_ERROR_TIMED_OUT error, for every import in this process.
 */
void
scholia_import_set_time_limit (guint seconds)
{
  g_atomic_int_set (&time_limit, seconds);
}

/* The helper's side: writing the answer */

static void
write_record (GString    *frames,
              const char *key,
              const char *value)
{
  if (value == NULL)
    return;
  g_string_append_printf (frames, "%s %" G_GSIZE_FORMAT "\n%s\n", key, strlen (value), value);
}

void
_scholia_pdf_write_text (GString                   *frames,
                         const ScholiaImportedText *text)
{
  g_string_append (frames, FRAMES_HEADER);
  write_record (frames, "title", text->title);
  write_record (frames, "author", text->author);
  write_record (frames, "date", text->date);
  write_record (frames, "text", text->text);
  for (guint i = 0; text->pages != NULL && i < text->pages->len; i++)
    {
      const ScholiaPageRange *range = &g_array_index (text->pages, ScholiaPageRange, i);
      g_autofree char *page = g_strdup_printf ("%d %d %s", range->start, range->end,
                                               range->label);

      write_record (frames, "page", page);
    }
  write_record (frames, "end", "");
}

void
_scholia_pdf_write_error (GString      *frames,
                          const GError *error)
{
  g_autofree char *value = g_strdup_printf ("%d %s", error->code, error->message);

  g_string_append (frames, FRAMES_HEADER);
  write_record (frames, "error", value);
  write_record (frames, "end", "");
}

/* Scholia's side: reading it */

/* "START END LABEL" */
static gboolean
read_page (const char *value,
           GArray     *pages)
{
  ScholiaPageRange range = { 0, 0, NULL };
  char *rest;
  gint64 start;
  gint64 end;

  start = g_ascii_strtoll (value, &rest, 10);
  if (rest == value || *rest != ' ')
    return FALSE;
  value = rest + 1;
  end = g_ascii_strtoll (value, &rest, 10);
  if (rest == value || *rest != ' ' || start < 0 || end < start || end > G_MAXINT)
    return FALSE;

  range.start = start;
  range.end = end;
  range.label = g_strdup (rest + 1);
  g_array_append_val (pages, range);
  return TRUE;
}

/* "CODE MESSAGE" */
static gboolean
read_error (const char  *value,
            GError     **reported)
{
  char *rest;
  gint64 code = g_ascii_strtoll (value, &rest, 10);

  if (rest == value || *rest != ' ')
    return FALSE;
  g_clear_error (reported);
  g_set_error_literal (reported, SCHOLIA_ERROR, code, rest + 1);
  return TRUE;
}

static gboolean
read_record (const char          *key,
             char                *value,
             ScholiaImportedText *out,
             GError             **reported)
{
  char **field = NULL;

  if (strcmp (key, "title") == 0)
    field = &out->title;
  else if (strcmp (key, "author") == 0)
    field = &out->author;
  else if (strcmp (key, "date") == 0)
    field = &out->date;
  else if (strcmp (key, "text") == 0)
    field = &out->text;
  else if (strcmp (key, "page") == 0)
    return read_page (value, out->pages);
  else if (strcmp (key, "error") == 0)
    return read_error (value, reported);
  else
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

typedef enum
{
  RECORD_READ,
  RECORD_INCOMPLETE,
  RECORD_MALFORMED,
} RecordStatus;

/* Reads the record at *@pos of an answer, perhaps still arriving, and moves *@pos past it. */
static RecordStatus
next_record (const char  *data,
             gsize        length,
             gsize       *pos,
             const char **key,
             gsize       *key_length,
             const char **value,
             gsize       *value_length)
{
  const char *p = data + *pos;
  const char *end = data + length;
  const char *eol = memchr (p, '\n', end - p);
  const char *space;
  char *size_end;
  guint64 size;

  /* A record's first line is a short key and a number. */
  if (eol == NULL)
    return end - p > 64 ? RECORD_MALFORMED : RECORD_INCOMPLETE;
  space = memchr (p, ' ', eol - p);
  if (space == NULL || !g_ascii_isdigit (space[1]))
    return RECORD_MALFORMED;
  size = g_ascii_strtoull (space + 1, &size_end, 10);
  if (size_end != eol)
    return RECORD_MALFORMED;
  if (size >= (guint64) (end - eol - 1))
    return RECORD_INCOMPLETE;
  if (eol[1 + size] != '\n')
    return RECORD_MALFORMED;

  *key = p;
  *key_length = space - p;
  *value = eol + 1;
  *value_length = size;
  *pos = eol + 2 + size - data;
  return RECORD_READ;
}

static gboolean
is_key (const char *key,
        gsize       key_length,
        const char *expected)
{
  return key_length == strlen (expected) && memcmp (key, expected, key_length) == 0;
}

/* Whether the answer in @frames has arrived whole; *@scanned keeps how far it was read, 0 at
 * first. */
static RecordStatus
scan_frames (GByteArray *frames,
             gsize      *scanned)
{
  const char *data = (const char *) frames->data;

  if (*scanned == 0)
    {
      if (frames->len < strlen (FRAMES_HEADER))
        return RECORD_INCOMPLETE;
      if (memcmp (data, FRAMES_HEADER, strlen (FRAMES_HEADER)) != 0)
        return RECORD_MALFORMED;
      *scanned = strlen (FRAMES_HEADER);
    }

  for (;;)
    {
      const char *key;
      const char *value;
      gsize key_length;
      gsize value_length;
      RecordStatus status = next_record (data, frames->len, scanned, &key, &key_length, &value,
                                         &value_length);

      if (status != RECORD_READ)
        return status;
      if (is_key (key, key_length, "end"))
        return *scanned == frames->len ? RECORD_READ : RECORD_MALFORMED;
    }
}

/* Reads a whole answer into @out, or into @reported when the helper reported an error. FALSE
 * when it is malformed. */
static gboolean
read_frames (GByteArray           *frames,
             ScholiaImportedText  *out,
             GError              **reported)
{
  const char *data = (const char *) frames->data;
  gsize pos = strlen (FRAMES_HEADER);

  out->pages = scholia_page_ranges_new ();

  for (;;)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      const char *key_start;
      const char *value_start;
      gsize key_length;
      gsize value_length;

      if (next_record (data, frames->len, &pos, &key_start, &key_length, &value_start,
                       &value_length) != RECORD_READ)
        return FALSE;
      if (is_key (key_start, key_length, "end"))
        return TRUE;

      key = g_strndup (key_start, key_length);
      value = g_strndup (value_start, value_length);
      if (strlen (value) != value_length || !g_utf8_validate (value, -1, NULL)
          || !read_record (key, value, out, reported))
        return FALSE;
    }
}

/* Running the helper */

static const char *
helper_path (void)
{
  const char *path = g_getenv ("SCHOLIA_PDF_HELPER");

  /* Tests and the build tree name the helper; an installed Scholia has it in libexecdir. */
  return path != NULL && path[0] != '\0' ? path : LIBEXECDIR G_DIR_SEPARATOR_S HELPER_NAME;
}

/* The reader kept between PDFs, with the path it was started from; used by one import at a
 * time, under the lock. */
static GMutex       kept_lock;
static GSubprocess *kept_reader;
static char        *kept_path;

static GSubprocess *
start_reader (const char  *path,
              const char  *name,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GSubprocess *reader;

  /* A reader that dies while a request is being written must not take Scholia with it, as
   * SIGPIPE would; GLib ignores it the same way for sockets. */
  signal (SIGPIPE, SIG_IGN);

  reader = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                             | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                             &local_error, path, NULL);
  if (reader == NULL)
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO,
                 _("Could not read “%s”: the PDF reader %s could not be started (%s)"),
                 name, path, local_error->message);
  return reader;
}

/* Lets an idle reader go: at the end of its input it exits. */
static void
retire_reader (GSubprocess *reader)
{
  g_output_stream_close (g_subprocess_get_stdin_pipe (reader), NULL, NULL);
  g_subprocess_wait (reader, NULL, NULL);
  g_object_unref (reader);
}

/* Kills a reader that is stopped, failed or busy beyond its time, and reaps it. */
static void
kill_reader (GSubprocess *reader)
{
  g_subprocess_force_exit (reader);
  g_subprocess_wait (reader, NULL, NULL);
}

typedef struct
{
  GInputStream *output;     /* the reader's */
  GCancellable *stop;
  GByteArray   *answer;
  gsize         scanned;    /* how much of the answer scan_frames() has read */
  GError       *error;
  guint         pending;    /* asynchronous calls not yet finished */
  gboolean      written;
  gboolean      answered;
  gboolean      closed;     /* the reader's output ended before the answer did */
  gboolean      garbled;    /* the answer is not one Scholia can read */
  gboolean      timed_out;
} Conversation;

static void read_more (Conversation *talk);

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Conversation *talk = user_data;
  GError *error = NULL;

  talk->pending--;
  if (g_output_stream_writev_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    talk->written = TRUE;
  else if (talk->error == NULL)
    talk->error = error;
  else
    g_error_free (error);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Conversation *talk = user_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  talk->pending--;
  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      if (talk->error == NULL)
        talk->error = error;
      else
        g_error_free (error);
      return;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      talk->closed = TRUE;
      return;
    }

  g_byte_array_append (talk->answer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  switch (scan_frames (talk->answer, &talk->scanned))
    {
    case RECORD_READ:
      talk->answered = TRUE;
      break;
    case RECORD_INCOMPLETE:
      read_more (talk);
      break;
    case RECORD_MALFORMED:
      talk->garbled = TRUE;
      break;
    }
}

static void
read_more (Conversation *talk)
{
  talk->pending++;
  g_input_stream_read_bytes_async (talk->output, 256 * 1024, G_PRIORITY_DEFAULT, talk->stop,
                                   on_read, talk);
}

static gboolean
on_time_limit (gpointer user_data)
{
  Conversation *talk = user_data;

  talk->timed_out = TRUE;
  g_cancellable_cancel (talk->stop);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              GCancellable *stop)
{
  g_cancellable_cancel (stop);
}

/* Sends @bytes to @reader and waits for its whole answer in a main context of our own (this
 * runs in a worker thread, or in the CLI without a main loop), giving up on @cancellable or
 * the time limit. */
static void
converse (GSubprocess  *reader,
          GBytes       *bytes,
          const char   *name,
          GCancellable *cancellable,
          Conversation *talk)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) timeout = NULL;
  g_autofree char *header = NULL;
  guint limit = g_atomic_int_get (&time_limit);
  gulong handler = 0;
  GOutputVector request[3];

  header = g_strdup_printf ("%" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT "\n", strlen (name),
                            g_bytes_get_size (bytes));
  request[0] = (GOutputVector) { header, strlen (header) };
  request[1] = (GOutputVector) { name, strlen (name) };
  request[2] = (GOutputVector) { g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) };

  g_main_context_push_thread_default (context);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), talk->stop, NULL);
  if (limit > 0)
    {
      timeout = g_timeout_source_new (MIN ((guint64) limit * 1000, G_MAXUINT));
      g_source_set_callback (timeout, on_time_limit, talk, NULL);
      g_source_attach (timeout, context);
    }

  talk->output = g_subprocess_get_stdout_pipe (reader);
  talk->pending++;
  g_output_stream_writev_all_async (g_subprocess_get_stdin_pipe (reader), request, 3,
                                    G_PRIORITY_DEFAULT, talk->stop, on_written, talk);
  read_more (talk);

  while (!(talk->written && talk->answered) && !talk->closed && !talk->garbled
         && talk->error == NULL)
    g_main_context_iteration (context, TRUE);

  /* Nothing may still be running on @talk when it goes. */
  g_cancellable_cancel (talk->stop);
  while (talk->pending > 0)
    g_main_context_iteration (context, TRUE);

  if (timeout != NULL)
    g_source_destroy (timeout);
  g_cancellable_disconnect (cancellable, handler);
  g_main_context_pop_thread_default (context);
}

/* Why @reader, now killed and reaped, gave no whole answer. */
static void
set_reader_error (GSubprocess   *reader,
                  Conversation  *talk,
                  const char    *name,
                  GCancellable  *cancellable,
                  GError       **error)
{
  guint limit = g_atomic_int_get (&time_limit);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return;

  if (talk->timed_out)
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TIMED_OUT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "“%s” took longer than %u second to read and was skipped",
                              "“%s” took longer than %u seconds to read and was skipped", limit),
                 name, limit);
  else if (talk->garbled)
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED,
                 _("Could not read “%s”: the PDF reader’s answer was garbled"), name);
  else if (g_subprocess_get_if_signaled (reader))
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                 _("“%s” could not be read: the PDF reader stopped on it (%s); the file may be "
                   "damaged"),
                 name, g_strsignal (g_subprocess_get_term_sig (reader)));
  else if (talk->error != NULL)
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO, _("Could not read “%s”: %s"), name,
                 talk->error->message);
  else
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                 _("“%s” could not be read: the PDF reader failed on it (exit status %d); the "
                   "file may be damaged"),
                 name, g_subprocess_get_exit_status (reader));
}

/* The kept reader when it is free, alive and from the same path; else a reader of the caller's
 * own (*@kept FALSE). NULL with @error set when none can be started. */
static GSubprocess *
take_reader (const char  *name,
             gboolean    *kept,
             GError     **error)
{
  const char *path = helper_path ();

  *kept = g_mutex_trylock (&kept_lock);
  if (!*kept)
    return start_reader (path, name, error);

  /* A reader that exited since (its identifier is gone once it is reaped), or one from another
   * path, is replaced. */
  if (kept_reader != NULL
      && (g_strcmp0 (kept_path, path) != 0 || g_subprocess_get_identifier (kept_reader) == NULL))
    {
      g_clear_pointer (&kept_reader, retire_reader);
      g_clear_pointer (&kept_path, g_free);
    }
  if (kept_reader == NULL)
    {
      kept_reader = start_reader (path, name, error);
      if (kept_reader == NULL)
        {
          g_mutex_unlock (&kept_lock);
          return NULL;
        }
      kept_path = g_strdup (path);
    }

  return g_object_ref (kept_reader);
}

/* Keeps a reader that answered for the next PDF; one that did not is already killed. */
static void
give_back_reader (GSubprocess *reader,
                  gboolean     kept,
                  gboolean     answered)
{
  if (kept)
    {
      if (!answered)
        {
          g_clear_object (&kept_reader);
          g_clear_pointer (&kept_path, g_free);
        }
      g_mutex_unlock (&kept_lock);
      g_object_unref (reader);
    }
  else if (answered)
    {
      retire_reader (reader);
    }
  else
    {
      g_object_unref (reader);
    }
}

gboolean
_scholia_import_pdf (GBytes               *bytes,
                     const char           *name,
                     ScholiaImportedText  *out,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  Conversation talk = { NULL, stop, answer, 0, NULL, 0, FALSE, FALSE, FALSE, FALSE, FALSE };
  g_autoptr(GError) reported = NULL;
  GSubprocess *reader;
  gboolean kept;
  gboolean answered;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  reader = take_reader (name, &kept, error);
  if (reader == NULL)
    return FALSE;

  converse (reader, bytes, name, cancellable, &talk);
  answered = talk.written && talk.answered && talk.error == NULL;
  if (!answered)
    {
      kill_reader (reader);
      set_reader_error (reader, &talk, name, cancellable, error);
    }
  give_back_reader (reader, kept, answered);
  g_clear_error (&talk.error);
  if (!answered)
    return FALSE;

  if (!read_frames (answer, out, &reported))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED,
                   _("Could not read “%s”: the PDF reader’s answer was garbled"), name);
      return FALSE;
    }
  if (reported != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&reported));
      return FALSE;
    }

  return TRUE;
}
