/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli-runner.h"

#include <sys/wait.h>

void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs the built scholia-cli with the given arguments, with XDG_DATA_HOME pointed at a test
 * folder so that the default library never touches the developer's own. */
void
cli_run_argv (CliRun               *run,
              const CliRunOptions  *options,
              const char           *xdg_data_home,
              const char * const   *args)
{
  static const CliRunOptions defaults = { 0 };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int wait_status;

  if (options == NULL)
    options = &defaults;

  g_ptr_array_add (argv, (char *) SCHOLIA_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", xdg_data_home, TRUE);
  if (options->locale != NULL)
    {
      envp = g_environ_setenv (envp, "LC_ALL", options->locale, TRUE);
      envp = g_environ_setenv (envp, "LANG", options->locale, TRUE);
    }
  else
    envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);

  cli_run_clear (run);
  g_spawn_sync (options->cwd, (char **) argv->pdata, envp, G_SPAWN_DEFAULT,
                options->child_setup, options->child_setup_data, &run->out, &run->err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

void
cli_run_valist (CliRun               *run,
                const CliRunOptions  *options,
                const char           *xdg_data_home,
                const char           *library,
                const char           *first_arg,
                va_list               args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;

  if (library != NULL)
    {
      g_ptr_array_add (argv, (char *) "--library");
      g_ptr_array_add (argv, (char *) library);
    }
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  cli_run_argv (run, options, xdg_data_home, (const char * const *) argv->pdata);
}

void
cli_run_in_locale (CliRun             *run,
                   const char         *xdg_data_home,
                   const char         *locale,
                   const char * const *args)
{
  const CliRunOptions options = { .locale = locale };

  cli_run_argv (run, &options, xdg_data_home, args);
}

void
cli_run (CliRun     *run,
         const char *xdg_data_home,
         const char *first_arg,
         ...)
{
  va_list args;

  va_start (args, first_arg);
  cli_run_valist (run, NULL, xdg_data_home, NULL, first_arg, args);
  va_end (args);
}

int
cli_count_lines (const char *text)
{
  int lines = 0;

  for (; *text != '\0'; text++)
    if (*text == '\n')
      lines++;
  return lines;
}
