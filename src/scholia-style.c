/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-style.h"

void
scholia_style_install (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (g_object_get_data (G_OBJECT (display), "scholia-style") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/scholia/Scholia/css/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "scholia-style", g_steal_pointer (&provider), g_object_unref);
}
