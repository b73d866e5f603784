/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "scholia-annotation.h"
#include "scholia-document.h"
#include "scholia-passage.h"
#include "scholia-tag.h"
#include "scholia-theme.h"
#include "scholia-types.h"

G_BEGIN_DECLS

/* The schema this build writes. A library whose user_version is higher was written by a newer
 * Scholia and is refused untouched. */
#define SCHOLIA_SCHEMA_VERSION 19

#define SCHOLIA_TYPE_STORE (scholia_store_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaStore, scholia_store, SCHOLIA, STORE, GObject)

/* Signals: "annotations-changed" (gint64 document_id, 0 for several) after any committed change
 * to annotations, their tags or themes, or the metadata of their documents, for views that
 * gather passages across documents. */

/* Opening. A missing file becomes a new library (mode 0600, parent folders created); an existing
 * file is checked read-only first and refused, byte-for-byte unchanged, when it is not a Scholia
 * library, was written by a newer Scholia, or is damaged. */
ScholiaStore *scholia_store_open               (const char     *path,
                                                GError        **error);
/* A library that cannot be written (the file, or the folder that must hold its -wal and -shm
 * files) is opened read-only, as this opens any existing library: it can be read and exported;
 * every change fails with SCHOLIA_ERROR_READ_ONLY, and nothing is created beside it. */
ScholiaStore *scholia_store_open_read_only     (const char     *path,
                                                GError        **error);
/* As scholia_store_open(), except that a library needing no migration is not checked page by
 * page before it opens, which reads the whole file: scholia_store_start_check() checks it on a
 * worker thread. Until the check has passed, every change waits for it (and fails, leaving the
 * file as it was, when the library is damaged): "check-finished" says when it is done. */
ScholiaStore *scholia_store_open_checking_later (const char    *path,
                                                 GError       **error);
void          scholia_store_start_check        (ScholiaStore   *self);
/* A large library opened so has every essay's annotation count at 0 until this reads them. */
gboolean      scholia_store_load_annotation_counts (ScholiaStore *self,
                                                    GError      **error);
gboolean      scholia_store_is_check_pending   (ScholiaStore   *self);
const GError *scholia_store_get_damage         (ScholiaStore   *self);
/* The library at @path checked whole, as SQLite's PRAGMA integrity_check checks a database
 * (every page, and every index against its table), on a read-only connection of its own with
 * Scholia's SQL functions registered: an annotation's uuid is computed by one (schema 18), so
 * the plain sqlite3 shell cannot check a library. Returns what is wrong, one problem a string
 * (none: the library is whole), or NULL with @error when the file cannot be read as a library.
 * Writes nothing. */
GStrv         scholia_store_check_integrity   (const char     *path,
                                               GError        **error);
gboolean      scholia_store_is_read_only       (ScholiaStore   *self);
const char   *scholia_store_get_path           (ScholiaStore   *self);
int           scholia_store_get_schema_version (ScholiaStore   *self);
/* What the library holds; annotations as I see them (hide until posted leaves out others' on
 * a seminar essay I have not annotated yet). */
gboolean      scholia_store_get_counts         (ScholiaStore   *self,
                                                ScholiaCounts  *counts,
                                                GError        **error);

/* Batches, for bulk work outside the GUI (scholia-cli import): the changes made between begin
 * and commit form one transaction, several times faster for many documents. Until the commit
 * nothing of the batch is in the file: a crash loses the batch, never part of a document; a
 * change that fails inside the batch is undone alone. Callers must not report a change as done
 * before the batch that holds it is committed. */
gboolean         scholia_store_begin_batch       (ScholiaStore     *self,
                                                  GError          **error);
gboolean         scholia_store_commit_batch      (ScholiaStore     *self,
                                                  GError          **error);
/* Undoes the whole batch, for an import that must land whole or not at all, and reloads the
 * documents and labels (new objects) so the models hold what the file holds. */
void             scholia_store_abort_batch       (ScholiaStore     *self);
/* A batch of new essays only (no essay changed or deleted in it, nor any annotation on the
 * new ones): the search index takes them all at once when it commits, several times faster
 * than essay by essay. Committed and aborted as any batch. */
gboolean         scholia_store_begin_import_batch (ScholiaStore    *self,
                                                   GError         **error);

/* Documents. The list model holds every ScholiaDocument, in the order they were added, and is
 * kept current by every call below. Every change is one transaction, committed before the
 * model changes. Strings passed as NULL to update mean "keep". Documents, tags and themes
 * returned by the store are owned by it (transfer none); annotations are returned with a
 * reference the caller owns (transfer full), as are list models from list_annotations. */
GListModel      *scholia_store_get_documents     (ScholiaStore     *self);
ScholiaDocument *scholia_store_add_document      (ScholiaStore     *self,
                                                  const char       *title,
                                                  const char       *author,
                                                  const char       *date,
                                                  const char       *source,
                                                  const char       *text,
                                                  GArray           *pages,
                                                  GError          **error);
/* The same with the document's uuid given (NULL: a new one), for an essay that must keep the
 * uuid it has elsewhere, as a seminar's essays do in every participant's library. */
ScholiaDocument *scholia_store_add_document_with_uuid (ScholiaStore *self,
                                                       const char   *uuid,
                                                       const char   *title,
                                                       const char   *author,
                                                       const char   *date,
                                                       const char   *source,
                                                       const char   *text,
                                                       GArray       *pages,
                                                       GError      **error);
ScholiaDocument *scholia_store_lookup_document   (ScholiaStore     *self,
                                                  gint64            id);
/* By the essay's uuid; the first essay (lowest id) for NULL or one no essay has; NULL in an
 * empty library. Neither reads the list of essays (scholia_store_get_documents()). */
ScholiaDocument *scholia_store_lookup_document_or_first (ScholiaStore *self,
                                                         const char   *uuid);
ScholiaDocument *scholia_store_find_document     (ScholiaStore     *self,
                                                  const char       *id_or_title,
                                                  GError          **error);
char            *scholia_store_load_text         (ScholiaStore     *self,
                                                  ScholiaDocument  *document,
                                                  GError          **error);
GArray          *scholia_store_load_pages        (ScholiaStore     *self,
                                                  ScholiaDocument  *document,
                                                  GError          **error);
gboolean         scholia_store_update_document   (ScholiaStore     *self,
                                                  ScholiaDocument  *document,
                                                  const char       *title,
                                                  const char       *author,
                                                  const char       *date,
                                                  const char       *source,
                                                  GError          **error);
/* The language @document's words are stemmed in for search (an ISO 639-1 code that
 * scholia_language_is_known()); its index entry follows at once. */
gboolean         scholia_store_set_document_language (ScholiaStore     *self,
                                                      ScholiaDocument  *document,
                                                      const char       *language,
                                                      GError          **error);
gboolean         scholia_store_delete_document   (ScholiaStore     *self,
                                                  ScholiaDocument  *document,
                                                  GError          **error);

/* Deleting with undo: everything the document held (text, pages, annotations and their tags,
 * themes and notes) is kept in memory so that restore puts it back with the same ids and
 * uuids. Links to tags or themes deleted in between are dropped on restore. */
typedef struct _ScholiaDeletedDocument ScholiaDeletedDocument;

ScholiaDeletedDocument *scholia_store_delete_document_undoable (ScholiaStore           *self,
                                                                ScholiaDocument        *document,
                                                                GError                **error);
ScholiaDocument        *scholia_store_restore_document         (ScholiaStore           *self,
                                                                ScholiaDeletedDocument *deleted,
                                                                GError                **error);
void                    scholia_deleted_document_free          (ScholiaDeletedDocument *deleted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaDeletedDocument, scholia_deleted_document_free)

/* Authors are shared between documents: renaming one renames it everywhere (and merges into an
 * existing author of the new name). Names come sorted, without duplicates. */
char           **scholia_store_list_authors      (ScholiaStore     *self,
                                                  GError          **error);
gboolean         scholia_store_rename_author     (ScholiaStore     *self,
                                                  const char       *old_name,
                                                  const char       *new_name,
                                                  GError          **error);
/* How an author files ("Beethoven, Ludwig van"): the key is guessed when the author is added
 * (scholia_names_guess_sort_key()), and set here; "" or NULL guesses it again. Sets the
 * "author-sort-key" of the author's documents. dup_author_sort_key() gives an author's key,
 * NULL for a name no document has. */
gboolean         scholia_store_set_author_sort_key (ScholiaStore *self,
                                                    const char   *author,
                                                    const char   *sort_key,
                                                    GError      **error);
char            *scholia_store_dup_author_sort_key (ScholiaStore *self,
                                                    const char   *author);

/* Labels: tags (SCHOLIA_TYPE_TAG, in palette order; a new library holds the four built-in tags)
 * and themes (SCHOLIA_TYPE_THEME, in the user's order) are handled alike, each call taking the
 * label type or a label of that type. Names are unique within a type, compared with
 * diacritics and case folded; a NULL colour on add takes the next one of the palette. */
GListModel      *scholia_store_get_labels        (ScholiaStore     *self,
                                                  GType             label_type);
ScholiaLabel    *scholia_store_find_label        (ScholiaStore     *self,
                                                  GType             label_type,
                                                  const char       *name,
                                                  GError          **error);
ScholiaLabel    *scholia_store_lookup_label      (ScholiaStore     *self,
                                                  GType             label_type,
                                                  gint64            id);
ScholiaLabel    *scholia_store_add_label         (ScholiaStore     *self,
                                                  GType             label_type,
                                                  const char       *name,
                                                  const char       *colour,
                                                  const char       *description,
                                                  GError          **error);
gboolean         scholia_store_update_label      (ScholiaStore     *self,
                                                  ScholiaLabel     *label,
                                                  const char       *name,
                                                  const char       *colour,
                                                  const char       *description,
                                                  GError          **error);
gboolean         scholia_store_delete_label      (ScholiaStore     *self,
                                                  ScholiaLabel     *label,
                                                  GError          **error);

/* For the label manager and undo: which annotations carry a label (their ids, ascending),
 * moving a label within its list, merging one label into another of its type (annotations
 * carrying `from` carry `into` instead, once), and putting a deleted label back with its id,
 * place and annotations. */
GArray          *scholia_store_get_label_annotation_ids (ScholiaStore *self,
                                                         ScholiaLabel *label,
                                                         GError      **error);
/* How many annotations that I see carry @label: hide until posted leaves out others' on a
 * seminar essay I have not annotated yet, as everywhere the store reads them. */
gboolean         scholia_store_count_label_annotations  (ScholiaStore *self,
                                                         ScholiaLabel *label,
                                                         guint        *count,
                                                         GError      **error);
gboolean         scholia_store_move_label        (ScholiaStore     *self,
                                                  ScholiaLabel     *label,
                                                  guint             index,
                                                  GError          **error);
gboolean         scholia_store_merge_labels      (ScholiaStore     *self,
                                                  ScholiaLabel     *from,
                                                  ScholiaLabel     *into,
                                                  GError          **error);
gboolean         scholia_store_restore_label     (ScholiaStore     *self,
                                                  ScholiaLabel     *label,
                                                  GArray           *annotation_ids,
                                                  GError          **error);

/* An annotation's labels of one type, in the order it carries them: setting the whole list,
 * putting one label last on it (assign; a label it carries already moves last) and taking one
 * off (unassign). */
gboolean         scholia_store_set_annotation_labels (ScholiaStore      *self,
                                                      ScholiaAnnotation *annotation,
                                                      GType              label_type,
                                                      const gint64      *label_ids,
                                                      guint              n_label_ids,
                                                      GError           **error);
gboolean         scholia_store_assign_label      (ScholiaStore      *self,
                                                  ScholiaAnnotation *annotation,
                                                  ScholiaLabel      *label,
                                                  GError           **error);
gboolean         scholia_store_unassign_label    (ScholiaStore      *self,
                                                  ScholiaAnnotation *annotation,
                                                  ScholiaLabel      *label,
                                                  GError           **error);

/* Annotations. The store cuts quote, prefix and suffix from the document text itself. */
ScholiaAnnotation *scholia_store_add_annotation    (ScholiaStore      *self,
                                                    ScholiaDocument   *document,
                                                    int                start,
                                                    int                end,
                                                    const gint64      *tag_ids,
                                                    guint              n_tag_ids,
                                                    const gint64      *theme_ids,
                                                    guint              n_theme_ids,
                                                    const char        *note,
                                                    GError           **error);
ScholiaAnnotation *scholia_store_get_annotation    (ScholiaStore      *self,
                                                    gint64             id,
                                                    GError           **error);
/* The annotations @ids, in that order, as objects the store keeps current: those anyone holds
 * as they are, the others read in one statement (issue 17: a page of the whole library's list).
 * An id that is not in the library, or hidden from me until I post, is left out. */
GPtrArray         *scholia_store_get_annotations   (ScholiaStore      *self,
                                                    const gint64      *ids,
                                                    guint              n_ids,
                                                    GError           **error);
GListModel        *scholia_store_list_annotations  (ScholiaStore      *self,
                                                    ScholiaDocument   *document,
                                                    GError           **error);
gboolean           scholia_store_set_annotation_note (ScholiaStore    *self,
                                                      ScholiaAnnotation *annotation,
                                                      const char      *note,
                                                      GError         **error);
gboolean           scholia_store_delete_annotation (ScholiaStore      *self,
                                                    ScholiaAnnotation *annotation,
                                                    GError           **error);

/* Undo of a delete: writes a deleted annotation back from the object itself, with its id, uuid,
 * note, dates and those of its tags and themes that still exist. */
gboolean           scholia_store_restore_annotation (ScholiaStore     *self,
                                                     ScholiaAnnotation *annotation,
                                                     GError          **error);

/* Re-anchoring: moves an annotation to new offsets (its quote and context stay as recorded), or
 * marks it an orphan that could not be placed (offsets kept as they were), for @reason
 * (SCHOLIA_UNPLACED_NONE: the text changed) with @source (the file an import came from, or
 * NULL). A placed annotation has no reason. The bulk form writes many in one transaction, as
 * re-anchoring a whole document does. */
gboolean           scholia_store_set_annotation_anchor (ScholiaStore  *self,
                                                        ScholiaAnnotation *annotation,
                                                        int            start,
                                                        int            end,
                                                        gboolean       orphaned,
                                                        GError       **error);

typedef struct
{
  ScholiaAnnotation *annotation;
  int                start;
  int                end;
  gboolean           orphaned;
  ScholiaUnplacedReason reason;
  const char        *source;
} ScholiaAnchorUpdate;

gboolean           scholia_store_update_anchors    (ScholiaStore              *self,
                                                    const ScholiaAnchorUpdate *updates,
                                                    guint                      n_updates,
                                                    GError                   **error);

/* For comparisons (GTK-free, in scholia-comparison.h): every placed passage of a theme as a
 * ScholiaPassage, in no particular order, and how many placed passages each document has on
 * each theme (split by tag when by_tag; tag_id 0 otherwise). */
typedef struct
{
  gint64  document_id;
  gint64  theme_id;
  gint64  tag_id;
  guint   count;
} ScholiaPassageCount;

/* Without @with_tags, each passage reads its tags when first asked for (when shown), as it
 * reads its quote and note: a theme's passages are then read without one seek per passage into
 * the tag links. */
GPtrArray *scholia_store_list_theme_passages  (ScholiaStore  *self,
                                               ScholiaTheme  *theme,
                                               gboolean       with_tags,
                                               GError       **error);
/* The quote and note (@func once each), or the tags (@func once per tag, each annotation's in
 * the order the user gave them), of the annotations @ids, one statement for them all, in id
 * order: deferred passages read so when shown or exported (scholia_passages_read()). An
 * annotation no longer in the library is left out. */
typedef void (*ScholiaAnnotationTextFunc) (gint64      annotation_id,
                                           const char *quote,
                                           const char *note,
                                           gpointer    user_data);
typedef void (*ScholiaAnnotationTagFunc)  (gint64      annotation_id,
                                           gint64      tag_id,
                                           gpointer    user_data);
gboolean   scholia_store_read_annotation_texts (ScholiaStore               *self,
                                                const gint64               *ids,
                                                guint                       n_ids,
                                                ScholiaAnnotationTextFunc   func,
                                                gpointer                    user_data,
                                                GError                    **error);
gboolean   scholia_store_read_annotation_tags  (ScholiaStore               *self,
                                                const gint64               *ids,
                                                guint                       n_ids,
                                                ScholiaAnnotationTagFunc    func,
                                                gpointer                    user_data,
                                                GError                    **error);
GArray    *scholia_store_count_theme_passages (ScholiaStore  *self,
                                               gboolean       by_tag,
                                               GError       **error);

/* How many placed passages each author (0: essays without one) has on each theme, as the
 * library keeps them (scholia-store-theme-counts.c), less what hide-until-posted hides; pairs
 * without passages are left out. Each pair is given to @func as it is read: 200,000 of them
 * are not copied into an array first. */
typedef struct
{
  gint64  author_id;
  gint64  theme_id;
  guint   count;
} ScholiaAuthorThemeCount;

typedef void (*ScholiaAuthorThemeCountFunc) (const ScholiaAuthorThemeCount *count,
                                             gpointer                       user_data);

gboolean    scholia_store_foreach_author_theme_count (ScholiaStore                 *self,
                                                      ScholiaAuthorThemeCountFunc   func,
                                                      gpointer                      user_data,
                                                      GError                      **error);
/* The authors' names by id (gint64 → char *; 0 → ""), as the counts above name them. */
GHashTable *scholia_store_get_author_names_by_id     (ScholiaStore  *self,
                                                      GError       **error);

/* The whole library's annotations as the annotation list orders them (by document, then in
 * text order), only those carrying any of @tag_ids, in any of @theme_ids and by any of
 * @participant_ids (0: outside any seminar); an empty criterion lets all through. Essays
 * hidden until posted keep the others' annotations out. Ids only, from the indexes on the
 * links: a list builds the rows it shows (scholia-store-annotation-places.c). The array may be
 * the store's own (the unfiltered list, kept to pick later lists out of): read it only. */
typedef struct
{
  gint64  annotation_id;
  gint64  document_id;
} ScholiaAnnotationPlace;

GArray    *scholia_store_list_annotation_places (ScholiaStore  *self,
                                                 const gint64  *tag_ids,
                                                 guint          n_tag_ids,
                                                 const gint64  *theme_ids,
                                                 guint          n_theme_ids,
                                                 const gint64  *participant_ids,
                                                 guint          n_participant_ids,
                                                 GError       **error);

/* Interoperability and search (scholia-store-interop.c, scholia-store-search.c). */

/* What a W3C Web Annotation brought with it beyond Scholia's own columns (see
 * scholia-store-provenance.c): NULL or "" for what it did not say. */
typedef struct
{
  char *canonical;      /* its IRI in all systems; never changed once set */
  char *via;            /* the id it had where it was copied from */
  char *motivation;     /* "commenting", "bookmarking" … */
  char *creator;        /* its creator's name */
  char *note_purpose;   /* the purpose of the body the note came from, "describing" … */
  char *note_language;  /* that body's language, "fr" */
  char *note_format;    /* that body's format, "text/html" */
  char *note_html;      /* with "text/html", the body's HTML as given (the note holds its text) */
} ScholiaAnnotationProvenance;

void        scholia_annotation_provenance_free  (ScholiaAnnotationProvenance   *provenance);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaAnnotationProvenance, scholia_annotation_provenance_free)

/* The provenance of @document's annotations that have one: uuid → ScholiaAnnotationProvenance. */
GHashTable *scholia_store_load_provenance       (ScholiaStore                  *self,
                                                 ScholiaDocument               *document,
                                                 GError                       **error);
/* Which of @canonicals (char *) an annotation of the library has: each (borrowed) → the uuid
 * (char *) of that annotation. */
GHashTable *scholia_store_find_canonicals       (ScholiaStore                  *self,
                                                 GPtrArray                     *canonicals,
                                                 GError                       **error);

/* An annotation written as given, for annotations made elsewhere (W3C import): its uuid (NULL
 * for a new one), offsets, quote and context as the caller placed them, whether it is an orphan
 * (its offsets then only say where it was), and its dates (0 for now). */
typedef struct
{
  ScholiaDocument *document;
  const char      *uuid;
  int              start;
  int              end;
  const char      *quote;
  const char      *prefix;
  const char      *suffix;
  const char      *note;
  gboolean         orphaned;
  ScholiaUnplacedReason reason;  /* when orphaned; NONE reads as IMPORTED */
  const char      *source;       /* the file's name, or NULL */
  gint64           created;
  gint64           modified;
  const gint64    *tag_ids;
  guint            n_tag_ids;
  const gint64    *theme_ids;
  guint            n_theme_ids;
  const ScholiaAnnotationProvenance *provenance;  /* kept with it, or NULL */
} ScholiaAnnotationRecord;

/* Writes all records in one transaction: all of them or, on failure, none. */
gboolean    scholia_store_add_annotations_full  (ScholiaStore                  *self,
                                                 const ScholiaAnnotationRecord *records,
                                                 guint                          n_records,
                                                 GError                       **error);
/* Which of @uuids (char *) the library holds already: those strings (borrowed), each mapped to
 * the id (gint64 *) of the document its annotation is on. */
GHashTable *scholia_store_find_annotation_uuids (ScholiaStore                  *self,
                                                 GPtrArray                     *uuids,
                                                 GError                       **error);

/* Replacing a document's text with a revised one (its metadata stays): the text, its pages,
 * character count and checksum, and the new places of its annotations are written in one
 * transaction. A NULL quote keeps the annotation's quote and context; an orphan's offsets are
 * clamped into the new text. The document's "checksum" notifies views that the text changed. */
typedef struct
{
  ScholiaAnnotation *annotation;
  int                start;
  int                end;
  gboolean           orphaned;
  ScholiaUnplacedReason reason;  /* when orphaned; NONE reads as TEXT_CHANGED */
  const char        *source;
  const char        *quote;
  const char        *prefix;
  const char        *suffix;
} ScholiaTextAnchor;

gboolean    scholia_store_replace_text          (ScholiaStore                  *self,
                                                 ScholiaDocument               *document,
                                                 const char                    *text,
                                                 GArray                        *pages,
                                                 const ScholiaTextAnchor       *anchors,
                                                 guint                          n_anchors,
                                                 GError                       **error);

/* Full-text search over documents (title and text) and notes, diacritics folded. The query is
 * FTS5 syntax ("a phrase", prefix*, OR, NOT, and the column filters title:, text: and note:);
 * input that is not valid syntax is searched as its words, and a query without a word ("*",
 * "-") finds nothing. Results come best first (bm25, a title match weighing most). */
typedef enum
{
  SCHOLIA_SEARCH_TEXT,
  SCHOLIA_SEARCH_NOTE,
} ScholiaSearchKind;

typedef struct
{
  int start;  /* code points into the snippet */
  int end;
} ScholiaSearchRange;

typedef struct
{
  ScholiaSearchKind  kind;
  gint64             document_id;
  gint64             annotation_id;  /* the note's annotation; 0 for a text match */
  char              *title;
  char              *author;
  char              *snippet;        /* plain text around the match, "…" where cut */
  GArray            *matches;        /* of ScholiaSearchRange in snippet, the words that matched */
  int                offset;         /* code point in the document text of the snippet's first
                                      * match (of the annotated passage for a note); -1 when
                                      * only the title matched */
  double             rank;           /* bm25: lower is better */
} ScholiaSearchResult;

GPtrArray  *scholia_store_search                (ScholiaStore                  *self,
                                                 const char                    *query,
                                                 guint                          limit,
                                                 GError                       **error);
/* How a text result's snippet is cut: around the first match, reading the essay only that far
 * (scholia_store_search(), the results list, which lists every match anyway); or as SQLite's
 * snippet() cuts it, around the most matched words, which reads each essay whole (the CLI,
 * whose output keeps the snippets it always printed). */
typedef enum
{
  SCHOLIA_SEARCH_SNIPPETS_FIRST_MATCH,
  SCHOLIA_SEARCH_SNIPPETS_BEST,
} ScholiaSearchSnippets;

GPtrArray  *scholia_store_search_full           (ScholiaStore                  *self,
                                                 const char                    *query,
                                                 guint                          limit,
                                                 ScholiaSearchSnippets          snippets,
                                                 GError                       **error);
/* Results @offset to @offset + @limit - 1 of the whole search, in the order
 * scholia_store_search_full() gives them: a list shows a page and asks for the next one as it is
 * scrolled. Every match is ranked but only the page's snippets are read. @n_found, when not
 * NULL, is set to how many results the whole search has. */
GPtrArray  *scholia_store_search_page           (ScholiaStore                  *self,
                                                 const char                    *query,
                                                 guint                          offset,
                                                 guint                          limit,
                                                 ScholiaSearchSnippets          snippets,
                                                 guint                         *n_found,
                                                 GError                       **error);
GArray     *scholia_store_search_hits           (ScholiaStore                  *self,
                                                 const char                    *query,
                                                 gint64                         document_id,
                                                 GError                       **error);
void        scholia_search_result_free          (ScholiaSearchResult           *result);
/* Whether @query holds a letter or digit: without one there is nothing to search for. */
gboolean    scholia_search_query_has_words      (const char                    *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaSearchResult, scholia_search_result_free)

G_END_DECLS
