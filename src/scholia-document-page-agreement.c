/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The agreement map of a seminar essay (issue 14): for one tag, a heat strip in the reader's
 * margin shading each line by how many participants marked it, and Krippendorff's α in words
 * in a bar under the text. Off by default; "doc.show-agreement" (Ctrl+Alt+A, the essay's menu)
 * turns it on, only for an essay of a seminar. It follows every change to the essay's
 * annotations, a sync's included, and to the tag: renamed or recoloured, it is drawn again;
 * deleted, the bar moves to its neighbour in the list. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-agreement-strip.h"
#include "scholia-document-page-private.h"
#include "scholia-seminar-agreement.h"

/* Right of the annotations' bars (position 0), next to the text. */
#define STRIP_POSITION 1

static gboolean
is_shown (ScholiaDocumentPage *self)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self->doc_actions),
                                                               "show-agreement");

  return g_variant_get_boolean (state);
}

static GtkSourceGutter *
get_gutter (ScholiaDocumentPage *self)
{
  return gtk_source_view_get_gutter (scholia_reading_view_get_source_view (self->reading_view),
                                     GTK_TEXT_WINDOW_LEFT);
}

static void
remove_strip (ScholiaDocumentPage *self)
{
  if (self->agreement_strip == NULL)
    return;

  if (gtk_widget_get_parent (GTK_WIDGET (self->agreement_strip)) != NULL)
    gtk_source_gutter_remove (get_gutter (self), self->agreement_strip);
  g_clear_object (&self->agreement_strip);
}

/* Without a choice yet: the shown annotation's first tag, else the first tag the essay uses,
 * else the library's first. */
static ScholiaLabel *
pick_tag (ScholiaDocumentPage *self)
{
  GListModel *annotations = scholia_reading_get_annotations (self->reading);
  ScholiaAnnotation *current = scholia_reading_get_current (self->reading);
  guint n = g_list_model_get_n_items (annotations);
  const gint64 *tag_ids;
  guint n_tags = 0;

  if (current != NULL)
    tag_ids = scholia_annotation_get_tag_ids (current, &n_tags);
  for (guint i = 0; n_tags == 0 && i < n; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      tag_ids = scholia_annotation_get_tag_ids (annotation, &n_tags);
    }

  for (guint i = 0; i < n_tags; i++)
    {
      ScholiaLabel *tag = scholia_store_lookup_label (self->store, SCHOLIA_TYPE_TAG, tag_ids[i]);

      if (tag != NULL)
        return tag;
    }
  return scholia_agreement_bar_get_tag (self->agreement_bar);
}

static void
refresh (ScholiaDocumentPage *self)
{
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  ScholiaAgreement *agreement;
  ScholiaLabel *tag;
  const char *text;

  g_clear_handle_id (&self->agreement_idle_id, g_source_remove);

  if (self->reading != NULL)
    seminar = scholia_store_find_essay_seminar (self->store,
                                                scholia_document_get_id (scholia_reading_get_document (self->reading)),
                                                &error);
  if (error != NULL)
    _scholia_document_page_add_message_toast (self, error->message);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->doc_actions),
                                                                            "show-agreement")),
                               seminar != NULL);
  gtk_revealer_set_reveal_child (self->agreement_revealer, seminar != NULL && is_shown (self));
  if (seminar == NULL || !is_shown (self))
    {
      remove_strip (self);
      return;
    }

  /* The library's last tag deleted: nothing to map, and the margin says nothing stale. */
  tag = scholia_agreement_bar_get_tag (self->agreement_bar);
  if (tag == NULL)
    {
      remove_strip (self);
      scholia_agreement_bar_set_summary (self->agreement_bar, _("No tag to map: add a tag to see where the participants agree"));
      return;
    }

  if (self->agreement_strip == NULL)
    {
      self->agreement_strip = g_object_ref_sink (scholia_agreement_strip_new ());
      gtk_source_gutter_insert (get_gutter (self), self->agreement_strip, STRIP_POSITION);
    }

  text = scholia_reading_get_text (self->reading);
  agreement = scholia_seminar_agreement_new (seminar, scholia_reading_get_annotations (self->reading),
                                             g_utf8_strlen (text, -1), scholia_label_get_id (tag), NULL);
  summary = scholia_seminar_agreement_describe (agreement, scholia_label_get_display_name (tag));
  scholia_agreement_strip_set_agreement (SCHOLIA_AGREEMENT_STRIP (self->agreement_strip), agreement,
                                         scholia_label_get_colour (tag));
  scholia_agreement_bar_set_summary (self->agreement_bar, summary);
}

static gboolean
refresh_cb (gpointer user_data)
{
  ScholiaDocumentPage *self = user_data;

  self->agreement_idle_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* A merge touches many annotations at once: the map is made again once, when it is done. */
static void
on_annotations_changed_cb (ScholiaDocumentPage *self,
                           gint64               document_id)
{
  if (self->reading == NULL || self->agreement_strip == NULL || self->agreement_idle_id != 0)
    return;
  if (document_id != 0 && document_id != scholia_document_get_id (scholia_reading_get_document (self->reading)))
    return;

  self->agreement_idle_id = g_idle_add (refresh_cb, self);
}

static void
on_show_agreement_state_cb (ScholiaDocumentPage *self)
{
  if (is_shown (self) && self->reading != NULL &&
      scholia_agreement_bar_get_tag (self->agreement_bar) != NULL)
    scholia_agreement_bar_set_tag (self->agreement_bar, pick_tag (self));
  refresh (self);
}

void
_scholia_document_page_init_agreement (ScholiaDocumentPage *self)
{
  g_autoptr(GSimpleAction) action =
    g_simple_action_new_stateful ("show-agreement", NULL, g_variant_new_boolean (FALSE));

  /* Without an "activate" handler, activating the action toggles it. */
  g_signal_connect_object (action, "notify::state", G_CALLBACK (on_show_agreement_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_simple_action_set_enabled (action, FALSE);
  g_action_map_add_action (G_ACTION_MAP (self->doc_actions), G_ACTION (action));

  g_signal_connect_object (self->agreement_bar, "notify::tag", G_CALLBACK (refresh), self,
                           G_CONNECT_SWAPPED);

  self->agreement_signals = g_signal_group_new (SCHOLIA_TYPE_STORE);
  g_signal_group_connect_swapped (self->agreement_signals, "annotations-changed",
                                  G_CALLBACK (on_annotations_changed_cb), self);
}

void
_scholia_document_page_update_agreement (ScholiaDocumentPage *self)
{
  g_signal_group_set_target (self->agreement_signals, self->store);
  scholia_agreement_bar_set_tags (self->agreement_bar,
                                  self->store != NULL ? scholia_store_get_labels (self->store, SCHOLIA_TYPE_TAG) : NULL);
  refresh (self);
}

void
_scholia_document_page_dispose_agreement (ScholiaDocumentPage *self)
{
  g_clear_handle_id (&self->agreement_idle_id, g_source_remove);
  g_clear_object (&self->agreement_signals);
  g_clear_object (&self->agreement_strip);
}
