/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-command.h"

G_BEGIN_DECLS

/* What the command types share. A label type (SCHOLIA_TYPE_TAG or SCHOLIA_TYPE_THEME) picks
 * the kind of label: one command type serves both. */

/* Whether the label is still the library's own (not deleted, nor from another one). */
gboolean  _scholia_label_check              (ScholiaStore       *store,
                                             ScholiaLabel       *label,
                                             GError            **error);

/* The store accepts note and label changes to annotations whose document is gone (nothing is
 * updated); a step that would silently do nothing must fail instead. */
gboolean  _scholia_command_check_annotation (ScholiaStore       *store,
                                             ScholiaAnnotation  *annotation,
                                             GError            **error);
/* The annotation's tags (or themes), in order. */
GArray   *_scholia_command_copy_label_ids   (ScholiaAnnotation  *annotation,
                                             GType               type);
/* @ids without the labels deleted since they were noted: those are left out rather than
 * failing a step. */
GArray   *_scholia_command_existing_labels  (ScholiaStore       *store,
                                             GArray             *ids,
                                             GType               type);
/* Gives the annotation these tags (or themes), writing only when they differ from its own. */
gboolean  _scholia_command_write_labels     (ScholiaStore       *store,
                                             ScholiaAnnotation  *annotation,
                                             GType               type,
                                             GArray             *ids,
                                             GError            **error);
void      _scholia_command_place_annotation (ScholiaAnnotation  *annotation,
                                             ScholiaCommandPlace *place);
void      _scholia_command_place_label      (GType               type,
                                             gint64              id,
                                             ScholiaCommandPlace *place);
/* Fails with NOT_FOUND naming @title unless the document @id is still in the library. */
ScholiaDocument *_scholia_command_find_document (ScholiaStore   *store,
                                                 gint64          id,
                                                 const char     *title,
                                                 GError        **error);
/* For a change of a text field (NULL @wanted keeps it): notes its old and new value and
 * returns TRUE when it differs. A field that is unset is written back as empty, which the
 * store keeps as none. */
gboolean  _scholia_command_note_field       (const char         *current,
                                             const char         *wanted,
                                             char              **before,
                                             char              **after);

G_END_DECLS
