/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Hyphenation with libhyphen's pattern dictionaries (the hyphen-* packages, or what a Flatpak
 * ships under share/hyphen), for typesetting: the break points of a text's words, as soft
 * hyphens (U+00AD) that Pango shows as a hyphen only where it breaks a line. */
typedef struct _ScholiaHyphenator ScholiaHyphenator;

#define SCHOLIA_SOFT_HYPHEN     "\xc2\xad"
#define SCHOLIA_SOFT_HYPHEN_LEN 2

/* The hyphenator for @language (an ISO 639-1 code, "en"; a region is ignored), loaded on first
 * use and kept for the life of the process; NULL when no dictionary for it is installed.
 * Safe to call, and to use what it returns, from any thread. */
ScholiaHyphenator *scholia_hyphenator_get       (const char        *language);

/* Appends @length bytes of @text to @out with a soft hyphen at each break point inside its
 * words, and the offset in @text (bytes, guint32) of each insertion to @inserted: a soft
 * hyphen inserted at offset n stands before @text[n]. Words keep at least two letters before
 * a break and two after (three in English and French); words in capitals, with digits, or in addresses are left whole. */
void               scholia_hyphenator_hyphenate (ScholiaHyphenator *self,
                                                 const char        *text,
                                                 gsize              length,
                                                 GString           *out,
                                                 GArray            *inserted);

G_END_DECLS
