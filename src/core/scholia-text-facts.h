/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-store.h"

G_BEGIN_DECLS

/* What the store works out from an essay's text as it adds it: whether it is UTF-8, its
 * language, its length and checksum, the text compressed as the library keeps it. It reads no library, so an import works it out in the
 * thread that reads the files, and the thread that writes only writes. */
typedef struct
{
  gboolean    valid;       /* UTF-8 */
  const char *language;    /* scholia_language_guess(), static */
  gint64      characters;
  char       *checksum;    /* SHA-256, hex; NULL unless valid */
  GBytes     *packed;      /* scholia_text_pack(): NULL to store the text as it is */
} ScholiaTextFacts;

void             scholia_text_facts_init              (ScholiaTextFacts  *self,
                                                       const char        *text);
void             scholia_text_facts_clear             (ScholiaTextFacts  *self);

/* scholia_store_add_document() with @facts worked out from @text beforehand. */
ScholiaDocument *scholia_store_add_document_with_facts (ScholiaStore           *self,
                                                        const char             *title,
                                                        const char             *author,
                                                        const char             *date,
                                                        const char             *source,
                                                        const char             *text,
                                                        GArray                 *pages,
                                                        const ScholiaTextFacts *facts,
                                                        GError                **error);

G_END_DECLS
