/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-history.h"
#include "scholia-link.h"
#include "scholia-revision.h"
#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_EDITOR (scholia_editor_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaEditor, scholia_editor, SCHOLIA, EDITOR, GObject)

/* The one way the interface changes the library: every call makes a ScholiaCommand (see
 * scholia-command-*.h), which commits through the store before the call returns and, when it
 * changed something, becomes one step of the library's ScholiaHistory. A call that fails
 * changes nothing and leaves the history as it was. Undo and redo keep ids and uuids stable,
 * so a highlight that comes back is the same highlight. The can-undo, can-redo, undo-label and
 * redo-label properties are the history's. */
ScholiaEditor     *scholia_editor_new              (ScholiaStore       *store);
ScholiaStore      *scholia_editor_get_store        (ScholiaEditor      *self);
ScholiaHistory    *scholia_editor_get_history      (ScholiaEditor      *self);

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
/* Bulk actions on many annotations (of one essay or several), each one step: deleting them, or
 * adding (removing) one tag or theme to (from) each. Annotations that already carry the label
 * (or do not) are left as they are; when none changes, there is no step. If one change fails,
 * none is made. */
gboolean           scholia_editor_delete_annotations (ScholiaEditor    *self,
                                                      GPtrArray        *annotations,
                                                      GError          **error);
gboolean           scholia_editor_add_label_to_all   (ScholiaEditor    *self,
                                                      GPtrArray        *annotations,
                                                      ScholiaLabel     *label,
                                                      GError          **error);
gboolean           scholia_editor_remove_label_from_all (ScholiaEditor *self,
                                                         GPtrArray     *annotations,
                                                         ScholiaLabel  *label,
                                                         GError       **error);

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

/* Tags and themes alike: @label_type is SCHOLIA_TYPE_TAG or SCHOLIA_TYPE_THEME. create returns
 * the new label (transfer none, owned by the store). update takes NULL for a field to keep; giving every field its current value, or
 * moving a label to where it is, succeeds and adds no step. Undo of a create deletes the label;
 * its redo puts the same label back. Undo of a delete or a merge puts the deleted label back
 * in its place in the palette (the list of themes), on the annotations that carried it, in the
 * order they carried their labels of its type; merging takes two labels of one type. */
ScholiaLabel      *scholia_editor_create_label     (ScholiaEditor      *self,
                                                    GType               label_type,
                                                    const char         *name,
                                                    const char         *colour,
                                                    const char         *description,
                                                    GError            **error);
gboolean           scholia_editor_update_label     (ScholiaEditor      *self,
                                                    ScholiaLabel       *label,
                                                    const char         *name,
                                                    const char         *colour,
                                                    const char         *description,
                                                    GError            **error);
gboolean           scholia_editor_move_label       (ScholiaEditor      *self,
                                                    ScholiaLabel       *label,
                                                    guint               index,
                                                    GError            **error);
gboolean           scholia_editor_delete_label     (ScholiaEditor      *self,
                                                    ScholiaLabel       *label,
                                                    GError            **error);
gboolean           scholia_editor_merge_labels     (ScholiaEditor      *self,
                                                    ScholiaLabel       *from,
                                                    ScholiaLabel       *into,
                                                    GError            **error);

/* A document's title, author, date, source, language (an ISO 639-1 code) and its author's sort
 * key ("Beethoven, Ludwig van"; "" for the guess) as one step (NULL keeps a field), and deleting it with
 * everything annotated in it; undo puts it all back with its ids. */
gboolean           scholia_editor_update_document  (ScholiaEditor      *self,
                                                    ScholiaDocument    *document,
                                                    const char         *title,
                                                    const char         *author,
                                                    const char         *date,
                                                    const char         *source,
                                                    const char         *author_sort_key,
                                                    const char         *language,
                                                    GError            **error);
/* The same with the essay's citation key ("" or NULL: none), all one step: linking an essay to
 * its reference and filling its fields from it is undone at once. */
gboolean           scholia_editor_update_document_with_key (ScholiaEditor  *self,
                                                            ScholiaDocument *document,
                                                            const char     *title,
                                                            const char     *author,
                                                            const char     *date,
                                                            const char     *source,
                                                            const char     *author_sort_key,
                                                            const char     *language,
                                                            const char     *citation_key,
                                                            GError        **error);
gboolean           scholia_editor_delete_document  (ScholiaEditor      *self,
                                                    ScholiaDocument    *document,
                                                    GError            **error);

/* Places an annotation (an unplaced one, usually) on the passage @start–@end of its document. */
gboolean           scholia_editor_attach_annotation (ScholiaEditor     *self,
                                                     ScholiaAnnotation *annotation,
                                                     int                start,
                                                     int                end,
                                                     GError           **error);

/* Replacing a document's text with a revised edition, already applied, as one step. */
gboolean           scholia_editor_record_revision  (ScholiaEditor      *self,
                                                    ScholiaRevision    *revision,
                                                    GError            **error);

/* Links the passage @source_id to @target_id (annotation ids) with @type, and removes a link,
 * one step each (scholia-command-link.h). link returns the new link (a reference the caller
 * owns). */
ScholiaLink       *scholia_editor_link_passages    (ScholiaEditor      *self,
                                                    gint64              source_id,
                                                    gint64              target_id,
                                                    const char         *type,
                                                    GError            **error);
gboolean           scholia_editor_remove_link      (ScholiaEditor      *self,
                                                    ScholiaLink        *link,
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
