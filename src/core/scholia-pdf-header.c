/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-pdf-header.h"
#include "scholia-seminar-store.h"
#include "scholia-time-format.h"

/* The names of the labels of @type the filter keeps, ", " between them; NULL when it keeps all. */
static char *
filter_label_names (ScholiaStore *store,
                    const gint64 *ids,
                    guint         n_ids,
                    GType         type)
{
  g_autoptr(GString) names = NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      ScholiaLabel *label = scholia_store_lookup_label (store, type, ids[i]);

      if (label == NULL)
        continue;
      if (names == NULL)
        names = g_string_new (NULL);
      else
        g_string_append (names, ", ");
      g_string_append (names, scholia_label_get_display_name (label));
    }
  return names != NULL ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

/* The names of the seminar participants the filter keeps, ", " between them; NULL when it keeps
 * everyone's. 0 (mine not shared yet) goes with my participant, which "me" also names. */
static char *
filter_participant_names (ScholiaStore *store,
                          const gint64 *ids,
                          guint         n_ids)
{
  g_autoptr(GString) names = NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(ScholiaParticipant) participant = ids[i] != 0 ? scholia_store_get_participant (store, ids[i], NULL) : NULL;

      if (participant == NULL || *participant->name == '\0')
        continue;
      if (names == NULL)
        names = g_string_new (NULL);
      else
        g_string_append (names, ", ");
      g_string_append (names, participant->name);
    }
  return names != NULL ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

/* What the reader of a printed copy must know about this export: that it shows only some
 * annotations ("Only: thesis, evidence · Theme: Decline · By: Ana Lindqvist"), the day it was made and, when given,
 * the course. */
char *
scholia_pdf_format_header_line (ScholiaStore            *store,
                                const ScholiaPdfOptions *options)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *date = scholia_time_format (g_get_real_time () / G_USEC_PER_SEC, SCHOLIA_TIME_LONG_DATE);
  ScholiaAnnotationFilter *filter = options->filter;

  if (filter != NULL && !scholia_annotation_filter_is_empty (filter))
    {
      guint n_tags, n_themes, n_participants;
      const gint64 *tag_ids = scholia_annotation_filter_get_tag_ids (filter, &n_tags);
      const gint64 *theme_ids = scholia_annotation_filter_get_theme_ids (filter, &n_themes);
      const gint64 *participant_ids = scholia_annotation_filter_get_participant_ids (filter, &n_participants);
      g_autofree char *tags = filter_label_names (store, tag_ids, n_tags, SCHOLIA_TYPE_TAG);
      g_autofree char *themes = filter_label_names (store, theme_ids, n_themes, SCHOLIA_TYPE_THEME);
      g_autofree char *participants = filter_participant_names (store, participant_ids, n_participants);

      if (tags != NULL)
        /* Translators: heads an export that shows only the annotations with these tags */
        g_string_append_printf (line, _("Only: %s"), tags);
      if (themes != NULL)
        {
          if (line->len > 0)
            g_string_append (line, " · ");
          /* Translators: heads an export that shows only the annotations in these themes */
          g_string_append_printf (line, _("Theme: %s"), themes);
        }
      if (participants != NULL)
        {
          if (line->len > 0)
            g_string_append (line, " · ");
          /* Translators: heads an export that shows only these seminar participants' annotations */
          g_string_append_printf (line, _("By: %s"), participants);
        }
      if (line->len > 0)
        g_string_append (line, " · ");
    }

  /* Translators: the day the PDF was made, as it stands in its header */
  g_string_append_printf (line, _("Exported %s"), date);
  if (options->course != NULL && *options->course != '\0')
    g_string_append_printf (line, " · %s", options->course);
  return g_string_free (g_steal_pointer (&line), FALSE);
}
