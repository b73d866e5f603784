/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "scholia-error.h"
#include "scholia-pdf-qpdf.h"
#include "scholia-pdf-update.h"

/* Where an object of the update starts, counted from the start of the whole file. */
typedef struct
{
  guint   number;
  guint   generation;
  guint64 offset;
} Entry;

struct _ScholiaPdfUpdate
{
  char      *path;
  char      *original;       /* the file as cairo wrote it, which qpdf reads */
  qpdf_data  qpdf;
  guint64    previous_xref;  /* the original's startxref */
  guint      next_number;
  GString   *body;           /* the update, from the first byte after the original */
  gboolean   needs_newline;  /* the original does not end a line */
  guint64    base;           /* where the update starts in the file */
  GArray    *entries;        /* Entry */
  GHashTable *unused;        /* numbers of the original's objects nothing refers to any more */
};

/* The offset after the last "startxref" in @tail, the file's last bytes from @tail_offset on:
 * the cross-reference the update follows. The search runs back byte by byte: a
 * cross-reference stream before it may hold zeros. */
static gboolean
find_previous_xref (const char  *tail,
                    gsize        length,
                    guint64      tail_offset,
                    guint64     *offset)
{
  static const char keyword[] = "startxref";
  gsize n = strlen (keyword);

  for (gsize at = length >= n ? length - n + 1 : 0; at-- > 0;)
    if (memcmp (tail + at, keyword, n) == 0)
      {
        char digits[24] = { 0 };

        memcpy (digits, tail + at + n, MIN (sizeof digits - 1, length - at - n));
        *offset = g_ascii_strtoull (digits, NULL, 10);
        return *offset > 0 && *offset < tail_offset + at;
      }
  return FALSE;
}

static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", display,
               g_strerror (saved_errno));
}

ScholiaPdfUpdate *
scholia_pdf_update_new (const char  *path,
                        GError     **error)
{
  g_autoptr(ScholiaPdfUpdate) update = g_new0 (ScholiaPdfUpdate, 1);
  gsize length, tail;
  qpdf_oh size;

  update->path = g_strdup (path);
  update->body = g_string_sized_new (64 * 1024);
  update->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  update->unused = g_hash_table_new (NULL, NULL);
  if (!g_file_get_contents (path, &update->original, &length, error))
    return NULL;
  tail = length - MIN (length, 4096);
  if (!find_previous_xref (update->original + tail, length - tail, tail, &update->previous_xref))
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO, _("the file ends without a cross-reference"));
      return NULL;
    }
  update->needs_newline = length == 0 || update->original[length - 1] != '\n';
  update->base = length + (update->needs_newline ? 1 : 0);

  /* From memory: reading a file, qpdf seeks before each object it parses. */
  update->qpdf = qpdf_init ();
  qpdf_silence_errors (update->qpdf);
  qpdf_set_suppress_warnings (update->qpdf, QPDF_TRUE);
  qpdf_read_memory (update->qpdf, path, update->original, length, NULL);
  if (!scholia_pdf_qpdf_check (update->qpdf, error))
    return NULL;
  size = qpdf_oh_get_key (update->qpdf, qpdf_get_trailer (update->qpdf), "/Size");
  update->next_number = (guint) MAX (1, qpdf_oh_get_int_value (update->qpdf, size));
  return g_steal_pointer (&update);
}

void
scholia_pdf_update_free (ScholiaPdfUpdate *update)
{
  if (update->qpdf != NULL)
    qpdf_cleanup (&update->qpdf);
  g_free (update->path);
  g_free (update->original);
  g_string_free (update->body, TRUE);
  g_array_unref (update->entries);
  g_hash_table_unref (update->unused);
  g_free (update);
}

const char *
scholia_pdf_update_get_original (ScholiaPdfUpdate *update,
                                 gsize            *length)
{
  *length = update->base - (update->needs_newline ? 1 : 0);
  return update->original;
}

qpdf_data
scholia_pdf_update_get_qpdf (ScholiaPdfUpdate *update)
{
  return update->qpdf;
}

static void
begin_object (ScholiaPdfUpdate *update,
              guint             number,
              guint             generation)
{
  Entry entry = { number, generation, update->base + update->body->len };

  g_array_append_val (update->entries, entry);
  g_string_append_printf (update->body, "%u %u obj\n", number, generation);
}

guint
scholia_pdf_update_add (ScholiaPdfUpdate *update,
                        const char       *body)
{
  guint number = update->next_number++;

  begin_object (update, number, 0);
  g_string_append (update->body, body);
  g_string_append (update->body, "\nendobj\n");
  return number;
}

guint
scholia_pdf_update_add_stream (ScholiaPdfUpdate *update,
                               const char       *entries,
                               const char       *data,
                               gsize             length)
{
  guint number = update->next_number++;

  begin_object (update, number, 0);
  g_string_append_printf (update->body, "<< %s /Length %" G_GSIZE_FORMAT " >>\nstream\n", entries, length);
  g_string_append_len (update->body, data, length);
  g_string_append (update->body, "\nendstream\nendobj\n");
  return number;
}

void
scholia_pdf_update_replace (ScholiaPdfUpdate *update,
                            qpdf_oh           object,
                            const char       *extra)
{
  const char *body = qpdf_oh_unparse_resolved (update->qpdf, object);
  const char *close = g_strrstr (body, ">>");

  begin_object (update, qpdf_oh_get_object_id (update->qpdf, object),
                qpdf_oh_get_generation (update->qpdf, object));
  if (extra != NULL && close != NULL)
    {
      g_string_append_len (update->body, body, close - body);
      g_string_append_printf (update->body, "%s >>", extra);
    }
  else
    g_string_append (update->body, body);
  g_string_append (update->body, "\nendobj\n");
}

void
scholia_pdf_update_set_language (ScholiaPdfUpdate *update,
                                 const char       *language)
{
  if (language == NULL || *language == '\0')
    return;
  scholia_pdf_qpdf_set_language (update->qpdf, language);
  scholia_pdf_update_replace (update, qpdf_get_root (update->qpdf), NULL);
}

/* The entries that say how the old data was stored; the new data is compressed. */
static gboolean
is_storage_key (const char *key)
{
  return strcmp (key, "/Length") == 0 || strcmp (key, "/Filter") == 0 || strcmp (key, "/DecodeParms") == 0 ||
         strcmp (key, "/DL") == 0;
}

void
scholia_pdf_update_replace_stream (ScholiaPdfUpdate *update,
                                   qpdf_oh           stream,
                                   GBytes           *deflated)
{
  qpdf_data qpdf = update->qpdf;
  qpdf_oh dict = qpdf_oh_get_dict (qpdf, stream);
  qpdf_oh old_length = qpdf_oh_get_key (qpdf, dict, "/Length");
  gsize length;
  gconstpointer data = g_bytes_get_data (deflated, &length);

  begin_object (update, qpdf_oh_get_object_id (qpdf, stream), qpdf_oh_get_generation (qpdf, stream));
  g_string_append (update->body, "<<");
  qpdf_oh_begin_dict_key_iter (qpdf, dict);
  while (qpdf_oh_dict_more_keys (qpdf))
    {
      /* qpdf's key lasts until its next string. */
      g_autofree char *key = g_strdup (qpdf_oh_dict_next_key (qpdf));

      if (!is_storage_key (key))
        g_string_append_printf (update->body, " %s %s", key,
                                qpdf_oh_unparse (qpdf, qpdf_oh_get_key (qpdf, dict, key)));
    }
  g_string_append_printf (update->body, " /Filter /FlateDecode /Length %" G_GSIZE_FORMAT " >>\nstream\n", length);
  /* cairo gives each stream's length an object of its own. */
  if (qpdf_oh_is_indirect (qpdf, old_length))
    g_hash_table_add (update->unused, GINT_TO_POINTER (qpdf_oh_get_object_id (qpdf, old_length)));
  g_string_append_len (update->body, data, length);
  g_string_append (update->body, "\nendstream\nendobj\n");
}

GBytes *
scholia_pdf_update_deflate (const char  *data,
                            gsize        length,
                            GError     **error)
{
  uLongf size = compressBound (length);
  guchar *out = g_malloc (size);

  /* The fastest level: compressing the pages' content again is most of what finishing the file
   * costs, and the file comes out only about a tenth larger than with cairo's compression. */
  if (compress2 (out, &size, (const Bytef *) data, length, Z_BEST_SPEED) != Z_OK)
    {
      g_free (out);
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO, _("a page’s content could not be compressed"));
      return NULL;
    }
  return g_bytes_new_take (g_realloc (out, MAX (size, 1)), size);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *left = a;
  const Entry *right = b;

  return (left->number > right->number) - (left->number < right->number);
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  const Entry *left = a;
  const Entry *right = b;

  return (left->offset > right->offset) - (left->offset < right->offset);
}

static void
append_big_endian (GString *out,
                   guint64  value,
                   int      width)
{
  for (int i = width - 1; i >= 0; i--)
    g_string_append_c (out, (char) ((value >> (8 * i)) & 0xff));
}

/* The trailer's entries the update keeps, as the original has them. */
static void
append_trailer_key (ScholiaPdfUpdate *update,
                    GString          *out,
                    const char       *key)
{
  qpdf_oh trailer = qpdf_get_trailer (update->qpdf);

  if (qpdf_oh_has_key (update->qpdf, trailer, key))
    g_string_append_printf (out, " %s %s", key,
                            qpdf_oh_unparse (update->qpdf, qpdf_oh_get_key (update->qpdf, trailer, key)));
}

/* The cross-reference stream (7.5.8): one entry for each object of the update and itself, in
 * runs of consecutive numbers, each an offset into the file; the file's only one when @whole,
 * the update's entries then holding the original's objects kept too. */
static void
append_xref_stream (ScholiaPdfUpdate *update,
                    gboolean          whole)
{
  guint number = update->next_number++;
  guint64 offset = update->base + update->body->len;
  int width = offset > G_MAXUINT32 ? 8 : 4;
  g_autoptr(GString) index = g_string_new (NULL);
  g_autoptr(GString) rows = g_string_new (NULL);
  Entry self = { number, 0, offset };

  g_array_append_val (update->entries, self);
  g_array_sort (update->entries, compare_entries);
  for (guint i = 0; i < update->entries->len;)
    {
      guint run = 1;

      while (i + run < update->entries->len &&
             g_array_index (update->entries, Entry, i + run).number ==
             g_array_index (update->entries, Entry, i).number + run)
        run++;
      g_string_append_printf (index, "%s%u %u", index->len > 0 ? " " : "",
                              g_array_index (update->entries, Entry, i).number, run);
      for (guint r = 0; r < run; r++)
        {
          const Entry *entry = &g_array_index (update->entries, Entry, i + r);

          g_string_append_c (rows, 1);
          append_big_endian (rows, entry->offset, width);
          append_big_endian (rows, entry->generation, 2);
        }
      i += run;
    }

  g_string_append_printf (update->body, "%u 0 obj\n<< /Type /XRef /Size %u /Index [%s] /W [1 %d 2]",
                          number, update->next_number, index->str, width);
  if (!whole)
    g_string_append_printf (update->body, " /Prev %" G_GUINT64_FORMAT, update->previous_xref);
  append_trailer_key (update, update->body, "/Root");
  append_trailer_key (update, update->body, "/Info");
  append_trailer_key (update, update->body, "/ID");
  g_string_append_printf (update->body, " /Length %" G_GSIZE_FORMAT " >>\nstream\n", rows->len);
  g_string_append_len (update->body, rows->str, rows->len);
  g_string_append_printf (update->body, "\nendstream\nendobj\nstartxref\n%" G_GUINT64_FORMAT "\n%%%%EOF\n",
                          offset);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return TRUE;
}

/* The original's objects, from its cross-reference table (7.5.4) as cairo writes it, in the
 * order of their offsets; FALSE when the table is not there, or not as expected. */
static gboolean
read_xref_table (ScholiaPdfUpdate *update,
                 gsize             length,
                 GArray           *objects)
{
  const char *at = update->original + update->previous_xref;
  const char *end = update->original + length;
  qpdf_oh trailer = qpdf_get_trailer (update->qpdf);

  /* Objects of earlier revisions would be in another table. */
  if (end - at < 5 || strncmp (at, "xref", 4) != 0 || qpdf_oh_has_key (update->qpdf, trailer, "/Prev") ||
      qpdf_oh_has_key (update->qpdf, trailer, "/XRefStm"))
    return FALSE;
  at += 4;
  for (;;)
    {
      char *next;
      guint64 first, count;

      while (at < end && g_ascii_isspace (*at))
        at++;
      if (end - at >= 7 && strncmp (at, "trailer", 7) == 0)
        break;
      first = g_ascii_strtoull (at, &next, 10);
      if (next == at || next >= end)
        return FALSE;
      count = g_ascii_strtoull (next, (char **) &at, 10);
      while (at < end && (*at == ' ' || *at == '\r'))
        at++;
      if (at >= end || *at++ != '\n' || (guint64) (end - at) / 20 < count)
        return FALSE;
      for (guint64 i = 0; i < count; i++, at += 20)
        {
          Entry entry = { (guint) (first + i), (guint) g_ascii_strtoull (at + 11, NULL, 10),
                          g_ascii_strtoull (at, NULL, 10) };

          if (at[17] == 'n' && entry.offset < update->previous_xref)
            g_array_append_val (objects, entry);
        }
    }
  g_array_sort (objects, compare_offsets);
  return objects->len > 0;
}

/* The original without the objects the update replaces or leaves unused, then the update, with
 * one cross-reference for all: rewriting the pages' content in the update would otherwise leave
 * the old content in the file, most of its size. The objects kept are copied as they are. */
static GString *
compact (ScholiaPdfUpdate *update,
         gsize             length)
{
  g_autoptr(GArray) objects = g_array_new (FALSE, FALSE, sizeof (Entry));
  guint n_update = update->entries->len;
  GString *out;

  for (guint i = 0; i < update->entries->len; i++)
    g_hash_table_add (update->unused, GUINT_TO_POINTER (g_array_index (update->entries, Entry, i).number));
  if (!read_xref_table (update, length, objects))
    return NULL;

  out = g_string_sized_new (length + update->body->len);
  g_string_append_len (out, update->original, g_array_index (objects, Entry, 0).offset);
  for (guint i = 0; i < objects->len; i++)
    {
      Entry entry = g_array_index (objects, Entry, i);
      guint64 next = i + 1 < objects->len ? g_array_index (objects, Entry, i + 1).offset : update->previous_xref;

      if (g_hash_table_contains (update->unused, GUINT_TO_POINTER (entry.number)))
        continue;
      g_string_append_len (out, update->original + entry.offset, next - entry.offset);
      entry.offset = out->len - (next - entry.offset);
      g_array_append_val (update->entries, entry);
    }
  if (out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');

  /* The update's objects move to just after the original's. */
  for (guint i = 0; i < n_update; i++)
    {
      Entry *entry = &g_array_index (update->entries, Entry, i);

      entry->offset = out->len + (entry->offset - update->base);
    }
  update->base = out->len;
  append_xref_stream (update, TRUE);
  g_string_append_len (out, update->body->str, update->body->len);
  return out;
}

gboolean
scholia_pdf_update_write (ScholiaPdfUpdate  *update,
                          GError           **error)
{
  g_autoptr(GString) whole = NULL;
  int fd, saved_errno = 0;

  if (!scholia_pdf_qpdf_check (update->qpdf, error))
    return FALSE;
  whole = compact (update, update->base - (update->needs_newline ? 1 : 0));
  if (whole == NULL)
    append_xref_stream (update, FALSE);

  fd = g_open (update->path, O_WRONLY | O_CLOEXEC | (whole != NULL ? O_TRUNC : O_APPEND), 0);
  if (fd < 0 ||
      (whole != NULL && !write_all (fd, whole->str, whole->len)) ||
      (whole == NULL && update->needs_newline && !write_all (fd, "\n", 1)) ||
      (whole == NULL && !write_all (fd, update->body->str, update->body->len)) ||
      fsync (fd) != 0)
    saved_errno = errno != 0 ? errno : EIO;
  if (fd >= 0 && close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      set_io_error (error, saved_errno, update->path);
      return FALSE;
    }
  return TRUE;
}

void
scholia_pdf_append_text_string (GString    *out,
                                const char *utf8)
{
  g_autofree gunichar2 *utf16 = NULL;
  glong n_units = 0;

  if (utf8 == NULL)
    utf8 = "";
  if (g_str_is_ascii (utf8))
    {
      g_string_append_c (out, '(');
      for (const char *p = utf8; *p != '\0'; p++)
        {
          if (*p == '(' || *p == ')' || *p == '\\')
            g_string_append_printf (out, "\\%c", *p);
          else if (g_ascii_iscntrl (*p))
            g_string_append_printf (out, "\\%03o", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
      g_string_append_c (out, ')');
      return;
    }

  utf16 = g_utf8_to_utf16 (utf8, -1, NULL, &n_units, NULL);
  g_string_append (out, "<FEFF");
  for (glong i = 0; utf16 != NULL && i < n_units; i++)
    g_string_append_printf (out, "%04X", utf16[i]);
  g_string_append_c (out, '>');
}

void
scholia_pdf_append_number (GString *out,
                           double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
  g_string_append_c (out, ' ');
}
