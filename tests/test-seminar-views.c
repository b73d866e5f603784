/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Seeing a seminar by participant (issue 14): the participant filter reaches the passages, the
 * comparison, the matrix and the handout; and a seminar that hides others' annotations until
 * one has posted shows a participant only their own on an essay until they annotate it, then
 * everyone's, everywhere the store is read, while the leader sees all. */

#include "config.h"

#include <poppler.h>
#include <string.h>

#include "scholia-comparison.h"
#include "scholia-error.h"
#include "scholia-matrix.h"
#include "scholia-pdf-handout.h"
#include "seminar-views.h"
#include "test-files.h"
#include "test-pdf.h"

typedef struct
{
  char         *dir;
  ViewsLibrary  library;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-seminar-views-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  views_library_close (&fixture->library);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static ViewsLibrary *
open_library (Fixture            *fixture,
              ScholiaSeminarRole  role,
              gboolean            hide_until_posted)
{
  g_autofree char *path = g_build_filename (fixture->dir, "library.sqlite3", NULL);

  views_library_open (&fixture->library, path, role, hide_until_posted);
  return &fixture->library;
}

static ScholiaTheme *
trade (ViewsLibrary *library)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *theme = scholia_store_find_label (library->store, SCHOLIA_TYPE_THEME, "Trade", &error);

  g_assert_no_error (error);
  return SCHOLIA_THEME (theme);
}

static ScholiaAnnotationFilter *
filter_for (const gint64 *participants,
            guint         n_participants)
{
  ScholiaAnnotationFilter *filter = scholia_annotation_filter_new ();

  scholia_annotation_filter_set_participant_ids (filter, participants, n_participants);
  return filter;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The notes of the theme's passages the store gives, sorted, joined by "|". */
static char *
passage_notes (ViewsLibrary            *library,
               ScholiaAnnotationFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) passages = scholia_store_list_theme_passages (library->store, trade (library), FALSE, &error);
  g_autoptr(GPtrArray) notes = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < passages->len; i++)
    if (filter == NULL || scholia_annotation_filter_match_passage (filter, g_ptr_array_index (passages, i)))
      g_ptr_array_add (notes, (gpointer) scholia_passage_get_note (g_ptr_array_index (passages, i)));
  g_ptr_array_sort (notes, compare_strings);
  g_ptr_array_add (notes, NULL);
  return g_strjoinv ("|", (char **) notes->pdata);
}

/* The notes of the document's annotations as the store lists them, in text order. */
static char *
document_notes (ViewsLibrary    *library,
                ScholiaDocument *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (library->store, document, &error);
  g_autoptr(GStrvBuilder) notes = g_strv_builder_new ();
  g_auto(GStrv) joined = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      g_strv_builder_add (notes, scholia_annotation_get_note (annotation));
    }
  joined = g_strv_builder_end (notes);
  return g_strjoinv ("|", joined);
}

static void
test_passage_participant (Fixture       *fixture,
                          gconstpointer  data)
{
  ViewsLibrary *library = open_library (fixture, SCHOLIA_SEMINAR_LEADER, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) passages = scholia_store_list_theme_passages (library->store, trade (library), FALSE, &error);
  g_autoptr(ScholiaAnnotationFilter) ana = filter_for (&library->ana, 1);
  g_autoptr(ScholiaAnnotationFilter) bruno = filter_for (&library->bruno, 1);
  g_autofree char *everyone = passage_notes (library, NULL);
  g_autofree char *hers = passage_notes (library, ana);
  g_autofree char *his = passage_notes (library, bruno);

  g_assert_no_error (error);
  g_assert_cmpuint (passages->len, ==, 3);
  for (guint i = 0; i < passages->len; i++)
    {
      ScholiaPassage *passage = g_ptr_array_index (passages, i);
      gboolean by_bruno = g_str_equal (scholia_passage_get_note (passage), "Smugglers' bookkeeping");

      g_assert_cmpint (scholia_passage_get_participant_id (passage), ==, by_bruno ? library->bruno : library->ana);
    }
  g_assert_cmpstr (everyone, ==, "Peat prices|Smugglers' bookkeeping|Two books, two truths");
  g_assert_cmpstr (hers, ==, "Peat prices|Two books, two truths");
  g_assert_cmpstr (his, ==, "Smugglers' bookkeeping");
}

static void
test_comparison_participant (Fixture       *fixture,
                             gconstpointer  data)
{
  ViewsLibrary *library = open_library (fixture, SCHOLIA_SEMINAR_LEADER, FALSE);
  g_autoptr(ScholiaComparison) comparison = scholia_comparison_new (library->store);
  ScholiaAnnotationFilter *filter = scholia_comparison_get_filter (comparison);
  g_auto(GStrv) authors = NULL;
  GListModel *passages;
  gint64 both[2] = { library->ana, library->bruno };

  scholia_comparison_set_theme (comparison, trade (library));
  passages = scholia_comparison_get_passages (comparison);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 3);

  /* The comparison follows its filter's participants as they change. */
  scholia_annotation_filter_set_participant_ids (filter, &library->bruno, 1);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 1);
  {
    g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, 0);

    g_assert_cmpstr (scholia_passage_get_quote (passage), ==, "Tidewater kept two ledgers.");
  }
  /* Only the participant's authors are on offer. */
  authors = scholia_comparison_list_authors (comparison);
  g_assert_cmpstrv (authors, ((const char *[]) { "Maren Holt", NULL }));

  scholia_annotation_filter_set_participant_ids (filter, both, 2);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 3);
  scholia_annotation_filter_set_participant_ids (filter, &library->me, 1);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 0);
}

static guint
trade_count (ScholiaMatrix *matrix,
             const char    *author)
{
  for (guint r = 0; r < scholia_matrix_get_n_authors (matrix); r++)
    if (g_str_equal (scholia_matrix_get_author (matrix, r), author))
      return scholia_matrix_get_count (matrix, r, 0, 0);
  g_assert_not_reached ();
}

static void
test_matrix_participant (Fixture       *fixture,
                         gconstpointer  data)
{
  ViewsLibrary *library = open_library (fixture, SCHOLIA_SEMINAR_LEADER, FALSE);
  g_autoptr(ScholiaAnnotationFilter) ana = filter_for (&library->ana, 1);
  g_autoptr(ScholiaAnnotationFilter) bruno = filter_for (&library->bruno, 1);
  g_autoptr(ScholiaMatrix) all = NULL;
  g_autoptr(ScholiaMatrix) hers = NULL;
  g_autoptr(ScholiaMatrix) his = NULL;
  g_autoptr(GError) error = NULL;

  all = scholia_matrix_new (library->store, TRUE, &error);
  g_assert_no_error (error);
  hers = scholia_matrix_new_filtered (library->store, TRUE, ana, &error);
  g_assert_no_error (error);
  his = scholia_matrix_new_filtered (library->store, FALSE, bruno, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (scholia_matrix_get_n_themes (all), ==, 1);
  g_assert_cmpuint (trade_count (all, "Maren Holt"), ==, 2);
  g_assert_cmpuint (trade_count (all, "Idris Vane"), ==, 1);
  g_assert_cmpuint (trade_count (hers, "Maren Holt"), ==, 1);
  g_assert_cmpuint (trade_count (hers, "Idris Vane"), ==, 1);
  g_assert_cmpuint (trade_count (his, "Maren Holt"), ==, 1);
  g_assert_cmpuint (trade_count (his, "Idris Vane"), ==, 0);
}

/* What poppler reads from every page of the PDF at @path. */
static char *
pdf_text (const char *path)
{
  PopplerDocument *pdf = test_pdf_open (path);
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_object_unref (page);
    }
  g_object_unref (pdf);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_handout_participant (Fixture       *fixture,
                          gconstpointer  data)
{
  ViewsLibrary *library = open_library (fixture, SCHOLIA_SEMINAR_LEADER, FALSE);
  g_autofree char *path = g_build_filename (fixture->dir, "handout.pdf", NULL);
  g_autoptr(ScholiaAnnotationFilter) bruno = filter_for (&library->bruno, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ScholiaPdfOptions options;

  scholia_pdf_options_init (&options);
  options.filter = bruno;
  g_assert_true (scholia_pdf_export_handout (library->store, trade (library), &options, path, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Smugglers"));
  g_assert_nonnull (strstr (text, "By: " VIEWS_BRUNO_NAME));
  g_assert_null (strstr (text, "Peat prices"));
  g_assert_null (strstr (text, "Two books"));
}

/* Others' annotations on an essay are hidden from a participant until they annotate it: in
 * the document's list (held by a view, which follows), the theme's passages, the matrix, the
 * notes search, the replies and the annotation's id; their own show. */
static void
test_hidden_until_posted (Fixture       *fixture,
                          gconstpointer  data)
{
  ViewsLibrary *library = open_library (fixture, SCHOLIA_SEMINAR_PARTICIPANT, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) held = scholia_store_list_annotations (library->store, library->tidewater, &error);
  g_autoptr(ScholiaAnnotation) mine = NULL;
  g_autoptr(ScholiaAnnotation) lookup = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(ScholiaMatrix) matrix = NULL;
  gint64 ana_first = views_annotation_id (library, VIEWS_ANA_FIRST);
  gint64 trade_id = scholia_label_get_id (SCHOLIA_LABEL (trade (library)));
  char *notes;

  g_assert_no_error (error);
  g_assert_true (scholia_store_is_hiding_others (library->store, library->tidewater, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (held), ==, 0);
  g_assert_cmpuint (scholia_document_get_annotation_count (library->tidewater), ==, 0);
  notes = passage_notes (library, NULL);
  g_assert_cmpstr (notes, ==, "");
  g_free (notes);
  matrix = scholia_matrix_new (library->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trade_count (matrix, "Maren Holt"), ==, 0);
  g_clear_pointer (&matrix, scholia_matrix_free);
  replies = scholia_store_list_replies (library->store, VIEWS_ANA_FIRST, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replies->len, ==, 0);
  g_clear_pointer (&replies, g_ptr_array_unref);
  lookup = scholia_store_get_annotation (library->store, ana_first, &error);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_assert_null (lookup);
  g_clear_error (&error);
  found = scholia_store_search (library->store, "note:bookkeeping", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* I post: everyone's show on this essay, in the list a view holds too. */
  mine = scholia_store_add_annotation (library->store, library->tidewater, 50, 59, NULL, 0, &trade_id, 1,
                                       "My first", &error);
  g_assert_no_error (error);
  g_assert_false (scholia_store_is_hiding_others (library->store, library->tidewater, &error));
  g_assert_no_error (error);
  notes = document_notes (library, library->tidewater);
  g_assert_cmpstr (notes, ==, "Two books, two truths|Smugglers' bookkeeping|My first|");
  g_free (notes);
  g_assert_cmpuint (g_list_model_get_n_items (held), ==, 4);
  g_assert_cmpuint (scholia_document_get_annotation_count (library->tidewater), ==, 4);
  notes = passage_notes (library, NULL);
  g_assert_cmpstr (notes, ==, "My first|Smugglers' bookkeeping|Two books, two truths");
  g_free (notes);
  matrix = scholia_matrix_new (library->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trade_count (matrix, "Maren Holt"), ==, 3);
  /* The other essay still hides Ana's. */
  g_assert_cmpuint (trade_count (matrix, "Idris Vane"), ==, 0);
  g_clear_pointer (&matrix, scholia_matrix_free);
  replies = scholia_store_list_replies (library->store, VIEWS_ANA_FIRST, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replies->len, ==, 1);
  lookup = scholia_store_get_annotation (library->store, ana_first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_annotation_get_note (lookup), ==, "Two books, two truths");
  found = scholia_store_search (library->store, "note:bookkeeping", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  /* Taking my only annotation back hides the others' again. */
  g_assert_true (scholia_store_delete_annotation (library->store, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (held), ==, 0);
  g_assert_true (scholia_store_is_hiding_others (library->store, library->tidewater, &error));
}

/* My annotations logged under my participant count as mine, and a library opened again counts
 * only what I see. */
static void
test_hidden_after_reopening (Fixture       *fixture,
                             gconstpointer  data)
{
  ViewsLibrary *library = open_library (fixture, SCHOLIA_SEMINAR_PARTICIPANT, TRUE);
  g_autofree char *path = g_strdup (library->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) mine = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(ScholiaStore) store = NULL;
  ScholiaDocument *tidewater, *almanac;

  mine = scholia_store_add_annotation (library->store, library->almanac, 0, 11, NULL, 0, NULL, 0, "Mine", &error);
  g_assert_no_error (error);
  outbox = scholia_store_take_seminar_outbox (library->store, library->seminar, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_clear_object (&mine);
  views_library_close (library);

  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  tidewater = scholia_store_find_document (store, "The Tidewater Accounts", &error);
  g_assert_no_error (error);
  almanac = scholia_store_find_document (store, "A Winter Almanac", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scholia_document_get_annotation_count (tidewater), ==, 0);
  g_assert_cmpuint (scholia_document_get_annotation_count (almanac), ==, 2);
  g_assert_true (scholia_store_is_hiding_others (store, tidewater, &error));
  g_assert_false (scholia_store_is_hiding_others (store, almanac, &error));
  g_assert_no_error (error);
}

/* What is hidden is read again after another process (scholia-cli beside the window) wrote. */
static void
test_hidden_follows_other_writers (Fixture       *fixture,
                                   gconstpointer  data)
{
  ViewsLibrary *library = open_library (fixture, SCHOLIA_SEMINAR_PARTICIPANT, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) other = scholia_store_open (library->path, &error);
  g_autoptr(ScholiaAnnotation) mine = NULL;
  char *notes;

  g_assert_no_error (error);
  notes = passage_notes (library, NULL);
  g_assert_cmpstr (notes, ==, "");
  g_free (notes);

  mine = scholia_store_add_annotation (other, scholia_store_find_document (other, "A Winter Almanac", NULL), 0, 11,
                                       NULL, 0, NULL, 0, "Mine", &error);
  g_assert_no_error (error);
  notes = passage_notes (library, NULL);
  g_assert_cmpstr (notes, ==, "Peat prices");
  g_free (notes);
}

static void
test_leader_sees_all (Fixture       *fixture,
                      gconstpointer  data)
{
  ViewsLibrary *library = open_library (fixture, SCHOLIA_SEMINAR_LEADER, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = document_notes (library, library->tidewater);
  g_autofree char *passages = passage_notes (library, NULL);
  g_autoptr(GPtrArray) replies = scholia_store_list_replies (library->store, VIEWS_ANA_FIRST, &error);

  g_assert_no_error (error);
  g_assert_false (scholia_store_is_hiding_others (library->store, library->tidewater, &error));
  g_assert_cmpstr (notes, ==, "Two books, two truths|Smugglers' bookkeeping|");
  g_assert_cmpstr (passages, ==, "Peat prices|Smugglers' bookkeeping|Two books, two truths");
  g_assert_cmpuint (replies->len, ==, 1);
  g_assert_cmpuint (scholia_document_get_annotation_count (library->tidewater), ==, 3);
}

static void
test_option_off_shows_all (Fixture       *fixture,
                           gconstpointer  data)
{
  ViewsLibrary *library = open_library (fixture, SCHOLIA_SEMINAR_PARTICIPANT, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = document_notes (library, library->almanac);

  g_assert_false (scholia_store_is_hiding_others (library->store, library->almanac, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (notes, ==, "Peat prices");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/seminar-views/passage-participant", test_passage_participant);
  ADD ("/seminar-views/comparison-participant", test_comparison_participant);
  ADD ("/seminar-views/matrix-participant", test_matrix_participant);
  ADD ("/seminar-views/handout-participant", test_handout_participant);
  ADD ("/seminar-views/hidden-until-posted", test_hidden_until_posted);
  ADD ("/seminar-views/hidden-after-reopening", test_hidden_after_reopening);
  ADD ("/seminar-views/hidden-follows-other-writers", test_hidden_follows_other_writers);
  ADD ("/seminar-views/leader-sees-all", test_leader_sees_all);
  ADD ("/seminar-views/option-off-shows-all", test_option_off_shows_all);
#undef ADD

  return g_test_run ();
}
