/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fuzzes the DOCX or ODT importer (FUZZ_FORMAT) where the bugs are: in the XML. Raw zip bytes
 * would mostly be refused by libarchive before any XML is read, so the input is one XML part
 * and the target wraps it, with valid other parts, into a zip in memory. The input's first
 * byte picks the part: even for the body (word/document.xml, content.xml), odd for the
 * metadata (docProps/core.xml, meta.xml); the rest is the part's bytes. */

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "fuzz-support.h"

typedef struct
{
  const char *path;
  const char *contents;
} Part;

#define DOCX_CONTENT_TYPES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
  "<Override PartName=\"/word/document.xml\" ContentType=\"application/" \
  "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
#define DOCX_BODY \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">" \
  "<w:body><w:p><w:r><w:t>The port of Varnholm.</w:t></w:r></w:p></w:body></w:document>"
#define DOCX_META \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/" \
  "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Decline</dc:title>" \
  "</cp:coreProperties>"
#define ODT_MIMETYPE "application/vnd.oasis.opendocument.text"
#define ODT_BODY \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>" \
  "<text:p>The port of Varnholm.</text:p></office:text></office:body></office:document-content>"
#define ODT_META \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
  "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:meta><dc:title>Decline</dc:title>" \
  "</office:meta></office:document-meta>"

/* The parts in archive order (an ODT's mimetype comes first); the second and third are the
 * body and the metadata that the input may replace. */
static const Part docx_parts[] = {
  { "[Content_Types].xml", DOCX_CONTENT_TYPES },
  { "word/document.xml", DOCX_BODY },
  { "docProps/core.xml", DOCX_META },
};
static const Part odt_parts[] = {
  { "mimetype", ODT_MIMETYPE },
  { "content.xml", ODT_BODY },
  { "meta.xml", ODT_META },
};

static void
add_entry (struct archive *archive,
           const char     *path,
           const void     *data,
           gsize           size)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, path);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  fuzz_check (archive_write_header (archive, entry) == ARCHIVE_OK, "%s", archive_error_string (archive));
  fuzz_check (archive_write_data (archive, data, size) == (la_ssize_t) size, "%s",
              archive_error_string (archive));
  archive_entry_free (entry);
}

/* A zip of @parts with part @replaced's contents being @data. Stored, not deflated: the
 * importer's inflating is libarchive's, not ours, and storing is faster. */
static GBytes *
make_zip (const Part   *parts,
          guint         replaced,
          const guint8 *data,
          gsize         size)
{
  gsize capacity = size + 4096;
  guint8 *buffer = g_malloc (capacity);
  size_t used = 0;
  struct archive *archive = archive_write_new ();

  archive_write_set_format_zip (archive);
  archive_write_set_options (archive, "zip:compression=store");
  fuzz_check (archive_write_open_memory (archive, buffer, capacity, &used) == ARCHIVE_OK, "%s",
              archive_error_string (archive));
  for (guint i = 0; i < 3; i++)
    {
      if (i == replaced)
        add_entry (archive, parts[i].path, data, size);
      else
        add_entry (archive, parts[i].path, parts[i].contents, strlen (parts[i].contents));
    }
  fuzz_check (archive_write_close (archive) == ARCHIVE_OK, "%s", archive_error_string (archive));
  archive_write_free (archive);
  return g_bytes_new_take (buffer, used);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  FuzzInput input = { data, size };
  gboolean docx = strcmp (FUZZ_FORMAT, "docx") == 0;
  guint replaced = (fuzz_input_take_byte (&input) & 1) ? 2 : 1;
  g_autoptr(GBytes) zip = make_zip (docx ? docx_parts : odt_parts, replaced, input.data, input.size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = NULL;

  imported = scholia_import_bytes (zip, docx ? "fuzz.docx" : "fuzz.odt", NULL, &error);
  fuzz_check_import (imported, error);
  return 0;
}
