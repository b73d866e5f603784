/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the page says in toasts: messages, and what re-anchoring on open did. The page asks the
 * nearest AdwToastOverlay above it; it calls nothing else of the page, so every other file of the
 * page may call it. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-document-page-private.h"

/* The page lives inside the window's toast overlay; a page on its own has nowhere to say it. */
void
_scholia_document_page_add_toast (ScholiaDocumentPage *self,
                                  AdwToast            *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* Toast titles are markup; messages name files and essays, which may hold "&" or "<". */
void
_scholia_document_page_add_message_toast (ScholiaDocumentPage *self,
                                          const char          *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  _scholia_document_page_add_toast (self, adw_toast_new (markup));
}

/* Says how many annotations moved or could not be placed when an essay was opened. */
void
_scholia_document_page_report_reanchoring (ScholiaDocumentPage          *self,
                                           const ScholiaReanchorSummary *summary)
{
  guint moved = summary->moved + summary->fuzzy;
  guint orphaned = summary->orphaned;
  g_autofree char *message = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  if (moved == 0 && orphaned == 0)
    return;

  if (orphaned == 0)
    {
      /* Translators: a toast shown when an essay's text changed since it was annotated */
      message = g_strdup_printf (ngettext ("%u annotation moved with the changed text",
                                           "%u annotations moved with the changed text", moved),
                                 moved);
    }
  else if (moved == 0)
    {
      /* Translators: a toast shown when an essay's text changed since it was annotated */
      message = g_strdup_printf (ngettext ("%u annotation could not be placed — see the inspector",
                                           "%u annotations could not be placed — see the inspector",
                                           orphaned),
                                 orphaned);
    }
  else
    {
      g_autofree char *moved_text = NULL;
      g_autofree char *orphaned_text = NULL;

      /* Translators: the first half of a toast shown when an essay's text changed */
      moved_text = g_strdup_printf (ngettext ("%u annotation moved", "%u annotations moved", moved),
                                    moved);
      /* Translators: the second half of a toast shown when an essay's text changed, after
       * "3 annotations moved" */
      orphaned_text = g_strdup_printf (ngettext ("%u could not be placed — see the inspector",
                                                 "%u could not be placed — see the inspector",
                                                 orphaned),
                                       orphaned);
      /* Translators: joins the two halves of a toast, as in "3 annotations moved; 1 could not be
       * placed — see the inspector" */
      message = g_strdup_printf (_("%s; %s"), moved_text, orphaned_text);
    }

  markup = g_markup_escape_text (message, -1);
  toast = adw_toast_new (markup);
  if (orphaned > 0)
    {
      /* Translators: a toast’s button that shows the annotations that could not be placed */
      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_action_name (toast, "doc.show-inspector");
    }
  _scholia_document_page_add_toast (self, toast);
}
