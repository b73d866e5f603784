/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "scholia-application.h"
#include "scholia-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ScholiaApplication) app = NULL;

  scholia_i18n_init ();

  app = scholia_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
