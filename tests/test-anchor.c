/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-anchor.h"

/* An essay by a fictional historian, written for these tests. */
#define ESSAY \
  "The lighthouse keepers of the Orrin coast kept two logs, and only one of them was meant " \
  "to be read. The official log recorded weather, oil and passing ships in a clerk’s hand. " \
  "The second log, kept in pencil at the back of the lamp room, recorded what the keepers " \
  "thought of the inspectors.\n\n" \
  "Historians have mostly read the first. Edda Marrow’s survey of 1962 treats the pencil " \
  "notes as gossip, and gossip is what they often are. Yet the pencil log is also where the " \
  "keepers wrote down the wrecks the official log was told to forget.\n"

#define NEW_OPENING \
  "A note on sources: the logs quoted here are held in the county archive at Selby Rise, " \
  "boxes 14 to 19, and are cited by date.\n\n"

typedef struct
{
  int   start;
  int   end;
  char *quote;
  char *prefix;
  char *suffix;
} OwnedSelector;

static void
owned_selector_clear (OwnedSelector *owned)
{
  g_free (owned->quote);
  g_free (owned->prefix);
  g_free (owned->suffix);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OwnedSelector, owned_selector_clear)

/* The selector an annotation on the span [start, end) of text (in code points) would store. */
static void
owned_selector_init_at (OwnedSelector *owned,
                        const char    *text,
                        int            start,
                        int            end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (from, end - start);
  const char *context_start = from;
  const char *context_end = to;

  owned->start = start;
  owned->end = end;
  owned->quote = g_strndup (from, to - from);

  for (int i = 0; i < SCHOLIA_ANCHOR_CONTEXT_LENGTH && context_start > text; i++)
    context_start = g_utf8_prev_char (context_start);
  owned->prefix = g_strndup (context_start, from - context_start);

  for (int i = 0; i < SCHOLIA_ANCHOR_CONTEXT_LENGTH && *context_end != '\0'; i++)
    context_end = g_utf8_next_char (context_end);
  owned->suffix = g_strndup (to, context_end - to);
}

/* The selector an annotation on the nth (from 0) occurrence of quote in text would store. */
static void
owned_selector_init (OwnedSelector *owned,
                     const char    *text,
                     const char    *quote,
                     int            nth)
{
  const char *found = strstr (text, quote);
  int start;

  for (int i = 0; i < nth && found != NULL; i++)
    found = strstr (found + 1, quote);
  g_assert_nonnull (found);

  start = g_utf8_pointer_to_offset (text, found);
  owned_selector_init_at (owned, text, start, start + g_utf8_strlen (quote, -1));
}

static ScholiaAnchorSelector
owned_selector_get (const OwnedSelector *owned)
{
  return (ScholiaAnchorSelector) { owned->start, owned->end, owned->quote, owned->prefix, owned->suffix };
}

static ScholiaAnchorResult
locate_in (const char          *text,
           const OwnedSelector *owned)
{
  g_autoptr(ScholiaAnchorText) prepared = scholia_anchor_text_new (text, -1);
  ScholiaAnchorSelector selector = owned_selector_get (owned);

  return scholia_anchor_locate (prepared, &selector);
}

/* The code-point offset of the nth occurrence of needle in text. */
static int
offset_of (const char *text,
           const char *needle,
           int         nth)
{
  const char *found = strstr (text, needle);

  for (int i = 0; i < nth && found != NULL; i++)
    found = strstr (found + 1, needle);
  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (text, found);
}

static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *found = strstr (text, old);

  g_assert_nonnull (found);
  return g_strdup_printf ("%.*s%s%s", (int) (found - text), text, new, found + strlen (old));
}

static void
test_unchanged_text_is_exact_position (void)
{
  g_auto(OwnedSelector) owned = { 0 };
  ScholiaAnchorResult result;

  owned_selector_init (&owned, ESSAY, "recorded what the keepers thought of the inspectors", 0);
  result = locate_in (ESSAY, &owned);

  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_POSITION);
  g_assert_cmpint (result.start, ==, owned.start);
  g_assert_cmpint (result.end, ==, owned.end);
  g_assert_cmpfloat (result.score, ==, 1.0);
}

static void
test_paragraph_inserted_before_moves_exactly (void)
{
  g_autofree char *revised = g_strconcat (NEW_OPENING, ESSAY, NULL);
  g_auto(OwnedSelector) owned = { 0 };
  ScholiaAnchorResult result;
  const char *quote = "Edda Marrow’s survey of 1962";

  owned_selector_init (&owned, ESSAY, quote, 0);
  result = locate_in (revised, &owned);

  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_MOVED);
  g_assert_cmpint (result.start, ==, offset_of (revised, quote, 0));
  g_assert_cmpint (result.start, ==, owned.start + g_utf8_strlen (NEW_OPENING, -1));
  g_assert_cmpint (result.end - result.start, ==, g_utf8_strlen (quote, -1));
  g_assert_cmpfloat (result.score, ==, 1.0);
}

static void
test_typo_fixed_inside_quote_is_fuzzy (void)
{
  const char *with_typo = "The offical log recorded weather, oil and passing ships";
  const char *fixed = "The official log recorded weather, oil and passing ships";
  g_autofree char *original = replace_once (ESSAY, fixed, with_typo);
  g_auto(OwnedSelector) owned = { 0 };
  ScholiaAnchorResult result;

  owned_selector_init (&owned, original, with_typo, 0);
  result = locate_in (ESSAY, &owned);

  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_FUZZY);
  g_assert_cmpint (result.start, ==, offset_of (ESSAY, fixed, 0));
  g_assert_cmpint (result.end, ==, result.start + g_utf8_strlen (fixed, -1));
  g_assert_cmpfloat (result.score, >=, 0.9);
  g_assert_cmpfloat (result.score, <, 1.0);
}

static void
test_typo_fixed_and_paragraph_inserted_is_fuzzy (void)
{
  const char *with_typo = "the keepers wrote down the wrecks the offical log was told to forget";
  const char *fixed = "the keepers wrote down the wrecks the official log was told to forget";
  g_autofree char *original = replace_once (ESSAY, fixed, with_typo);
  g_autofree char *revised = g_strconcat (NEW_OPENING, ESSAY, NULL);
  g_auto(OwnedSelector) owned = { 0 };
  ScholiaAnchorResult result;

  owned_selector_init (&owned, original, with_typo, 0);
  result = locate_in (revised, &owned);

  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_FUZZY);
  g_assert_cmpint (result.start, ==, offset_of (revised, fixed, 0));
  g_assert_cmpint (result.end, ==, result.start + g_utf8_strlen (fixed, -1));
}

static void
test_word_inserted_inside_quote_is_fuzzy (void)
{
  const char *quote = "Yet the pencil log is also where the keepers wrote down the wrecks";
  const char *longer = "Yet the pencil log is also where the keepers faithfully wrote down the wrecks";
  g_autofree char *revised = replace_once (ESSAY, quote, longer);
  g_auto(OwnedSelector) owned = { 0 };
  ScholiaAnchorResult result;

  owned_selector_init (&owned, ESSAY, quote, 0);
  result = locate_in (revised, &owned);

  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_FUZZY);
  g_assert_cmpint (result.start, ==, offset_of (revised, longer, 0));
  g_assert_cmpint (result.end, ==, result.start + g_utf8_strlen (longer, -1));
}

static void
test_deleted_sentence_is_orphan (void)
{
  const char *sentence = "Historians have mostly read the first. ";
  g_autofree char *revised = replace_once (ESSAY, sentence, "");
  g_auto(OwnedSelector) owned = { 0 };
  ScholiaAnchorResult result;

  owned_selector_init (&owned, ESSAY, "Historians have mostly read the first.", 0);
  result = locate_in (revised, &owned);

  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_ORPHAN);
  g_assert_cmpint (result.start, ==, -1);
  g_assert_cmpint (result.end, ==, -1);
  g_assert_cmpfloat (result.score, ==, 0.0);
}

static void
test_repeated_quote_chosen_by_context (void)
{
  g_autofree char *revised = g_strconcat (NEW_OPENING, ESSAY, NULL);
  g_auto(OwnedSelector) owned = { 0 };
  ScholiaAnchorResult result;

  /* "the official log" occurs twice; the annotation is on the second. */
  owned_selector_init (&owned, ESSAY, "official log", 1);
  g_assert_cmpint (offset_of (ESSAY, "official log", 1), ==, owned.start);

  result = locate_in (revised, &owned);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_MOVED);
  g_assert_cmpint (result.start, ==, offset_of (revised, "official log", 1));

  /* Without a position, context alone still decides. */
  owned.start = owned.end = -1;
  result = locate_in (revised, &owned);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_MOVED);
  g_assert_cmpint (result.start, ==, offset_of (revised, "official log", 1));
}

static void
test_repeated_quote_same_context_chooses_nearest (void)
{
  const char *text = "one two three. one two three. one two three. one two three.";
  g_autoptr(ScholiaAnchorText) prepared = scholia_anchor_text_new (text, -1);
  ScholiaAnchorSelector selector = { 31, 38, "two thr", "", "" };
  ScholiaAnchorResult result;

  /* Stored at 31 (off by one from the third "two three" at 34): the nearest wins. */
  result = scholia_anchor_locate (prepared, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_MOVED);
  g_assert_cmpint (result.start, ==, 34);
  g_assert_cmpfloat (result.score, ==, 1.0);
}

static void
test_corrected_passage_keeps_its_place (void)
{
  const char *original =
    "In 1871 the keepers at Selby Rise burned whale oil, as their offical log records. "
    "By 1880 the lamp burned paraffin, and the keepers’ complaints about the smell fill "
    "the pencil log. The inspector’s reply, copied into their offical log records, is curt.";
  g_autofree char *revised = replace_once (original, "as their offical log records",
                                           "as their official log records");
  g_auto(OwnedSelector) owned = { 0 };
  ScholiaAnchorResult result;

  /* The revision corrects only the first instance: the old quote still exists verbatim
   * further on, but with other surroundings. */
  owned_selector_init (&owned, original, "their offical log records", 0);
  result = locate_in (revised, &owned);

  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_FUZZY);
  g_assert_cmpint (result.start, ==, owned.start);
  g_assert_cmpint (result.end, ==, owned.end + 1);
}

static void
test_quote_only_selector (void)
{
  g_autoptr(ScholiaAnchorText) prepared = scholia_anchor_text_new (ESSAY, -1);
  ScholiaAnchorSelector selector = { -1, -1, "in pencil at the back of the lamp room", NULL, NULL };
  ScholiaAnchorResult result;

  result = scholia_anchor_locate (prepared, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_MOVED);
  g_assert_cmpint (result.start, ==, offset_of (ESSAY, selector.quote, 0));
  g_assert_cmpint (result.end, ==, result.start + g_utf8_strlen (selector.quote, -1));

  /* A quote-only selector of a slightly different wording is still found. */
  selector.quote = "kept in pencil at the back of the lamp-room, recorded";
  result = scholia_anchor_locate (prepared, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_FUZZY);
  g_assert_cmpint (result.start, ==, offset_of (ESSAY, "kept in pencil", 0));
}

static void
test_multibyte_offsets_are_code_points (void)
{
  const char *text =
    "«Кто сторожит маяк?» asked the café’s owner. The reply — “nobody 🕯️ tonight” — "
    "became the title of Ilse Varga’s memoir 📖 about the Orrin lights.";
  g_autofree char *revised = g_strconcat ("Préface 🌊 d’éditeur.\n\n", text, NULL);
  g_auto(OwnedSelector) owned = { 0 };
  g_autoptr(ScholiaAnchorText) prepared = scholia_anchor_text_new (text, -1);
  ScholiaAnchorResult result;

  g_assert_cmpint (scholia_anchor_text_get_length (prepared), ==, g_utf8_strlen (text, -1));

  owned_selector_init (&owned, text, "“nobody 🕯️ tonight”", 0);
  result = locate_in (text, &owned);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_POSITION);
  g_assert_cmpint (result.start, ==, g_utf8_pointer_to_offset (text, strstr (text, "“nobody")));

  result = locate_in (revised, &owned);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_MOVED);
  g_assert_cmpint (result.start, ==, owned.start + g_utf8_strlen ("Préface 🌊 d’éditeur.\n\n", -1));
  g_assert_cmpint (result.end - result.start, ==, g_utf8_strlen ("“nobody 🕯️ tonight”", -1));

  owned_selector_clear (&owned);
  owned_selector_init (&owned, text, "Кто сторожит маяк", 0);
  result = locate_in (revised, &owned);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_MOVED);
  g_assert_cmpint (result.start, ==, offset_of (revised, "Кто", 0));

  /* A changed Cyrillic letter and an emoji outside the BMP: still fuzzy at the right span. */
  {
    g_autofree char *edited = replace_once (revised, "title of Ilse Varga’s memoir 📖",
                                            "title of Ilse Varga’s memoirs 📚");

    owned_selector_clear (&owned);
    owned_selector_init (&owned, text, "the title of Ilse Varga’s memoir 📖 about", 0);
    result = locate_in (edited, &owned);
    g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_FUZZY);
    g_assert_cmpint (result.start, ==, offset_of (edited, "the title of", 0));
    g_assert_cmpint (result.end, ==, offset_of (edited, " the Orrin", 0));
  }
}

static void
test_selector_strings_are_normalised (void)
{
  /* The text is NFC; the quote arrives decomposed (e + combining acute). */
  const char *text = "The keeper’s café at Selby Rise served tea until dusk.";
  g_autoptr(ScholiaAnchorText) prepared = scholia_anchor_text_new (text, -1);
  ScholiaAnchorSelector selector = { 13, 17, "cafe\xcc\x81", "keeper’s ", " at Selby" };
  ScholiaAnchorResult result;

  result = scholia_anchor_locate (prepared, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_POSITION);
  g_assert_cmpint (result.start, ==, 13);
  g_assert_cmpint (result.end, ==, 17);
}

static void
test_short_quotes_are_never_fuzzy (void)
{
  const char *revised = "The Orrin lamp burned seal oil until 1871, then paraffin.";
  g_autoptr(ScholiaAnchorText) prepared = scholia_anchor_text_new (revised, -1);
  ScholiaAnchorSelector selector = { 4, 7, "Orr", "The ", "in lamp burned" };
  ScholiaAnchorResult result;

  /* Short quotes are found exactly... */
  result = scholia_anchor_locate (prepared, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_POSITION);

  /* ...but a short quote that changed is not guessed at, even with perfect context. */
  selector = (ScholiaAnchorSelector) { 22, 25, "wha", "The Orrin lamp burned ", "le oil until 1871" };
  result = scholia_anchor_locate (prepared, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_ORPHAN);
  g_assert_cmpint (result.start, ==, -1);

  /* A one-character quote moves exactly. */
  selector = (ScholiaAnchorSelector) { 0, 1, "1", NULL, NULL };
  result = scholia_anchor_locate (prepared, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_MOVED);
  g_assert_cmpint (result.start, ==, g_utf8_strlen (revised, strstr (revised, "1871") - revised));
  g_assert_cmpint (result.end, ==, result.start + 1);
}

static void
test_short_quotes_need_context_to_be_fuzzy (void)
{
  const char *revised = "The Orrin lamp burned seal oil until 1871, then paraffin.";
  g_autoptr(ScholiaAnchorText) prepared = scholia_anchor_text_new (revised, -1);
  ScholiaAnchorSelector selector = { 22, 37, "whale oil until", "The Orrin lamp burned ", " 1871, then" };
  ScholiaAnchorResult result;

  result = scholia_anchor_locate (prepared, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_FUZZY);
  g_assert_cmpint (result.start, ==, 22);
  g_assert_cmpint (result.end, ==, 36);

  /* The same quote with no context is too ambiguous to guess. */
  selector.prefix = selector.suffix = NULL;
  result = scholia_anchor_locate (prepared, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_ORPHAN);
}

static void
test_empty_text_orphans (void)
{
  g_autoptr(ScholiaAnchorText) prepared = scholia_anchor_text_new ("", -1);
  g_autoptr(ScholiaAnchorText) zero = scholia_anchor_text_new (NULL, 0);
  ScholiaAnchorSelector selector = { 0, 12, "lamp room at", "the back of the ", " dusk" };
  ScholiaAnchorResult result;
  g_autoptr(GArray) found = NULL;

  g_assert_cmpint (scholia_anchor_text_get_length (prepared), ==, 0);
  g_assert_cmpint (scholia_anchor_text_get_length (zero), ==, 0);
  result = scholia_anchor_locate (prepared, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_ORPHAN);
  result = scholia_anchor_locate (zero, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_ORPHAN);

  found = scholia_anchor_find_all (prepared, "lamp");
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_empty_quote_orphans (void)
{
  g_autoptr(ScholiaAnchorText) prepared = scholia_anchor_text_new (ESSAY, -1);
  ScholiaAnchorSelector selector = { 4, 4, "", "The ", "lighthouse" };
  ScholiaAnchorResult result;

  result = scholia_anchor_locate (prepared, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_ORPHAN);
}

static void
test_quote_longer_than_text (void)
{
  const char *text = "The second log, kept in pencil.";
  g_autoptr(ScholiaAnchorText) prepared = scholia_anchor_text_new (text, -1);
  ScholiaAnchorSelector selector = { 0, 60, "The second log, kept in pencil at the back of the lamp room", "", "" };
  ScholiaAnchorResult result;

  result = scholia_anchor_locate (prepared, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_ORPHAN);

  /* Only slightly longer: the whole text is a fuzzy match. */
  selector.quote = "The second log, kept in pencils.";
  selector.end = 32;
  result = scholia_anchor_locate (prepared, &selector);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_FUZZY);
  g_assert_cmpint (result.start, ==, 0);
  g_assert_cmpint (result.end, ==, g_utf8_strlen (text, -1));
}

static void
test_start_and_end_of_text (void)
{
  g_autofree char *revised = g_strconcat (NEW_OPENING, ESSAY, "Coda.", NULL);
  g_auto(OwnedSelector) first = { 0 };
  g_auto(OwnedSelector) last = { 0 };
  g_autofree char *edited = NULL;
  ScholiaAnchorResult result;
  int essay_length = g_utf8_strlen (ESSAY, -1);

  owned_selector_init (&first, ESSAY, "The lighthouse keepers", 0);
  owned_selector_init (&last, ESSAY, "the official log was told to forget.\n", 0);
  g_assert_cmpint (first.start, ==, 0);
  g_assert_cmpint (last.end, ==, essay_length);

  result = locate_in (ESSAY, &first);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_POSITION);
  result = locate_in (ESSAY, &last);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_POSITION);
  g_assert_cmpint (result.end, ==, essay_length);

  result = locate_in (revised, &first);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_MOVED);
  g_assert_cmpint (result.start, ==, g_utf8_strlen (NEW_OPENING, -1));
  result = locate_in (revised, &last);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_EXACT_MOVED);
  g_assert_cmpint (result.end, ==, g_utf8_strlen (NEW_OPENING, -1) + essay_length);

  /* Changed at the very first character. */
  edited = replace_once (ESSAY, "The lighthouse keepers", "the lighthouse keepers");
  result = locate_in (edited, &first);
  g_assert_cmpint (result.status, ==, SCHOLIA_ANCHOR_FUZZY);
  g_assert_cmpint (result.start, ==, 0);
  g_assert_cmpint (result.end, ==, first.end);
}

static void
test_find_all_returns_every_occurrence (void)
{
  const char *text = "«log» — the log, the logbook, the Log; 🕯️log🕯️logs";
  g_autoptr(ScholiaAnchorText) prepared = scholia_anchor_text_new (text, -1);
  g_autoptr(ScholiaAnchorText) essay = scholia_anchor_text_new (ESSAY, -1);
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) long_found = NULL;
  g_autoptr(GArray) overlapping = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(ScholiaAnchorText) repeated = scholia_anchor_text_new ("aaaa", -1);

  found = scholia_anchor_find_all (prepared, "log");
  g_assert_cmpuint (found->len, ==, 5);
  g_assert_cmpint (g_array_index (found, int, 0), ==, 1);
  g_assert_cmpint (g_array_index (found, int, 1), ==, 12);
  g_assert_cmpint (g_array_index (found, int, 2), ==, 21);
  g_assert_cmpint (g_array_index (found, int, 3), ==, g_utf8_pointer_to_offset (text, strstr (text, "🕯️log") + strlen ("🕯️")));
  g_assert_cmpint (g_array_index (found, int, 4), ==, g_utf8_strlen (text, -1) - 4);

  /* Long quotes go through the index: same answer, in code points. */
  long_found = scholia_anchor_find_all (essay, "official log");
  g_assert_cmpuint (long_found->len, ==, 2);
  g_assert_cmpint (g_array_index (long_found, int, 0), ==, offset_of (ESSAY, "official log", 0));
  g_assert_cmpint (g_array_index (long_found, int, 1), ==, offset_of (ESSAY, "official log", 1));

  overlapping = scholia_anchor_find_all (repeated, "aa");
  g_assert_cmpuint (overlapping->len, ==, 3);

  none = scholia_anchor_find_all (essay, "the keepers’ wives");
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_locate_all_matches_locate (void)
{
  g_autofree char *revised = NULL;
  const char *quotes[] = {
    "two logs", "only one of them was meant", "clerk’s hand", "lamp room", "inspectors",
    "Historians have mostly read the first.", "gossip", "wrecks the official log", "The lighthouse",
  };
  OwnedSelector owned[G_N_ELEMENTS (quotes)] = { { 0 } };
  ScholiaAnchorSelector selectors[G_N_ELEMENTS (quotes)];
  ScholiaAnchorResult results[G_N_ELEMENTS (quotes)];
  g_autoptr(ScholiaAnchorText) prepared = NULL;
  g_autofree char *tmp = NULL;

  tmp = g_strconcat (NEW_OPENING, ESSAY, NULL);
  revised = replace_once (tmp, "Historians have mostly read the first. ", "");
  prepared = scholia_anchor_text_new (revised, -1);

  /* Given out of document order on purpose. */
  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      owned_selector_init (&owned[i], ESSAY, quotes[G_N_ELEMENTS (quotes) - 1 - i], 0);
      selectors[i] = owned_selector_get (&owned[i]);
    }

  scholia_anchor_locate_all (prepared, selectors, G_N_ELEMENTS (quotes), results);

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      ScholiaAnchorResult alone = scholia_anchor_locate (prepared, &selectors[i]);

      g_assert_cmpint (results[i].status, ==, alone.status);
      g_assert_cmpint (results[i].start, ==, alone.start);
      g_assert_cmpint (results[i].end, ==, alone.end);
      if (strcmp (selectors[i].quote, "Historians have mostly read the first.") == 0)
        g_assert_cmpint (results[i].status, ==, SCHOLIA_ANCHOR_ORPHAN);
      else
        {
          g_assert_cmpint (results[i].status, ==, SCHOLIA_ANCHOR_EXACT_MOVED);
          g_assert_cmpint (results[i].start, ==, offset_of (revised, selectors[i].quote, 0));
        }
      owned_selector_clear (&owned[i]);
    }

  scholia_anchor_locate_all (prepared, NULL, 0, NULL);
}

/* Many random annotations on a longer text of near-identical paragraphs, after a paragraph is
 * added at the top and a few words are cut from the middle: each one that the cut did not
 * touch is found where its words went, whether located alone or all at once. */
static void
test_locate_all_follows_every_annotation (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *revised = NULL;
  g_autoptr(ScholiaAnchorText) prepared = NULL;
  const char *cut = "mostly ";
  int cut_at;
  int opening = g_utf8_strlen (NEW_OPENING, -1);
  int length;
  enum { N = 300 };
  OwnedSelector owned[N] = { { 0 } };
  ScholiaAnchorSelector selectors[N];
  ScholiaAnchorResult results[N];

  for (int i = 0; i < 20; i++)
    g_string_append_printf (text, "§%d. %s\n", i + 1, ESSAY);
  length = g_utf8_strlen (text->str, -1);

  /* Cut "mostly " from the tenth paragraph only. */
  {
    const char *tenth = strstr (text->str, "§10.");
    const char *found = strstr (tenth, cut);
    g_autofree char *before = g_strndup (text->str, found - text->str);

    cut_at = g_utf8_strlen (before, -1);
    revised = g_strconcat (NEW_OPENING, before, found + strlen (cut), NULL);
  }
  prepared = scholia_anchor_text_new (revised, -1);

  for (int i = 0; i < N; i++)
    {
      int span = g_test_rand_int_range (4, 120);
      int start = g_test_rand_int_range (0, length - span);

      owned_selector_init_at (&owned[i], text->str, start, start + span);
      selectors[i] = owned_selector_get (&owned[i]);
    }

  scholia_anchor_locate_all (prepared, selectors, N, results);

  for (int i = 0; i < N; i++)
    {
      ScholiaAnchorResult alone = scholia_anchor_locate (prepared, &selectors[i]);
      int shift = opening - (selectors[i].start >= cut_at ? (int) strlen (cut) : 0);
      /* The paragraphs repeat: when the cut falls in an annotation's quote or context, an
       * untouched copy elsewhere may fit its context better than the original does. */
      gboolean touched = selectors[i].start - SCHOLIA_ANCHOR_CONTEXT_LENGTH < cut_at + (int) strlen (cut) &&
                         selectors[i].end + SCHOLIA_ANCHOR_CONTEXT_LENGTH > cut_at;

      if (!touched && results[i].status == SCHOLIA_ANCHOR_EXACT_POSITION)
        {
          /* Rule 1: a short quote ("the ") that the shifted text happens to hold at its old
           * position stays there. */
          g_autofree char *there = g_utf8_substring (revised, selectors[i].start, selectors[i].end);

          g_assert_cmpint (results[i].start, ==, selectors[i].start);
          g_assert_cmpstr (there, ==, selectors[i].quote);
          g_assert_cmpint (alone.start, ==, results[i].start);
        }
      else if (!touched)
        {
          g_assert_cmpint (results[i].status, ==, SCHOLIA_ANCHOR_EXACT_MOVED);
          g_assert_cmpint (results[i].start, ==, selectors[i].start + shift);
          g_assert_cmpint (alone.start, ==, selectors[i].start + shift);
        }
      else if (results[i].status == SCHOLIA_ANCHOR_EXACT_MOVED)
        {
          const char *at = g_utf8_offset_to_pointer (revised, results[i].start);

          g_assert_cmpint (strncmp (at, selectors[i].quote, strlen (selectors[i].quote)), ==, 0);
        }
      else if (selectors[i].end - selectors[i].start >= SCHOLIA_ANCHOR_FUZZY_CONTEXT_LENGTH)
        {
          g_assert_cmpint (results[i].status, ==, SCHOLIA_ANCHOR_FUZZY);
        }
      owned_selector_clear (&owned[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anchor/locate/unchanged-text-is-exact-position", test_unchanged_text_is_exact_position);
  g_test_add_func ("/anchor/locate/paragraph-inserted-before-moves-exactly", test_paragraph_inserted_before_moves_exactly);
  g_test_add_func ("/anchor/locate/typo-fixed-inside-quote-is-fuzzy", test_typo_fixed_inside_quote_is_fuzzy);
  g_test_add_func ("/anchor/locate/typo-fixed-and-paragraph-inserted-is-fuzzy", test_typo_fixed_and_paragraph_inserted_is_fuzzy);
  g_test_add_func ("/anchor/locate/word-inserted-inside-quote-is-fuzzy", test_word_inserted_inside_quote_is_fuzzy);
  g_test_add_func ("/anchor/locate/deleted-sentence-is-orphan", test_deleted_sentence_is_orphan);
  g_test_add_func ("/anchor/locate/repeated-quote-chosen-by-context", test_repeated_quote_chosen_by_context);
  g_test_add_func ("/anchor/locate/repeated-quote-same-context-chooses-nearest", test_repeated_quote_same_context_chooses_nearest);
  g_test_add_func ("/anchor/locate/corrected-passage-keeps-its-place", test_corrected_passage_keeps_its_place);
  g_test_add_func ("/anchor/locate/quote-only-selector", test_quote_only_selector);
  g_test_add_func ("/anchor/locate/multibyte-offsets-are-code-points", test_multibyte_offsets_are_code_points);
  g_test_add_func ("/anchor/locate/selector-strings-are-normalised", test_selector_strings_are_normalised);
  g_test_add_func ("/anchor/locate/short-quotes-are-never-fuzzy", test_short_quotes_are_never_fuzzy);
  g_test_add_func ("/anchor/locate/short-quotes-need-context-to-be-fuzzy", test_short_quotes_need_context_to_be_fuzzy);
  g_test_add_func ("/anchor/locate/empty-text-orphans", test_empty_text_orphans);
  g_test_add_func ("/anchor/locate/empty-quote-orphans", test_empty_quote_orphans);
  g_test_add_func ("/anchor/locate/quote-longer-than-text", test_quote_longer_than_text);
  g_test_add_func ("/anchor/locate/start-and-end-of-text", test_start_and_end_of_text);
  g_test_add_func ("/anchor/find-all/every-occurrence-in-code-points", test_find_all_returns_every_occurrence);
  g_test_add_func ("/anchor/locate-all/matches-locate", test_locate_all_matches_locate);
  g_test_add_func ("/anchor/locate-all/follows-every-annotation", test_locate_all_follows_every_annotation);

  return g_test_run ();
}
