/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "scholia-types.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_PASSAGE (scholia_passage_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaPassage, scholia_passage, SCHOLIA, PASSAGE, GObject)

/* One annotated passage as a comparison shows it: the annotation's quote, note, tags and seminar
 * participant with the title, date and author of its document. A light, read-only snapshot: a comparison over a
 * large library holds thousands without loading whole documents' annotations, and (made
 * deferred) reads a quote and note only when they are asked for. */
typedef struct
{
  gint64      annotation_id;
  gint64      document_id;
  int         start;
  int         end;
  const char *quote;
  const char *note;
  const char *title;
  const char *date;
  const char *author;   /* "" when the document has none */
  const char *author_sort_key;   /* how the author files, "" without one */
  const char *page;     /* the printed page of the passage's start, "" when unknown */
  gint64      participant_id;   /* the seminar participant who wrote it; 0 outside seminars
                                 * and for mine not logged yet */
} ScholiaPassageInfo;

ScholiaPassage *scholia_passage_new              (const ScholiaPassageInfo *info,
                                                  const gint64             *tag_ids,
                                                  guint                     n_tag_ids);
/* A passage whose quote and note are read from @store when first asked for (@info's are not
 * read): a comparison of 5,000 passages reads the quotes of the rows it shows. So are its tags
 * when @tag_ids is NULL. Read on the thread that uses @store. */
ScholiaPassage *scholia_passage_new_deferred     (const ScholiaPassageInfo *info,
                                                  const gint64             *tag_ids,
                                                  guint                     n_tag_ids,
                                                  ScholiaStore             *store);
/* Reads what @passages (all deferred on one store, or not deferred) have not read yet: their
 * quotes and notes in one statement, their tags in another, rather than two statements per
 * passage as each reads when shown (an export of a theme's 5,000 passages, issue 17). */
gboolean        scholia_passages_read            (ScholiaPassage **passages,
                                                  guint            n_passages,
                                                  GError         **error);
/* The same for a model of ScholiaPassage (a comparison's). */
gboolean        scholia_passages_read_model      (GListModel      *passages,
                                                  GError         **error);
/* Whether the quote and note are held (given, or read since). */
gboolean        scholia_passage_has_text         (ScholiaPassage *self);
/* Whether the tags are held (given, or read since). */
gboolean        scholia_passage_has_tags         (ScholiaPassage *self);
gint64          scholia_passage_get_annotation_id (ScholiaPassage *self);
gint64          scholia_passage_get_document_id  (ScholiaPassage *self);
int             scholia_passage_get_start        (ScholiaPassage *self);
int             scholia_passage_get_end          (ScholiaPassage *self);
const char     *scholia_passage_get_quote        (ScholiaPassage *self);
const char     *scholia_passage_get_note         (ScholiaPassage *self);
const char     *scholia_passage_get_title        (ScholiaPassage *self);
const char     *scholia_passage_get_date         (ScholiaPassage *self);
const char     *scholia_passage_get_author       (ScholiaPassage *self);
const char     *scholia_passage_get_author_sort_key (ScholiaPassage *self);
const char     *scholia_passage_get_page         (ScholiaPassage *self);
gint64          scholia_passage_get_participant_id (ScholiaPassage *self);
const gint64   *scholia_passage_get_tag_ids      (ScholiaPassage *self,
                                                  guint          *n_tag_ids);
gboolean        scholia_passage_has_tag          (ScholiaPassage *self,
                                                  gint64          tag_id);

G_END_DECLS
