/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-anchor.h"
#include "scholia-error.h"
#include "scholia-export-file.h"
#include "scholia-import-private.h"
#include "scholia-seminar-store.h"
#include "scholia-text-offsets.h"
#include "scholia-uuid.h"
#include "scholia-w3c.h"
#include "scholia-uuid.h"
#include "scholia-w3c-check.h"
#include "scholia-w3c-json.h"
#include "scholia-w3c-links.h"

/* ------------------------------------------------------------------------------------------ */
/* Export                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static gboolean
is_web_address (const char *source)
{
  return g_str_has_prefix (source, "http://") || g_str_has_prefix (source, "https://");
}

/* The document's own address on the web when it came from there, so that other tools that saw
 * the same page recognise it; otherwise the library's name for it. */
char *
scholia_w3c_document_iri (ScholiaDocument *document)
{
  const char *source;

  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  source = scholia_document_get_source (document);
  if (source != NULL && is_web_address (source) && strchr (source, ' ') == NULL)
    return g_strdup (source);
  return g_strconcat (SCHOLIA_URN_UUID, scholia_document_get_uuid (document), NULL);
}

/* The names of @ids' labels of @type, NULL-terminated, borrowed from the store. */
static GPtrArray *
label_names (ScholiaStore *store,
             GType         type,
             const gint64 *ids,
             guint         n_ids)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < n_ids; i++)
    {
      ScholiaLabel *label = scholia_store_lookup_label (store, type, ids[i]);

      if (label != NULL)
        g_ptr_array_add (names, (gpointer) scholia_label_get_name (label));
    }
  g_ptr_array_add (names, NULL);
  return names;
}

/* Everything the export needs beyond the annotation itself. */
typedef struct
{
  ScholiaStore                  *store;
  const ScholiaW3cExportOptions *options;
  GHashTable                    *provenance;    /* of the document's annotations, by uuid */
  GHashTable                    *participants;  /* participant id (gint64 *) → name */
} Export;

/* The seminar participant who wrote @annotation, or NULL when I did: the annotator the options
 * name is its creator then. */
static const char *
participant_name (Export            *export,
                  ScholiaAnnotation *annotation)
{
  gint64 id = scholia_annotation_get_participant_id (annotation);

  if (id <= 0)
    return NULL;
  if (!g_hash_table_contains (export->participants, &id))
    {
      g_autoptr(ScholiaParticipant) participant = scholia_store_get_participant (export->store, id, NULL);

      g_hash_table_insert (export->participants, g_memdup2 (&id, sizeof id),
                           participant != NULL && !participant->me && *participant->name != '\0'
                           ? g_strdup (participant->name) : NULL);
    }
  return g_hash_table_lookup (export->participants, &id);
}

/* As the metainfo's homepage says. */
#define SCHOLIA_HOMEPAGE "https://github.com/scholia/scholia"

static void
add_generator (JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "generator");
  json_builder_begin_object (builder);
  scholia_w3c_json_add_string (builder, "id", SCHOLIA_HOMEPAGE);
  scholia_w3c_json_add_string (builder, "type", "Software");
  scholia_w3c_json_add_string (builder, "name", "Scholia " PACKAGE_VERSION);
  scholia_w3c_json_add_string (builder, "homepage", SCHOLIA_HOMEPAGE);
  json_builder_end_object (builder);
}

static void
add_annotation (JsonBuilder       *builder,
                Export            *export,
                const char        *source,
                ScholiaAnnotation *annotation)
{
  g_autofree char *id = g_strconcat (SCHOLIA_URN_UUID, scholia_annotation_get_uuid (annotation), NULL);
  g_autofree char *note_text = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  ScholiaAnnotationProvenance *provenance = g_hash_table_lookup (export->provenance,
                                                                 scholia_annotation_get_uuid (annotation));
  const gint64 *tag_ids, *theme_ids;
  guint n_tag_ids, n_theme_ids;
  ScholiaW3cSpan span = {
    .id = id,
    .created = scholia_annotation_get_created (annotation),
    .modified = scholia_annotation_get_modified (annotation),
    .source = source,
    .quote = scholia_annotation_get_quote (annotation),
    .prefix = scholia_annotation_get_prefix (annotation),
    .suffix = scholia_annotation_get_suffix (annotation),
    .start = scholia_annotation_get_start (annotation),
    .end = scholia_annotation_get_end (annotation),
    .note = scholia_annotation_get_note (annotation),
  };

  span.creator = participant_name (export, annotation);
  if (span.creator == NULL && export->options != NULL && export->options->creator != NULL &&
      *export->options->creator != '\0')
    span.creator = export->options->creator;
  if (provenance != NULL)
    {
      /* Imported: its creator is whom the file named, or no one known (not the annotator). */
      span.creator = provenance->creator;
      span.motivation = provenance->motivation;
      span.canonical = provenance->canonical;
      span.via = provenance->via;
      span.note_purpose = provenance->note_purpose;
      span.note_language = provenance->note_language;
      span.note_format = provenance->note_format;
      /* The HTML goes out as it came while the note still says what it said; a note edited in
       * Scholia is plain text again. */
      if (provenance->note_html != NULL && span.note != NULL)
        note_text = scholia_w3c_json_html_to_text (provenance->note_html);
      if (note_text != NULL && g_str_equal (note_text, span.note))
        span.note = provenance->note_html;
      else if (provenance->note_html != NULL)
        span.note_format = NULL;
    }

  tag_ids = scholia_annotation_get_tag_ids (annotation, &n_tag_ids);
  theme_ids = scholia_annotation_get_theme_ids (annotation, &n_theme_ids);
  tags = label_names (export->store, SCHOLIA_TYPE_TAG, tag_ids, n_tag_ids);
  themes = label_names (export->store, SCHOLIA_TYPE_THEME, theme_ids, n_theme_ids);
  span.tags = (const char * const *) tags->pdata;
  span.themes = (const char * const *) themes->pdata;

  json_builder_begin_object (builder);
  scholia_w3c_json_add_span (builder, &span);
  add_generator (builder);
  json_builder_end_object (builder);
}

JsonNode *
scholia_w3c_export (ScholiaStore  *store,
                    GPtrArray     *documents,
                    GError       **error)
{
  return scholia_w3c_export_full (store, documents, NULL, error);
}

JsonNode *
scholia_w3c_export_full (ScholiaStore                  *store,
                         GPtrArray                     *documents,
                         const ScholiaW3cExportOptions *options,
                         GError                       **error)
{
  g_autoptr(JsonBuilder) items = json_builder_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) participants = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *collection_uuid = g_uuid_string_random ();
  g_autofree char *page_uuid = g_uuid_string_random ();
  g_autofree char *collection_id = g_strconcat (SCHOLIA_URN_UUID, collection_uuid, NULL);
  g_autofree char *page_id = g_strconcat (SCHOLIA_URN_UUID, page_uuid, NULL);
  g_autofree char *now = scholia_w3c_json_format_time (g_get_real_time () / G_USEC_PER_SEC);
  g_autoptr(JsonNode) items_node = NULL;
  Export export = { store, options, NULL, participants };
  g_autofree char *modified = NULL;
  gint64 total = 0;
  gint64 latest = 0;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  if (documents == NULL)
    {
      GListModel *model = scholia_store_get_documents (store);

      all = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (all, g_list_model_get_item (model, i));
      documents = all;
    }

  json_builder_begin_array (items);
  for (guint d = 0; d < documents->len; d++)
    {
      ScholiaDocument *document = g_ptr_array_index (documents, d);
      g_autofree char *source = scholia_w3c_document_iri (document);
      g_autoptr(GListModel) annotations = scholia_store_list_annotations (store, document, error);
      g_autoptr(GHashTable) provenance = NULL;
      guint n;

      if (annotations == NULL)
        return NULL;
      provenance = scholia_store_load_provenance (store, document, error);
      if (provenance == NULL)
        return NULL;
      export.provenance = provenance;
      n = g_list_model_get_n_items (annotations);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

          add_annotation (items, &export, source, annotation);
          latest = MAX (latest, scholia_annotation_get_modified (annotation));
        }
      total += n;
    }
  if (!_scholia_w3c_links_export (items, store, documents, &total, &latest, error))
    return NULL;
  json_builder_end_array (items);
  items_node = json_builder_get_root (items);

  /* One page holds every annotation: it is the collection's first and last. */
  json_builder_begin_object (builder);
  scholia_w3c_json_add_string (builder, "@context", SCHOLIA_W3C_CONTEXT);
  scholia_w3c_json_add_string (builder, "id", collection_id);
  scholia_w3c_json_add_string (builder, "type", "AnnotationCollection");
  scholia_w3c_json_add_string (builder, "label", _("Annotations exported from Scholia"));
  if (options != NULL && options->creator != NULL && *options->creator != '\0')
    {
      json_builder_set_member_name (builder, "creator");
      json_builder_begin_object (builder);
      scholia_w3c_json_add_string (builder, "type", "Person");
      scholia_w3c_json_add_string (builder, "name", options->creator);
      json_builder_end_object (builder);
    }
  if (now != NULL)
    scholia_w3c_json_add_string (builder, "created", now);
  /* The collection changed when the last of its annotations did. */
  modified = latest > 0 ? scholia_w3c_json_format_time (latest) : NULL;
  if (modified != NULL)
    scholia_w3c_json_add_string (builder, "modified", modified);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  scholia_w3c_json_add_string (builder, "last", page_id);
  json_builder_set_member_name (builder, "first");
  json_builder_begin_object (builder);
  scholia_w3c_json_add_string (builder, "id", page_id);
  scholia_w3c_json_add_string (builder, "type", "AnnotationPage");
  scholia_w3c_json_add_string (builder, "partOf", collection_id);
  json_builder_set_member_name (builder, "startIndex");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "items");
  json_builder_add_value (builder, g_steal_pointer (&items_node));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gboolean
scholia_w3c_export_file (ScholiaStore  *store,
                         GPtrArray     *documents,
                         GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return scholia_w3c_export_file_full (store, documents, NULL, file, cancellable, error);
}

gboolean
scholia_w3c_export_file_full (ScholiaStore                  *store,
                              GPtrArray                     *documents,
                              const ScholiaW3cExportOptions *options,
                              GFile                         *file,
                              GCancellable                  *cancellable,
                              GError                       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  root = scholia_w3c_export_full (store, documents, options, error);
  if (root == NULL)
    return FALSE;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  return scholia_export_file_write_gfile (file, data, length, cancellable, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Import                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/* One annotation of the file, checked and resolved to a document, before anything is written. */
typedef struct
{
  guint            number;    /* 1-based, in file order, for messages */
  char            *uuid;
  ScholiaDocument *document;
  ScholiaDocument *named;     /* the document its source names, when another was chosen */
  char            *quote;     /* NULL when the file gave only a position */
  char            *prefix;
  char            *suffix;
  int              start;     /* -1 when the file gave no position */
  int              end;
  char            *note;
  GPtrArray       *tags;      /* names */
  GPtrArray       *themes;
  gint64           created;
  gint64           modified;
  char            *id;        /* as the file gave it, or NULL */
  ScholiaAnnotationProvenance provenance;
} Incoming;

static void
incoming_free (Incoming *incoming)
{
  g_free (incoming->uuid);
  g_free (incoming->quote);
  g_free (incoming->prefix);
  g_free (incoming->suffix);
  g_free (incoming->note);
  g_ptr_array_unref (incoming->tags);
  g_ptr_array_unref (incoming->themes);
  g_free (incoming->id);
  g_free (incoming->provenance.canonical);
  g_free (incoming->provenance.via);
  g_free (incoming->provenance.motivation);
  g_free (incoming->provenance.creator);
  g_free (incoming->provenance.note_purpose);
  g_free (incoming->provenance.note_language);
  g_free (incoming->provenance.note_format);
  g_free (incoming->provenance.note_html);
  g_free (incoming);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Incoming, incoming_free)

typedef struct
{
  ScholiaStore    *store;
  ScholiaDocument *document;       /* given explicitly, or NULL */
  GHashTable      *by_uuid;        /* document uuid → ScholiaDocument */
  GHashTable      *by_source;      /* source → GPtrArray of ScholiaDocument */
  GPtrArray       *incoming;       /* Incoming */
  GPtrArray       *rejected;       /* ScholiaW3cRejection */
  guint            n_items;        /* annotations read so far, placed or rejected */
  guint            replaced;       /* characters that were not text */
  ScholiaW3cLinks *links;          /* "linking" annotations between passages */
} Import;

static void
rejection_free (ScholiaW3cRejection *rejection)
{
  g_free (rejection->id);
  g_free (rejection->reason);
  g_free (rejection);
}

void
scholia_w3c_summary_clear (ScholiaW3cSummary *summary)
{
  g_clear_pointer (&summary->rejected, g_ptr_array_unref);
}

/* Annotation @number is not imported, for @error's reason, which names it. */
static void
reject (GPtrArray  *rejected,
        guint       number,
        const char *id,
        GError     *error)
{
  ScholiaW3cRejection *rejection = g_new0 (ScholiaW3cRejection, 1);

  rejection->number = number;
  rejection->id = g_strdup (id);
  rejection->code = error->code;
  rejection->reason = g_strdup (error->message);
  g_ptr_array_add (rejected, rejection);
}

/* The uuid an annotation is merged by: its own for urn:uuid ids; for other IRIs (another tool's
 * https://… ids) one derived from the IRI, so that importing the same file again still finds
 * it; a new one when it has no id. */
char *
_scholia_w3c_uuid_for_id (const char *id)
{
  char *uuid;

  if (id == NULL || *id == '\0')
    return g_uuid_string_random ();
  uuid = scholia_w3c_json_urn_uuid (id);
  return uuid != NULL ? uuid : scholia_uuid_from_name ("scholia:w3c:", id);
}

/* The uuid of the copy of annotation @uuid on @document: derived from both, so that importing
 * the same file onto the same document again finds the copy. */
static char *
copy_uuid (const char      *uuid,
           ScholiaDocument *document)
{
  g_autofree char *name = g_strconcat ("copy:", scholia_document_get_uuid (document), ":", uuid, NULL);

  return scholia_uuid_from_name ("scholia:w3c:", name);
}

static char *
describe (guint       number,
          const char *id)
{
  if (id != NULL && *id != '\0')
    /* Translators: how a message names an annotation of an imported W3C file: its number in the
     * file and its id; messages continue after it (“The target of %s …”) */
    return g_strdup_printf (_("annotation %u (%s)"), number, id);
  return g_strdup_printf (_("annotation %u"), number);
}

/* The document of the library that @source names, ignoring any chosen one. */
static ScholiaDocument *
lookup_source (Import      *import,
               const char  *source,
               const char  *what,
               GError     **error)
{
  GPtrArray *matches;

  if (source == NULL)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("The target of %s names no source document: name the document with --document"), what);
      return NULL;
    }

  if (g_str_has_prefix (source, SCHOLIA_URN_UUID))
    {
      g_autofree char *uuid = g_ascii_strdown (source + strlen (SCHOLIA_URN_UUID), -1);
      ScholiaDocument *document = g_hash_table_lookup (import->by_uuid, uuid);

      if (document != NULL)
        return document;
    }

  matches = g_hash_table_lookup (import->by_source, source);
  if (matches != NULL && matches->len == 1)
    return g_ptr_array_index (matches, 0);
  if (matches != NULL)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_AMBIGUOUS,
                   /* Translators: a count (two or more), the source address an annotation targets and
                    * the annotation ("annotation 3"); --document is an option: keep it. */
                   g_dngettext (GETTEXT_PACKAGE, "%u document has the source “%s” of %s: name one with --document",
                                "%u documents have the source “%s” of %s: name one with --document", matches->len),
                   matches->len, source, what);
      return NULL;
    }

  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
               _("No document in the library is “%s”, the target of %s: import the document first, "
                 "or name it with --document"),
               source, what);
  return NULL;
}

static ScholiaDocument *
resolve_document (Import      *import,
                  const char  *source,
                  const char  *what,
                  GError     **error)
{
  if (import->document != NULL)
    return import->document;
  return lookup_source (import, source, what, error);
}

static gboolean
read_selectors (Import      *import,
                JsonObject  *target,
                Incoming    *incoming,
                const char  *what,
                GError     **error)
{
  ScholiaW3cSelectors found;
  ScholiaW3cSelectorsResult result = scholia_w3c_json_read_selectors (target, &import->replaced, &found);

  switch (result)
    {
    case SCHOLIA_W3C_SELECTORS_NO_EXACT:
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("The TextQuoteSelector of %s has no “exact” text"), what);
      break;
    case SCHOLIA_W3C_SELECTORS_NOT_NUMBERS:
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("The TextPositionSelector of %s needs whole numbers “start” and “end”"), what);
      break;
    case SCHOLIA_W3C_SELECTORS_NOT_A_SPAN:
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("The TextPositionSelector of %s is not a span (%lld–%lld)"),
                   what, (long long) found.start, (long long) found.end);
      break;
    case SCHOLIA_W3C_SELECTORS_READ:
    default:
      break;
    }
  if (result == SCHOLIA_W3C_SELECTORS_READ && found.quote == NULL && found.start < 0)
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                 _("The target of %s has no TextQuoteSelector or TextPositionSelector, so it cannot be "
                   "placed in a text"),
                 what);
  else if (result == SCHOLIA_W3C_SELECTORS_READ)
    {
      if (found.quote != NULL)
        {
          incoming->quote = g_utf8_normalize (found.quote, -1, G_NORMALIZE_NFC);
          incoming->prefix = g_utf8_normalize (found.prefix, -1, G_NORMALIZE_NFC);
          incoming->suffix = g_utf8_normalize (found.suffix, -1, G_NORMALIZE_NFC);
        }
      incoming->start = found.start;
      incoming->end = found.end;
    }
  scholia_w3c_selectors_clear (&found);
  return incoming->quote != NULL || incoming->start >= 0;
}

/* The annotation's identity as the model says to keep it: its canonical IRI, or its own id
 * when it gives none (the first system to copy it fixes it); and where it came from, its id,
 * unless that is the urn:uuid Scholia keeps it under (then the file's "via" stays). */
static void
read_identity (Import     *import,
               JsonObject *object,
               Incoming   *incoming)
{
  g_autofree char *canonical = scholia_w3c_json_dup_text (object, "canonical", &import->replaced);
  g_autofree char *own_uuid = scholia_w3c_json_urn_uuid (incoming->id);

  if (canonical != NULL && *canonical != '\0')
    incoming->provenance.canonical = g_steal_pointer (&canonical);
  else if (incoming->id != NULL && *incoming->id != '\0')
    incoming->provenance.canonical = g_strdup (incoming->id);
  if (own_uuid == NULL && incoming->id != NULL && *incoming->id != '\0')
    incoming->provenance.via = g_strdup (incoming->id);
  else
    incoming->provenance.via = scholia_w3c_json_dup_text (object, "via", &import->replaced);
}

static void
read_details (Import     *import,
              JsonObject *object,
              Incoming   *incoming)
{
  g_auto(ScholiaW3cNoteBody) note_body = { 0 };
  g_autoptr(GPtrArray) motivations = scholia_w3c_json_get_many (object, "motivation");

  for (guint i = 0; i < motivations->len && incoming->provenance.motivation == NULL; i++)
    {
      JsonNode *node = g_ptr_array_index (motivations, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        incoming->provenance.motivation = g_utf8_make_valid (json_node_get_string (node), -1);
    }
  incoming->provenance.creator = scholia_w3c_json_read_agent (object, "creator", &import->replaced);
  incoming->note = scholia_w3c_json_read_bodies_full (object, &import->replaced, incoming->tags, incoming->themes,
                                                      &note_body);
  incoming->provenance.note_purpose = g_steal_pointer (&note_body.purpose);
  incoming->provenance.note_language = g_steal_pointer (&note_body.language);
  incoming->provenance.note_format = g_steal_pointer (&note_body.format);
  incoming->provenance.note_html = g_steal_pointer (&note_body.html);
}

/* Reads one annotation into import->incoming, or, when it cannot be imported, notes why in
 * import->rejected. @root: it is the whole file, so it must carry its own "@context". */
static void
read_annotation (Import   *import,
                 JsonNode *node,
                 gboolean  root)
{
  g_autoptr(Incoming) incoming = g_new0 (Incoming, 1);
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  JsonObject *object;
  JsonObject *target = NULL;
  g_autofree char *source = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  incoming->number = ++import->n_items;
  incoming->start = incoming->end = -1;
  incoming->tags = g_ptr_array_new_with_free_func (g_free);
  incoming->themes = g_ptr_array_new_with_free_func (g_free);

  if (!scholia_w3c_json_has_type (node, "Annotation"))
    {
      g_set_error (&error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("Item %u is not a W3C Annotation (it needs \"type\": \"Annotation\")"), incoming->number);
      reject (import->rejected, incoming->number, NULL, error);
      return;
    }
  object = json_node_get_object (node);
  incoming->id = scholia_w3c_json_dup_text (object, "id", &import->replaced);
  if (incoming->id == NULL)
    incoming->id = scholia_w3c_json_dup_text (object, "@id", &import->replaced);
  what = describe (incoming->number, incoming->id);

  if (!scholia_w3c_check_annotation (object, root, &error))
    {
      /* Translators: the start of an error message: %s names an annotation (“annotation 3”); the
       * reason follows. Keep “W3C Web Annotation” */
      g_prefix_error (&error, _("%s breaks the W3C Web Annotation model: "), what);
      reject (import->rejected, incoming->number, incoming->id, error);
      return;
    }

  if (_scholia_w3c_links_read (import->links, object, incoming->number, incoming->id, &import->replaced))
    return;

  /* Of several targets, the first that points into a text with selectors is the one to place. */
  targets = scholia_w3c_json_get_many (object, "target");
  for (guint i = 0; i < targets->len && target == NULL; i++)
    {
      JsonNode *candidate = g_ptr_array_index (targets, i);

      if (JSON_NODE_HOLDS_OBJECT (candidate) && json_object_has_member (json_node_get_object (candidate), "selector"))
        target = json_node_get_object (candidate);
    }
  if (target == NULL)
    {
      g_set_error (&error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("The target of %s has no selector, so it cannot be placed in a text"), what);
      reject (import->rejected, incoming->number, incoming->id, error);
      return;
    }

  source = scholia_w3c_json_dup_text (target, "source", &import->replaced);
  if (!read_selectors (import, target, incoming, what, &error) ||
      (incoming->document = resolve_document (import, source, what, &error)) == NULL)
    {
      reject (import->rejected, incoming->number, incoming->id, error);
      return;
    }
  /* Where to send one whose quote is not in the chosen document: the source may name another. */
  if (import->document != NULL)
    incoming->named = lookup_source (import, source, what, NULL);

  read_details (import, object, incoming);
  read_identity (import, object, incoming);
  incoming->uuid = _scholia_w3c_uuid_for_id (incoming->id);
  incoming->created = scholia_w3c_json_parse_time (scholia_w3c_json_get_string (object, "created"), now);
  incoming->modified = scholia_w3c_json_parse_time (scholia_w3c_json_get_string (object, "modified"), incoming->created);

  g_ptr_array_add (import->incoming, g_steal_pointer (&incoming));
}

static gboolean
read_items (Import      *import,
            JsonNode    *items,
            GError     **error)
{
  JsonArray *array;

  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                           _("An AnnotationPage has no “items” array"));
      return FALSE;
    }
  array = json_node_get_array (items);
  for (guint i = 0; i < json_array_get_length (array); i++)
    read_annotation (import, json_array_get_element (array, i), FALSE);
  return TRUE;
}

/* A page and the pages after it, as long as they are inline: a page given only by its IRI would
 * have to be fetched, which an import from a file does not do. */
static gboolean
read_pages (Import      *import,
            JsonNode    *page,
            GError     **error)
{
  guint count = 0;

  while (page != NULL && !JSON_NODE_HOLDS_NULL (page))
    {
      if (!scholia_w3c_json_has_type (page, "AnnotationPage"))
        {
          g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_UNSUPPORTED,
                               _("The collection’s pages are not inline: export them with their items embedded"));
          return FALSE;
        }
      if (!read_items (import, json_object_get_member (json_node_get_object (page), "items"), error))
        return FALSE;
      page = json_object_get_member (json_node_get_object (page), "next");
      if (++count > 100000)
        break;
    }
  return TRUE;
}

static gboolean
read_root (Import      *import,
           JsonNode    *root,
           GError     **error)
{
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        read_annotation (import, json_array_get_element (array, i), FALSE);
      return TRUE;
    }

  if (scholia_w3c_json_has_type (root, "Annotation"))
    {
      read_annotation (import, root, TRUE);
      return TRUE;
    }
  if (scholia_w3c_json_has_type (root, "AnnotationCollection") ||
      scholia_w3c_json_has_type (root, "AnnotationPage"))
    {
      JsonObject *object = json_node_get_object (root);

      if (!scholia_w3c_check_context (object, TRUE, error))
        return FALSE;
      return read_pages (import, scholia_w3c_json_has_type (root, "AnnotationPage")
                                 ? root : json_object_get_member (object, "first"), error);
    }

  g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                       _("This is not W3C Web Annotation JSON: expected an Annotation, an array of them, "
                         "an AnnotationPage or an AnnotationCollection"));
  return FALSE;
}

static void
index_documents (Import *import)
{
  GListModel *documents = scholia_store_get_documents (import->store);
  guint n = g_list_model_get_n_items (documents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);
      const char *source = scholia_document_get_source (document);
      GPtrArray *same;

      g_hash_table_insert (import->by_uuid, g_ascii_strdown (scholia_document_get_uuid (document), -1), document);
      if (source == NULL || *source == '\0')
        continue;
      same = g_hash_table_lookup (import->by_source, source);
      if (same == NULL)
        {
          same = g_ptr_array_new ();
          g_hash_table_insert (import->by_source, g_strdup (source), same);
        }
      g_ptr_array_add (same, document);
    }
}

/* Labels named in the file that the library lacks, created before the annotations that carry
 * them; @created collects them so that a failure can take them away again. */
static gboolean
ensure_labels (ScholiaStore  *store,
               GPtrArray     *incoming,
               gboolean       tags,
               GHashTable    *ids,
               GPtrArray     *created,
               GError       **error)
{
  for (guint i = 0; i < incoming->len; i++)
    {
      Incoming *one = g_ptr_array_index (incoming, i);
      GPtrArray *names = tags ? one->tags : one->themes;

      for (guint j = 0; j < names->len; j++)
        {
          const char *name = g_ptr_array_index (names, j);
          g_autofree char *folded = g_utf8_casefold (name, -1);
          GType label_type = tags ? SCHOLIA_TYPE_TAG : SCHOLIA_TYPE_THEME;
          ScholiaLabel *label;

          if (g_hash_table_contains (ids, folded))
            continue;
          label = scholia_store_find_label (store, label_type, name, NULL);
          if (label == NULL)
            {
              label = scholia_store_add_label (store, label_type, name, NULL, NULL, error);
              if (label == NULL)
                return FALSE;
              g_ptr_array_add (created, g_object_ref (label));
            }
          g_hash_table_insert (ids, g_steal_pointer (&folded),
                               g_memdup2 (&(gint64) { scholia_label_get_id (label) },
                                          sizeof (gint64)));
        }
    }
  return TRUE;
}

static GArray *
label_ids (GHashTable *ids,
           GPtrArray  *names)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *folded = g_utf8_casefold (g_ptr_array_index (names, i), -1);
      gint64 *id = g_hash_table_lookup (ids, folded);
      gboolean seen = FALSE;

      for (guint j = 0; j < result->len; j++)
        seen |= g_array_index (result, gint64, j) == *id;
      if (!seen)
        g_array_append_val (result, *id);
    }
  return result;
}

static void
remove_labels (ScholiaStore *store,
               GPtrArray    *created)
{
  for (guint i = 0; i < created->len; i++)
    scholia_store_delete_label (store, g_ptr_array_index (created, i), NULL);
}

/* Everything a record points to for as long as the records are being written. */
typedef struct
{
  GPtrArray *strings;
  GPtrArray *arrays;
  GPtrArray *sources;  /* the Incoming of each record */
  const char *file_name;  /* the file read, named as the reason an orphan is unplaced; or NULL */
  GPtrArray *rejected;    /* ScholiaW3cRejection: those that cannot be placed at all */
} Keep;

static const char *
keep_string (Keep *keep,
             char *string)
{
  g_ptr_array_add (keep->strings, string);
  return string;
}

/* Places the annotations of one document in its text, filling their records and counts. With
 * @strays, one that cannot be placed is not kept as an orphan but added to @strays: its quote
 * is not in a document the user chose, so it does not belong there. */
static gboolean
place_in_document (ScholiaStore             *store,
                   ScholiaDocument          *document,
                   GPtrArray                *given,
                   GArray                   *records,
                   Keep                     *keep,
                   ScholiaW3cSummary        *counts,
                   GPtrArray                *strays,
                   GError                  **error)
{
  g_autofree char *text = scholia_store_load_text (store, document, error);
  g_autoptr(ScholiaAnchorText) anchor_text = NULL;
  g_autoptr(ScholiaTextOffsets) offsets = NULL;
  g_autofree ScholiaAnchorSelector *selectors = NULL;
  g_autofree ScholiaAnchorResult *results = NULL;
  g_autoptr(GPtrArray) incoming = g_ptr_array_new ();
  int length;

  if (text == NULL)
    return FALSE;
  offsets = scholia_text_offsets_new (text);
  length = scholia_text_offsets_get_length (offsets);

  /* A selector with only a position names its quote by where it is; one beyond the text names
   * nothing, and is not imported. */
  for (guint i = 0; i < given->len; i++)
    {
      Incoming *one = g_ptr_array_index (given, i);

      if (one->quote == NULL && one->end > length)
        {
          g_autofree char *what = describe (one->number, one->id);
          g_autoptr(GError) beyond = NULL;

          g_set_error (&beyond, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                       _("The position %d–%d of %s lies beyond the end of “%s”, and it has no quote to look for"),
                       one->start, one->end, what, scholia_document_get_title (document));
          reject (keep->rejected, one->number, one->id, beyond);
          continue;
        }
      if (one->quote == NULL)
        scholia_text_offsets_context (offsets, one->start, one->end, &one->quote, &one->prefix, &one->suffix);
      g_ptr_array_add (incoming, one);
    }

  selectors = g_new0 (ScholiaAnchorSelector, MAX (incoming->len, 1));
  results = g_new0 (ScholiaAnchorResult, MAX (incoming->len, 1));
  for (guint i = 0; i < incoming->len; i++)
    {
      Incoming *one = g_ptr_array_index (incoming, i);

      selectors[i] = (ScholiaAnchorSelector) {
        .start = one->start,
        .end = one->end,
        .quote = one->quote,
        .prefix = one->prefix,
        .suffix = one->suffix,
      };
    }
  anchor_text = scholia_anchor_text_new (text, -1);
  scholia_anchor_locate_all (anchor_text, selectors, incoming->len, results);

  for (guint i = 0; i < incoming->len; i++)
    {
      Incoming *one = g_ptr_array_index (incoming, i);
      ScholiaAnnotationRecord record = {
        .document = document,
        .uuid = one->uuid,
        .note = one->note,
        .created = one->created,
        .modified = one->modified,
        .provenance = &one->provenance,
      };

      if (results[i].status == SCHOLIA_ANCHOR_ORPHAN && strays != NULL)
        {
          g_ptr_array_add (strays, one);
          continue;
        }

      g_ptr_array_add (keep->sources, one);

      if (results[i].status == SCHOLIA_ANCHOR_ORPHAN)
        {
          /* Kept, with the file's quote, where the file said it was (or at the start). */
          counts->orphaned++;
          record.orphaned = TRUE;
          record.reason = SCHOLIA_UNPLACED_IMPORTED;
          record.source = keep->file_name;
          record.quote = one->quote;
          record.prefix = one->prefix;
          record.suffix = one->suffix;
          record.end = one->start >= 0 ? MIN (one->end, length) : 1;
          record.start = one->start >= 0 ? CLAMP (one->start, 0, record.end - 1) : 0;
        }
      else
        {
          char *quote, *prefix, *suffix;

          if (results[i].status == SCHOLIA_ANCHOR_EXACT_POSITION ||
              (results[i].status == SCHOLIA_ANCHOR_EXACT_MOVED && one->start < 0))
            counts->exact++;
          else
            counts->reanchored++;
          record.start = results[i].start;
          record.end = results[i].end;
          scholia_text_offsets_context (offsets, record.start, record.end, &quote, &prefix, &suffix);
          record.quote = keep_string (keep, quote);
          record.prefix = keep_string (keep, prefix);
          record.suffix = keep_string (keep, suffix);
        }
      g_array_append_val (records, record);
    }
  return TRUE;
}

/* The annotations whose quote is not in the chosen @document go to the document their source
 * names, where they are placed (or kept as orphans: that text may have changed since); the
 * others are skipped and counted, not stored as orphans of a document they never belonged to. */
static gboolean
place_strays (ScholiaStore       *store,
              ScholiaDocument    *document,
              GPtrArray          *strays,
              GArray             *records,
              Keep               *keep,
              ScholiaW3cSummary  *counts,
              GError            **error)
{
  g_autoptr(GHashTable) per_document = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < strays->len; i++)
    {
      Incoming *one = g_ptr_array_index (strays, i);
      GPtrArray *group;

      if (one->named == NULL || one->named == document)
        {
          counts->skipped++;
          continue;
        }
      group = g_hash_table_lookup (per_document, one->named);
      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (per_document, one->named, group);
          g_ptr_array_add (order, one->named);
        }
      g_ptr_array_add (group, one);
      counts->elsewhere++;
    }

  for (guint i = 0; i < order->len; i++)
    if (!place_in_document (store, g_ptr_array_index (order, i),
                            g_hash_table_lookup (per_document, g_ptr_array_index (order, i)),
                            records, keep, counts, NULL, error))
      return FALSE;
  return TRUE;
}

/* Which of the file's annotations to write: not one the file repeats or the library holds on
 * its document already, nor one the library holds on another document unless @flags asks for
 * copies. A copy takes its derived uuid, and is not written again when the library has it. */
static gboolean
sort_incoming (ScholiaStore           *store,
               GPtrArray              *incoming,
               ScholiaW3cImportFlags   flags,
               GPtrArray              *fresh,
               ScholiaW3cSummary      *counts,
               GError                **error)
{
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new ();
  g_autoptr(GPtrArray) canonicals = g_ptr_array_new ();
  g_autoptr(GHashTable) present = NULL;
  g_autoptr(GHashTable) holders = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < incoming->len; i++)
    g_ptr_array_add (uuids, ((Incoming *) g_ptr_array_index (incoming, i))->uuid);
  present = scholia_store_find_annotation_uuids (store, uuids, error);
  if (present == NULL)
    return FALSE;
  /* Only those the library does not hold by their uuid may hold them by their canonical IRI. */
  for (guint i = 0; i < incoming->len; i++)
    {
      Incoming *one = g_ptr_array_index (incoming, i);

      if (one->provenance.canonical != NULL && !g_hash_table_contains (present, one->uuid))
        g_ptr_array_add (canonicals, one->provenance.canonical);
    }
  holders = scholia_store_find_canonicals (store, canonicals, error);
  if (holders == NULL)
    return FALSE;

  for (guint i = 0; i < incoming->len; i++)
    {
      Incoming *one = g_ptr_array_index (incoming, i);
      gint64 *owner = g_hash_table_lookup (present, one->uuid);

      if (!g_hash_table_add (seen, one->uuid) ||
          (owner != NULL && *owner == scholia_document_get_id (one->document)))
        {
          counts->present++;
          continue;
        }

      /* The library holds it under another uuid: the same annotation, whatever its id now. */
      if (one->provenance.canonical != NULL &&
          g_strcmp0 (g_hash_table_lookup (holders, one->provenance.canonical), one->uuid) != 0 &&
          g_hash_table_contains (holders, one->provenance.canonical))
        {
          counts->present++;
          continue;
        }

      if (owner == NULL)
        {
          g_ptr_array_add (fresh, one);
          continue;
        }

      if ((flags & SCHOLIA_W3C_IMPORT_COPY_FOREIGN) == 0)
        counts->foreign++;
      else
        {
          g_autoptr(GPtrArray) copy = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GHashTable) copied = NULL;

          g_ptr_array_add (copy, copy_uuid (one->uuid, one->document));
          copied = scholia_store_find_annotation_uuids (store, copy, error);
          if (copied == NULL)
            return FALSE;
          if (g_hash_table_size (copied) > 0)
            {
              counts->present++;
              continue;
            }
          /* The tables above still point to the original uuid. */
          g_ptr_array_add (originals, one->uuid);
          one->uuid = g_strdup (g_ptr_array_index (copy, 0));
          /* A copy is another annotation: the original's canonical IRI is not its. */
          g_clear_pointer (&one->provenance.canonical, g_free);
          counts->copied++;
          g_ptr_array_add (fresh, one);
        }

      if (counts->foreign_documents == 0)
        counts->foreign_document_id = *owner;
      if (g_hash_table_add (owners, g_memdup2 (owner, sizeof *owner)))
        counts->foreign_documents++;
    }
  return TRUE;
}

static int
compare_rejections (gconstpointer a,
                    gconstpointer b)
{
  const ScholiaW3cRejection *left = *(ScholiaW3cRejection * const *) a;
  const ScholiaW3cRejection *right = *(ScholiaW3cRejection * const *) b;

  return (left->number > right->number) - (left->number < right->number);
}

/* Whether the file gave anything that is now in the library (imported, or there already); if
 * all it gave was rejected, the import fails, on one line, with the first reason, and writes
 * nothing. The rejections are put in file order. */
static gboolean
accept_some (GPtrArray                *rejected,
             const ScholiaW3cSummary  *counts,
             guint                     links,
             GError                  **error)
{
  const ScholiaW3cRejection *first;

  g_ptr_array_sort (rejected, compare_rejections);
  if (rejected->len == 0 || links > 0 ||
      counts->exact + counts->reanchored + counts->orphaned + counts->present + counts->foreign > 0)
    return TRUE;

  first = g_ptr_array_index (rejected, 0);
  if (rejected->len == 1)
    g_set_error_literal (error, SCHOLIA_ERROR, first->code, first->reason);
  else
    g_set_error (error, SCHOLIA_ERROR, first->code,
                 ngettext ("%s (and %u more annotation that could not be imported either)",
                           "%s (and %u more annotations that could not be imported either)",
                           rejected->len - 1),
                 first->reason, rejected->len - 1);
  return FALSE;
}

static gboolean
import_tree (ScholiaStore           *store,
             JsonNode               *root,
             const char             *file_name,
             ScholiaDocument        *document,
             ScholiaW3cImportFlags   flags,
             ScholiaW3cSummary      *summary,
             GError                **error)
{
  Import import = { 0 };
  g_autoptr(GHashTable) by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) incoming_free);
  g_autoptr(GHashTable) per_document = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GPtrArray) strays = g_ptr_array_new ();
  g_autoptr(GHashTable) tag_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) theme_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (ScholiaAnnotationRecord));
  g_autoptr(GPtrArray) kept_strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kept_arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) kept_sources = g_ptr_array_new ();
  g_autoptr(GPtrArray) rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  Keep keep = { kept_strings, kept_arrays, kept_sources, file_name, rejected };
  g_auto(ScholiaW3cSummary) counts = { 0 };
  g_autoptr(ScholiaW3cLinks) links = _scholia_w3c_links_new ();

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (document == NULL || SCHOLIA_IS_DOCUMENT (document), FALSE);

  import.store = store;
  import.document = document;
  import.by_uuid = by_uuid;
  import.by_source = by_source;
  import.incoming = incoming;
  import.rejected = rejected;
  import.links = links;
  index_documents (&import);

  /* 1. Read and check everything. */
  if (!read_root (&import, root, error) ||
      !sort_incoming (store, incoming, flags, fresh, &counts, error))
    return FALSE;
  counts.replaced = import.replaced;

  for (guint i = 0; i < fresh->len; i++)
    {
      Incoming *one = g_ptr_array_index (fresh, i);
      GPtrArray *group = g_hash_table_lookup (per_document, one->document);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (per_document, one->document, group);
          g_ptr_array_add (order, one->document);
        }
      g_ptr_array_add (group, one);
    }

  /* 2. Place them, still without writing: one beyond its text is rejected too. */
  for (guint i = 0; i < order->len; i++)
    if (!place_in_document (store, g_ptr_array_index (order, i),
                            g_hash_table_lookup (per_document, g_ptr_array_index (order, i)),
                            records, &keep, &counts, document != NULL ? strays : NULL, error))
      return FALSE;
  if (!place_strays (store, document, strays, records, &keep, &counts, error))
    return FALSE;
  if (!accept_some (rejected, &counts, _scholia_w3c_links_count (links), error))
    return FALSE;

  /* 3. Write: missing labels, then every annotation in one transaction; a failure takes the
   * new labels away again. */
  if (!ensure_labels (store, fresh, TRUE, tag_ids, created, error) ||
      !ensure_labels (store, fresh, FALSE, theme_ids, created, error))
    goto failed;

  for (guint i = 0; i < records->len; i++)
    {
      ScholiaAnnotationRecord *record = &g_array_index (records, ScholiaAnnotationRecord, i);
      Incoming *one = g_ptr_array_index (keep.sources, i);
      GArray *tags = label_ids (tag_ids, one->tags);
      GArray *themes = label_ids (theme_ids, one->themes);

      g_ptr_array_add (keep.arrays, tags);
      g_ptr_array_add (keep.arrays, themes);
      record->tag_ids = (gint64 *) tags->data;
      record->n_tag_ids = tags->len;
      record->theme_ids = (gint64 *) themes->data;
      record->n_theme_ids = themes->len;
    }

  if (!scholia_store_add_annotations_full (store, (ScholiaAnnotationRecord *) records->data, records->len, error))
    goto failed;
  /* After the annotations, which a link between two of the file's joins; a library that
   * cannot take them keeps the annotations and fails. */
  if (!_scholia_w3c_links_write (links, store, rejected, &counts.links, &counts.links_present, error))
    return FALSE;

  if (rejected->len > 0)
    counts.rejected = g_steal_pointer (&rejected);
  if (summary != NULL)
    {
      *summary = counts;
      counts.rejected = NULL;
    }
  return TRUE;

failed:
  remove_labels (store, created);
  return FALSE;
}

gboolean
scholia_w3c_import_full (ScholiaStore           *store,
                         JsonNode               *root,
                         ScholiaDocument        *document,
                         ScholiaW3cImportFlags   flags,
                         ScholiaW3cSummary      *summary,
                         GError                **error)
{
  return import_tree (store, root, NULL, document, flags, summary, error);
}

gboolean
scholia_w3c_import (ScholiaStore       *store,
                    JsonNode           *root,
                    ScholiaDocument    *document,
                    ScholiaW3cSummary  *summary,
                    GError            **error)
{
  return scholia_w3c_import_full (store, root, document, SCHOLIA_W3C_IMPORT_DEFAULT, summary, error);
}

JsonNode *
scholia_w3c_read_file (GFile         *file,
                       guint         *replaced,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  _scholia_import_wait_for_test_gate ();
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO, _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }
  /* Before the parser: it would recurse into deep nesting until the stack overflows. */
  if (!scholia_json_scan (contents, length, SCHOLIA_JSON_MAX_DEPTH, replaced, &local_error))
    {
      g_set_error (error, SCHOLIA_ERROR, local_error->code, _("Could not import “%s”: %s"),
                   name, local_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID, _("“%s” is not valid JSON: %s"),
                   name, local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID, _("“%s” is empty"), name);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

gboolean
scholia_w3c_import_file_full (ScholiaStore           *store,
                              GFile                  *file,
                              ScholiaDocument        *document,
                              ScholiaW3cImportFlags   flags,
                              ScholiaW3cSummary      *summary,
                              GCancellable           *cancellable,
                              GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  guint replaced = 0;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  root = scholia_w3c_read_file (file, &replaced, cancellable, error);
  return root != NULL &&
         scholia_w3c_import_read (store, file, root, replaced, document, flags, summary, error);
}

gboolean
scholia_w3c_import_read (ScholiaStore           *store,
                         GFile                  *file,
                         JsonNode               *root,
                         guint                   replaced,
                         ScholiaDocument        *document,
                         ScholiaW3cImportFlags   flags,
                         ScholiaW3cSummary      *summary,
                         GError                **error)
{
  g_autofree char *base_name = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (root != NULL, FALSE);

  base_name = g_file_get_basename (file);
  if (!import_tree (store, root, base_name, document, flags, summary, error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_prefix_error (error, _("Could not import “%s”: "), name);
      return FALSE;
    }
  if (summary != NULL)
    summary->replaced += replaced;
  return TRUE;
}

gboolean
scholia_w3c_import_file (ScholiaStore       *store,
                         GFile              *file,
                         ScholiaDocument    *document,
                         ScholiaW3cSummary  *summary,
                         GCancellable       *cancellable,
                         GError            **error)
{
  return scholia_w3c_import_file_full (store, file, document, SCHOLIA_W3C_IMPORT_DEFAULT, summary,
                                       cancellable, error);
}

char *
scholia_w3c_describe_foreign (ScholiaStore            *store,
                              const ScholiaW3cSummary *summary)
{
  ScholiaDocument *first;
  const char *title;
  guint others;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  if (summary->foreign + summary->copied == 0)
    return NULL;
  first = scholia_store_lookup_document (store, summary->foreign_document_id);
  title = first != NULL ? scholia_document_get_title (first) : "";
  others = summary->foreign_documents > 1 ? summary->foreign_documents - 1 : 0;

  if (summary->copied > 0 && others == 0)
    return g_strdup_printf (ngettext ("%u annotation of another essay (“%s”) was copied as a new one",
                                      "%u annotations of another essay (“%s”) were copied as new ones",
                                      summary->copied),
                            summary->copied, title);
  if (summary->copied > 0)
    return g_strdup_printf (ngettext ("%u annotation of other essays (“%s” and %u more) was copied as a new one",
                                      "%u annotations of other essays (“%s” and %u more) were copied as new ones",
                                      summary->copied),
                            summary->copied, title, others);
  if (others == 0)
    return g_strdup_printf (ngettext ("%u annotation belongs to another essay (“%s”)",
                                      "%u annotations belong to another essay (“%s”)",
                                      summary->foreign),
                            summary->foreign, title);
  return g_strdup_printf (ngettext ("%u annotation belongs to other essays (“%s” and %u more)",
                                    "%u annotations belong to other essays (“%s” and %u more)",
                                    summary->foreign),
                          summary->foreign, title, others);
}

char *
scholia_w3c_describe_replaced (const ScholiaW3cSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  if (summary->replaced == 0)
    return NULL;
  return g_strdup_printf (ngettext ("%u character that was not valid Unicode text was replaced by “�”",
                                    "%u characters that were not valid Unicode text were replaced by “�”",
                                    summary->replaced),
                          summary->replaced);
}

char *
scholia_w3c_describe_skipped (const ScholiaW3cSummary *summary,
                              ScholiaDocument         *document)
{
  g_autofree char *elsewhere = NULL;
  g_autofree char *skipped = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  if (document == NULL || summary->skipped + summary->elsewhere == 0)
    return NULL;
  if (summary->elsewhere > 0)
    elsewhere = g_strdup_printf (ngettext ("%u not in “%s” put on the essay its target names",
                                           "%u not in “%s” put on the essays their targets name",
                                           summary->elsewhere),
                                 summary->elsewhere, scholia_document_get_title (document));
  if (summary->skipped > 0)
    skipped = g_strdup_printf (ngettext ("%u skipped: its passage is not in “%s”",
                                         "%u skipped: their passage is not in “%s”",
                                         summary->skipped),
                               summary->skipped, scholia_document_get_title (document));
  if (elsewhere != NULL && skipped != NULL)
    return g_strdup_printf ("%s, %s", elsewhere, skipped);
  return g_strdup (elsewhere != NULL ? elsewhere : skipped);
}

char *
scholia_w3c_describe_rejected (const ScholiaW3cSummary *summary)
{
  g_autoptr(GString) lines = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  if (summary->rejected == NULL || summary->rejected->len == 0)
    return NULL;
  lines = g_string_new (NULL);
  for (guint i = 0; i < summary->rejected->len; i++)
    {
      ScholiaW3cRejection *rejection = g_ptr_array_index (summary->rejected, i);

      g_string_append_printf (lines, "%s%s", i > 0 ? "\n" : "", rejection->reason);
    }
  return g_string_free (g_steal_pointer (&lines), FALSE);
}
