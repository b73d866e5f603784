/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-paragraph-gutter.h"

#include <glib/gi18n.h>

#include "scholia-citation.h"
#include "scholia-paragraphs.h"

struct _ScholiaParagraphGutter
{
  GtkSourceGutterRendererText parent_instance;

  /* A buffer line → the paragraph it opens; lines opening none are absent. */
  GHashTable                 *numbers;
};

G_DEFINE_FINAL_TYPE (ScholiaParagraphGutter, scholia_paragraph_gutter, GTK_SOURCE_TYPE_GUTTER_RENDERER_TEXT)

static void
scholia_paragraph_gutter_query_data (GtkSourceGutterRenderer *renderer,
                                     GtkSourceGutterLines    *lines,
                                     guint                    line)
{
  ScholiaParagraphGutter *self = SCHOLIA_PARAGRAPH_GUTTER (renderer);
  guint number = scholia_paragraph_gutter_get_number (self, line);
  g_autofree char *place = number > 0 ? scholia_citation_format_paragraph (number) : NULL;
  g_autofree char *markup = place != NULL ? g_markup_printf_escaped ("<small>%s</small>", place) : NULL;

  gtk_source_gutter_renderer_text_set_markup (GTK_SOURCE_GUTTER_RENDERER_TEXT (self),
                                              markup != NULL ? markup : "", -1);
}

/* As wide as a four-figure number whatever the text: a width that changed with each document
 * would lay the text out again after it is shown, moving a passage just scrolled to. Measured
 * each time asked, in the font the gutter has then (the reading view's, once styled), so that
 * the numbers never reach into the annotations' bars beside them. */
static void
scholia_paragraph_gutter_measure (GtkWidget      *widget,
                                  GtkOrientation  orientation,
                                  int             for_size,
                                  int            *minimum,
                                  int            *natural,
                                  int            *minimum_baseline,
                                  int            *natural_baseline)
{
  GTK_WIDGET_CLASS (scholia_paragraph_gutter_parent_class)->measure (widget, orientation, for_size, minimum, natural,
                                                                     minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      g_autofree char *widest = scholia_citation_format_paragraph (8888);
      g_autofree char *markup = g_markup_printf_escaped ("<small>%s</small>", widest);
      int width = 0;

      gtk_source_gutter_renderer_text_measure_markup (GTK_SOURCE_GUTTER_RENDERER_TEXT (widget), markup, &width, NULL);
      width += 2 * gtk_source_gutter_renderer_get_xpad (GTK_SOURCE_GUTTER_RENDERER (widget));
      *minimum = *natural = MAX (*natural, width);
    }
}

static void
scholia_paragraph_gutter_finalize (GObject *object)
{
  ScholiaParagraphGutter *self = SCHOLIA_PARAGRAPH_GUTTER (object);

  g_clear_pointer (&self->numbers, g_hash_table_unref);

  G_OBJECT_CLASS (scholia_paragraph_gutter_parent_class)->finalize (object);
}

static void
scholia_paragraph_gutter_class_init (ScholiaParagraphGutterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkSourceGutterRendererClass *renderer_class = GTK_SOURCE_GUTTER_RENDERER_CLASS (klass);

  object_class->finalize = scholia_paragraph_gutter_finalize;
  widget_class->measure = scholia_paragraph_gutter_measure;
  renderer_class->query_data = scholia_paragraph_gutter_query_data;
}

static void
scholia_paragraph_gutter_init (ScholiaParagraphGutter *self)
{
  self->numbers = g_hash_table_new (NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
  /* Set toward the text, beside a wrapped line's first row. */
  gtk_source_gutter_renderer_set_xalign (GTK_SOURCE_GUTTER_RENDERER (self), 1.0);
  gtk_source_gutter_renderer_set_xpad (GTK_SOURCE_GUTTER_RENDERER (self), 6);
  gtk_source_gutter_renderer_set_alignment_mode (GTK_SOURCE_GUTTER_RENDERER (self),
                                                 GTK_SOURCE_GUTTER_RENDERER_ALIGNMENT_MODE_FIRST);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Paragraph numbers"),
                                  -1);
}

GtkSourceGutterRenderer *
scholia_paragraph_gutter_new (void)
{
  return g_object_new (SCHOLIA_TYPE_PARAGRAPH_GUTTER, NULL);
}

void
scholia_paragraph_gutter_set_text (ScholiaParagraphGutter *self,
                                   const char             *text)
{
  g_autoptr(GArray) paragraphs = NULL;
  int line = 0;
  const char *p;
  gsize at = 0;

  g_return_if_fail (SCHOLIA_IS_PARAGRAPH_GUTTER (self));

  g_hash_table_remove_all (self->numbers);
  if (text == NULL)
    text = "";
  paragraphs = scholia_paragraphs_split (text);

  /* The paragraphs come in text order: one walk counts the lines before each. */
  p = text;
  for (guint i = 0; i < paragraphs->len; i++)
    {
      gsize start = g_array_index (paragraphs, ScholiaParagraph, i).start;

      for (; at < start; at++, p++)
        if (*p == '\n')
          line++;
      g_hash_table_insert (self->numbers, GINT_TO_POINTER (line), GUINT_TO_POINTER (i + 1));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
scholia_paragraph_gutter_get_number (ScholiaParagraphGutter *self,
                                     int                     line)
{
  g_return_val_if_fail (SCHOLIA_IS_PARAGRAPH_GUTTER (self), 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->numbers, GINT_TO_POINTER (line)));
}
