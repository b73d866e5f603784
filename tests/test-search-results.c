/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "scholia-search-hit.h"
#include "scholia-search-results.h"
#include "test-files.h"
#include "test-ui.h"

static const char tolls_text[] =
  "The ferry tolls doubled in the winter of 1902.\n\n"
  "Żeleński wrote that the carts & the <barrows> paid twice, a claim nobody checked.\n";

static const char letters_text[] =
  "Letters from the customs house, kept in a biscuit tin until 1950.\n";

typedef struct
{
  char                 *dir;
  ScholiaStore         *store;
  ScholiaDocument      *tolls;
  ScholiaDocument      *letters;
  ScholiaAnnotation    *annotation;
  GtkWindow            *window;
  ScholiaSearchResults *results;
} Fixture;

static int
code_point_of (const char *text,
               const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return (int) g_utf8_pointer_to_offset (text, found);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int start;

  fixture->dir = test_tmp_dir_new ("scholia-search-results-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);

  fixture->tolls = scholia_store_add_document (fixture->store, "Ferry Tolls", "Agnès Ferrand",
                                               "1931", NULL, tolls_text, NULL, &error);
  g_assert_no_error (error);
  fixture->letters = scholia_store_add_document (fixture->store, "Customs Letters",
                                                 "Zeno Whitlock", "1950", NULL, letters_text,
                                                 NULL, &error);
  g_assert_no_error (error);

  start = code_point_of (letters_text, "biscuit tin");
  fixture->annotation = scholia_store_add_annotation (fixture->store, fixture->letters, start,
                                                      start + strlen ("biscuit tin"), NULL, 0,
                                                      NULL, 0, "Compare the quayside inventory.",
                                                      &error);
  g_assert_no_error (error);

  fixture->results = SCHOLIA_SEARCH_RESULTS (scholia_search_results_new ());
  scholia_search_results_set_store (fixture->results, fixture->store);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 300, 500);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->results));
  gtk_window_present (fixture->window);
  drain_main_context ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->annotation);
  g_assert_finalize_object (fixture->store);
  drain_main_context ();

  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static gpointer
template_child (Fixture    *fixture,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->results),
                                                  SCHOLIA_TYPE_SEARCH_RESULTS, name);

  g_assert_nonnull (child);
  return child;
}

static ScholiaSearchHit *
only_hit (Fixture *fixture)
{
  GListModel *hits = scholia_search_results_get_results (fixture->results);
  ScholiaSearchHit *hit;

  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
  hit = g_list_model_get_item (hits, 0);
  g_object_unref (hit);  /* the model keeps it */
  return hit;
}

static void
test_text_without_diacritics (Fixture       *fixture,
                              gconstpointer  data)
{
  ScholiaSearchHit *hit;

  scholia_search_results_set_query (fixture->results, "Zelenski");
  hit = only_hit (fixture);

  g_assert_true (scholia_search_hit_get_document (hit) == fixture->tolls);
  g_assert_cmpint (scholia_search_hit_get_kind (hit), ==, SCHOLIA_SEARCH_TEXT);
  g_assert_cmpint (scholia_search_hit_get_offset (hit), ==, code_point_of (tolls_text, "Żeleński"));
  g_assert_cmpint (scholia_search_hit_get_length (hit), ==, g_utf8_strlen ("Żeleński", -1));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture, "stack")), ==,
                   "results");
}

/* A result says how many places in the essay match, stemmed words included: "the" four times,
 * "double" as "doubled". */
static void
test_matches_counted_per_essay (Fixture       *fixture,
                                gconstpointer  data)
{
  ScholiaSearchHit *hit;

  scholia_search_results_set_query (fixture->results, "carts");
  hit = only_hit (fixture);
  g_assert_cmpuint (scholia_search_hit_get_n_matches (hit), ==, 1);

  scholia_search_results_set_query (fixture->results, "double the");
  hit = only_hit (fixture);
  g_assert_true (scholia_search_hit_get_document (hit) == fixture->tolls);
  g_assert_cmpint (scholia_search_hit_get_offset (hit), ==, 0);
  g_assert_cmpuint (scholia_search_hit_get_n_matches (hit), ==, 5);
}

/* Issue 12: one place of an essay's matches, as the list shows it under the essay: the line
 * around it, cut at spaces, on one line, the match in bold, and the passage it opens. */
static void
test_place_snippet (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char text[] =
    "The tolls rose twice in one winter, and the ferrymen said\n\n  the council betrayed them to the "
    "merchants of the upper town, who never crossed.";
  const char *match = strstr (text, "betrayed");
  g_autoptr(ScholiaSearchHit) place = scholia_search_hit_new_place (fixture->tolls, text, match,
                                                                     match + strlen ("betrayed"),
                                                                     g_utf8_pointer_to_offset (text, match));
  g_autofree char *markup = scholia_search_hit_dup_snippet_markup (place);

  g_assert_true (scholia_search_hit_is_place (place));
  g_assert_cmpstr (scholia_search_hit_get_snippet (place), ==,
                   "…ferrymen said the council betrayed them to the merchants of the upper town, who…");
  g_assert_nonnull (strstr (markup, "council <b>betrayed</b> them"));
  g_assert_cmpint (scholia_search_hit_get_offset (place), ==, g_utf8_pointer_to_offset (text, match));
  g_assert_cmpint (scholia_search_hit_get_length (place), ==, 8);
}

static void
test_note (Fixture       *fixture,
           gconstpointer  data)
{
  ScholiaSearchHit *hit;

  scholia_search_results_set_query (fixture->results, "quayside");
  hit = only_hit (fixture);

  /* A note leads to the passage it annotates. */
  g_assert_true (scholia_search_hit_get_document (hit) == fixture->letters);
  g_assert_cmpint (scholia_search_hit_get_kind (hit), ==, SCHOLIA_SEARCH_NOTE);
  g_assert_cmpint (scholia_search_hit_get_offset (hit), ==,
                   scholia_annotation_get_start (fixture->annotation));
  g_assert_cmpint (scholia_search_hit_get_length (hit), ==, strlen ("biscuit tin"));
}

static void
test_snippet_markup (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (ScholiaSearchRange));
  ScholiaSearchRange range = { 5, 8 };
  ScholiaSearchHit *hit;

  scholia_search_results_set_query (fixture->results, "barrows");
  hit = only_hit (fixture);
  markup = scholia_search_hit_dup_snippet_markup (hit);

  g_assert_nonnull (strstr (markup, "<b>barrows</b>"));
  g_assert_nonnull (strstr (markup, "&amp;"));
  g_assert_nonnull (strstr (markup, "&lt;"));
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &plain, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, scholia_search_hit_get_snippet (hit));

  /* Matches in the middle of markup-like text, and past the end, are still safe. */
  g_clear_pointer (&markup, g_free);
  g_array_append_val (ranges, range);
  range = (ScholiaSearchRange) { 7, 40 };
  g_array_append_val (ranges, range);
  markup = scholia_search_snippet_markup ("a<b>&ébc</b>", ranges);
  g_assert_cmpstr (markup, ==, "a&lt;b&gt;&amp;<b>ébc</b>&lt;/b&gt;");
}

static void
on_result_activated_cb (ScholiaSearchResults  *results,
                        ScholiaDocument       *document,
                        int                    offset,
                        int                    length,
                        int                   *out)
{
  g_assert_cmpint (out[0], ==, -2);
  out[0] = scholia_document_get_id (document);
  out[1] = offset;
  out[2] = length;
}

static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  int activated[3] = { -2, -2, -2 };

  g_signal_connect (fixture->results, "result-activated", G_CALLBACK (on_result_activated_cb),
                    activated);
  scholia_search_results_set_query (fixture->results, "tolls");
  drain_main_context ();

  gtk_widget_activate_action (template_child (fixture, "list_view"), "list.activate-item", "u", 0);
  g_assert_cmpint (activated[0], ==, scholia_document_get_id (fixture->tolls));
  g_assert_cmpint (activated[1], ==, code_point_of (tolls_text, "tolls"));
  g_assert_cmpint (activated[2], ==, 5);
}

static void
test_no_match (Fixture       *fixture,
               gconstpointer  data)
{
  scholia_search_results_set_query (fixture->results, "cartography");

  g_assert_cmpuint (g_list_model_get_n_items (scholia_search_results_get_results (fixture->results)),
                    ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture, "stack")), ==,
                   "empty");
}

static void
test_follows_store (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  scholia_search_results_set_query (fixture->results, "inventory");
  g_assert_cmpuint (g_list_model_get_n_items (scholia_search_results_get_results (fixture->results)),
                    ==, 1);

  /* A new note that matches shows up without searching again by hand. */
  g_assert_true (scholia_store_set_annotation_note (fixture->store, fixture->annotation,
                                                    "No inventory survives.", &error));
  g_assert_no_error (error);
  scholia_store_add_document (fixture->store, "Inventory of the Quay", NULL, NULL, NULL,
                              "An inventory of the quay in 1903.", NULL, &error);
  g_assert_no_error (error);
  drain_main_context ();

  g_assert_cmpuint (g_list_model_get_n_items (scholia_search_results_get_results (fixture->results)),
                    ==, 2);
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

  ADD ("/search-results/text/finds-words-without-their-diacritics", test_text_without_diacritics);
  ADD ("/search-results/text/counts-matches-per-essay", test_matches_counted_per_essay);
  ADD ("/search-results/text/place-shows-its-line", test_place_snippet);
  ADD ("/search-results/note/leads-to-the-annotated-passage", test_note);
  ADD ("/search-results/snippet/bold-matches-in-escaped-markup", test_snippet_markup);
  ADD ("/search-results/activate/emits-document-offset-and-length", test_activate);
  ADD ("/search-results/empty/says-no-matches", test_no_match);
  ADD ("/search-results/store/searches-again-after-changes", test_follows_store);

#undef ADD

  return g_test_run ();
}
