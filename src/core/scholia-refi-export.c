/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "scholia-error.h"
#include "scholia-export-file.h"
#include "scholia-refi-private.h"
#include "scholia-store-links.h"

/* A library as a REFI-QDA project: project.qde written with libxml2's text writer (the mapping
 * is in scholia-refi.h), and the .qdpx zip around it and the essays' texts with libarchive.
 * Nothing in project.qde depends on the time of the export, so that the same library always
 * gives the same project. */

static const char * const variables[] = { "Author", "Date", "Source" };

typedef struct
{
  ScholiaStore     *store;
  GPtrArray        *documents;      /* ScholiaDocument */
  xmlTextWriterPtr  writer;
  char             *user_guid;      /* NULL without an annotator */
  GHashTable       *label_guids;    /* ScholiaLabel → char * guid */
  GPtrArray        *notes;          /* Note, in the order of their selections */
  guint             left_out;
  GListModel       *links;          /* ScholiaLink, every one of the library */
  GHashTable       *written;        /* uuids of the selections written, while there are links */
} Export;

/* A note to write after the sources, as the schema orders them. Only these are kept: holding
 * every annotation of a large library at once costs far more. */
typedef struct
{
  char   *guid;
  char   *name;
  char   *text;
  gint64  created;
} Note;

static void
note_free (Note *note)
{
  g_free (note->guid);
  g_free (note->name);
  g_free (note->text);
  g_free (note);
}

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->user_guid, g_free);
  g_clear_pointer (&export->label_guids, g_hash_table_unref);
  g_clear_pointer (&export->notes, g_ptr_array_unref);
  g_clear_object (&export->links);
  g_clear_pointer (&export->written, g_hash_table_unref);
}

static char *
format_time (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static gboolean
attribute (Export     *export,
           const char *name,
           const char *value)
{
  return value == NULL || xmlTextWriterWriteAttribute (export->writer, BAD_CAST name, BAD_CAST value) >= 0;
}

static gboolean
start (Export     *export,
       const char *element)
{
  return xmlTextWriterStartElement (export->writer, BAD_CAST element) >= 0;
}

static gboolean
end (Export *export)
{
  return xmlTextWriterEndElement (export->writer) >= 0;
}

static gboolean
time_attribute (Export     *export,
                const char *name,
                gint64      seconds)
{
  g_autofree char *value = seconds > 0 ? format_time (seconds) : NULL;

  return attribute (export, name, value);
}

static const char *
document_variable (ScholiaDocument *document,
                   guint            i)
{
  switch (i)
    {
    case 0: return scholia_document_get_author (document);
    case 1: return scholia_document_get_date (document);
    default: return scholia_document_get_source (document);
    }
}

static gboolean
write_users (Export     *export,
             const char *annotator)
{
  if (export->user_guid == NULL)
    return TRUE;
  return start (export, "Users") && start (export, "User") &&
         attribute (export, "guid", export->user_guid) && attribute (export, "name", annotator) &&
         end (export) && end (export);
}

static gboolean
write_variables (Export *export)
{
  gboolean ok = start (export, "Variables");

  for (guint i = 0; ok && i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *guid = _scholia_refi_guid ("variable", variables[i]);

      ok = start (export, "Variable") && attribute (export, "guid", guid) &&
           attribute (export, "name", variables[i]) && attribute (export, "typeOfVariable", "Text") &&
           end (export);
    }
  return ok && end (export);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* One Case per author, each with the essays of the export that author wrote. */
static gboolean
write_cases (Export *export)
{
  g_autoptr(GHashTable) by_author = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) authors = g_ptr_array_new ();
  gboolean ok = TRUE;

  for (guint i = 0; i < export->documents->len; i++)
    {
      ScholiaDocument *document = g_ptr_array_index (export->documents, i);
      const char *author = scholia_document_get_author (document);
      GPtrArray *essays;

      if (author == NULL || *author == '\0')
        continue;
      essays = g_hash_table_lookup (by_author, author);
      if (essays == NULL)
        {
          essays = g_ptr_array_new ();
          g_hash_table_insert (by_author, (gpointer) author, essays);
          g_ptr_array_add (authors, (gpointer) author);
        }
      g_ptr_array_add (essays, document);
    }
  if (authors->len == 0)
    return TRUE;

  g_ptr_array_sort (authors, compare_names);
  ok = start (export, "Cases");
  for (guint i = 0; ok && i < authors->len; i++)
    {
      const char *author = g_ptr_array_index (authors, i);
      GPtrArray *essays = g_hash_table_lookup (by_author, author);
      g_autofree char *guid = _scholia_refi_guid ("case", author);

      ok = start (export, "Case") && attribute (export, "guid", guid) && attribute (export, "name", author);
      for (guint j = 0; ok && j < essays->len; j++)
        ok = start (export, "SourceRef") &&
             attribute (export, "targetGUID", scholia_document_get_uuid (g_ptr_array_index (essays, j))) &&
             end (export);
      ok = ok && end (export);
    }
  return ok && end (export);
}

static const char *
label_guid (Export       *export,
            ScholiaLabel *label)
{
  char *guid = g_hash_table_lookup (export->label_guids, label);

  if (guid == NULL)
    {
      guid = _scholia_refi_label_guid (label);
      g_hash_table_insert (export->label_guids, label, guid);
    }
  return guid;
}

static gboolean
write_codings (Export            *export,
               ScholiaAnnotation *annotation,
               GType              type)
{
  guint n_ids;
  const gint64 *ids = type == SCHOLIA_TYPE_TAG ? scholia_annotation_get_tag_ids (annotation, &n_ids)
                                               : scholia_annotation_get_theme_ids (annotation, &n_ids);
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < n_ids; i++)
    {
      ScholiaLabel *label = scholia_store_lookup_label (export->store, type, ids[i]);
      g_autofree char *name = NULL;
      g_autofree char *guid = NULL;

      if (label == NULL)
        continue;
      name = g_strconcat (scholia_annotation_get_uuid (annotation), ":", label_guid (export, label), NULL);
      guid = _scholia_refi_guid ("coding", name);
      ok = start (export, "Coding") && attribute (export, "guid", guid) &&
           attribute (export, "creatingUser", export->user_guid) &&
           start (export, "CodeRef") && attribute (export, "targetGUID", label_guid (export, label)) &&
           end (export) && end (export);
    }
  return ok;
}

/* The first @n characters of @text, or all of a shorter one. */
static char *
head (const char *text,
      guint       n)
{
  const char *end = text;

  for (guint i = 0; i < n && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  return g_strndup (text, end - text);
}

static gboolean
has_note (ScholiaAnnotation *annotation)
{
  const char *note = scholia_annotation_get_note (annotation);

  return note != NULL && *note != '\0';
}

static gboolean
write_selection (Export            *export,
                 ScholiaAnnotation *annotation)
{
  const char *uuid = scholia_annotation_get_uuid (annotation);
  g_autofree char *start_position = g_strdup_printf ("%d", scholia_annotation_get_start (annotation));
  g_autofree char *end_position = g_strdup_printf ("%d", scholia_annotation_get_end (annotation));
  g_autofree char *note_guid = has_note (annotation) ? _scholia_refi_guid ("note", uuid) : NULL;
  gint64 created = scholia_annotation_get_created (annotation);
  gint64 modified = scholia_annotation_get_modified (annotation);
  gboolean changed = modified > created;

  if (note_guid != NULL)
    {
      Note *note = g_new0 (Note, 1);
      g_autofree char *quote = head (scholia_annotation_get_quote (annotation), 40);

      note->guid = g_strdup (note_guid);
      note->name = g_strdup_printf (_("Note on “%s”"), quote);
      note->text = g_strdup (scholia_annotation_get_note (annotation));
      note->created = scholia_annotation_get_created (annotation);
      g_ptr_array_add (export->notes, note);
    }

  if (export->written != NULL)
    g_hash_table_add (export->written, g_strdup (uuid));

  /* Only what the selection needs: a large library's project runs to tens of megabytes, and
   * every attribute of 100,000 selections is read again by the next program. */
  return start (export, "PlainTextSelection") && attribute (export, "guid", uuid) &&
         attribute (export, "startPosition", start_position) &&
         attribute (export, "endPosition", end_position) &&
         attribute (export, "creatingUser", export->user_guid) &&
         time_attribute (export, "creationDateTime", created) &&
         (!changed || (attribute (export, "modifyingUser", export->user_guid) &&
                       time_attribute (export, "modifiedDateTime", modified))) &&
         write_codings (export, annotation, SCHOLIA_TYPE_TAG) &&
         write_codings (export, annotation, SCHOLIA_TYPE_THEME) &&
         (note_guid == NULL ||
          (start (export, "NoteRef") && attribute (export, "targetGUID", note_guid) && end (export))) &&
         end (export);
}

static gboolean
write_source (Export           *export,
              ScholiaDocument  *document,
              GError          **error)
{
  const char *uuid = scholia_document_get_uuid (document);
  g_autofree char *path = g_strconcat ("internal://", uuid, ".txt", NULL);
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (export->store, document, error);
  guint n;
  gboolean ok;

  if (annotations == NULL)
    return FALSE;
  n = g_list_model_get_n_items (annotations);

  ok = start (export, "TextSource") && attribute (export, "guid", uuid) &&
       attribute (export, "name", scholia_document_get_title (document)) &&
       attribute (export, "plainTextPath", path) &&
       attribute (export, "creatingUser", export->user_guid);
  /* No dates: when an essay entered this library is no fact about it, and a project imported
   * and exported again is the same project. */
  for (guint i = 0; ok && i < n; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      /* An orphan's offsets say only where it once was: another program would misplace it. */
      if (scholia_annotation_get_orphaned (annotation))
        export->left_out++;
      else
        ok = write_selection (export, annotation);
    }
  for (guint i = 0; ok && i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = document_variable (document, i);
      g_autofree char *guid = NULL;

      if (value == NULL || *value == '\0')
        continue;
      guid = _scholia_refi_guid ("variable", variables[i]);
      ok = start (export, "VariableValue") && start (export, "VariableRef") &&
           attribute (export, "targetGUID", guid) && end (export) &&
           xmlTextWriterWriteElement (export->writer, BAD_CAST "TextValue", BAD_CAST value) >= 0 &&
           end (export);
    }
  if (!(ok && end (export)))
    {
      _scholia_refi_writer_error (error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_notes (Export *export)
{
  gboolean ok = TRUE;

  if (export->notes->len == 0)
    return TRUE;
  ok = start (export, "Notes");
  for (guint i = 0; ok && i < export->notes->len; i++)
    {
      Note *note = g_ptr_array_index (export->notes, i);

      ok = start (export, "Note") && attribute (export, "guid", note->guid) &&
           attribute (export, "name", note->name) &&
           attribute (export, "creatingUser", export->user_guid) &&
           time_attribute (export, "creationDateTime", note->created) &&
           xmlTextWriterWriteElement (export->writer, BAD_CAST "PlainTextContent", BAD_CAST note->text) >= 0 &&
           end (export);
    }
  return ok && end (export);
}

/* Links between passages, as QDA-XML Links from one PlainTextSelection to another, named by
 * their type (a built-in type's id, or the user's name); those that read the same both ways
 * are Bidirectional. Only links whose two passages are in the project: a Link to a selection
 * the project lacks would point nowhere for the next program. */
static gboolean
write_links (Export *export)
{
  guint n = g_list_model_get_n_items (export->links);
  gboolean started = FALSE;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < n; i++)
    {
      g_autoptr(ScholiaLink) link = g_list_model_get_item (export->links, i);
      const char *origin = scholia_link_get_annotation_uuid (link, SCHOLIA_LINK_END_SOURCE);
      const char *target = scholia_link_get_annotation_uuid (link, SCHOLIA_LINK_END_TARGET);
      const char *type = scholia_link_get_link_type (link);

      if (!g_hash_table_contains (export->written, origin) || !g_hash_table_contains (export->written, target))
        continue;
      if (!started)
        ok = start (export, "Links");
      started = TRUE;
      ok = ok && start (export, "Link") && attribute (export, "guid", scholia_link_get_uuid (link)) &&
           attribute (export, "name", type) &&
           attribute (export, "direction", scholia_link_type_is_symmetric (type) ? "Bidirectional" : "OneWay") &&
           attribute (export, "originGUID", origin) &&
           attribute (export, "targetGUID", target) &&
           end (export);
    }
  return ok && (!started || end (export));
}

static gboolean
write_project (Export      *export,
               const char  *annotator,
               GError     **error)
{
  gboolean ok;

  ok = xmlTextWriterStartDocument (export->writer, NULL, "UTF-8", NULL) >= 0 &&
       start (export, "Project") &&
       attribute (export, "xmlns", SCHOLIA_REFI_PROJECT_NS) &&
       /* Translators: the project name written into an exported REFI-QDA project, which NVivo,
        * MAXQDA or ATLAS.ti show */
       attribute (export, "name", _("Scholia library")) &&
       attribute (export, "origin", "Scholia " PACKAGE_VERSION) &&
       attribute (export, "creatingUserGUID", export->user_guid) &&
       write_users (export, annotator) &&
       start (export, "CodeBook");
  if (!ok)
    {
      _scholia_refi_writer_error (error);
      return FALSE;
    }
  if (!_scholia_refi_write_codes (export->writer, export->store, error))
    return FALSE;
  export->links = scholia_store_list_links (export->store, error);
  if (export->links == NULL)
    return FALSE;
  if (g_list_model_get_n_items (export->links) > 0)
    export->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ok = end (export) && write_variables (export) && write_cases (export);
  if (ok && export->documents->len > 0)
    {
      ok = start (export, "Sources");
      for (guint i = 0; ok && i < export->documents->len; i++)
        if (!write_source (export, g_ptr_array_index (export->documents, i), error))
          return FALSE;
      ok = ok && end (export);
    }
  ok = ok && write_notes (export) && (export->written == NULL || write_links (export)) &&
       end (export) && xmlTextWriterEndDocument (export->writer) >= 0;
  if (!ok)
    _scholia_refi_writer_error (error);
  return ok;
}

/* @documents, or every document of the library when NULL. */
static GPtrArray *
resolve_documents (ScholiaStore *store,
                   GPtrArray    *documents)
{
  GListModel *all;
  GPtrArray *chosen;
  guint n;

  if (documents != NULL)
    return g_ptr_array_ref (documents);
  all = scholia_store_get_documents (store);
  n = g_list_model_get_n_items (all);
  chosen = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (chosen, g_list_model_get_item (all, i));
  return chosen;
}

static void
export_init (Export        *export,
             ScholiaStore  *store,
             GPtrArray     *documents,
             const char    *annotator)
{
  export->store = store;
  export->label_guids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  export->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  if (annotator != NULL && *annotator != '\0')
    export->user_guid = _scholia_refi_guid ("user", annotator);
  export->documents = resolve_documents (store, documents);
}

char *
scholia_refi_project_xml (ScholiaStore  *store,
                          GPtrArray     *documents,
                          const char    *annotator,
                          guint         *left_out,
                          GError       **error)
{
  Export export = { NULL, };
  xmlBufferPtr buffer;
  char *xml = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  export_init (&export, store, documents, annotator);
  buffer = xmlBufferCreate ();
  export.writer = xmlNewTextWriterMemory (buffer, 0);
  if (write_project (&export, annotator, error))
    xml = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlFreeTextWriter (export.writer);
  xmlBufferFree (buffer);
  if (left_out != NULL)
    *left_out = export.left_out;
  g_ptr_array_unref (export.documents);
  export_clear (&export);
  return xml;
}

/* The zip */

static gboolean
add_entry (struct archive  *archive,
           const char      *name,
           const char      *data,
           gsize            length)
{
  struct archive_entry *entry = archive_entry_new ();
  gboolean ok;

  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, (la_int64_t) length);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  ok = archive_write_header (archive, entry) == ARCHIVE_OK &&
       (length == 0 || archive_write_data (archive, data, length) == (la_ssize_t) length);
  archive_entry_free (entry);
  return ok;
}

static gboolean
write_zip (ScholiaStore  *store,
           GPtrArray     *documents,
           const char    *xml,
           const char    *path,
           int            fd,
           GError       **error)
{
  struct archive *archive = archive_write_new ();
  gboolean ok;

  ok = archive_write_set_format_zip (archive) == ARCHIVE_OK &&
       archive_write_open_fd (archive, fd) == ARCHIVE_OK &&
       add_entry (archive, "project.qde", xml, strlen (xml));
  for (guint i = 0; ok && i < documents->len; i++)
    {
      ScholiaDocument *document = g_ptr_array_index (documents, i);
      g_autofree char *text = scholia_store_load_text (store, document, error);
      g_autofree char *name = g_strconcat ("sources/", scholia_document_get_uuid (document), ".txt", NULL);

      if (text == NULL)
        {
          archive_write_free (archive);
          return FALSE;
        }
      ok = add_entry (archive, name, text, strlen (text));
    }
  ok = ok && archive_write_close (archive) == ARCHIVE_OK;
  if (!ok)
    {
      g_autofree char *shown = g_filename_display_name (path);
      const char *reason = archive_error_string (archive);

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED, _("“%s” could not be written: %s"),
                   shown, reason != NULL ? reason : g_strerror (errno));
    }
  archive_write_free (archive);
  return ok;
}

gboolean
scholia_refi_export_project (ScholiaStore  *store,
                             GPtrArray     *documents,
                             const char    *annotator,
                             const char    *path,
                             guint         *left_out,
                             GError       **error)
{
  g_autoptr(GPtrArray) chosen = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *target_path = NULL;
  g_autofree char *temp_path = NULL;
  int fd;
  gboolean ok;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);

  chosen = resolve_documents (store, documents);
  xml = scholia_refi_project_xml (store, chosen, annotator, left_out, error);
  if (xml == NULL)
    return FALSE;
  fd = scholia_export_file_open_temp (path, &target_path, &temp_path, error);
  if (fd < 0)
    return FALSE;
  ok = write_zip (store, chosen, xml, path, fd, error);
  if (close (fd) != 0 && ok)
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED, _("“%s” could not be written: %s"),
                   shown, g_strerror (errno));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (temp_path);
      return FALSE;
    }
  return scholia_export_file_commit (path, target_path, temp_path, error);
}
