/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-reading-view.h"

#include <math.h>

#include "scholia-search-bar.h"
#include "scholia-text-view-scroll.h"
#include "scholia-word-snap.h"

/* The reading preferences live in the application's schema whatever the
 * build profile: a development build reads the same keys. */

/* Used when the font setting names a family but no size. */
#define DEFAULT_FONT_SIZE_POINTS 13

struct _ScholiaReadingView
{
  AdwBin            parent_instance;

  ScholiaSearchBar *search_bar;
  AdwClampScrollable *clamp;
  GtkSourceView    *source_view;

  GtkSourceBuffer  *buffer;
  /* Covers the whole text and carries the reading font and line spacing.
   * Created first, so it has the lowest priority and highlight tags added
   * later win over it. */
  GtkTextTag       *typography_tag;
  GSettings        *settings;
  ScholiaParagraphGutter *paragraph_gutter;

  char             *title;
  char             *author;

  /* How the reader last touched the text, and so how the current selection was made: a drag
   * is snapped to whole words when tagged, a selection made with Shift+arrows is exact. */
  gboolean          pointer_last;
  gboolean          selected_by_pointer;
};

G_DEFINE_FINAL_TYPE (ScholiaReadingView, scholia_reading_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_AUTHOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
apply_typography (ScholiaReadingView *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "reading-font");
  double spacing = g_settings_get_double (self->settings, "reading-line-spacing");
  PangoFontDescription *desc = pango_font_description_from_string (font);
  PangoFontMetrics *metrics;
  int line_height;
  int extra;

  if (pango_font_description_get_size (desc) == 0)
    pango_font_description_set_size (desc, DEFAULT_FONT_SIZE_POINTS * PANGO_SCALE);

  /* GTK 4.8 text views ignore CSS line-height, so the spacing becomes
   * pixels added between wrapped lines and after each paragraph: the
   * setting is a multiple of the font's own line height. */
  metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self->source_view)),
                                       desc, NULL);
  line_height = pango_font_metrics_get_height (metrics);
  if (line_height <= 0)
    line_height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  extra = (int) round ((spacing - 1.0) * line_height / PANGO_SCALE);
  pango_font_metrics_unref (metrics);

  g_object_set (self->typography_tag,
                "font-desc", desc,
                "pixels-inside-wrap", MAX (extra, 0),
                "pixels-below-lines", MAX (extra, 0),
                NULL);

  pango_font_description_free (desc);
}

/* The clamp leaves room beside the text column; painting it in the scheme's own text background
 * makes page and margins one surface, in light and dark alike. All reading views share the
 * scheme, so one display-wide provider serves them. */
static void
paint_surface_like (ScholiaReadingView   *self,
                    GtkSourceStyleScheme *scheme)
{
  static GtkCssProvider *provider;
  GtkSourceStyle *style = scheme != NULL ? gtk_source_style_scheme_get_style (scheme, "text") : NULL;
  g_autofree char *background = NULL;
  g_autofree char *css = NULL;
  gboolean background_set = FALSE;

  if (style != NULL)
    g_object_get (style, "background", &background, "background-set", &background_set, NULL);

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  css = g_strdup_printf (".scholia-reading-surface { background-color: %s; }",
                         background_set && background != NULL ? background : "@view_bg_color");
  gtk_css_provider_load_from_data (provider, css, -1);
}

static void
update_style_scheme (ScholiaReadingView *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");
  /* Older GtkSourceView releases ship no Adwaita schemes. */
  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "classic-dark" : "classic");

  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
  paint_surface_like (self, scheme);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  scholia_search_bar_begin (SCHOLIA_READING_VIEW (widget)->search_bar);
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  scholia_search_bar_move_next (SCHOLIA_READING_VIEW (widget)->search_bar);
}

static void
find_previous_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  scholia_search_bar_move_previous (SCHOLIA_READING_VIEW (widget)->search_bar);
}

static void
find_close_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  scholia_search_bar_end (SCHOLIA_READING_VIEW (widget)->search_bar);
}

static void
scholia_reading_view_dispose (GObject *object)
{
  ScholiaReadingView *self = SCHOLIA_READING_VIEW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_READING_VIEW);
  self->buffer = NULL;
  self->typography_tag = NULL;

  G_OBJECT_CLASS (scholia_reading_view_parent_class)->dispose (object);
}

static void
scholia_reading_view_finalize (GObject *object)
{
  ScholiaReadingView *self = SCHOLIA_READING_VIEW (object);

  g_free (self->title);
  g_free (self->author);

  G_OBJECT_CLASS (scholia_reading_view_parent_class)->finalize (object);
}

static void
scholia_reading_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ScholiaReadingView *self = SCHOLIA_READING_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_reading_view_class_init (ScholiaReadingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_reading_view_dispose;
  object_class->finalize = scholia_reading_view_finalize;
  object_class->get_property = scholia_reading_view_get_property;

  /**
   * ScholiaReadingView:title:
   *
   * The title of the document on show, for the owner to display.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ScholiaReadingView:author:
   *
   * The author of the document on show, for the owner to display.
   */
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (ADW_TYPE_CLAMP_SCROLLABLE);
  g_type_ensure (SCHOLIA_TYPE_SEARCH_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-reading-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaReadingView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ScholiaReadingView, source_view);
  gtk_widget_class_bind_template_child (widget_class, ScholiaReadingView, clamp);

  gtk_widget_class_install_action (widget_class, "reader.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "reader.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "reader.find-previous", NULL, find_previous_action);
  gtk_widget_class_install_action (widget_class, "reader.find-close", NULL, find_close_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "reader.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK,
                                       "reader.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "reader.find-previous", NULL);
}

static void
pointer_pressed (ScholiaReadingView *self)
{
  self->pointer_last = TRUE;
}

static gboolean
key_pressed (ScholiaReadingView *self)
{
  self->pointer_last = FALSE;
  return GDK_EVENT_PROPAGATE;
}

/* Only a move of the selection records how it was made: pressing Ctrl+1 after a drag must not
 * turn the drag into a keyboard selection. */
static void
mark_set (ScholiaReadingView *self,
          GtkTextIter        *location,
          GtkTextMark        *mark)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

  if (mark == gtk_text_buffer_get_insert (buffer) || mark == gtk_text_buffer_get_selection_bound (buffer))
    self->selected_by_pointer = self->pointer_last;
}

/* Ctrl+Home and Ctrl+End are the text view's own bindings, which scroll with
 * gtk_text_view_scroll_mark_onscreen(): in a long essay whose far lines are not measured yet that
 * waits for all of them (seconds), so the reader's jump is scrolled as a program's is. */
static void
cursor_moved (ScholiaReadingView *self,
              GtkMovementStep     step)
{
  if (step == GTK_MOVEMENT_BUFFER_ENDS)
    scholia_text_view_scroll_to_insert (GTK_TEXT_VIEW (self->source_view));
}

/* Watched in the capture phase, before the text view's own gestures and keys act on them. */
static void
watch_input (ScholiaReadingView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (pointer_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->source_view), GTK_EVENT_CONTROLLER (click));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->source_view), keys);

  g_signal_connect_object (self->buffer, "mark-set", G_CALLBACK (mark_set), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->source_view, "move-cursor", G_CALLBACK (cursor_moved), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
scholia_reading_view_init (ScholiaReadingView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* A read-only document: no undo history to record, no syntax to
   * highlight, nothing that does work per line when a long essay opens. */
  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self->buffer), FALSE);
  gtk_source_buffer_set_highlight_syntax (self->buffer, FALSE);
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);
  gtk_source_buffer_set_language (self->buffer, NULL);

  self->typography_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), NULL, NULL);

  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed::reading-font",
                           G_CALLBACK (apply_typography), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::reading-line-spacing",
                           G_CALLBACK (apply_typography), self, G_CONNECT_SWAPPED);
  apply_typography (self);

  /* Left of the annotations' bars, which stand next to the text. */
  self->paragraph_gutter = SCHOLIA_PARAGRAPH_GUTTER (scholia_paragraph_gutter_new ());
  gtk_source_gutter_insert (gtk_source_view_get_gutter (self->source_view, GTK_TEXT_WINDOW_LEFT),
                            GTK_SOURCE_GUTTER_RENDERER (self->paragraph_gutter), -10);
  g_settings_bind (self->settings, "reading-paragraph-numbers", self->paragraph_gutter, "visible",
                   G_SETTINGS_BIND_GET);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);

  scholia_search_bar_set_view (self->search_bar, self->source_view);
  watch_input (self);
}

GtkWidget *
scholia_reading_view_new (void)
{
  return g_object_new (SCHOLIA_TYPE_READING_VIEW, NULL);
}

/**
 * scholia_reading_view_set_document:
 * @self: a #ScholiaReadingView
 * @title: (nullable): the document's title
 * @author: (nullable): the document's author
 * @text: (nullable): the document's text, or %NULL to show nothing
 *
 * Shows @text from its start. The buffer holds @text unchanged, so
 * character offsets in the buffer are the code-point offsets of @text.
 */
void
scholia_reading_view_set_document (ScholiaReadingView *self,
                                   const char         *title,
                                   const char         *author,
                                   const char         *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_if_fail (SCHOLIA_IS_READING_VIEW (self));

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  scholia_paragraph_gutter_set_text (self->paragraph_gutter, text);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag (buffer, self->typography_tag, &start, &end);
  gtk_text_buffer_place_cursor (buffer, &start);
  scholia_text_view_scroll_to_insert (GTK_TEXT_VIEW (self->source_view));

  if (set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (set_string (&self->author, author))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

const char *
scholia_reading_view_get_title (ScholiaReadingView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_READING_VIEW (self), NULL);

  return self->title;
}

const char *
scholia_reading_view_get_author (ScholiaReadingView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_READING_VIEW (self), NULL);

  return self->author;
}

/**
 * scholia_reading_view_get_source_view:
 * @self: a #ScholiaReadingView
 *
 * Returns: (transfer none): the view showing the text, to draw
 *   highlights and gutter marks on
 */
GtkSourceView *
scholia_reading_view_get_source_view (ScholiaReadingView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_READING_VIEW (self), NULL);

  return self->source_view;
}

ScholiaParagraphGutter *
scholia_reading_view_get_paragraph_gutter (ScholiaReadingView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_READING_VIEW (self), NULL);

  return self->paragraph_gutter;
}

/**
 * scholia_reading_view_get_buffer:
 * @self: a #ScholiaReadingView
 *
 * Returns: (transfer none): the buffer holding the text
 */
GtkSourceBuffer *
scholia_reading_view_get_buffer (ScholiaReadingView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_READING_VIEW (self), NULL);

  return self->buffer;
}

/**
 * scholia_reading_view_select_range:
 * @self: a #ScholiaReadingView
 * @start: code-point offset of the first selected character
 * @end: code-point offset just past the last one, not less than @start
 *
 * Selects a passage and scrolls it into view. Offsets past the end of
 * the text stop at the end.
 */
void
scholia_reading_view_select_range (ScholiaReadingView *self,
                                   int                 start,
                                   int                 end)
{
  GtkTextBuffer *buffer;
  GtkTextIter start_iter, end_iter;

  g_return_if_fail (SCHOLIA_IS_READING_VIEW (self));
  g_return_if_fail (start >= 0);
  g_return_if_fail (end >= start);

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, end);
  gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
  /* A passage chosen by the program (a search hit, an annotation) is exact. */
  self->selected_by_pointer = FALSE;
  scholia_text_view_scroll_to_insert (GTK_TEXT_VIEW (self->source_view));
}

/**
 * scholia_reading_view_get_selection:
 * @self: a #ScholiaReadingView
 * @start: (out) (optional): code-point offset where the selection starts
 * @end: (out) (optional): code-point offset where it ends
 *
 * With nothing selected, both offsets are the caret's.
 *
 * Returns: %TRUE if some text is selected
 */
gboolean
scholia_reading_view_get_selection (ScholiaReadingView *self,
                                    int                *start,
                                    int                *end)
{
  GtkTextIter start_iter, end_iter;
  gboolean selected;

  g_return_val_if_fail (SCHOLIA_IS_READING_VIEW (self), FALSE);

  selected = gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer),
                                                   &start_iter, &end_iter);
  if (start != NULL)
    *start = gtk_text_iter_get_offset (&start_iter);
  if (end != NULL)
    *end = gtk_text_iter_get_offset (&end_iter);

  return selected;
}

/**
 * scholia_reading_view_get_selected_by_pointer:
 * @self: a #ScholiaReadingView
 *
 * Returns: %TRUE if the selection was last moved with the mouse or a touch, %FALSE if with the
 *   keyboard or by the program
 */
gboolean
scholia_reading_view_get_selected_by_pointer (ScholiaReadingView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_READING_VIEW (self), FALSE);

  return self->selected_by_pointer;
}

/**
 * scholia_reading_view_set_selected_by_pointer:
 * @self: a #ScholiaReadingView
 * @by_pointer: whether the current selection counts as made with the mouse
 *
 * Says how the current selection was made, for a selection set by other means than the
 * reader's hand (tests, a drag from elsewhere).
 */
void
scholia_reading_view_set_selected_by_pointer (ScholiaReadingView *self,
                                              gboolean            by_pointer)
{
  g_return_if_fail (SCHOLIA_IS_READING_VIEW (self));

  self->selected_by_pointer = by_pointer;
}

/**
 * scholia_reading_view_snap_selection:
 * @self: a #ScholiaReadingView
 *
 * Widens a selection made with the pointer to whole words, unless the preferences say not to,
 * and selects the widened passage so that the reader shows what is about to be stored. A
 * keyboard selection is left as made: it was placed a character at a time on purpose.
 */
void
scholia_reading_view_snap_selection (ScholiaReadingView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter text_start, text_end;
  g_autofree char *text = NULL;
  int start, end;

  g_return_if_fail (SCHOLIA_IS_READING_VIEW (self));

  if (!self->selected_by_pointer || !g_settings_get_boolean (self->settings, "snap-selection-to-words"))
    return;
  if (!scholia_reading_view_get_selection (self, &start, &end))
    return;

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_bounds (buffer, &text_start, &text_end);
  text = gtk_text_buffer_get_text (buffer, &text_start, &text_end, FALSE);
  if (scholia_word_snap (text, &start, &end))
    scholia_reading_view_select_range (self, start, end);
}

/**
 * scholia_reading_view_measure_column:
 * @self: a reading view
 * @n_chars: how many characters of the reading font a line must hold
 * @readable: (out) (optional): the narrowest view whose lines hold @n_chars characters of the
 *   reading font (its average character width), the text's margins included
 * @widest: (out) (optional): the width past which the text column grows no wider
 *
 * For the containers that decide what goes beside the text: the reading font, not a fixed
 * number of pixels, says how wide a readable column is.
 */
void
scholia_reading_view_measure_column (ScholiaReadingView *self,
                                     int                 n_chars,
                                     int                *readable,
                                     int                *widest)
{
  g_return_if_fail (SCHOLIA_IS_READING_VIEW (self));

  if (readable != NULL)
    {
      PangoFontDescription *desc = NULL;
      PangoFontMetrics *metrics;
      int char_width;

      g_object_get (self->typography_tag, "font-desc", &desc, NULL);
      metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self->source_view)),
                                           desc, NULL);
      char_width = pango_font_metrics_get_approximate_char_width (metrics);
      pango_font_metrics_unref (metrics);
      pango_font_description_free (desc);

      *readable = (int) ceil ((double) n_chars * char_width / PANGO_SCALE) +
                  gtk_text_view_get_left_margin (GTK_TEXT_VIEW (self->source_view)) +
                  gtk_text_view_get_right_margin (GTK_TEXT_VIEW (self->source_view));
    }

  if (widest != NULL)
    *widest = adw_clamp_scrollable_get_maximum_size (self->clamp);
}
