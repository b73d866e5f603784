/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-revision.h"
#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_EDITOR (scholia_editor_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaEditor, scholia_editor, SCHOLIA, EDITOR, GObject)

/* The one way the interface changes annotations, tags and themes: every call commits through
 * the store before it returns and, when it changed something, becomes one step of an undo
 * history. A call that fails changes nothing and leaves the history as it was. Undo and redo
 * keep ids and uuids stable, so a highlight that comes back is the same highlight. */
ScholiaEditor     *scholia_editor_new              (ScholiaStore       *store);
ScholiaStore      *scholia_editor_get_store        (ScholiaEditor      *self);

ScholiaAnnotation *scholia_editor_annotate         (ScholiaEditor      *self,
                                                    ScholiaDocument    *document,
                                                    int                 start,
                                                    int                 end,
                                                    const gint64       *tag_ids,
                                                    guint               n_tag_ids,
                                                    const char         *note,
                                                    GError            **error);
gboolean           scholia_editor_delete_annotation (ScholiaEditor     *self,
                                                     ScholiaAnnotation *annotation,
                                                     GError           **error);

/* Tags and themes alike: adding a label an annotation already carries, or removing one it does
 * not, succeeds and adds no undo step. */
gboolean           scholia_editor_add_label        (ScholiaEditor      *self,
                                                    ScholiaAnnotation  *annotation,
                                                    ScholiaLabel       *label,
                                                    GError            **error);
gboolean           scholia_editor_remove_label     (ScholiaEditor      *self,
                                                    ScholiaAnnotation  *annotation,
                                                    ScholiaLabel       *label,
                                                    GError            **error);
gboolean           scholia_editor_toggle_label     (ScholiaEditor      *self,
                                                    ScholiaAnnotation  *annotation,
                                                    ScholiaLabel       *label,
                                                    GError            **error);

/* Consecutive edits of one annotation's note are one undo step, as typing is; the step ends
 * at any other operation or at close_group (call it when the inspector shows another
 * annotation or loses focus). */
gboolean           scholia_editor_set_note         (ScholiaEditor      *self,
                                                    ScholiaAnnotation  *annotation,
                                                    const char         *note,
                                                    GError            **error);
void               scholia_editor_close_group      (ScholiaEditor      *self);

/* Undo of either puts the deleted label back in its place in its list (the palette, the list
 * of themes), on the annotations that carried it, in the order they carried their labels of
 * its type. Merging takes two labels of one type. */
gboolean           scholia_editor_delete_label     (ScholiaEditor      *self,
                                                    ScholiaLabel       *label,
                                                    GError            **error);
gboolean           scholia_editor_merge_labels     (ScholiaEditor      *self,
                                                    ScholiaLabel       *from,
                                                    ScholiaLabel       *into,
                                                    GError            **error);

/* Replacing a document's text with a revised edition, already applied, as one step. */
gboolean           scholia_editor_record_revision  (ScholiaEditor      *self,
                                                    ScholiaRevision    *revision,
                                                    GError            **error);

/* A step that can no longer be undone or redone (its document was deleted meanwhile) fails
 * with an error and is dropped; the steps around it stay available. */
gboolean           scholia_editor_undo             (ScholiaEditor      *self,
                                                    GError            **error);
gboolean           scholia_editor_redo             (ScholiaEditor      *self,
                                                    GError            **error);
gboolean           scholia_editor_get_can_undo     (ScholiaEditor      *self);
gboolean           scholia_editor_get_can_redo     (ScholiaEditor      *self);
const char        *scholia_editor_get_undo_label   (ScholiaEditor      *self);
const char        *scholia_editor_get_redo_label   (ScholiaEditor      *self);
void               scholia_editor_clear_history    (ScholiaEditor      *self);

G_END_DECLS
