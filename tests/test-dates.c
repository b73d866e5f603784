/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "scholia-dates.h"

static void
test_year_finds_first_year (void)
{
  g_assert_cmpint (scholia_dates_year ("1956"), ==, 1956);
  g_assert_cmpint (scholia_dates_year ("c. 1925"), ==, 1925);
  g_assert_cmpint (scholia_dates_year ("spring 1917"), ==, 1917);
  g_assert_cmpint (scholia_dates_year ("1917–1919"), ==, 1917);
  g_assert_cmpint (scholia_dates_year ("3 May 1848"), ==, 1848);
  g_assert_cmpint (scholia_dates_year ("1848-05-03"), ==, 1848);
}

static void
test_year_skips_numbers_that_are_not_years (void)
{
  g_assert_cmpint (scholia_dates_year ("folio 12, 1871"), ==, 1871);
  g_assert_cmpint (scholia_dates_year ("MS 104521, 1902"), ==, 1902);
  g_assert_cmpint (scholia_dates_year ("undated"), ==, G_MAXINT);
  g_assert_cmpint (scholia_dates_year ("12"), ==, G_MAXINT);
  g_assert_cmpint (scholia_dates_year (""), ==, G_MAXINT);
  g_assert_cmpint (scholia_dates_year (NULL), ==, G_MAXINT);
}

static int
compare_dates (const void *a,
               const void *b)
{
  return scholia_dates_compare (*(const char * const *) a, *(const char * const *) b);
}

static void
test_compare_orders_by_year_then_text (void)
{
  const char *dates[] = { "1956", "", "c. 1925", "undated", "spring 1917", "autumn 1917", NULL };
  const char *expected[] = { "autumn 1917", "spring 1917", "c. 1925", "1956", "undated", "", NULL };

  qsort (dates, G_N_ELEMENTS (dates), sizeof (char *), compare_dates);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (dates[i], ==, expected[i]);
}

static void
test_compare_is_consistent (void)
{
  g_assert_cmpint (scholia_dates_compare ("spring 1917", "c. 1925"), <, 0);
  g_assert_cmpint (scholia_dates_compare ("c. 1925", "spring 1917"), >, 0);
  g_assert_cmpint (scholia_dates_compare ("1956", "1956"), ==, 0);
  g_assert_cmpint (scholia_dates_compare (NULL, ""), ==, 0);
  g_assert_cmpint (scholia_dates_compare (NULL, "1956"), >, 0);
  g_assert_cmpint (scholia_dates_compare ("1956", NULL), <, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dates/year/first-four-digit-year", test_year_finds_first_year);
  g_test_add_func ("/dates/year/skips-other-numbers", test_year_skips_numbers_that_are_not_years);
  g_test_add_func ("/dates/compare/year-then-text-undated-last",
                   test_compare_orders_by_year_then_text);
  g_test_add_func ("/dates/compare/antisymmetric", test_compare_is_consistent);

  return g_test_run ();
}
