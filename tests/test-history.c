/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-command-annotation.h"
#include "scholia-command-document.h"
#include "scholia-command-label.h"
#include "scholia-editor.h"
#include "scholia-error.h"
#include "scholia-revision.h"
#include "test-files.h"

/* Every kind of command, done, undone and redone through the history, with the library file
 * read back by SQLite after each step: undo must leave the rows as they were. */

static const char essay[] =
  "The grain reached Tessaly by barge, the mayor claimed, though the dockers’ ledgers disagree. "
  "Ottilie Brand counted forty barges in the spring of 1862 and none in the autumn. "
  "Her figures were never printed; the town council preferred the mayor’s account.";

typedef struct
{
  char              *dir;
  char              *path;
  ScholiaStore      *store;
  ScholiaEditor     *editor;
  ScholiaHistory    *history;
  ScholiaDocument   *document;
  ScholiaLabel      *famine;
  ScholiaLabel      *tolls;
  ScholiaAnnotation *annotation;   /* "forty barges": thesis, evidence; famine; a note */
} Fixture;

static ScholiaLabel *
tag (Fixture    *fixture,
     const char *name)
{
  ScholiaLabel *found = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, name, NULL);

  g_assert_nonnull (found);
  return found;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pages = scholia_page_ranges_new ();
  ScholiaPageRange page = { 0, 94, g_strdup ("1") };
  gint64 tag_ids[2];
  gint64 theme_id;
  int start = g_utf8_pointer_to_offset (essay, strstr (essay, "forty barges"));

  g_array_append_val (pages, page);
  page = (ScholiaPageRange) { 94, g_utf8_strlen (essay, -1), g_strdup ("2") };
  g_array_append_val (pages, page);

  fixture->dir = test_tmp_dir_new ("scholia-history-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->editor = scholia_editor_new (fixture->store);
  fixture->history = scholia_editor_get_history (fixture->editor);
  fixture->document = scholia_store_add_document (fixture->store, "Grain at Tessaly", "Ottilie Brand",
                                                  "1863", "Dock ledgers", essay, pages, &error);
  g_assert_no_error (error);
  fixture->famine = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Famine", NULL,
                                              "Hunger and prices", &error);
  g_assert_no_error (error);
  fixture->tolls = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Tolls", NULL, NULL, &error);
  g_assert_no_error (error);

  tag_ids[0] = scholia_label_get_id (tag (fixture, "thesis"));
  tag_ids[1] = scholia_label_get_id (tag (fixture, "evidence"));
  theme_id = scholia_label_get_id (fixture->famine);
  fixture->annotation = scholia_store_add_annotation (fixture->store, fixture->document, start, start + 12,
                                                      tag_ids, 2, &theme_id, 1, "Counted by hand", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->annotation);
  g_assert_finalize_object (fixture->editor);
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* The rows a user's change can touch, as a second connection reads them. Only "modified"
 * is left out: undoing is a change too, and it may fall in a later second. Authors are
 * compared by name, since one that comes back may get a new id. */
static char *
dump_library (const char *path)
{
  static const char *queries[] = {
    "SELECT group_concat(r, char(10)) FROM (SELECT d.id || '|' || d.uuid || '|' || d.title || '|' ||"
    " ifnull(a.name, '') || '|' || d.date || '|' || d.source || '|' || d.text || '|' || d.characters ||"
    " '|' || d.checksum || '|' || d.created || '|' || d.language AS r"
    " FROM documents d LEFT JOIN authors a ON a.id = d.author_id ORDER BY d.id)",
    "SELECT group_concat(r, char(10)) FROM (SELECT name || '|' || sort_key AS r FROM authors ORDER BY name)",
    "SELECT group_concat(r, char(10)) FROM (SELECT document_id || '|' || start_offset || '|' ||"
    " end_offset || '|' || label AS r FROM document_pages ORDER BY document_id, start_offset)",
    "SELECT group_concat(r, char(10)) FROM (SELECT id || '|' || name || '|' || colour || '|' ||"
    " description || '|' || position || '|' || builtin AS r FROM tags ORDER BY id)",
    "SELECT group_concat(r, char(10)) FROM (SELECT id || '|' || name || '|' || colour || '|' ||"
    " description || '|' || position AS r FROM themes ORDER BY id)",
    "SELECT group_concat(r, char(10)) FROM (SELECT id || '|' || uuid || '|' || document_id || '|' ||"
    " start_offset || '|' || end_offset || '|' || scholia_passage(0, quote, document_id, start_offset, end_offset) || '|'"
    " || scholia_passage(1, prefix, document_id, start_offset, end_offset) || '|' || scholia_passage(2, suffix, document_id, start_offset, end_offset) || '|' ||"
    " note || '|' || orphaned || '|' || created AS r FROM annotations ORDER BY id)",
    "SELECT group_concat(r, char(10)) FROM (SELECT annotation_id || '|' || tag_id || '|' || position"
    " AS r FROM annotation_tags ORDER BY annotation_id, tag_id)",
    "SELECT group_concat(r, char(10)) FROM (SELECT annotation_id || '|' || theme_id || '|' || position"
    " AS r FROM annotation_themes ORDER BY annotation_id, theme_id)",
    "SELECT group_concat(rowid, ',') FROM documents_fts WHERE documents_fts MATCH 'barges OR harbour'",
    "SELECT group_concat(rowid, ',') FROM notes_fts WHERE notes_fts MATCH 'hand OR ledgers'",
  };
  GString *dump = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = test_sql_text (path, queries[i]);

      g_string_append_printf (dump, "[%u]\n%s\n", i, rows != NULL ? rows : "");
    }
  return g_string_free (dump, FALSE);
}

static void
undo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_history_undo (fixture->history, &error));
  g_assert_no_error (error);
}

static void
redo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_history_redo (fixture->history, &error));
  g_assert_no_error (error);
}

/* Performs @command (taken) and checks apply → revert → apply → revert: the rows after each
 * revert are those before, after each apply those of the first. Returns the command, applied
 * again, for the caller to look at. */
static ScholiaCommand *
round_trip (Fixture        *fixture,
            ScholiaCommand *command,
            const char     *label)
{
  g_autoptr(ScholiaCommand) owned = command;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_library (fixture->path);
  g_autofree char *after = NULL;
  g_autofree char *undo_label = g_strdup_printf ("Undo %s", label);
  g_autofree char *redo_label = g_strdup_printf ("Redo %s", label);

  g_assert_nonnull (command);
  g_assert_cmpstr (scholia_command_get_label (command), ==, label);

  g_assert_true (scholia_history_perform (fixture->history, command, &error));
  g_assert_no_error (error);
  g_assert_true (scholia_history_peek_undo (fixture->history) == command);
  g_assert_cmpstr (scholia_history_get_undo_label (fixture->history), ==, undo_label);
  after = dump_library (fixture->path);
  g_assert_cmpstr (after, !=, before);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *reverted = NULL;
      g_autofree char *applied = NULL;

      undo (fixture);
      reverted = dump_library (fixture->path);
      g_assert_cmpstr (reverted, ==, before);
      g_assert_cmpstr (scholia_history_get_redo_label (fixture->history), ==, redo_label);
      g_assert_true (scholia_history_peek_redo (fixture->history) == command);

      redo (fixture);
      applied = dump_library (fixture->path);
      g_assert_cmpstr (applied, ==, after);
    }

  return g_steal_pointer (&owned);
}

static void
assert_place_passage (ScholiaCommand *command,
                      gint64          document_id,
                      int             start,
                      int             end)
{
  ScholiaCommandPlace place;

  scholia_command_get_place (command, &place);
  g_assert_cmpint (place.kind, ==, SCHOLIA_COMMAND_PLACE_DOCUMENT);
  g_assert_cmpint (place.document_id, ==, document_id);
  g_assert_cmpint (place.start, ==, start);
  g_assert_cmpint (place.end, ==, end);
}

static void
assert_place_label (ScholiaCommand *command,
                    GType           type,
                    gint64          id)
{
  ScholiaCommandPlace place;

  scholia_command_get_place (command, &place);
  g_assert_cmpint (place.kind, ==, SCHOLIA_COMMAND_PLACE_LABEL);
  g_assert_true (place.label_type == type);
  g_assert_cmpint (place.label_id, ==, id);
}

static void
test_create_annotation (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 tag_id = scholia_label_get_id (SCHOLIA_LABEL (tag (fixture, "counter-argument")));
  g_autoptr(ScholiaCommand) command = NULL;
  ScholiaAnnotation *annotation;

  command = round_trip (fixture,
                        scholia_create_annotation_command_new (fixture->store, fixture->document, 4, 9,
                                                               &tag_id, 1, "The grain"),
                        "Highlight");
  annotation = scholia_create_annotation_command_get_annotation (SCHOLIA_CREATE_ANNOTATION_COMMAND (command));
  g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, "grain");
  assert_place_passage (command, scholia_document_get_id (fixture->document), 4, 9);
}

static void
test_delete_annotation (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ScholiaCommand) command = NULL;
  int start = scholia_annotation_get_start (fixture->annotation);

  command = round_trip (fixture, scholia_delete_annotation_command_new (fixture->store, fixture->annotation),
                        "Delete Highlight");
  assert_place_passage (command, scholia_document_get_id (fixture->document), start, start + 12);
}

static void
test_relabel_annotation (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 thesis = scholia_label_get_id (tag (fixture, "thesis"));
  gint64 source = scholia_label_get_id (SCHOLIA_LABEL (tag (fixture, "source-reference")));
  gint64 famine = scholia_label_get_id (fixture->famine);
  gint64 tolls = scholia_label_get_id (fixture->tolls);
  int start = scholia_annotation_get_start (fixture->annotation);
  struct
  {
    GType       type;
    gint64      id;
    gboolean    add;
    const char *label;
  } cases[] = {
    { SCHOLIA_TYPE_TAG, source, TRUE, "Add Tag" },
    { SCHOLIA_TYPE_TAG, thesis, FALSE, "Remove Tag" },
    { SCHOLIA_TYPE_THEME, tolls, TRUE, "Add Theme" },
    { SCHOLIA_TYPE_THEME, famine, FALSE, "Remove Theme" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ScholiaCommand) command = NULL;

      command = round_trip (fixture,
                            scholia_relabel_annotation_command_new (fixture->store, fixture->annotation,
                                                                    cases[i].type, cases[i].id, cases[i].add),
                            cases[i].label);
      assert_place_passage (command, scholia_document_get_id (fixture->document), start, start + 12);
      undo (fixture);
    }

  /* Adding what it carries, or removing what it does not, is no command. */
  g_assert_null (scholia_relabel_annotation_command_new (fixture->store, fixture->annotation,
                                                         SCHOLIA_TYPE_TAG, thesis, TRUE));
  g_assert_null (scholia_relabel_annotation_command_new (fixture->store, fixture->annotation,
                                                         SCHOLIA_TYPE_THEME, tolls, FALSE));
}

static void
test_note (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(ScholiaCommand) command = NULL;

  command = round_trip (fixture, scholia_note_command_new (fixture->store, fixture->annotation, "Ledgers agree"),
                        "Note Edit");
  g_assert_cmpstr (scholia_annotation_get_note (fixture->annotation), ==, "Ledgers agree");
}

static void
test_attach_annotation (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaCommand) command = NULL;
  int start = scholia_annotation_get_start (fixture->annotation);

  /* An unplaced annotation, as a revised text leaves one. */
  g_assert_true (scholia_store_set_annotation_anchor (fixture->store, fixture->annotation, start, start + 12,
                                                      TRUE, &error));
  g_assert_no_error (error);

  command = round_trip (fixture, scholia_attach_annotation_command_new (fixture->store, fixture->annotation, 4, 9),
                        "Attach Annotation");
  g_assert_false (scholia_annotation_get_orphaned (fixture->annotation));
  assert_place_passage (command, scholia_document_get_id (fixture->document), 4, 9);
  undo (fixture);
  g_assert_true (scholia_annotation_get_orphaned (fixture->annotation));
  g_assert_cmpint (scholia_annotation_get_start (fixture->annotation), ==, start);
}

static void
test_create_label (Fixture       *fixture,
                   gconstpointer  data)
{
  GType types[] = { SCHOLIA_TYPE_TAG, SCHOLIA_TYPE_THEME };
  const char *labels[] = { "New Tag", "New Theme" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(ScholiaCommand) command = NULL;
      ScholiaLabel *label;
      gint64 id;

      command = round_trip (fixture,
                            scholia_create_label_command_new (fixture->store, types[i], "harbour dues",
                                                              "#9141ac", "What ships paid"),
                            labels[i]);
      label = scholia_create_label_command_get_label (SCHOLIA_CREATE_LABEL_COMMAND (command));
      g_assert_true (G_OBJECT_TYPE (label) == types[i]);
      g_object_get (label, "id", &id, NULL);
      assert_place_label (command, types[i], id);
    }
}

static void
test_update_label (Fixture       *fixture,
                   gconstpointer  data)
{
  struct
  {
    ScholiaLabel *label;
    const char *name;
    const char *colour;
    const char *description;
    const char *command_label;
  } cases[] = {
    { tag (fixture, "evidence"), "proof", NULL, NULL, "Rename Tag" },
    { tag (fixture, "evidence"), NULL, "#9141ac", NULL, "Recolour Tag" },
    { tag (fixture, "evidence"), NULL, NULL, "Ledgers and tallies", "Describe Tag" },
    { fixture->famine, "Dearth", NULL, NULL, "Rename Theme" },
    { fixture->famine, NULL, NULL, "", "Describe Theme" },
    { fixture->tolls, "Dues", "#9141ac", "Paid at the bridge", "Edit Theme" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ScholiaCommand) command = NULL;
      gint64 id;

      g_object_get (cases[i].label, "id", &id, NULL);
      command = round_trip (fixture,
                            scholia_update_label_command_new (fixture->store, cases[i].label, cases[i].name,
                                                              cases[i].colour, cases[i].description),
                            cases[i].command_label);
      assert_place_label (command, G_OBJECT_TYPE (cases[i].label), id);
      undo (fixture);
    }

  /* Giving a label what it has is no command. */
  g_assert_null (scholia_update_label_command_new (fixture->store, fixture->tolls, "Tolls", NULL, ""));
}

static void
test_move_label (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ScholiaCommand) moved_tag = NULL;
  g_autoptr(ScholiaCommand) moved_theme = NULL;
  ScholiaLabel *thesis = tag (fixture, "thesis");

  moved_tag = round_trip (fixture, scholia_move_label_command_new (fixture->store, thesis, 2),
                          "Move Tag");
  g_assert_cmpint (scholia_label_get_position (SCHOLIA_LABEL (thesis)), ==, 2);
  assert_place_label (moved_tag, SCHOLIA_TYPE_TAG, scholia_label_get_id (SCHOLIA_LABEL (thesis)));

  moved_theme = round_trip (fixture, scholia_move_label_command_new (fixture->store, fixture->tolls, 0),
                            "Move Theme");
  g_assert_null (scholia_move_label_command_new (fixture->store, fixture->tolls, 0));
}

static void
test_delete_label (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ScholiaCommand) deleted_tag = NULL;
  g_autoptr(ScholiaCommand) deleted_theme = NULL;
  ScholiaLabel *thesis = tag (fixture, "thesis");
  gint64 thesis_id = scholia_label_get_id (SCHOLIA_LABEL (thesis));

  deleted_tag = round_trip (fixture, scholia_delete_label_command_new (fixture->store, thesis),
                            "Delete Tag");
  assert_place_label (deleted_tag, SCHOLIA_TYPE_TAG, thesis_id);
  undo (fixture);

  deleted_theme = round_trip (fixture, scholia_delete_label_command_new (fixture->store, fixture->famine),
                              "Delete Theme");
}

static void
test_merge_labels (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ScholiaCommand) merged_tags = NULL;
  g_autoptr(ScholiaCommand) merged_themes = NULL;
  ScholiaLabel *source = tag (fixture, "source-reference");

  /* Into a tag the annotation lacks, and one it has. */
  merged_tags = round_trip (fixture,
                            scholia_merge_labels_command_new (fixture->store, tag (fixture, "thesis"),
                                                              source),
                            "Tag Merge");
  assert_place_label (merged_tags, SCHOLIA_TYPE_TAG, scholia_label_get_id (SCHOLIA_LABEL (source)));
  undo (fixture);

  merged_themes = round_trip (fixture,
                              scholia_merge_labels_command_new (fixture->store, fixture->famine,
                                                                fixture->tolls),
                              "Theme Merge");
}

static void
test_update_document (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ScholiaCommand) command = NULL;
  gint64 id = scholia_document_get_id (fixture->document);

  /* A new author, who goes again on undo. */
  command = round_trip (fixture,
                        scholia_update_document_command_new (fixture->store, fixture->document, "Grain and barges",
                                                             "Jonas Brand", "", "Harbour office", NULL, NULL),
                        "Edit Properties");
  assert_place_passage (command, id, -1, -1);
  g_assert_cmpstr (scholia_document_get_author (fixture->document), ==, "Jonas Brand");

  g_assert_null (scholia_update_document_command_new (fixture->store, fixture->document, "Grain and barges",
                                                      NULL, NULL, NULL, NULL, NULL));
}

/* Issue 12: an author's sort key, edited in the essay's properties, is one undoable step, alone
 * or with a new author. */
static void
test_update_author_sort_key (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ScholiaCommand) sorted = NULL;
  g_autoptr(ScholiaCommand) renamed = NULL;

  g_assert_cmpstr (scholia_document_get_author_sort_key (fixture->document), ==, "Brand, Ottilie");
  sorted = round_trip (fixture,
                       scholia_update_document_command_new (fixture->store, fixture->document, NULL, NULL,
                                                            NULL, NULL, "Zed, Ottilie", NULL),
                       "Edit Properties");
  g_assert_cmpstr (scholia_document_get_author_sort_key (fixture->document), ==, "Zed, Ottilie");
  undo (fixture);
  g_assert_cmpstr (scholia_document_get_author_sort_key (fixture->document), ==, "Brand, Ottilie");

  /* The key already held, or "" for the guess it already has, is no change. */
  g_assert_null (scholia_update_document_command_new (fixture->store, fixture->document, NULL, NULL, NULL,
                                                      NULL, "Brand, Ottilie", NULL));
  g_assert_null (scholia_update_document_command_new (fixture->store, fixture->document, NULL, NULL, NULL,
                                                      NULL, "", NULL));

  renamed = round_trip (fixture,
                        scholia_update_document_command_new (fixture->store, fixture->document, NULL,
                                                             "Ludwig van Beethoven", NULL, NULL,
                                                             "Van Beethoven, Ludwig", NULL),
                        "Edit Properties");
  g_assert_cmpstr (scholia_document_get_author (fixture->document), ==, "Ludwig van Beethoven");
  g_assert_cmpstr (scholia_document_get_author_sort_key (fixture->document), ==, "Van Beethoven, Ludwig");
}

/* Issue 12: an essay's language is one undoable step, its index rebuilt both ways. */
static void
test_update_language (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ScholiaCommand) command = NULL;

  g_assert_cmpstr (scholia_document_get_language (fixture->document), ==, "en");
  command = round_trip (fixture,
                        scholia_update_document_command_new (fixture->store, fixture->document, NULL, NULL,
                                                             NULL, NULL, NULL, "de"),
                        "Edit Properties");
  g_assert_cmpstr (scholia_document_get_language (fixture->document), ==, "de");
  g_assert_null (scholia_update_document_command_new (fixture->store, fixture->document, NULL, NULL, NULL,
                                                      NULL, NULL, "de"));
}

static void
test_delete_document (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ScholiaCommand) command = NULL;
  gint64 id = scholia_document_get_id (fixture->document);

  command = round_trip (fixture, scholia_delete_document_command_new (fixture->store, fixture->document),
                        "Delete Essay");
  fixture->document = NULL;
  assert_place_passage (command, id, -1, -1);
  g_assert_null (scholia_store_lookup_document (fixture->store, id));

  /* Undone, the essay is back under its id, with its annotation. */
  undo (fixture);
  g_assert_nonnull (scholia_store_lookup_document (fixture->store, id));
  g_assert_cmpuint (scholia_document_get_annotation_count (scholia_store_lookup_document (fixture->store, id)), ==, 1);
}

static void
test_replace_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaCommand) command = NULL;
  g_autofree char *revised = g_strconcat ("A foreword to the second edition.\n\n", essay, NULL);
  g_autofree char *before = dump_library (fixture->path);
  g_autofree char *after = NULL;
  g_autofree char *reverted = NULL;
  ScholiaRevision *revision;

  revision = scholia_revision_apply (fixture->store, fixture->document, revised, NULL, NULL, &error);
  g_assert_no_error (error);
  command = scholia_replace_text_command_new (fixture->store, revision, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_command_get_label (command), ==, "Replace Text");
  assert_place_passage (command, scholia_document_get_id (fixture->document), -1, -1);
  scholia_history_record (fixture->history, command);
  after = dump_library (fixture->path);
  g_assert_cmpstr (after, !=, before);

  undo (fixture);
  reverted = dump_library (fixture->path);
  g_assert_cmpstr (reverted, ==, before);
  redo (fixture);
  g_clear_pointer (&reverted, g_free);
  reverted = dump_library (fixture->path);
  g_assert_cmpstr (reverted, ==, after);
}

/* Typing in a note: one step, until the group is closed; typed back, none. */
static void
test_notes_coalesce (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *typed[] = { "Counted by hand,", "Counted by hand, twice", "Counted by hand, twice over" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(ScholiaCommand) command = scholia_note_command_new (fixture->store, fixture->annotation, typed[i]);

      g_assert_true (scholia_history_perform (fixture->history, command, &error));
      g_assert_no_error (error);
    }
  undo (fixture);
  g_assert_cmpstr (scholia_annotation_get_note (fixture->annotation), ==, "Counted by hand");
  g_assert_false (scholia_history_get_can_undo (fixture->history));
  redo (fixture);
  g_assert_cmpstr (scholia_annotation_get_note (fixture->annotation), ==, "Counted by hand, twice over");

  /* After a redo the group is closed: this edit is a step of its own, and typing it back
   * leaves nothing of it. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ScholiaCommand) command =
        scholia_note_command_new (fixture->store, fixture->annotation, i == 0 ? "Twice" : "Counted by hand, twice over");

      g_assert_true (scholia_history_perform (fixture->history, command, &error));
    }
  g_assert_cmpstr (scholia_history_get_undo_label (fixture->history), ==, "Undo Note Edit");
  undo (fixture);
  g_assert_cmpstr (scholia_annotation_get_note (fixture->annotation), ==, "Counted by hand");

  /* close_group ends a step too. */
  redo (fixture);
  {
    g_autoptr(ScholiaCommand) first = scholia_note_command_new (fixture->store, fixture->annotation, "One");
    g_autoptr(ScholiaCommand) second = NULL;

    g_assert_true (scholia_history_perform (fixture->history, first, &error));
    scholia_history_close_group (fixture->history);
    second = scholia_note_command_new (fixture->store, fixture->annotation, "Two");
    g_assert_true (scholia_history_perform (fixture->history, second, &error));
    undo (fixture);
    g_assert_cmpstr (scholia_annotation_get_note (fixture->annotation), ==, "One");
  }
}

/* A step whose essay was deleted behind the history's back fails, is dropped, and the steps
 * around it stay; a new change clears what could be redone. */
static void
test_failing_step_is_dropped (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaCommand) tagged = NULL;
  g_autoptr(ScholiaCommand) noted = NULL;
  g_autoptr(ScholiaCommand) renamed = NULL;
  g_autoptr(ScholiaCommand) moved = NULL;

  renamed = scholia_update_label_command_new (fixture->store, fixture->tolls, "Dues", NULL, NULL);
  g_assert_true (scholia_history_perform (fixture->history, renamed, &error));
  noted = scholia_note_command_new (fixture->store, fixture->annotation, "Soon gone");
  g_assert_true (scholia_history_perform (fixture->history, noted, &error));
  g_assert_no_error (error);

  g_assert_true (scholia_store_delete_document (fixture->store, fixture->document, &error));
  g_assert_no_error (error);
  fixture->document = NULL;

  g_assert_false (scholia_history_undo (fixture->history, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (scholia_history_get_can_redo (fixture->history));
  g_assert_cmpstr (scholia_history_get_undo_label (fixture->history), ==, "Undo Rename Theme");
  undo (fixture);
  g_assert_cmpstr (scholia_label_get_name (fixture->tolls), ==, "Tolls");

  /* A new change: the rename can no longer be redone. */
  g_assert_true (scholia_history_get_can_redo (fixture->history));
  moved = scholia_move_label_command_new (fixture->store, fixture->tolls, 0);
  g_assert_true (scholia_history_perform (fixture->history, moved, &error));
  g_assert_no_error (error);
  g_assert_false (scholia_history_get_can_redo (fixture->history));
  g_assert_null (scholia_history_get_redo_label (fixture->history));
  g_assert_false (scholia_history_redo (fixture->history, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
}

static void
on_travelled_cb (ScholiaHistory *history,
                 ScholiaCommand *command,
                 gpointer        user_data)
{
  ScholiaCommand **seen = user_data;

  *seen = command;
}

/* Through the editor, as the interface goes: an essay deleted and a tag renamed in the
 * manager are both undone from the one history, newest first, and say which step went. */
static void
test_editor_steps_and_signals (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaCommand *undone = NULL;
  ScholiaCommand *redone = NULL;
  ScholiaCommandPlace place;
  ScholiaLabel *evidence = tag (fixture, "evidence");
  gint64 id = scholia_document_get_id (fixture->document);

  g_signal_connect (fixture->history, "undone", G_CALLBACK (on_travelled_cb), &undone);
  g_signal_connect (fixture->history, "redone", G_CALLBACK (on_travelled_cb), &redone);

  g_assert_true (scholia_editor_delete_document (fixture->editor, fixture->document, &error));
  g_assert_no_error (error);
  fixture->document = NULL;
  g_assert_true (scholia_editor_update_label (fixture->editor, evidence, "proof", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Rename Tag");

  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_cmpstr (scholia_label_get_name (SCHOLIA_LABEL (evidence)), ==, "evidence");
  scholia_command_get_place (undone, &place);
  g_assert_cmpint (place.kind, ==, SCHOLIA_COMMAND_PLACE_LABEL);

  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_no_error (error);
  g_assert_nonnull (scholia_store_lookup_document (fixture->store, id));
  scholia_command_get_place (undone, &place);
  g_assert_cmpint (place.kind, ==, SCHOLIA_COMMAND_PLACE_DOCUMENT);
  g_assert_cmpint (place.document_id, ==, id);

  g_assert_true (scholia_editor_redo (fixture->editor, &error));
  g_assert_true (redone == undone);
  g_assert_null (scholia_store_lookup_document (fixture->store, id));
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/history/round-trip/create-annotation", test_create_annotation);
  ADD ("/history/round-trip/delete-annotation", test_delete_annotation);
  ADD ("/history/round-trip/add-remove-tag-and-theme", test_relabel_annotation);
  ADD ("/history/round-trip/note", test_note);
  ADD ("/history/round-trip/attach-annotation", test_attach_annotation);
  ADD ("/history/round-trip/create-tag-and-theme", test_create_label);
  ADD ("/history/round-trip/rename-recolour-describe", test_update_label);
  ADD ("/history/round-trip/move-tag-and-theme", test_move_label);
  ADD ("/history/round-trip/delete-tag-and-theme", test_delete_label);
  ADD ("/history/round-trip/merge-tags-and-themes", test_merge_labels);
  ADD ("/history/round-trip/document-properties", test_update_document);
  ADD ("/history/round-trip/author-sort-key", test_update_author_sort_key);
  ADD ("/history/round-trip/language", test_update_language);
  ADD ("/history/round-trip/delete-document", test_delete_document);
  ADD ("/history/round-trip/replace-text", test_replace_text);
  ADD ("/history/notes/consecutive-edits-are-one-step", test_notes_coalesce);
  ADD ("/history/failing-step-dropped-and-new-change-clears-redo", test_failing_step_is_dropped);
  ADD ("/history/editor/one-history-for-essays-and-labels", test_editor_steps_and_signals);

  return g_test_run ();
}
