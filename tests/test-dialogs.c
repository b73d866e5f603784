/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "scholia-annotation-import-dialog.h"
#include "scholia-document-properties.h"
#include "scholia-export-dialog.h"
#include "scholia-preferences.h"
#include "scholia-revision-dialog.h"
#include "scholia-tag-manager.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-keys.h"
#include "test-ui.h"

/* What every dialog owes the keyboard and a narrow screen: the focus in its first field when it
 * opens, Escape to leave it without a change, Enter to confirm, and a readable layout at 360 px. */

#define LONG_TITLE "The Harbour Ledgers of Varnholm and the Quarrel over the Customs House, " \
                   "1890–1914: a Reassessment"

typedef enum
{
  DIALOG_PROPERTIES,
  DIALOG_EXPORT_PDF,
  DIALOG_EXPORT_HANDOUT,
  DIALOG_IMPORT_ANNOTATIONS,
  DIALOG_REVISION,
  DIALOG_TAG_MANAGER,
  DIALOG_PREFERENCES,
  N_DIALOGS
} DialogKind;

static const struct {
  const char *name;
  const char *first_field;
} dialogs[N_DIALOGS] = {
  [DIALOG_PROPERTIES] = { "properties", "title_row" },
  [DIALOG_EXPORT_PDF] = { "export-pdf", "page_size_row" },
  [DIALOG_EXPORT_HANDOUT] = { "export-handout", "page_size_row" },
  [DIALOG_IMPORT_ANNOTATIONS] = { "import-annotations", "choose_button" },
  [DIALOG_REVISION] = { "revision", "choose_button" },
  [DIALOG_TAG_MANAGER] = { "tag-manager", "add_row" },
  [DIALOG_PREFERENCES] = { "preferences", "font_button" },
};

typedef struct
{
  char            *dir;
  ScholiaWindow   *window;
  ScholiaStore    *store;
  ScholiaEditor   *editor;
  ScholiaDocument *document;
  ScholiaLabel    *theme;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-dialogs-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->window = g_object_new (SCHOLIA_TYPE_WINDOW, NULL);
  g_assert_true (scholia_window_open_library (fixture->window, path));
  gtk_window_present (GTK_WINDOW (fixture->window));

  fixture->store = scholia_window_get_store (fixture->window);
  fixture->editor = scholia_window_get_editor (fixture->window);
  fixture->document = scholia_store_add_document (fixture->store, LONG_TITLE,
                                                  "Ines Marrow-Dahl", "1925", NULL,
                                                  "The harbour was older than the town.", NULL,
                                                  &error);
  g_assert_no_error (error);
  fixture->theme = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME,
                                            "Customs and the Reassessment of Harbour Dues",
                                            NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_window_show_document (fixture->window, fixture->document));
  drain_main_context ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  drain_main_context ();
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static GtkWindow *
dialog_new (Fixture    *fixture,
            DialogKind  kind)
{
  GtkWidget *dialog = NULL;

  switch (kind)
    {
    case DIALOG_PROPERTIES:
      dialog = scholia_document_properties_new (fixture->editor, fixture->document);
      break;
    case DIALOG_EXPORT_PDF:
      dialog = scholia_export_dialog_new_for_document (fixture->store, fixture->document);
      break;
    case DIALOG_EXPORT_HANDOUT:
      dialog = scholia_export_dialog_new_for_handout (fixture->store, SCHOLIA_THEME (fixture->theme),
                                                      NULL);
      break;
    case DIALOG_IMPORT_ANNOTATIONS:
      /* The essay preselected, so that its long title is what the drop-down shows. */
      dialog = scholia_annotation_import_dialog_new (fixture->store, fixture->document);
      break;
    case DIALOG_REVISION:
      dialog = scholia_revision_dialog_new (fixture->store, fixture->document);
      break;
    case DIALOG_TAG_MANAGER:
      dialog = GTK_WIDGET (scholia_tag_manager_new (fixture->editor, SCHOLIA_TYPE_TAG));
      break;
    case DIALOG_PREFERENCES:
      dialog = GTK_WIDGET (scholia_preferences_new (GTK_WINDOW (fixture->window)));
      break;
    case N_DIALOGS:
    default:
      g_assert_not_reached ();
    }

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (fixture->window));
  return GTK_WINDOW (dialog);
}

static GtkWindow *
open_dialog (Fixture    *fixture,
             DialogKind  kind,
             int         width)
{
  GtkWindow *dialog = dialog_new (fixture, kind);

  if (width > 0)
    gtk_window_set_default_size (dialog, width, 600);
  gtk_window_present (dialog);
  while (gtk_widget_get_width (GTK_WIDGET (dialog)) == 0)
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
  return dialog;
}

static GtkWidget *
dialog_child (GtkWindow  *dialog,
              const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), G_OBJECT_TYPE (dialog), name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static gboolean
holds_focus (GtkWindow *dialog,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
test_focus_starts_in_first_field (Fixture       *fixture,
                                  gconstpointer  data)
{
  DialogKind kind = GPOINTER_TO_INT (data);
  GtkWindow *dialog = open_dialog (fixture, kind, 0);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));

  if (!holds_focus (dialog, dialog_child (dialog, dialogs[kind].first_field)))
    {
      g_test_message ("%s opens with the focus on %s, not its first field %s", dialogs[kind].name,
                      focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing",
                      dialogs[kind].first_field);
      g_test_fail ();
    }

  gtk_window_destroy (dialog);
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static char *
library_state (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  ScholiaCounts counts;

  g_assert_true (scholia_store_get_counts (fixture->store, &counts, &error));
  g_assert_no_error (error);
  return g_strdup_printf ("%s|%s|%s|%s|%u|%u|%u", scholia_document_get_title (fixture->document),
                          scholia_document_get_author (fixture->document),
                          scholia_document_get_date (fixture->document),
                          scholia_document_get_source (fixture->document),
                          counts.documents, counts.annotations,
                          g_list_model_get_n_items (scholia_store_get_labels (fixture->store,
                                                                              SCHOLIA_TYPE_TAG)));
}

static void
test_escape_closes_without_change (Fixture       *fixture,
                                   gconstpointer  data)
{
  DialogKind kind = GPOINTER_TO_INT (data);
  g_autofree char *before = library_state (fixture);
  g_autofree char *after = NULL;
  GtkWindow *dialog;

  if (!test_keys_available ())
    return;

  dialog = open_dialog (fixture, kind, 0);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  test_keys_focus (dialog);
  test_keys_press ("Escape");
  g_assert_true (test_keys_wait (is_gone, &dialog));

  after = library_state (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (scholia_editor_get_can_undo (fixture->editor));
}

static void
test_properties_enter_saves_one_step (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkWindow *dialog;

  if (!test_keys_available ())
    return;

  dialog = open_dialog (fixture, DIALOG_PROPERTIES, 0);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  test_keys_focus (dialog);
  g_assert_true (holds_focus (dialog, dialog_child (dialog, "title_row")));
  /* Typed at the end of the title. */
  test_keys_type (" (revised)");
  test_keys_press ("Return");
  g_assert_true (test_keys_wait (is_gone, &dialog));

  g_assert_cmpstr (scholia_document_get_title (fixture->document), ==, LONG_TITLE " (revised)");
  g_assert_true (scholia_editor_undo (fixture->editor, NULL));
  g_assert_cmpstr (scholia_document_get_title (fixture->document), ==, LONG_TITLE);
  g_assert_false (scholia_editor_get_can_undo (fixture->editor));
}

/* Where a form has a confirming button, Enter presses it (entries activate the default). */
static void
test_default_is_confirm_button (Fixture       *fixture,
                                gconstpointer  data)
{
  DialogKind kind = GPOINTER_TO_INT (data);
  const char *confirm = kind == DIALOG_IMPORT_ANNOTATIONS ? "import.import" : "export.choose-file";
  GtkWindow *dialog = open_dialog (fixture, kind, 0);
  GtkWidget *default_widget = gtk_window_get_default_widget (dialog);

  g_assert_true (GTK_IS_ACTIONABLE (default_widget));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (default_widget)), ==, confirm);
  gtk_window_destroy (dialog);
}

/* Once imported, the form is gone with its buttons: Enter closes. */
static void
test_import_enter_closes_when_done (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GtkWindow *dialog;
  GtkWidget *focus;

  if (!test_keys_available ())
    return;

  path = test_write_file (fixture->dir, "harbour.jsonld",
                          "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\","
                          " \"type\": \"AnnotationPage\", \"items\": ["
                          " {\"type\": \"Annotation\", \"bodyValue\": \"Older than the charter.\","
                          "  \"target\": {\"source\": \"https://example.org/harbour\", \"selector\":"
                          "   {\"type\": \"TextQuoteSelector\", \"exact\": \"older than the town\"}}}]}");
  file = g_file_new_for_path (path);
  dialog = open_dialog (fixture, DIALOG_IMPORT_ANNOTATIONS, 0);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (scholia_annotation_import_dialog_import_file (SCHOLIA_ANNOTATION_IMPORT_DIALOG (dialog),
                                                              file));
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->document), ==, 1);
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_true (GTK_IS_ACTIONABLE (focus));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), ==, "window.close");

  test_keys_focus (dialog);
  test_keys_press ("Return");
  g_assert_true (test_keys_wait (is_gone, &dialog));
}

static int
widest_word (GtkLabel *label)
{
  g_auto(GStrv) words = g_strsplit_set (gtk_label_get_text (label), " \n\t", -1);
  int widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (label), words[i]);
      int width;

      pango_layout_set_attributes (layout, gtk_label_get_attributes (label));
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }

  return widest;
}

static void
check_labels (GtkWidget  *widget,
              const char *dialog,
              guint      *n_checked)
{
  if (!gtk_widget_is_drawable (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_ellipsize (GTK_LABEL (widget)) == PANGO_ELLIPSIZE_NONE &&
      *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      int widest = widest_word (GTK_LABEL (widget));

      if (gtk_widget_get_width (widget) < widest)
        {
          g_test_message ("%s at 360 px: “%s” is %d px wide, narrower than its widest word (%d px)",
                          dialog, gtk_label_get_text (GTK_LABEL (widget)),
                          gtk_widget_get_width (widget), widest);
          g_test_fail ();
        }
      (*n_checked)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_labels (child, dialog, n_checked);
}

static void
test_readable_at_360 (Fixture       *fixture,
                      gconstpointer  data)
{
  DialogKind kind = GPOINTER_TO_INT (data);
  GtkWindow *dialog = open_dialog (fixture, kind, 360);
  guint n_checked = 0;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 360);
  check_labels (GTK_WIDGET (dialog), dialogs[kind].name, &n_checked);
  g_assert_cmpuint (n_checked, >, 0);
  gtk_window_destroy (dialog);
}

static void
add_test (const char *what,
          DialogKind  kind,
          void      (*func) (Fixture *, gconstpointer))
{
  g_autofree char *path = g_strdup_printf ("/dialogs/%s/%s", dialogs[kind].name, what);

  g_test_add (path, Fixture, GINT_TO_POINTER (kind), fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

  for (DialogKind kind = 0; kind < N_DIALOGS; kind++)
    {
      add_test ("focus-starts-in-first-field", kind, test_focus_starts_in_first_field);
      add_test ("escape-closes-without-change", kind, test_escape_closes_without_change);
      add_test ("readable-at-360", kind, test_readable_at_360);
    }
  add_test ("enter-saves-one-step", DIALOG_PROPERTIES, test_properties_enter_saves_one_step);
  add_test ("enter-exports", DIALOG_EXPORT_PDF, test_default_is_confirm_button);
  add_test ("enter-exports", DIALOG_EXPORT_HANDOUT, test_default_is_confirm_button);
  add_test ("enter-imports", DIALOG_IMPORT_ANNOTATIONS, test_default_is_confirm_button);
  add_test ("enter-closes-when-done", DIALOG_IMPORT_ANNOTATIONS, test_import_enter_closes_when_done);

  return g_test_run ();
}
