/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>

#include "scholia-cli.h"
#include "scholia-error.h"
#include "scholia-pdf-export.h"
#include "scholia-pdf-handout.h"

/* What `export` was asked for, whatever the format. document is NULL for --all. */
typedef struct
{
  const char              *output;
  const ScholiaPdfOptions *pdf;
} ExportRequest;

typedef gboolean (*ExportFormatFunc) (ScholiaCli           *cli,
                                      ScholiaDocument      *document,
                                      const ExportRequest  *request,
                                      GError              **error);

/* "-o -" sends a PDF to standard output, as the other formats do. The exporters write a file
 * (poppler adds the annotations to a written PDF), so it is written in a private temporary
 * folder, then copied out: returns the path to write, NULL with @error set. */
static char *
begin_pdf_output (const char  *output,
                  char       **temp_dir,
                  GError     **error)
{
  if (!g_str_equal (output, "-"))
    return g_strdup (output);

  *temp_dir = g_dir_make_tmp ("scholia-cli-XXXXXX", error);
  return *temp_dir != NULL ? g_build_filename (*temp_dir, "export.pdf", NULL) : NULL;
}

/* Copies a PDF written for standard output there and removes it; @written says whether the
 * export succeeded. Returns whether everything did. */
static gboolean
end_pdf_output (const char  *path,
                const char  *temp_dir,
                gboolean     written,
                GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (temp_dir == NULL)
    return written;

  if (written && !g_file_get_contents (path, &contents, &length, error))
    written = FALSE;
  else if (written && (fwrite (contents, 1, length, stdout) != length || fflush (stdout) != 0))
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO, _("Could not write to standard output"));
      written = FALSE;
    }

  g_unlink (path);
  g_rmdir (temp_dir);
  return written;
}

static gboolean
export_pdf (ScholiaCli           *cli,
            ScholiaDocument      *document,
            const ExportRequest  *request,
            GError              **error)
{
  g_autofree char *temp_dir = NULL;
  g_autofree char *path = begin_pdf_output (request->output, &temp_dir, error);
  gboolean written;

  written = path != NULL && scholia_pdf_export_document (cli->store, document, request->pdf, path, NULL, NULL,
                                                         NULL, error);
  return end_pdf_output (path, temp_dir, written, error);
}

/* The table formats take a list of documents; NULL means the whole library. */
static GPtrArray *
documents_for (ScholiaDocument *document)
{
  GPtrArray *documents = g_ptr_array_new ();

  g_ptr_array_add (documents, document);
  return documents;
}

static gboolean
export_w3c (ScholiaCli           *cli,
            ScholiaDocument      *document,
            const ExportRequest  *request,
            GError              **error)
{
  g_autoptr(GPtrArray) documents = document != NULL ? documents_for (document) : NULL;
  const char *creator = request->pdf->annotator;

  /* The annotations' creator, as in a PDF: --annotator, or the user's name. */
  if (creator == NULL || *creator == '\0')
    creator = scholia_pdf_default_annotator ();
  return scholia_cli_export_w3c (cli, documents, creator, request->output, error);
}

static gboolean
export_csv (ScholiaCli           *cli,
            ScholiaDocument      *document,
            const ExportRequest  *request,
            GError              **error)
{
  g_autoptr(GPtrArray) documents = document != NULL ? documents_for (document) : NULL;

  return scholia_cli_export_csv (cli, documents, request->output, error);
}

static gboolean
export_qdpx (ScholiaCli           *cli,
             ScholiaDocument      *document,
             const ExportRequest  *request,
             GError              **error)
{
  g_autoptr(GPtrArray) documents = document != NULL ? documents_for (document) : NULL;
  const char *annotator = request->pdf->annotator != NULL ? request->pdf->annotator : scholia_pdf_default_annotator ();

  return scholia_cli_export_qdpx (cli, documents, request->output, annotator, error);
}

static gboolean
export_md (ScholiaCli           *cli,
           ScholiaDocument      *document,
           const ExportRequest  *request,
           GError              **error)
{
  g_autoptr(GPtrArray) documents = document != NULL ? documents_for (document) : NULL;

  return scholia_cli_export_md (cli, documents, request->output, error);
}

/* Adding a format is one function and one row; whole_library says whether --all suits it. */
static const struct
{
  const char       *name;
  ExportFormatFunc  run;
  gboolean          whole_library;
} formats[] = {
  { "pdf", export_pdf, FALSE },
  { "w3c", export_w3c, TRUE },
  { "csv", export_csv, TRUE },
  { "md", export_md, TRUE },
  { "qdpx", export_qdpx, TRUE },
};

/* Page size and font size, shared by export and handout; -1 to go on, else the exit code. The
 * font size is read here, not by GOption, which takes "nan" and "inf" for numbers. */
static int
parse_page_options (const char        *command,
                    const char        *page_size,
                    const char        *font_size,
                    ScholiaPdfOptions *options)
{
  double size = 0;
  char *end = NULL;

  if (page_size == NULL || g_ascii_strcasecmp (page_size, "a4") == 0)
    options->page_size = SCHOLIA_PDF_PAGE_A4;
  else if (g_ascii_strcasecmp (page_size, "letter") == 0)
    options->page_size = SCHOLIA_PDF_PAGE_LETTER;
  else
    return scholia_cli_usage_error (command, _("--page-size must be a4 or letter"));

  if (font_size != NULL)
    {
      size = g_ascii_strtod (font_size, &end);
      if (end == font_size || *end != '\0' || !isfinite (size) || size < 6 || size > 24)
        {
          g_autofree char *message = g_strdup_printf (_("--font-size must be a number between 6 and 24 points, not “%s”"),
                                                      font_size);

          return scholia_cli_usage_error (command, message);
        }
      options->font_size = size;
    }
  return -1;
}

/* Tag or theme names to ids; FALSE with the store's error naming the unknown one. */
static gboolean
resolve_ids (ScholiaCli  *cli,
             GStrv        names,
             gboolean     themes,
             GArray      *ids,
             GError     **error)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      gint64 id;

      if (themes)
        {
          ScholiaLabel *theme = scholia_store_find_label (cli->store, SCHOLIA_TYPE_THEME, names[i], error);

          if (theme == NULL)
            return FALSE;
          id = scholia_label_get_id (SCHOLIA_LABEL (theme));
        }
      else
        {
          ScholiaLabel *tag = scholia_store_find_label (cli->store, SCHOLIA_TYPE_TAG, names[i], error);

          if (tag == NULL)
            return FALSE;
          id = scholia_label_get_id (tag);
        }
      g_array_append_val (ids, id);
    }
  return TRUE;
}

/* What --tag, --theme and --author ask for (each may be NULL), tags resolved first; NULL with
 * the store's error naming an unknown tag or theme. */
ScholiaAnnotationFilter *
scholia_cli_build_filter (ScholiaCli  *cli,
                          GStrv        tag_names,
                          GStrv        theme_names,
                          GStrv        authors,
                          GError     **error)
{
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  g_autoptr(GArray) tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) theme_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!resolve_ids (cli, tag_names, FALSE, tag_ids, error) ||
      !resolve_ids (cli, theme_names, TRUE, theme_ids, error))
    return NULL;

  scholia_annotation_filter_set_tag_ids (filter, (const gint64 *) (gpointer) tag_ids->data, tag_ids->len);
  scholia_annotation_filter_set_theme_ids (filter, (const gint64 *) (gpointer) theme_ids->data, theme_ids->len);
  scholia_annotation_filter_set_authors (filter, (const char * const *) authors);
  return g_steal_pointer (&filter);
}

int
scholia_cli_run_export (ScholiaCli  *cli,
                        int          argc,
                        char       **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *page_size = NULL;
  g_auto(GStrv) tag_names = NULL;
  g_auto(GStrv) theme_names = NULL;
  g_auto(GStrv) participants = NULL;
  gboolean no_notes = FALSE;
  gboolean ragged = FALSE;
  gboolean one_sided = FALSE;
  gboolean all = FALSE;
  g_autofree char *font_size = NULL;
  g_autofree char *course = NULL;
  g_autofree char *annotator = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("The format to write: pdf, w3c, csv, md or qdpx"), N_("FORMAT") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every document of the library (w3c, csv, md, qdpx)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write (- for standard output)"), N_("FILE") },
    { "page-size", 0, 0, G_OPTION_ARG_STRING, &page_size, N_("a4 (the default) or letter"), N_("SIZE") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tag_names, N_("Only annotations with this tag (repeat for any of several)"), N_("TAG") },
    { "theme", 0, 0, G_OPTION_ARG_STRING_ARRAY, &theme_names, N_("Only annotations in this theme (repeat for any of several)"), N_("THEME") },
    { "participant", 0, 0, G_OPTION_ARG_STRING_ARRAY, &participants, N_("Only this seminar participant’s annotations (“me” for yours; repeat for several)"), N_("NAME") },
    { "no-notes", 0, 0, G_OPTION_ARG_NONE, &no_notes, N_("Leave tags and notes out of the margin"), NULL },
    { "font-size", 0, 0, G_OPTION_ARG_STRING, &font_size, N_("Body text size in points (default 11)"), N_("N") },
    { "ragged", 0, 0, G_OPTION_ARG_NONE, &ragged, N_("Ragged right instead of justified"), NULL },
    { "one-sided", 0, 0, G_OPTION_ARG_NONE, &one_sided, N_("For printing on one side: the margins not mirrored"), NULL },
    { "course", 0, 0, G_OPTION_ARG_STRING, &course, N_("A course line for the header"), N_("TEXT") },
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &annotator, N_("The highlights' author (default: your real name)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotationFilter) filter = NULL;
  ScholiaPdfOptions options;
  ExportRequest request = { NULL, &options };
  ExportFormatFunc run = NULL;
  gboolean whole_library = FALSE;
  ScholiaDocument *document = NULL;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "export", N_("DOC|--all --format FORMAT -o FILE"), entries, &argc, &argv)) >= 0)
    return status;
  if (format == NULL)
    return scholia_cli_usage_error ("export", _("Choose a format with --format"));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (format, formats[i].name) == 0)
      {
        run = formats[i].run;
        whole_library = formats[i].whole_library;
      }
  if (run == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown format “%s”"), format);

      return scholia_cli_usage_error ("export", message);
    }
  if (output == NULL || *output == '\0')
    return scholia_cli_usage_error ("export", _("Name the file to write with -o"));

  /* Markdown of one theme, grouped by author: export --format md --theme T -o FILE. */
  if (argc == 1 && !all && run == export_md && theme_names != NULL && g_strv_length (theme_names) == 1)
    {
      ScholiaTheme *theme;

      if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
          (theme = SCHOLIA_THEME (scholia_store_find_label (cli->store, SCHOLIA_TYPE_THEME, theme_names[0], &error))) == NULL ||
          !scholia_cli_export_theme_md (cli, theme, output, &error))
        return scholia_cli_fail (error);
      return SCHOLIA_CLI_OK;
    }

  if (all && !whole_library)
    return scholia_cli_usage_error ("export", _("--all works with the w3c, csv, md and qdpx formats"));
  if ((all && argc != 1) || (!all && argc != 2))
    return scholia_cli_usage_error ("export", _("Name one document, or give --all"));

  scholia_pdf_options_init (&options);
  if ((status = parse_page_options ("export", page_size, font_size, &options)) >= 0)
    return status;
  options.ragged = ragged;
  options.include_notes = !no_notes;
  options.one_sided = one_sided;
  options.course = course;
  options.annotator = annotator;

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (!all && (document = scholia_store_find_document (cli->store, argv[1], &error)) == NULL) ||
      (filter = scholia_cli_build_filter (cli, tag_names, theme_names, NULL, &error)) == NULL ||
      !scholia_cli_filter_participants (cli, filter, participants, &error))
    return scholia_cli_fail (error);

  options.filter = filter;
  request.output = output;

  if (!run (cli, document, &request, &error))
    return scholia_cli_fail (error);
  return SCHOLIA_CLI_OK;
}

/* A misspelt author would silently empty the handout. */
static gboolean
check_authors (ScholiaCli  *cli,
               GStrv        authors,
               GError     **error)
{
  g_auto(GStrv) known = scholia_store_list_authors (cli->store, error);

  if (known == NULL)
    return FALSE;
  for (guint i = 0; authors != NULL && authors[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) known, authors[i]))
      {
        g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND, _("No author “%s” in the library"), authors[i]);
        return FALSE;
      }
  return TRUE;
}

int
scholia_cli_run_handout (ScholiaCli  *cli,
                         int          argc,
                         char       **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *page_size = NULL;
  g_auto(GStrv) authors = NULL;
  g_auto(GStrv) participants = NULL;
  g_autofree char *font_size = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write (- for standard output)"), N_("FILE") },
    { "author", 0, 0, G_OPTION_ARG_STRING_ARRAY, &authors, N_("Only this author (repeat for several; two are set side by side)"), N_("AUTHOR") },
    { "participant", 0, 0, G_OPTION_ARG_STRING_ARRAY, &participants, N_("Only this seminar participant’s passages (“me” for yours; repeat for several)"), N_("NAME") },
    { "page-size", 0, 0, G_OPTION_ARG_STRING, &page_size, N_("a4 (the default) or letter"), N_("SIZE") },
    { "font-size", 0, 0, G_OPTION_ARG_STRING, &font_size, N_("Text size in points (default 11)"), N_("N") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ScholiaAnnotationFilter) filter = NULL;
  ScholiaPdfOptions options;
  ScholiaTheme *theme;
  gboolean written;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "handout", N_("THEME -o FILE"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("handout", _("Name one theme"));
  if (output == NULL || *output == '\0')
    return scholia_cli_usage_error ("handout", _("Name the file to write with -o"));

  scholia_pdf_options_init (&options);
  if ((status = parse_page_options ("handout", page_size, font_size, &options)) >= 0)
    return status;

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (theme = SCHOLIA_THEME (scholia_store_find_label (cli->store, SCHOLIA_TYPE_THEME, argv[1], &error))) == NULL ||
      !check_authors (cli, authors, &error) ||
      (filter = scholia_cli_build_filter (cli, NULL, NULL, authors, &error)) == NULL ||
      !scholia_cli_filter_participants (cli, filter, participants, &error))
    return scholia_cli_fail (error);

  options.filter = filter;
  path = begin_pdf_output (output, &temp_dir, &error);
  written = path != NULL && scholia_pdf_export_handout (cli->store, theme, &options, path, NULL, NULL,
                                                        NULL, &error);
  if (!end_pdf_output (path, temp_dir, written, &error))
    return scholia_cli_fail (error);
  return SCHOLIA_CLI_OK;
}
