/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "scholia-pdf-export.h"
#include "scholia-preferences.h"
#include "test-ui.h"

static void
test_preferences_write_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  ScholiaPreferences *preferences = scholia_preferences_new (NULL);
  GtkSpinButton *spacing;
  GtkFontButton *font;

  gtk_window_present (GTK_WINDOW (preferences));
  spacing = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                           SCHOLIA_TYPE_PREFERENCES, "spacing_button"));
  font = GTK_FONT_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                        SCHOLIA_TYPE_PREFERENCES, "font_button"));

  /* The widgets show what the settings hold… */
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spacing), 1.4, 0.001);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_cmpstr (gtk_font_chooser_get_font (GTK_FONT_CHOOSER (font)), ==, "Serif 13");

  /* …and what the user sets goes straight to them, and back. */
  gtk_spin_button_set_value (spacing, 2.0);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "reading-line-spacing"), 2.0, 0.001);
  gtk_font_chooser_set_font (GTK_FONT_CHOOSER (font), "Sans 16");
  g_assert_cmpstr (g_settings_get_string (settings, "reading-font"), ==, "Sans 16");
  g_settings_set_string (settings, "reading-font", "Serif 11");
  g_assert_cmpstr (gtk_font_chooser_get_font (GTK_FONT_CHOOSER (font)), ==, "Serif 11");
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* Snapping mouse selections to words is on until the user turns it off here. */
static void
test_preferences_snap_switch (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  ScholiaPreferences *preferences = scholia_preferences_new (NULL);
  GtkSwitch *snap;

  gtk_window_present (GTK_WINDOW (preferences));
  snap = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                    SCHOLIA_TYPE_PREFERENCES, "snap_switch"));

  g_assert_true (gtk_switch_get_active (snap));
  gtk_switch_set_active (snap, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "snap-selection-to-words"));
  g_settings_set_boolean (settings, "snap-selection-to-words", TRUE);
  g_assert_true (gtk_switch_get_active (snap));

  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The highlights' author: empty shows whom the export names instead; a name typed goes to the
 * setting the export dialog reads. */
static void
test_preferences_annotator (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  ScholiaPreferences *preferences = scholia_preferences_new (NULL);
  GtkEntry *entry;

  gtk_window_present (GTK_WINDOW (preferences));
  entry = GTK_ENTRY (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                    SCHOLIA_TYPE_PREFERENCES, "annotator_entry"));

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (entry), ==, scholia_pdf_default_annotator ());
  gtk_editable_set_text (GTK_EDITABLE (entry), "Dr. Ilse Varga");
  g_assert_cmpstr (g_settings_get_string (settings, "annotator-name"), ==, "Dr. Ilse Varga");
  g_settings_reset (settings, "annotator-name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  gtk_window_destroy (GTK_WINDOW (preferences));
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);
  g_test_add_func ("/preferences/write-settings", test_preferences_write_settings);
  g_test_add_func ("/preferences/snap-switch", test_preferences_snap_switch);
  g_test_add_func ("/preferences/annotator", test_preferences_annotator);
  return g_test_run ();
}
