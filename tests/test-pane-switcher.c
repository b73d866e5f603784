/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "scholia-pane-switcher.h"
#include "test-ui.h"

/* The document page's pane switcher (scholia-pane-switcher.h): a button per page, the shown
 * page's checked; a click shows its page; a title too long for its button wraps whole, in a
 * window as narrow as the pane. */

typedef struct
{
  GtkWindow           *window;
  AdwViewStack        *stack;
  ScholiaPaneSwitcher *switcher;
} Fixture;

static const char *const titles[] = {
  "Annotation", "Compare", "Matrix",
  "[Àññótátíóñš of the Harbour Ledgers, Their Clerks and Their Quarrels]",
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  fixture->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *name = g_strdup_printf ("page-%u", i);

      adw_view_stack_add_titled (fixture->stack, gtk_label_new (titles[i]), name, titles[i]);
    }
  fixture->switcher = g_object_new (SCHOLIA_TYPE_PANE_SWITCHER, "stack", fixture->stack, NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->switcher));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->stack));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, box);
  gtk_window_set_default_size (fixture->window, 340, 200);
  gtk_window_present (fixture->window);
  while (gtk_widget_get_width (GTK_WIDGET (fixture->switcher)) == 0)
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  drain_main_context ();
}

static GtkToggleButton *
button (Fixture *fixture,
        guint    index)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->switcher));

  for (guint i = 0; i < index && child != NULL; i++)
    child = gtk_widget_get_next_sibling (child);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (child));
  return GTK_TOGGLE_BUTTON (child);
}

static GtkLabel *
button_label (Fixture *fixture,
              guint    index)
{
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (button (fixture, index)));
  GtkWidget *label = gtk_widget_get_last_child (box);

  g_assert_true (GTK_IS_LABEL (label));
  return GTK_LABEL (label);
}

static void
test_follows_stack (Fixture       *fixture,
                    gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_assert_cmpstr (gtk_label_get_text (button_label (fixture, i)), ==, titles[i]);
      g_assert_cmpint (gtk_toggle_button_get_active (button (fixture, i)), ==, i == 0);
    }

  adw_view_stack_set_visible_child_name (fixture->stack, "page-2");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_cmpint (gtk_toggle_button_get_active (button (fixture, i)), ==, i == 2);
}

static void
test_click_shows_page (Fixture       *fixture,
                       gconstpointer  data)
{
  g_signal_emit_by_name (button (fixture, 1), "clicked");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (fixture->stack), ==, "page-1");
  g_assert_true (gtk_toggle_button_get_active (button (fixture, 1)));
  g_assert_false (gtk_toggle_button_get_active (button (fixture, 0)));

  /* Clicking the shown page's button leaves it shown and checked. */
  g_signal_emit_by_name (button (fixture, 1), "clicked");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (fixture->stack), ==, "page-1");
  g_assert_true (gtk_toggle_button_get_active (button (fixture, 1)));
}

/* The long title takes several lines, each no wider than its button; nothing is cut. */
static void
test_long_title_wraps (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkLabel *label = button_label (fixture, 3);
  int minimum, natural;

  gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_NONE);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (label)), <, natural);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (label)), >=, minimum);
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (label)), >, 1);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pane-switcher/follows-stack", test_follows_stack);
  ADD ("/pane-switcher/click-shows-page", test_click_shows_page);
  ADD ("/pane-switcher/long-title-wraps", test_long_title_wraps);
#undef ADD

  return g_test_run ();
}
