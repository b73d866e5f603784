/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Code-point offsets into a UTF-8 text turned into byte pointers without walking from the start
 * each time: one pass records every 64th code point's byte, so that cutting thousands of quotes
 * out of a megabyte costs a few steps each. The text is borrowed and must outlive the index. */
typedef struct _ScholiaTextOffsets ScholiaTextOffsets;

ScholiaTextOffsets *scholia_text_offsets_new        (const char          *text);
void                scholia_text_offsets_free       (ScholiaTextOffsets  *self);
int                 scholia_text_offsets_get_length (ScholiaTextOffsets  *self);
const char         *scholia_text_offsets_pointer    (ScholiaTextOffsets  *self,
                                                     int                  offset);
char               *scholia_text_offsets_cut        (ScholiaTextOffsets  *self,
                                                     int                  start,
                                                     int                  end);
/* The quote between start and end, and up to SCHOLIA_ANCHOR_CONTEXT_LENGTH code points on
 * each side, as the store keeps them to re-anchor a passage. */
void                scholia_text_offsets_context    (ScholiaTextOffsets  *self,
                                                     int                  start,
                                                     int                  end,
                                                     char               **quote,
                                                     char               **prefix,
                                                     char               **suffix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaTextOffsets, scholia_text_offsets_free)

G_END_DECLS
