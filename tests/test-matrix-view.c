/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bench/bench-ui.h"
#include "scholia-matrix-cell.h"
#include "scholia-matrix-grid.h"
#include "scholia-matrix-row.h"
#include "scholia-matrix-view.h"
#include "scholia-matrix.h"
#include "test-files.h"
#include "test-keys.h"
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

  /* The grid binds its cells when it lays them out. */
  bench_wait_for_paint (GTK_WIDGET (fixture->window));
  collect_buttons (GTK_WIDGET (fixture->view), buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *text = scholia_matrix_cell_get_tooltip (g_ptr_array_index (buttons, i));

      if (text != NULL && g_str_has_prefix (text, tooltip))
        return g_ptr_array_index (buttons, i);
    }
  g_error ("No cell “%s”", tooltip);
  return NULL;
}

/* A cell is its count alone, or the count beside a box of tag numbers. */
static const char *
cell_label (GtkWidget *cell)
{
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (cell));

  return gtk_label_get_label (GTK_LABEL (GTK_IS_LABEL (child) ? child : gtk_widget_get_first_child (child)));
}

/* The cell's tag numbers as shown, or NULL when it shows none. */
static GtkWidget *
cell_tags (GtkWidget *cell)
{
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (cell));
  GtkWidget *tags = GTK_IS_LABEL (child) ? NULL : gtk_widget_get_last_child (child);

  return tags != NULL && gtk_widget_get_visible (tags) ? tags : NULL;
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
  tags = cell_tags (cell);
  g_assert_nonnull (tags);
  /* One small coloured number per tag: a thesis and a piece of evidence. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (tags))), ==, "1");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_last_child (tags))), ==, "1");
  g_assert_true (gtk_widget_get_first_child (tags) != gtk_widget_get_last_child (tags));
  tooltip = scholia_matrix_cell_get_tooltip (cell);
  g_assert_nonnull (strstr (tooltip, "thesis: 1"));
  g_assert_nonnull (strstr (tooltip, "evidence: 1"));

  scholia_matrix_view_set_split_by_tag (fixture->view, FALSE);
  drain_main_context ();
  cell = find_cell (fixture, "Helena Marwick: 2 passages on “Silt”");
  g_assert_null (cell_tags (cell));
}

static ScholiaMatrixGrid *
fixture_grid (Fixture *fixture)
{
  return SCHOLIA_MATRIX_GRID (find_descendant (GTK_WIDGET (fixture->view), SCHOLIA_TYPE_MATRIX_GRID));
}

/* The column title a user reads, found by what its tooltip offers. */
static GtkWidget *
find_header (Fixture    *fixture,
             const char *tooltip)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  bench_wait_for_paint (GTK_WIDGET (fixture->window));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture_grid (fixture)));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "matrix-column-header") && gtk_widget_get_child_visible (child) &&
        g_strcmp0 (scholia_matrix_cell_get_tooltip (child), tooltip) == 0)
      return child;
  g_error ("No column title “%s”", tooltip);
  return NULL;
}

/* A row reads its counts from the matrix it was made from, which it keeps: a row still held
 * after the matrix was let go (a rebuild) says what a new count of the library says. */
static void
test_rows_keep_their_matrix (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaMatrix *matrix = scholia_matrix_new (fixture->store, FALSE, &error);
  g_autoptr(ScholiaMatrix) fresh = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_authors, n_themes;

  g_assert_no_error (error);
  n_authors = scholia_matrix_get_n_authors (matrix);
  n_themes = scholia_matrix_get_n_themes (matrix);
  for (guint row = 0; row < n_authors; row++)
    g_ptr_array_add (rows, scholia_matrix_row_new (matrix, row, NULL));
  scholia_matrix_free (matrix);

  fresh = scholia_matrix_new (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  for (guint row = 0; row < n_authors; row++)
    {
      ScholiaMatrixRow *item = g_ptr_array_index (rows, row);

      g_assert_cmpstr (scholia_matrix_row_get_author (item), ==, scholia_matrix_get_author (fresh, row));
      for (guint column = 0; column < n_themes; column++)
        g_assert_cmpuint (scholia_matrix_row_get_count (item, column), ==, scholia_matrix_get_count (fresh, row, column, 0));
      g_assert_cmpuint (scholia_matrix_row_get_count (item, n_themes), ==, 0);
    }
  /* By the railway's column (the second), Marwick's one passage sorts before Lindqvist's two. */
  g_assert_cmpstr (scholia_matrix_row_get_author (g_ptr_array_index (rows, 0)), ==, "Tomasz Lindqvist");
  g_assert_cmpstr (scholia_matrix_row_get_author (g_ptr_array_index (rows, 1)), ==, "Helena Marwick");
  g_assert_cmpint (scholia_matrix_row_compare_counts (g_ptr_array_index (rows, 1), g_ptr_array_index (rows, 0),
                                                      GUINT_TO_POINTER (1)), ==, GTK_ORDERING_SMALLER);
}

/* The titles' widths are kept across rebuilds while the names are: a renamed theme's column is
 * measured again, and the cells bound again to the counts they showed still show them. */
static void
test_renamed_title_is_measured_again (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int width = gtk_widget_get_width (find_header (fixture, "Sort by “Railway”"));
  int renamed_width;

  scholia_store_update_label (fixture->store, SCHOLIA_LABEL (fixture->railway), "Railway Tariffs and the Harbour",
                              NULL, NULL, &error);
  g_assert_no_error (error);
  /* A passage added elsewhere rebuilds the matrix. */
  annotate (fixture, fixture->okafor, "The dues rose", fixture->thesis, fixture->railway);
  drain_main_context ();
  renamed_width = gtk_widget_get_width (find_header (fixture, "Sort by “Railway Tariffs and the Harbour”"));
  g_assert_cmpint (renamed_width, >, width);
  g_assert_cmpstr (cell_label (find_cell (fixture, "Helena Marwick: 2 passages on “Silt”")), ==, "2");

  scholia_store_update_label (fixture->store, SCHOLIA_LABEL (fixture->railway), "Railway", NULL, NULL, &error);
  g_assert_no_error (error);
  annotate (fixture, fixture->okafor, "The river silted", fixture->thesis, fixture->silt);
  drain_main_context ();
  g_assert_cmpint (gtk_widget_get_width (find_header (fixture, "Sort by “Railway”")), ==, width);
  g_assert_cmpstr (cell_label (find_cell (fixture, "Helena Marwick: 2 passages on “Silt”")), ==, "2");
  g_assert_cmpstr (cell_label (find_cell (fixture, "Tomasz Lindqvist: 2 passages on “Railway”")), ==, "2");
}

/* A theme renamed while the matrix shows it: its column's title says the new name, with
 * nothing else changed in the library, and its column is as wide as the name needs. */
static void
test_renamed_theme_retitles_its_column (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *header;
  int width = gtk_widget_get_width (find_header (fixture, "Sort by “Railway”"));

  g_assert_true (scholia_store_update_label (fixture->store, SCHOLIA_LABEL (fixture->railway),
                                             "Railway Tariffs and the Harbour", NULL, NULL, &error));
  g_assert_no_error (error);
  drain_main_context ();
  header = find_header (fixture, "Sort by “Railway Tariffs and the Harbour”");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (gtk_button_get_child (GTK_BUTTON (header))))),
                   ==, "Railway Tariffs and the Harbour");
  g_assert_cmpint (gtk_widget_get_width (header), >, width);
  g_assert_cmpstr (cell_label (find_cell (fixture, "Tomasz Lindqvist: 2 passages on “Railway Tariffs and the Harbour”")),
                   ==, "2");
}

static void
test_sorting_by_header (Fixture       *fixture,
                        gconstpointer  data)
{
  /* A theme's title: the most passages first, then the other way round. */
  g_signal_emit_by_name (find_header (fixture, "Sort by “Railway”"), "clicked");
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 0), ==, "Tomasz Lindqvist");
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 1), ==, "Helena Marwick");
  g_assert_cmpstr (cell_label (find_cell (fixture, "Tomasz Lindqvist: 2 passages on “Railway”")), ==, "2");
  g_assert_nonnull (scholia_matrix_grid_get_cell (fixture_grid (fixture), 0, 1));
  g_assert_cmpstr (scholia_matrix_cell_get_tooltip (scholia_matrix_grid_get_cell (fixture_grid (fixture), 0, 1)), ==,
                   "Tomasz Lindqvist: 2 passages on “Railway”");
  /* Given when GTK asks for it, as the pointer rests on the cell. */
  g_assert_true (gtk_widget_get_has_tooltip (scholia_matrix_grid_get_cell (fixture_grid (fixture), 0, 1)));

  g_signal_emit_by_name (find_header (fixture, "Sort by “Railway”"), "clicked");
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 0), ==, "Adaeze Okafor");
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 3), ==, "Tomasz Lindqvist");

  /* The authors' title: by surname again. */
  g_signal_emit_by_name (find_header (fixture, "Sort by “Author”"), "clicked");
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 0), ==, "Tomasz Lindqvist");
  g_assert_cmpstr (scholia_matrix_view_get_row_author (fixture->view, 3), ==, "");
}

/* A library wider and longer than the window: 40 authors × 24 themes in 500 × 400 pixels. */
#define WIDE_AUTHORS 40
#define WIDE_THEMES  24

static void
wide_setup (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) themes = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-matrix-grid-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < WIDE_THEMES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Theme %02u", i);

      g_ptr_array_add (themes, scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, name, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  /* Every author writes on the first theme, and on a few others that differ by author. */
  for (guint i = 0; i < WIDE_AUTHORS; i++)
    {
      g_autofree char *author = g_strdup_printf ("Author %02u Quill", i);
      ScholiaDocument *document = add_document (fixture, "An Essay", author, "1900");
      g_autoptr(GArray) theme_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(ScholiaAnnotation) first = NULL, second = NULL;

      for (guint t = 0; t < WIDE_THEMES; t++)
        if (t == 0 || (t * 7 + i) % 5 == 0)
          {
            gint64 id = scholia_label_get_id (g_ptr_array_index (themes, t));

            g_array_append_val (theme_ids, id);
          }
      first = scholia_store_add_annotation (fixture->store, document, 0, 9, NULL, 0,
                                            (gint64 *) theme_ids->data, theme_ids->len, NULL, &error);
      g_assert_no_error (error);
      second = scholia_store_add_annotation (fixture->store, document, 10, 19, NULL, 0,
                                             (gint64 *) theme_ids->data, 1 + i % 2, NULL, &error);
      g_assert_no_error (error);
    }

  fixture->view = SCHOLIA_MATRIX_VIEW (scholia_matrix_view_new ());
  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (fixture->view), fixture->store);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 500, 400);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  bench_wait_for_paint (GTK_WIDGET (fixture->window));
}

/* The count a cell shows, as a number (a silent cell shows a dash: 0). */
static guint
shown_count (GtkWidget *cell)
{
  const char *label = cell_label (cell);

  return g_str_equal (label, "—") ? 0 : (guint) g_ascii_strtoull (label, NULL, 10);
}

static void
test_grid_corners (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaMatrix) matrix = scholia_matrix_new (fixture->store, FALSE, &error);
  ScholiaMatrixGrid *grid = fixture_grid (fixture);
  GtkAdjustment *horizontal = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (grid));
  GtkAdjustment *vertical = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid));
  const guint corners[4][2] = { { 0, 0 }, { 0, WIDE_THEMES - 1 }, { WIDE_AUTHORS - 1, 0 }, { WIDE_AUTHORS - 1, WIDE_THEMES - 1 } };

  g_assert_no_error (error);
  g_assert_cmpuint (scholia_matrix_get_n_authors (matrix), ==, WIDE_AUTHORS);
  g_assert_cmpuint (scholia_matrix_view_get_n_rows (fixture->view), ==, WIDE_AUTHORS);
  for (guint corner = 0; corner < G_N_ELEMENTS (corners); corner++)
    {
      guint shown = 0;

      gtk_adjustment_set_value (horizontal, corners[corner][1] == 0 ? 0 : gtk_adjustment_get_upper (horizontal));
      gtk_adjustment_set_value (vertical, corners[corner][0] == 0 ? 0 : gtk_adjustment_get_upper (vertical));
      bench_wait_for_paint (GTK_WIDGET (fixture->window));
      g_assert_nonnull (scholia_matrix_grid_get_cell (grid, corners[corner][0], corners[corner][1]));

      /* Every cell in sight says what the matrix counted: rows here and there are in the same
       * order (by author), columns in the themes' order. */
      for (guint row = 0; row < WIDE_AUTHORS; row++)
        for (guint column = 0; column < WIDE_THEMES; column++)
          {
            GtkWidget *cell = scholia_matrix_grid_get_cell (grid, row, column);

            if (cell == NULL)
              continue;
            g_assert_cmpstr (scholia_matrix_get_author (matrix, row), ==, scholia_matrix_view_get_row_author (fixture->view, row));
            g_assert_cmpuint (shown_count (cell), ==, scholia_matrix_get_count (matrix, row, column, 0));
            shown++;
          }
      /* Only about a screenful of cells has a widget. */
      g_assert_cmpuint (shown, >, 4);
      g_assert_cmpuint (shown, <, WIDE_AUTHORS * WIDE_THEMES / 4);
    }
}

typedef struct
{
  gpointer grid;
  int      row;
  int      column;
} CursorWait;

static gboolean
cursor_at (CursorWait *wait)
{
  int row, column;

  scholia_matrix_grid_get_cursor (SCHOLIA_MATRIX_GRID (wait->grid), &row, &column);
  return row == wait->row && column == wait->column;
}

static void
press_until_cursor (ScholiaMatrixGrid *grid,
                    const char        *key,
                    int                row,
                    int                column)
{
  CursorWait wait = { grid, row, column };

  test_keys_press (key);
  g_assert_true (test_keys_wait ((gboolean (*) (gpointer)) cursor_at, &wait));
}
static int
cursor_row (ScholiaMatrixGrid *grid)
{
  int row, column;

  scholia_matrix_grid_get_cursor (grid, &row, &column);
  return row;
}

static gboolean
cursor_a_page_up (gpointer grid)
{
  return cursor_row (grid) < WIDE_AUTHORS - 3;
}

static gboolean
is_set (gpointer text)
{
  return *(char **) text != NULL;
}

/* Sorted by "Theme 01", most passages first: not every author writes on it. */
static gboolean
sorted_by_second_theme (gpointer data)
{
  Fixture *fixture = data;
  ScholiaTheme *theme = SCHOLIA_THEME (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_THEME, "Theme 01", NULL));

  return scholia_matrix_view_get_row_count (fixture->view, 0, theme) > 0 &&
         scholia_matrix_view_get_row_count (fixture->view, WIDE_AUTHORS - 1, theme) == 0;
}

/* The cell under the cursor is in sight whole: within the scrolled part, past the titles. */
static void
assert_cursor_in_sight (Fixture *fixture)
{
  ScholiaMatrixGrid *grid = fixture_grid (fixture);
  GtkWidget *cell;
  graphene_rect_t bounds;
  int row, column;

  bench_wait_for_paint (GTK_WIDGET (fixture->window));
  scholia_matrix_grid_get_cursor (grid, &row, &column);
  cell = scholia_matrix_grid_get_cell (grid, row, column);
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_has_css_class (cell, "cursor"));
  g_assert_true (gtk_widget_compute_bounds (cell, GTK_WIDGET (grid), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (grid)));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (grid)));
}

static void
test_grid_keys (Fixture       *fixture,
                gconstpointer  data)
{
  ScholiaMatrixGrid *grid = fixture_grid (fixture);
  GtkAdjustment *horizontal = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (grid));
  GtkAdjustment *vertical = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid));
  g_autofree char *activated = NULL;
  g_autofree char *expected = NULL;

  if (!test_keys_available ())
    return;
  test_keys_focus (fixture->window);
  gtk_widget_grab_focus (GTK_WIDGET (grid));
  g_signal_connect (fixture->view, "cell-activated", G_CALLBACK (on_cell_activated_cb), &activated);

  press_until_cursor (grid, "ctrl+End", WIDE_AUTHORS - 1, WIDE_THEMES - 1);
  assert_cursor_in_sight (fixture);
  g_assert_cmpfloat (gtk_adjustment_get_value (vertical), >, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (horizontal), >, 0);

  press_until_cursor (grid, "Up", WIDE_AUTHORS - 2, WIDE_THEMES - 1);
  press_until_cursor (grid, "Left", WIDE_AUTHORS - 2, WIDE_THEMES - 2);
  press_until_cursor (grid, "Home", WIDE_AUTHORS - 2, 0);
  assert_cursor_in_sight (fixture);
  g_assert_cmpfloat (gtk_adjustment_get_value (horizontal), ==, 0);
  test_keys_press ("Page_Up");
  g_assert_true (test_keys_wait (cursor_a_page_up, grid));
  assert_cursor_in_sight (fixture);

  /* Enter on a cell opens it, as a click does: every author has passages on the first theme. */
  test_keys_press ("Return");
  g_assert_true (test_keys_wait (is_set, &activated));
  expected = g_strdup_printf ("%s/Theme 00", scholia_matrix_view_get_row_author (fixture->view, cursor_row (grid)));
  g_assert_cmpstr (activated, ==, expected);

  /* Up from the first row is the titles' row, where Enter sorts. */
  press_until_cursor (grid, "ctrl+Home", 0, 0);
  press_until_cursor (grid, "Up", -1, 0);
  press_until_cursor (grid, "Right", -1, 1);
  test_keys_press ("Return");
  g_assert_true (test_keys_wait (sorted_by_second_theme, fixture));
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
  ADD ("/matrix-view/a-title-sorts-by-its-column", test_sorting_by_header);
  ADD ("/matrix-view/a-renamed-theme-is-measured-again", test_renamed_title_is_measured_again);
  ADD ("/matrix-view/renamed-theme-retitles-its-column", test_renamed_theme_retitles_its_column);
  ADD ("/matrix-view/rows-keep-the-matrix-they-read", test_rows_keep_their_matrix);
#undef ADD
  g_test_add ("/matrix-view/grid-shows-the-counts-in-each-corner", Fixture, NULL, wide_setup, test_grid_corners,
              fixture_teardown);
  g_test_add ("/matrix-view/keys-move-the-cursor-and-open-a-cell", Fixture, NULL, wide_setup, test_grid_keys,
              fixture_teardown);

  return g_test_run ();
}
