/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-ui.h"

#include <adwaita.h>

#include "scholia-style.h"

void
test_ui_init (int    *argc,
              char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  scholia_style_install (gdk_display_get_default ());
}

void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
wait_for_layout (ScholiaWindow *window)
{
  while (gtk_widget_get_width (GTK_WIDGET (scholia_window_get_document_page (window))) == 0)
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
}

void
wait_for_pane (ScholiaWindow *window)
{
  AdwFlap *flap = page_child (window, "inspector_flap");
  double target = adw_flap_get_reveal_flap (flap) ? 1.0 : 0.0;

  while (adw_flap_get_reveal_progress (flap) != target)
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
}

ScholiaDocumentPage *
window_page (ScholiaWindow *window)
{
  return scholia_window_get_document_page (window);
}

ScholiaReadingView *
window_reader (ScholiaWindow *window)
{
  return scholia_document_page_get_reading_view (window_page (window));
}

ScholiaAgreementStrip *
window_agreement_strip (ScholiaWindow *window)
{
  GtkSourceView *view = scholia_reading_view_get_source_view (window_reader (window));
  GtkWidget *gutter = GTK_WIDGET (gtk_source_view_get_gutter (view, GTK_TEXT_WINDOW_LEFT));

  for (GtkWidget *child = gtk_widget_get_first_child (gutter); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SCHOLIA_IS_AGREEMENT_STRIP (child))
      return SCHOLIA_AGREEMENT_STRIP (child);
  return NULL;
}

ScholiaAnnotationInspector *
window_inspector (ScholiaWindow *window)
{
  return scholia_document_page_get_inspector (window_page (window));
}

ScholiaComparisonView *
window_comparison (ScholiaWindow *window)
{
  return scholia_document_page_get_comparison_view (window_page (window));
}

gpointer
window_child (ScholiaWindow *window,
              const char    *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), SCHOLIA_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

gpointer
page_child (ScholiaWindow *window,
            const char    *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (scholia_window_get_document_page (window)),
                                                  SCHOLIA_TYPE_DOCUMENT_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (widget == NULL || G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWindow *
find_transient (GtkWindow *parent,
                GType      type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (toplevel) != parent ||
          find_descendant (GTK_WIDGET (toplevel), type) == NULL)
        continue;

      /* The window keeps one such window at a time. */
      g_assert_null (found);
      found = toplevel;
    }

  return found;
}

ScholiaSeminarDialog *
open_seminar_dialog (ScholiaWindow *window,
                     const char    *action)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  drain_main_context ();
  dialog = find_transient (GTK_WINDOW (window), SCHOLIA_TYPE_SEMINAR_DIALOG);
  g_assert_nonnull (dialog);

  return g_object_ref (SCHOLIA_SEMINAR_DIALOG (dialog));
}

void
press_global_shortcut (ScholiaWindow *window,
                       const char    *trigger,
                       const char    *action_name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (trigger);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) != GTK_SHORTCUT_SCOPE_GLOBAL)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            continue;
          g_assert_true (GTK_IS_NAMED_ACTION (action));
          g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==, action_name);
          g_assert_true (gtk_shortcut_action_activate (action, GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                       GTK_WIDGET (window), NULL));
          drain_main_context ();
          return;
        }
    }

  g_assert_not_reached ();
}

static void
on_text_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

char *
read_clipboard_text (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_text_read_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return text;
}
