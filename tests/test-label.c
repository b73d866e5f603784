/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-files.h"
#include "scholia-editor.h"
#include "scholia-error.h"

/* Tags and themes are one type to the store and the editor: every test below runs the same
 * body over SCHOLIA_TYPE_TAG and SCHOLIA_TYPE_THEME, and differs only where the library itself
 * does (a new library holds four built-in tags and no theme). */

static const char essay[] =
  "The harbour at Varnholm silted up “within a generation”. The merchants left for the east. "
  "The ledger closes in 1851.";

typedef struct
{
  GType            label_type;
  char            *dir;
  char            *path;
  ScholiaStore    *store;
  ScholiaDocument *document;
  guint            n_builtin;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->label_type = GPOINTER_TO_SIZE (data);
  fixture->dir = test_tmp_dir_new ("scholia-label-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->document = scholia_store_add_document (fixture->store, "Varnholm", "Ansel Korvik", "1990",
                                                  NULL, essay, NULL, &error);
  g_assert_no_error (error);
  fixture->n_builtin = fixture->label_type == SCHOLIA_TYPE_TAG ? 4 : 0;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GListModel *
labels (Fixture *fixture)
{
  return scholia_store_get_labels (fixture->store, fixture->label_type);
}

static ScholiaLabel *
add (Fixture    *fixture,
     const char *name)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *label = scholia_store_add_label (fixture->store, fixture->label_type, name, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (label, fixture->label_type));
  return label;
}

static ScholiaAnnotation *
annotate (Fixture *fixture,
          int      start,
          int      end)
{
  g_autoptr(GError) error = NULL;
  ScholiaAnnotation *annotation = scholia_store_add_annotation (fixture->store, fixture->document, start, end,
                                                                NULL, 0, NULL, 0, NULL, &error);

  g_assert_no_error (error);
  return annotation;
}

/* The names of the list model, user-made labels only, comma-separated; the model is in the
 * order of the labels' positions. */
static char *
describe_order (Fixture *fixture)
{
  GListModel *model = labels (fixture);
  g_autoptr(GString) names = g_string_new (NULL);
  int last = -1;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (model, i);

      g_assert_cmpint (scholia_label_get_position (label), >, last);
      last = scholia_label_get_position (label);
      if (i < fixture->n_builtin)
        continue;
      g_string_append_printf (names, "%s%s", names->len > 0 ? "," : "", scholia_label_get_name (label));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The annotation's labels of the fixture's type, by name, as the store now has them. */
static char *
describe_annotation (Fixture           *fixture,
                     ScholiaAnnotation *annotation)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const gint64 *ids;
  guint n_ids;

  ids = scholia_annotation_get_label_ids (annotation, fixture->label_type, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      ScholiaLabel *label = scholia_store_lookup_label (fixture->store, fixture->label_type, ids[i]);

      g_assert_nonnull (label);
      g_string_append_printf (names, "%s%s", names->len > 0 ? "," : "", scholia_label_get_name (label));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
assert_annotation (Fixture           *fixture,
                   ScholiaAnnotation *annotation,
                   const char        *expected)
{
  g_autofree char *names = describe_annotation (fixture, annotation);

  g_assert_cmpstr (names, ==, expected);
}

static void
assert_order (Fixture    *fixture,
              const char *expected)
{
  g_autofree char *names = describe_order (fixture);

  g_assert_cmpstr (names, ==, expected);
}

static guint
count (Fixture      *fixture,
       ScholiaLabel *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = scholia_store_get_label_annotation_ids (fixture->store, label, &error);

  g_assert_no_error (error);
  return ids->len;
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 document_id = scholia_document_get_id (fixture->document);

  g_clear_object (&fixture->store);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->document = scholia_store_lookup_document (fixture->store, document_id);
  g_assert_nonnull (fixture->document);
}

static void
test_create_find_and_refuse (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *famine;
  ScholiaLabel *grain;
  ScholiaCounts counts;

  g_assert_cmpuint (g_list_model_get_n_items (labels (fixture)), ==, fixture->n_builtin);

  famine = add (fixture, " Famine ");
  grain = scholia_store_add_label (fixture->store, fixture->label_type, "grain trade", "#9141AC",
                                   "Who sold, who bought", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_label_get_name (famine), ==, "Famine");
  g_assert_cmpuint (strlen (scholia_label_get_colour (famine)), ==, 7);
  g_assert_cmpstr (scholia_label_get_colour (grain), ==, "#9141ac");
  g_assert_cmpstr (scholia_label_get_description (grain), ==, "Who sold, who bought");
  g_assert_false (scholia_label_get_builtin (grain));
  assert_order (fixture, "Famine,grain trade");

  /* Found by name with case and diacritics folded, and by id. */
  g_assert_true (scholia_store_find_label (fixture->store, fixture->label_type, "FAMINE", &error) == famine);
  g_assert_no_error (error);
  g_assert_true (scholia_store_lookup_label (fixture->store, fixture->label_type,
                                             scholia_label_get_id (grain)) == grain);

  /* Names are unique within the type; an empty name or a colour that is none is refused. */
  g_assert_null (scholia_store_add_label (fixture->store, fixture->label_type, "famine", NULL, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (scholia_store_add_label (fixture->store, fixture->label_type, "  ", NULL, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (scholia_store_add_label (fixture->store, fixture->label_type, "drought", "red", NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (scholia_store_find_label (fixture->store, fixture->label_type, "drought", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_order (fixture, "Famine,grain trade");

  g_assert_true (scholia_store_get_counts (fixture->store, &counts, NULL));
  g_assert_cmpuint (fixture->label_type == SCHOLIA_TYPE_TAG ? counts.tags : counts.themes, ==,
                    fixture->n_builtin + 2);

  /* What the list showed is what the file holds. */
  reopen (fixture);
  assert_order (fixture, "Famine,grain trade");
  grain = scholia_store_find_label (fixture->store, fixture->label_type, "grain trade", NULL);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (grain, fixture->label_type));
  g_assert_cmpstr (scholia_label_get_colour (grain), ==, "#9141ac");
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              GString    *log)
{
  g_string_append_printf (log, "%s%s", log->len > 0 ? " " : "", pspec->name);
}

static void
test_rename_recolour_describe (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  ScholiaLabel *famine = add (fixture, "famine");
  gint64 id = scholia_label_get_id (famine);

  add (fixture, "grain trade");
  g_signal_connect (famine, "notify", G_CALLBACK (on_notify_cb), log);

  g_assert_true (scholia_store_update_label (fixture->store, famine, "hunger", NULL, NULL, &error));
  g_assert_true (scholia_store_update_label (fixture->store, famine, NULL, "#E01B24", NULL, &error));
  g_assert_true (scholia_store_update_label (fixture->store, famine, NULL, NULL, "Bad harvests", &error));
  /* The same values again change nothing and say nothing. */
  g_assert_true (scholia_store_update_label (fixture->store, famine, "hunger", "#e01b24", "Bad harvests", &error));
  g_assert_no_error (error);
  /* The name shown changes with the name, and says so first. */
  g_assert_cmpstr (log->str, ==, "display-name name colour description");

  /* Refused: the name of another label of the type; the label stays as it was. */
  g_assert_false (scholia_store_update_label (fixture->store, famine, "Grain Trade", NULL, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpstr (scholia_label_get_name (famine), ==, "hunger");
  g_signal_handlers_disconnect_by_data (famine, log);

  reopen (fixture);
  famine = scholia_store_lookup_label (fixture->store, fixture->label_type, id);
  g_assert_cmpstr (scholia_label_get_name (famine), ==, "hunger");
  g_assert_cmpstr (scholia_label_get_colour (famine), ==, "#e01b24");
  g_assert_cmpstr (scholia_label_get_description (famine), ==, "Bad harvests");
}

static void
test_reorder (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *famine = add (fixture, "famine");
  ScholiaLabel *council = NULL;

  add (fixture, "grain trade");
  council = add (fixture, "town council");

  g_assert_true (scholia_store_move_label (fixture->store, council, fixture->n_builtin, &error));
  g_assert_no_error (error);
  assert_order (fixture, "town council,famine,grain trade");
  g_assert_true (scholia_store_move_label (fixture->store, famine, G_MAXUINT, &error));
  g_assert_no_error (error);
  assert_order (fixture, "town council,grain trade,famine");

  reopen (fixture);
  assert_order (fixture, "town council,grain trade,famine");
}

static void
test_assign_unassign_and_count (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) first = annotate (fixture, 4, 11);
  g_autoptr(ScholiaAnnotation) second = annotate (fixture, 60, 69);
  ScholiaLabel *famine = add (fixture, "famine");
  ScholiaLabel *grain = add (fixture, "grain trade");

  g_assert_true (scholia_store_assign_label (fixture->store, first, famine, &error));
  g_assert_true (scholia_store_assign_label (fixture->store, first, grain, &error));
  g_assert_true (scholia_store_assign_label (fixture->store, second, grain, &error));
  g_assert_no_error (error);
  assert_annotation (fixture, first, "famine,grain trade");
  g_assert_true (scholia_annotation_has_label (second, grain));
  g_assert_false (scholia_annotation_has_label (second, famine));
  g_assert_cmpuint (count (fixture, famine), ==, 1);
  g_assert_cmpuint (count (fixture, grain), ==, 2);

  /* Assigned again, a label moves last, once. */
  g_assert_true (scholia_store_assign_label (fixture->store, first, famine, &error));
  assert_annotation (fixture, first, "grain trade,famine");
  g_assert_true (scholia_store_unassign_label (fixture->store, first, grain, &error));
  g_assert_true (scholia_store_unassign_label (fixture->store, first, grain, &error));
  g_assert_no_error (error);
  assert_annotation (fixture, first, "famine");
  g_assert_cmpuint (count (fixture, grain), ==, 1);

  /* The other type's list is untouched. */
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_labels (fixture->store,
                                                                        fixture->label_type == SCHOLIA_TYPE_TAG
                                                                        ? SCHOLIA_TYPE_THEME
                                                                        : SCHOLIA_TYPE_TAG)),
                    ==, fixture->label_type == SCHOLIA_TYPE_TAG ? 0 : 4);
}

static void
test_merge_and_delete_undone (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaEditor) editor = scholia_editor_new (fixture->store);
  g_autoptr(ScholiaAnnotation) first = annotate (fixture, 4, 11);
  g_autoptr(ScholiaAnnotation) second = annotate (fixture, 60, 69);
  ScholiaLabel *famine = add (fixture, "famine");
  ScholiaLabel *grain = add (fixture, "grain trade");
  ScholiaLabel *council = add (fixture, "town council");
  gboolean themes = fixture->label_type == SCHOLIA_TYPE_THEME;
  gint64 grain_id = scholia_label_get_id (grain);

  g_assert_true (scholia_editor_add_label (editor, first, grain, &error));
  g_assert_true (scholia_editor_add_label (editor, first, famine, &error));
  g_assert_true (scholia_editor_add_label (editor, second, grain, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_editor_get_undo_label (editor), ==, themes ? "Undo Add Theme" : "Undo Add Tag");

  /* Merging: the annotations that carried grain carry famine, once. */
  g_assert_true (scholia_editor_merge_labels (editor, grain, famine, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_editor_get_undo_label (editor), ==, themes ? "Undo Theme Merge" : "Undo Tag Merge");
  assert_order (fixture, "famine,town council");
  assert_annotation (fixture, first, "famine");
  assert_annotation (fixture, second, "famine");
  g_assert_cmpuint (count (fixture, famine), ==, 2);
  g_assert_null (scholia_store_lookup_label (fixture->store, fixture->label_type, grain_id));

  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);
  assert_order (fixture, "famine,grain trade,town council");
  assert_annotation (fixture, first, "grain trade,famine");
  assert_annotation (fixture, second, "grain trade");

  /* Deleting takes it off its annotations; undo puts it back in its place, with its id. */
  g_assert_true (scholia_editor_delete_label (editor, grain, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_editor_get_undo_label (editor), ==, themes ? "Undo Delete Theme" : "Undo Delete Tag");
  assert_order (fixture, "famine,town council");
  assert_annotation (fixture, first, "famine");
  g_assert_cmpuint (count (fixture, council), ==, 0);

  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);
  assert_order (fixture, "famine,grain trade,town council");
  assert_annotation (fixture, first, "grain trade,famine");
  g_assert_true (scholia_store_lookup_label (fixture->store, fixture->label_type, grain_id) == grain);

  /* Toggling takes it off, then puts it back. */
  g_assert_true (scholia_editor_toggle_label (editor, second, grain, &error));
  assert_annotation (fixture, second, "");
  g_assert_true (scholia_editor_toggle_label (editor, second, grain, &error));
  g_assert_no_error (error);
  assert_annotation (fixture, second, "grain trade");

  reopen (fixture);
  assert_order (fixture, "famine,grain trade,town council");
}

/* Built-in labels (only tags are) can be renamed and recoloured, and keep the flag through a
 * delete and its undo; the label manager is what refuses to delete or merge them. */
static void
test_builtin_flag (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaEditor) editor = scholia_editor_new (fixture->store);
  GListModel *model = labels (fixture);
  g_autoptr(ScholiaLabel) first = NULL;
  gint64 id;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (model, i);

      g_assert_cmpint (scholia_label_get_builtin (label), ==, i < fixture->n_builtin);
    }
  g_assert_false (scholia_label_get_builtin (add (fixture, "famine")));
  if (fixture->n_builtin == 0)
    return;

  first = g_list_model_get_item (model, 0);
  id = scholia_label_get_id (first);
  g_assert_true (scholia_store_update_label (fixture->store, first, "claim", "#1c71d8", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (scholia_label_get_builtin (first));

  g_assert_true (scholia_editor_delete_label (editor, first, &error));
  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);

  reopen (fixture);
  g_clear_object (&first);
  first = g_list_model_get_item (labels (fixture), 0);
  g_assert_cmpint (scholia_label_get_id (first), ==, id);
  g_assert_cmpstr (scholia_label_get_name (first), ==, "claim");
  g_assert_true (scholia_label_get_builtin (first));
}

int
main (int   argc,
      char *argv[])
{
  const struct
  {
    const char *name;
    GType       label_type;
  } types[] = {
    { "tag", SCHOLIA_TYPE_TAG },
    { "theme", SCHOLIA_TYPE_THEME },
  };
  const struct
  {
    const char *path;
    void      (*test) (Fixture *, gconstpointer);
  } tests[] = {
    { "create-find-and-refuse", test_create_find_and_refuse },
    { "rename-recolour-describe", test_rename_recolour_describe },
    { "reorder", test_reorder },
    { "assign-unassign-and-count", test_assign_unassign_and_count },
    { "merge-and-delete-undone", test_merge_and_delete_undone },
    { "builtin-flag", test_builtin_flag },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
      {
        g_autofree char *path = g_strdup_printf ("/label/%s/%s", types[t].name, tests[i].path);

        g_test_add (path, Fixture, GSIZE_TO_POINTER (types[t].label_type),
                    fixture_set_up, tests[i].test, fixture_tear_down);
      }

  return g_test_run ();
}
