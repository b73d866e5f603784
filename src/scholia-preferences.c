/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "scholia-preferences.h"
#include "scholia-accessible.h"
#include "scholia-citation-styles.h"
#include "scholia-pdf-export.h"

struct _ScholiaPreferences
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkFontButton        *font_button;
  GtkSpinButton        *spacing_button;
  GtkSwitch            *snap_switch;
  GtkEntry             *annotator_entry;
  GtkSwitch            *paragraph_numbers_switch;
  AdwComboRow          *citation_style_row;  /* in ScholiaCitationStyle's order */
};

G_DEFINE_FINAL_TYPE (ScholiaPreferences, scholia_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static void
scholia_preferences_dispose (GObject *object)
{
  ScholiaPreferences *self = SCHOLIA_PREFERENCES (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_PREFERENCES);

  G_OBJECT_CLASS (scholia_preferences_parent_class)->dispose (object);
}

/* The citation style is stored by name, shown as its place in the list. */
static gboolean
get_citation_style_mapping (GValue   *value,
                            GVariant *variant,
                            gpointer  user_data)
{
  ScholiaCitationStyle style;

  if (!scholia_citation_style_parse (g_variant_get_string (variant, NULL), &style))
    return FALSE;
  g_value_set_uint (value, style);
  return TRUE;
}

static GVariant *
set_citation_style_mapping (const GValue       *value,
                            const GVariantType *expected_type,
                            gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected > SCHOLIA_CITATION_STYLE_CHICAGO)
    return NULL;
  return g_variant_new_string (scholia_citation_style_to_string (selected));
}

static void
scholia_preferences_class_init (ScholiaPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaPreferences, font_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaPreferences, spacing_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaPreferences, snap_switch);
  gtk_widget_class_bind_template_child (widget_class, ScholiaPreferences, annotator_entry);
  gtk_widget_class_bind_template_child (widget_class, ScholiaPreferences, paragraph_numbers_switch);
  gtk_widget_class_bind_template_child (widget_class, ScholiaPreferences, citation_style_row);
}

static void
scholia_preferences_init (ScholiaPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_accessible_name_inner_button (GTK_WIDGET (self->font_button));
  scholia_accessible_label_descendant (GTK_WIDGET (self), GTK_TYPE_SEARCH_ENTRY, NULL,
                                       _("Search Preferences"));

  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  /* GtkFontButton is deprecated from GTK 4.10 on, but GtkFontDialogButton is not in 4.8. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_settings_bind (self->settings, "reading-font", self->font_button, "font", G_SETTINGS_BIND_DEFAULT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_settings_bind (self->settings, "reading-line-spacing", self->spacing_button, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reading-paragraph-numbers", self->paragraph_numbers_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snap-selection-to-words", self->snap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  /* Left empty, the name the export uses shows as the placeholder. */
  gtk_entry_set_placeholder_text (self->annotator_entry, scholia_pdf_default_annotator ());
  g_settings_bind (self->settings, "annotator-name", self->annotator_entry, "text", G_SETTINGS_BIND_DEFAULT);
  scholia_accessible_name_combo_row_items (self->citation_style_row);
  g_settings_bind_with_mapping (self->settings, "citation-style", self->citation_style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, get_citation_style_mapping,
                                set_citation_style_mapping, NULL, NULL);

  /* The first setting, rather than the header's page switcher that GTK would focus first. */
  gtk_widget_grab_focus (GTK_WIDGET (self->font_button));
}

ScholiaPreferences *
scholia_preferences_new (GtkWindow *parent)
{
  return g_object_new (SCHOLIA_TYPE_PREFERENCES,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}
