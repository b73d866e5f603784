/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One participant's append-only log in a seminar folder (logs/<participant uuid>.jsonl): one
 * JSON object per line, each an operation on one annotation or reply.
 *
 *   {"op":"put","hlc":"…","author":"urn:uuid:P","annotation":{ W3C Web Annotation }}
 *   {"op":"delete","hlc":"…","author":"urn:uuid:P","id":"urn:uuid:A"}
 *
 * A "put" carries the annotation's whole state (last writer wins by hlc). The annotation is a W3C
 * Web Annotation: "id" urn:uuid:A, "creator" {"id": urn:uuid:P, "type": "Person", "name"},
 * "created", "modified" (ISO 8601 UTC), bodies as Scholia's W3C export writes them (purpose
 * "classifying" per tag, "tagging" per theme, "commenting" for the note), and a target whose
 * source is urn:uuid:<essay uuid> with a TextQuoteSelector and a TextPositionSelector (code
 * points). A reply is an annotation with "motivation": "replying", a "target" that is the
 * urn:uuid of the annotation it answers, and one TextualBody with purpose "replying". */

typedef enum
{
  SCHOLIA_LOG_PUT_ANNOTATION,
  SCHOLIA_LOG_PUT_REPLY,
  SCHOLIA_LOG_DELETE,          /* of an annotation or a reply */
} ScholiaLogOp;

typedef struct
{
  ScholiaLogOp  op;
  char         *hlc;            /* ScholiaHlc text form */
  char         *author;         /* the participant who wrote the record: bare uuid */
  char         *author_name;    /* the creator's display name, when given */
  char         *uuid;           /* the annotation's or reply's: bare uuid */
  gint64        created;        /* unix seconds */
  gint64        modified;

  /* SCHOLIA_LOG_PUT_ANNOTATION */
  char         *document_uuid;  /* bare uuid of the essay */
  guint         start;          /* code points */
  guint         end;
  char         *quote;
  char         *prefix;
  char         *suffix;
  char         *note;           /* "" when none */
  GStrv         tags;           /* names, in order; never NULL */
  GStrv         themes;

  /* SCHOLIA_LOG_PUT_REPLY */
  char         *target_uuid;    /* the annotation answered */
  char         *body;

  guint         line;           /* 1-based line in the log it was read from; 0 when built */
} ScholiaLogRecord;

ScholiaLogRecord *scholia_log_record_new   (ScholiaLogOp             op);
ScholiaLogRecord *scholia_log_record_copy  (const ScholiaLogRecord  *record);
void              scholia_log_record_free  (ScholiaLogRecord        *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaLogRecord, scholia_log_record_free)

/* A line that could not be used, and why, for the sync report. */
typedef struct
{
  guint  line;
  char  *reason;                /* translated, names the problem in plain words */
} ScholiaLogProblem;

void              scholia_log_problem_free (ScholiaLogProblem *problem);

/* Serialises @record as one line of JSON, without the newline. */
char             *scholia_log_record_to_line (const ScholiaLogRecord *record);

/* Parses a whole log. Tolerant: a line that is not JSON or not a record is skipped and listed in
 * @problems; a last line without its newline (a cut upload) is skipped silently when it is not
 * valid JSON, and *@complete_bytes stops before it, so the caller can re-read it when the log
 * grows. Returns the records in file order (ScholiaLogRecord), never NULL. @problems: element
 * ScholiaLogProblem, may be NULL. */
GPtrArray        *scholia_log_parse          (const char   *data,
                                              gsize         length,
                                              gsize        *complete_bytes,
                                              GPtrArray   **problems);

G_END_DECLS
