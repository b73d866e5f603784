/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "cli-runner.h"
#include "scholia-label.h"
#include "scholia-library.h"
#include "scholia-store.h"
#include "scholia-table-export.h"
#include "scholia-tag.h"
#include "scholia-document.h"
#include "scholia-time-format.h"
#include "scholia-w3c.h"
#include "scholia-count-format.h"
#include "test-files.h"

/* Dates and numbers as the user's locale writes them, the built-in tags' names in the user's
 * language where a person reads them and in English where a program does, and scholia-cli's
 * --json the same bytes in every language. A small German catalogue is made here, so that the
 * test does not wait for po/de.po; the locales come from build-aux/install-deps.sh. */

static const char german_po[] =
  "msgid \"\"\n"
  "msgstr \"\"\n"
  "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
  "\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n"
  "\n"
  "msgctxt \"built-in tag\"\n"
  "msgid \"thesis\"\n"
  "msgstr \"These\"\n"
  "\n"
  "msgid \"A claim the author argues for\"\n"
  "msgstr \"Eine Behauptung, für die der Autor argumentiert\"\n"
  "\n"
  "msgid \"Library:\"\n"
  "msgstr \"Bibliothek:\"\n"
  "\n"
  "msgid \"%x, %H:%M\"\n"
  "msgstr \"%x, %H:%M Uhr\"\n";

/* 3 December 2026, noon in UTC, which the test makes the local time zone. */
#define DECEMBER_THIRD G_GINT64_CONSTANT (1796299200)

typedef struct
{
  char *dir;
  char *localedir;
} Fixture;

static gboolean
have_locale (const char *name)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  gboolean found = setlocale (LC_ALL, name) != NULL;

  setlocale (LC_ALL, saved);
  return found;
}

/* Switches this process to @locale and @language; gettext forgets what it looked up before. */
static void
use_language (const char *locale,
              const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  g_assert_nonnull (setlocale (LC_ALL, locale));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *messages = NULL;
  g_autofree char *po = NULL;
  g_autofree char *mo = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-locale-XXXXXX");
  fixture->localedir = g_build_filename (fixture->dir, "locale", NULL);
  messages = g_build_filename (fixture->localedir, "de", "LC_MESSAGES", NULL);
  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  po = test_write_file (fixture->dir, "de.po", german_po);
  mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { "msgfmt", "--check", "-o", mo, po, NULL }, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  bindtextdomain (GETTEXT_PACKAGE, fixture->localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("SCHOLIA_LOCALEDIR", fixture->localedir, TRUE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  use_language ("C.UTF-8", "");
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("SCHOLIA_LOCALEDIR");
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->localedir);
  g_free (fixture->dir);
}

static void
test_dates_follow_locale (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *german = NULL;
  g_autofree char *german_time = NULL;
  g_autofree char *american = NULL;
  g_autofree char *long_date = NULL;

  use_language ("de_DE.UTF-8", "de");
  german = scholia_time_format (DECEMBER_THIRD, SCHOLIA_TIME_DATE);
  german_time = scholia_time_format (DECEMBER_THIRD, SCHOLIA_TIME_DATE_TIME);
  long_date = scholia_time_format (DECEMBER_THIRD, SCHOLIA_TIME_LONG_DATE);
  use_language ("en_US.UTF-8", "en");
  american = scholia_time_format (DECEMBER_THIRD, SCHOLIA_TIME_DATE);

  g_assert_cmpstr (german, ==, "03.12.2026");
  /* The catalogue's format: the German "Uhr" after the time. */
  g_assert_cmpstr (german_time, ==, "03.12.2026, 12:00 Uhr");
  /* The month's name is the locale's, in the order the (here untranslated) format gives. */
  g_assert_cmpstr (long_date, ==, "3 Dezember 2026");
  g_assert_cmpstr (american, ==, "12/03/2026");
}

static void
test_numbers_grouped (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *german = NULL;
  g_autofree char *american = NULL;

  use_language ("de_DE.UTF-8", "de");
  german = g_strdup_printf ("%'u", 12345u);
  use_language ("en_US.UTF-8", "en");
  american = g_strdup_printf ("%'u", 12345u);

  g_assert_cmpstr (german, ==, "12.345");
  g_assert_cmpstr (american, ==, "12,345");
}

/* What the sidebar's and lists' count labels say of 12,345 annotations (issue 17): grouped as
 * each locale groups, and in the C locale, which groups nothing, with commas as English does. */
static void
test_counts_grouped (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *format = "%'u of %'u annotations, 100%%";
  g_autofree char *c = NULL;
  g_autofree char *posix = NULL;
  g_autofree char *german = NULL;
  g_autofree char *american = NULL;
  g_autofree char *small = NULL;

  use_language ("C.UTF-8", "");
  c = scholia_count_format (format, 12345u, 1234567u);
  small = scholia_count_format ("%'u annotations", 999u);
  use_language ("POSIX", "");
  posix = scholia_count_format ("%'u annotations", 12345u);
  use_language ("de_DE.UTF-8", "de");
  german = scholia_count_format (format, 12345u, 1234567u);
  use_language ("en_US.UTF-8", "en");
  american = scholia_count_format ("%'u annotations", 12345u);

  g_assert_cmpstr (c, ==, "12,345 of 1,234,567 annotations, 100%");
  g_assert_cmpstr (small, ==, "999 annotations");
  g_assert_cmpstr (posix, ==, "12,345 annotations");
  g_assert_cmpstr (german, ==, "12.345 of 1.234.567 annotations, 100%");
  g_assert_cmpstr (american, ==, "12,345 annotations");
}

static ScholiaLabel *
find_tag (ScholiaStore *store,
          const char   *name)
{
  GListModel *tags = scholia_store_get_labels (store, SCHOLIA_TYPE_TAG);

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (tags, i);

      if (g_strcmp0 (scholia_label_get_name (label), name) == 0)
        return label;
    }
  return NULL;
}

static void
test_builtin_tags_shown_translated (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaLibrary) library = scholia_library_open (path, &error);
  ScholiaStore *store;
  ScholiaLabel *thesis;
  ScholiaLabel *evidence;
  ScholiaLabel *own;
  ScholiaDocument *document;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *markdown = NULL;

  g_assert_no_error (error);
  store = scholia_library_get_store (library);
  thesis = find_tag (store, "thesis");
  evidence = find_tag (store, "evidence");
  g_assert_nonnull (thesis);
  g_assert_true (scholia_label_get_builtin (thesis));

  use_language ("de_DE.UTF-8", "de");
  g_assert_cmpstr (scholia_label_get_display_name (thesis), ==, "These");
  g_assert_cmpstr (scholia_label_get_display_description (thesis), ==,
                   "Eine Behauptung, für die der Autor argumentiert");
  /* Stored in English. */
  g_assert_cmpstr (scholia_label_get_name (thesis), ==, "thesis");

  /* The user's own tag called "thesis" is not built in: never translated. */
  g_assert_true (scholia_store_update_label (store, thesis, "Hauptthese", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_label_get_display_name (thesis), ==, "Hauptthese");
  own = scholia_store_add_label (store, SCHOLIA_TYPE_TAG, "thesis", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_label_get_display_name (own), ==, "thesis");
  g_assert_true (scholia_store_delete_label (store, own, &error));
  g_assert_no_error (error);
  g_assert_true (scholia_store_update_label (store, thesis, "thesis", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_label_get_display_name (thesis), ==, "These");

  /* Renamed, a built-in tag carries the user's name, untranslated. */
  g_assert_true (scholia_store_update_label (store, evidence, "Beleg", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_label_get_display_name (evidence), ==, "Beleg");

  /* The exports a program reads keep the stored names in every language. */
  document = scholia_store_add_document (store, "Harbour Dues", "Ines Marrow-Dahl", "1925", NULL,
                                         "The harbour was older than the town.", NULL, &error);
  g_assert_no_error (error);
  {
    gint64 tag_ids[] = { scholia_label_get_id (thesis) };
    g_autoptr(ScholiaAnnotation) annotation =
      scholia_store_add_annotation (store, document, 4, 11, tag_ids, 1, NULL, 0, "", &error);
    g_autoptr(JsonNode) w3c = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (annotation);
    w3c = scholia_w3c_export (store, NULL, &error);
    g_assert_no_error (error);
    json = json_to_string (w3c, FALSE);
  }
  csv = scholia_table_export_csv (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv, "thesis"));
  g_assert_null (strstr (csv, "These"));
  g_assert_nonnull (strstr (json, "\"thesis\""));
  g_assert_null (strstr (json, "These"));
  /* Markdown notes are for people. */
  markdown = scholia_table_export_markdown (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (markdown, "**These**"));
}

static void
test_cli_json_same_in_every_language (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *library = g_build_filename (fixture->dir, "cli.sqlite3", NULL);
  g_autofree char *essay = test_write_file (fixture->dir, "harbour.txt",
                                            "The harbour was older than the town, and its ledgers older still.\n");
  const char * const commands[][6] = {
    { "list", "--json", NULL },
    { "tags", "--json", NULL },
    { "annotations", "1", "--json", NULL },
    { "matrix", "--json", NULL },
    { "search", "harbour", "--json", NULL },
  };
  g_auto(CliRun) german_info = { 0 };

  {
    g_auto(CliRun) run = { 0 };
    const char * const import[] = { "--library", library, "import", "--title", "Harbour Dues", essay, NULL };
    const char * const annotate[] = { "--library", library, "annotate", "1", "--quote", "older than the town",
                                      "--tag", "thesis", NULL };

    cli_run_in_locale (&run, fixture->dir, "C.UTF-8", import);
    g_assert_cmpint (run.status, ==, 0);
    cli_run_clear (&run);
    cli_run_in_locale (&run, fixture->dir, "C.UTF-8", annotate);
    g_assert_cmpint (run.status, ==, 0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_auto(CliRun) english = { 0 };
      g_auto(CliRun) german = { 0 };

      g_ptr_array_add (args, (gpointer) "--library");
      g_ptr_array_add (args, library);
      for (guint j = 0; commands[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) commands[i][j]);
      g_ptr_array_add (args, NULL);

      g_setenv ("LANGUAGE", "", TRUE);
      cli_run_in_locale (&english, fixture->dir, "C.UTF-8", (const char * const *) args->pdata);
      g_setenv ("LANGUAGE", "de", TRUE);
      cli_run_in_locale (&german, fixture->dir, "de_DE.UTF-8", (const char * const *) args->pdata);
      g_assert_cmpint (english.status, ==, 0);
      g_assert_cmpint (german.status, ==, 0);
      g_assert_cmpstr (german.out, ==, english.out);
    }

  /* The human output is German, so the runs above were in German too. */
  {
    const char * const info[] = { "--library", library, "info", NULL };

    g_setenv ("LANGUAGE", "de", TRUE);
    cli_run_in_locale (&german_info, fixture->dir, "de_DE.UTF-8", info);
    g_assert_cmpint (german_info.status, ==, 0);
    g_assert_nonnull (strstr (german_info.out, "Bibliothek:"));
  }
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  /* Before GLib reads the local time zone, which it keeps. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!have_locale ("de_DE.UTF-8") || !have_locale ("en_US.UTF-8"))
    {
      g_printerr ("de_DE.UTF-8 and en_US.UTF-8 are not installed: run build-aux/install-deps.sh\n");
      return 1;
    }

  add_test ("/locale/dates-follow-locale", test_dates_follow_locale);
  add_test ("/locale/numbers-grouped", test_numbers_grouped);
  add_test ("/locale/counts-grouped", test_counts_grouped);
  add_test ("/locale/builtin-tags-shown-translated", test_builtin_tags_shown_translated);
  add_test ("/locale/cli-json-same-in-every-language", test_cli_json_same_in_every_language);

  return g_test_run ();
}
