/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "scholia-names.h"

/* Issue 12: authors sorted by their last word scattered "Anonymous (excerpt A)" under "A)" and
 * "Anonymous student (MLA essay)" under "essay)". */
static void
test_guess (void)
{
  static const struct { const char *name; const char *key; } cases[] = {
    /* Bracketed qualifiers are not part of the name. */
    { "Anonymous (excerpt A)", "Anonymous" },
    { "Anonymous student (MLA essay)", "Anonymous student" },
    { "Anonymous", "Anonymous" },
    { "Helena Marwick [attributed]", "Marwick, Helena" },
    { "Tomas Berg", "Berg, Tomas" },
    { "  Tomas   Berg ", "Berg, Tomas" },
    /* Lower-case particles go after the given names (Chicago Manual 8.5)... */
    { "Clara van Dijk", "Dijk, Clara van" },
    { "Ludwig van Beethoven", "Beethoven, Ludwig van" },
    { "Charles de Gaulle", "Gaulle, Charles de" },
    { "Johann Wolfgang von Goethe", "Goethe, Johann Wolfgang von" },
    { "Pieter van der Meer", "Meer, Pieter van der" },
    { "Jean le Rond d'Alembert", "Alembert, Jean le Rond d'" },
    { "van Gogh", "Gogh, van" },
    /* ...capitalised ones are part of the surname. */
    { "Martin Van Buren", "Van Buren, Martin" },
    { "W. E. B. Du Bois", "Du Bois, W. E. B." },
    { "Daphne Du Maurier", "Du Maurier, Daphne" },
    /* Already inverted, single names and hyphenated surnames are kept. */
    { "Berg, Tomas", "Berg, Tomas" },
    { "Dijk, Clara van", "Dijk, Clara van" },
    { "Plato", "Plato" },
    { "Voltaire", "Voltaire" },
    { "Rosa Ferrand-Baptiste", "Ferrand-Baptiste, Rosa" },
    /* Suffixes name no one. */
    { "Martin Luther King Jr.", "King, Martin Luther" },
    { "Martin Luther King, Jr.", "King, Martin Luther" },
    { "Henry Ford III", "Ford, Henry" },
    /* Unicode names. */
    { "Tadeusz Boy-Żeleński", "Boy-Żeleński, Tadeusz" },
    { "Éric de Saint-Étienne", "Saint-Étienne, Éric de" },
    { "Лев Толстой", "Толстой, Лев" },
    { "魯迅", "魯迅" },
    { "", "" },
    { "(excerpt)", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = scholia_names_guess_sort_key (cases[i].name);

      g_test_message ("%s", cases[i].name);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *left_guess = scholia_names_guess_sort_key (*(const char **) a);
  g_autofree char *right_guess = scholia_names_guess_sort_key (*(const char **) b);
  g_autofree char *left = scholia_names_collate_key (left_guess);
  g_autofree char *right = scholia_names_collate_key (right_guess);

  return strcmp (left, right);
}

/* The order the sidebar, compare, matrix and handout give. */
static void
test_order (void)
{
  const char *names[] = {
    "Clara van Dijk", "Tomas Berg", "Anonymous student (MLA essay)", "Anonymous (excerpt A)",
    "Ludwig van Beethoven", "zoë adams",
  };
  const char *expected[] = {
    "zoë adams", "Anonymous (excerpt A)", "Anonymous student (MLA essay)", "Ludwig van Beethoven",
    "Tomas Berg", "Clara van Dijk",
  };

  qsort (names, G_N_ELEMENTS (names), sizeof (char *), (int (*) (const void *, const void *)) compare_names);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (names[i], ==, expected[i]);
}

static void
test_collate_ignores_case (void)
{
  g_autofree char *lower = scholia_names_collate_key ("berg, tomas");
  g_autofree char *upper = scholia_names_collate_key ("BERG, Tomas");
  g_autofree char *accented = scholia_names_collate_key ("Żeleński, Tadeusz");
  g_autofree char *accented_lower = scholia_names_collate_key ("żeleński, tadeusz");
  g_autofree char *a = scholia_names_collate_key ("adams");
  g_autofree char *b = scholia_names_collate_key ("Berg");

  g_assert_cmpstr (lower, ==, upper);
  g_assert_cmpstr (accented, ==, accented_lower);
  g_assert_cmpint (strcmp (a, b), <, 0);
}

/* An interned key is the collation key, made once: asked again (as the comparison and the
 * matrix do each time they are made), it is the same string. */
static void
test_intern_collate_key (void)
{
  g_autofree char *made = scholia_names_collate_key ("Żeleński, Tadeusz");
  const char *interned = scholia_names_intern_collate_key ("Żeleński, Tadeusz");
  g_autofree char *copy = g_strdup ("Żeleński, Tadeusz");

  g_assert_cmpstr (interned, ==, made);
  g_assert_true (scholia_names_intern_collate_key (copy) == interned);
  g_assert_cmpstr (scholia_names_intern_collate_key ("adams"), !=, interned);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/names/guess", test_guess);
  g_test_add_func ("/names/order", test_order);
  g_test_add_func ("/names/collate-ignores-case", test_collate_ignores_case);
  g_test_add_func ("/names/intern-collate-key", test_intern_collate_key);

  return g_test_run ();
}
