/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wcwidth() is X/Open's. */
#define _XOPEN_SOURCE 700
#include "config.h"

#include <locale.h>
#include <string.h>
#include <wchar.h>

#include "scholia-store.h"
#include "cli-runner.h"
#include "test-files.h"

/* scholia-cli's tables in the scripts historians write and read: Russian and Polish labels
 * (two bytes a letter), an Arabic title with its harakat (marks that take no room on a
 * terminal), a Japanese author (characters two columns wide). Every row of a table starts each
 * column at the same column of the terminal, as wcwidth() counts them. And the synopses of
 * --help name their placeholders in the reader's language, the options as they are typed.
 * The catalogues are compiled from po/ into the test's directory. Names and titles are
 * invented for the test. */

#define RUSSIAN_TITLE "Жалованные грамоты соляного порта"
#define POLISH_AUTHOR "Żaneta Łęczycka-Wróbel"
#define ARABIC_TITLE "كِتَابُ المِينَاءِ"
#define JAPANESE_AUTHOR "山田 花子"
#define ENGLISH_TITLE "The Harbour Ledgers"

typedef struct
{
  char *dir;
  char *library;
} Fixture;

/* The terminal columns @text takes, as the C library counts them. */
static int
terminal_width (const char *text,
                gsize       length)
{
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (text, length, NULL);
  int width = 0;

  for (guint i = 0; chars[i] != 0; i++)
    {
      int w = wcwidth ((wchar_t) chars[i]);

      g_assert_cmpint (w, >=, 0);
      width += w;
    }
  return width;
}

/* The column at which @cell starts in @line (-1 when it is not there). */
static int
column_of (const char *line,
           const char *cell)
{
  const char *found = strstr (line, cell);

  return found != NULL ? terminal_width (line, found - line) : -1;
}

static void
compile_catalogue (const char *localedir,
                   const char *language)
{
  g_autofree char *messages = g_build_filename (localedir, language, "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *po = g_test_build_filename (G_TEST_DIST, "..", "po", NULL);
  g_autofree char *po_file = g_strdup_printf ("%s/%s.po", po, language);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { "msgfmt", "-o", mo, po_file, NULL }, NULL,
                               G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = NULL;
  g_autofree char *localedir = NULL;
  const char *documents[][2] = {
    { ENGLISH_TITLE, "Ines Marrow-Dahl" },
    { RUSSIAN_TITLE, POLISH_AUTHOR },
    { ARABIC_TITLE, JAPANESE_AUTHOR },
  };

  fixture->dir = test_tmp_dir_new ("scholia-cli-columns-XXXXXX");
  fixture->library = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  store = scholia_store_open (fixture->library, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      scholia_store_add_document (store, documents[i][0], documents[i][1], "1931", NULL,
                                  "The quay was older than the town.\n", NULL, &error);
      g_assert_no_error (error);
    }

  localedir = g_build_filename (fixture->dir, "locale", NULL);
  compile_catalogue (localedir, "de");
  compile_catalogue (localedir, "pl");
  compile_catalogue (localedir, "ru");
  g_setenv ("SCHOLIA_LOCALEDIR", localedir, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unsetenv ("SCHOLIA_LOCALEDIR");
  g_unsetenv ("LANGUAGE");
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->library);
  g_free (fixture->dir);
}

/* scholia-cli @args in @language (NULL: English), its output's lines. */
static char **
run_in (Fixture            *fixture,
        const char         *language,
        const char * const *args)
{
  static const struct { const char *language, *locale; } locales[] = {
    { "de", "de_DE.UTF-8" }, { "pl", "pl_PL.UTF-8" }, { "ru", "ru_RU.UTF-8" },
  };
  CliRunOptions options = { 0 };
  g_auto(CliRun) run = { 0 };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  for (guint i = 0; language != NULL && i < G_N_ELEMENTS (locales); i++)
    if (strcmp (locales[i].language, language) == 0)
      options.locale = locales[i].locale;
  g_setenv ("LANGUAGE", language != NULL ? language : "", TRUE);
  g_ptr_array_add (argv, (char *) "--library");
  g_ptr_array_add (argv, fixture->library);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  cli_run_argv (&run, &options, fixture->dir, (const char * const *) argv->pdata);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  return g_strsplit (run.out, "\n", -1);
}

static const char *
line_with (char       **lines,
           const char  *text)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], text) != NULL)
      return lines[i];
  g_error ("No line holds “%s”", text);
}

/* The column after @option and the spaces that pad it, in the line that starts with it. */
static int
column_after (char       **lines,
              const char  *option)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], option))
      {
        const char *p = lines[i] + strlen (option);

        while (*p == ' ')
          p++;
        return terminal_width (lines[i], p - lines[i]);
      }
  g_error ("No line starts with “%s”", option);
}

/* The list: each title, author and date starts at one column in every row. */
static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  const char *languages[] = { NULL, "ru", "pl" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_auto(GStrv) lines = run_in (fixture, languages[l], (const char *[]) { "list", NULL });
      const char *english = line_with (lines, ENGLISH_TITLE);
      const char *russian = line_with (lines, RUSSIAN_TITLE);
      const char *arabic = line_with (lines, ARABIC_TITLE);
      int title_column = column_of (english, ENGLISH_TITLE);
      int author_column = column_of (english, "Ines Marrow-Dahl");
      int date_column = column_of (english, "1931");

      g_assert_cmpint (title_column, >, 0);
      g_assert_cmpint (author_column, >, title_column);
      g_assert_cmpint (date_column, >, author_column);
      g_assert_cmpint (column_of (russian, RUSSIAN_TITLE), ==, title_column);
      g_assert_cmpint (column_of (russian, POLISH_AUTHOR), ==, author_column);
      g_assert_cmpint (column_of (russian, "1931"), ==, date_column);
      g_assert_cmpint (column_of (arabic, ARABIC_TITLE), ==, title_column);
      g_assert_cmpint (column_of (arabic, JAPANESE_AUTHOR), ==, author_column);
      g_assert_cmpint (column_of (arabic, "1931"), ==, date_column);
    }
}

/* One document's fields in Russian, Polish and German: every value starts at one column,
 * however long its label is in bytes or letters. */
static void
test_show (Fixture       *fixture,
           gconstpointer  data)
{
  const char *languages[] = { NULL, "ru", "pl", "de" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_auto(GStrv) lines = run_in (fixture, languages[l], (const char *[]) { "show", "3", NULL });
      const char *values[] = { ARABIC_TITLE, JAPANESE_AUTHOR, "1931" };
      int column = column_of (lines[0], "3");

      g_assert_cmpint (column, >, 0);
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        g_assert_cmpint (column_of (lines[i + 1], values[i]), ==, column);
    }
}

/* The global options in --help, and the placeholders of the synopses in the reader's words. */
static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(GStrv) english = run_in (fixture, NULL, (const char *[]) { "--help", NULL });
  g_auto(GStrv) russian = run_in (fixture, "ru", (const char *[]) { "--help", NULL });
  g_autofree char *english_text = g_strjoinv ("\n", english);
  g_autofree char *russian_text = g_strjoinv ("\n", russian);
  g_autofree char *polish_text = NULL;
  g_autofree char *german_text = NULL;

  g_assert_nonnull (strstr (english_text, "\n  import [--title T] [--author A] [--date D] [--source S] "
                                          "[--timeout SECONDS] FILE…\n"));
  g_assert_nonnull (strstr (russian_text, "\n  import [--title НАЗВАНИЕ] [--author АВТОР] [--date ДАТА] "
                                          "[--source ИСТОЧНИК] [--timeout СЕКУНДЫ] ФАЙЛ…\n"));
  g_assert_nonnull (strstr (russian_text, "\n  reply ID_АННОТАЦИИ --note ТЕКСТ\n"));
  /* The options' descriptions line up, the placeholder translated or not. */
  g_assert_cmpint (column_after (russian, "  --library ФАЙЛ"), ==, column_after (russian, "  --help"));
  g_assert_cmpint (column_after (russian, "  --library ФАЙЛ"), ==, column_after (english, "  --library FILE"));

  {
    g_auto(GStrv) lines = run_in (fixture, "pl", (const char *[]) { "seminar", "--help", NULL });

    polish_text = g_strjoinv ("\n", lines);
  }
  g_assert_nonnull (strstr (polish_text, "scholia-cli seminar join ŚCIEŻKA|URL --name IMIĘ\n"));
  {
    g_auto(GStrv) lines = run_in (fixture, "de", (const char *[]) { "export", "--help", NULL });

    german_text = g_strjoinv ("\n", lines);
  }
  g_assert_nonnull (strstr (german_text, "DOK|--all --format FORMAT -o DATEI"));
}

int
main (int   argc,
      char *argv[])
{
  /* wcwidth() knows the widths only in a UTF-8 locale. */
  g_assert_nonnull (setlocale (LC_CTYPE, "C.UTF-8"));
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-columns/list", test_list);
  ADD ("/cli-columns/show", test_show);
  ADD ("/cli-columns/help", test_help);
#undef ADD

  return g_test_run ();
}
