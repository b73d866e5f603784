/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing many essays in batches (issue 17, target 4): the search index is written once per
 * batch instead of essay by essay, and scholia-cli reads files in a thread ahead of the
 * writer. What a user sees must not change: the same rows and the same search hits as essays
 * imported one by one, a bad file named while the others land, and a line printed for an essay
 * only once it is committed, so that an import killed at any moment leaves the library with at
 * least the essays it printed and none half-written. */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli-runner.h"
#include "scholia-library-import.h"
#include "scholia-stem-tokenizer.h"
#include "scholia-store.h"
#include "test-files.h"

/* Invented words, in three languages and Arabic script, so that the stemmer, the language
 * guess and the folding of marks all take part. */
static const char *const english[] = {
  "the", "harbour", "ledgers", "of", "was", "betrayed", "and", "merchants", "which", "counted",
  "barrels", "with", "this", "shipwrights", "quarrelled", "over", "timber", "it", "his", "tolls",
};
static const char *const french[] = {
  "le", "la", "les", "et", "des", "registres", "du", "port", "est", "une", "marchande",
  "dans", "qui", "comptait", "tonneaux", "pas", "au", "charpentiers", "bois", "péages",
};
static const char *const german[] = {
  "der", "die", "und", "das", "ist", "nicht", "mit", "sich", "Hafenbücher", "Kaufleute",
  "zählten", "Fässer", "auf", "den", "ein", "Schiffbauer", "stritten", "Holz", "zu", "Zölle",
};

/* About @bytes of text for essay @n, with a word of its own ("vellomirNN") to search for. */
static char *
essay_text (guint n,
            gsize bytes)
{
  const char *const *words = n % 3 == 0 ? english : n % 3 == 1 ? french : german;
  GString *text = g_string_new (NULL);
  guint32 state = n * 2654435761u + 1;

  g_string_append_printf (text, "Essay %u on the vellomir%u question\n\n", n, n);
  while (text->len < bytes)
    {
      for (int w = 0; w < 12; w++)
        {
          state = state * 1103515245u + 12345u;
          g_string_append (text, words[(state >> 16) % 20]);
          g_string_append_c (text, w == 11 ? '.' : ' ');
        }
      if (n % 7 == 0)
        g_string_append (text, " كِتَابٌ الأرشيف");
      g_string_append (text, (state >> 8) % 4 == 0 ? "\n\n" : " ");
    }
  g_string_append_printf (text, "\n\nThe end of vellomir%u.\n", n);
  return g_string_free (text, FALSE);
}

static GPtrArray *
write_essays (const char *dir,
              guint       n,
              gsize       bytes)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = essay_text (i, bytes);
      g_autofree char *name = g_strdup_printf ("essay-%04u.txt", i);

      g_ptr_array_add (paths, test_write_file (dir, name, text));
    }
  return paths;
}

/* The library's essays as rows of text, to compare two libraries. */
static char *
document_rows (const char *library)
{
  return test_sql_text (library,
                        "SELECT group_concat(row, char(10)) FROM (SELECT id || '|' || title || '|'"
                        " || language || '|' || characters || '|' || checksum || '|' || text AS row"
                        " FROM documents ORDER BY id)");
}

/* What a search finds, document by document, with its hits: what the results list shows. */
static char *
search_summary (ScholiaStore *store,
                const char   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = scholia_store_search (store, query, 1000, &error);
  GString *summary = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      ScholiaSearchResult *result = g_ptr_array_index (results, i);
      g_autoptr(GArray) hits = NULL;

      if (result->kind != SCHOLIA_SEARCH_TEXT)
        continue;
      hits = scholia_store_search_hits (store, query, result->document_id, &error);
      g_assert_no_error (error);
      g_string_append_printf (summary, "%" G_GINT64_FORMAT ":%u@%d ", result->document_id, hits->len,
                              result->offset);
    }
  return g_string_free (summary, FALSE);
}

/* FTS5's own check that the index holds exactly what its content gives, word by word. */
static void
assert_index_matches_text (const char *library)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (library, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (scholia_stem_tokenizer_register (db), ==, SQLITE_OK);
  if (sqlite3_exec (db, "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("The search index does not match the essays: %s", message);
  sqlite3_close (db);
}

static const char *const queries[] = {
  "betray", "harbour ledgers", "\"merchants which counted\"", "ship*", "registre", "tonneau",
  "Hafenbuch", "Fass", "كتاب", "vellomir7", "vellomir40", "péage",
};

/* An essay imported alone, then the same essays in one batch and through scholia-cli: the same
 * rows, an index that matches them, and the same search results with the same hits. */
static void
test_batch_same_as_one_by_one (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-import-batches-XXXXXX");
  g_autofree char *one_by_one = g_build_filename (dir, "one-by-one.sqlite3", NULL);
  g_autofree char *batched = g_build_filename (dir, "batched.sqlite3", NULL);
  g_autofree char *cli = g_build_filename (dir, "cli.sqlite3", NULL);
  g_autoptr(GPtrArray) paths = write_essays (dir, 60, 3000);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(CliRun) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *batched_rows = NULL;
  g_autofree char *cli_rows = NULL;
  g_autofree char *found = NULL;

  {
    g_autoptr(ScholiaStore) store = scholia_store_open (one_by_one, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < paths->len; i++)
      {
        g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (paths, i));

        g_assert_nonnull (scholia_library_import_file (store, file, NULL, NULL, &error));
        g_assert_no_error (error);
      }
  }
  {
    g_autoptr(ScholiaStore) store = scholia_store_open (batched, &error);

    g_assert_no_error (error);
    g_assert_true (scholia_store_begin_import_batch (store, &error));
    for (guint i = 0; i < paths->len; i++)
      {
        g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (paths, i));

        g_assert_nonnull (scholia_library_import_file (store, file, NULL, NULL, &error));
        g_assert_no_error (error);
      }
    g_assert_true (scholia_store_commit_batch (store, &error));
    g_assert_no_error (error);
  }
  g_ptr_array_add (args, (gpointer) "--library");
  g_ptr_array_add (args, cli);
  g_ptr_array_add (args, (gpointer) "import");
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (args, g_ptr_array_index (paths, i));
  g_ptr_array_add (args, NULL);
  cli_run_argv (&run, NULL, dir, (const char * const *) args->pdata);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (cli_count_lines (run.out), ==, 60);

  /* Uuids and times differ by nature; everything else is the same. */
  rows = document_rows (one_by_one);
  g_assert_cmpint (test_sql_int (one_by_one, "SELECT count(*) FROM documents"), ==, 60);
  batched_rows = document_rows (batched);
  cli_rows = document_rows (cli);
  g_assert_cmpstr (batched_rows, ==, rows);
  g_assert_cmpstr (cli_rows, ==, rows);
  g_assert_cmpint (test_sql_int (one_by_one, "SELECT count(DISTINCT language) FROM documents"), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const char *library = (const char *[]) { one_by_one, batched, cli }[i];

      assert_index_matches_text (library);
      /* The trigger that indexes essays added later is back. */
      g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                              " AND name = 'documents_fts_insert'"), ==, 1);
    }

  {
    g_autoptr(ScholiaStore) alone = scholia_store_open (one_by_one, &error);
    g_autoptr(ScholiaStore) in_batches = scholia_store_open (batched, &error);
    g_autoptr(ScholiaStore) by_cli = scholia_store_open (cli, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_autofree char *expected = search_summary (alone, queries[i]);
        g_autofree char *in_batch = search_summary (in_batches, queries[i]);
        g_autofree char *through_cli = search_summary (by_cli, queries[i]);

        if (*expected == '\0')
          g_error ("“%s” finds nothing", queries[i]);
        g_assert_cmpstr (in_batch, ==, expected);
        g_assert_cmpstr (through_cli, ==, expected);
      }
    /* A word of one essay finds that essay alone, twice (its title line and its last). */
    found = search_summary (by_cli, "vellomir40");
    g_assert_cmpstr (found, ==, "41:2@16 ");
    /* An essay added after the import is indexed by the trigger put back. */
    g_assert_nonnull (scholia_store_add_document (by_cli, "Later", NULL, NULL, NULL,
                                                  "A later essay on gravelmoot.", NULL, &error));
    g_assert_no_error (error);
    g_free (found);
    found = search_summary (by_cli, "gravelmoot");
    g_assert_cmpstr (found, ==, "61:1@17 ");
  }

  test_tmp_dir_remove (dir);
}

/* A file that cannot be read, and one that has no text, in the middle of a batch: each is named
 * with its reason, the command exits non-zero, and every other file lands and is found. */
static void
test_bad_files_in_the_middle (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-import-batches-XXXXXX");
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(GPtrArray) paths = write_essays (dir, 40, 2000);
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);
  g_autofree char *empty = test_write_file (dir, "empty.txt", "");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(CliRun) run = { 0 };

  g_ptr_array_add (args, (gpointer) "--library");
  g_ptr_array_add (args, library);
  g_ptr_array_add (args, (gpointer) "import");
  for (guint i = 0; i < paths->len; i++)
    {
      if (i == 15)
        g_ptr_array_add (args, missing);
      if (i == 25)
        g_ptr_array_add (args, empty);
      g_ptr_array_add (args, g_ptr_array_index (paths, i));
    }
  g_ptr_array_add (args, NULL);
  cli_run_argv (&run, NULL, dir, (const char * const *) args->pdata);

  g_assert_cmpint (run.status, !=, 0);
  g_assert_cmpint (cli_count_lines (run.out), ==, 40);
  g_assert_nonnull (strstr (run.err, "missing.txt"));
  g_assert_cmpint (cli_count_lines (run.err), ==, 2);
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM documents"), ==, 40);
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM documents WHERE text LIKE '%vellomir39.%'"), ==, 1);
  assert_index_matches_text (library);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (library, &error);

    g_assert_no_error (error);
    /* The essays after each bad file are found. */
    g_assert_cmpstr (search_summary (store, "vellomir16"), !=, "");
    g_assert_cmpstr (search_summary (store, "vellomir39"), !=, "");
  }
  test_tmp_dir_remove (dir);
}

/* scholia-cli killed (SIGKILL) once it printed the lines of its first batch, while it reads
 * and writes the next: the library opens with every essay it printed, whole, and no other
 * essay half-written; the index matches the essays and finds the printed ones. */
static void
test_killed_import_keeps_printed_essays (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-import-batches-XXXXXX");
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  /* 30 MB: the 8 MB batches leave the first committed long before the last is read. */
  g_autoptr(GPtrArray) paths = write_essays (dir, 3000, 10000);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) printed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GIOChannel) out = NULL;
  GPid pid;
  int out_fd;
  int wait_status;
  char *line = NULL;

  g_ptr_array_add (argv, (gpointer) SCHOLIA_CLI_PATH);
  g_ptr_array_add (argv, (gpointer) "--library");
  g_ptr_array_add (argv, library);
  g_ptr_array_add (argv, (gpointer) "import");
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (paths, i));
  g_ptr_array_add (argv, NULL);
  g_spawn_async_with_pipes (dir, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  /* Every line of the first batch: the CLI prints a batch's lines together, once committed. */
  out = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (out, TRUE);
  while (printed->len < 100 &&
         g_io_channel_read_line (out, &line, NULL, NULL, &error) == G_IO_STATUS_NORMAL)
    {
      g_strchomp (line);
      g_ptr_array_add (printed, line);
    }
  g_assert_no_error (error);
  g_assert_cmpint (printed->len, ==, 100);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (wait_status));
  g_spawn_close_pid (pid);

  {
    g_autoptr(ScholiaStore) store = scholia_store_open (library, &error);
    guint n;

    g_assert_no_error (error);
    n = g_list_model_get_n_items (scholia_store_get_documents (store));
    g_assert_cmpuint (n, >=, printed->len);
    g_assert_cmpuint (n, <, paths->len);
    for (guint i = 0; i < printed->len; i++)
      {
        g_auto(GStrv) fields = g_strsplit (g_ptr_array_index (printed, i), "\t", 2);
        gint64 id = g_ascii_strtoll (fields[0], NULL, 10);
        ScholiaDocument *document = scholia_store_lookup_document (store, id);
        g_autofree char *query = g_strdup_printf ("vellomir%u", i);
        g_autofree char *found = search_summary (store, query);

        g_assert_nonnull (document);
        g_assert_cmpstr (scholia_document_get_title (document), ==, fields[1]);
        g_assert_true (g_str_has_prefix (found, fields[0]) && found[strlen (fields[0])] == ':');
      }
  }
  /* Every essay there, printed or not, is whole: its text ends as its file does. */
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM documents WHERE text NOT LIKE"
                                          " '%The end of vellomir' || (id - 1) || '.%'"), ==, 0);
  assert_index_matches_text (library);
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                          " AND name = 'documents_fts_insert'"), ==, 1);
  test_tmp_dir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-batches/same-as-one-by-one", test_batch_same_as_one_by_one);
  g_test_add_func ("/import-batches/bad-files-in-the-middle", test_bad_files_in_the_middle);
  g_test_add_func ("/import-batches/killed-import-keeps-printed-essays", test_killed_import_keeps_printed_essays);
  return g_test_run ();
}
