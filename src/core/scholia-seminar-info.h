/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-document.h"

G_BEGIN_DECLS

/* What a seminar folder says about itself: seminar.json, which only the leader writes, and each
 * essay's metadata (essays/<uuid>.json beside its text, essays/<uuid>.txt: UTF-8, exactly the
 * text annotations anchor in).
 *
 *   {"version": "1.0", "uuid": "…", "name": "…", "leader": {"uuid": "…", "name": "…"},
 *    "instructions": "…", "options": {"participants-add-tags": false, "hide-until-posted": true},
 *    "tags": [{"name": "…", "colour": "#rrggbb", "description": "…", "order": 0}, …],
 *    "themes": [ the same ],
 *    "essays": [{"uuid": "…", "title": "…", "author": "…", "date": "…", "source": "…",
 *                "language": "…", "characters": 1234, "sha256": "…"}, …]}
 *
 * A file of a newer major version is refused (its meaning may have changed); a newer minor
 * version only adds members, which are ignored. */

#define SCHOLIA_SEMINAR_FORMAT_MAJOR 1
#define SCHOLIA_SEMINAR_FORMAT_MINOR 0
#define SCHOLIA_SEMINAR_INFO_FILE    "seminar.json"

typedef struct
{
  char  *name;
  char  *colour;        /* "#rrggbb" */
  char  *description;   /* "" when none */
  guint  order;
} ScholiaSeminarLabel;

typedef struct
{
  char   *uuid;
  char   *title;
  char   *author;       /* "" when unknown, like the other texts */
  char   *date;
  char   *source;
  char   *language;
  gint64  characters;   /* code points of the text */
  char   *checksum;     /* SHA-256 of the text's UTF-8, lower-case hex */
} ScholiaSeminarEssay;

typedef struct
{
  guint      format_major;
  guint      format_minor;
  char      *uuid;
  char      *name;
  char      *leader_uuid;
  char      *leader_name;
  char      *instructions;
  gboolean   participants_add_tags;
  gboolean   hide_until_posted;        /* others' annotations, until one has annotated the essay */
  GPtrArray *tags;                     /* ScholiaSeminarLabel */
  GPtrArray *themes;                   /* ScholiaSeminarLabel */
  GPtrArray *essays;                   /* ScholiaSeminarEssay */
} ScholiaSeminarInfo;

ScholiaSeminarLabel *scholia_seminar_label_new   (const char                *name,
                                                  const char                *colour,
                                                  const char                *description,
                                                  guint                      order);
void                 scholia_seminar_label_free  (ScholiaSeminarLabel       *label);

ScholiaSeminarEssay *scholia_seminar_essay_new   (const char                *uuid);
ScholiaSeminarEssay *scholia_seminar_essay_copy  (const ScholiaSeminarEssay *essay);
void                 scholia_seminar_essay_free  (ScholiaSeminarEssay       *essay);
/* The metadata of @document as the library holds it (its checksum and character count are of
 * the text the library anchors in). */
ScholiaSeminarEssay *scholia_seminar_essay_new_from_document (ScholiaDocument *document);
/* "essays/<uuid>.txt" and "essays/<uuid>.json", relative to the seminar folder. */
char                *scholia_seminar_essay_text_path     (const ScholiaSeminarEssay *essay);
char                *scholia_seminar_essay_metadata_path (const ScholiaSeminarEssay *essay);
/* Whether @text (@length bytes, as downloaded) is the essay's text: valid UTF-8 with its
 * character count and checksum. The error names the essay. */
gboolean             scholia_seminar_essay_verify_text   (const ScholiaSeminarEssay *essay,
                                                          const char                *text,
                                                          gsize                      length,
                                                          GError                   **error);
/* essays/<uuid>.json; @file_name names it in errors. */
char                *scholia_seminar_essay_to_json       (const ScholiaSeminarEssay *essay);
ScholiaSeminarEssay *scholia_seminar_essay_from_json     (const char                *data,
                                                          gsize                      length,
                                                          const char                *file_name,
                                                          GError                   **error);

ScholiaSeminarInfo  *scholia_seminar_info_new    (void);
void                 scholia_seminar_info_free   (ScholiaSeminarInfo        *info);
/* seminar.json, pretty-printed, ending with a newline. */
char                *scholia_seminar_info_to_json   (const ScholiaSeminarInfo *info);
/* Errors name @file_name and the field at fault ("tags[2].colour"). */
ScholiaSeminarInfo  *scholia_seminar_info_from_json (const char                *data,
                                                     gsize                      length,
                                                     const char                *file_name,
                                                     GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaSeminarLabel, scholia_seminar_label_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaSeminarEssay, scholia_seminar_essay_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaSeminarInfo, scholia_seminar_info_free)

G_END_DECLS
