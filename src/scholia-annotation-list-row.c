/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scholia-annotation-list-row.h"
#include "scholia-tag-chip.h"

/* Each line is a GtkInscription, whose size comes from its font and not from its text: GTK
 * 4.8's list view makes and measures about 200 rows whatever the pane's height, and labels laid
 * out every row's text to measure it (most of the time the whole library's list took to show a
 * tag's rows, issue 17). The text is shaped only where a row is drawn. */
struct _ScholiaAnnotationListRow
{
  GtkWidget  parent_instance;

  GtkInscription *quote;
  GtkInscription *labels;
  GtkInscription *note;
  GtkInscription *place;
  char           *colour_class;
};

G_DEFINE_FINAL_TYPE (ScholiaAnnotationListRow, scholia_annotation_list_row, GTK_TYPE_WIDGET)

/* The first line of a note, or NULL for none. */
static char *
dup_first_line (const char *note)
{
  const char *end;

  if (note == NULL)
    return NULL;
  while (g_ascii_isspace (*note))
    note++;
  if (*note == '\0')
    return NULL;
  end = strchr (note, '\n');
  return end != NULL ? g_strndup (note, end - note) : g_strdup (note);
}

/* The tags as "● thesis ● evidence" (each dot in the tag's colour) then the themes in italics,
 * for the eye; @spoken gets "tags thesis, evidence; themes NEP" for a screen reader. */
static char *
labels_markup (ScholiaStore      *store,
               ScholiaAnnotation *annotation,
               GString           *spoken,
               const char       **first_colour)
{
  GString *markup = g_string_new (NULL);

  for (guint pass = 0; pass < 2; pass++)
    {
      GType type = pass == 0 ? SCHOLIA_TYPE_TAG : SCHOLIA_TYPE_THEME;
      guint n_ids;
      const gint64 *ids = scholia_annotation_get_label_ids (annotation, type, &n_ids);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < n_ids; i++)
        {
          ScholiaLabel *label = scholia_store_lookup_label (store, type, ids[i]);
          g_autofree char *name = NULL;

          if (label == NULL)
            continue;
          name = g_markup_escape_text (scholia_label_get_display_name (label), -1);
          if (markup->len > 0)
            g_string_append (markup, "  ");
          if (type == SCHOLIA_TYPE_TAG)
            {
              if (*first_colour == NULL)
                *first_colour = scholia_label_get_colour (label);
              g_string_append_printf (markup, "<span foreground=\"%s\">●</span> %s",
                                      scholia_label_get_colour (label), name);
            }
          else
            g_string_append_printf (markup, "<i>%s</i>", name);

          if (names->len > 0)
            /* Translators: between the names of two tags or themes, read by a screen reader. */
            g_string_append (names, _(", "));
          g_string_append (names, scholia_label_get_display_name (label));
        }
      if (names->len > 0)
        /* Translators: follows an annotation's passage as a screen reader reads it; %s is a list
         * of tag names ("thesis, evidence") or of theme names. */
        g_string_append_printf (spoken, type == SCHOLIA_TYPE_TAG ? _("; tags %s") : _("; themes %s"), names->str);
    }
  return g_string_free (markup, FALSE);
}

static void
set_text (GtkInscription *inscription,
          const char     *text)
{
  gtk_inscription_set_text (inscription, text);
  gtk_widget_set_visible (GTK_WIDGET (inscription), text != NULL && *text != '\0');
}

void
scholia_annotation_list_row_bind (ScholiaAnnotationListRow *self,
                                  ScholiaStore             *store,
                                  ScholiaAnnotation        *annotation,
                                  const char               *essay,
                                  const char               *page)
{
  g_autoptr(GString) spoken = g_string_new (scholia_annotation_get_quote (annotation));
  g_autofree char *markup = NULL;
  g_autofree char *note = dup_first_line (scholia_annotation_get_note (annotation));
  g_autofree char *quote = NULL;
  g_autofree char *place = NULL;
  const char *colour = NULL;

  g_return_if_fail (SCHOLIA_IS_ANNOTATION_LIST_ROW (self));

  /* On one line, its paragraphs run on: an inscription draws only the first line of a text
   * with line breaks, and the ellipsis would not say that the passage goes on. */
  quote = g_strdelimit (g_strdup (scholia_annotation_get_quote (annotation)), "\r\n", ' ');
  gtk_inscription_set_text (self->quote, quote);
  markup = labels_markup (store, annotation, spoken, &colour);
  gtk_inscription_set_markup (self->labels, markup);
  gtk_widget_set_visible (GTK_WIDGET (self->labels), *markup != '\0');
  set_text (self->note, note);

  if (essay != NULL && page != NULL)
    /* TRANSLATORS: where an annotation stands in the list of the whole library: essay, page */
    place = g_strdup_printf (_("%s, p. %s"), essay, page);
  else if (page != NULL)
    place = g_strdup_printf (_("p. %s"), page);
  else
    place = g_strdup (essay);
  set_text (self->place, place);

  if (self->colour_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->quote), self->colour_class);
  g_clear_pointer (&self->colour_class, g_free);
  if (colour != NULL && (self->colour_class = scholia_tag_chip_colour_css_class (colour)) != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->quote), self->colour_class);

  if (note != NULL)
    /* Translators: follows an annotation’s passage as a screen reader reads it; %s is the
     * annotation’s note */
    g_string_append_printf (spoken, _("; note %s"), note);
  if (place != NULL)
    g_string_append_printf (spoken, "; %s", place);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken->str, -1);
  /* The list's item (GTK's own widget, the row's parent) is what a screen reader lands on. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, spoken->str, -1);
}

static void
scholia_annotation_list_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SCHOLIA_TYPE_ANNOTATION_LIST_ROW);

  G_OBJECT_CLASS (scholia_annotation_list_row_parent_class)->dispose (object);
}

static void
scholia_annotation_list_row_finalize (GObject *object)
{
  g_free (SCHOLIA_ANNOTATION_LIST_ROW (object)->colour_class);

  G_OBJECT_CLASS (scholia_annotation_list_row_parent_class)->finalize (object);
}

static void
scholia_annotation_list_row_class_init (ScholiaAnnotationListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_annotation_list_row_dispose;
  object_class->finalize = scholia_annotation_list_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-annotation-list-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationListRow, quote);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationListRow, labels);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationListRow, note);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationListRow, place);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
scholia_annotation_list_row_init (ScholiaAnnotationListRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_tag_chip_ensure_style ();
}

GtkWidget *
scholia_annotation_list_row_new (void)
{
  return g_object_new (SCHOLIA_TYPE_ANNOTATION_LIST_ROW, NULL);
}
