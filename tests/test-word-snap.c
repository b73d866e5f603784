/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-word-snap.h"

typedef struct
{
  const char *text;
  const char *selected; /* the passage as dragged */
  const char *expected; /* the passage once snapped */
} Case;

/* Each passage is found by its first occurrence in the text. */
static const Case cases[] = {
  { "Trotsky feared Stalin's rise to power.", "ky feared Stal", "Trotsky feared Stalin's" },
  { "Trotsky feared Stalin's rise to power.", "red Stal", "feared Stalin's" },
  { "the leader, Stalin's rise was slow", "er, Stalin's ri", "leader, Stalin's rise" },
  { "Le café au lait était amer.", "afé au la", "café au lait" },
  { "Un autre café ne l’était pas.", "’était", "l’était" },
  { "Un autre café ne l’était pas.", "ne l", "ne l’était" },
  { "the anti-Bolshevik press", "Bolsh", "anti-Bolshevik" },
  { "In 1921 the NEP began.", "92", "1921" },
  { "In 1921 the NEP began.", "the NEP", "the NEP" },
  { "Stalin's rise", "Stalin's rise", "Stalin's rise" },
  /* Ends on white space or punctuation stay: no reaching over them. */
  { "one two three", " two ", " two " },
  { "one, two, three", ", two,", ", two," },
  { "said 'no' twice", "'no'", "'no'" },
  { "said 'no' twice", "no'", "no'" },
  /* Nothing but space and punctuation: as made. */
  { "one -- two", " -- ", " -- " },
  { "one, two", ",", "," },
};

static void
test_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      const char *found = strstr (c->text, c->selected);
      g_autofree char *quote = NULL;
      int start, end;
      gboolean widened;

      g_assert_nonnull (found);
      start = g_utf8_pointer_to_offset (c->text, found);
      end = start + g_utf8_strlen (c->selected, -1);

      widened = scholia_word_snap (c->text, &start, &end);

      quote = g_utf8_substring (c->text, start, end);
      g_assert_cmpstr (quote, ==, c->expected);
      g_assert_cmpint (widened, ==, strcmp (c->selected, c->expected) != 0);
    }
}

/* A decomposed accent is part of its letter. */
static void
test_combining_mark (void)
{
  const char *text = "le cafe\xcc\x81 noir";
  int start = 3, end = 6; /* "caf" */

  g_assert_true (scholia_word_snap (text, &start, &end));
  g_assert_cmpint (start, ==, 3);
  g_assert_cmpint (end, ==, 8);
}

/* Offsets past the text stop at its end rather than reading beyond it. */
static void
test_at_text_ends (void)
{
  const char *text = "Stalin";
  int start = 0, end = 2;

  g_assert_true (scholia_word_snap (text, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 6);

  start = 4;
  end = 6;
  g_assert_true (scholia_word_snap (text, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/word-snap/table", test_table);
  g_test_add_func ("/word-snap/combining-mark", test_combining_mark);
  g_test_add_func ("/word-snap/text-ends", test_at_text_ends);

  return g_test_run ();
}
