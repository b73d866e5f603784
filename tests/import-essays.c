/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Essays to import in many, and what a library made of them holds: for the tests of importing
 * in batches (scholia-cli's and the window's). */
#include "config.h"

#include <sqlite3.h>

#include "import-essays.h"
#include "scholia-stem-tokenizer.h"
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

char *
import_essays_text (guint n,
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

GPtrArray *
import_essays_write (const char *dir,
                     guint       n,
                     gsize       bytes)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = import_essays_text (i, bytes);
      g_autofree char *name = g_strdup_printf ("essay-%04u.txt", i);

      g_ptr_array_add (paths, test_write_file (dir, name, text));
    }
  return paths;
}

char *
import_essays_rows (const char *library)
{
  return test_sql_text (library,
                        "SELECT group_concat(row, char(10)) FROM (SELECT id || '|' || title || '|'"
                        " || language || '|' || characters || '|' || checksum || '|' || text AS row"
                        " FROM documents ORDER BY id)");
}

char *
import_essays_search (ScholiaStore *store,
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

void
import_essays_assert_index (const char *library)
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

const char *const import_essays_queries[] = {
  "betray", "harbour ledgers", "\"merchants which counted\"", "ship*", "registre", "tonneau",
  "Hafenbuch", "Fass", "كتاب", "vellomir7", "vellomir40", "péage",
};
const guint import_essays_n_queries = G_N_ELEMENTS (import_essays_queries);

