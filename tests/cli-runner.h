/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What one run of scholia-cli printed and how it exited. */
typedef struct
{
  char *out;
  char *err;
  int   status;
} CliRun;

/* Where and as whom scholia-cli runs; NULL fields: as the test does. */
typedef struct
{
  const char           *cwd;
  GSpawnChildSetupFunc  child_setup;  /* e.g. to run as another user */
  gpointer              child_setup_data;
  const char           *locale;       /* LANG and LC_ALL ("C", "POSIX"); NULL: C.UTF-8 */
} CliRunOptions;

void cli_run_clear (CliRun *run);
void cli_run       (CliRun      *run,
                    const char  *xdg_data_home,
                    const char  *first_arg,
                    ...) G_GNUC_NULL_TERMINATED;
/* The same, with @options, and “--library @library” first unless @library is NULL. */
void cli_run_valist (CliRun               *run,
                     const CliRunOptions  *options,
                     const char           *xdg_data_home,
                     const char           *library,
                     const char           *first_arg,
                     va_list               args);
/* The same, with @options and the arguments as a NULL-terminated array. */
void cli_run_argv  (CliRun               *run,
                    const CliRunOptions  *options,
                    const char           *xdg_data_home,
                    const char * const   *args);
/* cli_run_argv() with LANG and LC_ALL set to @locale. */
void cli_run_in_locale (CliRun             *run,
                        const char         *xdg_data_home,
                        const char         *locale,
                        const char * const *args);
int  cli_count_lines (const char *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

G_END_DECLS
