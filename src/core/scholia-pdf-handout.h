/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-pdf-layout.h"
#include "scholia-store.h"

G_BEGIN_DECLS

/* Writes a seminar handout for @theme: its name and description, then each author's passages
 * as the comparison groups them (author, document by date, text order), each quoted (inner
 * quotation marks made single) with its tags, note and a citation "Author, Title (date), p. N",
 * or "¶ N" where the document has no printed pages. The options'
 * filter (NULL: every passage) chooses whose passages and with which tags; exactly two authors
 * are set side by side in two columns. Like the document export, @path is replaced only by a
 * whole file. */
gboolean scholia_pdf_export_handout (ScholiaStore            *store,
                                     ScholiaTheme            *theme,
                                     const ScholiaPdfOptions *options,
                                     const char              *path,
                                     GCancellable            *cancellable,
                                     ScholiaPdfProgressFunc   progress,
                                     gpointer                 user_data,
                                     GError                 **error);

G_END_DECLS
