/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's seminars: "New Seminar…", "Join Seminar…", "Sync Seminars" and the automatic
 * sync every few minutes (the "seminar-sync-interval" setting), with the status button in the
 * library's header: a spinner while syncing, then when the last sync ended or what went wrong,
 * and the problems the last sync skipped. One sync at a time, each seminar after the other, in
 * the background (ScholiaSeminarSync); a sync that fails because the server cannot be reached
 * is said in the status only, since working offline is normal; other failures are toasts. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-library-sidebar.h"
#include "scholia-seminar-dialog.h"
#include "scholia-seminar-sync.h"
#include "scholia-time-format.h"
#include "scholia-transport.h"
#include "scholia-window-private.h"

#define DEFAULT_INTERVAL_MINUTES 5
/* "Synced 2 minutes ago" must not say the same for ten minutes. */
#define STATUS_REFRESH_SECONDS 30

struct _ScholiaWindowSeminars
{
  /* Set while a sync runs: the seminars still to do and the one being done. */
  GCancellable       *cancellable;
  GPtrArray          *queue;
  ScholiaSeminar     *seminar;
  ScholiaSeminarSync *sync;
  gboolean            manual;
  /* The last sync could not reach a seminar's folder: a state, not an alarm. */
  gboolean            offline;
  /* What the last sync of all seminars skipped (translated sentences). */
  GPtrArray          *problems;
  guint               interval_source;
  guint               refresh_source;
};

static void update_status (ScholiaWindow *self);
static void run_next (ScholiaWindow *self);

static char *
describe_age (gint64 when)
{
  gint64 seconds = MAX (g_get_real_time () / G_USEC_PER_SEC - when, 0);
  gint64 minutes = seconds / 60;
  gint64 hours = minutes / 60;
  g_autofree char *date = NULL;

  if (minutes < 1)
    return g_strdup (_("Synced just now"));
  if (hours < 1)
    return g_strdup_printf (ngettext ("Synced %d minute ago", "Synced %d minutes ago", (gulong) minutes),
                            (int) minutes);
  if (hours < 24)
    return g_strdup_printf (ngettext ("Synced %d hour ago", "Synced %d hours ago", (gulong) hours),
                            (int) hours);

  date = scholia_time_format (when, SCHOLIA_TIME_DATE);
  /* Translators: the seminars' status line; %s is a date as the locale writes it */
  return g_strdup_printf (_("Synced on %s"), date);
}

/* The status line: the first seminar whose last sync failed, else the oldest sync and how many
 * of my changes the seminars' folders do not have yet. */
static char *
describe_status (ScholiaWindow *self,
                 GPtrArray     *seminars)
{
  g_autofree char *age = NULL;
  gint64 oldest = G_MAXINT64;
  guint pending = 0;

  for (guint i = 0; i < seminars->len; i++)
    {
      ScholiaSeminar *seminar = g_ptr_array_index (seminars, i);
      g_autoptr(GError) error = NULL;
      guint count = 0;

      if (seminar->last_error != NULL && *seminar->last_error != '\0')
        /* Translators: a seminar’s name and why its sync failed */
        return g_strdup_printf (_("“%s”: %s"), seminar->name, seminar->last_error);
      oldest = MIN (oldest, seminar->last_sync);

      if (!scholia_seminar_count_pending (self->store, seminar, &count, &error))
        g_warning ("Could not count the changes waiting for “%s”: %s", seminar->name,
                   error->message);
      pending += count;
    }

  if (oldest == 0 || oldest == G_MAXINT64)
    age = g_strdup (_("Not synced yet"));
  else
    age = describe_age (oldest);

  if (pending == 0)
    return g_steal_pointer (&age);
  /* Translators: the first %s is "Synced 2 minutes ago" or "Not synced yet". */
  return g_strdup_printf (ngettext ("%s. %u change is waiting to upload.",
                                    "%s. %u changes are waiting to upload.", pending),
                          age, pending);
}

static void
update_status (ScholiaWindow *self)
{
  ScholiaWindowSeminars *seminars = self->seminars;
  GtkWidget *button = _scholia_window_child (self, "seminar_button");
  GtkLabel *label = _scholia_window_child (self, "seminar_status_label");
  GtkLabel *problems_label = _scholia_window_child (self, "seminar_problems_label");
  GtkWidget *progress = _scholia_window_child (self, "seminar_progress");
  GtkSpinner *spinner = _scholia_window_child (self, "seminar_spinner");
  GtkWidget *icon = _scholia_window_child (self, "seminar_icon");
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *status = NULL;
  gboolean syncing = seminars->cancellable != NULL;
  gboolean failed = FALSE;

  if (self->store != NULL)
    list = scholia_store_list_seminars (self->store, NULL);

  gtk_widget_set_visible (button, list != NULL && list->len > 0);
  gtk_widget_set_visible (progress, syncing);
  gtk_spinner_set_spinning (spinner, syncing);
  gtk_widget_set_visible (GTK_WIDGET (spinner), syncing);
  gtk_widget_set_visible (icon, !syncing);

  if (list == NULL || list->len == 0)
    return;

  if (syncing && seminars->sync != NULL)
    status = g_strdup (scholia_seminar_sync_get_status (seminars->sync));
  else
    status = describe_status (self, list);

  for (guint i = 0; i < list->len; i++)
    {
      ScholiaSeminar *seminar = g_ptr_array_index (list, i);

      failed = failed || (seminar->last_error != NULL && *seminar->last_error != '\0');
    }

  gtk_label_set_label (label, status != NULL ? status : "");
  gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                seminars->offline ? "network-offline-symbolic"
                                : failed ? "dialog-warning-symbolic"
                                : "emblem-synchronizing-symbolic");
  gtk_widget_set_tooltip_text (button, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, status != NULL ? status : "",
                                  -1);

  if (seminars->problems != NULL && seminars->problems->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < seminars->problems->len; i++)
        {
          if (i > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, g_ptr_array_index (seminars->problems, i));
        }
      gtk_label_set_label (problems_label, text->str);
      gtk_widget_set_visible (GTK_WIDGET (problems_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (problems_label), FALSE);
    }
}

static void
on_sync_progress_cb (ScholiaWindow      *self,
                     GParamSpec         *pspec,
                     ScholiaSeminarSync *sync)
{
  gtk_progress_bar_set_fraction (_scholia_window_child (self, "seminar_progress"),
                                 scholia_seminar_sync_get_fraction (sync));
  gtk_label_set_label (_scholia_window_child (self, "seminar_status_label"),
                       scholia_seminar_sync_get_status (sync));
}

static void
finish_sync (ScholiaWindow *self)
{
  ScholiaWindowSeminars *seminars = self->seminars;

  g_clear_object (&seminars->cancellable);
  g_clear_pointer (&seminars->queue, g_ptr_array_unref);
  g_clear_object (&seminars->sync);
  g_clear_pointer (&seminars->seminar, scholia_seminar_free);
  update_status (self);
}

static void
on_synced_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ScholiaWindow) self = user_data;
  ScholiaSeminarSync *sync = SCHOLIA_SEMINAR_SYNC (source);
  ScholiaWindowSeminars *seminars = self->seminars;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  g_signal_handlers_disconnect_by_func (sync, on_sync_progress_cb, self);
  scholia_seminar_sync_run_finish (sync, result, &error);

  /* The window let go of the library, or is closing: nothing is left to show. */
  if (seminars == NULL || sync != seminars->sync)
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finish_sync (self);
      return;
    }

  problems = scholia_seminar_sync_get_problems (sync);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_ptr_array_add (seminars->problems, g_strdup (g_ptr_array_index (problems, i)));

  /* Offline is how a laptop on a train works: the status says so, no toast insists on it
   * unless the user asked for this sync; nor does the sync every few minutes repeat a failure
   * the user was told of already (seminars->seminar is as the sync found it). */
  if (error != NULL)
    {
      gboolean offline = g_error_matches (error, SCHOLIA_TRANSPORT_ERROR,
                                          SCHOLIA_TRANSPORT_ERROR_OFFLINE);
      gboolean news = g_strcmp0 (seminars->seminar->last_error, error->message) != 0;

      seminars->offline = seminars->offline || offline;
      if (seminars->manual || (!offline && news))
        _scholia_window_add_message_toast (self, error->message);
    }

  if (scholia_seminar_sync_get_n_essays (sync) > 0)
    scholia_library_sidebar_reload_seminars (SCHOLIA_LIBRARY_SIDEBAR (self->sidebar));

  g_clear_object (&seminars->sync);
  run_next (self);
}

static void
run_next (ScholiaWindow *self)
{
  ScholiaWindowSeminars *seminars = self->seminars;

  if (seminars->queue->len == 0)
    {
      finish_sync (self);
      return;
    }

  /* Kept until its sync is over: the sync may hold on to it. */
  g_clear_pointer (&seminars->seminar, scholia_seminar_free);
  seminars->seminar = g_ptr_array_steal_index (seminars->queue, 0);
  seminars->sync = scholia_seminar_sync_new (self->store, seminars->seminar);

  g_signal_connect_object (seminars->sync, "notify::fraction",
                           G_CALLBACK (on_sync_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (seminars->sync, "notify::status",
                           G_CALLBACK (on_sync_progress_cb), self, G_CONNECT_SWAPPED);
  scholia_seminar_sync_run_async (seminars->sync, seminars->cancellable, on_synced_cb,
                                  g_object_ref (self));
  update_status (self);
}

/* Every seminar of the library, one after the other; nothing when a sync is running already. */
static void
sync_seminars (ScholiaWindow *self,
               gboolean       manual)
{
  ScholiaWindowSeminars *seminars = self->seminars;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || seminars->cancellable != NULL)
    return;

  seminars->queue = scholia_store_list_seminars (self->store, &error);
  if (seminars->queue == NULL)
    {
      _scholia_window_add_message_toast (self, error->message);
      return;
    }
  if (seminars->queue->len == 0)
    {
      g_clear_pointer (&seminars->queue, g_ptr_array_unref);
      if (manual)
        _scholia_window_add_message_toast (self, _("This library takes part in no seminar yet: create or join one first"));
      return;
    }

  seminars->manual = manual;
  seminars->offline = FALSE;
  seminars->cancellable = g_cancellable_new ();
  g_ptr_array_set_size (seminars->problems, 0);
  gtk_progress_bar_set_fraction (_scholia_window_child (self, "seminar_progress"), 0.0);
  run_next (self);
}

static void
sync_seminars_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  sync_seminars (SCHOLIA_WINDOW (widget), TRUE);
}

static gboolean
on_interval_cb (gpointer user_data)
{
  sync_seminars (SCHOLIA_WINDOW (user_data), FALSE);
  return G_SOURCE_CONTINUE;
}

static void
restart_interval (ScholiaWindow *self)
{
  ScholiaWindowSeminars *seminars = self->seminars;
  guint minutes = DEFAULT_INTERVAL_MINUTES;

  if (self->settings != NULL)
    minutes = g_settings_get_uint (self->settings, "seminar-sync-interval");

  g_clear_handle_id (&seminars->interval_source, g_source_remove);
  if (minutes > 0)
    seminars->interval_source = g_timeout_add_seconds (minutes * 60, on_interval_cb, self);
}

static gboolean
on_refresh_cb (gpointer user_data)
{
  ScholiaWindow *self = user_data;

  if (self->seminars->cancellable == NULL)
    update_status (self);
  return G_SOURCE_CONTINUE;
}

/* What the popover says is read from the store as it opens, whoever synced last (the command
 * line too). */
static void
on_seminar_popover_show_cb (ScholiaWindow *self,
                            GtkPopover    *popover)
{
  on_refresh_cb (self);
}

static void
on_seminar_done_cb (ScholiaWindow        *self,
                    ScholiaSeminar       *seminar,
                    ScholiaSeminarDialog *dialog)
{
  g_autofree char *message = NULL;

  if (seminar->role == SCHOLIA_SEMINAR_LEADER)
    message = g_strdup_printf (_("Seminar “%s” created: participants join it at %s"),
                               seminar->name, seminar->location);
  else
    message = g_strdup_printf (_("You joined “%s”: its essays are in the library"), seminar->name);

  scholia_library_sidebar_reload_seminars (SCHOLIA_LIBRARY_SIDEBAR (self->sidebar));
  _scholia_window_add_message_toast (self, message);
  update_status (self);
}

static void
present_dialog (ScholiaWindow *self,
                GtkWidget     *dialog)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_seminar_done_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The essays preselected: the one chosen in the library, else the one being read. */
static void
new_seminar_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  ScholiaDocument *selected;
  gint64 id;

  if (self->store == NULL)
    return;

  selected = scholia_library_sidebar_get_selected_document (SCHOLIA_LIBRARY_SIDEBAR (self->sidebar));
  if (selected == NULL)
    selected = self->document;
  id = selected != NULL ? scholia_document_get_id (selected) : 0;

  present_dialog (self, scholia_seminar_dialog_new_create (self->store, &id, selected != NULL));
}

static void
join_seminar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);

  if (self->store != NULL)
    present_dialog (self, scholia_seminar_dialog_new_join (self->store));
}

static void
cancel_sync (ScholiaWindow *self)
{
  ScholiaWindowSeminars *seminars = self->seminars;

  if (seminars->cancellable != NULL)
    g_cancellable_cancel (seminars->cancellable);
  /* The running sync's callback sees it is no longer the window's and does nothing. */
  g_clear_object (&seminars->sync);
  g_clear_object (&seminars->cancellable);
  g_clear_pointer (&seminars->queue, g_ptr_array_unref);
  g_clear_pointer (&seminars->seminar, scholia_seminar_free);
}

static void
on_store_changed_cb (ScholiaWindow *self)
{
  gboolean writable = self->store != NULL && !scholia_store_is_read_only (self->store);

  if (self->seminars == NULL)
    return;

  cancel_sync (self);
  g_ptr_array_set_size (self->seminars->problems, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.new-seminar", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.join-seminar", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.sync-seminars", writable);
  update_status (self);
}

void
_scholia_window_class_init_seminars (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "library.new-seminar", NULL, new_seminar_action);
  gtk_widget_class_install_action (widget_class, "library.join-seminar", NULL, join_seminar_action);
  gtk_widget_class_install_action (widget_class, "library.sync-seminars", NULL,
                                   sync_seminars_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "library.new-seminar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "library.join-seminar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "library.sync-seminars", NULL);
}

void
_scholia_window_init_seminars (ScholiaWindow *self)
{
  ScholiaWindowSeminars *seminars = g_new0 (ScholiaWindowSeminars, 1);

  seminars->problems = g_ptr_array_new_with_free_func (g_free);
  self->seminars = seminars;

  g_signal_connect (self, "notify::store", G_CALLBACK (on_store_changed_cb), NULL);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::seminar-sync-interval",
                             G_CALLBACK (restart_interval), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_menu_button_get_popover (_scholia_window_child (self, "seminar_button")),
                           "show", G_CALLBACK (on_seminar_popover_show_cb), self,
                           G_CONNECT_SWAPPED);
  restart_interval (self);
  seminars->refresh_source = g_timeout_add_seconds (STATUS_REFRESH_SECONDS, on_refresh_cb, self);
  on_store_changed_cb (self);
}

void
_scholia_window_dispose_seminars (ScholiaWindow *self)
{
  ScholiaWindowSeminars *seminars = self->seminars;

  if (seminars == NULL)
    return;

  cancel_sync (self);
  g_clear_handle_id (&seminars->interval_source, g_source_remove);
  g_clear_handle_id (&seminars->refresh_source, g_source_remove);
  g_clear_pointer (&seminars->problems, g_ptr_array_unref);
  g_clear_pointer (&self->seminars, g_free);
}

GSource *
_scholia_window_get_seminar_timer (ScholiaWindow *self)
{
  if (self->seminars == NULL || self->seminars->interval_source == 0)
    return NULL;
  return g_main_context_find_source_by_id (NULL, self->seminars->interval_source);
}
