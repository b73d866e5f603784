/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-seminar-layers.h"

#include "scholia-colour-palette.h"

struct _ScholiaSeminarLayers
{
  GHashTable *colours;  /* participant id → GdkRGBA */
  GHashTable *names;    /* participant id → name */
};

static void
add_layer (ScholiaSeminarLayers *self,
           gint64                participant_id,
           ScholiaParticipant   *participant)
{
  GdkRGBA rgba;

  g_hash_table_insert (self->names, g_memdup2 (&participant_id, sizeof participant_id),
                       scholia_participant_dup_label (participant));
  if (gdk_rgba_parse (&rgba, participant->colour))
    g_hash_table_insert (self->colours, g_memdup2 (&participant_id, sizeof participant_id),
                         g_memdup2 (&rgba, sizeof rgba));
}

ScholiaSeminarLayers *
scholia_seminar_layers_new (ScholiaStore *store,
                            gint64        document_id)
{
  g_autoptr(ScholiaSeminarLayers) self = NULL;
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  seminars = scholia_store_list_essay_seminars (store, document_id, &error);
  if (seminars == NULL)
    {
      g_warning ("Could not read the essay's seminars: %s", error->message);
      return NULL;
    }
  if (seminars->len == 0)
    return NULL;

  self = g_new0 (ScholiaSeminarLayers, 1);
  self->colours = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < seminars->len; i++)
    {
      ScholiaSeminar *seminar = g_ptr_array_index (seminars, i);
      g_autoptr(GPtrArray) participants = scholia_store_list_participants (store, seminar, &error);

      if (participants == NULL)
        {
          g_warning ("Could not read the participants of “%s”: %s", seminar->name, error->message);
          return NULL;
        }
      for (guint p = 0; p < participants->len; p++)
        {
          ScholiaParticipant *participant = g_ptr_array_index (participants, p);

          add_layer (self, participant->id, participant);
          /* Mine not yet published carry no participant: they are my layer already. */
          if (participant->id == seminar->participant_id && i == 0)
            add_layer (self, 0, participant);
        }
    }
  return g_steal_pointer (&self);
}

void
scholia_seminar_layers_free (ScholiaSeminarLayers *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->colours);
  g_hash_table_unref (self->names);
  g_free (self);
}

gboolean
scholia_seminar_layers_get_colour (ScholiaSeminarLayers *self,
                                   gint64                participant_id,
                                   GdkRGBA              *colour)
{
  const GdkRGBA *found = g_hash_table_lookup (self->colours, &participant_id);

  if (found == NULL)
    return FALSE;
  *colour = *found;
  return TRUE;
}

const char *
scholia_seminar_layers_get_name (ScholiaSeminarLayers *self,
                                 gint64                participant_id)
{
  return g_hash_table_lookup (self->names, &participant_id);
}

static void
draw_dot_cb (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *colour = g_object_get_data (G_OBJECT (area), "scholia-colour");

  if (colour != NULL)
    scholia_colour_palette_draw_swatch (cr, width, height, colour, FALSE);
}

GtkWidget *
scholia_seminar_layers_new_dot (void)
{
  GtkWidget *dot = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 12);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot_cb, NULL, NULL);
  return dot;
}

void
scholia_seminar_layers_set_dot_colour (GtkWidget  *dot,
                                       const char *colour)
{
  g_return_if_fail (GTK_IS_DRAWING_AREA (dot));

  g_object_set_data_full (G_OBJECT (dot), "scholia-colour", g_strdup (colour), g_free);
  gtk_widget_queue_draw (dot);
}
