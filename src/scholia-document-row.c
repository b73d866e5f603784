/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-document-row.h"
#include "scholia-count-format.h"
#include "scholia-accessible.h"

struct _ScholiaDocumentRow
{
  GtkWidget        parent_instance;

  ScholiaDocument *document;
  char            *author;
  guint            count;

  GtkLabel        *title_label;
  GtkLabel        *date_label;
  GtkLabel        *count_label;
  GtkImage        *annotation_icon;
};

G_DEFINE_FINAL_TYPE (ScholiaDocumentRow, scholia_document_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_AUTHOR,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the count means, for the tooltip and for screen readers which cannot see a bare number
 * next to a title. */
static char *
describe_count (ScholiaDocumentRow *self)
{
  guint annotations;

  if (self->document == NULL)
    return scholia_count_format (ngettext ("%'u essay", "%'u essays", self->count), self->count);

  annotations = scholia_document_get_annotation_count (self->document);
  return scholia_count_format (ngettext ("%'u annotation", "%'u annotations", annotations), annotations);
}

static void
show_count (ScholiaDocumentRow *self,
            guint               count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);
  g_autofree char *description = describe_count (self);

  gtk_label_set_label (self->count_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
update_document (ScholiaDocumentRow *self)
{
  const char *title = scholia_document_get_title (self->document);
  const char *date = scholia_document_get_date (self->document);
  guint annotations = scholia_document_get_annotation_count (self->document);

  if (title == NULL || *title == '\0')
    title = _("Untitled Essay");

  gtk_label_set_label (self->title_label, title);
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "heading");

  gtk_label_set_label (self->date_label, date != NULL ? date : "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_label), date != NULL && *date != '\0');

  show_count (self, annotations);
  /* A zero on every fresh essay would only be noise. The pencil tells these counts from the
   * number of essays next to an author. */
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), annotations > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->annotation_icon), annotations > 0);
}

static void
update_author (ScholiaDocumentRow *self)
{
  gtk_label_set_label (self->title_label, self->author != NULL ? self->author : "");
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_widget_set_visible (GTK_WIDGET (self->date_label), FALSE);

  show_count (self, self->count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->annotation_icon), FALSE);
}

/* The tooltip is computed when asked for: setting one on every rebind costs GTK 4.8 a round trip
 * to the display server, which made filtering a long list crawl. */
static gboolean
on_query_tooltip_cb (ScholiaDocumentRow *self,
                     int                 x,
                     int                 y,
                     gboolean            keyboard_mode,
                     GtkTooltip         *tooltip)
{
  g_autofree char *count = describe_count (self);
  g_autofree char *text = NULL;

  if (self->document != NULL)
    text = g_strdup_printf ("%s\n%s", gtk_label_get_label (self->title_label), count);
  else
    text = g_steal_pointer (&count);

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update (ScholiaDocumentRow *self)
{
  if (self->document != NULL)
    update_document (self);
  else
    update_author (self);
}

static void
on_document_notify_cb (ScholiaDocumentRow *self,
                       GParamSpec         *pspec,
                       ScholiaDocument    *document)
{
  update (self);
}

static void
scholia_document_row_dispose (GObject *object)
{
  ScholiaDocumentRow *self = SCHOLIA_DOCUMENT_ROW (object);
  GtkWidget *child;

  g_clear_object (&self->document);
  g_clear_pointer (&self->author, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_DOCUMENT_ROW);
  /* The box holding the labels is not a template child, so it is not unparented for us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (scholia_document_row_parent_class)->dispose (object);
}

static void
scholia_document_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ScholiaDocumentRow *self = SCHOLIA_DOCUMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_document_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ScholiaDocumentRow *self = SCHOLIA_DOCUMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      scholia_document_row_set_document (self, g_value_get_object (value));
      break;

    case PROP_AUTHOR:
      scholia_document_row_set_author (self, g_value_get_string (value));
      break;

    case PROP_COUNT:
      scholia_document_row_set_count (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_document_row_class_init (ScholiaDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = scholia_document_row_dispose;
  object_class->get_property = scholia_document_row_get_property;
  object_class->set_property = scholia_document_row_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SCHOLIA_TYPE_DOCUMENT, flags);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentRow, annotation_icon);
}

static void
scholia_document_row_init (ScholiaDocumentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_accessible_name_list_item (GTK_WIDGET (self), GTK_WIDGET (self->title_label),
                                     GTK_WIDGET (self->count_label));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  update (self);
}

GtkWidget *
scholia_document_row_new (void)
{
  return g_object_new (SCHOLIA_TYPE_DOCUMENT_ROW, NULL);
}

ScholiaDocument *
scholia_document_row_get_document (ScholiaDocumentRow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_ROW (self), NULL);

  return self->document;
}

void
scholia_document_row_set_document (ScholiaDocumentRow *self,
                                   ScholiaDocument    *document)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT_ROW (self));
  g_return_if_fail (document == NULL || SCHOLIA_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_document_notify_cb, self);

  g_set_object (&self->document, document);

  if (document != NULL)
    g_signal_connect_object (document, "notify", G_CALLBACK (on_document_notify_cb), self,
                             G_CONNECT_SWAPPED);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

const char *
scholia_document_row_get_author (ScholiaDocumentRow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_ROW (self), NULL);

  return self->author;
}

void
scholia_document_row_set_author (ScholiaDocumentRow *self,
                                 const char         *author)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT_ROW (self));

  if (g_strcmp0 (self->author, author) == 0)
    return;

  g_free (self->author);
  self->author = g_strdup (author);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

guint
scholia_document_row_get_count (ScholiaDocumentRow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_ROW (self), 0);

  return self->count;
}

void
scholia_document_row_set_count (ScholiaDocumentRow *self,
                                guint               count)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT_ROW (self));

  if (self->count == count)
    return;

  self->count = count;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}
