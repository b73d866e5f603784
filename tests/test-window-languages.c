/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "scholia-annotation-import-dialog.h"
#include "scholia-document-properties.h"
#include "scholia-export-dialog.h"
#include "scholia-link-picker.h"
#include "scholia-preferences.h"
#include "scholia-revision-dialog.h"
#include "scholia-tag-manager.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-ui.h"

/* The main window and every dialog in each language of po/LINGUAS and in a pseudo-language
 * (tests/make-pseudo-po.py: every message in accented letters, in brackets, 40 % longer), at
 * the window's default size and at 800 × 600. The rule, for every label on screen:
 *
 * - a label that neither wraps nor ellipsizes must get its text's whole width (ROUNDING aside):
 *   less, and its text is cut off at the edge of whatever holds it;
 * - a label that wraps must get at least its minimum width (its longest unbreakable word);
 * - a label that ellipsizes was designed to, for text a user wrote (an essay's title, an author,
 *   a tag or theme name): it may be ellipsized when it shows such text; the app's own words,
 *   which a translation makes longer, may be ellipsized only where a tooltip shows them whole;
 * - no label may make a window need more than 800 × 600: its minimum size is measured.
 *
 * A failure names the language, the place and the string. The catalogues are compiled here
 * from po/ into a temporary locale directory and never installed. */

#define LONG_TITLE "The Harbour Ledgers of Varnholm and the Quarrel over the Customs House"
#define AUTHOR "Ines Marrow-Dahl"
#define THEME "Customs and the Reassessment of Harbour Dues"
#define NOTE "Older than the charter, as the ledgers show."
#define ESSAY_TEXT "The harbour was older than the town. Its ledgers, kept by three generations " \
                   "of clerks, record every cask that crossed the quay and every quarrel over it."

static const char * const user_texts[] = { LONG_TITLE, AUTHOR, THEME, NOTE, ESSAY_TEXT, NULL };

/* libadwaita's button content gives its label 2 px less than the label asks in every language,
 * English too (rounding of the icon's spacing); more than that is text cut off. */
#define ROUNDING 2

static char *localedir;

typedef struct
{
  const char *language;
  const char *place;
  guint       n_checked;
  guint       n_failed;
  GPtrArray  *known;    /* the known problems met, once each */
} Check;

/* Problems this test found that are not fixed yet, each by the widget it is in (a type the label
 * lies inside, or the window's type for its minimum size). They are reported and make the test
 * incomplete, not passed; anything else fails it. None is known now; the last two were
 * - the pane's switcher, whose four titles shared 340 px and were ellipsized in a language 40 %
 *   longer than English: its titles now wrap (scholia-pane-switcher.h);
 * - the Keyboard Shortcuts window, 811-882 px wide in five languages: its groups are smaller
 *   and their titles shorter (ui/scholia-shortcuts.ui). */
static const char * const known_problems[] = { NULL };

static const char *
known_problem (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    for (guint i = 0; known_problems[i] != NULL; i++)
      if (strcmp (G_OBJECT_TYPE_NAME (widget), known_problems[i]) == 0)
        return known_problems[i];
  return NULL;
}

static gboolean
inside (GtkWidget *widget,
        GType      type)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
      return TRUE;
  return FALSE;
}

static const char *
locale_for (const char *language)
{
  static const struct { const char *language, *locale; } locales[] = {
    { "de", "de_DE.UTF-8" }, { "fr", "fr_FR.UTF-8" }, { "es", "es_ES.UTF-8" }, { "it", "it_IT.UTF-8" },
    { "pt_BR", "pt_BR.UTF-8" }, { "ru", "ru_RU.UTF-8" }, { "pl", "pl_PL.UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    if (strcmp (locales[i].language, language) == 0)
      return locales[i].locale;
  return "en_US.UTF-8";
}

/* This process in @language: messages from the catalogues compiled for the test, dates and
 * numbers from the language's locale. setlocale() makes gettext forget what it looked up. */
static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  if (setlocale (LC_ALL, locale_for (language)) == NULL)
    g_error ("The locale %s is not installed: run build-aux/install-deps.sh", locale_for (language));
}

/* The names of the library's tags and themes, built-in or not, as the reader shows them. */
static GPtrArray *label_names;

static gboolean
is_user_text (const char *text)
{
  for (guint i = 0; label_names != NULL && i < label_names->len; i++)
    if (strcmp (text, g_ptr_array_index (label_names, i)) == 0)
      return TRUE;
  for (guint i = 0; user_texts[i] != NULL; i++)
    if (strstr (text, user_texts[i]) != NULL || strstr (user_texts[i], text) != NULL)
      return TRUE;
  /* An ellipsized label shows its start; the user's text may be cut anywhere after it. */
  for (guint i = 0; user_texts[i] != NULL; i++)
    if (strlen (text) > 12 && strncmp (text, user_texts[i], 12) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @widget or the widget holding it (a button, a row) shows @text whole in its tooltip. */
static gboolean
has_tooltip_with (GtkWidget  *widget,
                  const char *text)
{
  for (guint level = 0; widget != NULL && level < 3; level++, widget = gtk_widget_get_parent (widget))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (widget);

      if (tooltip != NULL && strstr (tooltip, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
fail (Check      *check,
      GtkWidget  *label,
      const char *what)
{
  g_autoptr(GString) path = g_string_new (NULL);

  /* Where it is: the widget types above it, nearest first, up to a named template part. */
  for (GtkWidget *up = gtk_widget_get_parent (label); up != NULL && path->len < 120; up = gtk_widget_get_parent (up))
    g_string_append_printf (path, " < %s", G_OBJECT_TYPE_NAME (up));
  const char *known = known_problem (label);

  g_test_message ("%s, %s: “%s” %s (in%s)%s", check->language, check->place, gtk_label_get_text (GTK_LABEL (label)),
                  what, path->str, known != NULL ? " — known, not fixed yet" : "");
  if (known != NULL)
    {
      if (!g_ptr_array_find_with_equal_func (check->known, known, g_str_equal, NULL))
        g_ptr_array_add (check->known, (gpointer) known);
      return;
    }
  check->n_failed++;
}

static void
check_label (Check    *check,
             GtkLabel *label)
{
  GtkWidget *widget = GTK_WIDGET (label);
  const char *text = gtk_label_get_text (label);
  int width = gtk_widget_get_width (widget);
  int minimum, natural;

  /* GTK's key caps (GtkShortcutLabel) name keys in GTK's words, drawn inside their padding. */
  if (*text == '\0' || width <= 0 || inside (widget, GTK_TYPE_SHORTCUT_LABEL))
    return;
  check->n_checked++;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);

  if (gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE)
    {
      if (pango_layout_is_ellipsized (gtk_label_get_layout (label)) && !is_user_text (text) &&
          !has_tooltip_with (widget, text))
        {
          g_autofree char *what = g_strdup_printf ("is ellipsized (%d px of %d): the app's words must stay whole",
                                                   width, natural);
          fail (check, widget, what);
        }
    }
  else if (gtk_label_get_wrap (label))
    {
      if (width < minimum)
        {
          g_autofree char *what = g_strdup_printf ("is cut: %d px for a word of %d px", width, minimum);
          fail (check, widget, what);
        }
    }
  else
    {
      /* The text's own width: @natural counts the label's CSS padding too (a header bar's title
       * has 12 px a side), which gtk_widget_get_width() leaves out. */
      int text_width;

      pango_layout_get_pixel_size (gtk_label_get_layout (label), &text_width, NULL);
      if (width < text_width - ROUNDING)
        {
          g_autofree char *what = g_strdup_printf ("is cut: %d px of its %d px, and it cannot wrap", width,
                                                   text_width);
          fail (check, widget, what);
        }
    }
}

static void
walk (Check     *check,
      GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    check_label (check, GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (check, child);
}

/* The label needing the most width under @widget, to name it when a window grows. */
static GtkWidget *
widest_label (GtkWidget *widget,
              int       *widest)
{
  GtkWidget *found = NULL;

  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (GTK_IS_LABEL (widget))
    {
      int minimum;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > *widest)
        {
          *widest = minimum;
          found = widget;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = widest_label (child, widest);

      if (label != NULL)
        found = label;
    }
  return found;
}

static void
check_minimum_size (Check     *check,
                    GtkWindow *window)
{
  int width, height;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
  if (width > 800 || height > 600)
    {
      int widest = 0;
      GtkWidget *label = widest_label (GTK_WIDGET (window), &widest);

      const char *known = known_problem (GTK_WIDGET (window));

      g_test_message ("%s, %s: the window needs at least %d × %d px, more than 800 × 600; its widest label "
                      "is “%s” (%d px)%s", check->language, check->place, width, height,
                      label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : "", widest,
                      known != NULL ? " — known, not fixed yet" : "");
      if (known == NULL)
        check->n_failed++;
      else if (!g_ptr_array_find_with_equal_func (check->known, known, g_str_equal, NULL))
        g_ptr_array_add (check->known, (gpointer) known);
    }
}

static void
check_window (Check      *check,
              GtkWindow  *window,
              const char *place)
{
  check->place = place;
  drain_main_context ();
  check_minimum_size (check, window);
  walk (check, GTK_WIDGET (window));
}

static void
wait_for_size (GtkWindow *window)
{
  while (gtk_widget_get_width (GTK_WIDGET (window)) == 0)
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
}

static void
check_dialog (Check      *check,
              GtkWindow  *parent,
              GtkWindow  *dialog,
              const char *place)
{
  gtk_window_set_transient_for (dialog, parent);
  gtk_window_present (dialog);
  wait_for_size (dialog);
  check_window (check, dialog, place);
  gtk_window_destroy (dialog);
  drain_main_context ();
}

typedef struct
{
  char              *dir;
  ScholiaWindow     *window;
  ScholiaStore      *store;
  ScholiaEditor     *editor;
  ScholiaDocument   *document;
  ScholiaLabel      *theme;
  ScholiaAnnotation *annotation;
} Library;

static void
library_open (Library *library)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GListModel *tags;
  g_autoptr(ScholiaLabel) thesis = NULL;
  gint64 tag_id, theme_id;

  library->dir = test_tmp_dir_new ("scholia-languages-XXXXXX");
  path = g_build_filename (library->dir, "library.sqlite3", NULL);
  library->window = g_object_new (SCHOLIA_TYPE_WINDOW, NULL);
  g_assert_true (scholia_window_open_library (library->window, path));
  library->store = scholia_window_get_store (library->window);
  library->editor = scholia_window_get_editor (library->window);
  library->document = scholia_store_add_document (library->store, LONG_TITLE, AUTHOR, "1925", NULL,
                                                  ESSAY_TEXT, NULL, &error);
  g_assert_no_error (error);
  library->theme = scholia_store_add_label (library->store, SCHOLIA_TYPE_THEME, THEME, NULL, NULL, &error);
  g_assert_no_error (error);
  tags = scholia_store_get_labels (library->store, SCHOLIA_TYPE_TAG);
  thesis = g_list_model_get_item (tags, 0);
  tag_id = scholia_label_get_id (thesis);
  theme_id = scholia_label_get_id (library->theme);
  library->annotation = scholia_store_add_annotation (library->store, library->document, 4, 11, &tag_id, 1,
                                                      &theme_id, 1, NOTE, &error);
  g_assert_no_error (error);

  g_clear_pointer (&label_names, g_ptr_array_unref);
  label_names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(ScholiaLabel) tag = g_list_model_get_item (tags, i);

      g_ptr_array_add (label_names, g_strdup (scholia_label_get_display_name (tag)));
    }
}

static void
library_close (Library *library)
{
  g_clear_object (&library->annotation);
  gtk_window_destroy (GTK_WINDOW (library->window));
  drain_main_context ();
  test_tmp_dir_remove (library->dir);
  g_free (library->dir);
}

static void
check_main_window (Check      *check,
                   Library    *library,
                   int         width,
                   int         height,
                   const char *size)
{
  GtkWindow *window = GTK_WINDOW (library->window);
  g_autofree char *reading = g_strdup_printf ("the main window at %s, reading", size);
  g_autofree char *inspector = g_strdup_printf ("the main window at %s, with the inspector", size);
  g_autofree char *compare = g_strdup_printf ("the main window at %s, comparing", size);

  if (width > 0)
    gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  g_assert_true (scholia_window_show_document (library->window, library->document));
  wait_for_layout (library->window);
  check_window (check, window, reading);

  scholia_document_page_show_annotation (window_page (library->window), library->annotation);
  if (!adw_flap_get_reveal_flap (page_child (library->window, "inspector_flap")))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.toggle-pane", NULL));
  wait_for_pane (library->window);
  check_window (check, window, inspector);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "library.show-compare", NULL));
  wait_for_pane (library->window);
  check_window (check, window, compare);
}

static void
test_language (gconstpointer data)
{
  const char *language = data;
  Check check = { .language = language, .known = g_ptr_array_new () };
  Library library = { 0 };
  GtkWindow *parent;
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(ScholiaSeminarDialog) new_seminar = NULL;
  g_autoptr(ScholiaSeminarDialog) join_seminar = NULL;

  use_language (language);

  library_open (&library);
  check_main_window (&check, &library, 0, 0, "its default size");
  library_close (&library);

  library_open (&library);
  check_main_window (&check, &library, 800, 600, "800 × 600");
  parent = GTK_WINDOW (library.window);

  check_dialog (&check, parent, GTK_WINDOW (scholia_document_properties_new (library.editor, library.document)),
                "Essay Properties");
  check_dialog (&check, parent, GTK_WINDOW (scholia_export_dialog_new_for_document (library.store, library.document)),
                "Export (PDF)");
  check_dialog (&check, parent,
                GTK_WINDOW (scholia_export_dialog_new_for_handout (library.store, SCHOLIA_THEME (library.theme), NULL)),
                "Export Handout");
  check_dialog (&check, parent, GTK_WINDOW (scholia_annotation_import_dialog_new (library.store, library.document)),
                "Import Annotations");
  check_dialog (&check, parent, GTK_WINDOW (scholia_revision_dialog_new (library.store, library.document)),
                "Replace Text");
  check_dialog (&check, parent, GTK_WINDOW (scholia_tag_manager_new (library.editor, SCHOLIA_TYPE_TAG)),
                "Manage Tags");
  check_dialog (&check, parent, GTK_WINDOW (scholia_tag_manager_new (library.editor, SCHOLIA_TYPE_THEME)),
                "Manage Themes");
  check_dialog (&check, parent, GTK_WINDOW (scholia_preferences_new (parent)), "Preferences");
  check_dialog (&check, parent, GTK_WINDOW (scholia_link_picker_new (library.editor, library.annotation)),
                "Link Passages");

  builder = gtk_builder_new_from_resource ("/io/github/scholia/Scholia/gtk/help-overlay.ui");
  check_dialog (&check, parent, g_object_ref (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"))),
                "Keyboard Shortcuts");
  check_dialog (&check, parent,
                GTK_WINDOW (g_object_new (ADW_TYPE_ABOUT_WINDOW,
                                          "application-name", "Scholia",
                                          "version", PACKAGE_VERSION,
                                          "developer-name", _("The Scholia developers"),
                                          "license-type", GTK_LICENSE_GPL_3_0,
                                          "translator-credits", _("translator-credits"),
                                          NULL)),
                "About");

  new_seminar = open_seminar_dialog (library.window, "library.new-seminar");
  wait_for_size (GTK_WINDOW (new_seminar));
  check_window (&check, GTK_WINDOW (new_seminar), "New Seminar");
  gtk_window_destroy (GTK_WINDOW (new_seminar));
  drain_main_context ();
  join_seminar = open_seminar_dialog (library.window, "library.join-seminar");
  wait_for_size (GTK_WINDOW (join_seminar));
  check_window (&check, GTK_WINDOW (join_seminar), "Join Seminar");
  gtk_window_destroy (GTK_WINDOW (join_seminar));
  drain_main_context ();

  library_close (&library);

  g_test_message ("%s: %u labels checked, %u problems", language, check.n_checked, check.n_failed);
  g_assert_cmpuint (check.n_checked, >, 200);
  if (check.n_failed > 0)
    g_test_fail ();
  else if (check.known->len > 0)
    {
      g_autoptr(GString) known = g_string_new (NULL);

      for (guint i = 0; i < check.known->len; i++)
        g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (check.known, i));
      g_string_prepend (known, ": ");
      g_string_prepend (known, language);
      g_string_prepend (known, "known layout problems not fixed yet in ");
      g_test_incomplete (known->str);
    }
  g_ptr_array_unref (check.known);
}

/* The catalogues of po/LINGUAS and the pseudo-language, compiled into @dir; their names. */
static GPtrArray *
compile_catalogues (const char *srcroot,
                    const char *dir)
{
  GPtrArray *languages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *linguas_path = g_build_filename (srcroot, "po", "LINGUAS", NULL);
  g_autofree char *linguas = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *script = g_build_filename (srcroot, "tests", "make-pseudo-po.py", NULL);
  g_autofree char *pseudo = g_build_filename (dir, "en_XA.po", NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_file_get_contents (linguas_path, &linguas, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit_set (linguas, " \t\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && *lines[i] != '#')
      g_ptr_array_add (languages, g_strdup (lines[i]));

  g_assert_true (g_spawn_sync (NULL, (char *[]) { "python3", script, "--sources", (char *) srcroot, pseudo, NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_ptr_array_add (languages, g_strdup ("en_XA"));

  for (guint i = 0; i < languages->len; i++)
    {
      const char *language = g_ptr_array_index (languages, i);
      g_autofree char *messages = g_build_filename (dir, language, "LC_MESSAGES", NULL);
      g_autofree char *mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
      g_autofree char *po = strcmp (language, "en_XA") == 0
                              ? g_strdup (pseudo)
                              : g_strdup_printf ("%s/po/%s.po", srcroot, language);

      g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
      g_assert_true (g_spawn_sync (NULL, (char *[]) { "msgfmt", "-o", mo, po, NULL }, NULL,
                                   G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
    }
  return languages;
}

/* GTK 4.8 warns that a label "reported min width -4" when an ellipsizing label is measured
 * narrower than its margins, a fault of its own measuring (fixed in later GTK), not of a string.
 * Warnings are not fatal here so that this one can pass; any other fails the test. */
static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         data)
{
  if (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
    {
      for (gsize i = 0; i < n_fields; i++)
        if (strcmp (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
            strstr (fields[i].value, "reported min width") != NULL)
          return G_LOG_WRITER_HANDLED;
      g_test_fail ();
    }
  return g_log_writer_default (level, fields, n_fields, data);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *srcroot = NULL;
  g_autoptr(GPtrArray) languages = NULL;
  int status;

  /* English messages where a catalogue has none; GLib decides once whether to translate. */
  g_setenv ("LC_ALL", "en_US.UTF-8", TRUE);
  g_log_set_writer_func (log_writer, NULL, NULL);
  test_ui_init (&argc, &argv);
  g_log_set_always_fatal (G_LOG_FATAL_MASK);

  srcroot = g_path_get_dirname (g_test_get_dir (G_TEST_DIST));
  localedir = test_tmp_dir_new ("scholia-locale-XXXXXX");
  languages = compile_catalogues (srcroot, localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (guint i = 0; i < languages->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/window-languages/%s", (char *) g_ptr_array_index (languages, i));

      g_test_add_data_func (path, g_ptr_array_index (languages, i), test_language);
    }

  status = g_test_run ();
  test_tmp_dir_remove (localedir);
  g_free (localedir);
  return status;
}
