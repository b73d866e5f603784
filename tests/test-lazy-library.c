/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Issue 17, opening a large library: the sidebar files each essay into its author's group once
 * (no filter per author over the whole library), the store lists the essays from an index of
 * their own columns, and a large library is checked page by page after it shows. The rows a
 * reader sees are compared with an eager listing worked out here from the essays alone, after
 * every change. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "scholia-dates.h"
#include "scholia-editor.h"
#include "scholia-error.h"
#include "scholia-library-sidebar.h"
#include "scholia-names.h"
#include "scholia-schema.h"
#include "scholia-store-private.h"
#include "scholia-store-references.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-ui.h"

#define N_ESSAYS 300
#define N_AUTHORS 37

typedef struct
{
  char                  *dir;
  char                  *path;
  ScholiaStore          *store;
  ScholiaEditor         *editor;
  GtkWindow             *window;
  ScholiaLibrarySidebar *sidebar;
} Fixture;

static const char * const surnames[] = {
  "Halvorsen", "Åberg", "Oyelaran", "Brandt", "de Vries", "Kowalczyk", "Ó Ceallaigh",
  "Mbeki", "Lindqvist", "Zaragoza",
};

/* Essays by 37 authors (some filed under the same surname, one in ten without an author), with
 * dates that repeat so that titles decide, and some without a date. */
static void
add_essays (ScholiaStore *store,
            guint         first,
            guint         n)
{
  g_assert_true (scholia_store_begin_batch (store, NULL));
  for (guint i = first; i < first + n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *title = g_strdup_printf ("Tolls on the %s ferry, %u", i % 3 ? "upper" : "lower", (i * 7919) % 1000);
      g_autofree char *author = i % 10 == 9 ? g_strdup ("")
                                : g_strdup_printf ("Ingrid %s %u", surnames[i % G_N_ELEMENTS (surnames)], i % N_AUTHORS);
      g_autofree char *date = i % 11 == 0 ? g_strdup ("") : g_strdup_printf ("%u", 1790 + (i * 13) % 40);

      g_assert_nonnull (scholia_store_add_document (store, title, author, date, NULL,
                                                    "The ferryman kept two ledgers, one for the toll.",
                                                    NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (scholia_store_commit_batch (store, NULL));
}

/* A library of @data essays (N_ESSAYS when NULL) in a sidebar not shown yet. */
static void
fixture_setup_unshown (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-lazy-library-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_essays (fixture->store, 0, data != NULL ? GPOINTER_TO_UINT (data) : N_ESSAYS);
  fixture->editor = scholia_editor_new (fixture->store);

  fixture->sidebar = scholia_library_sidebar_new ();
  scholia_library_sidebar_set_store (fixture->sidebar, fixture->store);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 300, 600);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->sidebar));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture_setup_unshown (fixture, data);
  gtk_window_present (fixture->window);
  drain_main_context ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  drain_main_context ();
  g_clear_object (&fixture->editor);
  g_assert_finalize_object (fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The rows as a reader sees them: "Author (count)" headings, each essay indented under its
 * author as "title, date". */
static char *
describe_rows (Fixture *fixture)
{
  GObject *list_view = gtk_widget_get_template_child (GTK_WIDGET (fixture->sidebar),
                                                      SCHOLIA_TYPE_LIBRARY_SIDEBAR, "list_view");
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  GString *description = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (SCHOLIA_IS_DOCUMENT (item))
        g_string_append_printf (description, "  %s, %s\n", scholia_document_get_title (SCHOLIA_DOCUMENT (item)),
                                scholia_document_get_date (SCHOLIA_DOCUMENT (item)));
      else
        {
          g_autofree char *name = NULL;
          guint count;

          g_object_get (item, "name", &name, "count", &count, NULL);
          g_string_append_printf (description, "%s (%u)\n", name, count);
        }
    }
  return g_string_free (description, FALSE);
}

typedef struct
{
  const char *author;
  char       *collate_key;
  GPtrArray  *documents;
} Group;

static void
group_free (Group *group)
{
  g_free (group->collate_key);
  g_ptr_array_unref (group->documents);
  g_free (group);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *first = *(Group * const *) a, *second = *(Group * const *) b;
  gboolean first_unknown = *first->author == '\0', second_unknown = *second->author == '\0';
  int result;

  if (first_unknown != second_unknown)
    return first_unknown - second_unknown;
  result = strcmp (first->collate_key, second->collate_key);
  return result != 0 ? result : strcmp (first->author, second->author);
}

static int
compare_documents (gconstpointer a,
                   gconstpointer b)
{
  ScholiaDocument *first = *(ScholiaDocument * const *) a, *second = *(ScholiaDocument * const *) b;
  int result = scholia_dates_compare (scholia_document_get_date (first), scholia_document_get_date (second));

  return result != 0 ? result : g_utf8_collate (scholia_document_get_title (first), scholia_document_get_title (second));
}

/* The same rows worked out eagerly from the store's essays: grouped by author, the authors by
 * their sort keys (no author last), each author's essays by date, then title. */
static char *
describe_expected (Fixture *fixture)
{
  GListModel *documents = scholia_store_get_documents (fixture->store);
  g_autoptr(GHashTable) by_author = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  GString *description = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);
      const char *author = scholia_document_get_author (document) ?: "";
      Group *group = g_hash_table_lookup (by_author, author);

      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->author = author;
          group->collate_key = scholia_names_collate_key (scholia_document_get_author_sort_key (document));
          group->documents = g_ptr_array_new ();
          g_hash_table_insert (by_author, (gpointer) author, group);
          g_ptr_array_add (groups, group);
        }
      g_ptr_array_add (group->documents, document);
    }

  g_ptr_array_sort (groups, compare_groups);
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);

      g_ptr_array_sort (group->documents, compare_documents);
      g_string_append_printf (description, "%s (%u)\n", *group->author != '\0' ? group->author : "Unknown Author",
                              group->documents->len);
      for (guint j = 0; j < group->documents->len; j++)
        {
          ScholiaDocument *document = g_ptr_array_index (group->documents, j);

          g_string_append_printf (description, "  %s, %s\n", scholia_document_get_title (document),
                                  scholia_document_get_date (document));
        }
    }
  return g_string_free (description, FALSE);
}

static void
assert_rows_as_expected (Fixture *fixture)
{
  g_autofree char *shown = NULL;
  g_autofree char *expected = NULL;

  drain_main_context ();
  shown = describe_rows (fixture);
  expected = describe_expected (fixture);
  g_assert_cmpstr (shown, ==, expected);
}

static void
test_sidebar_rows_match_eager (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *shown = describe_rows (fixture);

  /* 37 authors and the essays without one, every essay under its author. */
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (fixture->store)), ==, N_ESSAYS);
  g_assert_true (g_str_has_prefix (shown, "Ingrid "));
  g_assert_nonnull (strstr (shown, "\nUnknown Author (30)\n"));
  assert_rows_as_expected (fixture);
}

static ScholiaDocument *
document_at (Fixture *fixture,
             guint    position)
{
  g_autoptr(ScholiaDocument) document = g_list_model_get_item (scholia_store_get_documents (fixture->store),
                                                               position);

  return document;
}

static void
test_sidebar_follows_changes (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  /* New essays, some by authors new to the library. */
  add_essays (fixture->store, N_ESSAYS, 45);
  assert_rows_as_expected (fixture);

  /* Deleted, then back with undo, then gone again with redo. */
  document = document_at (fixture, 5);
  g_assert_true (scholia_editor_delete_document (fixture->editor, document, &error));
  g_assert_no_error (error);
  assert_rows_as_expected (fixture);
  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_no_error (error);
  assert_rows_as_expected (fixture);
  g_assert_true (scholia_editor_redo (fixture->editor, &error));
  g_assert_no_error (error);
  assert_rows_as_expected (fixture);

  /* An essay moves to another author, to a new one, and to none; a date and a title change
   * its place among its author's. */
  document = document_at (fixture, 7);
  g_assert_true (scholia_editor_update_document (fixture->editor, document, NULL, "Ingrid Mbeki 3",
                                                 NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_rows_as_expected (fixture);
  g_assert_true (scholia_editor_update_document (fixture->editor, document, "Aaa ferry tolls", "Oskar Vinterberg",
                                                 "1701", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_rows_as_expected (fixture);
  g_assert_true (scholia_editor_update_document (fixture->editor, document_at (fixture, 8), NULL, "",
                                                 NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_rows_as_expected (fixture);

  /* The author left alone loses the heading; undo brings both back. */
  g_assert_true (scholia_editor_delete_document (fixture->editor, document, &error));
  g_assert_no_error (error);
  assert_rows_as_expected (fixture);
  g_assert_null (strstr (describe_rows (fixture), "Oskar Vinterberg"));
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (scholia_editor_undo (fixture->editor, &error));
      g_assert_no_error (error);
      assert_rows_as_expected (fixture);
    }

  /* Renaming an author moves all of their essays at once. */
  g_assert_true (scholia_store_rename_author (fixture->store, "Ingrid Brandt 3", "Ingrid Brandt-Ahlers", &error));
  g_assert_no_error (error);
  assert_rows_as_expected (fixture);
}

static guint
count_rows (Fixture *fixture)
{
  GObject *list_view = gtk_widget_get_template_child (GTK_WIDGET (fixture->sidebar),
                                                      SCHOLIA_TYPE_LIBRARY_SIDEBAR, "list_view");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view))));
}

/* A library of 1,000 essays is listed once the window has painted its first frame: nothing
 * before, then the same rows as an eager listing, the essay chosen meanwhile selected. */
static void
on_frame_painted (GdkFrameClock *clock,
                  guint         *frames_left)
{
  if (*frames_left > 0)
    (*frames_left)--;
}

/* Until @window has painted @n_frames more frames (each queued: a list's scroll lands in its
 * next layout). */
static void
wait_for_frames (GtkWindow *window,
                 guint      n_frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame_painted), &n_frames);

  while (n_frames > 0)
    {
      gtk_widget_queue_draw (GTK_WIDGET (window));
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, handler);
}

static void
test_large_library_listed_after_first_frame (Fixture       *fixture,
                                             gconstpointer  data)
{
  GObject *list_view = gtk_widget_get_template_child (GTK_WIDGET (fixture->sidebar),
                                                      SCHOLIA_TYPE_LIBRARY_SIDEBAR, "list_view");
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  ScholiaDocument *chosen = document_at (fixture, 640);
  GtkTreeListRow *selected_row;
  g_autoptr(GObject) selected = NULL;

  scholia_library_sidebar_select_document (fixture->sidebar, chosen);
  /* Essays added before the first frame are in the listing too. */
  add_essays (fixture->store, 1000, 3);
  g_assert_cmpuint (count_rows (fixture), ==, 0);

  gtk_window_present (fixture->window);
  while (count_rows (fixture) == 0)
    g_main_context_iteration (NULL, TRUE);
  assert_rows_as_expected (fixture);

  selected_row = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (selected_row);
  /* Far down the list, and in sight once laid out. */
  wait_for_frames (fixture->window, 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view))), >, 0);
  selected = gtk_tree_list_row_get_item (selected_row);
  g_assert_true (selected == (GObject *) chosen);
  g_assert_true (scholia_library_sidebar_get_selected_document (fixture->sidebar) == chosen);
}

/* Every field the sidebar and the window read, one line per essay, in the store's order. */
static char *
describe_documents (ScholiaStore *store)
{
  GListModel *documents = scholia_store_get_documents (store);
  GString *description = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

      g_string_append_printf (description, "%" G_GINT64_FORMAT " %s|%s|%s|%s|%s|%s|%s|%d|%u|%s|%"
                              G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s\n",
                              scholia_document_get_id (document), scholia_document_get_uuid (document),
                              scholia_document_get_title (document), scholia_document_get_author (document),
                              scholia_document_get_author_sort_key (document),
                              scholia_document_get_date (document), scholia_document_get_source (document),
                              scholia_document_get_checksum (document),
                              (int) scholia_document_get_characters (document),
                              scholia_document_get_annotation_count (document),
                              scholia_document_get_language (document),
                              scholia_document_get_created (document), scholia_document_get_modified (document),
                              scholia_document_get_citation_key (document));
    }
  return g_string_free (description, FALSE);
}

/* How SQLite reads @sql: the details of its plan, one line each. */
static char *
query_plan (const char *path,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (plan, FALSE);
}

static void
test_store_lists_from_index (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-lazy-library-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *read_only = g_build_filename (dir, "read-only.sqlite3", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *emulated = NULL;
  g_autofree char *plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const ScholiaMigration *migrations;
  guint n_migrations, n_before = 0;

  /* A library of the version before the index (13), with annotations to count. */
  migrations = scholia_schema_get_migrations (&n_migrations);
  while (n_before < n_migrations && migrations[n_before].version < 13)
    n_before++;
  {
    g_autoptr(ScholiaStore) store = _scholia_store_open_with_migrations (path, migrations, n_before, &error);
    g_autoptr(ScholiaAnnotation) annotation = NULL;

    g_assert_no_error (error);
    add_essays (store, 0, 40);
    annotation = scholia_store_add_annotation (store, scholia_store_lookup_document (store, 12), 4, 11,
                                               NULL, 0, NULL, 0, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (annotation);
    before = describe_documents (store);
  }
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, 12);

  /* Read-only, it lists the same essays from the table itself. */
  bytes = test_copy_read_only (path, read_only);
  {
    g_autoptr(ScholiaStore) store = scholia_store_open_read_only (read_only, &error);

    g_assert_no_error (error);
    emulated = describe_documents (store);
  }
  g_assert_cmpstr (emulated, ==, before);

  /* Upgraded, it lists them from the index, without reading the texts. */
  {
    g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);

    g_assert_no_error (error);
    after = describe_documents (store);
  }
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
  g_assert_cmpstr (after, ==, before);
  plan = query_plan (path, "SELECT d.id, d.uuid, d.title, d.date, d.source, d.checksum, d.characters,"
                           " d.created, d.modified, d.language FROM documents d ORDER BY d.id");
  g_assert_nonnull (strstr (plan, "COVERING INDEX documents_listing"));
  test_tmp_dir_remove (dir);
}

/* Issue 17: nothing proportional to the library before the first frame. The store counts the
 * essays and reads them when a view first asks for one; an essay asked for before is read
 * alone, and is the very object the list holds afterwards. */
static char *
write_library_to_read_lazily (const char *dir)
{
  char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;

  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  add_essays (store, 0, 60);
  annotation = scholia_store_add_annotation (store, scholia_store_lookup_document (store, 12), 4, 11,
                                             NULL, 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_set_document_citation_key (store, scholia_store_lookup_document (store, 30),
                                                          "halvorsen1988", &error));
  g_assert_no_error (error);
  return path;
}

static void
test_store_reads_essays_when_asked (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-lazy-library-XXXXXX");
  g_autofree char *path = write_library_to_read_lazily (dir);
  g_autofree char *eager = NULL;
  g_autofree char *lazy = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 60);
    eager = describe_documents (store);
  }
  {
    g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);
    GListModel *documents = scholia_store_get_documents (store);
    ScholiaDocument *twelfth, *thirtieth;
    g_autoptr(ScholiaDocument) listed = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 60);
    twelfth = scholia_store_lookup_document (store, 12);
    thirtieth = scholia_store_lookup_document (store, 30);
    g_assert_cmpuint (scholia_document_get_annotation_count (twelfth), ==, 1);
    g_assert_cmpstr (scholia_document_get_citation_key (thirtieth), ==, "halvorsen1988");
    g_assert_true (scholia_store_lookup_document_or_first (store, scholia_document_get_uuid (thirtieth)) == thirtieth);
    g_assert_cmpint (scholia_document_get_id (scholia_store_lookup_document_or_first (store, NULL)), ==, 1);
    g_assert_cmpint (scholia_document_get_id (scholia_store_lookup_document_or_first (store, "no such essay")), ==, 1);
    g_assert_null (scholia_store_lookup_document (store, 61));
    g_assert_false (_scholia_document_list_is_loaded (store->documents));

    /* Going through many essays, a caller has them read in one pass. */
    for (gint64 id = 1; id <= 40; id++)
      g_assert_cmpint (scholia_document_get_id (scholia_store_lookup_document (store, id)), ==, id);
    g_assert_true (_scholia_document_list_is_loaded (store->documents));
    g_assert_true (scholia_store_lookup_document (store, 12) == twelfth);

    lazy = describe_documents (store);
    listed = g_list_model_get_item (documents, 11);
    g_assert_true (listed == twelfth);
  }
  g_assert_cmpstr (lazy, ==, eager);
  test_tmp_dir_remove (dir);
}

/* What a view learns from "items-changed", emptied where it has not read the item (0). */
typedef struct
{
  GListModel *model;
  GArray     *ids;
} Mirror;

static void
on_mirror_items_changed (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Mirror     *mirror)
{
  g_array_remove_range (mirror->ids, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(ScholiaDocument) document = NULL;
      gint64 id = 0;

      if (_scholia_document_list_is_loaded (SCHOLIA_DOCUMENT_LIST (model)))
        {
          document = g_list_model_get_item (model, position + i);
          id = scholia_document_get_id (document);
        }
      g_array_insert_val (mirror->ids, position + i, id);
    }
}

static void
assert_mirror_follows (Mirror       *mirror,
                       const gint64 *expected,
                       guint         n_expected)
{
  g_assert_cmpuint (mirror->ids->len, ==, g_list_model_get_n_items (mirror->model));
  g_assert_cmpuint (mirror->ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (mirror->model, i);
      gint64 seen = g_array_index (mirror->ids, gint64, i);

      g_assert_cmpint (scholia_document_get_id (document), ==, expected[i]);
      g_assert_true (seen == 0 || seen == expected[i]);
      g_array_index (mirror->ids, gint64, i) = expected[i];
    }
}

/* A store on @path whose list of essays @mirror follows, as a view that has read none. */
static ScholiaStore *
open_mirrored (const char *path,
               Mirror     *mirror)
{
  g_autoptr(GError) error = NULL;
  ScholiaStore *store = scholia_store_open (path, &error);

  g_assert_no_error (error);
  mirror->model = scholia_store_get_documents (store);
  mirror->ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (mirror->ids, g_list_model_get_n_items (mirror->model));
  g_signal_connect (mirror->model, "items-changed", G_CALLBACK (on_mirror_items_changed), mirror);
  return store;
}

static void
mirror_stop (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_data (mirror->model, mirror);
  g_array_unref (mirror->ids);
}

static void
test_store_changes_before_essays_read (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-lazy-library-XXXXXX");
  g_autofree char *path = write_library_to_read_lazily (dir);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(ScholiaDeletedDocument) deleted = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  ScholiaDocument *added;
  ScholiaDocument *restored;
  gint64 twelve = 12;
  Mirror mirror;

  store = open_mirrored (path, &mirror);
  for (gint64 id = 1; id <= 60; id++)
    if (id != 12)
      g_array_append_val (expected, id);

  /* Deleted before any view read the list: the list read then lacks it. */
  deleted = scholia_store_delete_document_undoable (store, scholia_store_lookup_document (store, 12), &error);
  g_assert_no_error (error);
  assert_mirror_follows (&mirror, (const gint64 *) expected->data, expected->len);

  /* Restored, and one added, after it was read: each told where it goes. */
  restored = scholia_store_restore_document (store, deleted, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_lookup_document (store, 12) == restored);
  g_array_insert_val (expected, 11, twelve);
  added = scholia_store_add_document (store, "Ledgers of the lower ferry", "Ingrid Brandt", "1801",
                                      NULL, "The ferry's ledger stops in the spring of 1801.", NULL, &error);
  g_assert_no_error (error);
  g_array_append_val (expected, (gint64) { scholia_document_get_id (added) });
  assert_mirror_follows (&mirror, (const gint64 *) expected->data, expected->len);

  mirror_stop (&mirror);
  g_clear_object (&store);

  /* Added before the list was read: it is in it once, the same object. */
  store = open_mirrored (path, &mirror);
  added = scholia_store_add_document (store, "Tolls at the upper weir", "Ingrid Brandt", "1803",
                                      NULL, "The weir's keeper kept no book of tolls.", NULL, &error);
  g_assert_no_error (error);
  g_array_append_val (expected, (gint64) { scholia_document_get_id (added) });
  assert_mirror_follows (&mirror, (const gint64 *) expected->data, expected->len);
  {
    g_autoptr(ScholiaDocument) last = g_list_model_get_item (mirror.model, expected->len - 1);

    g_assert_true (last == added);
  }
  mirror_stop (&mirror);
  test_tmp_dir_remove (dir);
}

static void
on_first_paint (GdkFrameClock *clock,
                gboolean      *listed_at_first_frame)
{
  ScholiaWindow *window = g_object_get_data (G_OBJECT (clock), "window");

  g_signal_handlers_disconnect_by_func (clock, on_first_paint, listed_at_first_frame);
  *listed_at_first_frame = _scholia_document_list_is_loaded (scholia_window_get_store (window)->documents);
}

static void
on_window_realize (GtkWidget *window,
                   gboolean  *listed_at_first_frame)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_object_set_data (G_OBJECT (clock), "window", window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint), listed_at_first_frame);
}

/* The window opening one essay of a large library paints it before reading the list of essays,
 * which the sidebar then shows. */
static void
test_window_paints_essay_before_list (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-lazy-library-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  ScholiaWindow *window;
  ScholiaStore *store;
  gboolean listed_at_first_frame = TRUE;

  {
    g_autoptr(ScholiaStore) writer = scholia_store_open (path, &error);

    g_assert_no_error (error);
    add_essays (writer, 0, 1000);
  }

  window = g_object_ref_sink (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), &listed_at_first_frame);
  g_assert_true (scholia_window_open_library (window, path));
  g_assert_true (scholia_window_show_document_by_name (window, "640"));
  store = scholia_window_get_store (window);
  g_assert_false (_scholia_document_list_is_loaded (store->documents));
  gtk_window_present (GTK_WINDOW (window));
  while (g_signal_handler_find (gtk_widget_get_frame_clock (GTK_WIDGET (window)), G_SIGNAL_MATCH_DATA,
                                0, 0, NULL, NULL, &listed_at_first_frame) != 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (listed_at_first_frame);
  g_assert_cmpint (scholia_document_get_id (scholia_window_get_document (window)), ==, 640);
  while (!_scholia_document_list_is_loaded (store->documents))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 1000);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  test_tmp_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/lazy-library/sidebar/rows-match-eager", Fixture, NULL,
              fixture_setup, test_sidebar_rows_match_eager, fixture_teardown);
  g_test_add ("/lazy-library/sidebar/follows-changes", Fixture, NULL,
              fixture_setup, test_sidebar_follows_changes, fixture_teardown);
  g_test_add ("/lazy-library/sidebar/large-listed-after-first-frame", Fixture, GUINT_TO_POINTER (1000),
              fixture_setup_unshown, test_large_library_listed_after_first_frame, fixture_teardown);
  g_test_add_func ("/lazy-library/store/lists-from-index", test_store_lists_from_index);
  g_test_add_func ("/lazy-library/store/essays-read-when-asked", test_store_reads_essays_when_asked);
  g_test_add_func ("/lazy-library/store/changes-before-essays-read", test_store_changes_before_essays_read);
  g_test_add_func ("/lazy-library/window/essay-painted-before-list", test_window_paints_essay_before_list);

  return g_test_run ();
}
