/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "scholia-matrix-view.h"
#include "test-files.h"
#include "test-ui.h"

static const char essay[] =
  "The river silted. The railway came late. The dues rose. The merchants left for Kessmouth.\n";

typedef struct
{
  char              *dir;
  ScholiaStore      *store;
  ScholiaDocument   *marwick;
  ScholiaDocument   *okafor;
  ScholiaTheme      *silt;
  ScholiaTheme      *railway;
  gint64             thesis;
  gint64             evidence;
  GtkWindow         *window;
  ScholiaMatrixView *view;
} Fixture;

static ScholiaDocument *
add_document (Fixture    *fixture,
              const char *title,
              const char *author,
              const char *date)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = scholia_store_add_document (fixture->store, title, author, date, NULL,
                                                          essay, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static void
annotate (Fixture         *fixture,
          ScholiaDocument *document,
          const char      *quote,
          gint64           tag_id,
          ScholiaTheme    *theme)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  int start = g_utf8_pointer_to_offset (essay, strstr (essay, quote));
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (theme));

  annotation = scholia_store_add_annotation (fixture->store, document, start, start + strlen (quote),
                                             &tag_id, 1, &theme_id, 1, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ScholiaDocument *lindqvist_late, *lindqvist_early, *anonymous;

  fixture->dir = test_tmp_dir_new ("scholia-matrix-view-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);

  fixture->marwick = add_document (fixture, "The Silted Staple", "Helena Marwick", "1956");
  lindqvist_late = add_document (fixture, "The Twelve Houses", "Tomasz Lindqvist", "c. 1925");
  lindqvist_early = add_document (fixture, "A Letter on the Harbour", "Tomasz Lindqvist", "spring 1917");
  anonymous = add_document (fixture, "Harbour Board Minutes", NULL, "1843");
  fixture->okafor = add_document (fixture, "A River Grown Tired", "Adaeze Okafor", "spring 1978");
  fixture->silt = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Silt", NULL, NULL, &error));
  fixture->railway = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Railway", NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->thesis = scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "thesis", NULL));
  fixture->evidence = scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "evidence", NULL));

  annotate (fixture, fixture->marwick, "The dues rose", fixture->evidence, fixture->silt);
  annotate (fixture, fixture->marwick, "The river silted", fixture->thesis, fixture->silt);
  annotate (fixture, lindqvist_late, "The river silted", fixture->thesis, fixture->silt);
  annotate (fixture, lindqvist_early, "The merchants left", fixture->evidence, fixture->silt);
  annotate (fixture, lindqvist_early, "The railway came late", fixture->evidence, fixture->railway);
  annotate (fixture, lindqvist_late, "The railway came late", fixture->thesis, fixture->railway);
  annotate (fixture, anonymous, "The dues rose", fixture->evidence, fixture->silt);
  annotate (fixture, fixture->marwick, "The railway came late", fixture->thesis, fixture->railway);

  fixture->view = SCHOLIA_MATRIX_VIEW (scholia_matrix_view_new ());
  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (fixture->view), fixture->store);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 700, 500);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  drain_main_context ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  drain_main_context ();
  g_assert_finalize_object (fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_widget_has_css_class (child, "matrix-cell"))
        g_ptr_array_add (found, child);
      collect_buttons (child, found);
    }
}

/* The cell whose tooltip begins with `tooltip`: what a user hovering it reads. */
static GtkWidget *
find_cell (Fixture    *fixture,
           const char *tooltip)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  drain_main_context ();
  collect_buttons (GTK_WIDGET (fixture->view), buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *text = gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i));

      if (text != NULL && g_str_has_prefix (text, tooltip))
        return g_ptr_array_index (buttons, i);
    }
  g_error ("No cell “%s”", tooltip);
  return NULL;
}

static const char *
cell_label (GtkWidget *cell)
{
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (cell));

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (box)));
}

static void
test_every_author_with_silences (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *silent;

  /* By surname; Okafor, silent on both themes, has a row; the unknown author comes last. */
  g_assert_cmpuint (scholia_matrix_view_get_n_rows (fixture->view), ==, 4);
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 0), ==, "Tomasz Lindqvist");
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 1), ==, "Helena Marwick");
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 2), ==, "Adaeze Okafor");
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 3), ==, "");

  g_assert_cmpuint (scholia_matrix_view_get_row_count (fixture->view, 0, fixture->silt), ==, 2);
  g_assert_cmpuint (scholia_matrix_view_get_row_count (fixture->view, 0, fixture->railway), ==, 2);
  g_assert_cmpuint (scholia_matrix_view_get_row_count (fixture->view, 1, fixture->railway), ==, 1);
  g_assert_cmpuint (scholia_matrix_view_get_row_count (fixture->view, 3, fixture->railway), ==, 0);

  /* What the table shows. */
  g_assert_cmpstr (cell_label (find_cell (fixture, "Tomasz Lindqvist: 2 passages on “Silt”")), ==, "2");
  g_assert_cmpstr (cell_label (find_cell (fixture, "Helena Marwick: 1 passage on “Railway”")), ==, "1");
  g_assert_cmpstr (cell_label (find_cell (fixture, "Unknown Author: 1 passage on “Silt”")), ==, "1");
  silent = find_cell (fixture, "Adaeze Okafor has no passages on “Silt”");
  g_assert_cmpstr (cell_label (silent), ==, "—");
  g_assert_false (gtk_widget_get_sensitive (silent));
  find_cell (fixture, "Adaeze Okafor has no passages on “Railway”");
  find_cell (fixture, "Unknown Author has no passages on “Railway”");
}

static void
test_sorting (Fixture       *fixture,
              gconstpointer  data)
{
  guint previous = G_MAXUINT;

  scholia_matrix_view_sort_by_theme (fixture->view, fixture->railway, GTK_SORT_DESCENDING);
  drain_main_context ();
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 0), ==, "Tomasz Lindqvist");
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 1), ==, "Helena Marwick");
  for (guint row = 0; row < scholia_matrix_view_get_n_rows (fixture->view); row++)
    {
      guint count = scholia_matrix_view_get_row_count (fixture->view, row, fixture->railway);

      g_assert_cmpuint (count, <=, previous);
      previous = count;
    }

  scholia_matrix_view_sort_by_theme (fixture->view, fixture->silt, GTK_SORT_ASCENDING);
  drain_main_context ();
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 0), ==, "Adaeze Okafor");
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 1), ==, "");
  g_assert_cmpuint (scholia_matrix_view_get_row_count (fixture->view, 3, fixture->silt), ==, 2);
}

static void
on_cell_activated_cb (ScholiaMatrixView *view,
                      const char        *author,
                      ScholiaTheme      *theme,
                      char             **activated)
{
  g_free (*activated);
  *activated = g_strdup_printf ("%s/%s", author, scholia_label_get_name (SCHOLIA_LABEL (theme)));
}

static void
test_click_cell (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *activated = NULL;

  g_signal_connect (fixture->view, "cell-activated", G_CALLBACK (on_cell_activated_cb), &activated);
  /* What a click does (activation would animate the press for a quarter second first). */
  g_signal_emit_by_name (find_cell (fixture, "Helena Marwick: 1 passage on “Railway”"), "clicked");
  g_assert_cmpstr (activated, ==, "Helena Marwick/Railway");

  g_clear_pointer (&activated, g_free);
  g_signal_emit_by_name (find_cell (fixture, "Unknown Author: 1 passage on “Silt”"), "clicked");
  g_assert_cmpstr (activated, ==, "/Silt");
}

static void
test_follows_store (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaTheme *tolls;

  annotate (fixture, fixture->okafor, "The dues rose", fixture->thesis, fixture->railway);
  annotate (fixture, fixture->okafor, "The river silted", fixture->thesis, fixture->railway);
  drain_main_context ();
  g_assert_cmpstr (cell_label (find_cell (fixture, "Adaeze Okafor: 2 passages on “Railway”")), ==, "2");

  /* A new theme is a new column, silent for everyone. */
  tolls = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Tolls", NULL, NULL, &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_cmpuint (scholia_matrix_view_get_row_count (fixture->view, 0, tolls), ==, 0);
  find_cell (fixture, "Helena Marwick has no passages on “Tolls”");

  /* A new author is a new row. */
  add_document (fixture, "Tidal Accounts", "Ilse Brandt", "1961");
  drain_main_context ();
  g_assert_cmpuint (scholia_matrix_view_get_n_rows (fixture->view), ==, 5);
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 0), ==, "Ilse Brandt");
}

static void
test_split_by_tag (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *cell, *tags;
  const char *tooltip;

  scholia_matrix_view_set_split_by_tag (fixture->view, TRUE);
  drain_main_context ();

  cell = find_cell (fixture, "Helena Marwick: 2 passages on “Silt”");
  tags = gtk_widget_get_last_child (gtk_button_get_child (GTK_BUTTON (cell)));
  g_assert_true (gtk_widget_get_visible (tags));
  /* One small coloured number per tag: a thesis and a piece of evidence. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (tags))), ==, "1");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_last_child (tags))), ==, "1");
  g_assert_true (gtk_widget_get_first_child (tags) != gtk_widget_get_last_child (tags));
  tooltip = gtk_widget_get_tooltip_text (cell);
  g_assert_nonnull (strstr (tooltip, "thesis: 1"));
  g_assert_nonnull (strstr (tooltip, "evidence: 1"));

  scholia_matrix_view_set_split_by_tag (fixture->view, FALSE);
  drain_main_context ();
  cell = find_cell (fixture, "Helena Marwick: 2 passages on “Silt”");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_last_child (gtk_button_get_child (GTK_BUTTON (cell)))));
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: skipping the matrix view tests\n");
      return 77;
    }

  test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/matrix-view/every-author-is-a-row-and-silence-shows", test_every_author_with_silences);
  ADD ("/matrix-view/theme-columns-sort-by-count", test_sorting);
  ADD ("/matrix-view/clicking-a-cell-emits-author-and-theme", test_click_cell);
  ADD ("/matrix-view/follows-the-store", test_follows_store);
  ADD ("/matrix-view/split-by-tag-shows-each-tag", test_split_by_tag);
#undef ADD

  return g_test_run ();
}
