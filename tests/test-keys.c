/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-keys.h"

#include <gdk/x11/gdkx.h>

#include "test-ui.h"

/* Long enough for a loaded machine; a passing test never waits for it. */
#define TEST_KEYS_TIMEOUT_US (10 * G_USEC_PER_SEC)

gboolean
test_keys_available (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    g_test_skip ("Real key presses need an X11 display");
  else if (xdotool == NULL)
    g_test_skip ("Real key presses need xdotool");
  else
    return TRUE;

  return FALSE;
}

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

void
test_keys_focus (GtkWindow *window)
{
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  drain_main_context ();
  command = g_strdup_printf ("xdotool windowfocus --sync %lu",
                             (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (test_keys_wait (window_is_active, window));
}

static void
run_xdotool (const char *command,
             const char *argument)
{
  const char *argv[] = { "xdotool", command, "--delay", "5", "--", argument, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

void
test_keys_type (const char *text)
{
  run_xdotool ("type", text);
}

void
test_keys_press (const char *key)
{
  run_xdotool ("key", key);
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
test_keys_wait (gboolean (*condition) (gpointer data),
                gpointer   data)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (TEST_KEYS_TIMEOUT_US / 1000, on_timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout);
  drain_main_context ();
  return condition (data);
}
