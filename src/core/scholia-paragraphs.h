/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The numbered paragraphs of a text, as everyone cites them: "¶ 14" in a copied citation, in
 * the PDF's inner margin, in the reading view, the comparison and the handout. A paragraph is
 * a block of lines with text, set off by blank lines (lines of spaces at most); numbers start
 * at 1 and depend on the text alone, so that they stay the same across exports. */
typedef struct
{
  gsize start;         /* bytes into the text: its first character that is not a space */
  gsize end;           /* bytes: past the newline of the blank line that closes it; G_MAXSIZE
                        * when none does (it runs to the text's end) */
  int   start_offset;  /* the same two in code points (G_MAXINT for an unclosed end) */
  int   end_offset;
} ScholiaParagraph;

/* The paragraphs of @text in order, ScholiaParagraph; paragraph N is at index N - 1. */
GArray *scholia_paragraphs_split          (const char *text);

/* The number of the paragraph holding @offset (code points): the paragraph it stands in, or,
 * between two paragraphs, the one that follows. 1 for an empty text. */
guint   scholia_paragraphs_number_at      (GArray     *paragraphs,
                                           int         offset);

G_END_DECLS
