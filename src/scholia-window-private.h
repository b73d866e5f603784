/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-document-page.h"
#include "scholia-library.h"
#include "scholia-window.h"

G_BEGIN_DECLS

typedef struct _ScholiaWindowSeminars ScholiaWindowSeminars;

/* The window is a shell: the header bar, the library sidebar, the toast overlay and the
 * ScholiaDocumentPage. Its files depend one way:
 *
 *   scholia-window.c          the type, its set-up, opening a library
 *     └ scholia-window-actions.c   the "library." actions and every key of the window
 *         └ scholia-window-import.c, -compare.c, -export.c, -interop.c, -history.c,
 *           -seminars.c, -compact.c, -upgrade.c
 *             └ scholia-window-links.c   choosing and opening the ends of links
 *             └ scholia-window-state.c   the open essay, the header's state, toasts
 *
 * A file calls only into the files below it; those below learn of changes from the window's
 * "store" and "document" notifications. Template children that a single file needs are not
 * fields: that file looks them up by name (_scholia_window_child). */
struct _ScholiaWindow
{
  AdwApplicationWindow  parent_instance;

  /* The open library (its store, its editor with the undo history, its import batch), and
   * its store for short. */
  ScholiaLibrary       *library;
  ScholiaStore         *store;
  GSettings            *settings;
  GtkNativeDialog      *chooser;

  /* While a library written by an earlier version is upgraded before it opens
   * (scholia-window-upgrade.c), with no library meanwhile; and the essay asked for by name
   * meanwhile (--document), shown once it has opened. */
  GCancellable         *upgrade_cancellable;
  char                 *pending_document;

  /* The document in the reader, or NULL; followed for renames. The page holds its reading. */
  ScholiaDocument      *document;
  GSignalGroup         *document_signals;

  /* The library's batch running now is the window's while this is set; files waiting for
   * it, and what failed since the progress bar last appeared (ImportFailure). */
  GCancellable         *import_cancellable;
  GPtrArray            *import_queue;
  GPtrArray            *import_failures;
  guint                 import_reveal_id;

  /* REFI-QDA projects being read in worker threads (scholia-window-refi.c), and the bar's pulse
   * while they are. */
  GCancellable         *refi_cancellable;
  guint                 refi_running;
  guint                 refi_pulse_id;

  GtkWindow            *side_by_side_window;   /* weak */
  GtkWindow            *export_dialog;         /* weak */
  AdwToast             *history_toast;         /* weak: the last undo or redo, replaced by the next */
  ScholiaWindowSeminars *seminars;             /* scholia-window-seminars.c */

  /* The other end of a link being chosen in the list or the comparison
   * (scholia-window-links.c): the passage it starts from (0: none), its type, the toast. */
  gint64                link_source_id;
  char                 *link_type;
  AdwToast             *link_toast;            /* weak */

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  ScholiaDocumentPage  *page;
};

#define _scholia_window_child(self, name) \
  ((gpointer) gtk_widget_get_template_child (GTK_WIDGET (self), SCHOLIA_TYPE_WINDOW, (name)))

/* scholia-window-state.c */
void     _scholia_window_dispose_history     (ScholiaWindow   *self);
void     _scholia_window_add_message_toast   (ScholiaWindow   *self,
                                              const char      *message);
void     _scholia_window_update_state        (ScholiaWindow   *self);
void     _scholia_window_show_content        (ScholiaWindow   *self);
void     _scholia_window_show_first_document (ScholiaWindow   *self);
void     _scholia_window_show_exported_toast (ScholiaWindow   *self,
                                              GFile           *file);
GSignalGroup *_scholia_window_new_document_signals (ScholiaWindow *self);
void     _scholia_window_set_doc_action_enabled (ScholiaWindow *self,
                                              const char      *name,
                                              gboolean         enabled);

/* scholia-window-import.c */
void     _scholia_window_init_import         (ScholiaWindow   *self);
void     _scholia_window_dispose_import      (ScholiaWindow   *self);
void     _scholia_window_import_action       (GtkWidget       *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);
void     _scholia_window_import_samples_action (GtkWidget     *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);
void     _scholia_window_show_import_errors_action (GtkWidget *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);
void     _scholia_window_on_import_cancel_button_clicked_cb (ScholiaWindow *self,
                                              GtkButton       *button);

/* scholia-window-refi.c */
gboolean _scholia_window_is_refi_file        (GFile           *file);
void     _scholia_window_import_refi         (ScholiaWindow   *self,
                                              GFile           *file);
gboolean _scholia_window_export_refi         (ScholiaWindow   *self,
                                              GFile           *file,
                                              const char      *format,
                                              GPtrArray       *documents,
                                              GError         **error);

/* scholia-window-upgrade.c */
/* The library at @path is at the current schema (@path), or could not be upgraded (@error,
 * the message opening would give). */
typedef void (*ScholiaWindowUpgraded) (ScholiaWindow *self,
                                       const char    *path,
                                       const GError  *error);
void     _scholia_window_upgrade_library     (ScholiaWindow   *self,
                                              const char      *path,
                                              ScholiaWindowUpgraded done);
void     _scholia_window_cancel_upgrade      (ScholiaWindow   *self);

/* scholia-window-compact.c */
void     _scholia_window_compact_action      (GtkWidget       *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);

/* scholia-window-references.c */
gboolean _scholia_window_is_reference_file   (GFile           *file);
void     _scholia_window_import_references   (ScholiaWindow   *self,
                                              GFile           *file);

/* scholia-window-history.c */
/* scholia-window-check.c */
void     _scholia_window_check_after_first_frame (ScholiaWindow *self);

void     _scholia_window_init_history        (ScholiaWindow   *self);
void     _scholia_window_undo_action         (GtkWidget       *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);
void     _scholia_window_redo_action         (GtkWidget       *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);

/* scholia-window-compare.c */
void     _scholia_window_init_compare        (ScholiaWindow   *self);
void     _scholia_window_dispose_compare     (ScholiaWindow   *self);
void     _scholia_window_show_compare_action (GtkWidget       *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);
void     _scholia_window_show_matrix_action  (GtkWidget       *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);
void     _scholia_window_show_annotations_action (GtkWidget   *widget,
                                                  const char  *action_name,
                                                  GVariant    *parameter);
void     _scholia_window_side_by_side_action (GtkWidget       *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);

/* scholia-window-export.c */
void     _scholia_window_dispose_export      (ScholiaWindow   *self);
void     _scholia_window_export_pdf_action   (GSimpleAction   *action,
                                              GVariant        *parameter,
                                              gpointer         user_data);
void     _scholia_window_export_handout_action (GtkWidget     *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);

/* scholia-window-interop.c */
void     _scholia_window_init_interop        (ScholiaWindow   *self);
void     _scholia_window_replace_text_action (GSimpleAction   *action,
                                              GVariant        *parameter,
                                              gpointer         user_data);
void     _scholia_window_import_annotations_action (GtkWidget *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);
void     _scholia_window_export_annotations_action (GtkWidget *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);

/* scholia-window-focus.c */
void     _scholia_window_focus_region_action (GtkWidget       *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);

/* scholia-window-seminars.c */
void     _scholia_window_class_init_seminars (GtkWidgetClass  *widget_class);
void     _scholia_window_init_seminars       (ScholiaWindow   *self);
void     _scholia_window_dispose_seminars    (ScholiaWindow   *self);
/* The automatic sync's timeout, NULL when "seminar-sync-interval" is 0: its ready time says
 * when the next sync starts, and a test sets it to now to fire it without waiting minutes. */
GSource *_scholia_window_get_seminar_timer   (ScholiaWindow   *self);

/* scholia-window-links.c */
void     _scholia_window_init_links          (ScholiaWindow   *self);
void     _scholia_window_dispose_links       (ScholiaWindow   *self);
void     _scholia_window_show_annotation     (ScholiaWindow   *self,
                                              ScholiaAnnotation *annotation);
gboolean _scholia_window_complete_link       (ScholiaWindow   *self,
                                              gint64           annotation_id);
gboolean _scholia_window_is_choosing_link    (ScholiaWindow   *self);

/* scholia-window-actions.c */
void     _scholia_window_class_init_actions  (GtkWidgetClass  *widget_class);
void     _scholia_window_init_actions        (ScholiaWindow   *self);
void     _scholia_window_dispose_actions     (ScholiaWindow   *self);

G_END_DECLS
