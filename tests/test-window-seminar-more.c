/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Issue 14 in the window, what remained: the agreement map following its tag (renamed,
 * recoloured, reordered, deleted), its bar whole and uncovered in an 800×600 window with the
 * pane open, the automatic sync's timer, the New Seminar dialog's essay chooser (search, Select
 * All/None, the count) and the WebDAV password kept without blocking the window. */

#include "config.h"

#include <string.h>

#include "scholia-agreement-bar.h"
#include "scholia-agreement-strip.h"
#include "scholia-seminar-dialog.h"
#include "scholia-seminar-store.h"
#include "scholia-seminar-sync.h"
#include "scholia-window-private.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-ui.h"

#define SEMINAR_UUID "5e111a40-0000-4000-8000-0000000001e5"
#define ME           "00000000-0000-4000-8000-0000000001ee"

/* Invented for this test. */
#define ESSAY_TEXT \
  "The lock-keepers of the Tamsel canal were paid by the barge, and counted generously. " \
  "Their ledgers give the canal three times the traffic the harbour masters saw arrive.\n\n" \
  "A later inspector, Ruth Calder, blamed the rain for the difference."

typedef TestLibraryFixture Fixture;

typedef struct
{
  ScholiaWindow   *window;
  ScholiaStore    *store;
  ScholiaDocument *essay;
} Seminar;

/* A library in a seminar whose essay I marked twice as evidence, shown at @width × @height. */
static Seminar
open_seminar (Fixture *fixture,
              int      width,
              int      height)
{
  Seminar s = { 0 };
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaAnnotation) first = NULL;
  g_autoptr(ScholiaAnnotation) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 evidence;

  s.window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_assert_true (scholia_window_open_library (s.window, fixture->library));
  gtk_window_set_default_size (GTK_WINDOW (s.window), width, height);
  gtk_window_present (GTK_WINDOW (s.window));
  drain_main_context ();

  s.store = scholia_window_get_store (s.window);
  s.essay = scholia_store_add_document (s.store, "The Tamsel Locks", "Pia Sorensen", "2008", "", ESSAY_TEXT,
                                        NULL, &error);
  g_assert_no_error (error);
  seminar = scholia_store_add_seminar (s.store, SEMINAR_UUID, "Canals", "/srv/canals",
                                       SCHOLIA_SEMINAR_PARTICIPANT, ME, "Ida Moss", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_add_seminar_essay (s.store, seminar, s.essay, &error));
  g_assert_no_error (error);

  evidence = scholia_label_get_id (scholia_store_find_label (s.store, SCHOLIA_TYPE_TAG, "evidence", NULL));
  first = scholia_store_add_annotation (s.store, s.essay, 0, 40, &evidence, 1, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  second = scholia_store_add_annotation (s.store, s.essay, 90, 120, &evidence, 1, NULL, 0, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (scholia_window_show_document (s.window, s.essay));
  wait_for_layout (s.window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (s.window), "doc.show-agreement", NULL));
  drain_main_context ();
  return s;
}

static void
close_seminar (Seminar *s)
{
  gtk_window_destroy (GTK_WINDOW (s->window));
  g_assert_finalize_object (s->window);
}

typedef gboolean (*WidgetMatch) (GtkWidget     *widget,
                                 gconstpointer  data);

/* @widget or its first descendant that @match accepts, or NULL. */
static GtkWidget *
find_matching (GtkWidget     *widget,
               WidgetMatch    match,
               gconstpointer  data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_matching (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A label on screen (a drop-down's button also holds a hidden "(None)"). */
static gboolean
is_shown_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget);
}

/* A list row titled @data. */
static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* A button that activates the action @data. */
static gboolean
is_action_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/* What the drop-down's button shows. */
static const char *
shown_tag_name (ScholiaAgreementBar *bar)
{
  GtkWidget *dropdown = find_descendant (GTK_WIDGET (bar), GTK_TYPE_DROP_DOWN);
  GtkWidget *label = find_matching (find_descendant (dropdown, GTK_TYPE_TOGGLE_BUTTON), is_shown_label, NULL);

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

static gboolean
has_substring (const char *text,
               const char *wanted)
{
  return text != NULL && strstr (text, wanted) != NULL;
}

static void
test_agreement_follows_tag (Fixture       *fixture,
                            gconstpointer  data)
{
  Seminar s = open_seminar (fixture, 1260, 780);
  ScholiaAgreementBar *bar = page_child (s.window, "agreement_bar");
  ScholiaLabel *evidence = scholia_store_find_label (s.store, SCHOLIA_TYPE_TAG, "evidence", NULL);
  ScholiaLabel *neighbour;
  ScholiaAgreementStrip *strip = window_agreement_strip (s.window);
  GdkRGBA purple;
  GListModel *tags = scholia_store_get_labels (s.store, SCHOLIA_TYPE_TAG);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (strip);
  g_assert_true (scholia_agreement_bar_get_tag (bar) == evidence);
  g_assert_cmpstr (shown_tag_name (bar), ==, "evidence");

  /* Renamed: the button says the new name, the tag stays chosen and the summary names it. */
  g_assert_true (scholia_store_update_label (s.store, evidence, "testimony", NULL, NULL, &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_true (scholia_agreement_bar_get_tag (bar) == evidence);
  g_assert_cmpstr (shown_tag_name (bar), ==, "testimony");
  g_assert_true (has_substring (scholia_agreement_bar_get_summary (bar), "Agreement on testimony"));

  /* Recoloured: the strip shades in the new colour at once. */
  g_assert_true (scholia_store_update_label (s.store, evidence, NULL, "#7a28c8", NULL, &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_true (gdk_rgba_parse (&purple, "#7a28c8"));
  g_assert_true (window_agreement_strip (s.window) == strip);
  g_assert_true (gdk_rgba_equal (scholia_agreement_strip_get_colour (strip), &purple));

  /* Moved to the end of the palette (the list is spliced anew): still the one mapped. */
  g_assert_true (scholia_store_move_label (s.store, evidence, g_list_model_get_n_items (tags) - 1, &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_true (scholia_agreement_bar_get_tag (bar) == evidence);
  g_assert_cmpstr (shown_tag_name (bar), ==, "testimony");

  /* Deleted: the bar maps the tag next to it in the list, under its own name. */
  g_assert_true (scholia_store_delete_label (s.store, evidence, &error));
  g_assert_no_error (error);
  drain_main_context ();
  neighbour = scholia_agreement_bar_get_tag (bar);
  g_assert_nonnull (neighbour);
  g_assert_true (neighbour != evidence);
  g_assert_cmpstr (shown_tag_name (bar), ==, scholia_label_get_name (neighbour));
  g_assert_true (has_substring (scholia_agreement_bar_get_summary (bar), scholia_label_get_name (neighbour)));
  g_assert_false (has_substring (scholia_agreement_bar_get_summary (bar), "testimony"));

  /* Every tag deleted: nothing is mapped, the bar says why and the margin shows no stale map. */
  while (g_list_model_get_n_items (tags) > 0)
    {
      g_autoptr(ScholiaLabel) tag = g_list_model_get_item (tags, 0);

      g_assert_true (scholia_store_delete_label (s.store, tag, &error));
      g_assert_no_error (error);
    }
  drain_main_context ();
  g_assert_null (scholia_agreement_bar_get_tag (bar));
  g_assert_null (window_agreement_strip (s.window));
  g_assert_true (has_substring (scholia_agreement_bar_get_summary (bar), "No tag to map"));

  close_seminar (&s);
}

static gboolean
pane_at_rest (gpointer data)
{
  ScholiaWindow *window = data;
  AdwFlap *flap = page_child (window, "inspector_flap");

  /* Opened, and the agreement bar laid out under it. */
  return adw_flap_get_reveal_progress (flap) >= 1.0 &&
         gtk_widget_get_width (page_child (window, "agreement_bar")) > 0;
}

/* Runs the main loop until @condition holds; no test here waits more than a few seconds. */
static void
wait_until (gboolean (*condition) (gpointer data),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
    }
  drain_main_context ();
}

static const char *
summary_label_tooltip (ScholiaAgreementBar *bar)
{
  const char *summary = scholia_agreement_bar_get_summary (bar);
  GtkWidget *box = gtk_widget_get_first_child (GTK_WIDGET (bar));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), summary) == 0)
      {
        g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (child)), ==, PANGO_ELLIPSIZE_END);
        return gtk_widget_get_tooltip_text (child);
      }
  return NULL;
}

static void
assert_bar_whole (Seminar *s)
{
  ScholiaAgreementBar *bar = page_child (s->window, "agreement_bar");
  GtkWidget *pane = adw_flap_get_flap (page_child (s->window, "inspector_flap"));
  GtkWidget *dropdown = find_descendant (GTK_WIDGET (bar), GTK_TYPE_DROP_DOWN);
  GtkWidget *close = find_descendant (GTK_WIDGET (bar), GTK_TYPE_BUTTON);
  graphene_rect_t window_bounds, bar_bounds, pane_bounds, part;

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (s->window), GTK_WIDGET (s->window), &window_bounds));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (bar), GTK_WIDGET (s->window), &bar_bounds));
  g_assert_true (gtk_widget_compute_bounds (pane, GTK_WIDGET (s->window), &pane_bounds));
  g_assert_cmpfloat (bar_bounds.size.width, >, 0);
  g_assert_true (graphene_rect_contains_rect (&window_bounds, &bar_bounds));
  g_assert_false (graphene_rect_intersection (&bar_bounds, &pane_bounds, NULL));

  /* Its controls within it, and so within the window: the tag's drop-down, the close button. */
  g_assert_true (gtk_widget_compute_bounds (dropdown, GTK_WIDGET (s->window), &part));
  g_assert_true (graphene_rect_contains_rect (&bar_bounds, &part));
  g_assert_true (gtk_widget_compute_bounds (close, GTK_WIDGET (s->window), &part));
  g_assert_true (graphene_rect_contains_rect (&bar_bounds, &part));
  g_assert_cmpfloat (part.size.width, >, 0);

  /* The summary, shortened to fit, is whole in its tooltip. */
  g_assert_cmpstr (summary_label_tooltip (bar), ==, scholia_agreement_bar_get_summary (bar));
}

static void
test_bar_in_small_window (Fixture       *fixture,
                          gconstpointer  data)
{
  Seminar s = open_seminar (fixture, 800, 600);

  g_assert_true (scholia_document_page_get_pane_folded (window_page (s.window)));
  scholia_document_page_set_pane_revealed (window_page (s.window), TRUE);
  wait_until (pane_at_rest, s.window);
  assert_bar_whole (&s);

  close_seminar (&s);
}

static void
test_bar_in_large_window (Fixture       *fixture,
                          gconstpointer  data)
{
  Seminar s = open_seminar (fixture, 1260, 780);

  scholia_document_page_set_pane_revealed (window_page (s.window), TRUE);
  wait_until (pane_at_rest, s.window);
  assert_bar_whole (&s);

  close_seminar (&s);
}

/* A window on the fixture's library, shown. */
static ScholiaWindow *
open_library_window (Fixture *fixture)
{
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));

  g_assert_true (scholia_window_open_library (window, fixture->library));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
close_window (ScholiaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
on_async_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Runs the main loop until the call that was handed @slot has answered. */
static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gint64
seconds_until (GSource *source)
{
  return (g_source_get_ready_time (source) - g_get_monotonic_time ()) / G_USEC_PER_SEC;
}

static gboolean
spinner_spins (gpointer data)
{
  return gtk_spinner_get_spinning (window_child (data, "seminar_spinner"));
}

static gboolean
spinner_stopped (gpointer data)
{
  return !spinner_spins (data);
}

/* The sync every "seminar-sync-interval" minutes, fired without waiting them: it brings the
 * leader's new annotation, says so in the status, and follows the setting. */
static void
test_sync_timer (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "Canals", NULL);
  g_autofree char *leader_path = g_build_filename (fixture->dir, "leader.sqlite3", NULL);
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) leader = scholia_store_open (leader_path, &error);
  ScholiaDocument *essay;
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaSeminar) joined = NULL;
  g_autoptr(ScholiaAnnotation) marked = NULL;
  g_autoptr(ScholiaSeminarSync) sync = NULL;
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GAsyncResult) joining = NULL;
  g_autoptr(ScholiaDocument) copy = NULL;
  g_autoptr(GListModel) annotations = NULL;
  ScholiaWindow *window;
  ScholiaStore *store;
  GSource *timer;
  gint64 id;
  gint64 evidence;

  g_assert_no_error (error);
  essay = scholia_store_add_document (leader, "The Tamsel Locks", "Pia Sorensen", "2008", "", ESSAY_TEXT,
                                      NULL, &error);
  g_assert_no_error (error);
  id = scholia_document_get_id (essay);
  scholia_seminar_create_async (leader, "Canals", folder, &id, 1, "", FALSE, FALSE, "Ida Moss", NULL,
                                on_async_done_cb, &created);
  seminar = scholia_seminar_create_finish (leader, wait_for_result (&created), &error);
  g_assert_no_error (error);

  window = open_library_window (fixture);
  store = scholia_window_get_store (window);
  scholia_seminar_join_async (store, folder, "Jon Reed", NULL, on_async_done_cb, &joining);
  joined = scholia_seminar_join_finish (store, wait_for_result (&joining), &error);
  g_assert_no_error (error);
  copy = g_list_model_get_item (scholia_store_get_documents (store), 0);

  /* The leader marks a passage and syncs; the student's library does not have it yet. */
  evidence = scholia_label_get_id (scholia_store_find_label (leader, SCHOLIA_TYPE_TAG, "evidence", NULL));
  marked = scholia_store_add_annotation (leader, essay, 0, 40, &evidence, 1, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  sync = scholia_seminar_sync_new (leader, seminar);
  g_assert_true (scholia_seminar_sync_run (sync, NULL, &error));
  g_assert_no_error (error);
  annotations = scholia_store_list_annotations (store, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 0);
  g_clear_object (&annotations);

  /* Five minutes away by default; made due now, it syncs, and the next is five minutes on. */
  timer = _scholia_window_get_seminar_timer (window);
  g_assert_nonnull (timer);
  g_assert_cmpint (seconds_until (timer), >=, 5 * 60 - 3);
  g_assert_cmpint (seconds_until (timer), <=, 5 * 60 + 1);
  g_source_set_ready_time (timer, 0);
  wait_until (spinner_spins, window);
  wait_until (spinner_stopped, window);
  g_assert_cmpstr (gtk_label_get_label (window_child (window, "seminar_status_label")), ==, "Synced just now");
  annotations = scholia_store_list_annotations (store, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 1);
  g_assert_true (_scholia_window_get_seminar_timer (window) == timer);
  g_assert_cmpint (seconds_until (timer), >=, 5 * 60 - 3);

  /* A new interval takes effect at once; 0 syncs only when asked, as the schema says. */
  g_settings_set_uint (settings, "seminar-sync-interval", 1);
  drain_main_context ();
  timer = _scholia_window_get_seminar_timer (window);
  g_assert_nonnull (timer);
  g_assert_cmpint (seconds_until (timer), >=, 60 - 3);
  g_assert_cmpint (seconds_until (timer), <=, 60 + 1);
  g_settings_set_uint (settings, "seminar-sync-interval", 0);
  drain_main_context ();
  g_assert_null (_scholia_window_get_seminar_timer (window));
  g_settings_reset (settings, "seminar-sync-interval");
  drain_main_context ();
  g_assert_nonnull (_scholia_window_get_seminar_timer (window));

  close_window (window);
}

static gboolean
dialog_idle (gpointer data)
{
  return !scholia_seminar_dialog_get_busy (data);
}

/* The password goes to the keyring in the background: the dialog is busy (its Cancel live, the
 * window drawn) while the keyring answers, and the keyring's failure, here that none runs, is
 * said in the dialog, which stays open to try again. */
static void
test_password_kept_in_background (Fixture       *fixture,
                                  gconstpointer  data)
{
  ScholiaWindow *window = open_library_window (fixture);
  g_autoptr(ScholiaSeminarDialog) dialog = NULL;
  g_autoptr(GPtrArray) seminars = NULL;

  g_unsetenv ("SCHOLIA_WEBDAV_PASSWORD");
  dialog = open_seminar_dialog (window, "library.join-seminar");
  scholia_seminar_dialog_set_location (dialog, "https://127.0.0.1:9/dav/files/ida/Canals/");
  scholia_seminar_dialog_set_credentials (dialog, "ida@example.edu", "app-password");
  scholia_seminar_dialog_set_my_name (dialog, "Ida Moss");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "seminar.start", NULL));
  g_assert_true (scholia_seminar_dialog_get_busy (dialog));
  g_assert_null (scholia_seminar_dialog_get_error (dialog));

  wait_until (dialog_idle, dialog);
  g_assert_true (has_substring (scholia_seminar_dialog_get_error (dialog), "keyring"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  seminars = scholia_store_list_seminars (scholia_window_get_store (window), NULL);
  g_assert_cmpuint (seminars->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}

static gboolean
row_hidden (gpointer data)
{
  return !gtk_widget_get_child_visible (data);
}

/* The essays to share: a search narrows the list as it is typed, Select All and Select None
 * act on the rows shown, and the dialog counts the essays ticked, Create needing one. */
static void
test_choose_essays (Fixture       *fixture,
                    gconstpointer  data)
{
  ScholiaWindow *window = open_library_window (fixture);
  const char *titles[][2] = {
    { "The Tamsel Locks", "Pia Sorensen" },
    { "Lock Dues on the Arlen", "Tove Berg" },
    { "Harbour Masters of Quell", "Pia Sorensen" },
  };
  ScholiaDocument *essays[G_N_ELEMENTS (titles)];
  g_autoptr(ScholiaSeminarDialog) dialog = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *search;
  GtkWidget *harbour_row;
  GtkWidget *create;
  ScholiaStore *store;

  store = scholia_window_get_store (window);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      essays[i] = scholia_store_add_document (store, titles[i][0], titles[i][1], "2010", "", ESSAY_TEXT,
                                              NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (scholia_window_show_document (window, essays[1]));
  drain_main_context ();

  /* The essay being read comes ticked, and the count says so. */
  dialog = open_seminar_dialog (window, "library.new-seminar");
  g_assert_true (scholia_seminar_dialog_get_essay_included (dialog, scholia_document_get_id (essays[1])));
  g_assert_cmpstr (scholia_seminar_dialog_get_essays_summary (dialog), ==, "1 essay will be shared");
  create = find_matching (GTK_WIDGET (dialog), is_action_button, "seminar.start");
  g_assert_true (gtk_widget_get_sensitive (create));

  /* "lock" finds the two lock essays; Select All ticks those two, not the harbour one. */
  search = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (find_matching (GTK_WIDGET (dialog), is_action_button, "seminar.select-all-essays"));
  g_assert_nonnull (find_matching (GTK_WIDGET (dialog), is_action_button, "seminar.select-no-essays"));
  harbour_row = find_matching (GTK_WIDGET (dialog), is_row_titled, "Harbour Masters of Quell");
  g_assert_true (gtk_widget_get_child_visible (harbour_row));
  scholia_seminar_dialog_set_essay_included (dialog, scholia_document_get_id (essays[2]), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (search), "LOCK");
  wait_until (row_hidden, harbour_row);
  /* A ticked essay the search hides is still shared, and the count says so. */
  g_assert_cmpstr (scholia_seminar_dialog_get_essays_summary (dialog), ==,
                   "2 essays will be shared, 1 of them not shown by the search");
  scholia_seminar_dialog_set_essay_included (dialog, scholia_document_get_id (essays[2]), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "seminar.select-all-essays", NULL));
  g_assert_true (scholia_seminar_dialog_get_essay_included (dialog, scholia_document_get_id (essays[0])));
  g_assert_true (scholia_seminar_dialog_get_essay_included (dialog, scholia_document_get_id (essays[1])));
  g_assert_false (scholia_seminar_dialog_get_essay_included (dialog, scholia_document_get_id (essays[2])));
  g_assert_cmpstr (scholia_seminar_dialog_get_essays_summary (dialog), ==, "2 essays will be shared");

  /* Select None on them: nothing to share, and Create cannot be pressed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "seminar.select-no-essays", NULL));
  g_assert_cmpstr (scholia_seminar_dialog_get_essays_summary (dialog), ==,
                   "Tick the essays to share: none is ticked yet.");
  g_assert_false (gtk_widget_get_sensitive (create));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "seminar.start", NULL);
  g_assert_false (scholia_seminar_dialog_get_busy (dialog));

  /* Searching by author, then clearing the search: every essay shown again. */
  gtk_editable_set_text (GTK_EDITABLE (search), "sorensen harbour");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "seminar.select-all-essays", NULL));
  g_assert_cmpstr (scholia_seminar_dialog_get_essays_summary (dialog), ==, "1 essay will be shared");
  g_assert_true (scholia_seminar_dialog_get_essay_included (dialog, scholia_document_get_id (essays[2])));
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "seminar.select-all-essays", NULL));
  g_assert_cmpstr (scholia_seminar_dialog_get_essays_summary (dialog), ==, "3 essays will be shared");
  g_assert_true (gtk_widget_get_sensitive (create));

  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  test_add_with_library ("/window/seminar-more/agreement-follows-tag", test_agreement_follows_tag);
  test_add_with_library ("/window/seminar-more/agreement-bar-800x600", test_bar_in_small_window);
  test_add_with_library ("/window/seminar-more/agreement-bar-large", test_bar_in_large_window);
  test_add_with_library ("/window/seminar-more/choose-essays", test_choose_essays);
  test_add_with_library ("/window/seminar-more/sync-timer", test_sync_timer);
  test_add_with_library ("/window/seminar-more/password-kept-in-background", test_password_kept_in_background);

  return g_test_run ();
}
