/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-seminar-dialog.h"

#include <string.h>

#include <glib/gi18n.h>

#include "scholia-accessible.h"
#include "scholia-credentials.h"
#include "scholia-seminar-sync.h"

/* The creation and the first sync of a join say nothing of their progress: the bar pulses. */
#define PULSE_INTERVAL_MS 120

struct _ScholiaSeminarDialog
{
  AdwWindow             parent_instance;

  ScholiaStore         *store;
  gboolean              joining;
  GFile                *folder;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  guint                 pulse_source;
  char                 *error_message;

  AdwWindowTitle       *window_title;
  GtkWidget            *start_button;
  GtkWidget            *cancel_button;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkWidget            *form;
  GtkWidget            *seminar_group;
  AdwEntryRow          *name_row;
  GtkCheckButton       *folder_check;
  GtkCheckButton       *webdav_check;
  AdwActionRow         *folder_row;
  AdwEntryRow          *url_row;
  AdwEntryRow          *user_row;
  AdwEntryRow          *password_row;
  GtkWidget            *essays_group;
  GtkSearchEntry       *essay_search;
  GtkLabel             *essays_count_label;
  GtkListBox           *essays_list;
  GtkWidget            *instructions_group;
  GtkTextView          *instructions_view;
  GtkWidget            *options_group;
  GtkSwitch            *add_tags_switch;
  GtkSwitch            *hide_switch;
  AdwEntryRow          *my_name_row;
  GtkActionBar         *progress_bar_box;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress;
};

G_DEFINE_FINAL_TYPE (ScholiaSeminarDialog, scholia_seminar_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_start (ScholiaSeminarDialog *self);

static gboolean
is_web_address (const char *text)
{
  return g_ascii_strncasecmp (text, "http://", 7) == 0
         || g_ascii_strncasecmp (text, "https://", 8) == 0;
}

static char *
stripped_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

static void
show_error (ScholiaSeminarDialog *self,
            const char           *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
update_kind (ScholiaSeminarDialog *self)
{
  gboolean web = gtk_check_button_get_active (self->webdav_check);

  gtk_widget_set_visible (GTK_WIDGET (self->folder_row), !web);
  gtk_widget_set_visible (GTK_WIDGET (self->url_row), web);
  gtk_widget_set_visible (GTK_WIDGET (self->user_row), web);
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), web);
}

static void
set_folder (ScholiaSeminarDialog *self,
            GFile                *folder)
{
  g_autofree char *shown = NULL;

  g_set_object (&self->folder, folder);
  if (folder != NULL)
    shown = g_file_get_parse_name (folder);
  adw_action_row_set_subtitle (self->folder_row, shown != NULL ? shown : _("None chosen"));
}

static void
set_busy (ScholiaSeminarDialog *self,
          gboolean              busy)
{
  /* The focus leaves the form before it turns insensitive (GTK 4.8 warns when a focused entry
   * does), for Cancel: what the keyboard user may want next. */
  if (busy)
    gtk_widget_grab_focus (self->cancel_button);
  gtk_widget_set_sensitive (self->form, !busy);
  gtk_action_bar_set_revealed (self->progress_bar_box, busy);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (!busy)
    g_clear_object (&self->cancellable);
  update_start (self);
}

static gboolean
pulse_cb (gpointer user_data)
{
  ScholiaSeminarDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
start_pulsing (ScholiaSeminarDialog *self,
               const char           *what)
{
  gtk_label_set_label (self->progress_label, what);
  gtk_progress_bar_set_fraction (self->progress, 0.0);
  self->pulse_source = g_timeout_add (PULSE_INTERVAL_MS, pulse_cb, self);
}

static void
on_chooser_response_cb (ScholiaSeminarDialog *self,
                        int                   response,
                        GtkNativeDialog      *chooser)
{
  g_autoptr(GtkFileChooserNative) owned = g_steal_pointer (&self->chooser);
  g_autoptr(GFile) folder = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  set_folder (self, folder);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ScholiaSeminarDialog *self = SCHOLIA_SEMINAR_DIALOG (widget);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  /* The native chooser goes through the portal in a sandbox, which grants the folder to us. */
  self->chooser = gtk_file_chooser_native_new (self->joining ? _("Seminar Folder")
                                                             : _("Folder for the New Seminar"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The location as the sync engine takes it: a folder's path, or the WebDAV address with the
 * user name in it (https://ana@cloud.example.edu/…), under which the password typed (returned
 * in @password_out, "" when none) goes to the keyring, where the engine looks for it. */
static char *
read_location (ScholiaSeminarDialog  *self,
               char                 **user_out,
               char                 **password_out,
               GError               **error)
{
  g_autofree char *address = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *folder_address = NULL;
  g_autofree char *location = NULL;
  g_autofree char *escaped_user = NULL;
  g_autoptr(GUri) uri = NULL;

  if (!gtk_check_button_get_active (self->webdav_check))
    {
      char *path = self->folder != NULL ? g_file_get_path (self->folder) : NULL;

      if (path == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("Choose the seminar’s folder on this computer."));
      return path;
    }

  address = stripped_text (GTK_EDITABLE (self->url_row));
  user = stripped_text (GTK_EDITABLE (self->user_row));
  password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));

  if (is_web_address (address))
    uri = g_uri_parse (address, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Type the WebDAV address of the seminar’s folder, starting with https://"));
      return NULL;
    }

  if (*user == '\0' && *password != '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Type the user name that goes with the password."));
      return NULL;
    }
  if (*user == '\0')
    return g_uri_to_string (uri);

  /* A user name typed in the address too gives way to the one in its own field. */
  folder_address = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);
  g_clear_pointer (&uri, g_uri_unref);
  uri = g_uri_parse (folder_address, G_URI_FLAGS_ENCODED, NULL);
  /* Nextcloud user names are often e-mail addresses: their "@" must not end the user part. */
  escaped_user = g_uri_escape_string (user, G_URI_RESERVED_CHARS_SUBCOMPONENT_DELIMITERS, FALSE);
  location = g_uri_join_with_user (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), escaped_user,
                                   NULL, NULL,
                                   g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri),
                                   g_uri_get_query (uri), g_uri_get_fragment (uri));

  /* Under the user name as the engine reads it back from the address (unescaped). */
  *user_out = g_steal_pointer (&user);
  *password_out = g_steal_pointer (&password);
  return g_steal_pointer (&location);
}

static GArray *
included_essays (ScholiaSeminarDialog *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->essays_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      gint64 *id = g_object_get_data (G_OBJECT (row), "document-id");

      if (check != NULL && gtk_check_button_get_active (check))
        g_array_append_val (ids, *id);
    }

  return ids;
}

static gboolean essay_row_matches (GtkListBoxRow *row,
                                   gpointer       user_data);

static guint
count_hidden_ticked (ScholiaSeminarDialog *self)
{
  guint hidden = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->essays_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && gtk_check_button_get_active (check) &&
          !essay_row_matches (GTK_LIST_BOX_ROW (row), self))
        hidden++;
    }
  return hidden;
}

/* Create wants at least one essay: a seminar is a reading shared. */
static void
update_start (ScholiaSeminarDialog *self)
{
  gboolean busy = self->cancellable != NULL;
  g_autoptr(GArray) essays = NULL;

  if (self->joining)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "seminar.start", !busy);
      return;
    }

  essays = included_essays (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "seminar.start", !busy && essays->len > 0);
  if (essays->len == 0)
    gtk_label_set_label (self->essays_count_label, _("Tick the essays to share: none is ticked yet."));
  else
    {
      guint hidden = count_hidden_ticked (self);
      g_autofree char *count =
        g_strdup_printf (ngettext ("%u essay will be shared", "%u essays will be shared", essays->len),
                         essays->len);

      /* Ticked essays the search hides are shared all the same: the count says so. */
      if (hidden > 0)
        {
          g_autofree char *with_hidden =
            /* Translators: the first %s is "3 essays will be shared". */
            g_strdup_printf (ngettext ("%s, %u of them not shown by the search",
                                       "%s, %u of them not shown by the search", hidden),
                             count, hidden);

          gtk_label_set_label (self->essays_count_label, with_hidden);
          return;
        }
      gtk_label_set_label (self->essays_count_label, count);
    }
}

/* Whether @row's essay answers the search: every word typed found in its title or author,
 * whatever the case. */
static gboolean
essay_row_matches (GtkListBoxRow *row,
                   gpointer       user_data)
{
  ScholiaSeminarDialog *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->essay_search));
  const char *haystack = g_object_get_data (G_OBJECT (row), "search-text");
  g_auto(GStrv) words = NULL;

  if (text == NULL || *text == '\0' || haystack == NULL)
    return TRUE;

  words = g_str_tokenize_and_fold (text, NULL, NULL);
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (haystack, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
on_essay_search_changed_cb (ScholiaSeminarDialog *self)
{
  gtk_list_box_invalidate_filter (self->essays_list);
  update_start (self);
}

/* Select All and Select None tick or untick the essays the search shows, no others. */
static void
select_essays_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ScholiaSeminarDialog *self = SCHOLIA_SEMINAR_DIALOG (widget);
  gboolean included = g_str_equal (action_name, "seminar.select-all-essays");

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->essays_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && essay_row_matches (GTK_LIST_BOX_ROW (row), self))
        gtk_check_button_set_active (check, included);
    }
}

static void
finish (ScholiaSeminarDialog *self,
        ScholiaSeminar       *seminar,
        GError               *error)
{
  /* Closed while working: the work was cancelled and there is no form left to show. */
  if (self->store == NULL)
    return;

  set_busy (self, FALSE);

  /* Cancel stops the work and leaves the form as it was, to try again or close. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[DONE], 0, seminar);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ScholiaSeminarDialog) self = user_data;
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(GError) error = NULL;

  seminar = scholia_seminar_create_finish (SCHOLIA_STORE (source), result, &error);
  finish (self, seminar, error);
}

static void
on_joined_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ScholiaSeminarDialog) self = user_data;
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(GError) error = NULL;

  seminar = scholia_seminar_join_finish (SCHOLIA_STORE (source), result, &error);
  finish (self, seminar, error);
}

/* The seminar created or joined at @location, the form's fields being valid. */
static void
start_work (ScholiaSeminarDialog *self,
            const char           *location)
{
  g_autofree char *name = stripped_text (GTK_EDITABLE (self->name_row));
  g_autofree char *my_name = stripped_text (GTK_EDITABLE (self->my_name_row));
  g_autofree char *instructions = NULL;
  g_autoptr(GArray) essays = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (self->joining)
    {
      start_pulsing (self, _("Joining the seminar…"));
      scholia_seminar_join_async (self->store, location, my_name, self->cancellable,
                                  on_joined_cb, g_object_ref (self));
      return;
    }

  essays = included_essays (self);
  buffer = gtk_text_view_get_buffer (self->instructions_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  instructions = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  start_pulsing (self, _("Creating the seminar…"));
  scholia_seminar_create_async (self->store, name, location, (const gint64 *) essays->data,
                                essays->len, instructions,
                                gtk_switch_get_active (self->add_tags_switch),
                                gtk_switch_get_active (self->hide_switch), my_name,
                                self->cancellable, on_created_cb, g_object_ref (self));
}

typedef struct
{
  ScholiaSeminarDialog *self;
  char                 *location;
} PasswordStore;

static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  PasswordStore *store = user_data;
  g_autoptr(ScholiaSeminarDialog) self = store->self;
  g_autofree char *location = store->location;
  g_autoptr(GError) error = NULL;

  g_free (store);
  if (!scholia_credentials_store_finish (result, &error))
    {
      finish (self, NULL, error);
      return;
    }
  /* Closed meanwhile: the work is not started. */
  if (self->store == NULL)
    return;
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  start_work (self, location);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ScholiaSeminarDialog *self = SCHOLIA_SEMINAR_DIALOG (widget);
  g_autofree char *name = stripped_text (GTK_EDITABLE (self->name_row));
  g_autofree char *my_name = stripped_text (GTK_EDITABLE (self->my_name_row));
  g_autofree char *location = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GError) error = NULL;

  if (self->cancellable != NULL)
    return;

  if (!self->joining && *name == '\0')
    {
      show_error (self, _("Give the seminar a name, such as the course’s title."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  location = read_location (self, &user, &password, &error);
  if (location == NULL)
    {
      show_error (self, error->message);
      return;
    }

  if (*my_name == '\0')
    {
      show_error (self, _("Type the name the other participants will see next to your annotations."));
      gtk_widget_grab_focus (GTK_WIDGET (self->my_name_row));
      return;
    }

  show_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  /* The keyring may take its time (or ask to be unlocked): the window goes on meanwhile. */
  if (password != NULL && *password != '\0')
    {
      PasswordStore *store = g_new0 (PasswordStore, 1);

      store->self = g_object_ref (self);
      store->location = g_steal_pointer (&location);
      start_pulsing (self, _("Keeping the password in the keyring…"));
      scholia_credentials_store_async (store->location, user, password, self->cancellable,
                                       on_password_stored_cb, store);
      return;
    }

  start_work (self, location);
}

/* Cancel stops the work first, then closes. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScholiaSeminarDialog *self = SCHOLIA_SEMINAR_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
add_essay_row (ScholiaSeminarDialog *self,
               ScholiaDocument      *document,
               gboolean              included)
{
  const char *title = scholia_document_get_title (document);
  const char *author = scholia_document_get_author (document);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  gint64 *id = g_new (gint64, 1);
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_author = NULL;
  g_autofree char *search_text = NULL;

  *id = scholia_document_get_id (document);
  escaped_title = g_markup_escape_text (title != NULL && *title != '\0' ? title : _("Untitled Essay"), -1);
  escaped_author = g_markup_escape_text (author != NULL ? author : "", -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_author);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), included);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data_full (G_OBJECT (row), "document-id", id, g_free);
  search_text = g_strconcat (title != NULL ? title : "", " ", author != NULL ? author : "", NULL);
  g_object_set_data_full (G_OBJECT (row), "search-text", g_utf8_casefold (search_text, -1), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (update_start), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (self->essays_list, row);
}

static void
fill_essays (ScholiaSeminarDialog *self,
             const gint64         *selected_ids,
             guint                 n_selected_ids)
{
  GListModel *documents = scholia_store_get_documents (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);
      gint64 id = scholia_document_get_id (document);
      gboolean included = FALSE;

      for (guint j = 0; j < n_selected_ids && !included; j++)
        included = selected_ids[j] == id;
      add_essay_row (self, document, included);
    }

  gtk_widget_set_visible (self->essays_group, g_list_model_get_n_items (documents) > 0);
  update_start (self);
}

static void
default_my_name (ScholiaSeminarDialog *self)
{
  const char *real_name = g_get_real_name ();

  /* GLib says "Unknown" when the account has no full name: the login is better than that. */
  if (real_name == NULL || *real_name == '\0' || g_str_equal (real_name, "Unknown"))
    real_name = g_get_user_name ();
  gtk_editable_set_text (GTK_EDITABLE (self->my_name_row), real_name);
}

static void
scholia_seminar_dialog_dispose (GObject *object)
{
  ScholiaSeminarDialog *self = SCHOLIA_SEMINAR_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->folder);
  g_clear_object (&self->store);
  g_clear_pointer (&self->error_message, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_SEMINAR_DIALOG);

  G_OBJECT_CLASS (scholia_seminar_dialog_parent_class)->dispose (object);
}

static void
scholia_seminar_dialog_class_init (ScholiaSeminarDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_seminar_dialog_dispose;

  /**
   * ScholiaSeminarDialog::done:
   * @seminar: (type gpointer): the ScholiaSeminar created or joined
   *
   * The seminar is in the library; the dialog closes next.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-seminar-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, form);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, seminar_group);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, folder_check);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, webdav_check);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, essays_group);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, essay_search);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, essays_count_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, essays_list);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, instructions_group);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, instructions_view);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, add_tags_switch);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, hide_switch);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, my_name_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, progress_bar_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSeminarDialog, progress);

  gtk_widget_class_install_action (widget_class, "seminar.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "seminar.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "seminar.choose-folder", NULL,
                                   choose_folder_action);
  gtk_widget_class_install_action (widget_class, "seminar.select-all-essays", NULL,
                                   select_essays_action);
  gtk_widget_class_install_action (widget_class, "seminar.select-no-essays", NULL,
                                   select_essays_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "seminar.cancel", NULL);
}

static void
scholia_seminar_dialog_init (ScholiaSeminarDialog *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_accessible_fix_mnemonic_labels (GTK_WIDGET (self));

  g_signal_connect_object (self->webdav_check, "notify::active", G_CALLBACK (update_kind), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_set_filter_func (self->essays_list, essay_row_matches, self, NULL);
  placeholder = gtk_label_new (_("No essay’s title or author matches the search."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->essays_list, placeholder);
  g_signal_connect_object (self->essay_search, "search-changed",
                           G_CALLBACK (on_essay_search_changed_cb), self, G_CONNECT_SWAPPED);
  update_kind (self);
  default_my_name (self);
}

static ScholiaSeminarDialog *
scholia_seminar_dialog_new (ScholiaStore *store,
                            gboolean      joining)
{
  ScholiaSeminarDialog *self = g_object_new (SCHOLIA_TYPE_SEMINAR_DIALOG, NULL);
  const char *title = joining ? _("Join Seminar") : _("New Seminar");

  self->store = g_object_ref (store);
  self->joining = joining;
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  gtk_button_set_label (GTK_BUTTON (self->start_button), joining ? _("_Join") : _("C_reate"));
  /* Its label came after the template's mnemonics were seen to. */
  scholia_accessible_fix_mnemonic_labels (self->start_button);

  gtk_widget_set_visible (self->seminar_group, !joining);
  gtk_widget_set_visible (self->essays_group, !joining);
  gtk_widget_set_visible (self->instructions_group, !joining);
  gtk_widget_set_visible (self->options_group, !joining);

  return self;
}

GtkWidget *
scholia_seminar_dialog_new_create (ScholiaStore *store,
                                   const gint64 *selected_ids,
                                   guint         n_selected_ids)
{
  ScholiaSeminarDialog *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  self = scholia_seminar_dialog_new (store, FALSE);
  fill_essays (self, selected_ids, n_selected_ids);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
  return GTK_WIDGET (self);
}

GtkWidget *
scholia_seminar_dialog_new_join (ScholiaStore *store)
{
  ScholiaSeminarDialog *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  self = scholia_seminar_dialog_new (store, TRUE);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->folder_check));
  return GTK_WIDGET (self);
}

void
scholia_seminar_dialog_set_name (ScholiaSeminarDialog *self,
                                 const char           *name)
{
  g_return_if_fail (SCHOLIA_IS_SEMINAR_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
}

void
scholia_seminar_dialog_set_location (ScholiaSeminarDialog *self,
                                     const char           *location)
{
  g_return_if_fail (SCHOLIA_IS_SEMINAR_DIALOG (self));
  g_return_if_fail (location != NULL);

  if (is_web_address (location))
    {
      gtk_check_button_set_active (self->webdav_check, TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), location);
    }
  else
    {
      g_autoptr(GFile) folder = g_file_new_for_path (location);

      gtk_check_button_set_active (self->folder_check, TRUE);
      set_folder (self, folder);
    }
}

void
scholia_seminar_dialog_set_credentials (ScholiaSeminarDialog *self,
                                        const char           *user,
                                        const char           *password)
{
  g_return_if_fail (SCHOLIA_IS_SEMINAR_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user != NULL ? user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password != NULL ? password : "");
}

void
scholia_seminar_dialog_set_my_name (ScholiaSeminarDialog *self,
                                    const char           *my_name)
{
  g_return_if_fail (SCHOLIA_IS_SEMINAR_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->my_name_row), my_name != NULL ? my_name : "");
}

static GtkCheckButton *
essay_check (ScholiaSeminarDialog *self,
             gint64                document_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->essays_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      gint64 *id = g_object_get_data (G_OBJECT (row), "document-id");

      if (id != NULL && *id == document_id)
        return g_object_get_data (G_OBJECT (row), "check");
    }

  return NULL;
}

void
scholia_seminar_dialog_set_essay_included (ScholiaSeminarDialog *self,
                                           gint64                document_id,
                                           gboolean              included)
{
  GtkCheckButton *check;

  g_return_if_fail (SCHOLIA_IS_SEMINAR_DIALOG (self));

  check = essay_check (self, document_id);
  g_return_if_fail (check != NULL);
  gtk_check_button_set_active (check, included);
}

gboolean
scholia_seminar_dialog_get_essay_included (ScholiaSeminarDialog *self,
                                           gint64                document_id)
{
  GtkCheckButton *check;

  g_return_val_if_fail (SCHOLIA_IS_SEMINAR_DIALOG (self), FALSE);

  check = essay_check (self, document_id);
  return check != NULL && gtk_check_button_get_active (check);
}

gboolean
scholia_seminar_dialog_get_busy (ScholiaSeminarDialog *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEMINAR_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const char *
scholia_seminar_dialog_get_error (ScholiaSeminarDialog *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEMINAR_DIALOG (self), NULL);

  return self->error_message;
}

const char *
scholia_seminar_dialog_get_essays_summary (ScholiaSeminarDialog *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEMINAR_DIALOG (self), NULL);

  return gtk_label_get_label (self->essays_count_label);
}
