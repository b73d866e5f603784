/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-window.h"

G_BEGIN_DECLS

/* The window's parts, for the files that fill its panes (sidebar, reading view). */
struct _ScholiaWindow
{
  AdwApplicationWindow  parent_instance;

  ScholiaStore         *store;
  GSettings            *settings;
  GtkNativeDialog      *chooser;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  AdwBin               *sidebar_bin;
  GtkWidget            *content_box;
  AdwHeaderBar         *content_header;
  AdwWindowTitle       *content_title;
  GtkWidget            *back_button;
  GtkMenuButton        *primary_menu_button;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  AdwBin               *document_bin;
};

G_END_DECLS
