/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "scholia-document.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_DOCUMENT_LIST (scholia_document_list_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaDocumentList, scholia_document_list, SCHOLIA, DOCUMENT_LIST, GObject)

/* Reads every essay of the library, by id (transfer full; NULL with @error set). */
typedef GPtrArray *(*ScholiaDocumentListLoader) (gpointer   user_data,
                                                  GError   **error);

/* The library's essays as a GListModel, in the order of their ids, for the store's views.
 *
 * Its number of items is known from the start (a count the store reads from the essays'
 * index), but the essays themselves are read only when an item is first asked for: a window
 * opening one essay of a large library paints it before the list is read (about 55 ms for
 * 10,000 essays). Only the store changes it, after each change is committed. */
ScholiaDocumentList *_scholia_document_list_new       (ScholiaDocumentListLoader  loader,
                                                       gpointer                   user_data);
/* Forgets the essays read and expects @n_items of them, read again when asked for. */
void                 _scholia_document_list_reset     (ScholiaDocumentList       *self,
                                                       guint                      n_items);
gboolean             _scholia_document_list_is_loaded (ScholiaDocumentList       *self);
gboolean             _scholia_document_list_load      (ScholiaDocumentList       *self,
                                                       GError                   **error);
/* Both read the list first if it was not: a change is placed among the essays as they are. */
gboolean             _scholia_document_list_insert    (ScholiaDocumentList       *self,
                                                       ScholiaDocument           *document,
                                                       GError                   **error);
gboolean             _scholia_document_list_remove    (ScholiaDocumentList       *self,
                                                       gint64                     id,
                                                       GError                   **error);

G_END_DECLS
