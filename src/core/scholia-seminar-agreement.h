/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "scholia-agreement.h"
#include "scholia-seminar-store.h"

G_BEGIN_DECLS

/* The study scholia-agreement.h measures, for one seminar essay and one tag: who counts and
 * which spans are theirs. Everyone who placed at least one annotation in the essay counts, with
 * whatever tag, so that a participant who read the essay and never used this tag is counted as
 * leaving it blank; someone who did not annotate it at all is not asked. My annotations not
 * yet published (participant 0) are mine. Unplaced annotations have no span and are left out.
 *
 * @annotations: the essay's (ScholiaAnnotation); @length: its text's length in code points.
 * *@participant_ids (optional) gets the participants in the agreement's order (gint64). */
ScholiaAgreement *scholia_seminar_agreement_new (ScholiaSeminar  *seminar,
                                                 GListModel      *annotations,
                                                 guint            length,
                                                 gint64           tag_id,
                                                 GArray         **participant_ids);

/* "Agreement on evidence: α = 0.73 (12 participants)", or why α cannot be computed. */
char             *scholia_seminar_agreement_describe (ScholiaAgreement *agreement,
                                                      const char       *tag_name);

G_END_DECLS
