/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The pieces of the W3C Web Annotation form that Scholia writes and reads in more than one place:
 * the library's W3C export and import (scholia-w3c.c) and a seminar's participant logs
 * (scholia-seminar-log.c), so that both write a span the same way. No store, no GTK. */

#define SCHOLIA_W3C_CONTEXT "http://www.w3.org/ns/anno.jsonld"
#define SCHOLIA_URN_UUID    "urn:uuid:"

/* One highlighted span as an Annotation holds it. */
typedef struct
{
  const char         *id;        /* urn:uuid:<annotation uuid> */
  gint64              created;   /* unix seconds */
  gint64              modified;
  const char         *source;    /* the essay's IRI */
  const char         *quote;
  const char         *prefix;
  const char         *suffix;
  guint               start;     /* code points */
  guint               end;
  const char * const *tags;      /* names, NULL-terminated; may be NULL */
  const char * const *themes;
  const char         *note;      /* NULL or "" when none */
  /* What an imported annotation brought (see ScholiaAnnotationProvenance); NULL for what it did
   * not, and for Scholia's own: */
  const char         *motivation;    /* NULL: "highlighting" */
  const char         *creator;       /* a name, or an IRI; NULL: none */
  const char         *canonical;
  const char         *via;
  const char         *note_purpose;  /* NULL: "commenting"; "": the note's body has none */
  const char         *note_language;
  const char         *note_format;   /* NULL: "text/plain" */
} ScholiaW3cSpan;

void        scholia_w3c_json_add_string   (JsonBuilder  *builder,
                                           const char   *name,
                                           const char   *value);
/* A TextualBody with @purpose; a "commenting" one says it is plain text. */
void        scholia_w3c_json_add_body     (JsonBuilder  *builder,
                                           const char   *purpose,
                                           const char   *value);
/* "@context", "id", "type" Annotation, "motivation", "created" and "modified" (ISO 8601, UTC),
 * into an object the caller has begun. */
void        scholia_w3c_json_add_head     (JsonBuilder  *builder,
                                           const char   *id,
                                           const char   *motivation,
                                           gint64        created,
                                           gint64        modified);
/* The members of an Annotation of @span, into an object the caller has begun (and may add to):
 * "@context", "id", "type", "motivation" (highlighting unless @span says), "created",
 * "modified", "creator", "canonical" and "via" when @span has them, a "body" per tag
 * (classifying), theme (tagging) and the note (commenting unless @span says, with its format
 * and language), and a "target" with a TextQuoteSelector and a TextPositionSelector. */
void        scholia_w3c_json_add_span     (JsonBuilder          *builder,
                                           const ScholiaW3cSpan *span);

/* ISO 8601 in UTC, or NULL when out of range. */
char       *scholia_w3c_json_format_time  (gint64        seconds);
/* Unix seconds of an ISO 8601 time, or @fallback when @text is NULL or not one. */
gint64      scholia_w3c_json_parse_time   (const char   *text,
                                           gint64        fallback);

/* The string member @name, or NULL when it is missing or not a string. */
const char *scholia_w3c_json_get_string   (JsonObject   *object,
                                           const char   *name);
/* A copy of that string as valid UTF-8: each byte that begins no character becomes U+FFFD,
 * counted in @replaced (may be NULL). */
char       *scholia_w3c_json_dup_text     (JsonObject   *object,
                                           const char   *name,
                                           guint        *replaced);
/* Whether @node is an object whose "type" (or "@type"; one string or an array) includes @type. */
gboolean    scholia_w3c_json_has_type     (JsonNode     *node,
                                           const char   *type);
/* A member that may hold one value or an array of them, as a list of its nodes (borrowed). */
GPtrArray  *scholia_w3c_json_get_many     (JsonObject   *object,
                                           const char   *name);
/* The bare uuid, lower case, of an "urn:uuid:…" id; NULL when @id is not one. */
char       *scholia_w3c_json_urn_uuid     (const char   *id);
/* The first TextQuoteSelector and the first TextPositionSelector of a target. */
typedef struct
{
  char   *quote;    /* "exact"; NULL when there is no TextQuoteSelector */
  char   *prefix;   /* "" when not given */
  char   *suffix;
  gint64  start;    /* code points; -1 when there is no TextPositionSelector */
  gint64  end;
} ScholiaW3cSelectors;

typedef enum
{
  SCHOLIA_W3C_SELECTORS_READ,
  SCHOLIA_W3C_SELECTORS_NO_EXACT,      /* a TextQuoteSelector without "exact" text */
  SCHOLIA_W3C_SELECTORS_NOT_NUMBERS,   /* a TextPositionSelector without whole numbers */
  SCHOLIA_W3C_SELECTORS_NOT_A_SPAN,    /* "start" and "end" (in @selectors) are not a span */
} ScholiaW3cSelectorsResult;

/* Reads @target's selectors, and the selectors that refine them ("refinedBy": a
 * TextQuoteSelector refining a FragmentSelector, say), into @selectors (texts valid UTF-8, as scholia_w3c_json_dup_text()
 * makes them); free them with scholia_w3c_selectors_clear() whatever the result. */
ScholiaW3cSelectorsResult scholia_w3c_json_read_selectors (JsonObject          *target,
                                                           guint               *replaced,
                                                           ScholiaW3cSelectors *selectors);
void        scholia_w3c_selectors_clear   (ScholiaW3cSelectors *selectors);

/* What the body a note came from said about it: NULL for what it did not say. */
typedef struct
{
  char *purpose;   /* "" when the body had none */
  char *language;  /* its first language */
  char *format;
  char *html;      /* a "text/html" body's value as given; the note holds its text */
} ScholiaW3cNoteBody;

void        scholia_w3c_note_body_clear   (ScholiaW3cNoteBody *note_body);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScholiaW3cNoteBody, scholia_w3c_note_body_clear)
/* scholia_w3c_json_read_bodies(), also filling @note_body from the first body the note takes
 * text from. Of a "Choice" of bodies, the first textual one is taken, as the model says a
 * client should. A "text/html" body gives the note its text. */
char       *scholia_w3c_json_read_bodies_full (JsonObject         *annotation,
                                               guint              *replaced,
                                               GPtrArray          *tags,
                                               GPtrArray          *themes,
                                               ScholiaW3cNoteBody *note_body);
/* The text a reader sees of @html, as an essay imported from HTML reads: tags dropped,
 * paragraphs apart, character references decoded. */
char       *scholia_w3c_json_html_to_text (const char         *html);
/* The name of the first agent of @name ("creator", "generator"): its "name" (or "nickname"),
 * else its IRI; NULL when it has none. */
char       *scholia_w3c_json_read_agent   (JsonObject         *object,
                                           const char         *name,
                                           guint              *replaced);

/* The bodies of an Annotation: names of "classifying" bodies appended to @tags, of "tagging"
 * ones to @themes (trimmed, empty ones dropped); returns the note: "bodyValue" and the text of
 * every other body, paragraphs apart, "" when none. */
char       *scholia_w3c_json_read_bodies  (JsonObject   *annotation,
                                           guint        *replaced,
                                           GPtrArray    *tags,
                                           GPtrArray    *themes);

G_END_DECLS
