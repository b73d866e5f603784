/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-import-private.h"

/* PDFs are read in a process of their own, scholia-pdf-text (src/pdf-helper/): poppler calls
 * cannot be interrupted, and a few kilobytes of nested forms can keep poppler busy for hours or
 * crash it. The process is killed when the import is cancelled or runs out of time, and
 * whatever happens to it, Scholia goes on.
 *
 * The helper reads the PDF on its standard input and answers on its standard output: a header
 * line, then records "KEY LENGTH\n" + LENGTH bytes + "\n" with KEY one of title, author, date,
 * text, page ("START END LABEL", one per page in text order) or error ("CODE MESSAGE"), and an
 * empty "end" record last, so that an answer cut short by a crash is never taken for a whole
 * one. */

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

/* Reads the helper's answer into @out, or into @reported when it reported an error. FALSE when
 * the answer is cut short or malformed. */
static gboolean
read_frames (GBytes               *frames,
             ScholiaImportedText  *out,
             GError              **reported)
{
  gsize length;
  const char *p = g_bytes_get_data (frames, &length);
  const char *end = p + length;

  if (length < strlen (FRAMES_HEADER) || memcmp (p, FRAMES_HEADER, strlen (FRAMES_HEADER)) != 0)
    return FALSE;
  p += strlen (FRAMES_HEADER);
  out->pages = scholia_page_ranges_new ();

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *space = eol != NULL ? memchr (p, ' ', eol - p) : NULL;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      char *size_end;
      guint64 size;

      if (space == NULL)
        return FALSE;
      size = g_ascii_strtoull (space + 1, &size_end, 10);
      if (size_end != eol || end - eol < 2 || size > (guint64) (end - eol - 2)
          || eol[size + 1] != '\n')
        return FALSE;

      key = g_strndup (p, space - p);
      value = g_strndup (eol + 1, size);
      p = eol + size + 2;
      if (strlen (value) != size || !g_utf8_validate (value, -1, NULL))
        return FALSE;

      if (strcmp (key, "end") == 0)
        return p == end;
      if (!read_record (key, value, out, reported))
        return FALSE;
    }

  return FALSE;
}

/* Running the helper */

static const char *
helper_path (void)
{
  const char *path = g_getenv ("SCHOLIA_PDF_HELPER");

  /* Tests and the build tree name the helper; an installed Scholia has it in libexecdir. */
  return path != NULL && path[0] != '\0' ? path : LIBEXECDIR G_DIR_SEPARATOR_S HELPER_NAME;
}

typedef struct
{
  GCancellable *stop;
  GBytes       *output;
  GError       *error;
  gboolean      done;
  gboolean      timed_out;
} Run;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;

  g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &run->output, NULL,
                                   &run->error);
  run->done = TRUE;
}

static gboolean
on_time_limit (gpointer user_data)
{
  Run *run = user_data;

  run->timed_out = TRUE;
  g_cancellable_cancel (run->stop);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              GCancellable *stop)
{
  g_cancellable_cancel (stop);
}

/* Feeds @bytes to the helper and waits for its answer in a main context of our own (this runs
 * in a worker thread, or in the CLI without a main loop), stopping it on @cancellable or the
 * time limit. Returns the helper, exited, with its answer in @output; or NULL with @error set. */
static GSubprocess *
run_helper (GBytes        *bytes,
            const char    *name,
            GCancellable  *cancellable,
            GBytes       **output,
            GError       **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GCancellable) stop = NULL;
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GError) local_error = NULL;
  guint limit = g_atomic_int_get (&time_limit);
  gulong handler = 0;
  Run run = { NULL, NULL, NULL, FALSE, FALSE };

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                              | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &local_error, helper_path (), name, NULL);
  if (process == NULL)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO,
                   _("Could not read “%s”: the PDF reader %s could not be started (%s)"),
                   name, helper_path (), local_error->message);
      return NULL;
    }

  context = g_main_context_new ();
  stop = g_cancellable_new ();
  run.stop = stop;
  g_main_context_push_thread_default (context);

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), stop, NULL);
  if (limit > 0)
    {
      timeout = g_timeout_source_new (MIN ((guint64) limit * 1000, G_MAXUINT));
      g_source_set_callback (timeout, on_time_limit, &run, NULL);
      g_source_attach (timeout, context);
    }

  g_subprocess_communicate_async (process, bytes, stop, on_communicated, &run);
  while (!run.done)
    g_main_context_iteration (context, TRUE);

  if (timeout != NULL)
    g_source_destroy (timeout);
  g_cancellable_disconnect (cancellable, handler);
  g_main_context_pop_thread_default (context);

  if (run.error == NULL)
    {
      *output = run.output;
      return g_steal_pointer (&process);
    }

  /* Stopped, or its pipes failed: make sure it is gone, and reaped, before saying so. */
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  g_clear_pointer (&run.output, g_bytes_unref);

  if (g_cancellable_is_cancelled (cancellable))
    g_cancellable_set_error_if_cancelled (cancellable, error);
  else if (run.timed_out)
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TIMED_OUT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "“%s” took longer than %u second to read and was skipped",
                              "“%s” took longer than %u seconds to read and was skipped", limit),
                 name, limit);
  else
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO, _("Could not read “%s”: %s"), name,
                 run.error->message);
  g_error_free (run.error);
  return NULL;
}

gboolean
_scholia_import_pdf (GBytes               *bytes,
                     const char           *name,
                     ScholiaImportedText  *out,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) output = NULL;
  GError *reported = NULL;

  process = run_helper (bytes, name, cancellable, &output, error);
  if (process == NULL)
    return FALSE;

  if (read_frames (output, out, &reported))
    {
      if (reported == NULL)
        return TRUE;
      g_propagate_error (error, reported);
      return FALSE;
    }
  g_clear_error (&reported);

  /* No whole answer: poppler crashed or was killed on this file. */
  if (g_subprocess_get_if_signaled (process))
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                 _("“%s” could not be read: the PDF reader stopped on it (%s); the file may be "
                   "damaged"),
                 name, g_strsignal (g_subprocess_get_term_sig (process)));
  else
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                 _("“%s” could not be read: the PDF reader failed on it (exit status %d); the "
                   "file may be damaged"),
                 name, g_subprocess_get_exit_status (process));
  return FALSE;
}
