/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Re-anchoring: finding an annotated passage again after the document's text has changed.
 *
 * A selector describes a passage as the W3C Web Annotation model does: a TextPositionSelector
 * (start, end: code-point offsets, -1 when unknown) and a TextQuoteSelector (the exact quote and
 * up to SCHOLIA_ANCHOR_CONTEXT_LENGTH code points of prefix and suffix). Locating tries, in order:
 *
 *  1. the stored position, if the text there is still the quote (EXACT_POSITION, score 1);
 *  2. every exact occurrence of the quote, choosing the one whose surroundings agree longest
 *     with prefix and suffix, then the one nearest the old position (EXACT_MOVED) — unless
 *     that copy's surroundings disagree and the passage, slightly changed, still sits where it
 *     is expected between its whole prefix and suffix: then that wins (FUZZY), so that a
 *     corrected letter does not send a note to another paragraph that repeats the phrase;
 *  3. for quotes of at least SCHOLIA_ANCHOR_FUZZY_MIN_LENGTH code points, an approximate match
 *     (edit distance) near the old position, then around wherever pieces of the quote, prefix or
 *     suffix occur; a span is accepted when its quote similarity, 1 − distance / longer length,
 *     is at least SCHOLIA_ANCHOR_FUZZY_MIN_SIMILARITY (FUZZY). Quotes shorter than
 *     SCHOLIA_ANCHOR_FUZZY_CONTEXT_LENGTH also need 8 code points of agreeing context;
 *  4. otherwise the passage is an ORPHAN: start and end are -1, and the caller keeps the
 *     annotation with its quote so that nothing is lost.
 *
 * Score is a confidence in 0..1: 1 for EXACT_POSITION; 0.9 plus up to 0.1 for agreeing context
 * for EXACT_MOVED; for FUZZY, 0.75 × similarity + 0.25 × context agreement, less a small penalty
 * for distance from the old position; 0 for ORPHAN.
 *
 * All offsets are in Unicode code points. Texts and selector strings are compared after NFC
 * normalisation of the selector (importers store NFC text already). */

#define SCHOLIA_ANCHOR_CONTEXT_LENGTH 32
#define SCHOLIA_ANCHOR_FUZZY_MIN_LENGTH 4
#define SCHOLIA_ANCHOR_FUZZY_CONTEXT_LENGTH 16
#define SCHOLIA_ANCHOR_FUZZY_MIN_SIMILARITY 0.75

typedef enum
{
  SCHOLIA_ANCHOR_EXACT_POSITION,
  SCHOLIA_ANCHOR_EXACT_MOVED,
  SCHOLIA_ANCHOR_FUZZY,
  SCHOLIA_ANCHOR_ORPHAN,
} ScholiaAnchorStatus;

/* quote is required; prefix and suffix may be NULL or empty; start and end may be -1 when the
 * position is unknown (a quote-only selector). */
typedef struct
{
  int         start;
  int         end;
  const char *quote;
  const char *prefix;
  const char *suffix;
} ScholiaAnchorSelector;

typedef struct
{
  ScholiaAnchorStatus status;
  int                 start;
  int                 end;
  double              score;
} ScholiaAnchorResult;

/* A document text decoded once into code points, with an index of its 8-code-point substrings
 * (built on first need) that makes thousands of lookups fast. It is immutable: one prepared text
 * may be shared between threads. */
typedef struct _ScholiaAnchorText ScholiaAnchorText;

ScholiaAnchorText   *scholia_anchor_text_new        (const char                  *text,
                                                     gssize                       length);
void                 scholia_anchor_text_free       (ScholiaAnchorText           *text);
int                  scholia_anchor_text_get_length (ScholiaAnchorText           *text);

ScholiaAnchorResult  scholia_anchor_locate          (ScholiaAnchorText           *text,
                                                     const ScholiaAnchorSelector *selector);

/* Locates n selectors at once, writing results[i] for selectors[i]. Faster than n calls, and
 * better after an insertion or deletion: it visits the selectors in document order and learns
 * from each confidently placed one how far the text has shifted, then looks first (and measures
 * the distance to the old position) at the old position plus that shift. */
void                 scholia_anchor_locate_all      (ScholiaAnchorText           *text,
                                                     const ScholiaAnchorSelector *selectors,
                                                     guint                        n,
                                                     ScholiaAnchorResult         *results);

/* The start offsets (code points, ascending, an array of int) of every exact occurrence of
 * quote, overlapping ones included. */
GArray              *scholia_anchor_find_all        (ScholiaAnchorText           *text,
                                                     const char                  *quote);

/* The length in code points that quote spans in an (NFC) document text, which is that of its
 * NFC form: a decomposed "é" typed or pasted as e + U+0301 spans one character, not two. -1 for
 * invalid UTF-8. */
int                  scholia_anchor_quote_length    (const char                  *quote);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaAnchorText, scholia_anchor_text_free)

G_END_DECLS
