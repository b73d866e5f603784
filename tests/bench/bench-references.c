/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 15's measurement: a CSL-JSON file of 5,000 references, as Zotero or Better BibTeX
 * exports a large library, read and imported into an empty library in one transaction, against
 * the target of 1 s; then the same file imported again (every reference unchanged), as a
 * re-export that keeps the library current. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "scholia-reference-file.h"
#include "scholia-store-references.h"

#define N_REFERENCES 5000
#define TARGET_S     1.0

static const char * const syllables[] = {
  "ka", "lo", "mi", "ren", "sa", "to", "vel", "dor", "an", "bre", "cz", "ew", "ski", "ńa",
  "mü", "ller", "ó", "stra", "ße", "vries", "ok", "af", "or", "lind", "brandt",
};

static const char * const words[] = {
  "grain", "ledgers", "of", "a", "river", "port", "émigré", "printers", "and", "their",
  "readers", "harbour", "songs", "provincial", "zeal", "zoning", "guild", "weighers", "in",
  "the", "lamp", "oil", "quarrels", "minutes", "coffee", "rooms", "winter",
};

static char *
invented (GRand              *rand,
          const char * const *parts,
          guint               n_parts,
          guint               count,
          const char         *separator)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < count; i++)
    {
      if (i > 0)
        g_string_append (text, separator);
      g_string_append (text, parts[g_rand_int_range (rand, 0, n_parts)]);
    }
  return g_string_free (text, FALSE);
}

static void
add_name (JsonBuilder *builder,
          GRand       *rand)
{
  g_autofree char *family = invented (rand, syllables, G_N_ELEMENTS (syllables), 3, "");
  g_autofree char *given = invented (rand, syllables, G_N_ELEMENTS (syllables), 2, "");

  family[0] = g_ascii_toupper (family[0]);
  given[0] = g_ascii_toupper (given[0]);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "family");
  json_builder_add_string_value (builder, family);
  json_builder_set_member_name (builder, "given");
  json_builder_add_string_value (builder, given);
  json_builder_end_object (builder);
}

static char *
make_export (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < N_REFERENCES; i++)
    {
      g_autofree char *key = g_strdup_printf ("ref%05u", i);
      g_autofree char *title = invented (rand, words, G_N_ELEMENTS (words), g_rand_int_range (rand, 3, 12), " ");
      g_autofree char *journal = invented (rand, words, G_N_ELEMENTS (words), 3, " ");
      g_autofree char *pages = g_strdup_printf ("%d-%d", g_rand_int_range (rand, 1, 300), g_rand_int_range (rand, 301, 600));
      guint n_authors = g_rand_int_range (rand, 1, 4);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, key);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "article-journal");
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, title);
      json_builder_set_member_name (builder, "container-title");
      json_builder_add_string_value (builder, journal);
      json_builder_set_member_name (builder, "volume");
      json_builder_add_int_value (builder, g_rand_int_range (rand, 1, 80));
      json_builder_set_member_name (builder, "page");
      json_builder_add_string_value (builder, pages);
      json_builder_set_member_name (builder, "DOI");
      json_builder_add_string_value (builder, key);
      json_builder_set_member_name (builder, "author");
      json_builder_begin_array (builder);
      for (guint a = 0; a < n_authors; a++)
        add_name (builder, rand);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "issued");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date-parts");
      json_builder_begin_array (builder);
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, g_rand_int_range (rand, 1800, 2025));
      json_builder_add_int_value (builder, g_rand_int_range (rand, 1, 13));
      json_builder_end_array (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, TRUE);
}

/* Reads @path and imports it; the wall-clock seconds. */
static double
import_file (ScholiaStore *store,
             const char   *path,
             guint        *added,
             guint        *unchanged)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ScholiaReferenceFile) read = NULL;
  g_autoptr(ScholiaReferenceChanges) changes = scholia_reference_changes_new ();
  gint64 start = g_get_monotonic_time ();

  read = scholia_reference_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->references->len, ==, N_REFERENCES);
  g_assert_true (scholia_store_import_references (store, read->references, changes, &error));
  g_assert_no_error (error);
  *added = changes->added->len;
  *unchanged = changes->unchanged->len;
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scholia-bench-references-XXXXXX", &error);
  g_autofree char *json_path = g_build_filename (dir, "references.json", NULL);
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *text = make_export ();
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  double first, again;
  guint added, unchanged;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (json_path, text, -1, &error));
  store = scholia_store_open (library, &error);
  g_assert_no_error (error);

  first = import_file (store, json_path, &added, &unchanged);
  g_assert_cmpuint (added, ==, N_REFERENCES);
  again = import_file (store, json_path, &added, &unchanged);
  g_assert_cmpuint (unchanged, ==, N_REFERENCES);
  found = scholia_store_search_references (store, "grain", 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 20);

  g_print ("import %d references from CSL JSON (%.1f MB) into an empty library: %.3f s (target < %.0f s, %.2f of it)\n",
           N_REFERENCES, strlen (text) / 1e6, first, TARGET_S, first / TARGET_S);
  g_print ("import the same file again, every reference unchanged: %.3f s (target < %.0f s, %.2f of it)\n",
           again, TARGET_S, again / TARGET_S);

  g_clear_object (&store);
  g_unlink (json_path);
  g_unlink (library);
  {
    g_autofree char *wal = g_strconcat (library, "-wal", NULL);
    g_autofree char *shm = g_strconcat (library, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return first < TARGET_S ? 0 : 1;
}
