/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-passage-row.h"
#include "scholia-accessible.h"

#include <glib/gi18n.h>

#include "scholia-tag-chip.h"

struct _ScholiaPassageRow
{
  GtkWidget       parent_instance;

  GtkLabel       *author_label;
  GtkWidget      *document_box;
  GtkLabel       *title_label;
  GtkLabel       *date_label;
  GtkLabel       *quote_label;
  GtkWidget      *meta_box;
  GtkWidget      *tags_box;
  GtkLabel       *page_label;
  GtkLabel       *note_label;

  ScholiaPassage *passage;
};

G_DEFINE_FINAL_TYPE (ScholiaPassageRow, scholia_passage_row, GTK_TYPE_WIDGET)

char *
scholia_passage_row_author_display_name (const char *author)
{
  if (author == NULL || author[0] == '\0')
    return g_strdup (_("Unknown Author"));
  return g_strdup (author);
}

static void
clear_tags (ScholiaPassageRow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->tags_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->tags_box), child);
}

static void
add_tags (ScholiaPassageRow *self,
          ScholiaStore      *store)
{
  const gint64 *tag_ids;
  guint n_tag_ids;

  tag_ids = scholia_passage_get_tag_ids (self->passage, &n_tag_ids);
  for (guint i = 0; i < n_tag_ids; i++)
    {
      ScholiaTag *tag = store != NULL ? SCHOLIA_TAG (scholia_store_lookup_label (store, SCHOLIA_TYPE_TAG, tag_ids[i])) : NULL;
      g_autofree char *colour_class = NULL;
      GtkWidget *label;

      if (tag == NULL)
        continue;

      label = gtk_label_new (scholia_label_get_display_name (SCHOLIA_LABEL (tag)));
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
      gtk_widget_add_css_class (label, "tag-chip");
      gtk_widget_add_css_class (label, "passage-tag");
      colour_class = scholia_tag_chip_colour_css_class (scholia_label_get_colour (SCHOLIA_LABEL (tag)));
      if (colour_class != NULL)
        gtk_widget_add_css_class (label, colour_class);
      gtk_box_append (GTK_BOX (self->tags_box), label);
    }
}

/* The row's last line: the passage's tags and its place. */
static void
update_meta_box (ScholiaPassageRow *self)
{
  gtk_widget_set_visible (self->meta_box,
                          gtk_widget_get_first_child (self->tags_box) != NULL ||
                          gtk_widget_get_visible (GTK_WIDGET (self->page_label)));
}

static void
scholia_passage_row_dispose (GObject *object)
{
  ScholiaPassageRow *self = SCHOLIA_PASSAGE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_PASSAGE_ROW);
  g_clear_object (&self->passage);

  G_OBJECT_CLASS (scholia_passage_row_parent_class)->dispose (object);
}

static void
scholia_passage_row_class_init (ScholiaPassageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_passage_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-passage-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaPassageRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaPassageRow, document_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaPassageRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaPassageRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaPassageRow, quote_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaPassageRow, meta_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaPassageRow, tags_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaPassageRow, page_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaPassageRow, note_label);

  gtk_widget_class_set_css_name (widget_class, "scholiapassagerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
scholia_passage_row_init (ScholiaPassageRow *self)
{
  scholia_tag_chip_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_accessible_name_list_item (GTK_WIDGET (self), GTK_WIDGET (self->quote_label),
                                     GTK_WIDGET (self->author_label));
}

GtkWidget *
scholia_passage_row_new (void)
{
  return g_object_new (SCHOLIA_TYPE_PASSAGE_ROW, NULL);
}

ScholiaPassage *
scholia_passage_row_get_passage (ScholiaPassageRow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE_ROW (self), NULL);

  return self->passage;
}

/* The store gives the tags' names and colours; passages carry only their ids. */
void
scholia_passage_row_set_passage (ScholiaPassageRow *self,
                                 ScholiaPassage    *passage,
                                 ScholiaStore      *store)
{
  g_autofree char *author = NULL;
  const char *date;
  const char *note;

  g_return_if_fail (SCHOLIA_IS_PASSAGE_ROW (self));
  g_return_if_fail (passage == NULL || SCHOLIA_IS_PASSAGE (passage));
  g_return_if_fail (store == NULL || SCHOLIA_IS_STORE (store));

  g_set_object (&self->passage, passage);
  clear_tags (self);
  scholia_passage_row_set_place (self, NULL);
  if (passage == NULL)
    return;

  author = scholia_passage_row_author_display_name (scholia_passage_get_author (passage));
  gtk_label_set_label (self->author_label, author);
  gtk_label_set_label (self->title_label, scholia_passage_get_title (passage));

  date = scholia_passage_get_date (passage);
  /* Translators: shown for an essay that has no date, where its date would be */
  gtk_label_set_label (self->date_label, date != NULL && date[0] != '\0' ? date : _("Undated"));

  gtk_label_set_label (self->quote_label, scholia_passage_get_quote (passage));
  /* A large row shows the whole quote already. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->quote_label),
                               gtk_widget_has_css_class (GTK_WIDGET (self), "large") ? NULL
                                                                                     : scholia_passage_get_quote (passage));

  note = scholia_passage_get_note (passage);
  gtk_label_set_label (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL && note[0] != '\0');

  add_tags (self, store);
  update_meta_box (self);
}

void
scholia_passage_row_set_place (ScholiaPassageRow *self,
                               const char        *place)
{
  gboolean shown = place != NULL && place[0] != '\0';

  g_return_if_fail (SCHOLIA_IS_PASSAGE_ROW (self));

  gtk_label_set_label (self->page_label, shown ? place : "");
  gtk_widget_set_visible (GTK_WIDGET (self->page_label), shown);
  update_meta_box (self);
}

void
scholia_passage_row_set_headings (ScholiaPassageRow *self,
                                  gboolean           author_heading,
                                  gboolean           document_heading)
{
  g_return_if_fail (SCHOLIA_IS_PASSAGE_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->author_label), author_heading);
  gtk_widget_set_visible (self->document_box, document_heading);
}

gboolean
scholia_passage_row_get_author_heading (ScholiaPassageRow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE_ROW (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->author_label));
}

gboolean
scholia_passage_row_get_document_heading (ScholiaPassageRow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE_ROW (self), FALSE);

  return gtk_widget_get_visible (self->document_box);
}

void
scholia_passage_row_set_large (ScholiaPassageRow *self,
                               gboolean           large)
{
  g_return_if_fail (SCHOLIA_IS_PASSAGE_ROW (self));

  if (large)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large");
  /* Projected on a wall, a passage is read whole. */
  gtk_label_set_lines (self->quote_label, large ? -1 : 4);
  gtk_label_set_ellipsize (self->quote_label, large ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (self->note_label, large ? -1 : 3);
  gtk_label_set_ellipsize (self->note_label, large ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
}

void
scholia_passage_row_find_headings (GListModel *passages,
                                   guint       position,
                                   gboolean   *author_heading,
                                   gboolean   *document_heading)
{
  g_autoptr(ScholiaPassage) passage = NULL;
  g_autoptr(ScholiaPassage) previous = NULL;

  g_return_if_fail (G_IS_LIST_MODEL (passages));
  g_return_if_fail (author_heading != NULL && document_heading != NULL);

  passage = g_list_model_get_item (passages, position);
  if (position > 0)
    previous = g_list_model_get_item (passages, position - 1);

  if (passage == NULL || previous == NULL)
    {
      *author_heading = passage != NULL;
      *document_heading = passage != NULL;
      return;
    }

  *author_heading = g_strcmp0 (scholia_passage_get_author (passage),
                               scholia_passage_get_author (previous)) != 0;
  *document_heading = *author_heading ||
                      scholia_passage_get_document_id (passage) != scholia_passage_get_document_id (previous);
}
