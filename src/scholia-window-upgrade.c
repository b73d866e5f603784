/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A library written by an earlier Scholia is upgraded on a worker thread before it opens
 * (issue 17: 12–27 s for 10,000 essays), while the window shows why it waits: a status page
 * naming the file, with a spinner. The upgrade is one transaction on a connection of its own;
 * closing the window cancels it (SQLite stops the running statement and rolls back, leaving
 * the file as it was), and the application stays until the worker has let the file go. The
 * task does not hold the window, which goes as any other when closed. scholia-window.c opens
 * the upgraded library as it opens any other. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-store-upgrade.h"
#include "scholia-window-private.h"

typedef struct
{
  char                   *path;
  GWeakRef                window;
  GApplication           *application;  /* held while the worker runs, or NULL */
  ScholiaWindowUpgraded   done;
} Upgrade;

static void
upgrade_free (gpointer data)
{
  Upgrade *upgrade = data;

  g_free (upgrade->path);
  g_weak_ref_clear (&upgrade->window);
  g_clear_object (&upgrade->application);
  g_free (upgrade);
}

static void
upgrade_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Upgrade *upgrade = task_data;
  GError *error = NULL;

  if (scholia_store_upgrade (upgrade->path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The main thread, once the worker has let the file go. */
static void
on_upgraded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Upgrade *upgrade = g_task_get_task_data (G_TASK (result));
  g_autoptr(ScholiaWindow) self = g_weak_ref_get (&upgrade->window);
  g_autoptr(GError) error = NULL;
  gboolean upgraded = g_task_propagate_boolean (G_TASK (result), &error);

  /* Closed, or gone on to another library (whose upgrade may have begun since): the window
   * has cancelled this one and waits for nothing. */
  if (self != NULL && self->upgrade_cancellable == g_task_get_cancellable (G_TASK (result)))
    {
      g_clear_object (&self->upgrade_cancellable);
      upgrade->done (self, upgraded ? upgrade->path : NULL, error);
    }

  if (upgrade->application != NULL)
    g_application_release (upgrade->application);
}

/* Starts upgrading the library at @path, which scholia_store_needs_upgrade() said needs it,
 * and shows the window waiting for it, with no library; @done is called on the main thread
 * once the upgrade is done or failed, unless the window has closed or opened another library
 * since (_scholia_window_cancel_upgrade()). */
void
_scholia_window_upgrade_library (ScholiaWindow         *self,
                                 const char            *path,
                                 ScholiaWindowUpgraded  done)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *description = NULL;
  g_autofree char *markup = NULL;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  Upgrade *upgrade = g_new0 (Upgrade, 1);

  g_assert (self->upgrade_cancellable == NULL);

  self->upgrade_cancellable = g_cancellable_new ();
  description = g_strdup_printf (_("“%s” was written by an earlier version of Scholia and is "
                                   "being brought up to date. This happens once and can take a "
                                   "minute."), display);
  /* The status page reads its description as markup; a path may hold "&" or "<". */
  markup = g_markup_escape_text (description, -1);
  adw_status_page_set_description (_scholia_window_child (self, "upgrade_page"), markup);
  _scholia_window_update_state (self);

  upgrade->path = g_strdup (path);
  g_weak_ref_init (&upgrade->window, self);
  upgrade->done = done;
  /* Until the worker has let the file go, even once the window has closed. */
  if (application != NULL)
    {
      upgrade->application = G_APPLICATION (g_object_ref (application));
      g_application_hold (upgrade->application);
    }

  task = g_task_new (NULL, self->upgrade_cancellable, on_upgraded_cb, NULL);
  g_task_set_source_tag (task, _scholia_window_upgrade_library);
  /* Its result, not the cancellation, says whether the file was upgraded. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, upgrade, upgrade_free);
  g_task_run_in_thread (task, upgrade_thread);
}

/* Stops the upgrade running for this window, if any: closing, or opening another library. */
void
_scholia_window_cancel_upgrade (ScholiaWindow *self)
{
  g_cancellable_cancel (self->upgrade_cancellable);
  g_clear_object (&self->upgrade_cancellable);
}
