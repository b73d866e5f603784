/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-paths.h"

char *
scholia_paths_default_library (void)
{
  return g_build_filename (g_get_user_data_dir (), "scholia", "library.sqlite3", NULL);
}
