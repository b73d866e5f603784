/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Issue 14 in the window: the replies under a seminar annotation in the inspector (typed and
 * sent with Ctrl+Enter, they are in the thread and in my outbox; new ones are marked and count
 * as read once shown; only mine can be deleted), another participant's annotation shown
 * read-only, and the agreement map (heat strip and α) of an essay for one tag. */

#include "config.h"

#include <string.h>

#include "scholia-agreement-bar.h"
#include "scholia-agreement-strip.h"
#include "scholia-reply-thread.h"
#include "scholia-seminar-agreement.h"
#include "scholia-seminar-store.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-keys.h"
#include "test-ui.h"

#define SEMINAR_UUID "5e111a40-0000-4000-8000-000000000114"
#define ME    "00000000-0000-4000-8000-0000000000ee"
#define ANA   "a0000000-0000-4000-8000-00000000000a"
#define BRUNO "b0000000-0000-4000-8000-00000000000b"
#define CLARA "c0000000-0000-4000-8000-00000000000c"
#define ANA_NOTE_UUID   "a1000000-0000-4000-8000-000000000001"
#define BRUNO_NOTE_UUID "b1000000-0000-4000-8000-000000000001"
#define CLARA_NOTE_UUID "c1000000-0000-4000-8000-000000000001"

/* Invented for this test. */
#define ESSAY_TEXT \
  "The toll-keepers of Arnholt wrote every cart into a ledger, and the ledgers survive whole. " \
  "Nobody has asked why the entries stop for nine days in the spring of 1741.\n\n" \
  "A letter from the magistrate, found in a bishop's archive, speaks of a flood on the lower road."

typedef TestLibraryFixture Fixture;

typedef struct
{
  ScholiaWindow   *window;
  ScholiaStore    *store;
  ScholiaDocument *essay;
  ScholiaDocument *private_essay;   /* in no seminar */
} Seminar;

static ScholiaLogRecord *
put (const char *author,
     const char *uuid,
     guint       start,
     guint       end,
     const char *note,
     const char *document_uuid)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_PUT_ANNOTATION);

  record->hlc = g_strdup_printf ("%016" G_GINT64_FORMAT "-0000-%s", (gint64) 1764700000000, author);
  record->author = g_strdup (author);
  record->uuid = g_strdup (uuid);
  record->created = record->modified = 1764700000;
  record->document_uuid = g_strdup (document_uuid);
  record->start = start;
  record->end = end;
  record->quote = g_utf8_substring (ESSAY_TEXT, start, end);
  record->prefix = g_strdup ("");
  record->suffix = g_strdup ("");
  g_free (record->note);
  record->note = g_strdup (note);
  g_strfreev (record->tags);
  record->tags = g_strsplit ("evidence", ",", -1);
  return record;
}

static ScholiaLogRecord *
reply (const char *author,
       const char *uuid,
       gint64      seconds,
       const char *target,
       const char *body)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_PUT_REPLY);

  record->hlc = g_strdup_printf ("%016" G_GINT64_FORMAT "-0000-%s", seconds * 1000, author);
  record->author = g_strdup (author);
  record->uuid = g_strdup (uuid);
  record->created = record->modified = seconds;
  record->target_uuid = g_strdup (target);
  record->body = g_strdup (body);
  return record;
}

static void
merge (ScholiaStore     *store,
       ScholiaSeminar   *seminar,
       const char       *owner,
       const char       *name,
       ScholiaLogRecord *first,
       ...)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_log_record_free);
  g_autoptr(GError) error = NULL;
  ScholiaMergeReport report = { 0 };
  va_list args;

  va_start (args, first);
  for (ScholiaLogRecord *record = first; record != NULL; record = va_arg (args, ScholiaLogRecord *))
    {
      record->line = log->len + 1;
      g_ptr_array_add (log, record);
    }
  va_end (args);

  g_assert_true (scholia_store_merge_log (store, seminar, owner, name, log, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.forged, ==, 0);
  g_assert_cmpuint (report.applied, ==, log->len);
  scholia_merge_report_clear (&report);
}

/* A library in a seminar with Ana, Bruno and Clara: each marked some of the essay as evidence,
 * and Bruno answered Ana twice. Another essay is mine alone. */
static Seminar
open_seminar (Fixture *fixture)
{
  Seminar s = { 0 };
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(GError) error = NULL;
  const char *essay;

  s.window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_assert_true (scholia_window_open_library (s.window, fixture->library));
  gtk_window_set_default_size (GTK_WINDOW (s.window), 1260, 780);
  gtk_window_present (GTK_WINDOW (s.window));
  drain_main_context ();

  s.store = scholia_window_get_store (s.window);
  s.essay = scholia_store_add_document (s.store, "The Arnholt Tolls", "Hedda Lind", "2011", "", ESSAY_TEXT,
                                        NULL, &error);
  g_assert_no_error (error);
  s.private_essay = scholia_store_add_document (s.store, "Notes on Ferries", "Oren Vale", "2019", "",
                                                "Ferries crossed the Senn at four places until the bridge.",
                                                NULL, &error);
  g_assert_no_error (error);
  seminar = scholia_store_add_seminar (s.store, SEMINAR_UUID, "Rivers and Tolls", "/srv/seminar",
                                       SCHOLIA_SEMINAR_PARTICIPANT, ME, "Eli Marsh", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_add_seminar_essay (s.store, seminar, s.essay, &error));
  g_assert_no_error (error);

  essay = scholia_document_get_uuid (s.essay);
  merge (s.store, seminar, ANA, "Ana Petrov", put (ANA, ANA_NOTE_UUID, 0, 40, "The ledgers are complete.", essay), NULL);
  merge (s.store, seminar, BRUNO, "Bruno Sato",
         put (BRUNO, BRUNO_NOTE_UUID, 10, 40, "", essay),
         reply (BRUNO, "b2000000-0000-4000-8000-000000000001", 1764700100, ANA_NOTE_UUID,
                "Complete, or only bound together later?"),
         reply (BRUNO, "b2000000-0000-4000-8000-000000000002", 1764700200, ANA_NOTE_UUID,
                "The binding is from 1803."),
         NULL);
  merge (s.store, seminar, CLARA, "Clara Nunes", put (CLARA, CLARA_NOTE_UUID, 60, 80, "", essay), NULL);

  g_assert_true (scholia_window_show_document (s.window, s.essay));
  wait_for_layout (s.window);
  return s;
}

static void
close_seminar (Seminar *s)
{
  gtk_window_destroy (GTK_WINDOW (s->window));
  g_assert_finalize_object (s->window);
}

static ScholiaAnnotation *
find_annotation (ScholiaWindow *window,
                 const char    *uuid)
{
  GListModel *annotations = scholia_reading_get_annotations (scholia_document_page_get_reading (window_page (window)));

  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      if (g_str_equal (scholia_annotation_get_uuid (annotation), uuid))
        return annotation;
    }
  g_assert_not_reached ();
}

/* Shows @uuid's annotation in the inspector, on screen. */
static void
inspect (ScholiaWindow *window,
         const char    *uuid)
{
  scholia_annotation_inspector_set_annotation (window_inspector (window), find_annotation (window, uuid));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.show-inspector", NULL));
  wait_for_pane (window);
  drain_main_context ();
}

static gpointer
inspector_child (ScholiaWindow *window,
                 const char    *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window_inspector (window)), SCHOLIA_TYPE_ANNOTATION_INSPECTOR, name);
}

static ScholiaReplyThread *
thread_of (ScholiaWindow *window)
{
  return inspector_child (window, "reply_thread");
}

static gpointer
thread_child (ScholiaWindow *window,
              const char    *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (thread_of (window)), SCHOLIA_TYPE_REPLY_THREAD, name);
}

/* The first descendant of @widget named @name, or NULL. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_rows (ScholiaWindow *window)
{
  GtkListBox *list = thread_child (window, "replies_list");
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static GtkWidget *
row_at (ScholiaWindow *window,
        int            index)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (thread_child (window, "replies_list")), index));
}

static const char *
row_text (ScholiaWindow *window,
          int            index,
          const char    *part)
{
  return gtk_label_get_text (GTK_LABEL (find_named (row_at (window, index), part)));
}

static gint64
count_unread (Fixture *fixture)
{
  return test_sql_int (fixture->library, "SELECT count(*) FROM replies WHERE read = 0");
}

static gboolean
has_three_rows (gpointer data)
{
  return count_rows (data) == 3;
}

static void
test_send_and_read (Fixture       *fixture,
                    gconstpointer  data)
{
  Seminar s = open_seminar (fixture);
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(GError) error = NULL;
  ScholiaLogRecord *sent;

  if (!test_keys_available ())
    {
      close_seminar (&s);
      return;
    }

  /* Bruno's two replies arrived unread; showing them marks them read, but they stay marked
   * and counted while the annotation is shown. */
  g_assert_cmpint (count_unread (fixture), ==, 2);
  scholia_annotation_inspector_set_annotation (window_inspector (s.window), find_annotation (s.window, ANA_NOTE_UUID));
  drain_main_context ();
  g_assert_cmpint (count_unread (fixture), ==, 2);
  inspect (s.window, ANA_NOTE_UUID);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (thread_of (s.window))));
  g_assert_cmpuint (count_rows (s.window), ==, 2);
  g_assert_cmpint (count_unread (fixture), ==, 0);
  g_assert_cmpuint (scholia_reply_thread_get_n_unread (thread_of (s.window)), ==, 2);
  g_assert_cmpstr (gtk_label_get_text (thread_child (s.window, "count_label")), ==, "2 new");
  g_assert_cmpstr (gtk_widget_get_name (row_at (s.window, 0)), ==, "unread-reply");
  g_assert_cmpstr (row_text (s.window, 0, "reply-author"), ==, "Bruno Sato");
  g_assert_cmpstr (row_text (s.window, 0, "reply-body"), ==, "Complete, or only bound together later?");
  g_assert_cmpstr (row_text (s.window, 1, "reply-body"), ==, "The binding is from 1803.");
  /* Another's reply cannot be deleted here. */
  g_assert_null (find_named (row_at (s.window, 0), "delete-reply"));

  /* Typed and sent with Ctrl+Enter, the reply is the thread's last, mine. */
  test_keys_focus (GTK_WINDOW (s.window));
  gtk_widget_grab_focus (thread_child (s.window, "reply_view"));
  drain_main_context ();
  test_keys_type ("Bound in 1803, written in 1741.");
  test_keys_press ("ctrl+Return");
  g_assert_true (test_keys_wait (has_three_rows, s.window));
  g_assert_cmpstr (row_text (s.window, 2, "reply-body"), ==, "Bound in 1803, written in 1741.");
  g_assert_cmpstr (row_text (s.window, 2, "reply-author"), ==, "Eli Marsh (you)");
  g_assert_nonnull (find_named (row_at (s.window, 2), "delete-reply"));

  /* In the store, and in my outbox for the next sync. */
  replies = scholia_store_list_replies (s.store, ANA_NOTE_UUID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replies->len, ==, 3);
  g_assert_cmpstr (((ScholiaReply *) g_ptr_array_index (replies, 2))->body, ==, "Bound in 1803, written in 1741.");
  seminar = scholia_store_find_seminar (s.store, SEMINAR_UUID, &error);
  g_assert_no_error (error);
  outbox = scholia_store_take_seminar_outbox (s.store, seminar, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 1);
  sent = g_ptr_array_index (outbox, 0);
  g_assert_cmpint (sent->op, ==, SCHOLIA_LOG_PUT_REPLY);
  g_assert_cmpstr (sent->target_uuid, ==, ANA_NOTE_UUID);
  g_assert_cmpstr (sent->body, ==, "Bound in 1803, written in 1741.");

  /* Coming back to the annotation, nothing is new any more. */
  inspect (s.window, BRUNO_NOTE_UUID);
  g_assert_cmpuint (count_rows (s.window), ==, 0);
  inspect (s.window, ANA_NOTE_UUID);
  g_assert_cmpuint (scholia_reply_thread_get_n_unread (thread_of (s.window)), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (thread_child (s.window, "count_label")), ==, "");
  g_assert_cmpstr (gtk_widget_get_name (row_at (s.window, 0)), ==, "reply");

  close_seminar (&s);
}

static void
test_delete_own_reply (Fixture       *fixture,
                       gconstpointer  data)
{
  Seminar s = open_seminar (fixture);
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  GtkWindow *dialog;

  inspect (s.window, CLARA_NOTE_UUID);
  buffer = gtk_text_view_get_buffer (thread_child (s.window, "reply_view"));
  gtk_text_buffer_set_text (buffer, "Where is the flood in the ledgers?", -1);
  g_signal_emit_by_name (thread_child (s.window, "send_button"), "clicked");
  drain_main_context ();
  g_assert_cmpuint (count_rows (s.window), ==, 1);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);

  /* Deleting asks first: a cancelled dialog keeps the reply. */
  g_signal_emit_by_name (find_named (row_at (s.window, 0), "delete-reply"), "clicked");
  drain_main_context ();
  dialog = find_transient (GTK_WINDOW (s.window), ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  drain_main_context ();
  g_assert_cmpuint (count_rows (s.window), ==, 1);

  g_signal_emit_by_name (find_named (row_at (s.window, 0), "delete-reply"), "clicked");
  drain_main_context ();
  dialog = find_transient (GTK_WINDOW (s.window), ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  gtk_window_destroy (dialog);
  drain_main_context ();
  g_assert_cmpuint (count_rows (s.window), ==, 0);
  g_assert_true (gtk_widget_get_visible (thread_child (s.window, "empty_label")));
  replies = scholia_store_list_replies (s.store, CLARA_NOTE_UUID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replies->len, ==, 0);

  close_seminar (&s);
}

static void
test_others_read_only (Fixture       *fixture,
                       gconstpointer  data)
{
  Seminar s = open_seminar (fixture);
  g_autoptr(ScholiaAnnotation) mine = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextView *note_view;
  GtkLabel *author_label;

  inspect (s.window, ANA_NOTE_UUID);
  note_view = inspector_child (s.window, "note_view");
  author_label = inspector_child (s.window, "author_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (author_label)));
  g_assert_cmpstr (gtk_label_get_text (author_label), ==, "Annotation by Ana Petrov");
  g_assert_false (gtk_text_view_get_editable (note_view));
  g_assert_false (gtk_widget_get_visible (inspector_child (s.window, "delete_button")));
  g_assert_false (gtk_widget_get_sensitive (inspector_child (s.window, "add_tag_button")));
  g_assert_false (gtk_widget_get_sensitive (inspector_child (s.window, "add_theme_button")));
  /* Typing reaches nothing: the note stays Ana's. */
  gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (note_view), "mine now", -1,
                                                gtk_text_view_get_editable (note_view));
  scholia_annotation_inspector_flush (window_inspector (s.window));
  g_assert_cmpstr (scholia_annotation_get_note (find_annotation (s.window, ANA_NOTE_UUID)), ==,
                   "The ledgers are complete.");

  /* Outside a seminar the inspector is as it always was. */
  g_assert_true (scholia_window_show_document (s.window, s.private_essay));
  mine = scholia_store_add_annotation (s.store, s.private_essay, 0, 7, NULL, 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  drain_main_context ();
  scholia_annotation_inspector_set_annotation (window_inspector (s.window), mine);
  drain_main_context ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (author_label)));
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (inspector_child (s.window, "note_view"))));
  g_assert_true (gtk_widget_get_visible (inspector_child (s.window, "delete_button")));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (thread_of (s.window))));

  close_seminar (&s);
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @widget has been through two frames, so that it is drawn as it is. */
static void
wait_for_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  gtk_widget_queue_draw (widget);
  while (frames < 2)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
}

/* The colour (0xRRGGBB) the reader shows in the strip's column beside code point @offset, as
 * rendered now. */
static guint32
strip_pixel (ScholiaWindow *window,
             int            strip_x,
             int            offset)
{
  GtkWidget *view = GTK_WIDGET (scholia_reading_view_get_source_view (window_reader (window)));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (view);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GtkTextIter iter;
  GdkRectangle location;
  int width = gtk_widget_get_width (view);
  int height = gtk_widget_get_height (view);
  int y;
  const guchar *pixel;

  wait_for_frames (view);
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &iter, offset);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &iter, &location);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_WIDGET, 0, location.y + location.height / 2,
                                         NULL, &y);
  g_assert_cmpint (y, >, 0);
  g_assert_cmpint (y, <, height);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (view)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  /* Cairo's ARGB32 in memory: B, G, R, A. */
  pixel = pixels + ((gsize) y * width + strip_x) * 4;
  return (guint32) pixel[2] << 16 | (guint32) pixel[1] << 8 | pixel[0];
}

static void
test_agreement_map (Fixture       *fixture,
                    gconstpointer  data)
{
  Seminar s = open_seminar (fixture);
  g_autoptr(ScholiaAgreement) expected = scholia_agreement_new (g_utf8_strlen (ESSAY_TEXT, -1), 3);
  g_autofree char *summary = NULL;
  g_autofree char *alpha = NULL;
  ScholiaAgreementAlpha value;
  ScholiaAgreementBar *bar = page_child (s.window, "agreement_bar");
  ScholiaAgreementStrip *strip;
  const ScholiaAgreementSegment *segments;
  guint n_segments;

  /* Off by default. */
  g_assert_null (window_agreement_strip (s.window));
  g_assert_false (gtk_revealer_get_reveal_child (page_child (s.window, "agreement_revealer")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (s.window), "doc.show-agreement", NULL));
  drain_main_context ();
  strip = window_agreement_strip (s.window);
  g_assert_nonnull (strip);
  g_assert_true (gtk_revealer_get_reveal_child (page_child (s.window, "agreement_revealer")));
  g_assert_cmpstr (scholia_label_get_name (scholia_agreement_bar_get_tag (bar)), ==, "evidence");

  /* Ana 0–40, Bruno 10–40, Clara 60–80: three shaded stretches, one, two and one of three. */
  segments = scholia_agreement_get_segments (scholia_agreement_strip_get_agreement (strip), &n_segments);
  g_assert_cmpuint (n_segments, ==, 3);
  g_assert_cmpuint (segments[1].start, ==, 10);
  g_assert_cmpuint (segments[1].end, ==, 40);
  g_assert_cmpuint (segments[1].n_marking, ==, 2);
  g_assert_cmpfloat_with_epsilon (scholia_agreement_strip_get_share (strip, 0, 10), 1.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (scholia_agreement_strip_get_share (strip, 0, 50), 2.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (scholia_agreement_strip_get_share (strip, 40, 60), 0, 1e-9);

  /* Drawn: the first line, which two of three marked, is shaded; the second paragraph, which
   * nobody marked, is not. */
  {
    GtkSourceView *view = scholia_reading_view_get_source_view (window_reader (s.window));
    GtkWidget *gutter = GTK_WIDGET (gtk_source_view_get_gutter (view, GTK_TEXT_WINDOW_LEFT));
    graphene_point_t origin;
    guint32 marked, blank;

    /* The strip is the gutter's last column, next to the text (renderers are not placed as
     * widgets are, so the gutter's own place is asked). */
    g_assert_true (gtk_widget_compute_point (gutter, GTK_WIDGET (view), &GRAPHENE_POINT_INIT (0, 0), &origin));
    origin.x += gtk_widget_get_width (gutter) - gtk_widget_get_width (GTK_WIDGET (strip)) + 4;
    marked = strip_pixel (s.window, (int) origin.x, 0);
    blank = strip_pixel (s.window, (int) origin.x, (int) g_utf8_strlen (ESSAY_TEXT, strstr (ESSAY_TEXT, "A letter") - ESSAY_TEXT));
    g_assert_cmphex (marked, !=, blank);
    /* Green, the "evidence" tag's colour, dominates the shade. */
    g_assert_cmpuint ((marked >> 8) & 0xff, >, (marked >> 16) & 0xff);
  }

  /* α in words, as computed from the same spans by hand. */
  scholia_agreement_add_span (expected, 0, 0, 40);
  scholia_agreement_add_span (expected, 1, 10, 40);
  scholia_agreement_add_span (expected, 2, 60, 80);
  g_assert_true (scholia_agreement_get_alpha (expected, &value));
  alpha = g_strdup_printf ("%.2f", value.alpha);
  summary = g_strdup_printf ("Agreement on evidence: α = %s (3 participants)", alpha);
  g_assert_cmpstr (scholia_agreement_bar_get_summary (bar), ==, summary);

  /* Bruno's change of mind, merged by a sync, redraws the map. */
  {
    g_autoptr(ScholiaSeminar) seminar = scholia_store_find_seminar (s.store, SEMINAR_UUID, NULL);
    ScholiaLogRecord *moved = put (BRUNO, BRUNO_NOTE_UUID, 60, 80, "", scholia_document_get_uuid (s.essay));

    g_free (moved->hlc);
    moved->hlc = g_strdup_printf ("%016" G_GINT64_FORMAT "-0000-%s", (gint64) 1764700900000, BRUNO);
    merge (s.store, seminar, BRUNO, "Bruno Sato", moved, NULL);
  }
  drain_main_context ();
  segments = scholia_agreement_get_segments (scholia_agreement_strip_get_agreement (strip), &n_segments);
  g_assert_cmpuint (n_segments, ==, 2);
  g_assert_cmpuint (segments[1].n_marking, ==, 2);

  /* My own annotation, not yet published, counts as mine: a fourth participant. */
  {
    ScholiaLabel *evidence = scholia_agreement_bar_get_tag (bar);
    gint64 tag_id = scholia_label_get_id (evidence);
    g_autoptr(ScholiaAnnotation) mine = NULL;
    g_autoptr(GError) error = NULL;

    mine = scholia_store_add_annotation (s.store, s.essay, 60, 80, &tag_id, 1, NULL, 0, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (scholia_annotation_get_participant_id (mine), ==, 0);
    drain_main_context ();
    g_assert_true (g_str_has_suffix (scholia_agreement_bar_get_summary (bar), "(4 participants)"));
    segments = scholia_agreement_get_segments (scholia_agreement_strip_get_agreement (strip), &n_segments);
    g_assert_cmpuint (segments[n_segments - 1].n_marking, ==, 3);
  }

  /* Off again: no strip, no bar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (s.window), "doc.show-agreement", NULL));
  drain_main_context ();
  g_assert_null (window_agreement_strip (s.window));
  g_assert_false (gtk_revealer_get_reveal_child (page_child (s.window, "agreement_revealer")));

  /* An essay in no seminar has no agreement to map. */
  g_assert_true (scholia_window_show_document (s.window, s.private_essay));
  drain_main_context ();
  g_assert_false (g_action_group_get_action_enabled (scholia_document_page_get_action_group (window_page (s.window), "doc"),
                                                     "show-agreement"));

  close_seminar (&s);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);

  test_add_with_library ("/window/replies/send-and-read", test_send_and_read);
  test_add_with_library ("/window/replies/delete-own", test_delete_own_reply);
  test_add_with_library ("/window/replies/others-read-only", test_others_read_only);
  test_add_with_library ("/window/agreement/map", test_agreement_map);

  return g_test_run ();
}
