/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-annotation-gutter.h"

#include "scholia-annotation.h"
#include "scholia-highlighter-private.h"

/* Each annotation touching a line gets a bar in the margin, in its first
 * tag's colour (in a seminar essay, its participant's: each reader's layer
 * in their own colour), as tall as the display lines it covers. Bars stand in up
 * to three columns; an annotation sharing no column with the ones before
 * it is shown as a dot in a fourth. */
#define BAR_WIDTH     4
#define BAR_STEP      5
#define MAX_COLUMNS   3
#define DOT_RADIUS    1.5
#define GUTTER_WIDTH  (1 + MAX_COLUMNS * BAR_STEP + 3)

typedef struct
{
  ScholiaAnnotation *annotation;
  GdkRGBA            colour;
  int                column;
  /* Buffer coordinates, when the view has laid the line out. */
  int                top;
  int                bottom;
} Mark;

struct _ScholiaAnnotationGutter
{
  GtkSourceGutterRenderer  parent_instance;

  /* The owner, which outlives its gutter's place in the view. */
  ScholiaHighlighter      *highlighter;
  GtkPopover              *popover;
  GArray                  *marks;
  gboolean                 pressed;
  double                   press_x;
  double                   press_y;
};

G_DEFINE_FINAL_TYPE (ScholiaAnnotationGutter, scholia_annotation_gutter, GTK_SOURCE_TYPE_GUTTER_RENDERER)

/* Fills self->marks for buffer line @line. With @measure, also where each
 * mark starts and ends, in buffer coordinates. */
static void
layout_line (ScholiaAnnotationGutter *self,
             int                      line,
             gboolean                 measure)
{
  g_autoptr(GPtrArray) annotations = NULL;
  ScholiaReading *reading = scholia_highlighter_get_reading (self->highlighter);
  GtkSourceView *view = scholia_highlighter_get_view (self->highlighter);
  GtkTextView *text_view = GTK_TEXT_VIEW (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter line_iter, line_end_iter;
  int column_ends[MAX_COLUMNS];
  int line_start, line_end;
  int line_y = 0, line_height = 0;

  g_array_set_size (self->marks, 0);
  if (!gtk_text_buffer_get_iter_at_line (buffer, &line_iter, line))
    return;

  line_end_iter = line_iter;
  if (!gtk_text_iter_ends_line (&line_end_iter))
    gtk_text_iter_forward_to_line_end (&line_end_iter);
  line_start = gtk_text_iter_get_offset (&line_iter);
  line_end = gtk_text_iter_get_offset (&line_end_iter);
  if (line_start >= line_end || reading == NULL)
    return;

  annotations = scholia_reading_list_overlapping (reading, line_start, line_end);
  if (measure)
    gtk_text_view_get_line_yrange (text_view, &line_iter, &line_y, &line_height);

  for (guint c = 0; c < MAX_COLUMNS; c++)
    column_ends[c] = G_MININT;

  for (guint i = 0; i < annotations->len; i++)
    {
      ScholiaAnnotation *annotation = g_ptr_array_index (annotations, i);
      int start = MAX (scholia_annotation_get_start (annotation), line_start);
      int end = MIN (scholia_annotation_get_end (annotation), line_end);
      Mark mark = { annotation, { 0 }, MAX_COLUMNS, line_y, line_y + line_height };

      int from, to;

      if (!_scholia_highlighter_shows (self->highlighter, annotation))
        continue;

      _scholia_highlighter_get_mark_colour (self->highlighter, annotation, &mark.colour);

      if (measure)
        {
          GtkTextIter iter;
          GdkRectangle location;

          if (start > line_start)
            {
              gtk_text_buffer_get_iter_at_offset (buffer, &iter, start);
              gtk_text_view_get_iter_location (text_view, &iter, &location);
              mark.top = location.y;
            }
          if (end < line_end)
            {
              gtk_text_buffer_get_iter_at_offset (buffer, &iter, end - 1);
              gtk_text_view_get_iter_location (text_view, &iter, &location);
              mark.bottom = location.y + location.height;
            }
        }

      /* The first column free where this mark begins: on screen, two
       * marks sharing a display line need two columns even when their
       * text does not meet. */
      from = measure ? mark.top : start;
      to = measure ? mark.bottom : end;
      for (int c = 0; c < MAX_COLUMNS; c++)
        if (column_ends[c] <= from)
          {
            mark.column = c;
            column_ends[c] = to;
            break;
          }

      g_array_append_val (self->marks, mark);
    }
}

static int
column_x (int column)
{
  return 1 + column * BAR_STEP;
}

static void
scholia_annotation_gutter_snapshot_line (GtkSourceGutterRenderer *renderer,
                                         GtkSnapshot             *snapshot,
                                         GtkSourceGutterLines    *lines,
                                         guint                    line)
{
  ScholiaAnnotationGutter *self = SCHOLIA_ANNOTATION_GUTTER (renderer);
  int cell_y, cell_height;
  int line_y, line_height;
  GtkTextIter iter;

  if (self->highlighter == NULL)
    return;

  layout_line (self, line, TRUE);
  if (self->marks->len == 0)
    return;

  gtk_source_gutter_lines_get_line_yrange (lines, line, GTK_SOURCE_GUTTER_RENDERER_ALIGNMENT_MODE_CELL,
                                           &cell_y, &cell_height);
  gtk_source_gutter_lines_get_iter_at_line (lines, &iter, line);
  gtk_text_view_get_line_yrange (gtk_source_gutter_lines_get_view (lines), &iter, &line_y, &line_height);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      /* A pixel apart, so that marks following each other in a column
       * read as two. */
      float top = cell_y + (mark->top - line_y) + 1;
      float bottom = cell_y + (mark->bottom - line_y) - 1;

      if (mark->column < MAX_COLUMNS)
        {
          gtk_snapshot_append_color (snapshot, &mark->colour,
                                     &GRAPHENE_RECT_INIT (column_x (mark->column), top,
                                                          BAR_WIDTH, MAX (bottom - top, 2)));
        }
      else
        {
          GskRoundedRect dot;
          float x = column_x (MAX_COLUMNS);

          gsk_rounded_rect_init_from_rect (&dot,
                                           &GRAPHENE_RECT_INIT (x, top + 2, 2 * DOT_RADIUS, 2 * DOT_RADIUS),
                                           DOT_RADIUS);
          gtk_snapshot_push_rounded_clip (snapshot, &dot);
          gtk_snapshot_append_color (snapshot, &mark->colour, &dot.bounds);
          gtk_snapshot_pop (snapshot);
        }
    }
}

static gboolean
scholia_annotation_gutter_query_activatable (GtkSourceGutterRenderer *renderer,
                                             GtkTextIter             *iter,
                                             GdkRectangle            *area)
{
  ScholiaAnnotationGutter *self = SCHOLIA_ANNOTATION_GUTTER (renderer);

  if (self->highlighter == NULL)
    return FALSE;

  layout_line (self, gtk_text_iter_get_line (iter), FALSE);

  return self->marks->len > 0;
}

/* The marks the press hit: the bar under the pointer, else every mark at
 * that height, else every mark of the line. */
static void
collect_hit_marks (ScholiaAnnotationGutter *self,
                   int                      buffer_y,
                   GPtrArray               *hits)
{
  int column = self->pressed ? ((int) self->press_x - 1) / BAR_STEP : -1;

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      if (self->pressed && mark->column == MIN (column, MAX_COLUMNS) &&
          buffer_y >= mark->top && buffer_y < mark->bottom)
        g_ptr_array_add (hits, g_object_ref (mark->annotation));
    }
  if (hits->len > 0)
    return;

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      if (self->pressed && buffer_y >= mark->top && buffer_y < mark->bottom)
        g_ptr_array_add (hits, g_object_ref (mark->annotation));
    }
  if (hits->len > 0)
    return;

  for (guint i = 0; i < self->marks->len; i++)
    g_ptr_array_add (hits, g_object_ref (g_array_index (self->marks, Mark, i).annotation));
}

static void
scholia_annotation_gutter_activate (GtkSourceGutterRenderer *renderer,
                                    GtkTextIter             *iter,
                                    GdkRectangle            *area,
                                    guint                    button,
                                    GdkModifierType          state,
                                    int                      n_presses)
{
  ScholiaAnnotationGutter *self = SCHOLIA_ANNOTATION_GUTTER (renderer);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  GdkRectangle pointing_to;
  int line_y, line_height;

  if (self->highlighter == NULL || button != GDK_BUTTON_PRIMARY)
    return;

  layout_line (self, gtk_text_iter_get_line (iter), TRUE);
  gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (gtk_source_gutter_renderer_get_view (renderer)), iter,
                                 &line_y, &line_height);

  /* area is where the line's cell starts, in this renderer's coordinates. */
  collect_hit_marks (self, line_y + (int) self->press_y - area->y, hits);

  pointing_to.x = 0;
  pointing_to.y = self->pressed ? (int) self->press_y : area->y;
  pointing_to.width = GUTTER_WIDTH;
  pointing_to.height = 1;
  self->pressed = FALSE;

  _scholia_highlighter_activate (self->highlighter, hits, GTK_WIDGET (self), &pointing_to);
}

/**
 * scholia_annotation_gutter_activate_line:
 * @self: a #ScholiaAnnotationGutter
 * @line: a buffer line
 *
 * What a click on @line's marks does, for the keyboard, since a gutter renderer cannot take
 * the focus: the only annotation touching the line opens; for several, the chooser offers them.
 *
 * Returns: how many annotations touch @line
 */
guint
scholia_annotation_gutter_activate_line (ScholiaAnnotationGutter *self,
                                         int                      line)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  GtkTextView *view;
  GtkTextIter iter;
  GdkRectangle pointing_to = { 0, 0, GUTTER_WIDTH, 1 };
  int line_y, line_height;

  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_GUTTER (self), 0);

  if (self->highlighter == NULL)
    return 0;

  layout_line (self, line, FALSE);
  self->pressed = FALSE;
  collect_hit_marks (self, 0, hits);
  if (hits->len == 0)
    return 0;

  view = GTK_TEXT_VIEW (scholia_highlighter_get_view (self->highlighter));
  gtk_text_buffer_get_iter_at_line (gtk_text_view_get_buffer (view), &iter, line);
  gtk_text_view_get_line_yrange (view, &iter, &line_y, &line_height);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, 0, line_y,
                                         &pointing_to.x, &pointing_to.y);
  pointing_to.x = 0;
  _scholia_highlighter_activate (self->highlighter, hits, GTK_WIDGET (view), &pointing_to);
  return hits->len;
}

/**
 * scholia_annotation_gutter_dup_readers_for_line:
 * @self: a #ScholiaAnnotationGutter
 * @line: a buffer line
 *
 * In a seminar essay, whose bands @line shows: the participants' names, one a line, in the
 * order of their first annotation there. The margin's tooltip.
 *
 * Returns: (transfer full) (nullable): the names, or %NULL outside a seminar essay or where
 *   the line has no marks
 */
char *
scholia_annotation_gutter_dup_readers_for_line (ScholiaAnnotationGutter *self,
                                                int                      line)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_GUTTER (self), NULL);

  if (self->highlighter == NULL || line < 0)
    return NULL;

  layout_line (self, line, FALSE);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const char *name = _scholia_highlighter_get_participant_name (self->highlighter,
                                                                     g_array_index (self->marks, Mark, i).annotation);

      if (name == NULL || g_ptr_array_find_with_equal_func (seen, name, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, (gpointer) name);
      g_strv_builder_add (builder, name);
    }
  if (seen->len == 0)
    return NULL;
  names = g_strv_builder_end (builder);
  return g_strjoinv ("\n", names);
}

static gboolean
on_query_tooltip_cb (ScholiaAnnotationGutter *self,
                     int                      x,
                     int                      y,
                     gboolean                 keyboard_mode,
                     GtkTooltip              *tooltip)
{
  g_autofree char *readers = NULL;
  GtkTextView *view;
  GtkTextIter iter;
  double view_x, view_y;
  int buffer_x, buffer_y;

  if (self->highlighter == NULL || keyboard_mode)
    return FALSE;
  view = GTK_TEXT_VIEW (scholia_highlighter_get_view (self->highlighter));
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self), GTK_WIDGET (view), x, y, &view_x, &view_y))
    return FALSE;
  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) view_x, (int) view_y,
                                         &buffer_x, &buffer_y);
  gtk_text_view_get_line_at_y (view, &iter, buffer_y, NULL);
  readers = scholia_annotation_gutter_dup_readers_for_line (self, gtk_text_iter_get_line (&iter));
  if (readers == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, readers);
  return TRUE;
}

static void
on_pressed_cb (ScholiaAnnotationGutter *self,
               int                      n_press,
               double                   x,
               double                   y,
               GtkGestureClick         *click)
{
  self->pressed = TRUE;
  self->press_x = x;
  self->press_y = y;
}

static void
scholia_annotation_gutter_size_allocate (GtkWidget *widget,
                                         int        width,
                                         int        height,
                                         int        baseline)
{
  ScholiaAnnotationGutter *self = SCHOLIA_ANNOTATION_GUTTER (widget);

  GTK_WIDGET_CLASS (scholia_annotation_gutter_parent_class)->size_allocate (widget, width, height, baseline);

  if (self->popover != NULL)
    gtk_popover_present (self->popover);
}

static void
scholia_annotation_gutter_dispose (GObject *object)
{
  ScholiaAnnotationGutter *self = SCHOLIA_ANNOTATION_GUTTER (object);

  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;
  self->highlighter = NULL;

  G_OBJECT_CLASS (scholia_annotation_gutter_parent_class)->dispose (object);
}

static void
scholia_annotation_gutter_finalize (GObject *object)
{
  ScholiaAnnotationGutter *self = SCHOLIA_ANNOTATION_GUTTER (object);

  g_array_unref (self->marks);

  G_OBJECT_CLASS (scholia_annotation_gutter_parent_class)->finalize (object);
}

static void
scholia_annotation_gutter_class_init (ScholiaAnnotationGutterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkSourceGutterRendererClass *renderer_class = GTK_SOURCE_GUTTER_RENDERER_CLASS (klass);

  object_class->dispose = scholia_annotation_gutter_dispose;
  object_class->finalize = scholia_annotation_gutter_finalize;

  widget_class->size_allocate = scholia_annotation_gutter_size_allocate;

  renderer_class->snapshot_line = scholia_annotation_gutter_snapshot_line;
  renderer_class->query_activatable = scholia_annotation_gutter_query_activatable;
  renderer_class->activate = scholia_annotation_gutter_activate;
}

static void
scholia_annotation_gutter_init (ScholiaAnnotationGutter *self)
{
  GtkGesture *click;

  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  gtk_widget_set_size_request (GTK_WIDGET (self), GUTTER_WIDTH, -1);
  /* In a seminar essay, whose bands a line shows. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);

  /* The gutter's own gesture activates a line; this one only remembers
   * where, to tell the marks of a long paragraph apart. */
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

ScholiaAnnotationGutter *
_scholia_annotation_gutter_new (ScholiaHighlighter *highlighter)
{
  ScholiaAnnotationGutter *self = g_object_new (SCHOLIA_TYPE_ANNOTATION_GUTTER, NULL);

  self->highlighter = highlighter;

  return self;
}

/**
 * scholia_annotation_gutter_get_marks_for_line:
 * @self: a #ScholiaAnnotationGutter
 * @line: a buffer line
 * @colours: (out caller-allocates) (array length=max_colours) (optional):
 *   where to store the marks' colours, in text order
 * @max_colours: how many @colours can hold
 *
 * Returns: how many marks @line shows
 */
guint
scholia_annotation_gutter_get_marks_for_line (ScholiaAnnotationGutter *self,
                                              int                      line,
                                              GdkRGBA                 *colours,
                                              guint                    max_colours)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_GUTTER (self), 0);
  g_return_val_if_fail (line >= 0, 0);

  if (self->highlighter == NULL)
    return 0;

  layout_line (self, line, FALSE);
  for (guint i = 0; colours != NULL && i < MIN (max_colours, self->marks->len); i++)
    colours[i] = g_array_index (self->marks, Mark, i).colour;

  return self->marks->len;
}

GtkPopover *
_scholia_annotation_gutter_get_popover (ScholiaAnnotationGutter *self)
{
  return self->popover;
}

static void
on_popover_closed_cb (ScholiaAnnotationGutter *self,
                      GtkPopover              *popover)
{
  if (self->popover != popover)
    return;

  gtk_widget_unparent (GTK_WIDGET (popover));
  self->popover = NULL;
}

void
_scholia_annotation_gutter_show_popover (ScholiaAnnotationGutter *self,
                                         GtkPopover              *popover,
                                         GtkWidget               *relative_to,
                                         const GdkRectangle      *pointing_to)
{
  GdkRectangle rect = *pointing_to;
  double x, y;

  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }

  /* The gutter hosts the popover because it can present it when it is
   * allocated; the view does not do that for popovers it did not make. */
  if (relative_to != GTK_WIDGET (self) &&
      gtk_widget_translate_coordinates (relative_to, GTK_WIDGET (self), rect.x, rect.y, &x, &y))
    {
      rect.x = (int) x;
      rect.y = (int) y;
    }

  self->popover = popover;
  gtk_widget_set_parent (GTK_WIDGET (popover), GTK_WIDGET (self));
  gtk_popover_set_pointing_to (popover, &rect);
  g_signal_connect_object (popover, "closed", G_CALLBACK (on_popover_closed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_popover_popup (popover);
}
