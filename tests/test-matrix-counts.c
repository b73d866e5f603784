/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The passages per author and theme that the library keeps (schema 15, issue 17) against the
 * annotations themselves: after every kind of write (annotating, deleting, changing themes
 * and authors, orphaning, deleting essays, undo and redo, merging themes, a seminar merge, an
 * import batch), the kept counts equal a GROUP BY over the rows, and the matrix a user sees
 * equals the one counted from every passage, as it was before the counts were kept. Every
 * trigger of the table is needed: without any one of them, the counts go wrong. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-editor.h"
#include "scholia-matrix.h"
#include "scholia-names.h"
#include "scholia-schema.h"
#include "scholia-seminar-store.h"
#include "scholia-store-private.h"
#include "scholia-theme-counts.h"
#include "seminar-records.h"
#include "test-files.h"

#define N_AUTHORS 7
#define N_THEMES 6
#define N_ESSAYS 18
#define N_PER_ESSAY 14
#define OWNER "e0000000-0000-4000-8000-0000000000a1"

static const char *theme_names[N_THEMES] = { "Harbours", "Tithes", "Floods", "Guilds", "Pilgrims", "Ledgers" };

/* Invented for these tests. */
static const char essay_text[] =
  "The salt clerks of Varnholm wrote each cart into a ledger bound in sealskin, and the ledger "
  "went upriver every autumn to be read aloud in the guild hall. When the river flooded in the "
  "ninth year the ledgers were carried to the bell tower, where the sexton dried them page by "
  "page over a brazier and kept, for his trouble, a tithe of the candles. Pilgrims who came for "
  "the relics of the harbour chapel paid their toll in salt, and the clerks counted those carts "
  "twice, once at the gate and once at the quay, so that no two tallies ever agreed.";

/* Whether the kept counts are the GROUP BY of the rows; when not, says how on stderr. */
static char *
describe (ScholiaStore *store,
          const char   *sql)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  ScholiaDbStatement *stmt = scholia_db_get_statement (store->db, sql, &error);
  ScholiaDbStep rc;

  g_assert_no_error (error);
  while ((rc = scholia_db_statement_step (stmt, &error)) == SCHOLIA_DB_STEP_ROW)
    g_string_append_printf (text, "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT " ",
                            scholia_db_statement_column_int64 (stmt, 0), scholia_db_statement_column_int64 (stmt, 1),
                            scholia_db_statement_column_int64 (stmt, 2));
  scholia_db_statement_reset (stmt);
  g_assert_cmpint (rc, ==, SCHOLIA_DB_STEP_DONE);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The kept counts as describe() gives them: each author's list in its order (every entry, so
 * that a count of 0 left in a list shows), or version 15's rows in a library read at an older
 * version. */
static char *
describe_kept (ScholiaStore *store)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  if (scholia_store_get_schema_version (store) < SCHOLIA_SCHEMA_AUTHOR_COUNTS)
    return describe (store, "SELECT author_id, theme_id, count FROM author_theme_counts WHERE count != 0 ORDER BY 1, 2");
  stmt = scholia_db_get_statement (store->db, "SELECT author_id, themes FROM author_counts ORDER BY 1", &error);
  g_assert_no_error (error);
  while ((rc = scholia_db_statement_step (stmt, &error)) == SCHOLIA_DB_STEP_ROW)
    {
      ScholiaThemeCountsIter iter;
      gint64 theme_id, count;
      gsize size;
      gconstpointer counts = scholia_db_statement_column_blob (stmt, 1, &size);

      scholia_theme_counts_iter_init (&iter, counts, size);
      while (scholia_theme_counts_iter_next (&iter, &theme_id, &count))
        g_string_append_printf (text, "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT " ",
                                scholia_db_statement_column_int64 (stmt, 0), theme_id, count);
      g_assert_true (scholia_theme_counts_iter_is_whole (&iter));
    }
  scholia_db_statement_reset (stmt);
  g_assert_cmpint (rc, ==, SCHOLIA_DB_STEP_DONE);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
kept_counts_are_right (ScholiaStore *store)
{
  g_autofree char *kept = describe_kept (store);
  g_autofree char *counted = describe (store, "SELECT coalesce(d.author_id, 0), th.theme_id, count(*)"
                                              " FROM annotations a JOIN annotation_themes th ON th.annotation_id = a.id"
                                              " JOIN documents d ON d.id = a.document_id WHERE a.orphaned = 0"
                                              " GROUP BY 1, 2 ORDER BY 1, 2");

  if (g_strcmp0 (kept, counted) == 0)
    return TRUE;
  g_test_message ("kept:    %s\ncounted: %s", kept, counted);
  return FALSE;
}

static void
add_to_total (const ScholiaAuthorThemeCount *count,
              gpointer                       user_data)
{
  *(guint *) user_data += count->count;
}

/* Every passage the kept counts hold, as the matrix reads them. */
static guint
kept_total (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  guint total = 0;

  g_assert_true (scholia_store_foreach_author_theme_count (store, add_to_total, &total, &error));
  g_assert_no_error (error);
  return total;
}

/* The matrix the user sees, against the one counted from every passage of the library, as the
 * matrix was built before the counts were kept: same rows, same columns, same numbers. */
static void
assert_matrix_as_counted (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaMatrix) matrix = scholia_matrix_new (store, FALSE, &error);
  g_autoptr(ScholiaMatrix) split = NULL;
  g_autoptr(GArray) counts = scholia_store_count_theme_passages (store, FALSE, &error);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) authors = scholia_store_list_authors (store, &error);
  GListModel *themes = scholia_store_get_labels (store, SCHOLIA_TYPE_THEME);
  GListModel *documents = scholia_store_get_documents (store);
  guint n_rows = g_strv_length (authors);
  guint total = 0;
  guint shown = 0;

  g_assert_no_error (error);
  g_assert_nonnull (matrix);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

      if (*scholia_document_get_author (document) == '\0')
        {
          n_rows++;
          break;
        }
    }
  for (guint i = 0; i < counts->len; i++)
    {
      const ScholiaPassageCount *count = &g_array_index (counts, ScholiaPassageCount, i);
      ScholiaDocument *document = scholia_store_lookup_document (store, count->document_id);
      g_autofree char *key = g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT, scholia_document_get_author (document),
                                              count->theme_id);
      guint before = GPOINTER_TO_UINT (g_hash_table_lookup (expected, key));

      g_hash_table_replace (expected, g_steal_pointer (&key), GUINT_TO_POINTER (before + count->count));
      total += count->count;
    }

  g_assert_cmpuint (scholia_matrix_get_n_authors (matrix), ==, n_rows);
  g_assert_cmpuint (scholia_matrix_get_n_themes (matrix), ==, g_list_model_get_n_items (themes));
  split = scholia_matrix_new (store, TRUE, &error);
  g_assert_no_error (error);
  for (guint row = 0; row < scholia_matrix_get_n_authors (matrix); row++)
    for (guint column = 0; column < scholia_matrix_get_n_themes (matrix); column++)
      {
        g_autoptr(ScholiaTheme) theme = g_list_model_get_item (themes, column);
        g_autofree char *key = g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT, scholia_matrix_get_author (matrix, row),
                                                scholia_label_get_id (SCHOLIA_LABEL (theme)));
        guint count = scholia_matrix_get_count (matrix, row, column, 0);

        g_assert_true (scholia_matrix_get_theme (matrix, column) == theme);
        g_assert_cmpuint (count, ==, GPOINTER_TO_UINT (g_hash_table_lookup (expected, key)));
        g_assert_cmpuint (scholia_matrix_get_count (split, row, column, 0), ==, count);
        shown += count;
      }
  /* No passage is left out of the rows shown. */
  g_assert_cmpuint (shown, ==, total);

  /* Each row's collation key, made once for the sort and the view's rows, is its sort key's,
   * and the rows are in its order (those without an author last). */
  for (guint row = 0; row < scholia_matrix_get_n_authors (matrix); row++)
    {
      g_autofree char *collate_key = scholia_names_collate_key (scholia_matrix_get_author_sort_key (matrix, row));

      g_assert_cmpstr (scholia_matrix_get_author_collate_key (matrix, row), ==, collate_key);
      if (row > 0 && *scholia_matrix_get_author (matrix, row) != '\0')
        g_assert_cmpint (strcmp (scholia_matrix_get_author_collate_key (matrix, row - 1), collate_key), <=, 0);
    }
}

static void
assert_counts (ScholiaStore *store)
{
  g_assert_true (kept_counts_are_right (store));
  assert_matrix_as_counted (store);
}

static gint64
theme_id (ScholiaStore *store,
          guint         index)
{
  g_autoptr(ScholiaTheme) theme = g_list_model_get_item (scholia_store_get_labels (store, SCHOLIA_TYPE_THEME), index);

  return scholia_label_get_id (SCHOLIA_LABEL (theme));
}

/* A library made at random from a fixed seed: essays by N_AUTHORS authors and some by none,
 * annotations on up to two themes each, with a tag or not. */
static void
generate_library (ScholiaStore *store,
                  GRand        *rand)
{
  g_autoptr(GError) error = NULL;
  glong length = g_utf8_strlen (essay_text, -1);

  for (guint i = 0; i < N_THEMES; i++)
    {
      scholia_store_add_label (store, SCHOLIA_TYPE_THEME, theme_names[i], NULL, NULL, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_ESSAYS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Tallies of Varnholm, part %u", i + 1);
      g_autofree char *author = i % 5 == 4 ? g_strdup ("") : g_strdup_printf ("Oda Brenner %c", 'A' + i % N_AUTHORS);
      ScholiaDocument *document = scholia_store_add_document (store, title, author, "1911", "", essay_text, NULL,
                                                              &error);

      g_assert_no_error (error);
      for (guint j = 0; j < N_PER_ESSAY; j++)
        {
          int start = g_rand_int_range (rand, 0, length - 40);
          gint64 themes[2] = { theme_id (store, g_rand_int_range (rand, 0, N_THEMES)),
                               theme_id (store, g_rand_int_range (rand, 0, N_THEMES)) };
          guint n_themes = g_rand_int_range (rand, 0, 3);
          gint64 tag = g_rand_int_range (rand, 1, 5);
          g_autoptr(ScholiaAnnotation) annotation = NULL;

          if (n_themes == 2 && themes[0] == themes[1])
            n_themes = 1;
          annotation = scholia_store_add_annotation (store, document, start, start + g_rand_int_range (rand, 3, 40),
                                                     &tag, g_rand_boolean (rand) ? 1 : 0, themes, n_themes, NULL,
                                                     &error);
          g_assert_no_error (error);
        }
    }
}

static ScholiaAnnotation *
annotation_at (ScholiaStore *store,
               guint         essay,
               guint         index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaDocument) document = g_list_model_get_item (scholia_store_get_documents (store), essay);
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (store, document, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (index, <, g_list_model_get_n_items (annotations));
  return g_list_model_get_item (annotations, index);
}

static ScholiaDocument *
essay_at (ScholiaStore *store,
          guint         index)
{
  g_autoptr(ScholiaDocument) document = g_list_model_get_item (scholia_store_get_documents (store), index);

  return document;
}

/* Every kind of edit, each followed by @check (which returns whether the counts were right);
 * FALSE when any check failed. */
static gboolean
run_edits (ScholiaStore *store,
           gboolean    (*check) (ScholiaStore *store))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaEditor) editor = scholia_editor_new (store);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1917);
  gboolean right = TRUE;

  generate_library (store, rand);
  right &= check (store);

  /* Deleting annotations, and undoing and redoing that. */
  {
    g_autoptr(ScholiaAnnotation) first = annotation_at (store, 0, 0);
    g_autoptr(ScholiaAnnotation) second = annotation_at (store, 1, 2);

    g_assert_true (scholia_store_delete_annotation (store, first, &error));
    g_assert_no_error (error);
    right &= check (store);
    g_assert_true (scholia_editor_delete_annotation (editor, second, &error));
    g_assert_no_error (error);
    right &= check (store);
    g_assert_true (scholia_editor_undo (editor, &error));
    g_assert_no_error (error);
    right &= check (store);
    g_assert_true (scholia_editor_redo (editor, &error));
    g_assert_no_error (error);
    right &= check (store);
  }

  /* Themes changed: set, added, taken off, undone. */
  {
    g_autoptr(ScholiaAnnotation) annotation = annotation_at (store, 2, 3);
    gint64 themes[] = { theme_id (store, 1), theme_id (store, 4) };
    ScholiaLabel *theme = scholia_store_lookup_label (store, SCHOLIA_TYPE_THEME, theme_id (store, 5));

    g_assert_true (scholia_store_set_annotation_labels (store, annotation, SCHOLIA_TYPE_THEME, themes, 2, &error));
    g_assert_no_error (error);
    right &= check (store);
    g_assert_true (scholia_editor_toggle_label (editor, annotation, theme, &error));
    g_assert_no_error (error);
    right &= check (store);
    g_assert_true (scholia_store_unassign_label (store, annotation, SCHOLIA_LABEL (scholia_store_lookup_label (store, SCHOLIA_TYPE_THEME, themes[0])), &error));
    g_assert_no_error (error);
    right &= check (store);
    g_assert_true (scholia_editor_undo (editor, &error));
    g_assert_no_error (error);
    right &= check (store);
  }

  /* Authors changed: to another, to a new one, to none, merged by a rename, undone. */
  g_assert_true (scholia_store_update_document (store, essay_at (store, 3), NULL, "Oda Brenner A", NULL, NULL, &error));
  g_assert_no_error (error);
  right &= check (store);
  g_assert_true (scholia_store_update_document (store, essay_at (store, 5), NULL, "Ilse Moravec", NULL, NULL, &error));
  g_assert_no_error (error);
  right &= check (store);
  g_assert_true (scholia_editor_update_document (editor, essay_at (store, 6), NULL, "", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  right &= check (store);
  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);
  right &= check (store);
  g_assert_true (scholia_store_rename_author (store, "Oda Brenner B", "Oda Brenner C", &error));
  g_assert_no_error (error);
  right &= check (store);

  /* An annotation unplaced, then placed again. */
  {
    g_autoptr(ScholiaAnnotation) annotation = annotation_at (store, 7, 1);

    g_assert_true (scholia_store_set_annotation_anchor (store, annotation, 0, 5, TRUE, &error));
    g_assert_no_error (error);
    right &= check (store);
    g_assert_true (scholia_store_set_annotation_anchor (store, annotation, 10, 30, FALSE, &error));
    g_assert_no_error (error);
    right &= check (store);
  }

  /* Essays deleted, one with undo and redo. */
  g_assert_true (scholia_store_delete_document (store, essay_at (store, 8), &error));
  g_assert_no_error (error);
  right &= check (store);
  g_assert_true (scholia_editor_delete_document (editor, essay_at (store, 9), &error));
  g_assert_no_error (error);
  right &= check (store);
  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);
  right &= check (store);
  g_assert_true (scholia_editor_redo (editor, &error));
  g_assert_no_error (error);
  right &= check (store);

  /* Themes merged and deleted, with undo. */
  g_assert_true (scholia_editor_merge_labels (editor, scholia_store_lookup_label (store, SCHOLIA_TYPE_THEME, theme_id (store, 0)),
                                              scholia_store_lookup_label (store, SCHOLIA_TYPE_THEME, theme_id (store, 1)),
                                              &error));
  g_assert_no_error (error);
  right &= check (store);
  g_assert_true (scholia_editor_delete_label (editor, scholia_store_lookup_label (store, SCHOLIA_TYPE_THEME, theme_id (store, 2)),
                                              &error));
  g_assert_no_error (error);
  right &= check (store);
  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);
  right &= check (store);

  /* Essays added by an import batch, then annotated. */
  g_assert_true (scholia_store_begin_import_batch (store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("The Quay Books, volume %u", i + 1);

      scholia_store_add_document (store, title, i == 2 ? "" : "Ilse Moravec", "1920", "", essay_text, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (scholia_store_commit_batch (store, &error));
  g_assert_no_error (error);
  right &= check (store);
  {
    guint n = g_list_model_get_n_items (scholia_store_get_documents (store));
    gint64 themes[] = { theme_id (store, 3) };

    for (guint i = n - 3; i < n; i++)
      {
        g_autoptr(ScholiaAnnotation) annotation = scholia_store_add_annotation (store, essay_at (store, i), 20, 60, NULL,
                                                                                0, themes, 1, NULL, &error);

        g_assert_no_error (error);
      }
  }
  right &= check (store);

  /* Annotations imported as W3C and REFI-QDA imports write them, many at once: two themes on
   * one, one unplaced, on essays with an author and without. */
  {
    guint n = g_list_model_get_n_items (scholia_store_get_documents (store));
    gint64 themes[] = { theme_id (store, 0), theme_id (store, 4) };
    ScholiaAnnotationRecord records[] = {
      { .document = essay_at (store, 0), .start = 8, .end = 30, .theme_ids = themes, .n_theme_ids = 2 },
      { .document = essay_at (store, n - 1), .start = 40, .end = 52, .theme_ids = themes + 1, .n_theme_ids = 1 },
      { .document = essay_at (store, 2), .start = 60, .end = 75, .theme_ids = themes, .n_theme_ids = 1 },
      { .document = essay_at (store, 3), .start = 0, .end = 10, .quote = "a quay not in the text", .orphaned = TRUE,
        .theme_ids = themes, .n_theme_ids = 2 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (records); i++)
      if (!records[i].orphaned)
        records[i].quote = g_utf8_substring (essay_text, records[i].start, records[i].end);
    g_assert_true (scholia_store_add_annotations_full (store, records, G_N_ELEMENTS (records), &error));
    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (records); i++)
      if (!records[i].orphaned)
        g_free ((char *) records[i].quote);
  }
  right &= check (store);
  return right;
}

static gboolean
check_all (ScholiaStore *store)
{
  assert_counts (store);
  return TRUE;
}

static void
test_edits (TestLibraryFixture *fixture,
            gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);

  g_assert_no_error (error);
  g_assert_true (run_edits (store, check_all));
}

/* Without any one of the table's triggers, the same edits leave the counts wrong: each is
 * needed, and the edits above reach each. */
static void
test_every_trigger_counts (TestLibraryFixture *fixture,
                           gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) triggers = NULL;

  {
    g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    ScholiaDbStatement *stmt;

    g_assert_no_error (error);
    stmt = scholia_db_get_statement (store->db, "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                                " AND sql LIKE '%author_counts%' ORDER BY name", &error);
    g_assert_no_error (error);
    while (scholia_db_statement_step (stmt, &error) == SCHOLIA_DB_STEP_ROW)
      g_strv_builder_add (builder, scholia_db_statement_column_text (stmt, 0));
    scholia_db_statement_reset (stmt);
    g_assert_no_error (error);
    triggers = g_strv_builder_end (builder);
  }
  g_assert_cmpuint (g_strv_length (triggers), ==, 6);

  for (guint i = 0; triggers[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/without-%u.sqlite3", fixture->dir, i);
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER %s", triggers[i]);
      g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);

      g_assert_no_error (error);
      g_assert_true (scholia_db_exec (store->db, drop, &error));
      g_assert_no_error (error);
      g_test_message ("without %s", triggers[i]);
      g_assert_false (run_edits (store, kept_counts_are_right));
    }
}

/* A seminar's logs merged (with the triggers off) put, move, retheme and delete passages; the
 * counts follow, and hide-until-posted takes the others' passages out of the matrix. */
static void
test_seminar_merge (TestLibraryFixture *fixture,
                    gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);
  g_autoptr(ScholiaSeminar) seminar = NULL;
  const char *uuids[] = { "c0000000-0000-4000-8000-000000000001", "c0000000-0000-4000-8000-000000000002",
                          "c0000000-0000-4000-8000-000000000003" };
  ScholiaDocument *document;
  ScholiaDocument *other;

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      scholia_store_add_label (store, SCHOLIA_TYPE_THEME, theme_names[i], NULL, NULL, &error);
      g_assert_no_error (error);
    }
  document = scholia_store_add_document (store, "The Salt Carts", "Per Lindqvist", "1902", "", essay_text, NULL, &error);
  g_assert_no_error (error);
  other = scholia_store_add_document (store, "The Bell Tower", "", "1903", "", essay_text, NULL, &error);
  g_assert_no_error (error);
  seminar = scholia_store_add_seminar (store, NULL, "Salt and Water", fixture->dir, SCHOLIA_SEMINAR_PARTICIPANT, NULL,
                                       "Reader", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_add_seminar_essay (store, seminar, document, &error));
  g_assert_true (scholia_store_add_seminar_essay (store, seminar, other, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GPtrArray) log = records_new ();
      ScholiaMergeReport report = { 0 };
      gint64 wall = 1000 * (round + 1);

      if (round == 0)
        {
          g_ptr_array_add (log, record_put (OWNER, uuids[0], wall, scholia_document_get_uuid (document), essay_text, 4, 30,
                                            "", "", "Harbours,Tithes"));
          g_ptr_array_add (log, record_put (OWNER, uuids[1], wall + 1, scholia_document_get_uuid (document), essay_text, 40,
                                            70, "", "thesis", "Tithes"));
          g_ptr_array_add (log, record_put (OWNER, uuids[2], wall + 2, scholia_document_get_uuid (other), essay_text, 5, 9,
                                            "", "", "Floods"));
        }
      else if (round == 1)
        {
          /* One moved to the other essay with other themes, one deleted. */
          g_ptr_array_add (log, record_put (OWNER, uuids[0], wall, scholia_document_get_uuid (other), essay_text, 50, 80,
                                            "", "", "Floods"));
          g_ptr_array_add (log, record_delete (OWNER, uuids[1], wall + 1));
        }
      else
        g_ptr_array_add (log, record_put (OWNER, uuids[1], wall, scholia_document_get_uuid (document), essay_text, 40, 70,
                                          "", "", "Harbours"));
      records_number_lines (log);
      g_assert_true (scholia_store_merge_log (store, seminar, OWNER, "Lene Varga", log, &report, &error));
      g_assert_no_error (error);
      scholia_merge_report_clear (&report);
      assert_counts (store);
    }
  g_assert_cmpuint (kept_total (store), ==, 3);

  /* Hidden until I post: the others' passages leave the matrix, the kept counts stay. */
  g_assert_true (scholia_db_exec (store->db, "UPDATE seminars SET options = '{\"hide-until-posted\": 1}'", &error));
  g_assert_no_error (error);
  assert_counts (store);
  {
    g_autoptr(ScholiaMatrix) matrix = scholia_matrix_new (store, FALSE, &error);
    guint shown = 0;

    g_assert_no_error (error);
    for (guint row = 0; row < scholia_matrix_get_n_authors (matrix); row++)
      for (guint column = 0; column < scholia_matrix_get_n_themes (matrix); column++)
        shown += scholia_matrix_get_count (matrix, row, column, 0);
    g_assert_cmpuint (shown, ==, 0);
  }
}

/* A library made by the migrations before @version, as an earlier Scholia made it. */
static ScholiaStore *
open_before (const char  *path,
             int          version,
             GError     **error)
{
  const ScholiaMigration *migrations = scholia_schema_get_migrations (&(guint) { 0 });
  guint n_before = 0;

  while (migrations[n_before].version < version)
    n_before++;
  return _scholia_store_open_with_migrations (path, migrations, n_before, error);
}

/* A library of version 13 gets its counts filled by the upgrade, and read only, counts them
 * without being written. */
static void
test_upgrade (TestLibraryFixture *fixture,
              gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *read_only = g_build_filename (fixture->dir, "read-only.sqlite3", NULL);
  g_autoptr(GBytes) bytes = NULL;
  {
    g_autoptr(ScholiaStore) store = open_before (fixture->library, 14, &error);
    g_autoptr(GRand) rand = g_rand_new_with_seed (1848);

    g_assert_no_error (error);
    generate_library (store, rand);
  }
  g_assert_cmpint (test_sql_int (fixture->library, "PRAGMA user_version"), ==, 13);
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM sqlite_master WHERE name = 'author_theme_counts'"),
                   ==, 0);

  bytes = test_copy_read_only (fixture->library, read_only);
  {
    g_autoptr(ScholiaStore) store = scholia_store_open_read_only (read_only, &error);

    g_assert_no_error (error);
    assert_counts (store);
  }
  g_assert_cmpint (test_sql_int (read_only, "PRAGMA user_version"), ==, 13);

  {
    g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);

    g_assert_no_error (error);
    g_assert_cmpint (test_sql_int (fixture->library, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
    g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM author_counts WHERE length(themes) > 0"), >, 0);
    g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'author_theme_counts%'"),
                     ==, 0);
    assert_counts (store);
  }
}

/* A library of version 18 keeps a row per author and theme (rows of 0 among them, once an
 * essay went or changed author): read only, it is counted from them and left as it was;
 * upgraded, each author's list holds the same counts, and the rows and their triggers are
 * gone. A library marked 18 by its user_version alone, which has lists and no rows, has its
 * lists made again from its annotations. */
static void
test_upgrade_from_rows (TestLibraryFixture *fixture,
                        gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *read_only = g_build_filename (fixture->dir, "read-only.sqlite3", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) after = NULL;
  {
    g_autoptr(ScholiaStore) store = open_before (fixture->library, SCHOLIA_SCHEMA_AUTHOR_COUNTS, &error);
    g_autoptr(GRand) rand = g_rand_new_with_seed (1905);

    g_assert_no_error (error);
    generate_library (store, rand);
    g_assert_true (scholia_store_delete_document (store, essay_at (store, 0), &error));
    g_assert_true (scholia_store_update_document (store, essay_at (store, 1), NULL, "Ilse Moravec", NULL, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (test_sql_int (fixture->library, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_AUTHOR_COUNTS - 1);
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM author_theme_counts WHERE count = 0"), >, 0);

  bytes = test_copy_read_only (fixture->library, read_only);
  {
    g_autoptr(ScholiaStore) store = scholia_store_open_read_only (read_only, &error);

    g_assert_no_error (error);
    assert_counts (store);
  }
  after = test_read_bytes (read_only);
  g_assert_true (g_bytes_equal (bytes, after));

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);

      g_assert_no_error (error);
      g_assert_cmpint (test_sql_int (fixture->library, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
      g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM sqlite_master"
                                                       " WHERE name LIKE 'author_theme_counts%'"), ==, 0);
      assert_counts (store);
      g_clear_object (&store);
      test_sql_exec (fixture->library, "PRAGMA user_version = 18");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add_with_library ("/matrix-counts/kept-through-edits", test_edits);
  test_add_with_library ("/matrix-counts/every-trigger-counts", test_every_trigger_counts);
  test_add_with_library ("/matrix-counts/seminar-merge", test_seminar_merge);
  test_add_with_library ("/matrix-counts/upgrade-and-read-only", test_upgrade);
  test_add_with_library ("/matrix-counts/upgrade-from-rows", test_upgrade_from_rows);

  return g_test_run ();
}
