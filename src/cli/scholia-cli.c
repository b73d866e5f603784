/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "scholia-cli.h"
#include "scholia-cli-table.h"
#include "scholia-error.h"
#include "scholia-i18n.h"
#include "scholia-paths.h"
#include "scholia-store-upgrade.h"
#include "scholia-text-check.h"
#include "scholia-time-format.h"

/* The commands' names and options stay in English in their synopses, since a user types them;
 * the placeholders (DOC, FILE…) are translated, as are the summaries. */
static const ScholiaCliCommand commands[] = {
  /* Translators: the summaries of scholia-cli's commands in its --help. Keep command names,
   * options (--key, --format md), option values (pdf, w3c, csv, md, qdpx, plain, pandoc, chicago,
   * “me”), search syntax (OR, NOT, title:, text:, note:) and key names as they are: the user
   * types them. The synopses (each marked “a synopsis”) likewise: translate only the
   * placeholders (DOC, FILE, TEXT, N…), in the words the options' own --help uses for them. */
  { "init", "", N_("Create the library if it does not exist yet"), scholia_cli_run_init },
  { "info", "", N_("Show where the library is and what it holds"), scholia_cli_run_info },
  { "check", "", N_("Check that the library’s file is whole, page by page and index by index"), scholia_cli_run_check },
  { "compact", "[--json]", N_("Make the library’s file smaller: merge its search indexes and rewrite it without free space"), scholia_cli_run_compact },
  { "import", /* Translators: a synopsis */ N_("[--title T] [--author A] [--date D] [--source S] [--timeout SECONDS] FILE…"), N_("Import essays"), scholia_cli_run_import },
  { "list", "[--json]", N_("List the documents"), scholia_cli_run_list },
  { "show", /* Translators: a synopsis */ N_("DOC [--text]"), N_("Show a document’s metadata, or its text"), scholia_cli_run_show },
  { "edit", /* Translators: a synopsis */ N_("DOC [--title T] [--author A] [--date D] [--source S] [--language CODE] [--key KEY [--fill-from-reference]]"),
    N_("Change a document’s metadata; --key links it to a reference and fills its empty fields from it (\"\" unlinks)"), scholia_cli_run_edit },
  { "delete", /* Translators: a synopsis */ N_("DOC"), N_("Delete a document and its annotations"), scholia_cli_run_delete },
  { "annotate", /* Translators: a synopsis */ N_("DOC --quote TEXT [--occurrence N] --tag TAG… [--theme T…] [--note TEXT]"),
    N_("Highlight a passage; prints the annotation’s id and offsets"), scholia_cli_run_annotate },
  { "cite", /* Translators: a synopsis */ N_("ANNOTATION_ID | DOC --quote TEXT [--occurrence N] [--style plain|pandoc|chicago] [--short] [--json]"),
    N_("Print a passage with its citation, as Ctrl+Shift+C copies it: plain (the default), a Pandoc citation [@key, p. N] or a Chicago note"), scholia_cli_run_cite },
  { "annotations", /* Translators: a synopsis */ N_("DOC [--participant NAME…] [--json]"), N_("List a document’s annotations (in a seminar’s essay, with who wrote each)"), scholia_cli_run_annotations },
  { "unannotate", /* Translators: a synopsis */ N_("ID | --unplaced DOC"), N_("Delete an annotation, or every unplaced one of a document"), scholia_cli_run_unannotate },
  { "tags", "[--json]", N_("List the tags in palette order, with how many annotations carry each"), scholia_cli_run_labels },
  { "tag", "add|rename|recolour|describe|merge|delete|assign|unassign …", N_("Manage tags; assign ID TAG puts one on an annotation"), scholia_cli_run_labels },
  { "themes", "[--json]", N_("List the themes"), scholia_cli_run_labels },
  { "theme", "add|rename|recolour|describe|merge|delete|assign|unassign …", N_("Manage themes; assign ID THEME puts an annotation in a theme"), scholia_cli_run_labels },
  { "compare", /* Translators: a synopsis */ N_("THEME [--tag TAG…] [--author A…] [--participant NAME…] [--json]"), N_("A theme’s passages, grouped by author, then document"), scholia_cli_run_compare },
  { "matrix", /* Translators: a synopsis */ N_("[--by-tag] [--by-participant] [--participant NAME…] [--json]"), N_("Authors (or seminar participants) × themes: how many passages each has on each theme"), scholia_cli_run_matrix },
  { "export", /* Translators: a synopsis */ N_("DOC|--all --format pdf|w3c|csv|md|qdpx -o FILE [--page-size a4|letter] [--tag T…] [--theme T…] [--participant NAME…] [--no-notes] [--font-size N] [--ragged] [--one-sided] [--course TEXT] [--annotator NAME]"),
    N_("Export with annotations: pdf (typeset, for seminars), w3c (Web Annotations), csv, md, qdpx (a REFI-QDA project for NVivo, MAXQDA, ATLAS.ti, QualCoder); “--format md --theme T” gives a theme’s passages by author"), scholia_cli_run_export },
  { "handout", /* Translators: a synopsis */ N_("THEME -o FILE [--author A…] [--participant NAME…] [--page-size a4|letter]"), N_("A seminar handout (PDF) of a theme’s passages, by author; two authors side by side"), scholia_cli_run_handout },
  { "import-annotations", /* Translators: a synopsis */ N_("FILE [--document DOC] [--copy-foreign]"), N_("Import W3C Web Annotations (JSON-LD); re-importing a file adds nothing"), scholia_cli_run_import_annotations },
  { "import-references", /* Translators: a synopsis */ N_("FILE.json|FILE.bib [--with-files] [--json]"),
    N_("Import references from Zotero (CSL JSON, Better BibTeX) or BibTeX; importing again updates them by key"), scholia_cli_run_import_references },
  { "references", /* Translators: a synopsis */ N_("[SEARCH] [--limit N] [--json]"), N_("List the references, or those whose key, authors or title begin with the words"), scholia_cli_run_references },
  { "import-project", /* Translators: a synopsis */ N_("FILE.qdpx"), N_("Import a REFI-QDA project (NVivo, MAXQDA, ATLAS.ti, QualCoder): its texts, codes as tags, codings and notes; what cannot be kept is listed"), scholia_cli_run_import_project },
  { "export-codebook", /* Translators: a synopsis */ N_("-o FILE.qdc"), N_("Export the tags and themes as a REFI-QDA codebook"), scholia_cli_run_export_codebook },
  { "import-codebook", /* Translators: a synopsis */ N_("FILE.qdc"), N_("Import a REFI-QDA codebook as tags and themes"), scholia_cli_run_import_codebook },
  { "reimport", /* Translators: a synopsis */ N_("DOC FILE"), N_("Replace a document’s text with a revised edition, moving its annotations"), scholia_cli_run_reimport },
  { "seminar", "create|join|sync|status|participants|agreement …", N_("Share essays with a class through a folder or a WebDAV share, and sync everyone’s annotations"), scholia_cli_run_seminar },
  { "search", /* Translators: a synopsis */ N_("QUERY [--limit N | --all] [--json]"), N_("Search the texts and notes (\"a phrase\", prefix*, OR, NOT; title:, text: or note: searches only there)"), scholia_cli_run_search },
  { "reply", /* Translators: a synopsis */ N_("ANNOTATION_ID --note TEXT"), N_("Reply to an annotation in a seminar, as yourself; it goes out with the next sync"), scholia_cli_run_reply },
  { "replies", /* Translators: a synopsis */ N_("ANNOTATION_ID [--json]"), N_("The replies to an annotation, oldest first"), scholia_cli_run_replies },
  { "link", /* Translators: a synopsis */ N_("ID ID --type answers|agrees-with|contradicts|same-source|WORD"), N_("Link two passages (annotation ids): the first answers, agrees with, contradicts or cites the same source as the second"), scholia_cli_run_link },
  { "links", /* Translators: a synopsis */ N_("[DOC] [--json]"), N_("List the links between passages, a document’s or all, with both ends"), scholia_cli_run_links },
  { "unlink", /* Translators: a synopsis */ N_("LINK_ID"), N_("Remove a link between passages"), scholia_cli_run_unlink },
};

static void
print_help (FILE *out)
{
  g_autoptr(ScholiaCliTable) options = NULL;

  fprintf (out, "%s\n", _("Usage: scholia-cli [--library FILE] COMMAND [OPTIONS…]"));
  fprintf (out, "\n%s\n", _("Annotate historians’ essays from the command line."));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *parameters = *commands[i].parameters != '\0' ? _(commands[i].parameters) : "";
      g_autofree char *synopsis = g_strjoin (" ", commands[i].name, parameters, NULL);

      fprintf (out, "  %s\n      %s\n", synopsis, _(commands[i].summary));
    }
  fprintf (out, "\n%s\n", _("Options:"));
  options = scholia_cli_table_new (2);
  scholia_cli_table_set_indent (options, "  ");
  scholia_cli_table_set_width (options, 0, 28, 0);
  /* Translators: an option in scholia-cli --help: keep --library, translate the placeholder */
  scholia_cli_table_add_row (options, _("--library FILE"), _("Use this library instead of the default one"));
  scholia_cli_table_add_row (options, "--help", _("Show this help"));
  scholia_cli_table_add_row (options, "--version", _("Show the version"));
  scholia_cli_table_print (options, out);
  fprintf (out, "\n%s\n", _("DOC is a document’s id or its exact title."));
  fprintf (out, "%s\n", _("Run “scholia-cli COMMAND --help” for the options of a command."));
}

ScholiaStore *
scholia_cli_open_store (ScholiaCli  *cli,
                        gboolean     create,
                        GError     **error)
{
  if (cli->store != NULL)
    return cli->store;

  /* Only commands that add to a library may create one: a typo in --library should not leave
   * an empty library behind when the user only asked to look. */
  if (!create && !g_file_test (cli->library_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (cli->library_path);

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                   _("There is no library at “%s”: create one with “scholia-cli init”"), display);
      return NULL;
    }

  /* An upgrade of a large library takes a minute: whoever waits should know why. */
  if (scholia_store_needs_upgrade (cli->library_path))
    {
      g_autofree char *display = g_filename_display_name (cli->library_path);

      g_printerr (_("Upgrading library “%s” to the current version…\n"), display);
    }

  cli->library = scholia_library_open (cli->library_path, error);
  if (cli->library == NULL)
    return NULL;

  cli->store = scholia_library_get_store (cli->library);
  return cli->store;
}

void
scholia_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* @text on one line, cut to @width characters with an ellipsis. */
char *
scholia_cli_excerpt (const char *text,
                     glong       width)
{
  g_autofree char *flat = g_strdup (text);
  g_autofree char *cut = NULL;

  g_strdelimit (flat, "\n\t", ' ');
  if (g_utf8_strlen (flat, -1) <= width)
    return g_steal_pointer (&flat);
  cut = g_utf8_substring (flat, 0, width - 1);
  return g_strconcat (cut, "…", NULL);
}

int
scholia_cli_fail (const GError *error)
{
  fprintf (stderr, "scholia-cli: %s\n", error->message);
  return SCHOLIA_CLI_FAILED;
}

int
scholia_cli_usage_error (const char *command,
                         const char *message)
{
  /* The message may quote what was typed: no raw bytes or escape sequences on the terminal. */
  g_autofree char *shown = scholia_text_printable (message);

  if (command != NULL)
    fprintf (stderr, "scholia-cli %s: %s\n", command, shown);
  else
    fprintf (stderr, "scholia-cli: %s\n", shown);
  fprintf (stderr, "%s\n", _("Run “scholia-cli --help” for usage."));
  return SCHOLIA_CLI_USAGE;
}

/* GOption converts string options from the locale's character set, so under LANG=C every
 * non-ASCII --note fails. Arguments on Linux are UTF-8 whatever the locale: this takes string
 * options as raw bytes (as file names are), and check_text_options() then insists on UTF-8. */
static GOptionEntry *
take_strings_raw (const GOptionEntry *entries)
{
  guint n = 0;
  GOptionEntry *raw;

  while (entries[n].long_name != NULL)
    n++;
  raw = g_memdup2 (entries, (n + 1) * sizeof (GOptionEntry));
  for (guint i = 0; i < n; i++)
    if (raw[i].arg == G_OPTION_ARG_STRING)
      raw[i].arg = G_OPTION_ARG_FILENAME;
    else if (raw[i].arg == G_OPTION_ARG_STRING_ARRAY)
      raw[i].arg = G_OPTION_ARG_FILENAME_ARRAY;
  return raw;
}

static gboolean
is_text_value (const GOptionEntry *entry)
{
  const char *value = *(char **) entry->arg_data;

  return value == NULL || g_utf8_validate (value, -1, NULL);
}

static gboolean
is_text_array (const GOptionEntry *entry)
{
  char **values = *(char ***) entry->arg_data;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (!g_utf8_validate (values[i], -1, NULL))
      return FALSE;
  return TRUE;
}

/* Refuses a string option that is not UTF-8, naming it: reading such bytes as text would run
 * past them. Returns -1 when all are text. */
static int
check_text_options (const char         *command,
                    const GOptionEntry *entries)
{
  for (guint i = 0; entries[i].long_name != NULL; i++)
    if ((entries[i].arg == G_OPTION_ARG_STRING && !is_text_value (&entries[i])) ||
        (entries[i].arg == G_OPTION_ARG_STRING_ARRAY && !is_text_array (&entries[i])))
      {
        g_autofree char *message = g_strdup_printf (_("--%s is not valid UTF-8 text"),
                                                    entries[i].long_name);

        return scholia_cli_usage_error (command, message);
      }
  return -1;
}

/* Whether argument @index (from 1) is a file name by the command's synopsis: FILE, or each one
 * from a final FILE…; a file name may be any bytes. Options in the synopsis ("-o FILE",
 * "[--title T]") are skipped. */
static gboolean
is_file_argument (const char *parameters,
                  int         index)
{
  g_auto(GStrv) words = g_strsplit (parameters, " ", -1);
  gboolean optional = FALSE;
  int position = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (optional || words[i][0] == '[')
        {
          optional = !g_str_has_suffix (words[i], "]");
          continue;
        }
      if (words[i][0] == '-')
        {
          i += words[i + 1] != NULL;
          continue;
        }
      position++;
      if (g_str_equal (words[i], "FILE…") && index >= position)
        return TRUE;
      if (position == index)
        return g_str_equal (words[i], "FILE");
    }
  return FALSE;
}

/* Refuses an argument other than a file name that is not UTF-8. Returns -1 when all are. */
static int
check_text_arguments (const char  *command,
                      const char  *parameters,
                      int          argc,
                      char       **argv)
{
  for (int i = 1; i < argc; i++)
    if (!g_utf8_validate (argv[i], -1, NULL) && !is_file_argument (parameters, i))
      {
        g_autofree char *shown = scholia_text_printable (argv[i]);
        g_autofree char *message = g_strdup_printf (_("The argument “%s” is not valid UTF-8 text"),
                                                    shown);

        return scholia_cli_usage_error (command, message);
      }
  return -1;
}

/* Parses a command's own options; returns -1 to go on, or the exit code (help shown: 0, bad
 * usage: 2). */
int
scholia_cli_parse (ScholiaCli          *cli,
                   const char          *command,
                   const char          *parameters,
                   const GOptionEntry  *entries,
                   int                 *argc,
                   char              ***argv)
{
  /* The synopsis shown is translated; the one checked below is the English one it was made from. */
  g_autoptr(GOptionContext) context = g_option_context_new (*parameters != '\0' ? _(parameters) : "");
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("scholia-cli %s", command);
  g_autofree GOptionEntry *raw_entries = entries != NULL ? take_strings_raw (entries) : NULL;
  int status;

  g_set_prgname (prgname);
  if (raw_entries != NULL)
    g_option_context_add_main_entries (context, raw_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    return scholia_cli_usage_error (command, error->message);

  if (entries != NULL && (status = check_text_options (command, entries)) >= 0)
    return status;
  return check_text_arguments (command, parameters, *argc, *argv);
}

char *
scholia_cli_format_time (gint64 seconds)
{
  return scholia_time_format (seconds, SCHOLIA_TIME_DATE_TIME);
}

int
scholia_cli_main (int    argc,
                  char **argv)
{
  g_autofree char *library_path = NULL;
  ScholiaCli cli = { 0 };
  int first = 1;
  int status;

  scholia_i18n_init ();

  /* Global options come before the command; each command parses the rest itself. */
  for (; first < argc && argv[first][0] == '-'; first++)
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help (stdout);
          return SCHOLIA_CLI_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          printf ("scholia-cli %s\n", PACKAGE_VERSION);
          return SCHOLIA_CLI_OK;
        }
      else if (g_str_equal (arg, "--library") && first + 1 < argc)
        {
          g_free (library_path);
          library_path = g_strdup (argv[++first]);
        }
      else if (g_str_has_prefix (arg, "--library="))
        {
          g_free (library_path);
          library_path = g_strdup (arg + strlen ("--library="));
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Unknown option “%s”"), arg);

          return scholia_cli_usage_error (NULL, message);
        }
    }

  if (first >= argc)
    return scholia_cli_usage_error (NULL, _("No command given"));

  if (library_path != NULL && *library_path == '\0')
    return scholia_cli_usage_error (NULL, _("--library needs a file name"));

  cli.library_path = library_path != NULL ? g_steal_pointer (&library_path)
                                          : scholia_paths_default_library ();

  status = -1;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[first], commands[i].name))
      {
        status = commands[i].run (&cli, argc - first, argv + first);
        break;
      }

  if (status < 0)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), argv[first]);

      status = scholia_cli_usage_error (NULL, message);
    }

  cli.store = NULL;
  g_clear_object (&cli.library);
  g_free (cli.library_path);
  return status;
}
