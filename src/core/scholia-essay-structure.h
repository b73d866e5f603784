/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a paragraph of an essay is, read from the text alone, for setting it as a book would:
 * the essay's own title line (which repeats the document's title), its headings, and its notes
 * or references section (a heading such as "Notes", "References", "Anmerkungen", and all that
 * follows it). */
typedef enum
{
  SCHOLIA_PARAGRAPH_BODY,
  SCHOLIA_PARAGRAPH_TITLE,          /* the first paragraph, when it repeats the title */
  SCHOLIA_PARAGRAPH_HEADING,
  SCHOLIA_PARAGRAPH_NOTES_HEADING,
  SCHOLIA_PARAGRAPH_NOTE,           /* a paragraph of the notes section */
} ScholiaParagraphRole;

typedef struct
{
  gsize start;  /* bytes into the text */
  gsize end;
} ScholiaTextRange;

/* Fills @roles with the role of each of @n_paragraphs paragraphs of @text, in order. @title
 * may be NULL. */
void scholia_essay_structure_detect (const char             *text,
                                     const ScholiaTextRange *paragraphs,
                                     guint                   n_paragraphs,
                                     const char             *title,
                                     ScholiaParagraphRole   *roles);

G_END_DECLS
