/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "scholia-cli.h"
#include "scholia-error.h"
#include "scholia-refi.h"

/* REFI-QDA projects and codebooks on the command line: `export --format qdpx` (through
 * scholia-cli-export.c), import-project, export-codebook, import-codebook. What an import left
 * out (or renamed) goes to standard error, one line each, after the counts; the exit status is 0 when the
 * import was written, whatever it left out, and 1 when nothing was. */

gboolean
scholia_cli_export_qdpx (ScholiaCli  *cli,
                         GPtrArray   *documents,
                         const char  *path,
                         const char  *annotator,
                         GError     **error)
{
  guint left_out = 0;

  if (g_strcmp0 (path, "-") == 0)
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                           _("A .qdpx project is a zip archive: name a file to write with -o"));
      return FALSE;
    }
  if (!scholia_refi_export_project (cli->store, documents, annotator, path, &left_out, error))
    return FALSE;
  if (left_out > 0)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                  "scholia-cli: %u unplaced annotation was left out: its place in the text is not known\n",
                                  "scholia-cli: %u unplaced annotations were left out: their place in the text is not known\n",
                                  left_out), left_out);
  return TRUE;
}

static void
print_left_out (const ScholiaRefiSummary *summary)
{
  for (guint i = 0; i < summary->messages->len; i++)
    fprintf (stderr, "scholia-cli: %s\n", (const char *) g_ptr_array_index (summary->messages, i));
}

int
scholia_cli_run_import_project (ScholiaCli  *cli,
                                int          argc,
                                char       **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  ScholiaRefiSummary summary;
  gboolean imported;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "import-project", N_("FILE.qdpx"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("import-project", _("Name one REFI-QDA project (.qdpx)"));
  if (scholia_cli_open_store (cli, TRUE, &error) == NULL)
    return scholia_cli_fail (error);

  scholia_refi_summary_init (&summary);
  imported = scholia_refi_import_project (cli->store, argv[1], &summary, &error);
  if (imported)
    {
      /* Translators: the first part of the summary of a REFI-QDA project's import; the tally
       * below follows it on the same line. */
      printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u essay", "Imported %u essays", summary.sources),
              summary.sources);
      /* Translators: a tally of what a REFI-QDA project brought: counts after labels, so that no
       * word has to agree with a number. A "coding" is REFI-QDA's term for one code applied to
       * one passage; several codings of a passage become one annotation. */
      printf (_(": annotations: %u (codings: %u, notes: %u); new tags and themes: %u"),
              summary.annotations, summary.codings, summary.notes, summary.labels_added);
      if (summary.links > 0)
        /* Translators: continues the tally above. */
        printf (_("; links between passages: %u"), summary.links);
      /* Translators: ends the tally above. */
      printf (_("; left out: %u\n"), summary.skipped);
      print_left_out (&summary);
    }
  scholia_refi_summary_clear (&summary);
  return imported ? SCHOLIA_CLI_OK : scholia_cli_fail (error);
}

int
scholia_cli_run_export_codebook (ScholiaCli  *cli,
                                 int          argc,
                                 char       **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The codebook to write (.qdc)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "export-codebook", N_("-o FILE.qdc"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 1)
    return scholia_cli_usage_error ("export-codebook", _("The codebook holds every tag and theme: name no document"));
  if (output == NULL || *output == '\0')
    return scholia_cli_usage_error ("export-codebook", _("Name the file to write with -o"));
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      !scholia_refi_export_codebook (cli->store, output, &error))
    return scholia_cli_fail (error);
  return SCHOLIA_CLI_OK;
}

int
scholia_cli_run_import_codebook (ScholiaCli  *cli,
                                 int          argc,
                                 char       **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  ScholiaRefiSummary summary;
  gboolean imported;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "import-codebook", N_("FILE.qdc"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("import-codebook", _("Name one REFI-QDA codebook (.qdc)"));
  if (scholia_cli_open_store (cli, TRUE, &error) == NULL)
    return scholia_cli_fail (error);

  scholia_refi_summary_init (&summary);
  imported = scholia_refi_import_codebook (cli->store, argv[1], &summary, &error);
  if (imported)
    {
      printf (g_dngettext (GETTEXT_PACKAGE, "Read %u code: ", "Read %u codes: ", summary.codes), summary.codes);
      printf (g_dngettext (GETTEXT_PACKAGE, "%u new tag or theme\n", "%u new tags and themes\n", summary.labels_added),
              summary.labels_added);
      print_left_out (&summary);
    }
  scholia_refi_summary_clear (&summary);
  return imported ? SCHOLIA_CLI_OK : scholia_cli_fail (error);
}
