/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The pages' content marked for its artifacts (scholia_pdf_mark_artifacts()) and compressed
 * again while the document is still being drawn. Fed what cairo writes, a worker thread takes
 * each content stream as soon as it is complete: finishing the file then finds its pages done,
 * rather than reading every page back, marking and compressing it once cairo is done, which
 * cost more than a third of what drawing the pages does. A stream the worker could not take
 * (split unexpectedly, not cairo's) is simply not found, and finished as before. */
typedef struct _ScholiaPdfPremark ScholiaPdfPremark;

ScholiaPdfPremark *scholia_pdf_premark_new  (void);
void               scholia_pdf_premark_free (ScholiaPdfPremark  *premark);
/* The next @length bytes of the file as cairo writes it. */
void               scholia_pdf_premark_feed (ScholiaPdfPremark  *premark,
                                             const guchar       *data,
                                             gsize               length);
/* The content stream object @number, whose data in the file is @length bytes, marked and
 * deflated; NULL when it was not done ahead. Waits for the worker the first time. */
GBytes            *scholia_pdf_premark_take (ScholiaPdfPremark  *premark,
                                             guint               number,
                                             gsize               length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaPdfPremark, scholia_pdf_premark_free)

G_END_DECLS
