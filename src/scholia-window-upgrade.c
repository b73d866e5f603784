/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A library written by an earlier Scholia is upgraded on a worker thread before it opens
 * (issue 17: 12–27 s for 10,000 essays), while the window shows why it waits: a status page
 * naming the file, with a spinner. The upgrade is one transaction on a connection of its own;
 * closing the window cancels it (SQLite stops the running statement and rolls back, leaving
 * the file as it was), and the application stays until the worker has let the file go.
 * scholia-window.c opens the upgraded library as it opens any other. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-store-upgrade.h"
#include "scholia-window-private.h"

typedef struct
{
  char         *path;
  GApplication *application;  /* held while the worker runs, or NULL */
} Upgrade;

static void
upgrade_free (gpointer data)
{
  Upgrade *upgrade = data;

  g_free (upgrade->path);
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

/* Starts upgrading the library at @path, which scholia_store_needs_upgrade() said needs it,
 * and shows the window waiting for it, with no library; @callback is called on the main
 * thread once the upgrade is done, failed or cancelled. */
void
_scholia_window_upgrade_library_async (ScholiaWindow       *self,
                                       const char          *path,
                                       GAsyncReadyCallback  callback)
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

  /* Until the worker has let the file go, even once the window has closed. */
  upgrade->path = g_strdup (path);
  if (application != NULL)
    {
      upgrade->application = G_APPLICATION (g_object_ref (application));
      g_application_hold (upgrade->application);
    }

  task = g_task_new (self, self->upgrade_cancellable, callback, NULL);
  g_task_set_source_tag (task, _scholia_window_upgrade_library_async);
  g_task_set_task_data (task, upgrade, upgrade_free);
  g_task_run_in_thread (task, upgrade_thread);
}

/* The path of the library, now at the current schema, for the caller to open; or NULL and why
 * it could not be upgraded, which the caller shows (the message opening would give), unless
 * it is G_IO_ERROR_CANCELLED: the window closed or went on to another library. */
char *
_scholia_window_upgrade_library_finish (ScholiaWindow  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  Upgrade *upgrade = g_task_get_task_data (G_TASK (result));

  g_assert (g_task_is_valid (result, self));

  if (upgrade->application != NULL)
    g_application_release (upgrade->application);
  g_clear_object (&upgrade->application);

  /* Not when another library's upgrade has begun since. */
  if (self->upgrade_cancellable == g_task_get_cancellable (G_TASK (result)))
    g_clear_object (&self->upgrade_cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_strdup (upgrade->path);
}

/* Stops the upgrade running for this window, if any: closing, or opening another library. */
void
_scholia_window_cancel_upgrade (ScholiaWindow *self)
{
  g_cancellable_cancel (self->upgrade_cancellable);
  g_clear_object (&self->upgrade_cancellable);
}
