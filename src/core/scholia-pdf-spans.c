/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-pdf-export-private.h"

void
scholia_pdf_key_tag_free (KeyTag *key_tag)
{
  g_clear_object (&key_tag->stripe_label);
  g_free (key_tag);
}

void
scholia_pdf_span_free (Span *span)
{
  g_clear_object (&span->annotation);
  g_clear_pointer (&span->tags, g_ptr_array_unref);
  g_free (span->tag_names);
  g_free (span->theme_names);
  g_clear_object (&span->note_layout);
  g_free (span);
}

/* One document: its author is no criterion. */
static gboolean
passes_filters (const ScholiaPdfOptions *options,
                ScholiaAnnotation       *annotation)
{
  return !scholia_annotation_get_orphaned (annotation) &&
         (options->filter == NULL || scholia_annotation_filter_match_annotation (options->filter, annotation, NULL));
}

typedef struct
{
  int    offset;
  gsize *bytes;
} OffsetSlot;

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const OffsetSlot *left = a;
  const OffsetSlot *right = b;

  return (left->offset > right->offset) - (left->offset < right->offset);
}

/* Annotations count code points; layouts index bytes. One walk over the text converts all. */
static void
convert_offsets (Export *export)
{
  g_autoptr(GArray) slots = g_array_sized_new (FALSE, FALSE, sizeof (OffsetSlot), export->spans->len * 2);
  const char *p = export->text;
  int offset = 0;

  for (guint i = 0; i < export->spans->len; i++)
    {
      Span *span = g_ptr_array_index (export->spans, i);
      OffsetSlot start = { scholia_annotation_get_start (span->annotation), &span->start };
      OffsetSlot end = { scholia_annotation_get_end (span->annotation), &span->end };

      g_array_append_val (slots, start);
      g_array_append_val (slots, end);
    }
  g_array_sort (slots, compare_slots);

  for (guint i = 0; i < slots->len; i++)
    {
      OffsetSlot *slot = &g_array_index (slots, OffsetSlot, i);

      while (offset < slot->offset && *p != '\0')
        {
          p = g_utf8_next_char (p);
          offset++;
        }
      *slot->bytes = p - export->text;
    }
}

static KeyTag *
find_key_tag (Export *export,
              gint64  tag_id)
{
  for (guint i = 0; i < export->key->len; i++)
    {
      KeyTag *key_tag = g_ptr_array_index (export->key, i);

      if (scholia_label_get_id (SCHOLIA_LABEL (key_tag->tag)) == tag_id)
        return key_tag;
    }
  return NULL;
}

/* The key lists the tags the exported spans carry, in palette order, and so do the themes. */
static void
collect_key (Export *export)
{
  GListModel *tags = scholia_store_get_labels (export->store, SCHOLIA_TYPE_TAG);
  GListModel *themes = scholia_store_get_labels (export->store, SCHOLIA_TYPE_THEME);

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(ScholiaTag) tag = g_list_model_get_item (tags, i);

      for (guint s = 0; s < export->spans->len; s++)
        {
          Span *span = g_ptr_array_index (export->spans, s);

          if (scholia_annotation_has_tag (span->annotation, scholia_label_get_id (SCHOLIA_LABEL (tag))))
            {
              KeyTag *key_tag = g_new0 (KeyTag, 1);

              key_tag->tag = tag;
              key_tag->index = export->key->len;
              scholia_pdf_parse_colour (scholia_label_get_colour (SCHOLIA_LABEL (tag)), key_tag->rgb);
              g_ptr_array_add (export->key, key_tag);
              break;
            }
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(ScholiaTheme) theme = g_list_model_get_item (themes, i);

      for (guint s = 0; s < export->spans->len; s++)
        if (scholia_annotation_has_theme (((Span *) g_ptr_array_index (export->spans, s))->annotation,
                                          scholia_label_get_id (SCHOLIA_LABEL (theme))))
          {
            g_ptr_array_add (export->themes, theme);
            break;
          }
    }
}

static void
describe_span (Export *export,
               Span   *span)
{
  g_autoptr(GString) tag_names = g_string_new (NULL);
  g_autoptr(GString) theme_names = g_string_new (NULL);
  const gint64 *ids;
  guint n_ids;

  span->tags = g_ptr_array_new ();
  ids = scholia_annotation_get_tag_ids (span->annotation, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      KeyTag *key_tag = find_key_tag (export, ids[i]);

      if (key_tag == NULL)
        continue;
      g_ptr_array_add (span->tags, key_tag);
      g_string_append_printf (tag_names, "%s%s", tag_names->len > 0 ? ", " : "",
                              scholia_label_get_display_name (SCHOLIA_LABEL (key_tag->tag)));
    }

  ids = scholia_annotation_get_theme_ids (span->annotation, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      ScholiaLabel *theme = scholia_store_lookup_label (export->store, SCHOLIA_TYPE_THEME, ids[i]);

      if (theme != NULL)
        g_string_append_printf (theme_names, "%s%s", theme_names->len > 0 ? ", " : "",
                                scholia_label_get_display_name (SCHOLIA_LABEL (theme)));
    }

  /* The wash takes the first tag's colour, else the first theme's. */
  if (span->tags->len > 0)
    memcpy (span->rgb, ((KeyTag *) g_ptr_array_index (span->tags, 0))->rgb, sizeof span->rgb);
  else if (n_ids > 0 && scholia_store_lookup_label (export->store, SCHOLIA_TYPE_THEME, ids[0]) != NULL)
    scholia_pdf_parse_colour (scholia_label_get_colour (scholia_store_lookup_label (export->store, SCHOLIA_TYPE_THEME, ids[0])), span->rgb);
  else
    scholia_pdf_parse_colour (NULL, span->rgb);

  span->tag_names = g_string_free (g_steal_pointer (&tag_names), FALSE);
  span->theme_names = g_string_free (g_steal_pointer (&theme_names), FALSE);
}

/* Underline tracks: a span takes one track per tag, the lowest free at its start, so that the
 * underlines of overlapping spans lie one under the other. */
static void
assign_tracks (Export *export)
{
  gsize track_end[MAX_TRACKS * 4] = { 0 };

  for (guint i = 0; i < export->spans->len; i++)
    {
      Span *span = g_ptr_array_index (export->spans, i);
      int needed = MAX (1, (int) span->tags->len);
      int track = 0;

      for (int t = 0; t + needed <= (int) G_N_ELEMENTS (track_end); t++)
        {
          gboolean free = TRUE;

          for (int k = t; k < t + needed && free; k++)
            free = track_end[k] <= span->start;
          if (free)
            {
              track = t;
              break;
            }
        }
      span->track = track;
      for (int k = track; k < track + needed && k < (int) G_N_ELEMENTS (track_end); k++)
        track_end[k] = span->end;
    }
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *left = *(Span * const *) a;
  const Span *right = *(Span * const *) b;

  if (left->start != right->start)
    return left->start < right->start ? -1 : 1;
  return (left->end > right->end) - (left->end < right->end);
}

gboolean
scholia_pdf_export_load_spans (Export  *export,
                               GError **error)
{
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (export->store, export->document, error);
  gsize length = strlen (export->text);

  if (annotations == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
      Span *span;

      if (!passes_filters (export->options, annotation))
        continue;
      span = g_new0 (Span, 1);
      span->annotation = g_steal_pointer (&annotation);
      g_ptr_array_add (export->spans, span);
    }

  convert_offsets (export);
  g_ptr_array_sort (export->spans, compare_spans);
  collect_key (export);
  for (guint i = 0; i < export->spans->len; i++)
    {
      Span *span = g_ptr_array_index (export->spans, i);

      span->end = MIN (span->end, length);
      describe_span (export, span);
    }
  assign_tracks (export);
  return TRUE;
}
