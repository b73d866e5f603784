/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bench-long-essay.h"

#include "bench-corpus.h"
#include "scholia-store.h"
#include "scholia-tag.h"
#include "scholia-theme.h"

#define N_THEMES 10

static void
label_ids (ScholiaStore *store,
           GType         type,
           GArray       *ids)
{
  GListModel *labels = scholia_store_get_labels (store, type);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (labels, i);
      gint64 id = scholia_label_get_id (label);

      g_array_append_val (ids, id);
    }
}

void
bench_long_essay_library (const char  *path,
                          char       **text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1905);
  g_autoptr(GArray) tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) theme_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ScholiaDocument *document;
  int length, step;
  gint64 spread;

  g_assert_no_error (error);
  *text = bench_corpus_essay (1905, BENCH_LONG_ESSAY_BYTES);
  length = (int) g_utf8_strlen (*text, -1);
  document = scholia_store_add_document (store, BENCH_LONG_ESSAY_TITLE, "Ottilie Marchbank", NULL, NULL,
                                         *text, NULL, &error);
  g_assert_no_error (error);

  for (int i = 0; i < N_THEMES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Theme %d", i + 1);
      /* The store keeps the label: transfer none. */
      ScholiaLabel *theme = scholia_store_add_label (store, SCHOLIA_TYPE_THEME, name, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (theme);
    }
  label_ids (store, SCHOLIA_TYPE_TAG, tag_ids);
  label_ids (store, SCHOLIA_TYPE_THEME, theme_ids);
  g_assert_cmpuint (tag_ids->len, >=, 2);

  /* Evenly spread, 20 to 200 characters long, one in ten starting inside the one before; the
   * last ends just before the end of the text. */
  spread = length - 400;
  step = spread / BENCH_LONG_ESSAY_N_ANNOTATIONS;
  g_assert_true (scholia_store_begin_batch (store, &error));
  g_assert_no_error (error);
  for (int i = 0; i < BENCH_LONG_ESSAY_N_ANNOTATIONS; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = NULL;
      int start = (int) (i * spread / BENCH_LONG_ESSAY_N_ANNOTATIONS) + g_rand_int_range (rand, 0, step / 2);
      int span = g_rand_int_range (rand, 20, 201);
      guint first = g_rand_int_range (rand, 0, tag_ids->len);
      gint64 tags[2] = {
        g_array_index (tag_ids, gint64, first),
        g_array_index (tag_ids, gint64, (first + 1) % tag_ids->len),
      };
      gint64 theme = g_array_index (theme_ids, gint64, i % theme_ids->len);

      if (g_rand_int_range (rand, 0, 10) == 0)
        start = MAX (start - span / 2, 0);
      annotation = scholia_store_add_annotation (store, document, start, MIN (start + span, length),
                                                 tags, g_rand_int_range (rand, 1, 3), &theme, 1, NULL,
                                                 &error);
      g_assert_no_error (error);
    }
  g_assert_true (scholia_store_commit_batch (store, &error));
  g_assert_no_error (error);
}
