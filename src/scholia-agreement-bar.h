/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-label.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_AGREEMENT_BAR (scholia_agreement_bar_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaAgreementBar, scholia_agreement_bar, SCHOLIA, AGREEMENT_BAR, GtkWidget)

/* The agreement map's bar under the reader: which tag it maps (chosen from @tags), α in words,
 * and a button that hides the map (the action "doc.show-agreement"). "notify::tag" says the
 * user chose another tag, or the tag was renamed or recoloured, or deleted (the drop-down then
 * shows its neighbour). A list of tags spliced anew keeps the chosen tag chosen. */
GtkWidget    *scholia_agreement_bar_new         (void);
void          scholia_agreement_bar_set_tags    (ScholiaAgreementBar *self,
                                                 GListModel          *tags);
ScholiaLabel *scholia_agreement_bar_get_tag     (ScholiaAgreementBar *self);
void          scholia_agreement_bar_set_tag     (ScholiaAgreementBar *self,
                                                 ScholiaLabel        *tag);
void          scholia_agreement_bar_set_summary (ScholiaAgreementBar *self,
                                                 const char          *summary);
const char   *scholia_agreement_bar_get_summary (ScholiaAgreementBar *self);

G_END_DECLS
