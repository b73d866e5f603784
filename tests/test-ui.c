/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-ui.h"

#include <adwaita.h>

#include "scholia-style.h"
#include "scholia-window-private.h"

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
  while (gtk_widget_get_width (GTK_WIDGET (window->inspector_flap)) == 0)
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
}
