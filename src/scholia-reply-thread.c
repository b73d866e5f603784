/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-reply-thread.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "scholia-seminar-store.h"
#include "scholia-time-format.h"

struct _ScholiaReplyThread
{
  GtkWidget           parent_instance;

  GtkLabel           *count_label;
  GtkWidget          *empty_label;
  GtkListBox         *replies_list;
  GtkTextView        *reply_view;
  GtkWidget          *reply_hint;

  ScholiaStore       *store;
  ScholiaAnnotation  *annotation;
  ScholiaSeminar     *seminar;          /* the annotation's essay's; NULL hides the thread */
  GHashTable         *participants;     /* gint64 id → ScholiaParticipant */
  /* The replies that were new when first shown for this annotation: marked until the
   * annotation changes, though the store counts them read as soon as they are on screen. */
  GHashTable         *unread;           /* reply uuids */
  guint               n_unread;
  gboolean            read_pending;     /* new replies wait for the thread to be on screen */
};

G_DEFINE_FINAL_TYPE (ScholiaReplyThread, scholia_reply_thread, GTK_TYPE_WIDGET)

static void
show_error (ScholiaReplyThread *self,
            const GError       *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
  else
    g_warning ("%s", error->message);
}

static char *
get_reply_text (ScholiaReplyThread *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reply_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
on_reply_buffer_changed_cb (ScholiaReplyThread *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reply_view);
  g_autofree char *text = get_reply_text (self);

  gtk_widget_set_visible (self->reply_hint, gtk_text_buffer_get_char_count (buffer) == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "thread.send", self->seminar != NULL && *text != '\0');
}

/* Marks the annotation's replies read once they are on screen. */
static void
mark_read (ScholiaReplyThread *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->read_pending || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->read_pending = FALSE;
  if (!scholia_store_mark_replies_read (self->store, scholia_annotation_get_uuid (self->annotation), &error))
    show_error (self, error);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  g_autoptr(ScholiaReplyThread) self = user_data;
  ScholiaReply *reply = g_object_get_data (G_OBJECT (dialog), "reply");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;

  if (!scholia_store_delete_reply (self->store, reply, &error))
    show_error (self, error);
  scholia_reply_thread_set_annotation (self, self->store, self->annotation);
}

/* Deleting sends a deletion to everyone at the next sync; a reply written again would be
 * another reply, so there is no undo, and the user confirms first. */
static void
on_delete_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  ScholiaReplyThread *self = SCHOLIA_REPLY_THREAD (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                            SCHOLIA_TYPE_REPLY_THREAD));
  ScholiaReply *reply = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  ScholiaReply *copy;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Delete Reply?"),
                                                       _("The other participants will no longer see it after the next sync.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  copy = g_new0 (ScholiaReply, 1);
  copy->id = reply->id;
  copy->uuid = g_strdup (reply->uuid);
  copy->annotation_uuid = g_strdup (reply->annotation_uuid);
  copy->participant_id = reply->participant_id;
  copy->body = g_strdup (reply->body);
  copy->hlc = g_strdup (reply->hlc);
  g_object_set_data_full (G_OBJECT (dialog), "reply", copy, (GDestroyNotify) scholia_reply_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
format_date (gint64 unix_time)
{
  return scholia_time_format (unix_time, SCHOLIA_TIME_DATE_TIME);
}

static GtkWidget *
create_reply_row (ScholiaReplyThread *self,
                  ScholiaReply       *reply)
{
  ScholiaParticipant *author = g_hash_table_lookup (self->participants, &reply->participant_id);
  gboolean unread = g_hash_table_contains (self->unread, reply->uuid);
  g_autofree char *date = format_date (reply->created);
  g_autofree char *name_markup = NULL;
  g_autofree char *description = NULL;
  const char *name;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *label;

  if (author == NULL || *author->name == '\0')
    /* Translators: stands for the author of a reply whose name is not known */
    name = _("Someone");
  else if (author->me)
    /* Translators: a reply's author when it is the user, after their name */
    name = description = g_strdup_printf (_("%s (you)"), author->name);
  else
    name = author->name;

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_name (row, unread ? "unread-reply" : "reply");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), header);

  if (unread)
    {
      label = gtk_label_new ("●");
      gtk_widget_add_css_class (label, "accent");
      /* Translators: the tooltip of the dot marking a reply not read yet (an adjective for "reply") */
      gtk_widget_set_tooltip_text (label, C_("reply", "New"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, C_("reply", "New"), -1);
      gtk_box_append (GTK_BOX (header), label);
    }

  name_markup = author != NULL
    ? g_markup_printf_escaped ("<span foreground=\"%s\" weight=\"bold\">%s</span>", author->colour, name)
    : g_markup_printf_escaped ("<b>%s</b>", name);
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), name_markup);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_name (label, "reply-author");
  gtk_box_append (GTK_BOX (header), label);

  label = gtk_label_new (date);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (header), label);

  if (author != NULL && author->me)
    {
      GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_name (delete, "delete-reply");
      gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (delete, _("Delete Reply"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Delete Reply"), -1);
      gtk_widget_add_css_class (delete, "flat");
      gtk_widget_add_css_class (delete, "circular");
      /* The row goes before the reply: both are rebuilt on every change. */
      g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_clicked_cb), reply);
      gtk_box_append (GTK_BOX (header), delete);
    }

  label = gtk_label_new (reply->body);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_name (label, "reply-body");
  if (unread)
    {
      PangoAttrList *attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      gtk_label_set_attributes (GTK_LABEL (label), attributes);
      pango_attr_list_unref (attributes);
    }
  gtk_box_append (GTK_BOX (box), label);

  return row;
}

static void
clear_rows (ScholiaReplyThread *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->replies_list))) != NULL)
    gtk_list_box_remove (self->replies_list, row);
}

/* Fills the thread from the store. */
static void
load (ScholiaReplyThread *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autofree char *count = NULL;
  guint n_unread = 0;

  clear_rows (self);
  self->n_unread = 0;
  gtk_label_set_label (self->count_label, "");
  g_hash_table_remove_all (self->participants);
  g_clear_pointer (&self->seminar, scholia_seminar_free);

  if (self->store != NULL && self->annotation != NULL)
    self->seminar = scholia_store_find_essay_seminar (self->store,
                                                      scholia_annotation_get_document_id (self->annotation),
                                                      &error);
  if (self->seminar != NULL)
    participants = scholia_store_list_participants (self->store, self->seminar, &error);
  if (participants != NULL)
    replies = scholia_store_list_replies (self->store, scholia_annotation_get_uuid (self->annotation), &error);
  if (error != NULL)
    {
      show_error (self, error);
      g_clear_pointer (&self->seminar, scholia_seminar_free);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->seminar != NULL);
  on_reply_buffer_changed_cb (self);
  if (replies == NULL)
    return;

  /* The table owns them from here on. */
  g_ptr_array_set_free_func (participants, NULL);
  for (guint i = 0; i < participants->len; i++)
    {
      ScholiaParticipant *participant = g_ptr_array_index (participants, i);

      g_hash_table_insert (self->participants, &participant->id, participant);
    }

  for (guint i = 0; i < replies->len; i++)
    {
      ScholiaReply *reply = g_ptr_array_index (replies, i);

      if (!reply->read)
        {
          g_hash_table_add (self->unread, g_strdup (reply->uuid));
          self->read_pending = TRUE;
        }
      n_unread += g_hash_table_contains (self->unread, reply->uuid);
    }
  for (guint i = 0; i < replies->len; i++)
    gtk_list_box_append (self->replies_list, create_reply_row (self, g_ptr_array_index (replies, i)));
  /* The rows' delete buttons point into the replies: they live as long as the rows. */
  g_object_set_data_full (G_OBJECT (self->replies_list), "replies", g_steal_pointer (&replies),
                          (GDestroyNotify) g_ptr_array_unref);

  gtk_widget_set_visible (self->empty_label, gtk_widget_get_first_child (GTK_WIDGET (self->replies_list)) == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->replies_list), !gtk_widget_get_visible (self->empty_label));
  if (n_unread > 0)
    /* Translators: how many replies the user has not read before, beside "Replies" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new", n_unread), n_unread);
  gtk_label_set_label (self->count_label, count != NULL ? count : "");
  self->n_unread = n_unread;

  mark_read (self);
}

static void
on_annotations_changed_cb (ScholiaReplyThread *self,
                           gint64              document_id)
{
  /* A sync brings replies with the annotations of the essays it touched. */
  if (self->annotation != NULL &&
      (document_id == 0 || document_id == scholia_annotation_get_document_id (self->annotation)))
    load (self);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScholiaReplyThread *self = SCHOLIA_REPLY_THREAD (widget);
  g_autoptr(ScholiaReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = get_reply_text (self);

  if (self->seminar == NULL || *text == '\0')
    return;

  reply = scholia_store_add_reply (self->store, self->seminar, scholia_annotation_get_uuid (self->annotation),
                                   text, &error);
  if (reply == NULL)
    {
      show_error (self, error);
      return;
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reply_view), "", -1);
  load (self);
}

static void
scholia_reply_thread_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (scholia_reply_thread_parent_class)->map (widget);

  mark_read (SCHOLIA_REPLY_THREAD (widget));
}

static void
scholia_reply_thread_dispose (GObject *object)
{
  ScholiaReplyThread *self = SCHOLIA_REPLY_THREAD (object);
  GtkWidget *child;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_REPLY_THREAD);
  /* The template's box is its own child, not a bound one. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->annotation);
  g_clear_pointer (&self->seminar, scholia_seminar_free);

  G_OBJECT_CLASS (scholia_reply_thread_parent_class)->dispose (object);
}

static void
scholia_reply_thread_finalize (GObject *object)
{
  ScholiaReplyThread *self = SCHOLIA_REPLY_THREAD (object);

  g_hash_table_unref (self->participants);
  g_hash_table_unref (self->unread);

  G_OBJECT_CLASS (scholia_reply_thread_parent_class)->finalize (object);
}

static void
scholia_reply_thread_class_init (ScholiaReplyThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_reply_thread_dispose;
  object_class->finalize = scholia_reply_thread_finalize;
  widget_class->map = scholia_reply_thread_map;

  gtk_widget_class_install_action (widget_class, "thread.send", NULL, send_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-reply-thread.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaReplyThread, count_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaReplyThread, empty_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaReplyThread, replies_list);
  gtk_widget_class_bind_template_child (widget_class, ScholiaReplyThread, reply_view);
  gtk_widget_class_bind_template_child (widget_class, ScholiaReplyThread, reply_hint);
  /* Not used by the code, named for the tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "send_button", FALSE, 0);

  gtk_widget_class_set_css_name (widget_class, "scholiareplythread");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
scholia_reply_thread_init (ScholiaReplyThread *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->participants = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                              (GDestroyNotify) scholia_participant_free);
  self->unread = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect_object (gtk_text_view_get_buffer (self->reply_view), "changed",
                           G_CALLBACK (on_reply_buffer_changed_cb), self, G_CONNECT_SWAPPED);
  on_reply_buffer_changed_cb (self);
}

GtkWidget *
scholia_reply_thread_new (void)
{
  return g_object_new (SCHOLIA_TYPE_REPLY_THREAD, NULL);
}

void
scholia_reply_thread_set_annotation (ScholiaReplyThread *self,
                                     ScholiaStore       *store,
                                     ScholiaAnnotation  *annotation)
{
  g_return_if_fail (SCHOLIA_IS_REPLY_THREAD (self));
  g_return_if_fail (store == NULL || SCHOLIA_IS_STORE (store));
  g_return_if_fail (annotation == NULL || SCHOLIA_IS_ANNOTATION (annotation));

  if (self->store != store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_data (self->store, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        g_signal_connect_object (store, "annotations-changed", G_CALLBACK (on_annotations_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  if (self->annotation != annotation)
    {
      /* A draft belongs to the annotation it was written under. */
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reply_view), "", -1);
      g_hash_table_remove_all (self->unread);
      self->read_pending = FALSE;
      g_set_object (&self->annotation, annotation);
    }
  load (self);
}

guint
scholia_reply_thread_get_n_unread (ScholiaReplyThread *self)
{
  g_return_val_if_fail (SCHOLIA_IS_REPLY_THREAD (self), 0);

  return self->n_unread;
}
