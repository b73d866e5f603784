/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A typed link between two annotations (issue 15, section 4): the source is the passage that
 * answers, agrees with, contradicts or cites the same source as the target. The link is read
 * from the source ("answers") and, inverted, from the target ("answered by").
 *
 * Types are stored as text. The built-in ones have the stable ids below, which the library,
 * scholia-cli and every export use, and translated labels; any other text is a user-defined
 * type, kept as the user wrote it (trimmed, blanks collapsed) and compared without case. */

#define SCHOLIA_LINK_TYPE_ANSWERS     "answers"
#define SCHOLIA_LINK_TYPE_AGREES_WITH "agrees-with"
#define SCHOLIA_LINK_TYPE_CONTRADICTS "contradicts"
#define SCHOLIA_LINK_TYPE_SAME_SOURCE "same-source"

/* A user-defined type's name is at most this many characters. */
#define SCHOLIA_LINK_TYPE_MAX_LENGTH 64

typedef enum
{
  SCHOLIA_LINK_END_SOURCE,
  SCHOLIA_LINK_END_TARGET,
} ScholiaLinkEnd;

/* The built-in type ids, in the order a chooser offers them (NULL-terminated, static). */
const char * const *scholia_link_builtin_types        (void);
gboolean            scholia_link_type_is_builtin      (const char  *type);
/* Whether the link reads the same from both ends (agrees with, contradicts, same source): a
 * second link of such a type between the same two passages the other way round is a
 * duplicate. User-defined types are directed. */
gboolean            scholia_link_type_is_symmetric    (const char  *type);
/* The type as the library keeps it: a built-in id when @name is one, or one's label in either
 * reading from the source, in any case ("Agrees with" → "agrees-with"); otherwise @name
 * trimmed with its runs of white space made one space. Fails with SCHOLIA_ERROR_INVALID for an
 * empty name, a control character, one longer than SCHOLIA_LINK_TYPE_MAX_LENGTH, or a built-in
 * type's reading from the target ("answered by": the link would point the wrong way). */
char               *scholia_link_type_normalize       (const char  *name,
                                                       GError     **error);
/* How the link reads at @end, translated and in lower case, for "this passage <reading> that
 * one": at the source "answers", "agrees with", "contradicts", "cites the same source as" or a
 * user-defined type's name; at the target "answered by", "agrees with", "contradicts", "cites
 * the same source as", or for a user-defined type its name followed by " (reverse)"
 * ("paraphrases (reverse)"), since no inverse can be made of an arbitrary word. */
char               *scholia_link_type_get_reading     (const char     *type,
                                                       ScholiaLinkEnd  end);
/* The type's name for a chooser or a column: its source reading, with a capital
 * ("Answers", "Cites the same source as", "paraphrases" as typed). */
char               *scholia_link_type_get_label       (const char     *type);
/* @reading with its first letter made a capital, for the start of a line ("Answered by"). */
char               *scholia_link_capitalize           (const char     *reading);

#define SCHOLIA_TYPE_LINK (scholia_link_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaLink, scholia_link, SCHOLIA, LINK, GObject)

/* A link as the store read it: its row (id, uuid, type, times) and, for display, each end's
 * annotation (id, uuid, quote, span) and that annotation's essay (id, title, author). Links
 * do not change once made: a different type is a new link. */
ScholiaLink *scholia_link_new                   (gint64          id,
                                                 const char     *uuid,
                                                 const char     *type,
                                                 gint64          created,
                                                 gint64          modified);
gint64       scholia_link_get_id                (ScholiaLink    *self);
const char  *scholia_link_get_uuid              (ScholiaLink    *self);
const char  *scholia_link_get_link_type         (ScholiaLink    *self);
gint64       scholia_link_get_created           (ScholiaLink    *self);
gint64       scholia_link_get_modified          (ScholiaLink    *self);
/* Only the store calls this, as it reads a link. */
void         scholia_link_set_end               (ScholiaLink    *self,
                                                 ScholiaLinkEnd  end,
                                                 gint64          annotation_id,
                                                 const char     *annotation_uuid,
                                                 const char     *quote,
                                                 int             start,
                                                 int             end_offset,
                                                 gint64          document_id,
                                                 const char     *document_title,
                                                 const char     *document_author);
gint64       scholia_link_get_annotation_id     (ScholiaLink    *self,
                                                 ScholiaLinkEnd  end);
const char  *scholia_link_get_annotation_uuid   (ScholiaLink    *self,
                                                 ScholiaLinkEnd  end);
const char  *scholia_link_get_quote             (ScholiaLink    *self,
                                                 ScholiaLinkEnd  end);
int          scholia_link_get_start             (ScholiaLink    *self,
                                                 ScholiaLinkEnd  end);
int          scholia_link_get_end               (ScholiaLink    *self,
                                                 ScholiaLinkEnd  end);
gint64       scholia_link_get_document_id       (ScholiaLink    *self,
                                                 ScholiaLinkEnd  end);
const char  *scholia_link_get_document_title    (ScholiaLink    *self,
                                                 ScholiaLinkEnd  end);
/* "" when the essay has no author. */
const char  *scholia_link_get_document_author   (ScholiaLink    *self,
                                                 ScholiaLinkEnd  end);
/* Which end the annotation @annotation_id is; *@end is set only when it is one of them. */
gboolean     scholia_link_find_end              (ScholiaLink    *self,
                                                 gint64          annotation_id,
                                                 ScholiaLinkEnd *end);
/* The other end. */
ScholiaLinkEnd scholia_link_end_opposite        (ScholiaLinkEnd  end);
/* The passage at @end for a line of text: “quote” (Author, Title), the quote cut after
 * @max_quote_chars characters (0: whole) with "…", "(Title)" alone without an author. */
char        *scholia_link_describe_end          (ScholiaLink    *self,
                                                 ScholiaLinkEnd  end,
                                                 guint           max_quote_chars);
/* How the link reads at @end (scholia_link_type_get_reading()). */
char        *scholia_link_get_reading           (ScholiaLink    *self,
                                                 ScholiaLinkEnd  end);

G_END_DECLS
