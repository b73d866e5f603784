/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtksourceview/gtksource.h>

#include "scholia-agreement.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_AGREEMENT_STRIP (scholia_agreement_strip_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaAgreementStrip, scholia_agreement_strip, SCHOLIA, AGREEMENT_STRIP,
                      GtkSourceGutterRenderer)

/* The agreement map's heat strip (issue 14): a narrow column of the reader's margin, beside the
 * annotations' bars, that shades each display line in the tag's colour by the share of a
 * seminar's participants who marked some of it with the tag: faint where one of many did, full
 * where everyone did, blank where nobody did. */
GtkSourceGutterRenderer *scholia_agreement_strip_new           (void);

/* Shows @agreement (taken; NULL shows nothing) in @colour ("#rrggbb"). */
void                     scholia_agreement_strip_set_agreement (ScholiaAgreementStrip *self,
                                                                ScholiaAgreement      *agreement,
                                                                const char            *colour);
ScholiaAgreement        *scholia_agreement_strip_get_agreement (ScholiaAgreementStrip *self);
/* The colour it shades in, the tag's. */
const GdkRGBA           *scholia_agreement_strip_get_colour    (ScholiaAgreementStrip *self);
/* The share of participants shaded over code points [@start, @end): the most any stretch of
 * it has, 0 when nobody marked any of it. What a display line of those code points shows. */
double                   scholia_agreement_strip_get_share     (ScholiaAgreementStrip *self,
                                                                guint                  start,
                                                                guint                  end);

G_END_DECLS
