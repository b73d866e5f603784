/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-highlighter.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "scholia-annotation.h"
#include "scholia-colour.h"
#include "scholia-highlighter-private.h"
#include "scholia-reading.h"
#include "scholia-seminar-layers.h"
#include "scholia-tag.h"

/* How highlights are drawn.
 *
 * A GtkTextView does not blend the backgrounds of overlapping tags: the
 * highest-priority background wins. Each character can show one
 * background, one underline and one overline, so Scholia spends them
 * like this:
 *
 * - Every annotation paints its first tag's colour as a translucent
 *   background over its whole span ("scholia-tag-<id>"). A second tag adds
 *   a single underline in that tag's colour. Further tags show only in the
 *   chooser and the annotation's own view: GTK 4.8 crashes on an overline
 *   colour ("overline-rgba" is freed twice when text attributes are
 *   copied), and a character has no other line to spare.
 * - Where two or more annotations overlap, the "scholia-overlap" tag turns
 *   the underline double. The innermost (shortest) annotation there paints
 *   a stronger background in its first tag's colour, as two stacked
 *   translucent layers would look, and the double underline takes the
 *   first tag colour of the next shortest one. So a passage nested in
 *   another, or two passages that cross, show both colours and a visibly
 *   different overlap, however the tags are ordered.
 * - An annotation without tags is drawn in a neutral grey.
 *
 * All these tags sit below every other tag of the buffer, so the find
 * bar's match highlighting stays on top of them. */

/* The backgrounds' alphas over the page, for light and dark styles, and the
 * untagged grey are the core's (src/core/scholia-colour.c), where the palette
 * is tested against them: the overlap alpha is two such layers stacked. */
#define UNTAGGED_ID         0

/* The kinds of GtkTextTag a Scholia tag may need, lowest priority first. */
typedef enum
{
  KIND_FILL,
  KIND_SECOND,
  KIND_STRONG,
  KIND_OVERLAP_LINE,
  N_KINDS
} TagKind;

/* The priority bands, lowest first: the overlap tag's double underline
 * must beat the single underline of second tags, and the overlap
 * underline colour must beat theirs. */
enum
{
  BAND_FILL,
  BAND_SECOND,
  BAND_STRONG,
  BAND_OVERLAP,
  BAND_OVERLAP_LINE,
  N_BANDS
};

static const int kind_band[N_KINDS] = {
  [KIND_FILL] = BAND_FILL,
  [KIND_SECOND] = BAND_SECOND,
  [KIND_STRONG] = BAND_STRONG,
  [KIND_OVERLAP_LINE] = BAND_OVERLAP_LINE,
};

static const char * const kind_suffix[N_KINDS] = {
  [KIND_FILL] = "",
  [KIND_SECOND] = "-second",
  [KIND_STRONG] = "-strong",
  [KIND_OVERLAP_LINE] = "-overlap-line",
};

typedef struct
{
  gint64      id;
  ScholiaTag *tag;      /* NULL for the untagged colour */
  GdkRGBA     colour;
  GtkTextTag *text_tags[N_KINDS];
} TagInfo;

/* One placed annotation being painted, with its range. */
typedef struct
{
  ScholiaAnnotation *annotation;
  int                start;
  int                end;
} Span;

struct _ScholiaHighlighter
{
  GObject                  parent_instance;

  GtkSourceView           *view;
  GtkTextBuffer           *buffer;
  ScholiaAnnotationGutter *gutter;
  GtkEventController      *click;
  gboolean                 pressed;
  double                   press_x;
  double                   press_y;
  /* Where the activation being emitted happened, for the chooser. */
  GtkWidget               *pointing_widget;
  GdkRectangle             pointing_rect;

  /* The open document, whose index says what to draw where; the tags
   * are its library's. */
  ScholiaReading          *reading;
  GListModel              *tags;
  /* In a seminar essay, each participant's colour and name for the margin; NULL elsewhere. */
  ScholiaSeminarLayers    *layers;
  /* Whose annotations are drawn (its participants only); NULL: everyone's. */
  ScholiaAnnotationFilter *participant_filter;

  /* Tag id → TagInfo, for the tags model and the untagged colour. */
  GHashTable              *tag_infos;
  TagInfo                 *untagged;
  GtkTextTag              *overlap_tag;
  /* Every GtkTextTag made here, per priority band, in creation order. */
  GPtrArray               *bands[N_BANDS];
  gboolean                 priorities_dirty;
  gboolean                 dark;
};

G_DEFINE_FINAL_TYPE (ScholiaHighlighter, scholia_highlighter, G_TYPE_OBJECT)

enum {
  ANNOTATION_ACTIVATED,
  ANNOTATIONS_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
buffer_length (ScholiaHighlighter *self)
{
  return gtk_text_buffer_get_char_count (self->buffer);
}

static void
tag_info_free (TagInfo *info)
{
  g_clear_object (&info->tag);
  g_free (info);
}

static void
set_colour_from_string (TagInfo    *info,
                        const char *colour)
{
  if (colour == NULL || !gdk_rgba_parse (&info->colour, colour))
    gdk_rgba_parse (&info->colour, SCHOLIA_COLOUR_UNTAGGED);
  info->colour.alpha = 1.0;
}

static void
style_text_tag (ScholiaHighlighter *self,
                TagInfo            *info,
                TagKind             kind)
{
  GtkTextTag *text_tag = info->text_tags[kind];
  GdkRGBA colour = info->colour;

  switch (kind)
    {
    case KIND_FILL:
      colour.alpha = scholia_colour_get_scheme (self->dark)->wash_alpha;
      g_object_set (text_tag, "background-rgba", &colour, NULL);
      break;

    case KIND_STRONG:
      colour.alpha = scholia_colour_get_scheme (self->dark)->strong_wash_alpha;
      g_object_set (text_tag, "background-rgba", &colour, NULL);
      break;

    case KIND_SECOND:
      g_object_set (text_tag,
                    "underline", PANGO_UNDERLINE_SINGLE,
                    "underline-rgba", &colour,
                    NULL);
      break;

    case KIND_OVERLAP_LINE:
      /* The style (double) comes from the overlap tag. */
      g_object_set (text_tag, "underline-rgba", &colour, NULL);
      break;

    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static GtkTextTag *
get_text_tag (ScholiaHighlighter *self,
              TagInfo            *info,
              TagKind             kind)
{
  g_autofree char *name = NULL;

  if (info->text_tags[kind] != NULL)
    return info->text_tags[kind];

  if (info->id == UNTAGGED_ID)
    name = g_strdup_printf ("scholia-untagged%s", kind_suffix[kind]);
  else
    name = g_strdup_printf ("scholia-tag-%" G_GINT64_FORMAT "%s", info->id, kind_suffix[kind]);

  info->text_tags[kind] = gtk_text_buffer_create_tag (self->buffer, name, NULL);
  style_text_tag (self, info, kind);
  g_ptr_array_add (self->bands[kind_band[kind]], info->text_tags[kind]);
  self->priorities_dirty = TRUE;

  return info->text_tags[kind];
}

/* Puts every tag made here below the buffer's other tags, band by band. */
static void
update_priorities (ScholiaHighlighter *self)
{
  int priority = 0;

  if (!self->priorities_dirty)
    return;

  for (guint band = 0; band < N_BANDS; band++)
    for (guint i = 0; i < self->bands[band]->len; i++)
      gtk_text_tag_set_priority (g_ptr_array_index (self->bands[band], i), priority++);

  self->priorities_dirty = FALSE;
}

static TagInfo *
lookup_tag_info (ScholiaHighlighter *self,
                 gint64              id)
{
  TagInfo *info = g_hash_table_lookup (self->tag_infos, &id);

  return info != NULL ? info : self->untagged;
}

/* The colour an annotation shows: its first tag's, or grey. */
static TagInfo *
first_tag_info (ScholiaHighlighter *self,
                ScholiaAnnotation  *annotation)
{
  guint n_ids;
  const gint64 *ids = scholia_annotation_get_tag_ids (annotation, &n_ids);

  return n_ids > 0 ? lookup_tag_info (self, ids[0]) : self->untagged;
}

static void
restyle_tag_info (ScholiaHighlighter *self,
                  TagInfo            *info)
{
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (info->text_tags[kind] != NULL)
      style_text_tag (self, info, kind);
}

/* Painting */

static void
apply_tag (ScholiaHighlighter *self,
           GtkTextTag         *tag,
           int                 start,
           int                 end)
{
  GtkTextIter start_iter, end_iter;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start_iter, start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end_iter, end);
  gtk_text_buffer_apply_tag (self->buffer, tag, &start_iter, &end_iter);
}

static void
paint_span (ScholiaHighlighter *self,
            Span               *span,
            int                 start,
            int                 end)
{
  guint n_ids;
  const gint64 *ids = scholia_annotation_get_tag_ids (span->annotation, &n_ids);

  start = MAX (start, span->start);
  end = MIN (end, span->end);
  if (start >= end)
    return;

  apply_tag (self, get_text_tag (self, n_ids > 0 ? lookup_tag_info (self, ids[0]) : self->untagged,
                                 KIND_FILL), start, end);
  if (n_ids > 1)
    apply_tag (self, get_text_tag (self, lookup_tag_info (self, ids[1]), KIND_SECOND), start, end);
}

static int
span_length (const Span *span)
{
  return span->end - span->start;
}

/* Of the spans active over a stretch, the shortest two (innermost first;
 * of equal lengths the later start is the inner one). */
static void
find_innermost (GPtrArray  *active,
                Span      **inner,
                Span      **next)
{
  *inner = NULL;
  *next = NULL;

  for (guint i = 0; i < active->len; i++)
    {
      Span *span = g_ptr_array_index (active, i);

      if (*inner == NULL || span_length (span) < span_length (*inner) ||
          (span_length (span) == span_length (*inner) && span->start > (*inner)->start))
        {
          *next = *inner;
          *inner = span;
        }
      else if (*next == NULL || span_length (span) < span_length (*next) ||
               (span_length (span) == span_length (*next) && span->start > (*next)->start))
        {
          *next = span;
        }
    }
}

static void
paint_overlap_run (ScholiaHighlighter *self,
                   Span               *inner,
                   Span               *next,
                   int                 start,
                   int                 end)
{
  if (start >= end)
    return;

  apply_tag (self, self->overlap_tag, start, end);
  apply_tag (self, get_text_tag (self, first_tag_info (self, inner->annotation), KIND_STRONG), start, end);
  apply_tag (self, get_text_tag (self, first_tag_info (self, next->annotation), KIND_OVERLAP_LINE),
             start, end);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a;
  int y = *(const int *) b;

  return (x > y) - (x < y);
}

/* One sweep over the spans (sorted by start) clipped to [start, end):
 * marks every stretch that two or more cover. Consecutive stretches with
 * the same innermost pair are painted as one run. */
static void
paint_overlaps (ScholiaHighlighter *self,
                GPtrArray          *spans,
                int                 start,
                int                 end)
{
  g_autoptr(GArray) ends = g_array_sized_new (FALSE, FALSE, sizeof (int), spans->len);
  g_autoptr(GPtrArray) active = g_ptr_array_new ();
  Span *run_inner = NULL;
  Span *run_next = NULL;
  int run_start = 0;
  int run_end = 0;
  guint next_start = 0;
  guint next_end = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = g_ptr_array_index (spans, i);
      int clipped_end = MIN (span->end, end);

      g_array_append_val (ends, clipped_end);
    }
  g_array_sort (ends, compare_ints);

  while (next_start < spans->len || next_end < ends->len)
    {
      int position;
      int following;
      Span *inner, *next;

      if (next_start < spans->len &&
          MAX (((Span *) g_ptr_array_index (spans, next_start))->start, start) <
          g_array_index (ends, int, next_end))
        position = MAX (((Span *) g_ptr_array_index (spans, next_start))->start, start);
      else
        position = g_array_index (ends, int, next_end);

      /* Half-open spans: those ending here leave before those starting here join. */
      while (next_end < ends->len && g_array_index (ends, int, next_end) == position)
        next_end++;
      for (guint i = active->len; i > 0; i--)
        {
          Span *span = g_ptr_array_index (active, i - 1);

          if (MIN (span->end, end) <= position)
            g_ptr_array_remove_index_fast (active, i - 1);
        }
      while (next_start < spans->len &&
             MAX (((Span *) g_ptr_array_index (spans, next_start))->start, start) == position)
        g_ptr_array_add (active, g_ptr_array_index (spans, next_start++));

      if (next_start < spans->len)
        following = MIN (MAX (((Span *) g_ptr_array_index (spans, next_start))->start, start),
                         next_end < ends->len ? g_array_index (ends, int, next_end) : G_MAXINT);
      else
        following = next_end < ends->len ? g_array_index (ends, int, next_end) : position;

      if (active->len < 2)
        continue;

      find_innermost (active, &inner, &next);
      if (inner == run_inner && next == run_next && position == run_end)
        {
          run_end = following;
          continue;
        }

      if (run_inner != NULL)
        paint_overlap_run (self, run_inner, run_next, run_start, run_end);
      run_inner = inner;
      run_next = next;
      run_start = position;
      run_end = following;
    }

  if (run_inner != NULL)
    paint_overlap_run (self, run_inner, run_next, run_start, run_end);
}

/* Fills @out with the placed annotations sharing a character with
 * [start, end), in text order, as the reading's index has them. */
static void
collect_spans (ScholiaHighlighter *self,
               int                 start,
               int                 end,
               GPtrArray          *out)
{
  g_autoptr(GPtrArray) annotations = NULL;

  if (self->reading == NULL)
    return;

  annotations = scholia_reading_list_overlapping (self->reading, start, end);
  for (guint i = 0; i < annotations->len; i++)
    {
      Span *span;

      if (!_scholia_highlighter_shows (self, g_ptr_array_index (annotations, i)))
        continue;
      span = g_new (Span, 1);
      span->annotation = g_ptr_array_index (annotations, i);
      span->start = scholia_annotation_get_start (span->annotation);
      span->end = scholia_annotation_get_end (span->annotation);
      g_ptr_array_add (out, span);
    }
}

/* Clears every highlight in [start, end) and draws again what the spans
 * there call for. */
static void
repaint (ScholiaHighlighter *self,
         int                 start,
         int                 end)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_free);
  GtkTextIter start_iter, end_iter;
  int length = buffer_length (self);

  start = CLAMP (start, 0, length);
  end = CLAMP (end, 0, length);
  if (start >= end)
    return;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start_iter, start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end_iter, end);
  for (guint band = 0; band < N_BANDS; band++)
    for (guint i = 0; i < self->bands[band]->len; i++)
      gtk_text_buffer_remove_tag (self->buffer, g_ptr_array_index (self->bands[band], i),
                                  &start_iter, &end_iter);

  collect_spans (self, start, end, spans);
  for (guint i = 0; i < spans->len; i++)
    paint_span (self, g_ptr_array_index (spans, i), start, end);
  paint_overlaps (self, spans, start, end);

  update_priorities (self);
}

static void
repaint_all (ScholiaHighlighter *self)
{
  repaint (self, 0, buffer_length (self));
}

static void
queue_gutter_draw (ScholiaHighlighter *self)
{
  if (self->gutter != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->gutter));
}

/* What the reading reports changed is drawn again: an annotation added,
 * removed, moved or retagged there. */
static void
update_layers (ScholiaHighlighter *self)
{
  ScholiaDocument *document = self->reading != NULL ? scholia_reading_get_document (self->reading) : NULL;

  g_clear_pointer (&self->layers, scholia_seminar_layers_free);
  if (document != NULL)
    self->layers = scholia_seminar_layers_new (scholia_reading_get_store (self->reading),
                                               scholia_document_get_id (document));
}

static void
on_reading_changed_cb (ScholiaHighlighter *self,
                       int                 start,
                       int                 end,
                       ScholiaReading     *reading)
{
  /* A merge may have brought the annotations of a participant not known before. */
  update_layers (self);
  repaint (self, start, end);
  queue_gutter_draw (self);
}

static void
on_tag_colour_changed_cb (ScholiaHighlighter *self,
                          GParamSpec         *pspec,
                          ScholiaTag         *tag)
{
  gint64 id = scholia_label_get_id (SCHOLIA_LABEL (tag));
  TagInfo *info = g_hash_table_lookup (self->tag_infos, &id);

  if (info == NULL)
    return;

  set_colour_from_string (info, scholia_label_get_colour (SCHOLIA_LABEL (tag)));
  restyle_tag_info (self, info);
  queue_gutter_draw (self);
}

static void
forget_tag_info (ScholiaHighlighter *self,
                 TagInfo            *info)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);

  if (info->tag != NULL)
    g_signal_handlers_disconnect_by_func (info->tag, on_tag_colour_changed_cb, self);

  /* Removing a tag from the table also removes it from the text. */
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (info->text_tags[kind] != NULL)
      {
        g_ptr_array_remove (self->bands[kind_band[kind]], info->text_tags[kind]);
        gtk_text_tag_table_remove (table, info->text_tags[kind]);
        info->text_tags[kind] = NULL;
      }
}

/* Brings the id → tag index in line with the tags model. Tags rarely
 * change, so the whole index is checked. */
static void
sync_tags (ScholiaHighlighter *self)
{
  g_autoptr(GHashTable) current = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = self->tags != NULL ? g_list_model_get_n_items (self->tags) : 0;
  GHashTableIter iter;
  TagInfo *info;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaTag) tag = g_list_model_get_item (self->tags, i);
      gint64 id = scholia_label_get_id (SCHOLIA_LABEL (tag));

      info = g_hash_table_lookup (self->tag_infos, &id);
      if (info != NULL && info->tag != tag)
        {
          forget_tag_info (self, info);
          g_hash_table_remove (self->tag_infos, &id);
          info = NULL;
        }

      if (info == NULL)
        {
          info = g_new0 (TagInfo, 1);
          info->id = id;
          info->tag = g_object_ref (tag);
          set_colour_from_string (info, scholia_label_get_colour (SCHOLIA_LABEL (tag)));
          g_signal_connect_object (tag, "notify::colour", G_CALLBACK (on_tag_colour_changed_cb), self,
                                   G_CONNECT_SWAPPED);
          g_hash_table_insert (self->tag_infos, &info->id, info);
        }
      g_hash_table_add (current, &info->id);
    }

  g_hash_table_iter_init (&iter, self->tag_infos);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &info))
    if (info != self->untagged && !g_hash_table_contains (current, &info->id))
      {
        forget_tag_info (self, info);
        g_hash_table_iter_remove (&iter);
      }
}

static void
on_tags_items_changed_cb (ScholiaHighlighter *self,
                          guint               position,
                          guint               removed,
                          guint               added,
                          GListModel         *model)
{
  sync_tags (self);
  /* Highlights drawn with a deleted tag went with its text tags: draw
   * them again with what their annotations hold now. */
  if (removed > 0)
    repaint_all (self);
  queue_gutter_draw (self);
}

static void
on_dark_changed_cb (ScholiaHighlighter *self,
                    GParamSpec         *pspec,
                    AdwStyleManager    *style_manager)
{
  GHashTableIter iter;
  TagInfo *info;

  self->dark = adw_style_manager_get_dark (style_manager);
  g_hash_table_iter_init (&iter, self->tag_infos);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &info))
    restyle_tag_info (self, info);
}

/* Clicks */

/* Where @event happened, in the view's coordinates. */
static gboolean
get_view_position (ScholiaHighlighter *self,
                   GdkEvent           *event,
                   double             *x,
                   double             *y)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self->view));
  double surface_x, surface_y, native_x, native_y;

  if (native == NULL || !gdk_event_get_position (event, &surface_x, &surface_y))
    return FALSE;

  gtk_native_get_surface_transform (native, &native_x, &native_y);

  return gtk_widget_translate_coordinates (GTK_WIDGET (native), GTK_WIDGET (self->view),
                                           surface_x - native_x, surface_y - native_y, x, y);
}

static void
activate_at_position (ScholiaHighlighter *self,
                      double              x,
                      double              y)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self->view);
  GtkTextIter iter;
  int buffer_x, buffer_y;
  int trailing;
  GdkRectangle location;

  gtk_text_view_window_to_buffer_coords (text_view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y,
                                         &buffer_x, &buffer_y);
  /* The character under the pointer, not the nearest caret position. */
  if (!gtk_text_view_get_iter_at_position (text_view, &iter, &trailing, buffer_x, buffer_y))
    return;

  /* Past the end of a line the iter is the line's last character: only
   * count a click over the character itself. */
  gtk_text_view_get_iter_location (text_view, &iter, &location);
  if (buffer_x < location.x || buffer_x >= location.x + MAX (location.width, 1) ||
      buffer_y < location.y || buffer_y >= location.y + location.height)
    return;

  _scholia_highlighter_activate_at (self, gtk_text_iter_get_offset (&iter));
}

/* A primary click that did not drag and left nothing selected opens what
 * it hit; a drag is the reader selecting text. The view's own gestures
 * claim every press, so a gesture of ours would be cancelled: this
 * watches the raw events before them and lets them through. */
static gboolean
on_view_event_cb (ScholiaHighlighter       *self,
                  GdkEvent                 *event,
                  GtkEventControllerLegacy *controller)
{
  GdkEventType type = gdk_event_get_event_type (event);
  double x, y;

  if ((type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE) ||
      gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY ||
      !get_view_position (self, event, &x, &y))
    return GDK_EVENT_PROPAGATE;

  if (type == GDK_BUTTON_PRESS)
    {
      self->pressed = TRUE;
      self->press_x = x;
      self->press_y = y;
    }
  else if (self->pressed)
    {
      self->pressed = FALSE;
      if (!gtk_drag_check_threshold (GTK_WIDGET (self->view), (int) self->press_x, (int) self->press_y,
                                     (int) x, (int) y) &&
          !gtk_text_buffer_get_has_selection (self->buffer) &&
          (gdk_event_get_modifier_state (event) & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) == 0)
        activate_at_position (self, x, y);
    }

  return GDK_EVENT_PROPAGATE;
}

/* The chooser */

static char *
describe_tags (ScholiaHighlighter *self,
               ScholiaAnnotation  *annotation)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_ids;
  const gint64 *ids = scholia_annotation_get_tag_ids (annotation, &n_ids);

  for (guint i = 0; i < n_ids; i++)
    {
      TagInfo *info = lookup_tag_info (self, ids[i]);

      if (info->tag == NULL)
        continue;
      if (names->len > 0)
        /* Translators: separates tag names in a list */
        g_string_append (names, _(", "));
      g_string_append (names, scholia_label_get_display_name (SCHOLIA_LABEL (info->tag)));
    }

  if (names->len == 0)
    /* Translators: the tooltip of a highlight that carries no tag */
    return g_strdup (_("No tags"));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
on_choice_clicked_cb (ScholiaHighlighter *self,
                      GtkButton          *button)
{
  ScholiaAnnotation *annotation = g_object_get_data (G_OBJECT (button), "scholia-annotation");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  g_object_ref (annotation);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, annotation);
  g_object_unref (annotation);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        colour)
{
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

static GtkWidget *
create_choice (ScholiaHighlighter *self,
               ScholiaAnnotation  *annotation)
{
  g_autofree char *tags = describe_tags (self, annotation);
  g_autofree char *quote = g_strdup (scholia_annotation_get_quote (annotation));
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *quote_label;
  GtkWidget *tags_label;
  GtkWidget *swatch_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_drawing_area_new ();

  g_strdelimit (quote, "\n\t", ' ');
  quote_label = gtk_label_new (quote);
  gtk_label_set_ellipsize (GTK_LABEL (quote_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (quote_label), 40);
  gtk_label_set_xalign (GTK_LABEL (quote_label), 0);
  tags_label = gtk_label_new (tags);
  gtk_label_set_xalign (GTK_LABEL (tags_label), 0);
  gtk_widget_add_css_class (tags_label, "dim-label");
  gtk_widget_add_css_class (tags_label, "caption");
  gtk_box_append (GTK_BOX (box), quote_label);
  gtk_box_append (GTK_BOX (box), tags_label);

  /* The colour bar repeats what the reader sees in the margin. */
  gtk_widget_set_size_request (swatch, 4, -1);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  gdk_rgba_copy (&first_tag_info (self, annotation)->colour),
                                  (GDestroyNotify) gdk_rgba_free);
  gtk_box_append (GTK_BOX (swatch_box), swatch);
  gtk_box_append (GTK_BOX (swatch_box), box);

  gtk_button_set_child (GTK_BUTTON (button), swatch_box);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, scholia_annotation_get_quote (annotation),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tags,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "scholia-annotation", g_object_ref (annotation),
                          g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_choice_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  return button;
}

static void
scholia_highlighter_real_annotations_activated (ScholiaHighlighter *self,
                                                GPtrArray          *annotations)
{
  GtkWidget *popover;
  GtkWidget *box;

  if (self->gutter == NULL || self->pointing_widget == NULL)
    return;

  popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint i = 0; i < annotations->len; i++)
    gtk_box_append (GTK_BOX (box), create_choice (self, g_ptr_array_index (annotations, i)));
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_BOTTOM);

  _scholia_annotation_gutter_show_popover (self->gutter, GTK_POPOVER (popover),
                                           self->pointing_widget, &self->pointing_rect);
}

/* Object */

static void
scholia_highlighter_dispose (GObject *object)
{
  ScholiaHighlighter *self = SCHOLIA_HIGHLIGHTER (object);

  if (self->view != NULL)
    {
      scholia_highlighter_set_reading (self, NULL);

      /* The view may have been destroyed first, taking both along. */
      if (self->click != NULL && gtk_event_controller_get_widget (self->click) == GTK_WIDGET (self->view))
        gtk_widget_remove_controller (GTK_WIDGET (self->view), self->click);
      self->click = NULL;

      if (self->gutter != NULL && GTK_SOURCE_IS_GUTTER (gtk_widget_get_parent (GTK_WIDGET (self->gutter))))
        gtk_source_gutter_remove (GTK_SOURCE_GUTTER (gtk_widget_get_parent (GTK_WIDGET (self->gutter))),
                                  GTK_SOURCE_GUTTER_RENDERER (self->gutter));
      g_clear_object (&self->gutter);

      forget_tag_info (self, self->untagged);
      if (self->overlap_tag != NULL)
        gtk_text_tag_table_remove (gtk_text_buffer_get_tag_table (self->buffer), self->overlap_tag);
      self->overlap_tag = NULL;
    }

  g_clear_object (&self->buffer);
  g_clear_object (&self->view);
  scholia_highlighter_set_participant_filter (self, NULL);

  G_OBJECT_CLASS (scholia_highlighter_parent_class)->dispose (object);
}

static void
scholia_highlighter_finalize (GObject *object)
{
  ScholiaHighlighter *self = SCHOLIA_HIGHLIGHTER (object);

  g_hash_table_unref (self->tag_infos);
  tag_info_free (self->untagged);
  g_clear_pointer (&self->layers, scholia_seminar_layers_free);
  for (guint band = 0; band < N_BANDS; band++)
    g_ptr_array_unref (self->bands[band]);

  G_OBJECT_CLASS (scholia_highlighter_parent_class)->finalize (object);
}

static void
scholia_highlighter_class_init (ScholiaHighlighterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scholia_highlighter_dispose;
  object_class->finalize = scholia_highlighter_finalize;

  /**
   * ScholiaHighlighter::annotation-activated:
   * @self: the highlighter
   * @annotation: the annotation the reader opened
   *
   * The reader clicked inside exactly one annotation, or on its margin
   * mark, or chose it from the list of several.
   */
  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SCHOLIA_TYPE_ANNOTATION);

  /**
   * ScholiaHighlighter::annotations-activated:
   * @self: the highlighter
   * @annotations: (element-type ScholiaAnnotation): the annotations under
   *   the click, innermost first
   *
   * The reader clicked where several annotations overlap. The default
   * handler offers them in a popover; choosing one emits
   * ScholiaHighlighter::annotation-activated.
   */
  signals[ANNOTATIONS_ACTIVATED] =
    g_signal_new_class_handler ("annotations-activated",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (scholia_highlighter_real_annotations_activated),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
scholia_highlighter_init (ScholiaHighlighter *self)
{
  self->tag_infos = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                           (GDestroyNotify) tag_info_free);
  self->untagged = g_new0 (TagInfo, 1);
  self->untagged->id = UNTAGGED_ID;
  set_colour_from_string (self->untagged, SCHOLIA_COLOUR_UNTAGGED);
  for (guint band = 0; band < N_BANDS; band++)
    self->bands[band] = g_ptr_array_new ();
}

/**
 * scholia_highlighter_new:
 * @view: the view showing a document's text
 *
 * Draws annotations on @view, once given them with
 * scholia_highlighter_set_reading(), and adds their marks to its left
 * margin. One highlighter per view.
 *
 * Returns: (transfer full): a new #ScholiaHighlighter
 */
ScholiaHighlighter *
scholia_highlighter_new (GtkSourceView *view)
{
  ScholiaHighlighter *self;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  g_return_val_if_fail (GTK_SOURCE_IS_VIEW (view), NULL);

  self = g_object_new (SCHOLIA_TYPE_HIGHLIGHTER, NULL);
  self->view = g_object_ref (view);
  self->buffer = g_object_ref (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));

  self->overlap_tag = gtk_text_buffer_create_tag (self->buffer, "scholia-overlap",
                                                  "underline", PANGO_UNDERLINE_DOUBLE,
                                                  NULL);
  g_ptr_array_add (self->bands[BAND_OVERLAP], self->overlap_tag);
  self->priorities_dirty = TRUE;
  update_priorities (self);

  self->dark = adw_style_manager_get_dark (style_manager);
  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (on_dark_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->click = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (self->click, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->click, "event", G_CALLBACK (on_view_event_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (view), self->click);

  self->gutter = g_object_ref_sink (_scholia_annotation_gutter_new (self));
  gtk_source_gutter_insert (gtk_source_view_get_gutter (view, GTK_TEXT_WINDOW_LEFT),
                            GTK_SOURCE_GUTTER_RENDERER (self->gutter), 0);

  return self;
}

GtkSourceView *
scholia_highlighter_get_view (ScholiaHighlighter *self)
{
  g_return_val_if_fail (SCHOLIA_IS_HIGHLIGHTER (self), NULL);

  return self->view;
}

/**
 * scholia_highlighter_get_gutter:
 * @self: a #ScholiaHighlighter
 *
 * Returns: (transfer none): the margin renderer showing annotation marks
 */
ScholiaAnnotationGutter *
scholia_highlighter_get_gutter (ScholiaHighlighter *self)
{
  g_return_val_if_fail (SCHOLIA_IS_HIGHLIGHTER (self), NULL);

  return self->gutter;
}

/**
 * scholia_highlighter_set_reading:
 * @self: a #ScholiaHighlighter
 * @reading: (nullable): the document whose text the view shows
 *
 * Draws @reading's annotations, in its library's tag colours, on the text
 * now in the view and keeps them drawn as they change. Call it again, even
 * with the same reading, after replacing the text; %NULL clears everything.
 */
void
scholia_highlighter_set_reading (ScholiaHighlighter *self,
                                 ScholiaReading     *reading)
{
  GListModel *tags = reading != NULL ? scholia_store_get_labels (scholia_reading_get_store (reading), SCHOLIA_TYPE_TAG) : NULL;

  g_return_if_fail (SCHOLIA_IS_HIGHLIGHTER (self));
  g_return_if_fail (reading == NULL || SCHOLIA_IS_READING (reading));

  if (self->reading != NULL)
    g_signal_handlers_disconnect_by_func (self->reading, on_reading_changed_cb, self);
  if (self->tags != NULL)
    g_signal_handlers_disconnect_by_func (self->tags, on_tags_items_changed_cb, self);

  g_set_object (&self->reading, reading);
  g_set_object (&self->tags, tags);
  sync_tags (self);
  update_layers (self);

  if (self->tags != NULL)
    g_signal_connect_object (self->tags, "items-changed", G_CALLBACK (on_tags_items_changed_cb), self,
                             G_CONNECT_SWAPPED);
  if (self->reading != NULL)
    g_signal_connect_object (self->reading, "changed", G_CALLBACK (on_reading_changed_cb), self,
                             G_CONNECT_SWAPPED);

  repaint_all (self);
  queue_gutter_draw (self);
}

/**
 * scholia_highlighter_get_reading:
 * @self: a #ScholiaHighlighter
 *
 * Returns: (transfer none) (nullable): the document being drawn
 */
ScholiaReading *
scholia_highlighter_get_reading (ScholiaHighlighter *self)
{
  g_return_val_if_fail (SCHOLIA_IS_HIGHLIGHTER (self), NULL);

  return self->reading;
}

void
_scholia_highlighter_get_mark_colour (ScholiaHighlighter *self,
                                      ScholiaAnnotation  *annotation,
                                      GdkRGBA            *colour)
{
  if (self->layers == NULL ||
      !scholia_seminar_layers_get_colour (self->layers, scholia_annotation_get_participant_id (annotation), colour))
    *colour = first_tag_info (self, annotation)->colour;
}

const char *
_scholia_highlighter_get_participant_name (ScholiaHighlighter *self,
                                           ScholiaAnnotation  *annotation)
{
  if (self->layers == NULL)
    return NULL;
  return scholia_seminar_layers_get_name (self->layers, scholia_annotation_get_participant_id (annotation));
}

gboolean
_scholia_highlighter_shows (ScholiaHighlighter *self,
                            ScholiaAnnotation  *annotation)
{
  return self->participant_filter == NULL ||
         scholia_annotation_filter_match_participant (self->participant_filter,
                                                      scholia_annotation_get_participant_id (annotation));
}

void
_scholia_highlighter_activate (ScholiaHighlighter *self,
                               GPtrArray          *annotations,
                               GtkWidget          *relative_to,
                               const GdkRectangle *pointing_to)
{
  if (annotations->len == 1)
    {
      g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, g_ptr_array_index (annotations, 0));
    }
  else if (annotations->len > 1)
    {
      self->pointing_widget = relative_to;
      self->pointing_rect = *pointing_to;
      g_signal_emit (self, signals[ANNOTATIONS_ACTIVATED], 0, annotations);
      self->pointing_widget = NULL;
    }
}

static void
on_participants_changed_cb (ScholiaHighlighter *self)
{
  repaint_all (self);
  queue_gutter_draw (self);
}

/**
 * scholia_highlighter_set_participant_filter:
 * @self: a #ScholiaHighlighter
 * @filter: (nullable): whose annotations to draw
 *
 * Draws, and offers to clicks, only the annotations of @filter's seminar participants (its
 * other criteria do not apply), following it as it changes; %NULL draws everyone's.
 */
void
scholia_highlighter_set_participant_filter (ScholiaHighlighter      *self,
                                            ScholiaAnnotationFilter *filter)
{
  g_return_if_fail (SCHOLIA_IS_HIGHLIGHTER (self));
  g_return_if_fail (filter == NULL || SCHOLIA_IS_ANNOTATION_FILTER (filter));

  if (self->participant_filter == filter)
    return;
  if (self->participant_filter != NULL)
    g_signal_handlers_disconnect_by_func (self->participant_filter, on_participants_changed_cb, self);
  g_set_object (&self->participant_filter, filter);
  if (filter != NULL)
    g_signal_connect_object (filter, "notify::participant-ids", G_CALLBACK (on_participants_changed_cb), self,
                             G_CONNECT_SWAPPED);
  if (self->buffer != NULL)
    on_participants_changed_cb (self);
}

guint
_scholia_highlighter_activate_at (ScholiaHighlighter *self,
                                  int                 offset)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  GtkTextView *text_view = GTK_TEXT_VIEW (self->view);
  GtkTextIter iter;
  GdkRectangle location;

  /* Held while the chooser offers them. */
  if (self->reading != NULL)
    {
      g_autoptr(GPtrArray) at = scholia_reading_list_at (self->reading, offset);

      for (guint i = 0; i < at->len; i++)
        if (_scholia_highlighter_shows (self, g_ptr_array_index (at, i)))
          g_ptr_array_add (annotations, g_object_ref (g_ptr_array_index (at, i)));
    }

  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, offset);
  gtk_text_view_get_iter_location (text_view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, location.x, location.y,
                                         &location.x, &location.y);

  _scholia_highlighter_activate (self, annotations, GTK_WIDGET (self->view), &location);

  return annotations->len;
}
