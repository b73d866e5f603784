/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The last line of defence for text a user types (or a command line passes) into the library:
 * the store runs every name, note and metadata field through one of these before writing it, so
 * that the library never holds invalid UTF-8 or stray control characters whatever the caller.
 * Each returns a new NFC string, or NULL with SCHOLIA_ERROR_INVALID when the text cannot be
 * repaired (invalid UTF-8 is refused rather than guessed at: it is not what the user typed). */

/* Longest tag or theme name, in characters: a label, not a sentence (descriptions hold those). */
#define SCHOLIA_TEXT_NAME_MAX_LENGTH 100

/* A tag or theme name: trimmed; control characters (C0, DEL, C1) refused; empty and overlong
 * names refused. */
char *scholia_text_check_name    (const char  *name,
                                  GError     **error);

/* A one-line metadata field (title, author, date, source) or line of text: trimmed; tabs and
 * line breaks (LF, CR, FF, VT, NEL) become spaces, other control characters are dropped. NULL
 * in, NULL out. */
char *scholia_text_check_field   (const char  *value,
                                  GError     **error);

/* Free text (a note, a description): tabs and line breaks (LF, CR) are kept, other control
 * characters are dropped. NULL in, NULL out. */
char *scholia_text_check_note    (const char  *text,
                                  GError     **error);

/* @text as names are compared (a case-folded NFC string), so that "CAFE" + U+0301 finds "café";
 * NULL when @text is not UTF-8, which names nothing. */
char *scholia_text_fold          (const char  *text);
/* @text as one searches it: case folded and without diacritics, so that "zelenski" and
 * "emigre" find "Żeleński" and "Émigré" (letters with no decomposition, such as ł, ø, đ, æ
 * and œ, become l, o, d, ae and oe). */
char *scholia_text_fold_bare     (const char  *text);

/* @text made safe to quote in a one-line message or on a terminal: invalid bytes and control
 * characters (line breaks too) become U+FFFD. */
char *scholia_text_printable     (const char  *text);

G_END_DECLS
