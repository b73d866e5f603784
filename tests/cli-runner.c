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

/* Runs the built scholia-cli with @argv (NULL-terminated, the program first) in @locale, with
 * XDG_DATA_HOME pointed at a test folder so that the default library never touches the
 * developer's own. */
static void
spawn_cli (CliRun      *run,
           const char  *xdg_data_home,
           const char  *locale,
           GPtrArray   *argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int wait_status;

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", xdg_data_home, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", locale, TRUE);
  if (!g_str_equal (locale, "C.UTF-8"))
    envp = g_environ_setenv (envp, "LANG", locale, TRUE);

  cli_run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

void
cli_run (CliRun     *run,
         const char *xdg_data_home,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) SCHOLIA_CLI_PATH);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  spawn_cli (run, xdg_data_home, "C.UTF-8", argv);
}

void
cli_run_in_locale (CliRun             *run,
                   const char         *xdg_data_home,
                   const char         *locale,
                   const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) SCHOLIA_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  spawn_cli (run, xdg_data_home, locale, argv);
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
