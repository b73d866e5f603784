/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-pdf-layout.h"
#include "scholia-store.h"

G_BEGIN_DECLS

/* The line under a PDF's title that the reader of a printed copy needs: what the export's
 * filter keeps ("Only: thesis, evidence · Theme: Decline"), the day it was made ("Exported
 * 2 December 2026") and the course, when @options names one. */
char *scholia_pdf_format_header_line (ScholiaStore            *store,
                                      const ScholiaPdfOptions *options);

G_END_DECLS
