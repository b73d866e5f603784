/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-application.h"
#include "scholia-accessible.h"
#include "scholia-paths.h"
#include "scholia-preferences.h"
#include "scholia-startup-probe.h"
#include "scholia-style.h"
#include "scholia-window.h"

struct _ScholiaApplication
{
  AdwApplication  parent_instance;

  char           *library_path;
  char           *initial_document;
};

G_DEFINE_FINAL_TYPE (ScholiaApplication, scholia_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "library", 'l', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the library in FILE instead of the default one"), N_("FILE") },
  { "document", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Show the essay with this id or title"), N_("DOCUMENT") },
  { NULL }
};

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", "Scholia",
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Scholia developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/scholia/scholia",
                        "issue-url", "https://github.com/scholia/scholia/issues",
                        /* Translators: your name and address, one translator a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  scholia_accessible_fix_mnemonic_labels (about);
  scholia_accessible_name_icon_buttons (about);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (scholia_preferences_new (parent)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static int
scholia_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  ScholiaApplication *self = SCHOLIA_APPLICATION (app);
  const char *library = NULL;

  /* A relative path means relative to where the user typed it, and the error page names the
   * file in full. */
  if (g_variant_dict_lookup (options, "library", "^&ay", &library))
    self->library_path = g_canonicalize_filename (library, NULL);

  g_variant_dict_lookup (options, "document", "s", &self->initial_document);

  return G_APPLICATION_CLASS (scholia_application_parent_class)->handle_local_options (app,
                                                                                       options);
}

static void
scholia_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (scholia_application_parent_class)->startup (app);
  scholia_style_install (gdk_display_get_default ());

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

static void
scholia_application_activate (GApplication *app)
{
  ScholiaApplication *self = SCHOLIA_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autofree char *default_path = NULL;
      const char *path = self->library_path;

      if (path == NULL)
        path = default_path = scholia_paths_default_library ();

      window = GTK_WINDOW (scholia_window_new (self));
      scholia_startup_probe_watch (SCHOLIA_WINDOW (window));
      /* Asked for first, so that the library opens on it rather than on the essay read last. */
      if (self->initial_document != NULL)
        scholia_window_show_document_by_name (SCHOLIA_WINDOW (window), self->initial_document);
      scholia_window_open_library (SCHOLIA_WINDOW (window), path);
    }

  gtk_window_present (window);
}

/* Files handed over on the command line or by the desktop (the desktop file's %U) are imported
 * into the library the window shows. */
static void
scholia_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  GtkWindow *window;

  g_application_activate (app);

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (SCHOLIA_IS_WINDOW (window))
    scholia_window_import_files (SCHOLIA_WINDOW (window), files, n_files);
}

static void
scholia_application_finalize (GObject *object)
{
  ScholiaApplication *self = SCHOLIA_APPLICATION (object);

  g_clear_pointer (&self->library_path, g_free);
  g_clear_pointer (&self->initial_document, g_free);

  G_OBJECT_CLASS (scholia_application_parent_class)->finalize (object);
}

static void
scholia_application_class_init (ScholiaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = scholia_application_finalize;

  app_class->handle_local_options = scholia_application_handle_local_options;
  app_class->startup = scholia_application_startup;
  app_class->activate = scholia_application_activate;
  app_class->open = scholia_application_open;
}

static void
scholia_application_init (ScholiaApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

/**
 * scholia_application_new:
 *
 * Each process opens its own library (--library), so instances do not merge into one.
 *
 * Returns: (transfer full): the application
 */
ScholiaApplication *
scholia_application_new (void)
{
  /* A development build has its own id but shares the resources, and with them the help
   * overlay that GtkApplication finds under the base path. */
  return g_object_new (SCHOLIA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/scholia/Scholia",
                       NULL);
}

/**
 * scholia_application_get_library_path:
 * @self: the application
 *
 * Returns: (nullable): the library named with --library, or %NULL for the default one
 */
const char *
scholia_application_get_library_path (ScholiaApplication *self)
{
  g_return_val_if_fail (SCHOLIA_IS_APPLICATION (self), NULL);

  return self->library_path;
}

/**
 * scholia_application_get_initial_document:
 * @self: the application
 *
 * Returns: (nullable): the document named with --document, to show once the library is open
 */
const char *
scholia_application_get_initial_document (ScholiaApplication *self)
{
  g_return_val_if_fail (SCHOLIA_IS_APPLICATION (self), NULL);

  return self->initial_document;
}
