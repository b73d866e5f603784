/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-pdf-layout.h"
#include "scholia-store.h"

G_BEGIN_DECLS

/* Writes @document with its annotations as a PDF for a seminar: a typeset text column with the
 * highlighted spans in their tags' colours (and, for greyscale prints, an underline pattern per
 * tag), tags and notes in the outer margin or as numbered endnotes when a page's margin is
 * full, a key to the tags on the first page, and one native highlight annotation per span and
 * page, which PDF readers list with its tags and note. @path is replaced only when the whole
 * file is written; on failure or cancellation nothing is left behind. */
gboolean scholia_pdf_export_document (ScholiaStore            *store,
                                      ScholiaDocument         *document,
                                      const ScholiaPdfOptions *options,
                                      const char              *path,
                                      GCancellable            *cancellable,
                                      ScholiaPdfProgressFunc   progress,
                                      gpointer                 user_data,
                                      GError                 **error);

/* Who the native highlights name as their author when the options name nobody: the user's real
 * name, or the login name when the system knows no real name. */
const char *scholia_pdf_default_annotator (void);

G_END_DECLS
