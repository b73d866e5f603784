/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-support.h"

#include <string.h>

#include "scholia-error.h"

/* A critical (a g_return_if_fail that failed) is a bug the fuzzer found: abort, which
 * libFuzzer catches and saves the input for. G_DEBUG=fatal-criticals would raise SIGTRAP
 * instead, which libFuzzer does not catch. */
static GLogWriterOutput
write_log (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      for (gsize i = 0; i < n_fields; i++)
        if (strcmp (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
          fprintf (stderr, "fuzz: critical: %s\n", (const char *) fields[i].value);
      abort ();
    }
  return output;
}

__attribute__((constructor)) static void
fuzz_set_up_logging (void)
{
  g_log_set_writer_func (write_log, NULL, NULL);
}

guint8
fuzz_input_take_byte (FuzzInput *input)
{
  guint8 byte;

  if (input->size == 0)
    return 0;
  byte = input->data[0];
  input->data++;
  input->size--;
  return byte;
}

guint
fuzz_input_take_u16 (FuzzInput *input)
{
  guint high = fuzz_input_take_byte (input);

  return high << 8 | fuzz_input_take_byte (input);
}

/* The bytes up to the next separator (or the end), made valid UTF-8: the core takes UTF-8
 * only, and what enters it from files and arguments is checked before. */
char *
fuzz_input_take_string (FuzzInput *input)
{
  const guint8 *end = memchr (input->data, FUZZ_SEPARATOR, input->size);
  gsize length = end != NULL ? (gsize) (end - input->data) : input->size;
  char *string = g_utf8_make_valid ((const char *) input->data, length);

  input->data += length;
  input->size -= length;
  if (end != NULL)
    fuzz_input_take_byte (input);
  return string;
}

char *
fuzz_input_take_rest (FuzzInput *input)
{
  char *string = g_utf8_make_valid ((const char *) input->data, input->size);

  input->data += input->size;
  input->size = 0;
  return string;
}

/* A private folder under $TMPDIR for files a target needs on disk (a library, an input that
 * the code under test reads by name). */
char *
fuzz_make_directory (const char *prefix)
{
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);
  g_autoptr(GError) error = NULL;
  char *directory = g_dir_make_tmp (template, &error);

  fuzz_check (directory != NULL, "%s", error->message);
  return directory;
}

char *
fuzz_make_file (const char   *directory,
                const char   *basename,
                const guint8 *data,
                gsize         size)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (directory, basename, NULL);

  /* Written in place, without fsync: thousands of these a second. */
  fuzz_check (g_file_set_contents_full (path, (const char *) data, size, G_FILE_SET_CONTENTS_NONE,
                                        0600, &error), "%s", error->message);
  return path;
}

/* Control characters that a metadata field (printed on one line, in terminals too) must not
 * hold: C0, DEL and C1, as scholia_import_bytes() tidies them. */
static gboolean
is_clean_or_null (const char *field)
{
  if (field == NULL)
    return TRUE;
  if (!g_utf8_validate (field, -1, NULL))
    return FALSE;
  for (const char *p = field; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return FALSE;
    }
  return TRUE;
}

void
fuzz_check_error (GError *error)
{
  fuzz_check (error != NULL, "an import failed without saying why");
  fuzz_check (error->domain == SCHOLIA_ERROR, "error outside SCHOLIA_ERROR: %s", error->message);
  fuzz_check (error->message != NULL && g_utf8_validate (error->message, -1, NULL),
              "an error message that is not UTF-8");
}

/* The importers' rule for a text (_scholia_import_finish_text): C0 controls go but tab and
 * line end, form feeds having become line ends; DEL and C1 stay, since C1 can be what a
 * Latin-1 file really holds. The page ranges must follow each other inside the text. */
void
fuzz_check_text (ScholiaImportedText *imported)
{
  glong length;
  int previous_end = 0;

  fuzz_check (imported->text != NULL && imported->text[0] != '\0', "an empty text was imported");
  fuzz_check (g_utf8_validate (imported->text, -1, NULL), "the imported text is not UTF-8");
  for (const char *p = imported->text; *p != '\0'; p++)
    fuzz_check ((guchar) *p >= 0x20 || *p == '\n' || *p == '\t',
                "the imported text holds the control character 0x%02x", *p);

  if (imported->pages == NULL)
    return;
  length = g_utf8_strlen (imported->text, -1);
  for (guint i = 0; i < imported->pages->len; i++)
    {
      const ScholiaPageRange *page = &g_array_index (imported->pages, ScholiaPageRange, i);

      fuzz_check (page->start >= previous_end && page->start <= page->end && page->end <= length,
                  "page %u covers %d-%d after %d in a text of %ld characters", i, page->start,
                  page->end, previous_end, length);
      previous_end = page->end;
    }
}

/* What every import must give, whatever the input: either a text the store can hold (UTF-8,
 * LF line ends, no C0 control characters but tab and newline), with page ranges a citation can
 * trust, and clean metadata, or an error that names the reason. */
void
fuzz_check_import (ScholiaImportedText *imported,
                   GError              *error)
{
  if (imported == NULL)
    {
      fuzz_check_error (error);
      return;
    }

  fuzz_check (error == NULL, "an import succeeded and set an error: %s", error->message);
  fuzz_check (imported->format != NULL, "an import without a format");
  fuzz_check (is_clean_or_null (imported->title) && is_clean_or_null (imported->author) &&
              is_clean_or_null (imported->date) && is_clean_or_null (imported->source),
              "metadata that is not UTF-8 or holds control characters");
  fuzz_check_text (imported);
}

#define FUZZ_TEXT \
  "The Decline of Varnholm\n\n" \
  "Varnholm's harbour dues doubled in 1712, and the river port lost its trade to Łódź and " \
  "Gdańsk within a generation: the mills fell silent, the weavers left. Historians disagree " \
  "about why the port declined; the harbour dues are only one answer.\n\n" \
  "Café owners on the quay kept ledgers that survive; they show trade declining before 1712."

ScholiaDocument *
fuzz_add_document (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  document = scholia_store_add_document (store, "The Decline of Varnholm", "Helena Marwick", "1956",
                                         FUZZ_DOCUMENT_SOURCE, FUZZ_TEXT, NULL, &error);
  fuzz_check (document != NULL, "%s", error->message);
  return document;
}

ScholiaStore *
fuzz_open_store (ScholiaDocument **document)
{
  g_autofree char *directory = fuzz_make_directory ("scholia-fuzz");
  g_autofree char *path = g_build_filename (directory, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  ScholiaStore *store = scholia_store_open (path, &error);

  fuzz_check (store != NULL, "%s", error->message);
  *document = fuzz_add_document (store);
  return store;
}
