/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-seminar-log.h"
#include "scholia-store.h"

G_BEGIN_DECLS

/* A seminar's data in the library (issue 14; schema version 5, see scholia-schema.c): the
 * seminars this library takes part in, their participants, essays and replies, the merge of the
 * participants' logs, and my own changes turned into log records. The transport and the log's
 * text form are elsewhere (scholia-seminar-log.h); this file knows only ScholiaLogRecord. */

typedef enum
{
  SCHOLIA_SEMINAR_LEADER,
  SCHOLIA_SEMINAR_PARTICIPANT,
} ScholiaSeminarRole;

typedef struct
{
  gint64              id;
  char               *uuid;
  char               *name;
  char               *location;        /* a folder's path or a WebDAV URL */
  ScholiaSeminarRole  role;
  gint64              participant_id;  /* mine in this seminar */
  char               *options;         /* JSON object, the leader's options */
  gint64              last_sync;       /* unix seconds; 0 never */
  char               *last_error;      /* "" after a sync that went well */
} ScholiaSeminar;

typedef struct
{
  gint64    id;
  char     *uuid;
  char     *name;
  char     *colour;                    /* "#rrggbb", from the participants' palette, distinct in
                                        * a seminar and the same everywhere once all logs are
                                        * synced (see rank_participants()) */
  gboolean  me;                        /* this library's user */
  gboolean  leader;                    /* leads a seminar: me in mine, or the one seminar.json
                                        * names, whatever the transport */
} ScholiaParticipant;

typedef struct
{
  gint64    id;
  char     *uuid;
  char     *annotation_uuid;           /* the annotation answered, which may not be here yet */
  gint64    participant_id;
  char     *body;
  gint64    created;
  gint64    modified;
  char     *hlc;
  gboolean  read;
} ScholiaReply;

void                scholia_seminar_free     (ScholiaSeminar     *seminar);
void                scholia_participant_free (ScholiaParticipant *participant);
void                scholia_reply_free       (ScholiaReply       *reply);

/* The participant's name as the window lists it: "Ana Petrescu (leader)" for a leader. */
char               *scholia_participant_dup_label (const ScholiaParticipant *participant);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaSeminar, scholia_seminar_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaParticipant, scholia_participant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaReply, scholia_reply_free)

/* A tag palette colour picked from @key alone (the name of a tag a merge makes), so that every
 * library of the seminar shows it in the same colour. */
const char         *scholia_seminar_colour_for (const char *key);

/* Seminars (scholia-store-seminars.c). add: @uuid NULL makes a new seminar; @my_uuid NULL a new
 * participant for me, named @my_name. @options NULL is "{}". */
ScholiaSeminar     *scholia_store_add_seminar      (ScholiaStore        *self,
                                                    const char          *uuid,
                                                    const char          *name,
                                                    const char          *location,
                                                    ScholiaSeminarRole   role,
                                                    const char          *my_uuid,
                                                    const char          *my_name,
                                                    const char          *options,
                                                    GError             **error);
/* Every seminar (ScholiaSeminar), by name. */
GPtrArray          *scholia_store_list_seminars    (ScholiaStore        *self,
                                                    GError             **error);
/* By uuid or name. */
ScholiaSeminar     *scholia_store_find_seminar     (ScholiaStore        *self,
                                                    const char          *uuid_or_name,
                                                    GError             **error);
gboolean            scholia_store_add_seminar_essay (ScholiaStore       *self,
                                                     ScholiaSeminar     *seminar,
                                                     ScholiaDocument    *document,
                                                     GError            **error);
/* The seminar's essays' ids (gint64), ascending. */
GArray             *scholia_store_list_seminar_essays (ScholiaStore     *self,
                                                       ScholiaSeminar   *seminar,
                                                       GError          **error);
/* The seminar @document_id is an essay of, or NULL (and no error) when it is in none: the
 * window asks for each essay it opens, to show it as the seminar's. */
ScholiaSeminar     *scholia_store_find_essay_seminar (ScholiaStore      *self,
                                                      gint64             document_id,
                                                      GError           **error);
/* After a sync: when it ended, and "" or the message of what went wrong. */
gboolean            scholia_store_set_seminar_sync (ScholiaStore        *self,
                                                    ScholiaSeminar      *seminar,
                                                    gint64               when,
                                                    const char          *error_message,
                                                    GError             **error);

/* The seminar's options (a JSON object: the leader's options, and what a sync keeps of
 * seminar.json), replaced whole. */
gboolean            scholia_store_set_seminar_options (ScholiaStore     *self,
                                                       ScholiaSeminar   *seminar,
                                                       const char       *options,
                                                       GError          **error);
/* The seminars' tags are the leader's: in a seminar where I am a participant and the leader
 * did not let participants add tags, its tags (the "tags" names of the seminar's options) can
 * be neither changed, merged away nor deleted here; check_seminar_label says so with
 * SCHOLIA_ERROR_READ_ONLY naming the seminar. update_seminar_label is how a sync applies the
 * leader's colour and description all the same. */
gboolean            scholia_store_check_seminar_label  (ScholiaStore    *self,
                                                        ScholiaLabel    *label,
                                                        GError         **error);
gboolean            scholia_store_update_seminar_label (ScholiaStore    *self,
                                                        ScholiaLabel    *label,
                                                        const char      *colour,
                                                        const char      *description,
                                                        GError         **error);
/* How many of my changes wait to be logged at the next take_outbox. */
gboolean            scholia_store_count_seminar_outbox (ScholiaStore    *self,
                                                        ScholiaSeminar  *seminar,
                                                        guint           *count,
                                                        GError         **error);

/* Participants: a seminar's (ScholiaParticipant, by name), mine in it, and one by id, which
 * scholia_annotation_get_participant_id() gives (callers showing many annotations keep the
 * seminar's list in a table rather than asking for each). */
GPtrArray          *scholia_store_list_participants (ScholiaStore       *self,
                                                     ScholiaSeminar     *seminar,
                                                     GError            **error);
ScholiaParticipant *scholia_store_get_my_participant (ScholiaStore      *self,
                                                      ScholiaSeminar    *seminar,
                                                      GError           **error);
ScholiaParticipant *scholia_store_get_participant  (ScholiaStore        *self,
                                                    gint64               id,
                                                    GError             **error);

/* The participants' layers (the gutter's colours, the participant filter): every participant of
 * every seminar (ScholiaParticipant, once each, by name), and the seminars holding an essay
 * (ScholiaSeminar, by name; empty for an essay outside any). */
GPtrArray          *scholia_store_list_all_participants (ScholiaStore   *self,
                                                         GError        **error);
GPtrArray          *scholia_store_list_essay_seminars   (ScholiaStore   *self,
                                                         gint64          document_id,
                                                         GError        **error);

/* Participants × themes (the matrix's participants mode): how many placed passages each
 * participant wrote on each theme, over every seminar's essays, split by tag when @by_tag (tag_id
 * 0 otherwise); with @n_tag_ids, only passages carrying any of @tag_ids. Rows of
 * ScholiaParticipantCount, in no particular order; my annotations not yet published count as
 * mine. */
typedef struct
{
  gint64  participant_id;
  gint64  theme_id;
  gint64  tag_id;
  guint   count;
} ScholiaParticipantCount;

GArray             *scholia_store_count_participant_passages (ScholiaStore  *self,
                                                              gboolean       by_tag,
                                                              const gint64  *tag_ids,
                                                              guint          n_tag_ids,
                                                              GError       **error);

/* The leader seminar.json names, as a participant (their name replaces the one known), so that
 * the participants' list marks them even before they annotate. */
gboolean            scholia_store_add_seminar_leader (ScholiaStore      *self,
                                                      ScholiaSeminar    *seminar,
                                                      const char        *uuid,
                                                      const char        *name,
                                                      GError           **error);
/* Gives the seminar's participants their colours again (a library upgraded to version 6 still
 * has the colours version 5 picked). */
gboolean            scholia_store_update_participant_colours (ScholiaStore   *self,
                                                              ScholiaSeminar *seminar,
                                                              GError        **error);

/* Per remote log: the ETag of the copy last merged and how many bytes of it were, so that an
 * unchanged log is not fetched again ("" and 0 for a log never merged). */
gboolean            scholia_store_get_remote_log   (ScholiaStore        *self,
                                                    ScholiaSeminar      *seminar,
                                                    const char          *participant_uuid,
                                                    char               **etag,
                                                    gint64              *merged_bytes,
                                                    GError             **error);
gboolean            scholia_store_set_remote_log   (ScholiaStore        *self,
                                                    ScholiaSeminar      *seminar,
                                                    const char          *participant_uuid,
                                                    const char          *etag,
                                                    gint64               merged_bytes,
                                                    GError             **error);

/* Merging one participant's log (scholia-store-seminar-merge.c). */
typedef struct
{
  guint      applied;           /* records that set an annotation's or reply's state */
  guint      unchanged;         /* records already merged, or older than the state here */
  guint      forged;            /* records by someone else than the log's owner, or on an
                                 * annotation or reply that another participant created */
  guint      unknown_document;  /* annotations on an essay this library does not have */
  guint      replies;           /* replies among the applied */
  GArray    *forged_lines;      /* guint: the forged records' lines, in the order met */
  GArray    *refused_tag_lines; /* guint: lines of annotations kept without a tag the seminar
                                 * does not have and does not let participants add */
  GPtrArray *refused_tags;      /* char *: that tag, for each of those lines */
} ScholiaMergeReport;

void                scholia_merge_report_clear     (ScholiaMergeReport  *report);

/* Merges @records (ScholiaLogRecord), read from @owner_uuid's log, in one transaction.
 * Idempotent and order-independent: per uuid, the record with the greatest clock wins, a
 * deletion included, and only the records of the uuid's creator (the author of its earliest
 * put) count. Records by anyone else than the owner are forged: ignored and reported. An
 * annotation on an essay the library does not have is skipped and counted in
 * unknown_document: merge the log again once the essay is here (it is idempotent). Tags and
 * themes are found by name and created when missing, except a tag the seminar does not have
 * when it does not let participants add tags and the owner is not its leader: the annotation is
 * kept without it (refused_tag_lines). Replies are kept even when their
 * annotation is not here yet. Emits "annotations-changed" for each essay touched. @report may
 * be NULL; it is added to, so that one report can sum several logs. */
gboolean            scholia_store_merge_log        (ScholiaStore        *self,
                                                    ScholiaSeminar      *seminar,
                                                    const char          *owner_uuid,
                                                    const char          *owner_name,
                                                    GPtrArray           *records,
                                                    ScholiaMergeReport  *report,
                                                    GError             **error);

/* My side (scholia-store-seminar-outbox.c). My changes to the seminar's essays, made by any
 * part of Scholia, are marked as they are committed; take_outbox turns each marked annotation
 * or reply into a record (its whole state for a put, a delete for a deletion, each with a new
 * clock), appends them to my own log, marks me their author and clears the marks, in one
 * transaction. Returns the new records (ScholiaLogRecord), in log order; empty when nothing
 * changed. */
GPtrArray          *scholia_store_take_seminar_outbox (ScholiaStore     *self,
                                                       ScholiaSeminar   *seminar,
                                                       GError          **error);
/* My whole log as recorded (ScholiaLogRecord, line set 1…n), to upload it again whole. */
GPtrArray          *scholia_store_list_own_log     (ScholiaStore        *self,
                                                    ScholiaSeminar      *seminar,
                                                    GError             **error);

/* Replies: mine to an annotation (logged at the next take_outbox), an annotation's replies by
 * date (ScholiaReply), marking them read, and deleting one of mine (another's is refused). */
ScholiaReply       *scholia_store_add_reply        (ScholiaStore        *self,
                                                    ScholiaSeminar      *seminar,
                                                    const char          *annotation_uuid,
                                                    const char          *body,
                                                    GError             **error);
GPtrArray          *scholia_store_list_replies     (ScholiaStore        *self,
                                                    const char          *annotation_uuid,
                                                    GError             **error);
gboolean            scholia_store_mark_replies_read (ScholiaStore       *self,
                                                     const char         *annotation_uuid,
                                                     GError            **error);
gboolean            scholia_store_delete_reply     (ScholiaStore        *self,
                                                    ScholiaReply        *reply,
                                                    GError             **error);

/* Hide until posted: whether others' annotations on @document are hidden from me now, because
 * its seminar's leader set "hide-until-posted" in the options and I have not annotated it yet
 * (the leader sees everything). The store leaves hidden annotations, and replies to them, out of
 * everything it reads (scholia-store-visibility.c); this says why, for a view to tell the user.
 * FALSE on error too, with @error set. */
gboolean            scholia_store_is_hiding_others (ScholiaStore        *self,
                                                    ScholiaDocument     *document,
                                                    GError             **error);

G_END_DECLS
