/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "bench-big-library.h"
#include "bench-corpus.h"
#include "scholia-store.h"
#include "scholia-tag.h"
#include "scholia-theme.h"

/* Raised whenever what the generator writes changes, so that a kept library is made again. */
#define BIG_LIBRARY_NAME "big-library-1.sqlite3"
#define DOCUMENTS_PER_BATCH 250

static const char * const first_names[] = {
  "Agnes", "Bruno", "Cecilia", "Dariusz", "Edda", "Felix", "Greta", "Henrik", "Ilse", "Jonas",
  "Katarzyna", "Lorenz", "Marta", "Niels", "Oda", "Pavel", "Quirine", "Rasmus", "Sigrid", "Tomasz",
  "Ulla", "Viktor", "Wanda", "Xaver", "Yvonne",
};

static const char * const last_names[] = {
  "Ahlgren", "Brandvik", "Czerny", "Dahlquist", "Esterhuys", "Falkenrath", "Grünwald", "Halvorsen",
  "Ingebrigt", "Jaroszewska", "Kessler", "Lindqvist", "Mørch", "Nowacki", "Oberhauser", "Pietilä",
  "Quandt", "Rosenholm", "Steffensen", "Tarnowska", "Ulvestad", "Vesterlund", "Wielgosz",
  "Ystad", "Żukowski", "Aurell", "Björnfot", "Cederholm", "Dreyfuss", "Enqvist", "Frostrup",
  "Gyllenhjelm", "Hasselrot", "Isaksen", "Jurkiewicz", "Kvist", "Lundegård", "Malmsten",
  "Nordenskiöld", "Ödegaard",
};

static guint32
essay_seed (guint document_id)
{
  return 170000 + document_id;
}

/* 4–16 kB, the same for the same essay. */
static gsize
essay_bytes (guint document_id)
{
  return 4096 + (g_int_hash (&document_id) * 2654435761u) % (12 * 1024);
}

char *
bench_big_library_essay_text (guint document_id)
{
  return bench_corpus_essay (essay_seed (document_id), essay_bytes (document_id));
}

char *
bench_big_library_essay_title (guint document_id)
{
  return g_strdup_printf ("Harbour Papers %u", document_id);
}

char *
bench_big_library_essay_author (guint document_id)
{
  guint author = (document_id - 1) % BENCH_BIG_N_AUTHORS;

  return g_strdup_printf ("%s %s %u", first_names[author % G_N_ELEMENTS (first_names)],
                          last_names[(author / G_N_ELEMENTS (first_names)) % G_N_ELEMENTS (last_names)],
                          author + 1);
}

char *
bench_big_library_essay_date (guint document_id)
{
  return g_strdup_printf ("%u", 1850 + document_id % 170);
}

static void
add_labels (ScholiaStore *store,
            GArray       *tags,
            GArray       *themes)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = scholia_store_get_labels (store, SCHOLIA_TYPE_TAG);

  for (guint i = g_list_model_get_n_items (model); i < BENCH_BIG_N_TAGS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Finding %u", i + 1);

      g_assert_nonnull (scholia_store_add_label (store, SCHOLIA_TYPE_TAG, name, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < BENCH_BIG_N_THEMES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Theme %03u", i + 1);

      g_assert_nonnull (scholia_store_add_label (store, SCHOLIA_TYPE_THEME, name, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (model, i);
      gint64 id = scholia_label_get_id (label);

      g_array_append_val (tags, id);
    }
  model = scholia_store_get_labels (store, SCHOLIA_TYPE_THEME);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (model, i);
      gint64 id = scholia_label_get_id (label);

      g_array_append_val (themes, id);
    }
}

static void
add_essay (ScholiaStore *store,
           guint         document_id,
           GRand        *rand,
           GArray       *tags,
           GArray       *themes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = bench_big_library_essay_text (document_id);
  g_autofree char *title = bench_big_library_essay_title (document_id);
  g_autofree char *author = bench_big_library_essay_author (document_id);
  g_autofree char *date = bench_big_library_essay_date (document_id);
  ScholiaAnnotationRecord records[BENCH_BIG_N_ANNOTATIONS_PER_DOCUMENT];
  gint64 tag_ids[BENCH_BIG_N_ANNOTATIONS_PER_DOCUMENT][2];
  gint64 theme_ids[BENCH_BIG_N_ANNOTATIONS_PER_DOCUMENT];
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  ScholiaDocument *document;
  const char *start_of_text;
  int length = g_utf8_strlen (text, -1);

  document = scholia_store_add_document (store, title, author, date, NULL, text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scholia_document_get_id (document), ==, document_id);

  for (guint i = 0; i < BENCH_BIG_N_ANNOTATIONS_PER_DOCUMENT; i++)
    {
      int start = g_rand_int_range (rand, 0, length - 200);
      int end = start + g_rand_int_range (rand, 10, 200);
      char *quote, *prefix, *suffix;
      guint first_tag;

      start_of_text = g_utf8_offset_to_pointer (text, start);
      quote = g_utf8_substring (start_of_text, 0, end - start);
      prefix = g_utf8_substring (text, MAX (0, start - 32), start);
      suffix = g_utf8_substring (text, end, MIN (length, end + 32));
      g_ptr_array_add (owned, quote);
      g_ptr_array_add (owned, prefix);
      g_ptr_array_add (owned, suffix);

      first_tag = g_rand_int_range (rand, 0, tags->len);
      tag_ids[i][0] = g_array_index (tags, gint64, first_tag);
      tag_ids[i][1] = g_array_index (tags, gint64, (first_tag + g_rand_int_range (rand, 1, tags->len)) % tags->len);
      theme_ids[i] = g_array_index (themes, gint64, g_rand_int_range (rand, 0, themes->len));
      records[i] = (ScholiaAnnotationRecord) {
        .document = document, .start = start, .end = end,
        .quote = quote, .prefix = prefix, .suffix = suffix,
        .note = i % 5 == 0 ? "Compare the harbour accounts of the same year before citing this." : NULL,
        .tag_ids = tag_ids[i], .n_tag_ids = i % 10 == 0 ? 2 : 1,
        .theme_ids = &theme_ids[i], .n_theme_ids = 1,
      };
    }
  g_assert_true (scholia_store_add_annotations_full (store, records, G_N_ELEMENTS (records), &error));
  g_assert_no_error (error);
}

static void
generate (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) themes = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  add_labels (store, tags, themes);
  for (guint first = 1; first <= BENCH_BIG_N_DOCUMENTS; first += DOCUMENTS_PER_BATCH)
    {
      g_assert_true (scholia_store_begin_batch (store, &error));
      for (guint id = first; id < first + DOCUMENTS_PER_BATCH && id <= BENCH_BIG_N_DOCUMENTS; id++)
        add_essay (store, id, rand, tags, themes);
      g_assert_true (scholia_store_commit_batch (store, &error));
      g_assert_no_error (error);
      /* The store checkpoints a batch's write-ahead log when the main loop is idle. */
      while (g_main_context_iteration (NULL, FALSE));
    }
}

char *
bench_big_library_ensure (void)
{
  g_autoptr(GError) error = NULL;
  const char *dir = g_getenv ("SCHOLIA_BENCH_CORPUS_DIR");
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;
  gint64 started;

  if (dir == NULL)
    dir = BENCH_CORPUS_DIR;
  path = g_build_filename (dir, BIG_LIBRARY_NAME, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);

  /* Written under another name and renamed when whole, so that a generation cut short is
   * never taken for the library. */
  partial = g_strdup_printf ("%s.%d.partial", path, (int) getpid ());
  g_printerr ("Generating the big library (%u essays, %u annotations) in %s\n",
              BENCH_BIG_N_DOCUMENTS, BENCH_BIG_N_DOCUMENTS * BENCH_BIG_N_ANNOTATIONS_PER_DOCUMENT, dir);
  started = g_get_monotonic_time ();
  generate (partial);
  g_assert_cmpint (g_rename (partial, path), ==, 0);
  g_printerr ("generated in %.0f s\n", (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  return g_steal_pointer (&path);
}

char *
bench_big_library_copy (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = bench_big_library_ensure ();
  g_autofree char *path = g_build_filename (dir, BIG_LIBRARY_NAME, NULL);
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autoptr(GFile) to = g_file_new_for_path (path);

  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}
