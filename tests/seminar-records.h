/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-seminar-log.h"

G_BEGIN_DECLS

/* Records of a participant's log built by hand, as the seminar tests merge them without a
 * network. Clocks are @wall_ms milliseconds into the seminar, stamped with the author as node,
 * so records order by @wall_ms and then by author. */

/* A hybrid logical clock at @wall_ms on @node. */
char             *record_stamp  (gint64      wall_ms,
                                         const char *node);
/* A put by @author of [@start, @end) of @text (the quote is cut from it); @tags and @themes are
 * comma-separated names, "" for none. Created at a fixed time, modified @wall_ms later. */
ScholiaLogRecord *record_put    (const char *author,
                                         const char *uuid,
                                         gint64      wall_ms,
                                         const char *document_uuid,
                                         const char *text,
                                         guint       start,
                                         guint       end,
                                         const char *note,
                                         const char *tags,
                                         const char *themes);
ScholiaLogRecord *record_delete (const char *author,
                                         const char *uuid,
                                         gint64      wall_ms);
/* A reply by @author to the annotation @target. */
ScholiaLogRecord *record_reply  (const char *author,
                                         const char *uuid,
                                         gint64      wall_ms,
                                         const char *target,
                                         const char *body);

/* An empty log that owns its records. */
GPtrArray        *records_new   (void);
/* Numbers the records' lines 1, 2, … as reading the log from its file would. */
void              records_number_lines (GPtrArray *log);

G_END_DECLS
