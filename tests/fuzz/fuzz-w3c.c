/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fuzzes W3C Web Annotation import: the JSON is written to a file and read as
 * `scholia-cli import-annotations` reads it (parse, validate, anchor, write), into a library
 * holding one essay. Every input either changes nothing and says why, or adds annotations that
 * lie within the essay's text, and tags, themes and notes in UTF-8. Inputs of odd length are imported into the essay as with
 * --document; even ones find it through their target's source. */

#include "fuzz-support.h"
#include "scholia-error.h"
#include "scholia-w3c.h"

static ScholiaStore *store;
static ScholiaDocument *document;
static char *directory;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  store = fuzz_open_store (&document);
  directory = fuzz_make_directory ("scholia-fuzz-w3c");
  return 0;
}

static gboolean
is_utf8 (const char *string)
{
  return string == NULL || g_utf8_validate (string, -1, NULL);
}

static void
check_annotations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (store, document, &error);
  gint64 length = scholia_document_get_characters (document);

  fuzz_check (annotations != NULL, "%s", error->message);
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
      int start = scholia_annotation_get_start (annotation);
      int end = scholia_annotation_get_end (annotation);

      fuzz_check (0 <= start && start <= end && end <= length,
                  "an imported annotation covers %d-%d of a text of %" G_GINT64_FORMAT " characters",
                  start, end, length);
      fuzz_check (is_utf8 (scholia_annotation_get_quote (annotation)), "an imported quote is not UTF-8");
      fuzz_check (is_utf8 (scholia_annotation_get_note (annotation)), "an imported note is not UTF-8");
    }
}

/* Tags and themes the import created: the store never holds invalid UTF-8. */
static void
check_labels (void)
{
  const GType label_types[] = { SCHOLIA_TYPE_TAG, SCHOLIA_TYPE_THEME };

  for (guint k = 0; k < G_N_ELEMENTS (label_types); k++)
    {
      GListModel *labels = scholia_store_get_labels (store, label_types[k]);

      for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
        {
          g_autoptr(ScholiaLabel) label = g_list_model_get_item (labels, i);

          fuzz_check (is_utf8 (scholia_label_get_name (label)), "a tag or theme name is not UTF-8");
        }
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *path = fuzz_make_file (directory, "annotations.json", data, size);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_auto(ScholiaW3cSummary) summary = { 0 };

  if (!scholia_w3c_import_file (store, file, size % 2 == 1 ? document : NULL, &summary, NULL, &error))
    {
      fuzz_check (error != NULL && error->domain == SCHOLIA_ERROR, "an import failed without a SCHOLIA_ERROR");
      return 0;
    }
  fuzz_check (error == NULL, "an import succeeded and set an error");
  if (summary.exact + summary.reanchored + summary.orphaned == 0)
    return 0;

  /* Something was added: check it, then start again from the bare essay so that the library
   * does not grow over millions of runs. */
  check_annotations ();
  check_labels ();
  fuzz_check (scholia_store_delete_document (store, document, &error), "%s", error->message);
  document = fuzz_add_document (store);
  return 0;
}
