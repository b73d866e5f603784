/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Links between passages (issue 15, section 4): the types and how they read, the store, undo,
 * and the schema step that made them. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "scholia-command-annotation.h"
#include "scholia-command-document.h"
#include "scholia-command-link.h"
#include "scholia-error.h"
#include "scholia-history.h"
#include "scholia-refi.h"
#include "scholia-schema.h"
#include "scholia-store-links.h"
#include "scholia-store-private.h"
#include "scholia-table-export.h"
#include "scholia-w3c.h"
#include "cli-runner.h"
#include "test-files.h"
#include "w3c-musts.h"

/* Two invented essays that argue with each other. */
static const char canal_text[] =
  "The canal was dug by hand in three summers. Its toll paid for the bridge, not the school.";
static const char reply_text[] =
  "Nobody dug the canal by hand: the ledgers list two steam dredgers. The toll built the school.";

typedef struct
{
  char              *dir;
  char              *path;
  ScholiaStore      *store;
  ScholiaDocument   *canal;
  ScholiaDocument   *reply;
  ScholiaAnnotation *dug;      /* canal: "dug by hand" */
  ScholiaAnnotation *toll;     /* canal: "Its toll paid for the bridge" */
  ScholiaAnnotation *dredgers; /* reply: "two steam dredgers" */
  ScholiaAnnotation *school;   /* reply: "The toll built the school" */
  guint              changes;
} Fixture;

static ScholiaAnnotation *
annotate (ScholiaStore    *store,
          ScholiaDocument *document,
          const char      *text,
          const char      *quote,
          const char      *note)
{
  g_autoptr(GError) error = NULL;
  const char *found = strstr (text, quote);
  int start, end;
  ScholiaAnnotation *annotation;

  g_assert_nonnull (found);
  start = (int) g_utf8_pointer_to_offset (text, found);
  end = start + (int) g_utf8_strlen (quote, -1);
  annotation = scholia_store_add_annotation (store, document, start, end, NULL, 0, NULL, 0, note, &error);
  g_assert_no_error (error);
  return annotation;
}

static void
count_change (ScholiaStore *store,
              gpointer      user_data)
{
  ((Fixture *) user_data)->changes++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-links-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->canal = scholia_store_add_document (fixture->store, "The Canal", "Odile Marchetti", "1958", "",
                                               canal_text, NULL, &error);
  g_assert_no_error (error);
  fixture->reply = scholia_store_add_document (fixture->store, "A Reply on the Canal", "Tomasz Ilk", "1961", "",
                                               reply_text, NULL, &error);
  g_assert_no_error (error);
  fixture->dug = annotate (fixture->store, fixture->canal, canal_text, "dug by hand", NULL);
  fixture->toll = annotate (fixture->store, fixture->canal, canal_text, "Its toll paid for the bridge", NULL);
  fixture->dredgers = annotate (fixture->store, fixture->reply, reply_text, "two steam dredgers", NULL);
  fixture->school = annotate (fixture->store, fixture->reply, reply_text, "The toll built the school", NULL);
  g_signal_connect (fixture->store, "links-changed", G_CALLBACK (count_change), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->dug);
  g_clear_object (&fixture->toll);
  g_clear_object (&fixture->dredgers);
  g_clear_object (&fixture->school);
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gint64
id_of (ScholiaAnnotation *annotation)
{
  return scholia_annotation_get_id (annotation);
}

static ScholiaLink *
make_link (Fixture           *fixture,
      ScholiaAnnotation *source,
      ScholiaAnnotation *target,
      const char        *type)
{
  g_autoptr(GError) error = NULL;
  ScholiaLink *made = scholia_store_add_link (fixture->store, id_of (source), id_of (target), type, &error);

  g_assert_no_error (error);
  g_assert_nonnull (made);
  return made;
}

static gint64
count_rows (Fixture *fixture)
{
  return test_sql_int (fixture->path, "SELECT count(*) FROM annotation_links");
}

/* The built-in types by id or by how they read, user-defined ones as typed; how each reads
 * from either end. */
static void
test_types (void)
{
  const char *cases[][2] = {
    { "answers", SCHOLIA_LINK_TYPE_ANSWERS },
    { "  Agrees   with ", SCHOLIA_LINK_TYPE_AGREES_WITH },
    { "agrees-with", SCHOLIA_LINK_TYPE_AGREES_WITH },
    { "CONTRADICTS", SCHOLIA_LINK_TYPE_CONTRADICTS },
    { "same source", SCHOLIA_LINK_TYPE_SAME_SOURCE },
    { "cites the same source as", SCHOLIA_LINK_TYPE_SAME_SOURCE },
    { " paraphrases\t", "paraphrases" },
    { "Quotes  loosely", "Quotes loosely" },
    { "quotes\nloosely", "quotes loosely" },
  };
  const char *bad[] = { "", "   ", "a\001b", "Answered by", "answered-by",
                        "an exceedingly long name for a link type that nobody would ever type in", };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = scholia_link_type_normalize (cases[i][0], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, cases[i][1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = scholia_link_type_normalize (bad[i], &error);

      g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
      g_assert_null (normalized);
    }

  g_assert_cmpuint (g_strv_length ((GStrv) scholia_link_builtin_types ()), ==, 4);
  g_assert_true (scholia_link_type_is_builtin ("same-source"));
  g_assert_false (scholia_link_type_is_builtin ("paraphrases"));
  g_assert_false (scholia_link_type_is_symmetric (SCHOLIA_LINK_TYPE_ANSWERS));
  g_assert_true (scholia_link_type_is_symmetric (SCHOLIA_LINK_TYPE_CONTRADICTS));
  g_assert_false (scholia_link_type_is_symmetric ("paraphrases"));

  {
    const char *readings[][3] = {
      { "answers", "answers", "answered by" },
      { "agrees-with", "agrees with", "agrees with" },
      { "contradicts", "contradicts", "contradicts" },
      { "same-source", "cites the same source as", "cites the same source as" },
      { "paraphrases", "paraphrases", "paraphrases (reverse)" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (readings); i++)
      {
        g_autofree char *source = scholia_link_type_get_reading (readings[i][0], SCHOLIA_LINK_END_SOURCE);
        g_autofree char *target = scholia_link_type_get_reading (readings[i][0], SCHOLIA_LINK_END_TARGET);

        g_assert_cmpstr (source, ==, readings[i][1]);
        g_assert_cmpstr (target, ==, readings[i][2]);
      }
  }
  {
    g_autofree char *answers = scholia_link_type_get_label ("answers");
    g_autofree char *own = scholia_link_type_get_label ("paraphrases");
    g_autofree char *answered = scholia_link_capitalize ("answered by");
    g_autofree char *accented = scholia_link_capitalize ("évoque");

    g_assert_cmpstr (answers, ==, "Answers");
    g_assert_cmpstr (own, ==, "paraphrases");
    g_assert_cmpstr (answered, ==, "Answered by");
    g_assert_cmpstr (accented, ==, "Évoque");
  }
}

/* A link is a row, seen from either end with the other end's essay and quote; the document
 * lists hold it in both essays. */
static void
test_add_and_list (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaLink) answers = make_link (fixture, fixture->dredgers, fixture->dug, "answers");
  g_autoptr(GListModel) at_dug = NULL;
  g_autoptr(GListModel) at_canal = NULL;
  g_autoptr(GListModel) at_reply = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(ScholiaLink) seen = NULL;
  g_autofree char *reading = NULL;
  ScholiaLinkEnd end;

  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_cmpint (count_rows (fixture), ==, 1);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT source_id FROM annotation_links"), ==, id_of (fixture->dredgers));
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT target_id FROM annotation_links"), ==, id_of (fixture->dug));
  g_assert_cmpstr (scholia_link_get_link_type (answers), ==, "answers");
  g_assert_cmpint (strlen (scholia_link_get_uuid (answers)), ==, 36);
  g_assert_cmpstr (scholia_link_get_annotation_uuid (answers, SCHOLIA_LINK_END_TARGET), ==,
                   scholia_annotation_get_uuid (fixture->dug));

  at_dug = scholia_store_list_annotation_links (fixture->store, id_of (fixture->dug), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (at_dug), ==, 1);
  seen = g_list_model_get_item (at_dug, 0);
  g_assert_true (scholia_link_find_end (seen, id_of (fixture->dug), &end));
  g_assert_cmpint (end, ==, SCHOLIA_LINK_END_TARGET);
  reading = scholia_link_get_reading (seen, end);
  g_assert_cmpstr (reading, ==, "answered by");
  end = scholia_link_end_opposite (end);
  g_assert_cmpstr (scholia_link_get_quote (seen, end), ==, "two steam dredgers");
  g_assert_cmpstr (scholia_link_get_document_title (seen, end), ==, "A Reply on the Canal");
  g_assert_cmpstr (scholia_link_get_document_author (seen, end), ==, "Tomasz Ilk");
  g_assert_cmpint (scholia_link_get_document_id (seen, end), ==, scholia_document_get_id (fixture->reply));
  g_assert_cmpint (scholia_link_get_start (seen, end), ==, scholia_annotation_get_start (fixture->dredgers));
  g_assert_cmpint (scholia_link_get_end (seen, end), ==, scholia_annotation_get_end (fixture->dredgers));
  g_assert_false (scholia_link_find_end (seen, id_of (fixture->toll), NULL));

  g_clear_object (&answers);
  answers = make_link (fixture, fixture->school, fixture->toll, "contradicts");
  at_canal = scholia_store_list_document_links (fixture->store, scholia_document_get_id (fixture->canal), &error);
  g_assert_no_error (error);
  at_reply = scholia_store_list_document_links (fixture->store, scholia_document_get_id (fixture->reply), &error);
  g_assert_no_error (error);
  all = scholia_store_list_links (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (at_canal), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (at_reply), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  g_assert_cmpuint (fixture->changes, ==, 2);

  /* A third essay's list has none of them. */
  {
    ScholiaDocument *other = scholia_store_add_document (fixture->store, "Bridges", NULL, "", "",
                                                         "The bridge stood on oak piles.", NULL, &error);
    g_autoptr(GListModel) none = NULL;

    g_assert_no_error (error);
    none = scholia_store_list_document_links (fixture->store, scholia_document_get_id (other), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  }
}

/* What cannot be linked is refused in plain words, and nothing is written. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ScholiaLink) answers = make_link (fixture, fixture->dredgers, fixture->dug, "answers");
  g_autoptr(ScholiaLink) agrees = make_link (fixture, fixture->school, fixture->toll, "agrees with");
  g_autoptr(ScholiaLink) own = make_link (fixture, fixture->school, fixture->dug, "paraphrases");
  g_autoptr(ScholiaLink) back = NULL;
  struct {
    ScholiaAnnotation *source;
    ScholiaAnnotation *target;
    gint64             missing;
    const char        *type;
    int                code;
  } refused[] = {
    { fixture->dug, fixture->dug, 0, "answers", SCHOLIA_ERROR_INVALID },
    { fixture->dug, NULL, 9999, "answers", SCHOLIA_ERROR_NOT_FOUND },
    { fixture->dredgers, fixture->dug, 0, "Answers", SCHOLIA_ERROR_EXISTS },
    { fixture->toll, fixture->school, 0, "agrees-with", SCHOLIA_ERROR_EXISTS },  /* reads the same both ways */
    { fixture->school, fixture->dug, 0, "Paraphrases", SCHOLIA_ERROR_EXISTS },
    { fixture->dredgers, fixture->toll, 0, "", SCHOLIA_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScholiaLink) made = NULL;
      gint64 target = refused[i].target != NULL ? id_of (refused[i].target) : refused[i].missing;

      made = scholia_store_add_link (fixture->store, id_of (refused[i].source), target, refused[i].type, &error);
      g_assert_error (error, SCHOLIA_ERROR, refused[i].code);
      g_assert_null (made);
    }
  g_assert_cmpint (count_rows (fixture), ==, 3);
  g_assert_cmpuint (fixture->changes, ==, 3);

  /* "answers" is directed: the other way round is another link, as is another type. */
  back = make_link (fixture, fixture->dug, fixture->dredgers, "answers");
  g_clear_object (&back);
  back = make_link (fixture, fixture->dredgers, fixture->dug, "contradicts");
  g_assert_cmpint (count_rows (fixture), ==, 5);
}

/* The type chooser offers the user's own types once each. */
static void
test_user_types (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaLink) a = make_link (fixture, fixture->dredgers, fixture->dug, "paraphrases");
  g_autoptr(ScholiaLink) b = make_link (fixture, fixture->school, fixture->toll, "paraphrases");
  g_autoptr(ScholiaLink) c = make_link (fixture, fixture->school, fixture->dug, "answers");
  g_autoptr(ScholiaLink) d = make_link (fixture, fixture->toll, fixture->dredgers, "echoes");
  g_auto(GStrv) types = scholia_store_list_link_types (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (types), ==, 2);
  g_assert_cmpstr (types[0], ==, "echoes");
  g_assert_cmpstr (types[1], ==, "paraphrases");
}

/* Linking and unlinking are one undo step each; redo brings back the same link. */
static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaHistory) history = scholia_history_new ();
  g_autoptr(ScholiaCommand) command = scholia_link_command_new (fixture->store, id_of (fixture->dredgers),
                                                                id_of (fixture->dug), "answers");
  g_autoptr(ScholiaCommand) unlink_command = NULL;
  g_autofree char *uuid = NULL;
  ScholiaCommandPlace place;
  ScholiaLink *made;
  gint64 id;

  g_assert_true (scholia_history_perform (history, command, &error));
  g_assert_no_error (error);
  made = scholia_link_command_get_link (SCHOLIA_LINK_COMMAND (command));
  id = scholia_link_get_id (made);
  uuid = g_strdup (scholia_link_get_uuid (made));
  g_assert_cmpstr (scholia_history_get_undo_label (history), ==, "Undo Link Passages");
  scholia_command_get_place (command, &place);
  g_assert_cmpint (place.kind, ==, SCHOLIA_COMMAND_PLACE_DOCUMENT);
  g_assert_cmpint (place.document_id, ==, scholia_document_get_id (fixture->reply));
  g_assert_cmpint (place.start, ==, scholia_annotation_get_start (fixture->dredgers));

  g_assert_true (scholia_history_undo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture), ==, 0);
  g_assert_true (scholia_history_redo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture), ==, 1);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT id FROM annotation_links"), ==, id);
  {
    g_autofree char *stored = test_sql_text (fixture->path, "SELECT uuid FROM annotation_links");

    g_assert_cmpstr (stored, ==, uuid);
  }

  unlink_command = scholia_unlink_command_new (fixture->store, made);
  g_assert_true (scholia_history_perform (history, unlink_command, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture), ==, 0);
  g_assert_cmpstr (scholia_history_get_undo_label (history), ==, "Undo Remove Link");
  g_assert_true (scholia_history_undo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT id FROM annotation_links"), ==, id);
  g_assert_cmpuint (fixture->changes, ==, 5);
}

/* Deleting an annotation deletes its links; undoing the delete brings them back, the same
 * links, also when both ends went together with their essay. */
static void
test_annotation_delete_keeps_links (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaHistory) history = scholia_history_new ();
  g_autoptr(ScholiaLink) answers = make_link (fixture, fixture->dredgers, fixture->dug, "answers");
  g_autoptr(ScholiaLink) within = make_link (fixture, fixture->toll, fixture->dug, "same-source");
  g_autoptr(ScholiaCommand) delete = scholia_delete_annotation_command_new (fixture->store, fixture->dug);
  g_autoptr(ScholiaCommand) delete_essay = NULL;
  g_autoptr(GListModel) at_dug = NULL;
  g_autofree char *uuids = NULL;
  g_autofree char *after = NULL;
  const char *all_uuids = "SELECT group_concat (uuid, ',') FROM (SELECT uuid FROM annotation_links ORDER BY id)";

  uuids = test_sql_text (fixture->path, all_uuids);

  g_assert_true (scholia_history_perform (history, delete, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture), ==, 0);
  g_assert_true (scholia_history_undo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture), ==, 2);
  after = test_sql_text (fixture->path, all_uuids);
  g_assert_cmpstr (after, ==, uuids);
  at_dug = scholia_store_list_annotation_links (fixture->store, id_of (fixture->dug), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (at_dug), ==, 2);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotation_links_set_aside"), ==, 0);

  /* The canal essay holds both ends of one link and one end of the other. */
  delete_essay = scholia_delete_document_command_new (fixture->store, fixture->canal);
  g_assert_true (scholia_history_perform (history, delete_essay, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture), ==, 0);
  g_assert_true (scholia_history_undo (history, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = test_sql_text (fixture->path, all_uuids);
  g_assert_cmpstr (after, ==, uuids);

  /* A link removed on its own stays removed when its annotation goes and comes back. */
  g_assert_true (scholia_store_remove_link (fixture->store, answers, &error));
  g_assert_no_error (error);
  g_clear_object (&delete);
  delete = scholia_delete_annotation_command_new (fixture->store, fixture->dredgers);
  g_assert_true (scholia_history_perform (history, delete, &error));
  g_assert_no_error (error);
  g_assert_true (scholia_history_undo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture), ==, 1);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotation_links_set_aside"), ==, 0);
}

/* A library of version 7 gains the tables and can be linked; read-only, it reads as having
 * no links and is left as it was. */
static void
test_version_7_library_upgrades (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "v7.sqlite3", NULL);
  g_autofree char *read_only = g_build_filename (fixture->dir, "v7-read-only.sqlite3", NULL);
  guint n_migrations;
  const ScholiaMigration *migrations = scholia_schema_get_migrations (&n_migrations);
  gint64 first = 0, second = 0;

  g_assert_cmpint (migrations[6].version, ==, 7);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScholiaStore) store = _scholia_store_open_with_migrations (i == 0 ? path : read_only, migrations, 7,
                                                                          &error);
      g_autoptr(ScholiaAnnotation) a = NULL;
      g_autoptr(ScholiaAnnotation) b = NULL;
      g_autoptr(GListModel) links = NULL;
      ScholiaDocument *document;

      g_assert_no_error (error);
      document = scholia_store_add_document (store, "The Canal", NULL, "", "", canal_text, NULL, &error);
      g_assert_no_error (error);
      a = annotate (store, document, canal_text, "dug by hand", NULL);
      b = annotate (store, document, canal_text, "the school", NULL);
      first = scholia_annotation_get_id (a);
      second = scholia_annotation_get_id (b);
      links = scholia_store_list_links (store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (links), ==, 0);
    }
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, 7);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'annotation_links'"), ==, 0);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);
    g_autoptr(ScholiaLink) made = NULL;

    g_assert_no_error (error);
    made = scholia_store_add_link (store, first, second, "contradicts", &error);
    g_assert_no_error (error);
    g_assert_nonnull (made);
  }
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM annotation_links"), ==, 1);

  g_assert_cmpint (g_chmod (read_only, 0444), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) before = test_read_bytes (read_only);
    g_autoptr(GBytes) after = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open_read_only (read_only, &error);
    g_autoptr(GListModel) links = NULL;
    g_autoptr(ScholiaLink) refused = NULL;

    g_assert_no_error (error);
    links = scholia_store_list_links (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (links), ==, 0);
    refused = scholia_store_add_link (store, first, second, "contradicts", &error);
    g_assert_nonnull (error);
    g_assert_null (refused);
    g_clear_object (&store);
    after = test_read_bytes (read_only);
    g_assert_true (g_bytes_equal (before, after));
  }
}


/* scholia-cli: link, links (text and JSON, all or one essay's) and unlink, and the refusals in
 * plain words with a non-zero exit. */
static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *dug = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (fixture->dug));
  g_autofree char *dredgers = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (fixture->dredgers));
  g_autofree char *school = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (fixture->school));
  g_autofree char *toll = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (fixture->toll));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *first;

  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->path, "link", dredgers, dug, "--type", "answers", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Link 1: “two steam dredgers” (Tomasz Ilk, A Reply on the Canal) answers "
                                       "“dug by hand” (Odile Marchetti, The Canal)"));
  }
  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->path, "link", school, toll, "--type", "paraphrases", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }

  /* Refused, in plain words, and nothing written. */
  {
    struct { const char *source, *target, *type; int status; const char *says; } refused[] = {
      { dug, dug, "answers", 1, "cannot be linked to itself" },
      { dug, "9999", "answers", 1, "no annotation 9999" },
      { dredgers, dug, "Answers", 1, "already linked as “Answers”" },
      { dug, "many", "answers", 2, "whole number" },
      { dug, toll, NULL, 2, "--type" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_auto(CliRun) run = { 0 };

        if (refused[i].type != NULL)
          cli_run (&run, fixture->dir, "--library", fixture->path, "link", refused[i].source, refused[i].target,
                   "--type", refused[i].type, NULL);
        else
          cli_run (&run, fixture->dir, "--library", fixture->path, "link", refused[i].source, refused[i].target, NULL);
        g_assert_cmpint (run.status, ==, refused[i].status);
        g_assert_nonnull (strstr (run.err, refused[i].says));
      }
    g_assert_cmpint (count_rows (fixture), ==, 2);
  }

  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->path, "links", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpint (cli_count_lines (run.out), ==, 2);
    g_assert_nonnull (strstr (run.out, "\tparaphrases\t"));
  }
  {
    g_auto(CliRun) run = { 0 };
    JsonArray *links;

    cli_run (&run, fixture->dir, "--library", fixture->path, "links", "The Canal", "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
    g_assert_no_error (error);
    links = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (links), ==, 2);
    first = json_array_get_object_element (links, 0);
    g_assert_cmpstr (json_object_get_string_member (first, "type"), ==, "answers");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "source"), "quote"), ==,
                     "two steam dredgers");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "target"), "reading"), ==,
                     "answered by");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "target"), "title"), ==,
                     "The Canal");
  }
  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->path, "unlink", "1", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Removed link 1"));
    g_assert_cmpint (count_rows (fixture), ==, 1);
  }
  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->path, "unlink", "1", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "no link 1"));
  }
}

static JsonNode *
export_w3c (ScholiaStore *store,
            GPtrArray    *documents)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = scholia_w3c_export (store, documents, &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  return root;
}

static JsonArray *
items_of (JsonNode *root)
{
  return json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "first"), "items");
}

/* The export's "linking" annotations, in order. */
static GPtrArray *
linking_items (JsonNode *root)
{
  JsonArray *items = items_of (root);
  GPtrArray *links = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, "motivation", ""), "linking") == 0)
        g_ptr_array_add (links, item);
    }
  return links;
}

static char *
urn (ScholiaAnnotation *annotation)
{
  return g_strconcat ("urn:uuid:", scholia_annotation_get_uuid (annotation), NULL);
}

/* An empty library holding the fixture's two essays under their uuids, as another
 * Scholia would hold them. */
static ScholiaStore *
other_library (Fixture    *fixture,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  ScholiaStore *store = scholia_store_open (path, &error);

  g_assert_no_error (error);
  scholia_store_add_document_with_uuid (store, scholia_document_get_uuid (fixture->canal), "The Canal",
                                        "Odile Marchetti", "1958", "", canal_text, NULL, &error);
  g_assert_no_error (error);
  scholia_store_add_document_with_uuid (store, scholia_document_get_uuid (fixture->reply), "A Reply on the Canal",
                                        "Tomasz Ilk", "1961", "", reply_text, NULL, &error);
  g_assert_no_error (error);
  return store;
}

static guint
n_links (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) links = scholia_store_list_links (store, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (links);
}

/* Each link goes out as an annotation of its own (motivation linking, target the passage that
 * answers, body the other and a classifying type) that meets the model's MUSTs, and comes back
 * with its uuid; importing again adds nothing; a link whose passage is missing is reported. */
static void
test_w3c (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(ScholiaLink) answers = make_link (fixture, fixture->dredgers, fixture->dug, "answers");
  g_autoptr(ScholiaLink) own = make_link (fixture, fixture->school, fixture->toll, "paraphrases");
  g_autoptr(JsonNode) root = export_w3c (fixture->store, NULL);
  g_autoptr(GPtrArray) links = linking_items (root);
  g_autoptr(GPtrArray) canal_only = g_ptr_array_new ();
  g_autofree char *dredgers = urn (fixture->dredgers);
  g_autofree char *dug = urn (fixture->dug);
  g_autofree char *link_id = g_strconcat ("urn:uuid:", scholia_link_get_uuid (answers), NULL);
  JsonObject *first;
  JsonArray *bodies;

  g_assert_cmpuint (links->len, ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "total"), ==, 6);
  first = g_ptr_array_index (links, 0);
  test_w3c_assert_musts (first);
  test_w3c_assert_musts (g_ptr_array_index (links, 1));
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, link_id);
  g_assert_cmpstr (json_object_get_string_member (first, "target"), ==, dredgers);
  bodies = json_object_get_array_member (first, "body");
  g_assert_cmpuint (json_array_get_length (bodies), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (bodies, 0), ==, dug);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 1), "purpose"), ==, "classifying");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 1), "value"), ==, "answers");

  /* One essay's export holds the links with an end in it. */
  {
    g_autoptr(JsonNode) one = NULL;
    g_autoptr(GPtrArray) its_links = NULL;

    g_ptr_array_add (canal_only, fixture->canal);
    one = export_w3c (fixture->store, canal_only);
    its_links = linking_items (one);
    g_assert_cmpuint (its_links->len, ==, 2);
  }

  /* Into another library: the passages, then the links between them, the same links. */
  {
    g_autoptr(ScholiaStore) other = other_library (fixture, "other.sqlite3");
    g_auto(ScholiaW3cSummary) summary = { 0 };
    g_auto(ScholiaW3cSummary) again = { 0 };
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaLink) back = NULL;
    g_autofree char *other_path = g_build_filename (fixture->dir, "other.sqlite3", NULL);

    g_assert_true (scholia_w3c_import (other, root, NULL, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (summary.exact, ==, 4);
    g_assert_cmpuint (summary.links, ==, 2);
    g_assert_null (summary.rejected);
    g_assert_cmpuint (n_links (other), ==, 2);
    {
      g_autofree char *uuid = test_sql_text (other_path, "SELECT uuid FROM annotation_links WHERE type = 'answers'");

      g_assert_cmpstr (uuid, ==, scholia_link_get_uuid (answers));
    }

    g_assert_true (scholia_w3c_import (other, root, NULL, &again, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (again.links, ==, 0);
    g_assert_cmpuint (again.links_present, ==, 2);
    g_assert_cmpuint (n_links (other), ==, 2);
  }

  /* Without "dug by hand", the link that answers it cannot be made: it is listed, the other is
   * made. */
  {
    g_autoptr(ScholiaStore) other = other_library (fixture, "partial.sqlite3");
    g_auto(ScholiaW3cSummary) summary = { 0 };
    g_autoptr(GError) error = NULL;
    g_autofree char *rejected = NULL;
    JsonArray *items = items_of (root);

    for (guint i = 0; i < json_array_get_length (items); i++)
      if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (items, i), "id"), dug) == 0)
        {
          json_array_remove_element (items, i);
          break;
        }
    g_assert_true (scholia_w3c_import (other, root, NULL, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (summary.links, ==, 1);
    g_assert_nonnull (summary.rejected);
    g_assert_cmpuint (summary.rejected->len, ==, 1);
    rejected = scholia_w3c_describe_rejected (&summary);
    g_assert_nonnull (strstr (rejected, "not both in the library"));
    g_assert_nonnull (strstr (rejected, dug));
  }
}

static char *
refi_path (const char *name)
{
  const char *shared = g_getenv ("SCHOLIA_SHARED_DIR");

  g_assert_nonnull (shared);
  return g_build_filename (shared, "refi-qda", name, NULL);
}

static int
count_xpath (xmlDoc     *doc,
             const char *expression)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result;
  int n;

  xmlXPathRegisterNs (context, BAD_CAST "q", BAD_CAST "urn:QDA-XML:project:1.0");
  result = xmlXPathEvalExpression (BAD_CAST expression, context);
  g_assert_nonnull (result);
  n = result->nodesetval != NULL ? result->nodesetval->nodeNr : 0;
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return n;
}

/* Links go out as QDA-XML Links between the PlainTextSelections, the project still valid, and
 * come back from it. */
static void
test_refi_qda (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ScholiaLink) answers = make_link (fixture, fixture->dredgers, fixture->dug, "answers");
  g_autoptr(ScholiaLink) agrees = make_link (fixture, fixture->school, fixture->toll, "agrees-with");
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = scholia_refi_project_xml (fixture->store, NULL, "Ana", NULL, &error);
  g_autofree char *schema_path = refi_path ("Project.xsd");
  g_autofree char *project = g_build_filename (fixture->dir, "canal.qdpx", NULL);
  g_autofree char *expression = NULL;
  xmlDoc *doc;

  g_assert_no_error (error);
  doc = xmlReadMemory (xml, (int) strlen (xml), "project.qde", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  {
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt (schema_path);
    xmlSchemaPtr schema = xmlSchemaParse (parser);
    xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt (schema);

    g_assert_cmpint (xmlSchemaValidateDoc (validator, doc), ==, 0);
    xmlSchemaFreeValidCtxt (validator);
    xmlSchemaFree (schema);
    xmlSchemaFreeParserCtxt (parser);
  }
  g_assert_cmpint (count_xpath (doc, "/q:Project/q:Links/q:Link"), ==, 2);
  expression = g_strdup_printf ("/q:Project/q:Links/q:Link[@name='answers' and @direction='OneWay'"
                                " and @originGUID='%s' and @targetGUID='%s' and @guid='%s']",
                                scholia_annotation_get_uuid (fixture->dredgers),
                                scholia_annotation_get_uuid (fixture->dug), scholia_link_get_uuid (answers));
  g_assert_cmpint (count_xpath (doc, expression), ==, 1);
  g_assert_cmpint (count_xpath (doc, "/q:Project/q:Links/q:Link[@name='agrees-with' and @direction='Bidirectional']"), ==, 1);
  g_assert_cmpint (count_xpath (doc, "//q:PlainTextSelection[@guid=/q:Project/q:Links/q:Link/@originGUID]"), ==, 2);
  xmlFreeDoc (doc);

  g_assert_true (scholia_refi_export_project (fixture->store, NULL, "Ana", project, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *other_path = g_build_filename (fixture->dir, "refi.sqlite3", NULL);
    g_autoptr(ScholiaStore) other = scholia_store_open (other_path, &error);
    ScholiaRefiSummary summary;
    g_autoptr(GListModel) links = NULL;
    g_autoptr(ScholiaLink) back = NULL;

    g_assert_no_error (error);
    scholia_refi_summary_init (&summary);
    g_assert_true (scholia_refi_import_project (other, project, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (summary.links, ==, 2);
    for (guint i = 0; i < summary.messages->len; i++)
      g_assert_null (strstr (g_ptr_array_index (summary.messages, i), "Links"));
    scholia_refi_summary_clear (&summary);
    links = scholia_store_list_links (other, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (links), ==, 2);
    back = g_list_model_get_item (links, 0);
    g_assert_cmpstr (scholia_link_get_link_type (back), ==, "answers");
    g_assert_cmpstr (scholia_link_get_quote (back, SCHOLIA_LINK_END_SOURCE), ==, "two steam dredgers");
    g_assert_cmpstr (scholia_link_get_quote (back, SCHOLIA_LINK_END_TARGET), ==, "dug by hand");
    g_assert_cmpstr (scholia_link_get_uuid (back), ==, scholia_link_get_uuid (answers));
  }
}

/* Under each passage, its links as they read from it. */
static void
test_markdown (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ScholiaLink) answers = make_link (fixture, fixture->dredgers, fixture->dug, "answers");
  g_autoptr(ScholiaLink) own = make_link (fixture, fixture->toll, fixture->dug, "paraphrases");
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = scholia_table_export_markdown (fixture->store, NULL, &error);
  const char *dug_at, *dredgers_at;

  g_assert_no_error (error);
  dug_at = strstr (markdown, "> dug by hand\n");
  dredgers_at = strstr (markdown, "> two steam dredgers\n");
  g_assert_nonnull (dug_at);
  g_assert_nonnull (dredgers_at);
  g_assert_nonnull (strstr (dug_at, "- Answered by: “two steam dredgers” (Tomasz Ilk, A Reply on the Canal)\n"));
  g_assert_nonnull (strstr (dug_at, "- Paraphrases (reverse): “Its toll paid for the bridge” (Odile Marchetti, The Canal)\n"));
  g_assert_nonnull (strstr (markdown, "> Its toll paid for the bridge\n\n- Paraphrases: “dug by hand” (Odile Marchetti, The Canal)\n"));
  g_assert_nonnull (strstr (dredgers_at, "- Answers: “dug by hand” (Odile Marchetti, The Canal)\n"));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/links/types", test_types);
  ADD ("/links/add-and-list", test_add_and_list);
  ADD ("/links/refusals", test_refusals);
  ADD ("/links/user-types", test_user_types);
  ADD ("/links/undo", test_undo);
  ADD ("/links/annotation-delete-keeps-links", test_annotation_delete_keeps_links);
  ADD ("/links/version-7-upgrades", test_version_7_library_upgrades);
  ADD ("/links/cli", test_cli);
  ADD ("/links/w3c", test_w3c);
  ADD ("/links/refi-qda", test_refi_qda);
  ADD ("/links/markdown", test_markdown);

  return g_test_run ();
}
