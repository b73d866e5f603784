/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-import-private.h"
#include "scholia-refi-zip.h"
#include "scholia-text-check.h"

/* Reading a .qdpx. Paths are compared case-folded (ASCII), so that sources/ and Sources/, as
 * different programs write them, are the same folder; a zip of many sources is read in one pass
 * and each text kept, never more than a cap each (a zip bomb inflates to gigabytes). */

#define MAX_ENTRY_BYTES (256 * 1024 * 1024)
#define READ_BLOCK_BYTES (64 * 1024)

struct _ScholiaRefiZip
{
  GHashTable *entries;   /* folded path → GBytes */
  GPtrArray  *projects;  /* folded paths of the *.qde entries */
};

void
scholia_refi_zip_free (ScholiaRefiZip *zip)
{
  g_hash_table_unref (zip->entries);
  g_ptr_array_unref (zip->projects);
  g_free (zip);
}

/* Text and XML are read; originals and media are not needed. */
static gboolean
is_wanted (const char *folded)
{
  static const char * const suffixes[] = { ".qde", ".txt", ".text", ".xml" };

  if (g_str_has_prefix (folded, "__macosx/"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (folded, suffixes[i]))
      return TRUE;
  return FALSE;
}

static GBytes *
read_entry (struct archive        *archive,
            struct archive_entry  *entry,
            const char            *name,
            GError               **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 block[READ_BLOCK_BYTES];

  for (;;)
    {
      la_ssize_t n = archive_read_data (archive, block, sizeof block);

      if (n == 0)
        break;
      if (n < 0)
        {
          _scholia_zip_set_damaged_error (archive, name, error);
          return NULL;
        }
      if (data->len + (gsize) n > MAX_ENTRY_BYTES)
        {
          g_autofree char *shown = scholia_text_printable (archive_entry_pathname (entry));

          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE,
                       _("“%s” cannot be imported: its part “%s” unpacks to more than 256 MiB"), name, shown);
          return NULL;
        }
      g_byte_array_append (data, block, n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

ScholiaRefiZip *
scholia_refi_zip_open (const char  *path,
                       GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  ScholiaRefiZip *zip;
  struct archive *archive;
  struct archive_entry *entry;
  gboolean ok = TRUE;
  int status;

  archive = archive_read_new ();
  archive_read_support_format_zip (archive);
  if (archive_read_open_filename (archive, path, READ_BLOCK_BYTES) != ARCHIVE_OK)
    {
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND, _("“%s” does not exist"), name);
      else
        _scholia_zip_set_damaged_error (archive, name, error);
      archive_read_free (archive);
      return NULL;
    }

  zip = g_new0 (ScholiaRefiZip, 1);
  zip->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  zip->projects = g_ptr_array_new_with_free_func (g_free);
  while (ok && (status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *entry_path = archive_entry_pathname (entry);
      g_autofree char *folded = NULL;
      GBytes *content;

      if (entry_path == NULL || archive_entry_filetype (entry) != AE_IFREG)
        continue;
      folded = g_ascii_strdown (entry_path, -1);
      if (!is_wanted (folded) || g_hash_table_contains (zip->entries, folded))
        continue;
      if (archive_entry_is_encrypted (entry))
        {
          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_ENCRYPTED,
                       _("“%s” is protected by a password: export the project again without one"), name);
          ok = FALSE;
          break;
        }
      content = read_entry (archive, entry, name, error);
      if (content == NULL)
        ok = FALSE;
      else
        {
          if (g_str_has_suffix (folded, ".qde"))
            g_ptr_array_add (zip->projects, g_strdup (folded));
          g_hash_table_insert (zip->entries, g_steal_pointer (&folded), content);
        }
    }
  if (ok && status != ARCHIVE_EOF)
    {
      _scholia_zip_set_damaged_error (archive, name, error);
      ok = FALSE;
    }
  archive_read_free (archive);
  if (!ok)
    {
      scholia_refi_zip_free (zip);
      return NULL;
    }
  return zip;
}

GBytes *
scholia_refi_zip_get_project (ScholiaRefiZip  *zip,
                              const char      *display_name,
                              GError         **error)
{
  if (zip->projects->len == 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” is not a REFI-QDA project: it holds no .qde file"), display_name);
      return NULL;
    }
  if (zip->projects->len > 1)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   /* Translators: the archive's name, how many project files it holds and the
                    * first two; ".qde" is a file extension and "REFI-QDA" a standard's name: keep them. */
                   g_dngettext (GETTEXT_PACKAGE, "“%s” holds %u .qde file (%s, %s…): a REFI-QDA project has one",
                                "“%s” holds %u .qde files (%s, %s…): a REFI-QDA project has one", zip->projects->len),
                   display_name,
                   zip->projects->len, (const char *) g_ptr_array_index (zip->projects, 0),
                   (const char *) g_ptr_array_index (zip->projects, 1));
      return NULL;
    }
  return g_hash_table_lookup (zip->entries, g_ptr_array_index (zip->projects, 0));
}

GBytes *
scholia_refi_zip_lookup (ScholiaRefiZip *zip,
                         const char     *path,
                         gboolean        in_sources)
{
  g_autofree char *folded = g_ascii_strdown (path, -1);
  g_autofree char *key = in_sources ? g_strconcat ("sources/", folded, NULL) : g_steal_pointer (&folded);

  return g_hash_table_lookup (zip->entries, key);
}
