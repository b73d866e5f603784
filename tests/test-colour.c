/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-colour.h"
#include "scholia-store.h"
#include "test-files.h"

static void
lab_of (const char *colour,
        ScholiaLab *lab)
{
  ScholiaRgb rgb;

  g_assert_true (scholia_colour_parse (colour, &rgb));
  scholia_colour_to_lab (&rgb, lab);
}

/* sRGB primaries and white, as every colour reference gives them (D65, 2°). */
static void
test_lab_reference (void)
{
  static const struct { const char *colour; double l, a, b; } cases[] = {
    { "#ffffff", 100.0, 0.0, 0.0 },
    { "#000000", 0.0, 0.0, 0.0 },
    { "#ff0000", 53.2408, 80.0925, 67.2032 },
    { "#00ff00", 87.7347, -86.1827, 83.1793 },
    { "#0000ff", 32.2970, 79.1875, -107.8602 },
    { "#808080", 53.5850, 0.0, 0.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ScholiaLab lab;

      lab_of (cases[i].colour, &lab);
      g_assert_cmpfloat_with_epsilon (lab.l, cases[i].l, 0.01);
      g_assert_cmpfloat_with_epsilon (lab.a, cases[i].a, 0.02);
      g_assert_cmpfloat_with_epsilon (lab.b, cases[i].b, 0.02);
    }
}

/* Pairs from Sharma, Wu and Dalal's test data for CIEDE2000, which catch the usual mistakes
 * (hue wrap-around, the mean hue, the rotation term). */
static void
test_delta_e_2000_reference (void)
{
  static const struct { ScholiaLab one, other; double expected; } cases[] = {
    { { 50.0, 2.6772, -79.7751 }, { 50.0, 0.0, -82.7485 }, 2.0425 },
    { { 50.0, -1.0, 2.0 }, { 50.0, 0.0, 0.0 }, 2.3669 },
    { { 50.0, 2.49, -0.001 }, { 50.0, -2.49, 0.0009 }, 7.1792 },
    { { 50.0, 2.5, 0.0 }, { 73.0, 25.0, -18.0 }, 27.1492 },
    { { 50.0, 2.5, 0.0 }, { 58.0, 24.0, 15.0 }, 19.4535 },
    { { 60.2574, -34.0099, 36.2677 }, { 60.4626, -34.1751, 39.4387 }, 1.2644 },
    { { 22.7233, 20.0904, -46.6940 }, { 23.0331, 14.9730, -42.5619 }, 2.0373 },
    { { 90.8027, -2.0831, 1.4410 }, { 91.1528, -1.6435, 0.0447 }, 1.4441 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpfloat_with_epsilon (scholia_colour_delta_e_2000 (&cases[i].one, &cases[i].other),
                                      cases[i].expected, 0.0001);
      g_assert_cmpfloat_with_epsilon (scholia_colour_delta_e_2000 (&cases[i].other, &cases[i].one),
                                      cases[i].expected, 0.0001);
    }
}

static void
test_delta_e_76_and_contrast (void)
{
  ScholiaLab one = { 50, 0, 0 }, other = { 53, 4, 0 };
  ScholiaRgb black, white;

  g_assert_cmpfloat_with_epsilon (scholia_colour_delta_e_76 (&one, &other), 5.0, 1e-9);
  g_assert_true (scholia_colour_parse ("#000000", &black));
  g_assert_true (scholia_colour_parse ("#FFFFFF", &white));
  g_assert_cmpfloat_with_epsilon (scholia_colour_contrast (&black, &white), 21.0, 1e-9);
  g_assert_false (scholia_colour_parse ("#12345", &black));
  g_assert_false (scholia_colour_parse ("#12345g", &black));
  g_assert_false (scholia_colour_parse ("123456", &black));
}

typedef struct
{
  double      minimum;
  const char *one;
  const char *other;
} Closest;

static void
note_pair (Closest    *closest,
           double      delta_e,
           const char *one,
           const char *other)
{
  if (delta_e < closest->minimum)
    *closest = (Closest) { delta_e, one, other };
}

/* The rule the palette is made for, over the washes the reading view draws in one scheme:
 * every pair at least SCHOLIA_COLOUR_MIN_DELTA_E apart (CIE76), every wash that far from the
 * focused text selection by CIE76 and CIEDE2000 alike (a blue-ish wash the older formula calls
 * distinct still reads as selected), and the text on each wash readable. */
static void
check_scheme (gboolean dark)
{
  const ScholiaColourScheme *scheme = scholia_colour_get_scheme (dark);
  guint n;
  const ScholiaPaletteColour *palette = scholia_colour_get_palette (&n);
  g_autofree ScholiaLab *washes = g_new (ScholiaLab, n);
  ScholiaRgb page, text, selection_colour, selection;
  ScholiaLab selection_lab;
  Closest pairs = { G_MAXDOUBLE, NULL, NULL }, pairs_2000 = { G_MAXDOUBLE, NULL, NULL };
  Closest to_selection = { G_MAXDOUBLE, NULL, NULL }, to_selection_2000 = { G_MAXDOUBLE, NULL, NULL };

  g_assert_true (scholia_colour_parse (scheme->page, &page));
  g_assert_true (scholia_colour_parse (scheme->text, &text));
  g_assert_true (scholia_colour_parse (scheme->selection, &selection_colour));
  scholia_colour_blend (&selection_colour, scheme->selection_alpha, &page, &selection);
  scholia_colour_to_lab (&selection, &selection_lab);

  g_assert_cmpuint (n, >=, 5);
  for (guint i = 0; i < n; i++)
    {
      ScholiaRgb wash;

      g_assert_true (scholia_colour_get_wash (palette[i].colour, dark, &wash));
      scholia_colour_to_lab (&wash, &washes[i]);
      if (scholia_colour_contrast (&wash, &text) < SCHOLIA_COLOUR_MIN_CONTRAST)
        g_error ("Text on the %s wash has a contrast of only %.2f", palette[i].name,
                 scholia_colour_contrast (&wash, &text));
      note_pair (&to_selection, scholia_colour_delta_e_76 (&washes[i], &selection_lab),
                 palette[i].colour, "selection");
      note_pair (&to_selection_2000, scholia_colour_delta_e_2000 (&washes[i], &selection_lab),
                 palette[i].colour, "selection");
      for (guint j = 0; j < i; j++)
        {
          note_pair (&pairs, scholia_colour_delta_e_76 (&washes[i], &washes[j]),
                     palette[i].colour, palette[j].colour);
          note_pair (&pairs_2000, scholia_colour_delta_e_2000 (&washes[i], &washes[j]),
                     palette[i].colour, palette[j].colour);
        }
    }

  g_test_message ("%s: closest pair %s/%s ΔE76 %.1f (closest by ΔE2000 %s/%s %.1f); "
                  "closest to the selection %s ΔE76 %.1f, %s ΔE2000 %.1f",
                  dark ? "dark" : "light", pairs.one, pairs.other, pairs.minimum,
                  pairs_2000.one, pairs_2000.other, pairs_2000.minimum,
                  to_selection.one, to_selection.minimum, to_selection_2000.one,
                  to_selection_2000.minimum);
  if (pairs.minimum < SCHOLIA_COLOUR_MIN_DELTA_E)
    g_error ("The washes of %s and %s are only ΔE %.1f apart", pairs.one, pairs.other, pairs.minimum);
  if (to_selection.minimum < SCHOLIA_COLOUR_MIN_DELTA_E)
    g_error ("The wash of %s is only ΔE76 %.1f from the selection", to_selection.one, to_selection.minimum);
  if (to_selection_2000.minimum < SCHOLIA_COLOUR_MIN_DELTA_E)
    g_error ("The wash of %s is only ΔE2000 %.1f from the selection", to_selection_2000.one,
             to_selection_2000.minimum);
}

static void
test_palette_light (void)
{
  check_scheme (FALSE);
}

static void
test_palette_dark (void)
{
  check_scheme (TRUE);
}

static gboolean
in_palette (const char *colour)
{
  guint n;
  const ScholiaPaletteColour *palette = scholia_colour_get_palette (&n);

  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (palette[i].colour, colour) == 0)
      return TRUE;
  return FALSE;
}

/* What a new library draws: its built-in tags and the tags a user adds without choosing a colour
 * all take palette colours, distinct until the palette runs out. */
static void
test_library_colours_come_from_palette (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-colour-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *tags;
  guint n_palette;

  g_assert_no_error (error);
  scholia_colour_get_palette (&n_palette);
  tags = scholia_store_get_labels (store, SCHOLIA_TYPE_TAG);
  while (g_list_model_get_n_items (tags) < n_palette)
    {
      g_autofree char *name = g_strdup_printf ("tag %u", g_list_model_get_n_items (tags));
      g_assert_nonnull (scholia_store_add_label (store, SCHOLIA_TYPE_TAG, name, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < n_palette; i++)
    {
      g_autoptr(ScholiaLabel) tag = g_list_model_get_item (tags, i);
      const char *colour = scholia_label_get_colour (tag);

      g_assert_true (in_palette (colour));
      g_assert_true (g_hash_table_add (seen, g_ascii_strdown (colour, -1)));
    }

  g_clear_object (&store);
  test_tmp_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/colour/lab/reference", test_lab_reference);
  g_test_add_func ("/colour/delta-e-2000/reference", test_delta_e_2000_reference);
  g_test_add_func ("/colour/delta-e-76-and-contrast", test_delta_e_76_and_contrast);
  g_test_add_func ("/colour/palette/light", test_palette_light);
  g_test_add_func ("/colour/palette/dark", test_palette_dark);
  g_test_add_func ("/colour/palette/library", test_library_colours_come_from_palette);

  return g_test_run ();
}
