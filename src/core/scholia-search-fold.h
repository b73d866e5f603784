/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How search compares Arabic, Persian and Hebrew words, the way unicode61's remove_diacritics
 * compares Latin ones: what these scripts write only when the writer chooses to is left out, and
 * the letters a keyboard or a country spells differently are one.
 *
 * - left out: the Arabic harakat, tanwin, shadda, sukun, superscript alef and Quranic marks
 *   (U+0610–U+061A, U+064B–U+065F, U+0670, U+06D6–U+06ED), the tatweel that stretches a word
 *   (U+0640), and the Hebrew points and cantillation marks (U+0591–U+05C7 but the maqaf,
 *   paseq, sof pasuq and nun hafukha, which are punctuation);
 * - one letter: أ إ آ ٱ and ا (a hamza or madda on the alef, written or not); ؤ and و, ئ and ي
 *   (the hamza's seat alone, as a decomposed hamza above becomes once left out); ي ى and
 *   Persian ی; ك and Persian ک; ة, Persian ۀ and ه (a final taa marbuta is often typed as heh).
 *
 * Writes @word's @length bytes folded to @out, which must hold @length bytes (folding never
 * lengthens a word), and returns the folded length, 0 when @word held nothing but marks. */
gsize scholia_search_fold_word (const char *word,
                                gsize       length,
                                char       *out);

G_END_DECLS
