/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-editor.h"
#include "scholia-error.h"
#include "test-files.h"

static const char essay[] =
  "The grain reached Tessaly by barge, the mayor claimed, though the dockers’ ledgers disagree. "
  "Ottilie Brand counted forty barges in the spring of 1862 and none in the autumn. "
  "Her figures were never printed; the town council preferred the mayor’s account.";

typedef struct
{
  char          *dir;
  char          *path;
  ScholiaStore  *store;
  ScholiaEditor *editor;
  ScholiaDocument *document;
  GListModel    *annotations;
} Fixture;

static ScholiaStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  ScholiaStore *store = scholia_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-editor-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = open_store (fixture->path);
  fixture->editor = scholia_editor_new (fixture->store);
  fixture->document = scholia_store_add_document (fixture->store, "Grain at Tessaly", "Ottilie Brand",
                                                  "1863", "Dock ledgers", essay, NULL, &error);
  g_assert_no_error (error);
  fixture->annotations = scholia_store_list_annotations (fixture->store, fixture->document, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->annotations);
  g_assert_finalize_object (fixture->editor);
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static ScholiaLabel *
tag (Fixture    *fixture,
     const char *name)
{
  ScholiaLabel *found = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, name, NULL);

  g_assert_nonnull (found);
  return found;
}

static guint
count_annotations (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  ScholiaCounts counts;

  g_assert_true (scholia_store_get_counts (store, &counts, &error));
  g_assert_no_error (error);
  return counts.annotations;
}

static ScholiaAnnotation *
annotate (Fixture    *fixture,
          int         start,
          int         end,
          ScholiaLabel *with_tag,
          const char *note)
{
  g_autoptr(GError) error = NULL;
  gint64 tag_id = with_tag != NULL ? scholia_label_get_id (with_tag) : 0;
  ScholiaAnnotation *annotation;

  annotation = scholia_editor_annotate (fixture->editor, fixture->document, start, end,
                                        with_tag != NULL ? &tag_id : NULL, with_tag != NULL ? 1 : 0,
                                        note, &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  return annotation;
}

static void
undo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_no_error (error);
}

static void
redo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_editor_redo (fixture->editor, &error));
  g_assert_no_error (error);
}

/* The tag (or theme) names of an annotation, in order, as "thesis,evidence". */
static char *
label_names (ScholiaStore      *store,
             ScholiaAnnotation *annotation,
             GType              label_type)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  const gint64 *ids;
  guint n_ids;

  ids = scholia_annotation_get_label_ids (annotation, label_type, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      ScholiaLabel *found = scholia_store_lookup_label (store, label_type, ids[i]);

      g_strv_builder_add (names, found != NULL ? scholia_label_get_name (found) : "?");
    }
  strv = g_strv_builder_end (names);
  return g_strjoinv (",", strv);
}

static char *
tag_names (ScholiaStore      *store,
           ScholiaAnnotation *annotation)
{
  return label_names (store, annotation, SCHOLIA_TYPE_TAG);
}

static char *
theme_names (ScholiaStore      *store,
             ScholiaAnnotation *annotation)
{
  return label_names (store, annotation, SCHOLIA_TYPE_THEME);
}

/* Everything a user could see of a library: the palette and the themes in order, and for each
 * annotation of each document its identity, span, tags, themes and note. @live_list, when given, is the list
 * already held for @live_document: what the views show. */
static char *
describe_library (ScholiaStore    *store,
                  ScholiaDocument *live_document,
                  GListModel      *live_list)
{
  GString *out = g_string_new (NULL);
  GListModel *documents = scholia_store_get_documents (store);
  GListModel *tags = scholia_store_get_labels (store, SCHOLIA_TYPE_TAG);
  GListModel *themes = scholia_store_get_labels (store, SCHOLIA_TYPE_THEME);
  ScholiaCounts counts;

  g_assert_true (scholia_store_get_counts (store, &counts, NULL));
  g_string_append_printf (out, "%u documents, %u annotations, %u tags, %u themes\npalette:",
                          counts.documents, counts.annotations, counts.tags, counts.themes);
  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(ScholiaLabel) item = g_list_model_get_item (tags, i);

      g_string_append_printf (out, " %s", scholia_label_get_name (item));
    }
  g_string_append (out, "\nthemes:");
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(ScholiaLabel) item = g_list_model_get_item (themes, i);

      g_string_append_printf (out, " [%s]", scholia_label_get_name (item));
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(GListModel) annotations = NULL;

      if (document == live_document)
        annotations = g_object_ref (live_list);
      else
        annotations = scholia_store_list_annotations (store, document, NULL);

      g_assert_nonnull (annotations);
      for (guint j = 0; j < g_list_model_get_n_items (annotations); j++)
        {
          g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, j);
          g_autofree char *names = tag_names (store, annotation);
          g_autofree char *themed = theme_names (store, annotation);

          g_string_append_printf (out, "%" G_GINT64_FORMAT " %s %d-%d [%s] themes=[%s] note=%s\n",
                                  scholia_annotation_get_id (annotation),
                                  scholia_annotation_get_uuid (annotation),
                                  scholia_annotation_get_start (annotation),
                                  scholia_annotation_get_end (annotation),
                                  names, themed, scholia_annotation_get_note (annotation));
        }
    }

  return g_string_free (out, FALSE);
}

/* The same description, read back from the file by a second connection. */
static char *
describe_file (const char *path)
{
  g_autoptr(ScholiaStore) store = open_store (path);

  return describe_library (store, NULL, NULL);
}

static void
test_annotate_undo_redo (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *after_undo = NULL;
  g_autofree char *after_redo = NULL;
  gint64 id;

  g_assert_false (scholia_editor_get_can_undo (fixture->editor));
  g_assert_null (scholia_editor_get_undo_label (fixture->editor));

  annotation = annotate (fixture, 4, 9, tag (fixture, "thesis"), "A claim about grain");
  id = scholia_annotation_get_id (annotation);
  uuid = g_strdup (scholia_annotation_get_uuid (annotation));
  g_assert_cmpuint (g_list_model_get_n_items (fixture->annotations), ==, 1);
  g_assert_cmpuint (count_annotations (fixture->store), ==, 1);
  g_assert_true (scholia_editor_get_can_undo (fixture->editor));
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Highlight");

  undo (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->annotations), ==, 0);
  g_assert_cmpuint (count_annotations (fixture->store), ==, 0);
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->document), ==, 0);
  g_assert_false (scholia_editor_get_can_undo (fixture->editor));
  g_assert_true (scholia_editor_get_can_redo (fixture->editor));
  g_assert_cmpstr (scholia_editor_get_redo_label (fixture->editor), ==, "Redo Highlight");
  after_undo = describe_file (fixture->path);
  g_assert_null (strstr (after_undo, uuid));

  redo (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->annotations), ==, 1);
  g_assert_cmpuint (count_annotations (fixture->store), ==, 1);
  {
    g_autoptr(ScholiaAnnotation) back = g_list_model_get_item (fixture->annotations, 0);
    g_autofree char *names = tag_names (fixture->store, back);

    g_assert_cmpint (scholia_annotation_get_id (back), ==, id);
    g_assert_cmpstr (scholia_annotation_get_uuid (back), ==, uuid);
    g_assert_cmpstr (scholia_annotation_get_note (back), ==, "A claim about grain");
    g_assert_cmpstr (names, ==, "thesis");
  }

  /* The file agrees with what the views show. */
  after_redo = describe_file (fixture->path);
  g_assert_nonnull (strstr (after_redo, uuid));
  g_assert_nonnull (strstr (after_redo, "[thesis] themes=[] note=A claim about grain"));
}

static void
test_annotate_failure_records_nothing (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaAnnotation *annotation;

  annotation = scholia_editor_annotate (fixture->editor, fixture->document, 50, 20, NULL, 0, NULL, &error);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_null (annotation);
  g_assert_false (scholia_editor_get_can_undo (fixture->editor));
  g_assert_cmpuint (count_annotations (fixture->store), ==, 0);
  g_clear_error (&error);

  g_assert_false (scholia_editor_undo (fixture->editor, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
}

static void
test_delete_undo_restores_note_and_tags (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, 10, 30, tag (fixture, "evidence"), "Barges");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *restored = NULL;

  g_assert_true (scholia_editor_add_label (fixture->editor, annotation, SCHOLIA_LABEL (tag (fixture, "thesis")), &error));
  g_assert_no_error (error);
  before = describe_file (fixture->path);

  g_assert_true (scholia_editor_delete_annotation (fixture->editor, annotation, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->annotations), ==, 0);
  g_assert_cmpuint (count_annotations (fixture->store), ==, 0);
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Delete Highlight");

  undo (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->annotations), ==, 1);
  restored = describe_file (fixture->path);
  g_assert_cmpstr (restored, ==, before);
  g_assert_nonnull (strstr (restored, "[evidence,thesis] themes=[] note=Barges"));

  redo (fixture);
  g_assert_cmpuint (count_annotations (fixture->store), ==, 0);
}

/* A deleted highlight's tags survive a merge of one of them while it is gone. */
static void
test_delete_undo_after_merge (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, 10, 30, tag (fixture, "evidence"), NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  g_assert_true (scholia_editor_delete_annotation (fixture->editor, annotation, &error));
  g_assert_true (scholia_editor_merge_labels (fixture->editor, SCHOLIA_LABEL (tag (fixture, "evidence")),
                                            SCHOLIA_LABEL (tag (fixture, "thesis")), &error));
  g_assert_no_error (error);
  undo (fixture);
  undo (fixture);
  names = tag_names (fixture->store, annotation);
  g_assert_cmpstr (names, ==, "evidence");
  g_clear_object (&annotation);
  {
    g_autofree char *file = describe_file (fixture->path);

    g_assert_nonnull (strstr (file, "[evidence] themes=[]"));
  }
}

static void
test_tags_add_remove (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, 0, 20, tag (fixture, "thesis"), NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autoptr(ScholiaLabel) theme = NULL;
  ScholiaLabel *evidence = tag (fixture, "evidence");
  ScholiaLabel *thesis = tag (fixture, "thesis");

  g_assert_true (scholia_editor_add_label (fixture->editor, annotation, evidence, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Add Tag");
  names = tag_names (fixture->store, annotation);
  g_assert_cmpstr (names, ==, "thesis,evidence");
  g_clear_pointer (&names, g_free);

  /* Adding what is there changes nothing and adds no step. */
  g_assert_true (scholia_editor_add_label (fixture->editor, annotation, evidence, &error));
  g_assert_no_error (error);
  g_assert_true (scholia_editor_remove_label (fixture->editor, annotation, thesis, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Remove Tag");
  names = tag_names (fixture->store, annotation);
  g_assert_cmpstr (names, ==, "evidence");
  g_clear_pointer (&names, g_free);

  /* Undo restores the exact order, then the tag that was added comes off. */
  undo (fixture);
  names = tag_names (fixture->store, annotation);
  g_assert_cmpstr (names, ==, "thesis,evidence");
  g_clear_pointer (&names, g_free);
  undo (fixture);
  names = tag_names (fixture->store, annotation);
  g_assert_cmpstr (names, ==, "thesis");
  g_clear_pointer (&names, g_free);
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Highlight");

  redo (fixture);
  redo (fixture);
  names = tag_names (fixture->store, annotation);
  g_assert_cmpstr (names, ==, "evidence");
  g_clear_pointer (&names, g_free);
  g_assert_false (scholia_editor_get_can_redo (fixture->editor));

  /* Toggling, as the palette does. */
  g_assert_true (scholia_editor_toggle_label (fixture->editor, annotation, thesis, &error));
  g_assert_true (scholia_editor_toggle_label (fixture->editor, annotation, evidence, &error));
  g_assert_no_error (error);
  names = tag_names (fixture->store, annotation);
  g_assert_cmpstr (names, ==, "thesis");
  g_clear_pointer (&names, g_free);

  /* Themes work the same way. */
  theme = g_object_ref (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Famine", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (scholia_editor_add_label (fixture->editor, annotation, theme, &error));
  g_assert_no_error (error);
  g_assert_true (scholia_annotation_has_theme (annotation, scholia_label_get_id (theme)));
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Add Theme");
  undo (fixture);
  g_assert_false (scholia_annotation_has_theme (annotation, scholia_label_get_id (theme)));
  redo (fixture);
  g_assert_true (scholia_editor_remove_label (fixture->editor, annotation, theme, &error));
  g_assert_no_error (error);
  g_assert_false (scholia_annotation_has_theme (annotation, scholia_label_get_id (theme)));
  undo (fixture);
  g_assert_true (scholia_annotation_has_theme (annotation, scholia_label_get_id (theme)));

  g_clear_object (&annotation);
  {
    g_autofree char *file = describe_file (fixture->path);

    g_assert_nonnull (strstr (file, "[thesis] themes=[Famine]"));
  }
}

static void
test_note_edits_coalesce (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, 0, 20, NULL, "Draft");
  g_autoptr(ScholiaAnnotation) other = annotate (fixture, 30, 40, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *typed[] = { "Draft,", "Draft, the", "Draft, the mayor" };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_assert_true (scholia_editor_set_note (fixture->editor, annotation, typed[i], &error));
      g_assert_no_error (error);
    }
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Note Edit");

  /* One step takes back all the typing. */
  undo (fixture);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "Draft");
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Highlight");
  redo (fixture);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "Draft, the mayor");

  /* After close_group, the next edit is a step of its own. */
  scholia_editor_close_group (fixture->editor);
  g_assert_true (scholia_editor_set_note (fixture->editor, annotation, "Draft, the mayor lied", &error));
  g_assert_true (scholia_editor_set_note (fixture->editor, annotation, "The mayor lied", &error));
  g_assert_no_error (error);
  undo (fixture);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "Draft, the mayor");
  undo (fixture);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "Draft");
  redo (fixture);
  redo (fixture);

  /* Editing another annotation's note is another step. */
  g_assert_true (scholia_editor_set_note (fixture->editor, other, "Forty barges", &error));
  g_assert_no_error (error);
  undo (fixture);
  g_assert_cmpstr (scholia_annotation_get_note (other), ==, "");
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "The mayor lied");

  /* Setting the same note again records nothing. */
  g_assert_true (scholia_editor_set_note (fixture->editor, annotation, "The mayor lied", &error));
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Note Edit");
  g_assert_true (scholia_editor_get_can_redo (fixture->editor));

  g_clear_object (&annotation);
  g_clear_object (&other);
  {
    g_autofree char *file = describe_file (fixture->path);

    g_assert_nonnull (strstr (file, "note=The mayor lied\n"));
  }
}

static void
test_note_typed_back_leaves_nothing (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, 0, 20, NULL, "Grain");
  g_autoptr(GError) error = NULL;

  scholia_editor_clear_history (fixture->editor);
  g_assert_true (scholia_editor_set_note (fixture->editor, annotation, "Grains", &error));
  g_assert_true (scholia_editor_set_note (fixture->editor, annotation, "Grain", &error));
  g_assert_no_error (error);
  g_assert_false (scholia_editor_get_can_undo (fixture->editor));
}

static void
test_new_edit_clears_redo (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) first = annotate (fixture, 0, 10, NULL, NULL);
  g_autoptr(ScholiaAnnotation) second = NULL;
  g_autoptr(GError) error = NULL;

  undo (fixture);
  g_assert_true (scholia_editor_get_can_redo (fixture->editor));
  second = annotate (fixture, 20, 30, NULL, NULL);
  g_assert_false (scholia_editor_get_can_redo (fixture->editor));
  g_assert_null (scholia_editor_get_redo_label (fixture->editor));
  g_assert_false (scholia_editor_redo (fixture->editor, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_annotations (fixture->store), ==, 1);
}

typedef struct
{
  guint can_undo;
  guint can_redo;
  guint undo_label;
  guint redo_label;
} Notifications;

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  Notifications *seen = user_data;

  if (g_str_equal (pspec->name, "can-undo"))
    seen->can_undo++;
  else if (g_str_equal (pspec->name, "can-redo"))
    seen->can_redo++;
  else if (g_str_equal (pspec->name, "undo-label"))
    seen->undo_label++;
  else if (g_str_equal (pspec->name, "redo-label"))
    seen->redo_label++;
}

static void
assert_notifications (Notifications *seen,
                      guint          can_undo,
                      guint          can_redo,
                      guint          undo_label,
                      guint          redo_label)
{
  g_assert_cmpuint (seen->can_undo, ==, can_undo);
  g_assert_cmpuint (seen->can_redo, ==, can_redo);
  g_assert_cmpuint (seen->undo_label, ==, undo_label);
  g_assert_cmpuint (seen->redo_label, ==, redo_label);
  *seen = (Notifications) { 0 };
}

static void
test_history_notifies_on_change (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) first = NULL;
  g_autoptr(ScholiaAnnotation) second = NULL;
  g_autoptr(GError) error = NULL;
  Notifications seen = { 0 };
  g_autofree char *label = NULL;

  g_signal_connect (fixture->editor, "notify", G_CALLBACK (on_notify_cb), &seen);

  first = annotate (fixture, 0, 10, NULL, NULL);
  assert_notifications (&seen, 1, 0, 1, 0);

  /* Same label on top, still undoable: nothing to tell. */
  second = annotate (fixture, 20, 30, NULL, NULL);
  assert_notifications (&seen, 0, 0, 0, 0);

  g_assert_true (scholia_editor_set_note (fixture->editor, second, "One", &error));
  assert_notifications (&seen, 0, 0, 1, 0);
  g_assert_true (scholia_editor_set_note (fixture->editor, second, "One two", &error));
  g_assert_no_error (error);
  assert_notifications (&seen, 0, 0, 0, 0);

  undo (fixture);   /* note edit → highlight on top, note edit to redo */
  assert_notifications (&seen, 0, 1, 1, 1);
  undo (fixture);   /* highlight still on top; redo label unchanged */
  assert_notifications (&seen, 0, 0, 0, 1);
  undo (fixture);   /* nothing left to undo */
  assert_notifications (&seen, 1, 0, 1, 0);
  g_object_get (fixture->editor, "undo-label", &label, NULL);
  g_assert_null (label);

  redo (fixture);
  assert_notifications (&seen, 1, 0, 1, 0);

  /* A new step drops the redo stack. */
  g_assert_true (scholia_editor_add_label (fixture->editor, first, SCHOLIA_LABEL (tag (fixture, "thesis")), &error));
  g_assert_no_error (error);
  assert_notifications (&seen, 0, 1, 1, 1);

  scholia_editor_close_group (fixture->editor);
  assert_notifications (&seen, 0, 0, 0, 0);

  scholia_editor_clear_history (fixture->editor);
  assert_notifications (&seen, 1, 0, 1, 0);
  scholia_editor_clear_history (fixture->editor);
  assert_notifications (&seen, 0, 0, 0, 0);

  g_signal_handlers_disconnect_by_func (fixture->editor, on_notify_cb, &seen);
}

static void
test_delete_tag_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) first = annotate (fixture, 0, 10, tag (fixture, "evidence"), NULL);
  g_autoptr(ScholiaAnnotation) second = annotate (fixture, 20, 30, tag (fixture, "thesis"), NULL);
  g_autoptr(ScholiaLabel) evidence = g_object_ref (tag (fixture, "evidence"));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *names = NULL;
  gint64 evidence_id = scholia_label_get_id (evidence);

  /* evidence is carried first by `second`: its order must come back too. */
  g_assert_true (scholia_editor_remove_label (fixture->editor, second, SCHOLIA_LABEL (tag (fixture, "thesis")), &error));
  g_assert_true (scholia_editor_add_label (fixture->editor, second, evidence, &error));
  g_assert_true (scholia_editor_add_label (fixture->editor, second, SCHOLIA_LABEL (tag (fixture, "thesis")), &error));
  g_assert_no_error (error);
  before = describe_file (fixture->path);

  g_assert_true (scholia_editor_delete_label (fixture->editor, evidence, &error));
  g_assert_no_error (error);
  g_assert_null (scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, evidence_id));
  g_assert_false (scholia_annotation_has_tag (first, evidence_id));
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Delete Tag");
  after = describe_file (fixture->path);
  g_assert_null (strstr (after, "evidence"));

  undo (fixture);
  g_assert_true (scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, evidence_id) == evidence);
  g_assert_cmpint (scholia_label_get_position (evidence), ==, 1);
  names = tag_names (fixture->store, second);
  g_assert_cmpstr (names, ==, "evidence,thesis");
  restored = describe_file (fixture->path);
  g_assert_cmpstr (restored, ==, before);

  redo (fixture);
  g_clear_pointer (&after, g_free);
  after = describe_file (fixture->path);
  g_assert_null (strstr (after, "evidence"));
}

static void
test_merge_tags_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  ScholiaLabel *thesis = tag (fixture, "thesis");
  ScholiaLabel *evidence = tag (fixture, "evidence");
  ScholiaLabel *counter = tag (fixture, "counter-argument");
  g_autoptr(ScholiaAnnotation) only_evidence = annotate (fixture, 0, 10, evidence, NULL);
  g_autoptr(ScholiaAnnotation) both = annotate (fixture, 20, 30, evidence, NULL);
  g_autoptr(ScholiaAnnotation) only_thesis = annotate (fixture, 40, 50, thesis, NULL);
  g_autoptr(ScholiaLabel) kept_evidence = g_object_ref (evidence);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *names = NULL;

  g_assert_true (scholia_editor_add_label (fixture->editor, both, counter, &error));
  g_assert_true (scholia_editor_add_label (fixture->editor, both, thesis, &error));
  g_assert_no_error (error);
  before = describe_file (fixture->path);

  g_assert_true (scholia_editor_merge_labels (fixture->editor, evidence, thesis, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Tag Merge");
  names = tag_names (fixture->store, only_evidence);
  g_assert_cmpstr (names, ==, "thesis");
  g_clear_pointer (&names, g_free);
  names = tag_names (fixture->store, both);
  g_assert_cmpstr (names, ==, "counter-argument,thesis");
  g_clear_pointer (&names, g_free);
  merged = describe_file (fixture->path);

  undo (fixture);
  names = tag_names (fixture->store, only_evidence);
  g_assert_cmpstr (names, ==, "evidence");
  g_clear_pointer (&names, g_free);
  names = tag_names (fixture->store, both);
  g_assert_cmpstr (names, ==, "evidence,counter-argument,thesis");
  g_clear_pointer (&names, g_free);
  names = tag_names (fixture->store, only_thesis);
  g_assert_cmpstr (names, ==, "thesis");
  g_clear_pointer (&names, g_free);
  restored = describe_file (fixture->path);
  g_assert_cmpstr (restored, ==, before);

  /* Membership as the tag manager sees it. */
  {
    g_autoptr(GArray) ids = scholia_store_get_label_annotation_ids (fixture->store, kept_evidence, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 2);
    g_array_unref (ids);
    ids = scholia_store_get_label_annotation_ids (fixture->store, thesis, &error);
    g_assert_cmpuint (ids->len, ==, 2);
  }

  redo (fixture);
  g_clear_pointer (&restored, g_free);
  restored = describe_file (fixture->path);
  g_assert_cmpstr (restored, ==, merged);
}

static ScholiaLabel *
add_theme (Fixture    *fixture,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *theme = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, name, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (theme);
  return theme;
}

static void
give_themes (Fixture           *fixture,
             ScholiaAnnotation *annotation,
             ScholiaLabel      *first,
             ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first);
  for (ScholiaLabel *theme = first; theme != NULL; theme = va_arg (args, ScholiaLabel *))
    {
      g_assert_true (scholia_editor_add_label (fixture->editor, annotation, theme, &error));
      g_assert_no_error (error);
    }
  va_end (args);
}

static void
assert_theme_names (Fixture           *fixture,
                    ScholiaAnnotation *annotation,
                    const char        *expected)
{
  g_autofree char *names = theme_names (fixture->store, annotation);

  g_assert_cmpstr (names, ==, expected);
}

static void
test_delete_theme_undo (Fixture       *fixture,
                        gconstpointer  data)
{
  ScholiaLabel *famine = add_theme (fixture, "famine");
  ScholiaLabel *grain = add_theme (fixture, "grain trade");
  ScholiaLabel *council = add_theme (fixture, "town council");
  g_autoptr(ScholiaLabel) kept_grain = g_object_ref (grain);
  g_autoptr(ScholiaAnnotation) first = annotate (fixture, 0, 10, NULL, NULL);
  g_autoptr(ScholiaAnnotation) second = annotate (fixture, 20, 30, NULL, NULL);
  g_autoptr(ScholiaAnnotation) untouched = annotate (fixture, 40, 50, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *restored = NULL;
  gint64 grain_id = scholia_label_get_id (grain);

  /* grain trade stands first on one and in the middle of the other: both orders come back. */
  give_themes (fixture, first, grain, famine, NULL);
  give_themes (fixture, second, council, grain, famine, NULL);
  give_themes (fixture, untouched, council, NULL);
  before = describe_file (fixture->path);

  g_assert_true (scholia_editor_delete_label (fixture->editor, grain, &error));
  g_assert_no_error (error);
  g_assert_null (scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_THEME, grain_id));
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Delete Theme");
  assert_theme_names (fixture, first, "famine");
  assert_theme_names (fixture, second, "town council,famine");
  after = describe_file (fixture->path);
  g_assert_null (strstr (after, "grain trade"));

  undo (fixture);
  g_assert_true (scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_THEME, grain_id) == kept_grain);
  g_assert_cmpint (scholia_label_get_position (kept_grain), ==, 1);
  assert_theme_names (fixture, first, "grain trade,famine");
  assert_theme_names (fixture, second, "town council,grain trade,famine");
  assert_theme_names (fixture, untouched, "town council");
  restored = describe_file (fixture->path);
  g_assert_cmpstr (restored, ==, before);
  g_assert_cmpstr (scholia_editor_get_redo_label (fixture->editor), ==, "Redo Delete Theme");

  redo (fixture);
  g_clear_pointer (&restored, g_free);
  restored = describe_file (fixture->path);
  g_assert_cmpstr (restored, ==, after);
}

static void
test_merge_themes_undo (Fixture       *fixture,
                        gconstpointer  data)
{
  ScholiaLabel *famine = add_theme (fixture, "famine");
  ScholiaLabel *grain = add_theme (fixture, "grain trade");
  ScholiaLabel *council = add_theme (fixture, "town council");
  g_autoptr(ScholiaLabel) kept_grain = g_object_ref (grain);
  g_autoptr(ScholiaAnnotation) only_grain = annotate (fixture, 0, 10, NULL, NULL);
  g_autoptr(ScholiaAnnotation) both = annotate (fixture, 20, 30, NULL, NULL);
  g_autoptr(ScholiaAnnotation) only_famine = annotate (fixture, 40, 50, NULL, NULL);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *restored = NULL;

  give_themes (fixture, only_grain, grain, NULL);
  give_themes (fixture, both, grain, council, famine, NULL);
  give_themes (fixture, only_famine, famine, NULL);
  before = describe_file (fixture->path);

  /* Merging a theme into itself is nothing to undo. */
  g_assert_true (scholia_editor_merge_labels (fixture->editor, famine, famine, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Add Theme");

  g_assert_true (scholia_editor_merge_labels (fixture->editor, grain, famine, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Theme Merge");
  assert_theme_names (fixture, only_grain, "famine");
  assert_theme_names (fixture, both, "town council,famine");
  ids = scholia_store_get_label_annotation_ids (fixture->store, famine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_clear_pointer (&ids, g_array_unref);
  merged = describe_file (fixture->path);

  undo (fixture);
  assert_theme_names (fixture, only_grain, "grain trade");
  assert_theme_names (fixture, both, "grain trade,town council,famine");
  assert_theme_names (fixture, only_famine, "famine");
  ids = scholia_store_get_label_annotation_ids (fixture->store, kept_grain, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);
  ids = scholia_store_get_label_annotation_ids (fixture->store, famine, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  restored = describe_file (fixture->path);
  g_assert_cmpstr (restored, ==, before);

  redo (fixture);
  g_clear_pointer (&restored, g_free);
  restored = describe_file (fixture->path);
  g_assert_cmpstr (restored, ==, merged);

  /* A theme deleted meanwhile does not stop the merge from being redone. */
  undo (fixture);
  g_assert_true (scholia_store_delete_label (fixture->store, council, &error));
  g_assert_no_error (error);
  redo (fixture);
  assert_theme_names (fixture, both, "famine");
}

static void
test_theme_gone_is_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  ScholiaLabel *famine = add_theme (fixture, "famine");
  g_autoptr(ScholiaLabel) gone = g_object_ref (add_theme (fixture, "grain trade"));
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_store_delete_label (fixture->store, gone, &error));
  g_assert_no_error (error);

  g_assert_false (scholia_editor_delete_label (fixture->editor, gone, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (scholia_editor_merge_labels (fixture->editor, gone, famine, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (scholia_editor_merge_labels (fixture->editor, famine, gone, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_assert_false (scholia_editor_get_can_undo (fixture->editor));
}

static void
test_undo_after_document_deleted (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, 0, 10, NULL, NULL);
  g_autoptr(ScholiaAnnotation) elsewhere = NULL;
  g_autoptr(GError) error = NULL;
  ScholiaDocument *other;
  gint64 tag_id;

  g_assert_true (scholia_editor_set_note (fixture->editor, annotation, "Soon gone", &error));
  g_assert_no_error (error);

  other = scholia_store_add_document (fixture->store, "Ledgers", "Ottilie Brand", NULL, NULL, essay, NULL, &error);
  g_assert_no_error (error);
  tag_id = scholia_label_get_id (SCHOLIA_LABEL (tag (fixture, "thesis")));
  elsewhere = scholia_editor_annotate (fixture->editor, other, 0, 12, &tag_id, 1, NULL, &error);
  g_assert_no_error (error);
  scholia_editor_close_group (fixture->editor);

  g_assert_true (scholia_store_delete_document (fixture->store, fixture->document, &error));
  g_assert_no_error (error);
  fixture->document = NULL;

  /* The newest step is in the other document and still works. */
  undo (fixture);
  g_assert_cmpuint (count_annotations (fixture->store), ==, 0);
  redo (fixture);
  g_assert_cmpuint (count_annotations (fixture->store), ==, 1);
  undo (fixture);

  /* The note edit cannot be undone: it fails, is dropped, and the history goes on. */
  g_assert_false (scholia_editor_undo (fixture->editor, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Highlight");
  g_assert_true (scholia_editor_get_can_redo (fixture->editor));

  g_assert_false (scholia_editor_undo (fixture->editor, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (scholia_editor_get_can_undo (fixture->editor));

  /* The redo stack was untouched by the failures. */
  redo (fixture);
  g_assert_cmpuint (count_annotations (fixture->store), ==, 1);
  g_assert_false (scholia_editor_get_can_redo (fixture->editor));
  undo (fixture);
  g_assert_cmpuint (count_annotations (fixture->store), ==, 0);
}

static void
test_history_is_capped (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, 0, 10, NULL, NULL);
  g_autoptr(GError) error = NULL;
  ScholiaLabel *thesis = tag (fixture, "thesis");
  guint undone = 0;

  for (guint i = 0; i < 520; i++)
    {
      g_assert_true (scholia_editor_toggle_label (fixture->editor, annotation, thesis, &error));
      g_assert_no_error (error);
    }
  while (scholia_editor_get_can_undo (fixture->editor))
    {
      undo (fixture);
      undone++;
    }
  g_assert_cmpuint (undone, ==, 500);
  g_assert_cmpuint (count_annotations (fixture->store), ==, 1);
}

/* annotate ×3, a note, a tag, a delete and a merge, all undone, then all redone. */
static void
test_history_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) first = NULL;
  g_autoptr(ScholiaAnnotation) second = NULL;
  g_autoptr(ScholiaAnnotation) third = NULL;
  g_autoptr(ScholiaAnnotation) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *initial = NULL;
  g_autofree char *final = NULL;
  g_autofree char *state = NULL;
  gint64 pair[2];
  guint steps = 0;

  /* Something that was there before the session, untouched by history. */
  pair[0] = scholia_label_get_id (SCHOLIA_LABEL (tag (fixture, "source-reference")));
  pair[1] = scholia_label_get_id (SCHOLIA_LABEL (tag (fixture, "evidence")));
  existing = scholia_store_add_annotation (fixture->store, fixture->document, 100, 120, pair, 2,
                                           NULL, 0, "Before", &error);
  g_assert_no_error (error);
  initial = describe_library (fixture->store, fixture->document, fixture->annotations);

  first = annotate (fixture, 0, 10, tag (fixture, "thesis"), NULL);
  second = annotate (fixture, 20, 30, tag (fixture, "evidence"), "Barges");
  third = annotate (fixture, 40, 50, NULL, NULL);
  g_assert_true (scholia_editor_set_note (fixture->editor, third, "Autumn", &error));
  g_assert_true (scholia_editor_add_label (fixture->editor, third, SCHOLIA_LABEL (tag (fixture, "counter-argument")), &error));
  g_assert_true (scholia_editor_delete_annotation (fixture->editor, first, &error));
  g_assert_true (scholia_editor_merge_labels (fixture->editor, SCHOLIA_LABEL (tag (fixture, "evidence")),
                                            SCHOLIA_LABEL (tag (fixture, "source-reference")), &error));
  g_assert_no_error (error);
  final = describe_library (fixture->store, fixture->document, fixture->annotations);

  while (scholia_editor_get_can_undo (fixture->editor))
    {
      undo (fixture);
      steps++;
    }
  g_assert_cmpuint (steps, ==, 7);
  state = describe_library (fixture->store, fixture->document, fixture->annotations);
  g_assert_cmpstr (state, ==, initial);
  g_clear_pointer (&state, g_free);
  state = describe_file (fixture->path);
  g_assert_cmpstr (state, ==, initial);
  g_clear_pointer (&state, g_free);

  while (scholia_editor_get_can_redo (fixture->editor))
    redo (fixture);
  state = describe_library (fixture->store, fixture->document, fixture->annotations);
  g_assert_cmpstr (state, ==, final);
  g_clear_pointer (&state, g_free);
  state = describe_file (fixture->path);
  g_assert_cmpstr (state, ==, final);
}

/* Four highlights, one carrying "evidence" already and a note; the history starts empty, so
 * that a bulk action is the only step. */
static GPtrArray *
annotate_four (Fixture *fixture)
{
  GPtrArray *annotations = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (annotations, annotate (fixture, 0, 9, tag (fixture, "thesis"), "The claim"));
  g_ptr_array_add (annotations, annotate (fixture, 14, 21, tag (fixture, "evidence"), NULL));
  g_ptr_array_add (annotations, annotate (fixture, 94, 107, NULL, "Brand's count"));
  g_ptr_array_add (annotations, annotate (fixture, 176, 190, NULL, NULL));
  scholia_editor_clear_history (fixture->editor);
  return annotations;
}

/* The first three of @annotations. */
static GPtrArray *
first_three (GPtrArray *annotations)
{
  GPtrArray *chosen = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (chosen, g_object_ref (g_ptr_array_index (annotations, i)));
  return chosen;
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* One undo of the newest step gives back @before, in memory and in the file, and leaves
 * nothing more to undo; redo gives @after again. */
static void
assert_one_step (Fixture    *fixture,
                 const char *before,
                 const char *after,
                 const char *undo_label)
{
  g_autofree char *undone = NULL;
  g_autofree char *undone_file = NULL;
  g_autofree char *redone = NULL;

  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, undo_label);
  undo (fixture);
  g_assert_false (scholia_editor_get_can_undo (fixture->editor));
  undone = describe_library (fixture->store, fixture->document, fixture->annotations);
  undone_file = describe_file (fixture->path);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpstr (undone_file, ==, before);
  redo (fixture);
  redone = describe_file (fixture->path);
  g_assert_cmpstr (redone, ==, after);
}

static void
test_bulk_add_tag (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = annotate_four (fixture);
  g_autoptr(GPtrArray) chosen = first_three (annotations);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe_file (fixture->path);
  g_autofree char *after = NULL;

  g_assert_true (scholia_editor_add_label_to_all (fixture->editor, chosen, tag (fixture, "evidence"), &error));
  g_assert_no_error (error);

  /* The three carry it once each (the one that had it keeps its place); the fourth has not. */
  after = describe_file (fixture->path);
  g_assert_nonnull (strstr (after, "0-9 [thesis,evidence]"));
  g_assert_nonnull (strstr (after, "14-21 [evidence]"));
  g_assert_nonnull (strstr (after, "94-107 [evidence]"));
  g_assert_nonnull (strstr (after, "176-190 []"));
  assert_one_step (fixture, before, after, "Undo Add Tag");

  /* Adding it again changes nothing and adds no step. */
  g_assert_true (scholia_editor_add_label_to_all (fixture->editor, chosen, tag (fixture, "evidence"), &error));
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Add Tag");
  undo (fixture);
  g_assert_false (scholia_editor_get_can_undo (fixture->editor));
}

static void
test_bulk_themes (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = annotate_four (fixture);
  g_autoptr(GPtrArray) chosen = first_three (annotations);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ScholiaLabel *theme;

  theme = scholia_editor_create_label (fixture->editor, SCHOLIA_TYPE_THEME, "Grain trade", NULL, NULL, &error);
  g_assert_no_error (error);
  scholia_editor_clear_history (fixture->editor);
  before = describe_file (fixture->path);

  g_assert_true (scholia_editor_add_label_to_all (fixture->editor, chosen, theme, &error));
  g_assert_no_error (error);
  after = describe_file (fixture->path);
  g_assert_cmpuint (count_occurrences (after, "themes=[Grain trade]"), ==, 3);
  assert_one_step (fixture, before, after, "Undo Add to Theme");

  /* Taking two of them out again is one step too. */
  g_ptr_array_remove_index (chosen, 0);
  g_assert_true (scholia_editor_remove_label_from_all (fixture->editor, chosen, theme, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = g_strdup (after);
  g_clear_pointer (&after, g_free);
  after = describe_file (fixture->path);
  g_assert_nonnull (strstr (after, "0-9 [thesis] themes=[Grain trade]"));
  g_assert_nonnull (strstr (after, "14-21 [evidence] themes=[]"));
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Remove from Theme");
  undo (fixture);
  g_clear_pointer (&after, g_free);
  after = describe_file (fixture->path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_bulk_delete (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = annotate_four (fixture);
  g_autoptr(GPtrArray) chosen = first_three (annotations);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe_file (fixture->path);
  g_autofree char *after = NULL;

  g_assert_true (scholia_editor_delete_annotations (fixture->editor, chosen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (fixture->store), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->annotations), ==, 1);
  after = describe_file (fixture->path);

  /* Undo brings all three back with their ids, uuids, tags and notes. */
  assert_one_step (fixture, before, after, "Undo Delete Highlights");
  g_assert_cmpuint (count_annotations (fixture->store), ==, 1);
}

/* A bulk step whose second change cannot be made leaves the first undone too, and no step. */
static void
test_bulk_failure_changes_nothing (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) annotations = annotate_four (fixture);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ScholiaAnnotation) elsewhere = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ScholiaDocument *other;

  other = scholia_store_add_document (fixture->store, "Barges", "Ottilie Brand", "1864", NULL,
                                      "Forty barges came in the spring.", NULL, &error);
  g_assert_no_error (error);
  elsewhere = scholia_store_add_annotation (fixture->store, other, 0, 5, NULL, 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_delete_document (fixture->store, other, &error));
  g_assert_no_error (error);
  before = describe_file (fixture->path);

  g_ptr_array_add (chosen, g_object_ref (g_ptr_array_index (annotations, 0)));
  g_ptr_array_add (chosen, g_object_ref (elsewhere));
  g_assert_false (scholia_editor_delete_annotations (fixture->editor, chosen, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_assert_false (scholia_editor_get_can_undo (fixture->editor));
  after = describe_file (fixture->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->annotations), ==, 4);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static void
test_replace_text_undo_and_redo (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autofree char *revised = g_strconcat ("A foreword to the second edition.\n\n", essay, NULL);
  g_autofree char *text = NULL;
  ScholiaRevision *revision;
  int start = g_utf8_pointer_to_offset (essay, strstr (essay, "forty barges"));
  int moved = start + g_utf8_strlen ("A foreword to the second edition.\n\n", -1);

  annotation = scholia_editor_annotate (fixture->editor, fixture->document, start, start + 12, NULL, 0,
                                        NULL, &error);
  g_assert_no_error (error);

  revision = scholia_revision_apply (fixture->store, fixture->document, revised, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_editor_record_revision (fixture->editor, revision, &error));
  g_assert_no_error (error);
  g_assert_cmpint (scholia_annotation_get_start (annotation), ==, moved);
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Replace Text");

  /* Undo puts the old text and the annotation's place back… */
  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_no_error (error);
  text = scholia_store_load_text (fixture->store, fixture->document, &error);
  g_assert_cmpstr (text, ==, essay);
  g_assert_cmpint (scholia_annotation_get_start (annotation), ==, start);
  g_clear_pointer (&text, g_free);

  /* …and redo applies the revised text again; the highlight step below is still there. */
  g_assert_true (scholia_editor_redo (fixture->editor, &error));
  g_assert_no_error (error);
  text = scholia_store_load_text (fixture->store, fixture->document, &error);
  g_assert_cmpstr (text, ==, revised);
  g_assert_cmpint (scholia_annotation_get_start (annotation), ==, moved);
  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_cmpuint (g_list_model_get_n_items (fixture->annotations), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/editor/annotate/undo-removes-redo-restores-same-id", test_annotate_undo_redo);
  ADD ("/editor/annotate/failure-records-nothing", test_annotate_failure_records_nothing);
  ADD ("/editor/delete/undo-restores-note-and-tags", test_delete_undo_restores_note_and_tags);
  ADD ("/editor/delete/undo-after-tag-merge-keeps-tags", test_delete_undo_after_merge);
  ADD ("/editor/tags/add-remove-toggle-undo-redo", test_tags_add_remove);
  ADD ("/editor/note/consecutive-edits-are-one-step", test_note_edits_coalesce);
  ADD ("/editor/note/typed-back-leaves-nothing-to-undo", test_note_typed_back_leaves_nothing);
  ADD ("/editor/history/new-edit-clears-redo", test_new_edit_clears_redo);
  ADD ("/editor/history/notifies-only-on-change", test_history_notifies_on_change);
  ADD ("/editor/tags/delete-undo-restores-place-and-annotations", test_delete_tag_undo);
  ADD ("/editor/tags/merge-undo-restores-membership", test_merge_tags_undo);
  ADD ("/editor/themes/delete-undo-restores-place-and-order", test_delete_theme_undo);
  ADD ("/editor/themes/merge-undo-restores-membership", test_merge_themes_undo);
  ADD ("/editor/themes/deleted-theme-is-refused", test_theme_gone_is_refused);
  ADD ("/editor/history/undo-after-document-deleted", test_undo_after_document_deleted);
  ADD ("/editor/history/capped", test_history_is_capped);
  ADD ("/editor/history/full-undo-and-redo-round-trip", test_history_round_trip);
  ADD ("/editor/revision/replace-text-undo-and-redo", test_replace_text_undo_and_redo);
  ADD ("/editor/bulk/add-tag-is-one-step", test_bulk_add_tag);
  ADD ("/editor/bulk/add-and-remove-theme-are-one-step-each", test_bulk_themes);
  ADD ("/editor/bulk/delete-is-one-step", test_bulk_delete);
  ADD ("/editor/bulk/failure-changes-nothing", test_bulk_failure_changes_nothing);

  return g_test_run ();
}
