/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Search results read a page at a time (issue 17): a page is the same as that stretch of the
 * whole result, every result can be reached, the order is FTS5's bm25 order, snippets are the
 * text at the offsets given, and the window's list counts every result and reads more as it
 * is scrolled. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "scholia-db.h"
#include "scholia-search-hit.h"
#include "scholia-search-results.h"
#include "test-files.h"
#include "test-ui.h"

#define N_ESSAYS 57
#define N_NOTES 9

typedef struct
{
  char         *dir;
  char         *path;
  ScholiaStore *store;
  guint         n_essays_with_ferry;  /* essays whose text has "ferry" */
} Fixture;

/* Essays of our own invention, each saying "ferry" a different number of times at a different
 * length, so that no two rank alike; every third lacks it. */
static char *
essay_text (guint i)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint s = 0; s < 3 + i % 11; s++)
    g_string_append (text, "The toll keepers of Brandmoor counted carts at the bridge all winter. ");
  for (guint f = 0; f < 1 + i % 7; f++)
    g_string_append (text, i % 3 == 0 ? "Cargo was rowed across at dawn. " : "The ferry crossed twice that day. ");
  g_string_append (text, "Ledgers survive in the parish chest.\n");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-search-paging-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);

  for (guint i = 1; i <= N_ESSAYS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Bridge Accounts %u", i);
      g_autofree char *text = essay_text (i);
      ScholiaDocument *document =
        scholia_store_add_document (fixture->store, title, "Oda Brandvik", "1871", NULL, text, NULL, &error);

      g_assert_no_error (error);
      fixture->n_essays_with_ferry += i % 3 != 0;
      if (i <= N_NOTES)
        {
          g_autoptr(ScholiaAnnotation) annotation =
            scholia_store_add_annotation (fixture->store, document, 4, 8, NULL, 0, NULL, 0,
                                          i % 2 == 0 ? "The ferry again." : "Compare the ferry toll with the bridge toll of the same ferry year.",
                                          &error);

          g_assert_no_error (error);
        }
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  drain_main_context ();
  g_assert_finalize_object (fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static GPtrArray *
search_page (Fixture    *fixture,
             const char *query,
             guint       offset,
             guint       limit,
             guint      *n_found)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = scholia_store_search_page (fixture->store, query, offset, limit,
                                                  SCHOLIA_SEARCH_SNIPPETS_FIRST_MATCH, n_found, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static void
assert_same_result (const ScholiaSearchResult *left,
                    const ScholiaSearchResult *right)
{
  g_assert_cmpint (left->kind, ==, right->kind);
  g_assert_cmpint (left->document_id, ==, right->document_id);
  g_assert_cmpint (left->annotation_id, ==, right->annotation_id);
  g_assert_cmpint (left->offset, ==, right->offset);
  g_assert_cmpfloat (left->rank, ==, right->rank);
  g_assert_cmpstr (left->snippet, ==, right->snippet);
}

static const char *const queries[] = { "ferry", "ferry toll", "\"the ferry\"", "ferr*", "bridge" };

static void
test_first_page_is_the_start_of_the_whole (Fixture       *fixture,
                                           gconstpointer  data)
{
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      guint n_found = 0;
      g_autoptr(GPtrArray) whole = search_page (fixture, queries[q], 0, G_MAXUINT, &n_found);
      static const guint sizes[] = { 1, 7, 20 };

      g_assert_cmpuint (whole->len, >, 20);
      g_assert_cmpuint (n_found, ==, whole->len);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autoptr(GPtrArray) page = search_page (fixture, queries[q], 0, sizes[s], &n_found);

          g_assert_cmpuint (page->len, ==, sizes[s]);
          g_assert_cmpuint (n_found, ==, whole->len);
          for (guint i = 0; i < page->len; i++)
            assert_same_result (g_ptr_array_index (page, i), g_ptr_array_index (whole, i));
        }
    }
}

static void
test_every_result_reachable (Fixture       *fixture,
                             gconstpointer  data)
{
  guint n_found = 0;
  g_autoptr(GPtrArray) whole = search_page (fixture, "ferry", 0, G_MAXUINT, &n_found);
  guint offset = 0;

  /* Every essay with the word, and every note (each has it). */
  g_assert_cmpuint (n_found, ==, fixture->n_essays_with_ferry + N_NOTES);
  for (;;)
    {
      guint page_found = 0;
      g_autoptr(GPtrArray) page = search_page (fixture, "ferry", offset, 7, &page_found);

      g_assert_cmpuint (page_found, ==, n_found);
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        assert_same_result (g_ptr_array_index (page, i), g_ptr_array_index (whole, offset + i));
      offset += page->len;
    }
  g_assert_cmpuint (offset, ==, n_found);
}

/* The order is the one FTS5's own ranking gives, read on a connection of its own, and the rank
 * of each result its bm25 score. */
static void
test_order_is_bm25 (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) whole = search_page (fixture, "ferry", 0, G_MAXUINT, NULL);
  ScholiaDb *db = scholia_db_open (fixture->path, SCHOLIA_DB_READ_ONLY, &error);
  ScholiaDbStatement *stmt;
  guint text = 0;

  g_assert_no_error (error);
  stmt = scholia_db_get_statement (db, "SELECT rowid, rank FROM documents_fts WHERE documents_fts MATCH 'ferry'"
                                       " AND rank MATCH 'bm25(10.0, 1.0)' ORDER BY rank, rowid", &error);
  g_assert_no_error (error);
  while (scholia_db_statement_step (stmt, &error) == SCHOLIA_DB_STEP_ROW)
    {
      const ScholiaSearchResult *result = NULL;

      while (text < whole->len && (result = g_ptr_array_index (whole, text))->kind != SCHOLIA_SEARCH_TEXT)
        text++;
      g_assert_cmpuint (text, <, whole->len);
      g_assert_cmpint (result->document_id, ==, scholia_db_statement_column_int64 (stmt, 0));
      g_assert_cmpfloat_with_epsilon (result->rank, scholia_db_statement_column_double (stmt, 1), 1e-9);
      text++;
    }
  g_assert_no_error (error);
  scholia_db_statement_reset (stmt);
  scholia_db_close (db);

  /* Results go from best (lowest) to worst. */
  for (guint i = 1; i < whole->len; i++)
    g_assert_cmpfloat (((ScholiaSearchResult *) g_ptr_array_index (whole, i - 1))->rank, <=,
                       ((ScholiaSearchResult *) g_ptr_array_index (whole, i))->rank);
}

/* Each text result's snippet shows, at its first match, the essay's text at the result's
 * offset; a prefix query's page (read in one pass) as much as a word's. */
static void
test_snippets_match_text_at_offsets (Fixture       *fixture,
                                     gconstpointer  data)
{
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GPtrArray) page = search_page (fixture, queries[q], 3, 20, NULL);
      guint n_texts = 0;

      for (guint i = 0; i < page->len; i++)
        {
          const ScholiaSearchResult *result = g_ptr_array_index (page, i);
          g_autoptr(GError) error = NULL;
          ScholiaDocument *document = scholia_store_lookup_document (fixture->store, result->document_id);
          g_autofree char *text = NULL;
          const ScholiaSearchRange *match;
          g_autofree char *in_snippet = NULL;
          g_autofree char *in_text = NULL;

          if (result->kind != SCHOLIA_SEARCH_TEXT || result->offset < 0)
            continue;
          n_texts++;
          text = scholia_store_load_text (fixture->store, document, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (result->matches->len, >, 0);
          match = &g_array_index (result->matches, ScholiaSearchRange, 0);
          in_snippet = g_utf8_substring (result->snippet, match->start, match->end);
          in_text = g_utf8_substring (text, result->offset, result->offset + match->end - match->start);
          g_assert_cmpstr (in_snippet, ==, in_text);
          g_assert_cmpuint (strlen (in_text), >, 0);
        }
      g_assert_cmpuint (n_texts, >, 0);
    }
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_get_visible (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  guint *n_frames = user_data;

  (*n_frames)++;
  return G_SOURCE_CONTINUE;
}

/* The window's list shows how many results there are, holds the first page, and reads the
 * next as it is scrolled to its end, until every result is in it. */
static void
test_window_counts_and_loads_on_scroll (Fixture       *fixture,
                                        gconstpointer  data)
{
  ScholiaSearchResults *results = SCHOLIA_SEARCH_RESULTS (scholia_search_results_new ());
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GListModel *hits = scholia_search_results_get_results (results);
  GtkListView *list_view = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (results),
                                                                         SCHOLIA_TYPE_SEARCH_RESULTS,
                                                                         "list_view"));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  guint n_found = fixture->n_essays_with_ferry + N_NOTES;
  g_autofree char *counted = g_strdup_printf ("%u results", n_found);
  guint n_shown, n_scrolls = 0, n_frames = 0, tick;

  scholia_search_results_set_store (results, fixture->store);
  gtk_window_set_default_size (window, 300, 400);
  gtk_window_set_child (window, GTK_WIDGET (results));
  gtk_window_present (window);
  scholia_search_results_set_query (results, "ferry");
  drain_main_context ();

  g_assert_cmpuint (scholia_search_results_get_n_found (results), ==, n_found);
  g_assert_nonnull (find_label (GTK_WIDGET (results), counted));
  n_shown = g_list_model_get_n_items (hits);
  g_assert_cmpuint (n_shown, >=, 20);
  g_assert_cmpuint (n_shown, <, n_found);

  /* Scrolled to the end, page by page. A page read is laid out on a later frame, and only then
   * does the adjustment reach further: wait for the items or a few frames, not for an idle
   * main context, which can come before the frame. */
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (list_view), count_frame_cb, &n_frames, NULL);
  while (g_list_model_get_n_items (hits) < n_found && n_scrolls++ < 20)
    {
      guint first_frame = n_frames;

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      while (g_list_model_get_n_items (hits) == n_shown && n_frames < first_frame + 3)
        g_main_context_iteration (NULL, TRUE);
      drain_main_context ();
      g_assert_cmpuint (g_list_model_get_n_items (hits), >=, n_shown);
      n_shown = g_list_model_get_n_items (hits);
    }
  gtk_widget_remove_tick_callback (GTK_WIDGET (list_view), tick);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, n_found);
  g_assert_false (scholia_search_results_load_more (results));

  /* In the store's order, the first page first. */
  {
    g_autoptr(GPtrArray) whole = search_page (fixture, "ferry", 0, G_MAXUINT, NULL);

    for (guint i = 0; i < whole->len; i++)
      {
        g_autoptr(ScholiaSearchHit) hit = g_list_model_get_item (hits, i);
        const ScholiaSearchResult *result = g_ptr_array_index (whole, i);

        g_assert_cmpint (scholia_document_get_id (scholia_search_hit_get_document (hit)), ==, result->document_id);
        g_assert_cmpint (scholia_search_hit_get_kind (hit), ==, result->kind);
      }
  }

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/search-paging/store/first-page-is-the-start-of-the-whole", test_first_page_is_the_start_of_the_whole);
  ADD ("/search-paging/store/every-result-reachable", test_every_result_reachable);
  ADD ("/search-paging/store/order-is-bm25", test_order_is_bm25);
  ADD ("/search-paging/store/snippets-match-text-at-offsets", test_snippets_match_text_at_offsets);
  ADD ("/search-paging/window/counts-and-loads-on-scroll", test_window_counts_and_loads_on_scroll);

#undef ADD

  return g_test_run ();
}
