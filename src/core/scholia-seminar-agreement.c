/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-seminar-agreement.h"

#include <glib/gi18n-lib.h>

#include "scholia-annotation.h"
#include "scholia-count-format.h"

static gboolean
has_tag (ScholiaAnnotation *annotation,
         gint64             tag_id)
{
  guint n_tags;
  const gint64 *tags = scholia_annotation_get_tag_ids (annotation, &n_tags);

  for (guint i = 0; i < n_tags; i++)
    if (tags[i] == tag_id)
      return TRUE;
  return FALSE;
}

static gint64
author_of (ScholiaSeminar    *seminar,
           ScholiaAnnotation *annotation)
{
  gint64 id = scholia_annotation_get_participant_id (annotation);

  return id != 0 ? id : seminar->participant_id;
}

ScholiaAgreement *
scholia_seminar_agreement_new (ScholiaSeminar  *seminar,
                               GListModel      *annotations,
                               guint            length,
                               gint64           tag_id,
                               GArray         **participant_ids)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ScholiaAgreement *agreement;
  guint n;

  g_return_val_if_fail (seminar != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (annotations), NULL);

  /* Who is asked: a first walk, since the agreement needs their number before any span. */
  n = g_list_model_get_n_items (annotations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
      gint64 author = author_of (seminar, annotation);

      if (scholia_annotation_get_orphaned (annotation) ||
          g_hash_table_contains (index, &author))
        continue;
      g_hash_table_insert (index, g_memdup2 (&author, sizeof author), GUINT_TO_POINTER (ids->len));
      g_array_append_val (ids, author);
    }

  agreement = scholia_agreement_new (length, ids->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
      gint64 author = author_of (seminar, annotation);
      int start = scholia_annotation_get_start (annotation);
      int end = scholia_annotation_get_end (annotation);

      if (scholia_annotation_get_orphaned (annotation) || !has_tag (annotation, tag_id) ||
          start < 0 || end <= start)
        continue;
      scholia_agreement_add_span (agreement, GPOINTER_TO_UINT (g_hash_table_lookup (index, &author)),
                                  (guint) start, (guint) end);
    }

  if (participant_ids != NULL)
    *participant_ids = g_steal_pointer (&ids);
  return agreement;
}

char *
scholia_seminar_agreement_describe (ScholiaAgreement *agreement,
                                    const char       *tag_name)
{
  ScholiaAgreementAlpha alpha;
  guint n = scholia_agreement_get_n_participants (agreement);
  g_autofree char *who = NULL;

  g_return_val_if_fail (agreement != NULL, NULL);
  g_return_val_if_fail (tag_name != NULL, NULL);

  /* Translators: how many participants an agreement counts, in parentheses after α */
  who = scholia_count_format (g_dngettext (GETTEXT_PACKAGE, "%'u participant", "%'u participants", n), n);
  if (scholia_agreement_get_alpha (agreement, &alpha))
    /* Translators: %s is a tag's name, %.2f Krippendorff's α, the last %s "12 participants",
     * as in "Agreement on evidence: α = 0.73 (12 participants)" */
    return g_strdup_printf (_("Agreement on %s: α = %.2f (%s)"), tag_name, alpha.alpha, who);

  /* Translators: %s is a tag's name, the second %s "2 participants", the third why agreement
   * cannot be measured, a sentence */
  return g_strdup_printf (_("Agreement on %s (%s): %s"), tag_name, who,
                          scholia_agreement_alpha_status_describe (alpha.status));
}
