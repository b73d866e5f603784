/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* An essay's text as the library keeps it (schema 17, issue 17): a text of at least
 * SCHOLIA_TEXT_PACK_MIN bytes that compresses to less than nine tenths of itself is stored as a
 * zstd frame (a BLOB), any other as the TEXT it is, so the value's type is the flag and a short
 * note-sized essay stays readable as it was. Every reader takes the plain text through
 * scholia_text() in SQL or scholia_text_unpack() in C. */
#define SCHOLIA_TEXT_PACK_MIN 512

/* @text compressed, or NULL when it is to be stored as it is. */
GBytes *scholia_text_pack (const char *text,
                           gsize       length);

/* The text of a stored BLOB; NULL with @error when it is not a whole zstd frame of valid UTF-8. */
char *scholia_text_unpack (const void  *data,
                           gsize        size,
                           gsize       *length,
                           GError     **error);

/* scholia_text(value): the plain text of a stored value (a TEXT as it is, a BLOB unpacked);
 * scholia_pack(text): the value to store. Registered with the search's functions, which
 * the documents' index (reading its content through scholia_text()) needs on any connection. */
int scholia_text_pack_register (sqlite3 *db);

G_END_DECLS
