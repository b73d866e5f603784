/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-import-private.h"
#include "scholia-text-check.h"

/* Word (DOCX) and OpenDocument (ODT) documents: both are zip archives of XML. The entries we
 * need are read with libarchive, never more than a cap each (a zip bomb declares or inflates to
 * gigabytes), and their XML is walked with GMarkup for paragraphs and metadata. */

#define MAX_ENTRY_BYTES (256 * 1024 * 1024)
#define READ_BLOCK_BYTES (64 * 1024)
#define ODT_MIMETYPE "application/vnd.oasis.opendocument.text"

static const char * const wanted_entries[] = {
  "[Content_Types].xml", "word/document.xml", "docProps/core.xml",  /* DOCX */
  "mimetype", "content.xml", "meta.xml",                             /* ODT */
};

/* Reading the archive */

static gboolean
is_wanted (const char *path)
{
  for (gsize i = 0; i < G_N_ELEMENTS (wanted_entries); i++)
    if (g_strcmp0 (path, wanted_entries[i]) == 0)
      return TRUE;
  return FALSE;
}

void
_scholia_zip_set_damaged_error (struct archive  *archive,
                                const char      *name,
                                GError         **error)
{
  const char *reason = archive_error_string (archive);
  /* libarchive may quote the archive's own bytes, such as an entry's name. */
  g_autofree char *shown = scholia_text_printable (reason != NULL ? reason : _("unknown error"));

  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
               _("“%s” is damaged: it could not be read as a zip archive (%s)"), name, shown);
}

static void
set_too_large_error (const char  *name,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *limit = g_format_size_full (MAX_ENTRY_BYTES, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE,
               /* Translators: the file’s name, the name of a part inside the archive and a size
                * such as “256 MB” */
               _("“%s” cannot be imported: its part “%s” unpacks to more than %s, which no "
                 "real document needs"), name, path, limit);
}

static void
set_encrypted_error (const char  *name,
                     GError     **error)
{
  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_ENCRYPTED,
               _("“%s” is protected by a password: open it in your word processor, save a copy "
                 "without the password and import that"), name);
}

static GBytes *
read_entry (struct archive        *archive,
            struct archive_entry  *entry,
            const char            *name,
            GError               **error)
{
  const char *path = archive_entry_pathname (entry);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 block[READ_BLOCK_BYTES];

  if (archive_entry_size_is_set (entry) && archive_entry_size (entry) > MAX_ENTRY_BYTES)
    {
      set_too_large_error (name, path, error);
      return NULL;
    }

  /* The declared size can lie: count what really comes out. */
  for (;;)
    {
      la_ssize_t n = archive_read_data (archive, block, sizeof block);

      if (n == 0)
        break;
      if (n < 0)
        {
          if (archive_entry_is_encrypted (entry))
            set_encrypted_error (name, error);
          else
            _scholia_zip_set_damaged_error (archive, name, error);
          return NULL;
        }
      if (data->len + (gsize) n > MAX_ENTRY_BYTES)
        {
          set_too_large_error (name, path, error);
          return NULL;
        }
      g_byte_array_append (data, block, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Returns the wanted entries by path. */
static GHashTable *
read_archive (GBytes        *bytes,
              const char    *name,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_bytes_unref);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);
  gboolean ok = TRUE;
  int status;

  archive_read_support_format_zip (archive);
  if (archive_read_open_memory (archive, data, length) != ARCHIVE_OK)
    {
      _scholia_zip_set_damaged_error (archive, name, error);
      archive_read_free (archive);
      return NULL;
    }

  while (ok && (status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *path = archive_entry_pathname (entry);
      GBytes *content;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (!is_wanted (path) || g_hash_table_contains (entries, path))
        continue;
      if (archive_entry_is_encrypted (entry))
        {
          set_encrypted_error (name, error);
          ok = FALSE;
          break;
        }

      content = read_entry (archive, entry, name, error);
      if (content == NULL)
        ok = FALSE;
      else
        g_hash_table_insert (entries, g_strdup (path), content);
    }

  if (ok && status != ARCHIVE_EOF)
    {
      _scholia_zip_set_damaged_error (archive, name, error);
      ok = FALSE;
    }

  archive_read_free (archive);
  return ok ? g_steal_pointer (&entries) : NULL;
}

/* Walking the XML */

typedef struct
{
  GString    *text;             /* the result */
  GString    *paragraph;
  gboolean    in_paragraph;
  gboolean    collect;          /* inside an element whose character data is text */
  gboolean    pending_space;    /* ODF collapses whitespace as HTML does */
  gboolean    collapse_spaces;
  gboolean    list_item;
  char       *style;
  int         skip_depth;       /* inside notes, text boxes, deleted or alternative content */
  char       *title;            /* the first paragraph styled as a title or heading */
  gboolean    title_is_heading; /* a Title style may still replace it */
  const char *skipped[6];
} Body;

static gboolean
is_skipped (Body       *body,
            const char *element)
{
  for (gsize i = 0; i < G_N_ELEMENTS (body->skipped) && body->skipped[i] != NULL; i++)
    if (strcmp (element, body->skipped[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *
parent_element (GMarkupParseContext *context)
{
  const GSList *stack = g_markup_parse_context_get_element_stack (context);

  return stack != NULL && stack->next != NULL ? stack->next->data : NULL;
}

static const char *
find_attribute (const char **names,
                const char **values,
                const char  *wanted)
{
  for (gsize i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], wanted) == 0)
      return values[i];
  return NULL;
}

static void
body_append (Body       *body,
             const char *text,
             gsize       length)
{
  if (!body->collapse_spaces)
    {
      g_string_append_len (body->paragraph, text, length);
      return;
    }

  for (const char *p = text; p < text + length; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        {
          body->pending_space = TRUE;
          continue;
        }
      if (body->pending_space && body->paragraph->len > 0)
        g_string_append_c (body->paragraph, ' ');
      body->pending_space = FALSE;
      g_string_append_c (body->paragraph, *p);
    }
}

/* A character that no whitespace collapsing may touch: text:s, text:tab, w:br… */
static void
body_append_literal (Body       *body,
                     const char *text)
{
  if (body->pending_space && body->paragraph->len > 0)
    g_string_append_c (body->paragraph, ' ');
  body->pending_space = FALSE;
  g_string_append (body->paragraph, text);
}

static void
body_start_paragraph (Body *body)
{
  g_string_truncate (body->paragraph, 0);
  g_clear_pointer (&body->style, g_free);
  body->in_paragraph = TRUE;
  body->pending_space = FALSE;
}

static void
body_end_paragraph (Body     *body,
                    gboolean  is_title,
                    gboolean  is_heading)
{
  g_autofree char *stripped = g_strstrip (g_strdup (body->paragraph->str));

  body->in_paragraph = FALSE;
  if (stripped[0] == '\0')
    return;

  if (is_title && (body->title == NULL || body->title_is_heading))
    {
      g_free (body->title);
      body->title = g_strdup (stripped);
      body->title_is_heading = FALSE;
    }
  else if (is_heading && body->title == NULL)
    {
      body->title = g_strdup (stripped);
      body->title_is_heading = TRUE;
    }

  if (body->list_item)
    g_string_prepend (body->paragraph, "- ");
  body->list_item = FALSE;
  _scholia_import_add_paragraph (body->text, body->paragraph->str, body->paragraph->len);
}

static void
body_text (GMarkupParseContext  *context,
           const char           *text,
           gsize                 length,
           gpointer              user_data,
           GError              **error)
{
  Body *body = user_data;

  if (body->skip_depth == 0 && body->in_paragraph && body->collect)
    body_append (body, text, length);
}

static gboolean
body_skip_start (Body       *body,
                 const char *element)
{
  if (body->skip_depth > 0 || is_skipped (body, element))
    {
      body->skip_depth++;
      return TRUE;
    }
  return FALSE;
}

static void
body_skip_end (Body *body)
{
  if (body->skip_depth > 0)
    body->skip_depth--;
}

/* DOCX: w:p paragraphs of w:r runs of w:t text. */

static void
docx_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              user_data,
            GError              **error)
{
  Body *body = user_data;
  const char *parent = parent_element (context);

  if (body_skip_start (body, element))
    return;

  if (strcmp (element, "w:p") == 0)
    body_start_paragraph (body);
  else if (strcmp (element, "w:t") == 0)
    body->collect = TRUE;
  else if (strcmp (element, "w:pStyle") == 0 && body->in_paragraph && body->style == NULL)
    body->style = g_strdup (find_attribute (names, values, "w:val"));
  else if (strcmp (element, "w:numPr") == 0 && body->in_paragraph)
    body->list_item = TRUE;
  else if (g_strcmp0 (parent, "w:r") != 0 || !body->in_paragraph)
    return;
  /* Inside a run only: w:tab also names tab stops in paragraph properties. */
  else if (strcmp (element, "w:tab") == 0)
    body_append_literal (body, "\t");
  else if (strcmp (element, "w:br") == 0 || strcmp (element, "w:cr") == 0)
    body_append_literal (body, "\n");
  else if (strcmp (element, "w:noBreakHyphen") == 0)
    body_append_literal (body, "-");
}

static void
docx_end (GMarkupParseContext  *context,
          const char           *element,
          gpointer              user_data,
          GError              **error)
{
  Body *body = user_data;

  if (body->skip_depth > 0)
    {
      body_skip_end (body);
      return;
    }

  if (strcmp (element, "w:t") == 0)
    {
      body->collect = FALSE;
    }
  else if (strcmp (element, "w:p") == 0 && body->in_paragraph)
    {
      const char *style = body->style != NULL ? body->style : "";

      body_end_paragraph (body, g_ascii_strcasecmp (style, "Title") == 0,
                          g_ascii_strcasecmp (style, "Heading1") == 0);
    }
}

/* ODT: text:p and text:h, with text:span inside, and whitespace as in HTML. */

static void
odt_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  Body *body = user_data;

  if (body_skip_start (body, element))
    return;

  if (strcmp (element, "text:p") == 0 || strcmp (element, "text:h") == 0)
    {
      if (!body->in_paragraph)
        {
          gboolean list_item = body->list_item;

          body_start_paragraph (body);
          body->list_item = list_item;
          body->style = g_strdup (find_attribute (names, values, "text:style-name"));
        }
      body->collect = TRUE;
    }
  else if (strcmp (element, "text:list-item") == 0)
    {
      body->list_item = TRUE;
    }
  else if (!body->in_paragraph)
    {
      return;
    }
  else if (strcmp (element, "text:s") == 0)
    {
      const char *count = find_attribute (names, values, "text:c");
      guint64 n = count != NULL ? g_ascii_strtoull (count, NULL, 10) : 1;

      for (guint64 i = 0; i < CLAMP (n, 1, 1000); i++)
        body_append_literal (body, " ");
    }
  else if (strcmp (element, "text:tab") == 0)
    {
      body_append_literal (body, "\t");
    }
  else if (strcmp (element, "text:line-break") == 0)
    {
      body_append_literal (body, "\n");
    }
}

static void
odt_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  Body *body = user_data;
  gboolean heading;

  if (body->skip_depth > 0)
    {
      body_skip_end (body);
      return;
    }

  heading = strcmp (element, "text:h") == 0;
  if ((heading || strcmp (element, "text:p") == 0) && body->in_paragraph)
    {
      body->collect = FALSE;
      body_end_paragraph (body, g_strcmp0 (body->style, "Title") == 0, heading);
    }
}

static gboolean
parse_xml (const GMarkupParser  *parser,
           gpointer              user_data,
           GBytes               *xml,
           const char           *name,
           const char           *path,
           GError              **error)
{
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (parser, 0, user_data,
                                                                        NULL);
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (xml, &length);

  /* An empty part has no data pointer at all, which GMarkup refuses without an error. */
  if (length == 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” is damaged: its part “%s” is empty"), name, path);
      return FALSE;
    }

  if (!g_markup_parse_context_parse (context, data, length, &local_error)
      || !g_markup_parse_context_end_parse (context, &local_error))
    {
      /* GMarkup quotes the bytes it choked on, invalid UTF-8 included. */
      g_autofree char *shown = scholia_text_printable (local_error != NULL
                                                       ? local_error->message
                                                       : _("unknown error"));

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” is damaged: its part “%s” is not well-formed XML (%s)"),
                   name, path, shown);
      return FALSE;
    }

  return TRUE;
}

/* Metadata: the text of a few elements, whatever their depth. */

typedef struct
{
  const char *element;
  char      **field;
} MetaField;

typedef struct
{
  const MetaField *fields;
  gsize            n_fields;
  char           **current;
} Meta;

static void
meta_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              user_data,
            GError              **error)
{
  Meta *meta = user_data;

  meta->current = NULL;
  for (gsize i = 0; i < meta->n_fields; i++)
    if (strcmp (element, meta->fields[i].element) == 0 && *meta->fields[i].field == NULL)
      meta->current = meta->fields[i].field;
}

static void
meta_end (GMarkupParseContext  *context,
          const char           *element,
          gpointer              user_data,
          GError              **error)
{
  Meta *meta = user_data;

  if (meta->current != NULL && *meta->current != NULL
      && g_strstrip (*meta->current)[0] == '\0')
    g_clear_pointer (meta->current, g_free);
  meta->current = NULL;
}

static void
meta_text (GMarkupParseContext  *context,
           const char           *text,
           gsize                 length,
           gpointer              user_data,
           GError              **error)
{
  Meta *meta = user_data;
  g_autofree char *old = NULL;
  g_autofree char *piece = NULL;

  if (meta->current == NULL)
    return;
  old = *meta->current;
  piece = g_strndup (text, length);
  *meta->current = old != NULL ? g_strconcat (old, piece, NULL) : g_steal_pointer (&piece);
}

static const GMarkupParser meta_parser = { meta_start, meta_end, meta_text, NULL, NULL };

/* Creation dates are file dates, not publication dates: only the year is a fair guess. */
static char *
year_of (char *timestamp)
{
  char *year = NULL;

  if (timestamp != NULL && strlen (timestamp) >= 4 && g_ascii_isdigit (timestamp[0])
      && g_ascii_isdigit (timestamp[1]) && g_ascii_isdigit (timestamp[2])
      && g_ascii_isdigit (timestamp[3]))
    year = g_strndup (timestamp, 4);

  g_free (timestamp);
  return year;
}

static void
read_metadata (GHashTable      *entries,
               const char      *path,
               const MetaField *fields,
               gsize            n_fields,
               const char      *name)
{
  GBytes *xml = g_hash_table_lookup (entries, path);
  Meta meta = { fields, n_fields, NULL };

  /* Metadata is optional; a damaged metadata part costs only the guesses. */
  if (xml != NULL && !parse_xml (&meta_parser, &meta, xml, name, path, NULL))
    for (gsize i = 0; i < n_fields; i++)
      g_clear_pointer (fields[i].field, g_free);
}

static gboolean
read_body (GHashTable           *entries,
           const char           *path,
           const GMarkupParser  *parser,
           Body                 *body,
           const char           *name,
           ScholiaImportedText  *out,
           GError              **error)
{
  GBytes *xml = g_hash_table_lookup (entries, path);
  gboolean ok;

  if (xml == NULL)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” is damaged: its part “%s” is missing"), name, path);
      return FALSE;
    }

  body->text = g_string_new (NULL);
  body->paragraph = g_string_new (NULL);
  ok = parse_xml (parser, body, xml, name, path, error);

  if (ok)
    {
      out->text = _scholia_import_finish_text (g_string_free (body->text, FALSE));
      if (out->title == NULL)
        out->title = _scholia_import_guess_title (body->title, -1);
    }
  else
    {
      g_string_free (body->text, TRUE);
    }
  g_string_free (body->paragraph, TRUE);
  g_free (body->style);
  g_free (body->title);

  return ok;
}

static gboolean
import_docx (GHashTable           *entries,
             const char           *name,
             ScholiaImportedText  *out,
             GError              **error)
{
  static const GMarkupParser parser = { docx_start, docx_end, body_text, NULL, NULL };
  /* Fallbacks repeat the alternative content; text boxes nest paragraphs in paragraphs;
   * deleted text of tracked changes is not the text. */
  Body body = { .skipped = { "mc:Fallback", "w:txbxContent", "w:del" } };
  char *created = NULL;
  const MetaField fields[] = {
    { "dc:title", &out->title },
    { "dc:creator", &out->author },
    { "dcterms:created", &created },
  };

  read_metadata (entries, "docProps/core.xml", fields, G_N_ELEMENTS (fields), name);
  out->date = year_of (created);
  out->format = g_strdup ("docx");

  return read_body (entries, "word/document.xml", &parser, &body, name, out, error);
}

static gboolean
import_odt (GHashTable           *entries,
            const char           *name,
            ScholiaImportedText  *out,
            GError              **error)
{
  static const GMarkupParser parser = { odt_start, odt_end, body_text, NULL, NULL };
  /* Notes and comments hold paragraphs inside paragraphs; tracked deletions are not the
   * text; frames hold images and text boxes. */
  Body body = { .collapse_spaces = TRUE,
                .skipped = { "text:note", "office:annotation", "text:tracked-changes",
                             "draw:frame" } };
  char *initial_creator = NULL;
  char *creator = NULL;
  char *created = NULL;
  char *date = NULL;
  const MetaField fields[] = {
    { "dc:title", &out->title },
    { "meta:initial-creator", &initial_creator },
    { "dc:creator", &creator },
    { "meta:creation-date", &created },
    { "dc:date", &date },
  };

  read_metadata (entries, "meta.xml", fields, G_N_ELEMENTS (fields), name);
  out->author = initial_creator != NULL ? initial_creator : g_steal_pointer (&creator);
  out->date = year_of (created != NULL ? created : g_steal_pointer (&date));
  g_free (creator);
  g_free (date);
  out->format = g_strdup ("odt");

  return read_body (entries, "content.xml", &parser, &body, name, out, error);
}

gboolean
_scholia_import_zip (GBytes               *bytes,
                     const char           *name,
                     ScholiaImportedText  *out,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autoptr(GHashTable) entries = read_archive (bytes, name, cancellable, error);
  GBytes *mimetype;

  if (entries == NULL)
    return FALSE;

  if (g_hash_table_contains (entries, "word/document.xml")
      && g_hash_table_contains (entries, "[Content_Types].xml"))
    return import_docx (entries, name, out, error);

  mimetype = g_hash_table_lookup (entries, "mimetype");
  if (mimetype != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (mimetype, &length);
      g_autofree char *type = g_strstrip (g_strndup (data != NULL ? data : "", length));

      /* A blank mimetype with the OpenDocument body beside it is a damaged ODT, whose text
       * is still there to read. */
      if (g_str_has_prefix (type, ODT_MIMETYPE)
          || (type[0] == '\0' && g_hash_table_contains (entries, "content.xml")))
        return import_odt (entries, name, out, error);
    }

  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_UNSUPPORTED,
               _("“%s” is a zip archive but not a Word (DOCX) or OpenDocument text (ODT) "
                 "document, so it cannot be imported"), name);
  return FALSE;
}
