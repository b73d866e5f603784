/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-checkpointer.h"
#include "scholia-db.h"
#include "scholia-document-list.h"
#include "scholia-schema.h"
#include "scholia-store.h"

G_BEGIN_DECLS

/* The page cache, in kibibytes, while the store writes in bulk (the connection has 16 MB):
 * - an import batch: more than a batch's text (about 8 MB) and its index, so that its pages stay
 *   in memory until the commit writes them; with SQLite's 2 MB they were written to the log
 *   half-way and read back from it to be indexed (a tenth of the writer's time);
 * - a schema upgrade, which may rewrite a table and its indexes: schema 18 rewrote a million
 *   uuids' unique index in the order of the rows, not of the keys, and with 16 MB the evicted
 *   pages were read back from the log again and again (the 10,000-essay library upgraded in
 *   12 s of processor time instead of 24; 32 MB gave 17 s). */
#define SCHOLIA_STORE_BULK_CACHE_KIB 65536

/* Shared by the store's files, which call each other one way only:
 *
 *   scholia-store-open.c          opens a library file into a store, then loads it
 *     -restore.c, -interop.c,     restoring deleted essays, importing annotations,
 *     -compare.c, -search.c,      comparisons, search,
 *     -seminar*.c                 seminars: their logs' merge, my outbox, replies
 *       -labels.c                 tags and themes (create, rename, merge, delete …)
 *         -annotations.c          annotations and their links to labels
 *           -documents.c          essays, their text and pages, authors
 *             scholia-store.c     the type: life cycle, signal, live objects, label lists
 *   -provenance.c                 what a W3C annotation brought beyond the columns (written
 *                                 by -interop.c in its transaction); calls none of the others
 *   -links.c                      links between annotations (their rows go and come back
 *                                 with an annotation's in SQL); calls -visibility.c only
 *   -visibility.c                 hide until posted: what the reading files leave out; it
 *                                 calls none of the others
 *   -references.c                 bibliographic references and essays' citation keys (read
 *                                 by -documents.c as it loads essays); calls scholia-store.c
 *   -compact.c                    Compact Library, on a connection of its own; calls
 *                                 scholia-store.c only
 *   -check.c                      the page-by-page check, before opening or on a worker
 *                                 after it; calls none of the others
 *
 * A file calls only files below it (not every file calls every one below), and none includes
 * another's source: keep it so, by moving a helper two files share down to the lower one. */

typedef struct _ScholiaStoreCheck ScholiaStoreCheck;

struct _ScholiaStore
{
  GObject     parent_instance;

  ScholiaDb  *db;
  int         schema_version;

  ScholiaDocumentList *documents; /* read when a view first asks (scholia-store-documents.c) */
  GHashTable *documents_by_id;    /* gint64* → every ScholiaDocument given out, listed or not */
  guint       documents_read_alone; /* before the list is read (scholia-store-documents.c) */
  GListStore *tags;               /* ScholiaTag, by position */
  GListStore *themes;             /* ScholiaTheme, by position */

  /* Annotation objects and per-document annotation lists that someone still holds, so that
   * every change reaches what views show. Both hold weak pointers. */
  GHashTable *live_annotations;   /* gint64* → ScholiaAnnotation */
  GHashTable *live_lists;         /* gint64* document id → GListStore */

  /* The text of the document most recently annotated, so that cutting quotes does not reload
   * a megabyte per highlight. */
  gint64      cached_text_id;
  char       *cached_text;
  GArray     *cached_text_index;  /* byte offset of every STORE_TEXT_STRIDE-th code point */

  /* The essays whose others' annotations are hidden from me (scholia-store-visibility.c), as
   * they were after the connection's changes and the file's version noted. */
  GHashTable *hidden_essays;
  gint64      hidden_changes;
  gint64      hidden_data_version;

  /* The whole library's annotation list unfiltered (ScholiaAnnotationPlace, in its order), as
   * it was when the hidden essays were last read (scholia-store-annotation-places.c): a tag's
   * or a theme's rows are then its links' ids picked out of it, in one pass. */
  GArray     *annotation_order;
  gint64      annotation_order_max_id;
  gint64      annotation_order_changes;
  gint64      annotation_order_data_version;

  /* The languages the essays are in, as scholia-stem-tokenizer.h's bits, for searching
   * (scholia-store-search.c); kept as the hidden essays are. */
  gboolean    search_languages_known;
  guint64     search_languages;
  gint64      search_languages_changes;
  gint64      search_languages_data_version;

  /* Inside a batch, the essays (gint64* document ids) seminar merges changed: what views hold
   * follows them once, when the batch commits, instead of after every log. */
  GHashTable *batch_touched;
  /* Inside an import batch (scholia-store-import-batch.c): the trigger it set aside, and the
   * last essay's id before it began. */
  char       *import_trigger;
  gint64      import_after_id;
  gint64      import_cache_size;  /* the connection's, while an import batch raises it */
  ScholiaCheckpointer *import_checkpointer;  /* from the first import batch committed on */

  /* A library opened before its page-by-page check (scholia-store-check.c): the check until
   * its result is taken, and the damage it found (every change then fails with it). */
  ScholiaStoreCheck *check;
  GError            *damage;
  /* Whether the essays' counts of annotations are left for later: asked as a library opens
   * for the window, kept when it holds many essays (scholia-store-documents.c). */
  gboolean           counts_pending;
};

void          _scholia_store_map_file            (ScholiaStore *self);
char         *_scholia_store_ids_to_json         (const gint64 *ids,
                                                  guint         n_ids);
ScholiaStore *_scholia_store_open_with_migrations (const char              *path,
                                                   const ScholiaMigration  *migrations,
                                                   guint                    n_migrations,
                                                   GError                 **error);

/* scholia-store-check.c. quick_check: SCHOLIA_ERROR_CORRUPT saying what is damaged.
 * defer_check: holds @self's writes until a check of its own says the file is whole (@had_log:
 * whether a write-ahead log was beside the file before the store opened it). */
/* How to read a library without changing anything beside it (scholia-store-check.c).
 * open_own: a connection so, once the file says it is a Scholia library (its version in
 * @version); else SCHOLIA_ERROR_CORRUPT or SCHOLIA_ERROR_NOT_A_LIBRARY naming the file. */
ScholiaDbMode _scholia_store_read_only_mode      (const char   *path);
ScholiaDb    *_scholia_store_open_own             (const char   *path,
                                                   gint64       *version,
                                                   GError      **error);
gboolean      _scholia_store_quick_check          (ScholiaDb               *db,
                                                   const char              *path,
                                                   GError                 **error);
gboolean      _scholia_store_defer_check          (ScholiaStore            *self,
                                                   gboolean                 had_log,
                                                   GError                 **error);
gboolean      _scholia_store_wait_for_check       (ScholiaStore            *self,
                                                   GError                 **error);
void          _scholia_store_forget_check         (ScholiaStore            *self);
gint64        _scholia_store_now                  (void);
void          _scholia_store_emit_annotations_changed (ScholiaStore       *self,
                                                       gint64              document_id);
gint64        _scholia_store_count_characters     (const char              *text);
gboolean      _scholia_store_load_documents       (ScholiaStore            *self,
                                                   GError                 **error);
ScholiaDocument *_scholia_store_load_document    (ScholiaStore            *self,
                                                   gint64                   id,
                                                   GError                 **error);
gboolean      _scholia_store_load_labels          (ScholiaStore            *self,
                                                   GError                 **error);
const char   *_scholia_store_text_pointer         (ScholiaStore            *self,
                                                   int                      offset);
const char   *_scholia_store_get_cached_text      (ScholiaStore            *self,
                                                   ScholiaDocument         *document,
                                                   GError                 **error);
void          _scholia_store_forget_document      (ScholiaStore            *self,
                                                   gint64                   document_id);
void          _scholia_store_relabel              (ScholiaStore            *self,
                                                   GType                    label_type,
                                                   gint64                   from_id,
                                                   gint64                   into_id);
void          _scholia_store_link_label           (ScholiaStore            *self,
                                                   GType                    label_type,
                                                   gint64                   label_id,
                                                   const gint64            *annotation_ids,
                                                   guint                    n_annotation_ids);
void          _scholia_store_forget_label         (ScholiaStore            *self,
                                                   GType                    label_type,
                                                   gint64                   label_id);
gboolean      _scholia_store_reload_annotations   (ScholiaStore            *self,
                                                   gint64                   document_id,
                                                   GError                 **error);
void          _scholia_store_remember_annotation  (ScholiaStore            *self,
                                                   ScholiaAnnotation       *annotation);
void          _scholia_store_remember_list        (ScholiaStore            *self,
                                                   gint64                   document_id,
                                                   GListStore              *list);
gboolean      _scholia_store_is_label_type        (GType                    label_type);
GListStore   *_scholia_store_label_list           (ScholiaStore            *self,
                                                   GType                    label_type);
gboolean      _scholia_store_delete_unused_authors (ScholiaStore           *self,
                                                    GError                **error);
gboolean      _scholia_store_insert_pages         (ScholiaStore            *self,
                                                   gint64                   document_id,
                                                   GArray                  *pages,
                                                   GError                 **error);
gboolean      _scholia_store_ensure_author        (ScholiaStore            *self,
                                                   const char              *name,
                                                   const char              *sort_key,
                                                   gint64                  *author_id,
                                                   char                   **stored_sort_key,
                                                   GError                 **error);

/* Hide until posted (scholia-store-visibility.c). The essays (@document_id, or all for 0) on
 * which others' annotations are hidden from me now: document id → my participant id (gint64*
 * both). Shared: do not change it. */
GHashTable   *_scholia_store_load_hidden_essays   (ScholiaStore            *self,
                                                   gint64                   document_id,
                                                   GError                 **error);
/* Whether an annotation by @participant_id (0: mine, not logged yet) on @document_id is hidden
 * by @hidden, as loaded above. */
gboolean      _scholia_store_is_hidden            (GHashTable              *hidden,
                                                   gint64                   document_id,
                                                   gint64                   participant_id);
/* How many annotations of @document_id I see under @hidden. */
gboolean      _scholia_store_count_visible        (ScholiaStore            *self,
                                                   gint64                   document_id,
                                                   GHashTable              *hidden,
                                                   gint64                  *count,
                                                   GError                 **error);
/* Whether the essay is one of a seminar that hides, where I am not the leader: my annotations
 * there decide what I see, so a change to them reloads the essay's list. FALSE on error. */
gboolean      _scholia_store_may_hide             (ScholiaStore            *self,
                                                   gint64                   document_id);
/* *@hidden: whether the annotation @uuid is hidden from me (FALSE when it is not here). */
gboolean      _scholia_store_is_annotation_hidden (ScholiaStore            *self,
                                                   const char              *uuid,
                                                   gboolean                *hidden,
                                                   GError                 **error);

/* Keeps @provenance for the annotation @uuid, inside the caller's transaction; what is kept
 * already stays (canonical is never changed once set). */
gboolean      _scholia_store_add_provenance      (ScholiaStore                       *self,
                                                  const char                         *uuid,
                                                  const ScholiaAnnotationProvenance  *provenance,
                                                  GError                            **error);

/* Whether the file has essays' citation keys (scholia-store-references.c, which calls none
 * of the others but scholia-store.c); a library opened before schema 8 has none. */
gboolean      _scholia_store_has_references      (ScholiaStore                       *self);

/* scholia-store-import-batch.c: called by scholia-store-open.c's batch functions. */
gboolean _scholia_store_set_aside_index_trigger (ScholiaStore  *self,
                                                 GError       **error);
gboolean _scholia_store_finish_import_batch (ScholiaStore  *self,
                                             GError       **error);
void     _scholia_store_forget_import_batch (ScholiaStore  *self);
/* After an import batch committed: its checkpoint on the store's checkpointer thread; FALSE
 * when the library could not be opened a second time (the caller checkpoints itself). */
gboolean _scholia_store_checkpoint_import_batch (ScholiaStore *self);
/* Before an import batch begins: keeps the log to two batches (scholia-checkpointer.h). */
void     _scholia_store_bound_import_log (ScholiaStore *self);

G_END_DECLS
