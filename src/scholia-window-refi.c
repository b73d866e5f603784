/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "scholia-pdf-export.h"
#include "scholia-refi.h"
#include "scholia-window-private.h"

/* REFI-QDA in the window: a .qdpx project or .qdc codebook given to Import… (or dropped) is
 * imported whole, and a toast says what arrived and names what was left out; Export
 * Annotations… writes either. Both run on the main thread: a project of a whole library takes
 * seconds, a seminar's a moment. */

#define TOAST_MESSAGES 2

static gboolean
has_suffix (GFile      *file,
            const char *suffix)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folded = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  return folded != NULL && g_str_has_suffix (folded, suffix);
}

gboolean
_scholia_window_is_refi_file (GFile *file)
{
  return has_suffix (file, ".qdpx") || has_suffix (file, ".qdc");
}

/* "…; left out: A; B and 3 more" when the summary names anything. */
static void
append_left_out (GString                  *text,
                 const ScholiaRefiSummary *summary)
{
  guint n = summary->messages->len;

  if (n == 0)
    return;
  g_string_append (text, _("; left out or renamed: "));
  for (guint i = 0; i < MIN (n, TOAST_MESSAGES); i++)
    {
      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, g_ptr_array_index (summary->messages, i));
    }
  if (n > TOAST_MESSAGES)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", n - TOAST_MESSAGES),
                            n - TOAST_MESSAGES);
}

void
_scholia_window_import_refi (ScholiaWindow *self,
                             GFile         *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  ScholiaRefiSummary summary;
  gboolean project = has_suffix (file, ".qdpx");
  gboolean ok;

  if (path == NULL)
    {
      _scholia_window_add_message_toast (self, _("A REFI-QDA file must be on this computer to be imported"));
      return;
    }
  scholia_refi_summary_init (&summary);
  ok = project ? scholia_refi_import_project (self->store, path, &summary, &error)
               : scholia_refi_import_codebook (self->store, path, &summary, &error);
  if (!ok)
    _scholia_window_add_message_toast (self, error->message);
  else
    {
      if (project)
        g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "Imported %u essay and %u annotations from “%s”",
                                            "Imported %u essays and %u annotations from “%s”", summary.sources),
                         summary.sources, summary.annotations, name);
      else
        g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "Imported %u new tag or theme from “%s”",
                                            "Imported %u new tags and themes from “%s”", summary.labels_added),
                         summary.labels_added, name);
      append_left_out (text, &summary);
      _scholia_window_add_message_toast (self, text->str);
    }
  scholia_refi_summary_clear (&summary);
}

gboolean
_scholia_window_export_refi (ScholiaWindow  *self,
                             GFile          *file,
                             const char     *format,
                             GPtrArray      *documents,
                             GError        **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *annotator = NULL;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("A REFI-QDA file can only be written on this computer"));
      return FALSE;
    }
  if (g_str_equal (format, "qdc"))
    return scholia_refi_export_codebook (self->store, path, error);

  annotator = g_strstrip (g_settings_get_string (self->settings, "annotator-name"));
  return scholia_refi_export_project (self->store, documents,
                                      *annotator != '\0' ? annotator : scholia_pdf_default_annotator (),
                                      path, NULL, error);
}
