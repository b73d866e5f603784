/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-cli.h"

int
main (int    argc,
      char **argv)
{
  return scholia_cli_main (argc, argv);
}
