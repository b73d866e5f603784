/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "scholia-highlighter.h"
#include "scholia-highlighter-private.h"
#include "scholia-store.h"
#include "test-files.h"
#include "test-ui.h"

/* An original essay with curly quotes, accents, dashes and an emoji
 * outside the Basic Multilingual Plane, so code points and bytes differ. */
static const char essay[] =
  "“The Ledger of Saint-Aubin” — a note on tithe records, 1742–1789.\n"
  "Marguerite Dufresne’s argument is simple: the parish clerks of Évreux counted grain, "
  "not people. Their ledgers, she writes, “tell us what the abbey wanted, never what the "
  "village ate.” The surviving folios — some forty in all — bear this out.\n"
  "Yet the tolls at the bridge 🦉 suggest otherwise: traffic rose in lean years.\n"
  "Her critics, led by Anselm Brück, call the method naïve.";

typedef struct
{
  char               *dir;
  ScholiaStore       *store;
  ScholiaDocument    *document;
  ScholiaReading     *reading;
  GtkWindow          *window;
  GtkSourceView      *view;
  GtkTextBuffer      *buffer;
  ScholiaHighlighter *highlighter;
  gint64              thesis;
  gint64              evidence;
  gint64              source;
  GPtrArray          *activated;
  GPtrArray          *activated_several;
} Fixture;

static gint64
tag_id (ScholiaStore *store,
        const char   *name)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *tag = scholia_store_find_label (store, SCHOLIA_TYPE_TAG, name, &error);

  g_assert_no_error (error);
  return scholia_label_get_id (tag);
}

static void
on_annotation_activated_cb (ScholiaHighlighter *highlighter,
                            ScholiaAnnotation  *annotation,
                            Fixture            *fixture)
{
  g_ptr_array_add (fixture->activated, g_object_ref (annotation));
}

static void
on_annotations_activated_cb (ScholiaHighlighter *highlighter,
                             GPtrArray          *annotations,
                             Fixture            *fixture)
{
  g_ptr_array_add (fixture->activated_several, g_ptr_array_ref (annotations));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *scrolled;

  fixture->dir = test_tmp_dir_new ("scholia-highlighter-XXXXXX");
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  fixture->document = scholia_store_add_document (fixture->store, "The Ledger of Saint-Aubin",
                                                  "Marguerite Dufresne", NULL, NULL, essay, NULL, &error);
  g_assert_no_error (error);
  fixture->reading = scholia_reading_new (fixture->store, fixture->document, &error);
  g_assert_no_error (error);
  fixture->thesis = tag_id (fixture->store, "thesis");
  fixture->evidence = tag_id (fixture->store, "evidence");
  fixture->source = tag_id (fixture->store, "source-reference");

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, "Highlighter test");
  gtk_window_set_default_size (fixture->window, 700, 500);
  scrolled = gtk_scrolled_window_new ();
  fixture->view = GTK_SOURCE_VIEW (gtk_source_view_new ());
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (fixture->view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (fixture->view), FALSE);
  fixture->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  /* Like the reading view: a tag made before the highlighter. */
  gtk_text_buffer_create_tag (fixture->buffer, "typography", "left-margin", 12, NULL);
  gtk_text_buffer_set_text (fixture->buffer, essay, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->view));
  gtk_window_set_child (fixture->window, scrolled);
  gtk_window_present (fixture->window);

  fixture->highlighter = scholia_highlighter_new (fixture->view);
  fixture->activated = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->activated_several = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (fixture->highlighter, "annotation-activated",
                    G_CALLBACK (on_annotation_activated_cb), fixture);
  g_signal_connect (fixture->highlighter, "annotations-activated",
                    G_CALLBACK (on_annotations_activated_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->highlighter);
  g_assert_null (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (fixture->buffer),
                                            "scholia-overlap"));
  gtk_window_destroy (fixture->window);
  g_ptr_array_unref (fixture->activated);
  g_ptr_array_unref (fixture->activated_several);
  g_object_unref (fixture->reading);
  g_object_unref (fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The code-point offset of @needle in the essay. */
static int
offset_of (const char *needle)
{
  const char *found = strstr (essay, needle);

  g_assert_nonnull (found);
  return (int) g_utf8_pointer_to_offset (essay, found);
}

static int
end_of (const char *needle)
{
  return offset_of (needle) + (int) g_utf8_strlen (needle, -1);
}

static ScholiaAnnotation *
annotate (Fixture      *fixture,
          const char   *needle,
          const gint64 *tag_ids,
          guint         n_tag_ids)
{
  g_autoptr(GError) error = NULL;
  ScholiaAnnotation *annotation;

  annotation = scholia_store_add_annotation (fixture->store, fixture->document,
                                             offset_of (needle), end_of (needle),
                                             tag_ids, n_tag_ids, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  return annotation;
}

static GtkTextTag *
lookup_tag (Fixture    *fixture,
            const char *name)
{
  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (fixture->buffer), name);
}

static GtkTextTag *
fill_tag (Fixture *fixture,
          gint64   id)
{
  g_autofree char *name = g_strdup_printf ("scholia-tag-%" G_GINT64_FORMAT, id);

  return lookup_tag (fixture, name);
}

/* Describes where @tag lies in the buffer as "start-end start-end …", so
 * a check shows every range at once. */
static char *
tag_ranges (Fixture    *fixture,
            GtkTextTag *tag)
{
  g_autoptr(GString) ranges = g_string_new (NULL);
  GtkTextIter iter;

  if (tag == NULL)
    return g_strdup ("");

  gtk_text_buffer_get_start_iter (fixture->buffer, &iter);
  for (;;)
    {
      int start;

      if (!gtk_text_iter_has_tag (&iter, tag) && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        break;
      if (gtk_text_iter_is_end (&iter))
        break;
      start = gtk_text_iter_get_offset (&iter);
      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      g_string_append_printf (ranges, "%s%d-%d", ranges->len > 0 ? " " : "", start,
                              gtk_text_iter_get_offset (&iter));
    }

  return g_string_free (g_steal_pointer (&ranges), FALSE);
}

static char *
range_string (int start,
              int end)
{
  return g_strdup_printf ("%d-%d", start, end);
}

static void
assert_tag_covers (Fixture    *fixture,
                   GtkTextTag *tag,
                   const char *expected)
{
  g_autofree char *ranges = tag_ranges (fixture, tag);

  g_assert_cmpstr (ranges, ==, expected);
}

static void
assert_colour (const GdkRGBA *colour,
               const char    *expected,
               double         alpha)
{
  GdkRGBA parsed;

  g_assert_true (gdk_rgba_parse (&parsed, expected));
  g_assert_cmpfloat_with_epsilon (colour->red, parsed.red, 0.001);
  g_assert_cmpfloat_with_epsilon (colour->green, parsed.green, 0.001);
  g_assert_cmpfloat_with_epsilon (colour->blue, parsed.blue, 0.001);
  g_assert_cmpfloat_with_epsilon (colour->alpha, alpha, 0.001);
}

static void
test_existing_annotation_covers_its_span (Fixture       *fixture,
                                          gconstpointer  user_data)
{
  const char *passage = "the parish clerks of Évreux counted grain";
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, passage, &fixture->thesis, 1);
  g_autofree char *expected = range_string (offset_of (passage), end_of (passage));

  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);

  assert_tag_covers (fixture, fill_tag (fixture, fixture->thesis), expected);
  assert_tag_covers (fixture, lookup_tag (fixture, "scholia-overlap"), "");
}

static void
test_added_annotation_drawn_at_once (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  const char *passage = "traffic rose in lean years";
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autofree char *expected = range_string (offset_of (passage), end_of (passage));
  GdkRGBA colours[4];

  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);
  assert_tag_covers (fixture, fill_tag (fixture, fixture->evidence), "");

  /* No main-loop iteration in between: the list's items-changed is enough. */
  annotation = annotate (fixture, passage, &fixture->evidence, 1);
  assert_tag_covers (fixture, fill_tag (fixture, fixture->evidence), expected);

  g_assert_cmpuint (scholia_annotation_gutter_get_marks_for_line (scholia_highlighter_get_gutter (fixture->highlighter),
                                                                  2, colours, G_N_ELEMENTS (colours)), ==, 1);
  assert_colour (&colours[0], "#38a010", 1.0);
}

static void
test_deleted_annotation_disappears (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) kept = annotate (fixture, "Her critics", &fixture->thesis, 1);
  g_autoptr(ScholiaAnnotation) deleted = annotate (fixture, "call the method naïve", &fixture->thesis, 1);
  g_autofree char *expected = range_string (offset_of ("Her critics"), end_of ("Her critics"));
  ScholiaAnnotationGutter *gutter = scholia_highlighter_get_gutter (fixture->highlighter);

  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);
  g_assert_cmpuint (scholia_annotation_gutter_get_marks_for_line (gutter, 3, NULL, 0), ==, 2);

  g_assert_true (scholia_store_delete_annotation (fixture->store, deleted, &error));
  g_assert_no_error (error);

  assert_tag_covers (fixture, fill_tag (fixture, fixture->thesis), expected);
  g_assert_cmpuint (scholia_annotation_gutter_get_marks_for_line (gutter, 3, NULL, 0), ==, 1);
}

static void
test_recoloured_tag_repaints (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, "Her critics", &fixture->thesis, 1);
  ScholiaLabel *tag = scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, fixture->thesis);
  g_autoptr(GdkRGBA) background = NULL;
  GdkRGBA colours[1];

  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);
  g_object_get (fill_tag (fixture, fixture->thesis), "background-rgba", &background, NULL);
  assert_colour (background, "#a01890", 0.28);
  g_clear_pointer (&background, gdk_rgba_free);

  g_assert_true (scholia_store_update_label (fixture->store, tag, NULL, "#c061cb", NULL, &error));
  g_assert_no_error (error);

  g_object_get (fill_tag (fixture, fixture->thesis), "background-rgba", &background, NULL);
  assert_colour (background, "#c061cb", 0.28);
  scholia_annotation_gutter_get_marks_for_line (scholia_highlighter_get_gutter (fixture->highlighter),
                                                3, colours, 1);
  assert_colour (&colours[0], "#c061cb", 1.0);
}

static void
test_dark_style_retints (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, "Her critics", &fixture->thesis, 1);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autoptr(GdkRGBA) background = NULL;

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style_manager));
  g_object_get (fill_tag (fixture, fixture->thesis), "background-rgba", &background, NULL);
  assert_colour (background, "#a01890", 0.38);
}

static void
test_overlap_marked_on_exact_range (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  /* "the parish clerks of Évreux counted grain, not people" crosses
   * "counted grain, not people. Their ledgers". */
  g_autoptr(ScholiaAnnotation) first = annotate (fixture, "the parish clerks of Évreux counted grain, not people",
                                                 &fixture->thesis, 1);
  g_autoptr(ScholiaAnnotation) second = annotate (fixture, "counted grain, not people. Their ledgers",
                                                  &fixture->evidence, 1);
  g_autofree char *overlap = range_string (offset_of ("counted grain, not people"),
                                           end_of ("counted grain, not people"));
  g_autoptr(GPtrArray) both = NULL;
  g_autoptr(GPtrArray) one = NULL;

  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);

  assert_tag_covers (fixture, lookup_tag (fixture, "scholia-overlap"), overlap);

  /* The shorter one paints the stronger background there, and the other
   * one's colour underlines it. */
  {
    g_autofree char *strong = g_strdup_printf ("scholia-tag-%" G_GINT64_FORMAT "-strong", fixture->evidence);
    g_autofree char *line = g_strdup_printf ("scholia-tag-%" G_GINT64_FORMAT "-overlap-line", fixture->thesis);

    assert_tag_covers (fixture, lookup_tag (fixture, strong), overlap);
    assert_tag_covers (fixture, lookup_tag (fixture, line), overlap);
  }

  both = scholia_reading_list_at (fixture->reading, offset_of ("grain, not"));
  g_assert_cmpuint (both->len, ==, 2);
  g_assert_true (g_ptr_array_index (both, 0) == second);
  g_assert_true (g_ptr_array_index (both, 1) == first);

  one = scholia_reading_list_at (fixture->reading, offset_of ("Évreux"));
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_true (g_ptr_array_index (one, 0) == first);
}

static void
test_nested_overlap_follows_changes (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const char *outer_text = "Their ledgers, she writes, “tell us what the abbey wanted, never what the village ate.”";
  const char *inner_text = "what the abbey wanted";
  g_autoptr(ScholiaAnnotation) outer = NULL;
  g_autoptr(ScholiaAnnotation) inner = NULL;
  g_autofree char *inner_range = range_string (offset_of (inner_text), end_of (inner_text));
  g_autoptr(GPtrArray) at = NULL;

  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);
  outer = annotate (fixture, outer_text, &fixture->thesis, 1);
  inner = annotate (fixture, inner_text, &fixture->thesis, 1);

  /* Same tag: the background alone would hide the nesting. */
  assert_tag_covers (fixture, lookup_tag (fixture, "scholia-overlap"), inner_range);
  at = scholia_reading_list_at (fixture->reading, offset_of ("abbey"));
  g_assert_cmpuint (at->len, ==, 2);
  g_assert_true (g_ptr_array_index (at, 0) == inner);

  g_assert_true (scholia_store_delete_annotation (fixture->store, inner, &error));
  g_assert_no_error (error);
  assert_tag_covers (fixture, lookup_tag (fixture, "scholia-overlap"), "");
  {
    g_autofree char *outer_range = range_string (offset_of (outer_text), end_of (outer_text));

    assert_tag_covers (fixture, fill_tag (fixture, fixture->thesis), outer_range);
  }
}

static void
test_further_tags_underline (Fixture       *fixture,
                             gconstpointer  user_data)
{
  const gint64 ids[] = { fixture->source, fixture->evidence };
  const char *passage = "1742–1789";
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, passage, ids, G_N_ELEMENTS (ids));
  g_autofree char *expected = range_string (offset_of (passage), end_of (passage));
  g_autofree char *second = g_strdup_printf ("scholia-tag-%" G_GINT64_FORMAT "-second", fixture->evidence);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkRGBA) underline = NULL;

  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);

  assert_tag_covers (fixture, fill_tag (fixture, fixture->source), expected);
  assert_tag_covers (fixture, lookup_tag (fixture, second), expected);
  g_object_get (lookup_tag (fixture, second), "underline-rgba", &underline, NULL);
  assert_colour (underline, "#38a010", 1.0);

  /* Dropping the second tag drops its underline. */
  g_assert_true (scholia_store_set_annotation_labels (fixture->store, annotation, SCHOLIA_TYPE_TAG, ids, 1, &error));
  g_assert_no_error (error);
  assert_tag_covers (fixture, lookup_tag (fixture, second), "");
  assert_tag_covers (fixture, fill_tag (fixture, fixture->source), expected);
}

static void
test_moved_and_orphaned_annotations (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, "Her critics", &fixture->thesis, 1);
  g_autofree char *moved = range_string (offset_of ("Anselm Brück"), end_of ("Anselm Brück"));
  ScholiaAnnotationGutter *gutter = scholia_highlighter_get_gutter (fixture->highlighter);
  g_autoptr(GPtrArray) at = NULL;

  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);

  /* Re-anchoring moves a span; only the store does it, after a commit. */
  scholia_annotation_set_range (annotation, offset_of ("Anselm Brück"), end_of ("Anselm Brück"));
  assert_tag_covers (fixture, fill_tag (fixture, fixture->thesis), moved);

  scholia_annotation_set_orphaned (annotation, TRUE);
  assert_tag_covers (fixture, fill_tag (fixture, fixture->thesis), "");
  at = scholia_reading_list_at (fixture->reading, offset_of ("Brück"));
  g_assert_cmpuint (at->len, ==, 0);
  g_assert_cmpuint (scholia_annotation_gutter_get_marks_for_line (gutter, 3, NULL, 0), ==, 0);

  scholia_annotation_set_orphaned (annotation, FALSE);
  assert_tag_covers (fixture, fill_tag (fixture, fixture->thesis), moved);
}

static void
test_orphan_not_drawn_on_open (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, "Her critics", &fixture->thesis, 1);

  scholia_annotation_set_orphaned (annotation, TRUE);
  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);

  assert_tag_covers (fixture, fill_tag (fixture, fixture->thesis), "");
}

static void
test_gutter_marks_lines (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(ScholiaAnnotation) first = annotate (fixture, "Marguerite Dufresne’s argument", &fixture->thesis, 1);
  g_autoptr(ScholiaAnnotation) second = annotate (fixture, "The surviving folios", &fixture->source, 1);
  /* From the end of line 1 into line 2. */
  g_autoptr(ScholiaAnnotation) across = annotate (fixture, "bear this out.\nYet the tolls", &fixture->evidence, 1);
  ScholiaAnnotationGutter *gutter = scholia_highlighter_get_gutter (fixture->highlighter);
  GdkRGBA colours[4];

  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);

  g_assert_cmpuint (scholia_annotation_gutter_get_marks_for_line (gutter, 0, colours, 4), ==, 0);
  g_assert_cmpuint (scholia_annotation_gutter_get_marks_for_line (gutter, 1, colours, 4), ==, 3);
  assert_colour (&colours[0], "#a01890", 1.0);
  assert_colour (&colours[1], "#d07020", 1.0);
  assert_colour (&colours[2], "#38a010", 1.0);
  g_assert_cmpuint (scholia_annotation_gutter_get_marks_for_line (gutter, 2, colours, 4), ==, 1);
  assert_colour (&colours[0], "#38a010", 1.0);
  g_assert_cmpuint (scholia_annotation_gutter_get_marks_for_line (gutter, 3, colours, 4), ==, 0);
}

static void
test_click_opens_annotations (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(ScholiaAnnotation) first = annotate (fixture, "the parish clerks of Évreux counted grain, not people",
                                                 &fixture->thesis, 1);
  g_autoptr(ScholiaAnnotation) second = annotate (fixture, "counted grain, not people. Their ledgers",
                                                  &fixture->evidence, 1);
  ScholiaAnnotationGutter *gutter = scholia_highlighter_get_gutter (fixture->highlighter);
  GtkPopover *popover;
  GtkWidget *box;

  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);

  g_assert_cmpuint (_scholia_highlighter_activate_at (fixture->highlighter, offset_of ("clerks")), ==, 1);
  g_assert_cmpuint (fixture->activated->len, ==, 1);
  g_assert_true (g_ptr_array_index (fixture->activated, 0) == first);

  g_assert_cmpuint (_scholia_highlighter_activate_at (fixture->highlighter, offset_of ("village")), ==, 0);
  g_assert_cmpuint (fixture->activated->len, ==, 1);
  g_assert_cmpuint (fixture->activated_several->len, ==, 0);

  /* Inside both: the reader chooses. */
  g_assert_cmpuint (_scholia_highlighter_activate_at (fixture->highlighter, offset_of ("grain, not")), ==, 2);
  g_assert_cmpuint (fixture->activated_several->len, ==, 1);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (fixture->activated_several, 0))->len, ==, 2);
  popover = _scholia_annotation_gutter_get_popover (gutter);
  g_assert_nonnull (popover);

  /* The choices come innermost first: the second button is the longer one. */
  box = gtk_popover_get_child (popover);
  g_signal_emit_by_name (gtk_widget_get_next_sibling (gtk_widget_get_first_child (box)), "clicked");
  g_assert_cmpuint (fixture->activated->len, ==, 2);
  g_assert_true (g_ptr_array_index (fixture->activated, 1) == first);
}

static void
test_gutter_mark_opens_annotation (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(ScholiaAnnotation) alone = annotate (fixture, "Her critics", &fixture->thesis, 1);
  g_autoptr(ScholiaAnnotation) first = annotate (fixture, "Marguerite Dufresne’s argument", &fixture->thesis, 1);
  g_autoptr(ScholiaAnnotation) second = annotate (fixture, "The surviving folios", &fixture->source, 1);
  GtkSourceGutterRenderer *renderer =
    GTK_SOURCE_GUTTER_RENDERER (scholia_highlighter_get_gutter (fixture->highlighter));
  GdkRectangle area = { 0, 0, 18, 24 };
  GtkTextIter iter;

  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);

  gtk_text_buffer_get_iter_at_line (fixture->buffer, &iter, 0);
  g_assert_false (gtk_source_gutter_renderer_query_activatable (renderer, &iter, &area));

  gtk_text_buffer_get_iter_at_line (fixture->buffer, &iter, 3);
  g_assert_true (gtk_source_gutter_renderer_query_activatable (renderer, &iter, &area));
  gtk_source_gutter_renderer_activate (renderer, &iter, &area, GDK_BUTTON_PRIMARY, 0, 1);
  g_assert_cmpuint (fixture->activated->len, ==, 1);
  g_assert_true (g_ptr_array_index (fixture->activated, 0) == alone);

  /* A paragraph with two marks: the reader chooses. */
  gtk_text_buffer_get_iter_at_line (fixture->buffer, &iter, 1);
  gtk_source_gutter_renderer_activate (renderer, &iter, &area, GDK_BUTTON_PRIMARY, 0, 1);
  g_assert_cmpuint (fixture->activated_several->len, ==, 1);
  g_assert_nonnull (_scholia_annotation_gutter_get_popover (scholia_highlighter_get_gutter (fixture->highlighter)));
}

static void
test_tags_below_other_tags (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(ScholiaAnnotation) annotation = annotate (fixture, "Her critics", &fixture->thesis, 1);
  GtkTextTag *search = gtk_text_buffer_create_tag (fixture->buffer, "search-match",
                                                   "background", "yellow", NULL);

  scholia_highlighter_set_reading (fixture->highlighter, fixture->reading);

  g_assert_cmpint (gtk_text_tag_get_priority (fill_tag (fixture, fixture->thesis)), <,
                   gtk_text_tag_get_priority (search));
  g_assert_cmpint (gtk_text_tag_get_priority (fill_tag (fixture, fixture->thesis)), <,
                   gtk_text_tag_get_priority (lookup_tag (fixture, "typography")));
  g_assert_cmpint (gtk_text_tag_get_priority (fill_tag (fixture, fixture->thesis)), <,
                   gtk_text_tag_get_priority (lookup_tag (fixture, "scholia-overlap")));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: skipping the highlighter tests\n");
      return 77;
    }

  test_ui_init (&argc, &argv);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/highlighter/open/draws-existing-span-exactly", test_existing_annotation_covers_its_span);
  ADD_TEST ("/highlighter/add/draws-new-annotation-at-once", test_added_annotation_drawn_at_once);
  ADD_TEST ("/highlighter/delete/removes-only-that-highlight", test_deleted_annotation_disappears);
  ADD_TEST ("/highlighter/tag/recolour-repaints", test_recoloured_tag_repaints);
  ADD_TEST ("/highlighter/style/dark-mode-retints", test_dark_style_retints);
  ADD_TEST ("/highlighter/overlap/marks-exactly-the-shared-range", test_overlap_marked_on_exact_range);
  ADD_TEST ("/highlighter/overlap/nested-span-visible-and-removable", test_nested_overlap_follows_changes);
  ADD_TEST ("/highlighter/tag/second-tag-underlines", test_further_tags_underline);
  ADD_TEST ("/highlighter/anchor/moved-and-orphaned-spans", test_moved_and_orphaned_annotations);
  ADD_TEST ("/highlighter/anchor/orphan-not-drawn-on-open", test_orphan_not_drawn_on_open);
  ADD_TEST ("/highlighter/gutter/marks-the-lines-touched", test_gutter_marks_lines);
  ADD_TEST ("/highlighter/click/opens-one-or-offers-a-choice", test_click_opens_annotations);
  ADD_TEST ("/highlighter/gutter/mark-opens-its-annotations", test_gutter_mark_opens_annotation);
  ADD_TEST ("/highlighter/priority/below-find-and-other-tags", test_tags_below_other_tags);

  return g_test_run ();
}
