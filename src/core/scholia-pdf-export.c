/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-pdf-export-private.h"
#include "scholia-text-direction.h"

static void
paragraph_clear (Paragraph *paragraph)
{
  g_clear_pointer (&paragraph->spans, g_array_unref);
  g_clear_pointer (&paragraph->hyphens, g_array_unref);
}

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->text, g_free);
  g_clear_pointer (&export->spans, g_ptr_array_unref);
  g_clear_pointer (&export->key, g_ptr_array_unref);
  g_clear_pointer (&export->themes, g_ptr_array_unref);
  g_clear_pointer (&export->paragraphs, g_array_unref);
  g_clear_pointer (&export->blocks, g_array_unref);
  g_clear_pointer (&export->quads, g_array_unref);
  g_clear_pointer (&export->washes, g_array_unref);
  g_clear_pointer (&export->anchors, g_array_unref);
  g_clear_pointer (&export->ends, g_array_unref);
  g_clear_pointer (&export->stripes, g_array_unref);
  g_clear_pointer (&export->endnotes, g_ptr_array_unref);
  g_clear_object (&export->note_layout);
  g_clear_object (&export->mark_layout);
  scholia_pdf_export_clear_places (export);
  g_clear_pointer (&export->mark_shapes, g_hash_table_unref);
  g_clear_pointer (&export->writer, scholia_pdf_writer_free);
}

gboolean
scholia_pdf_export_draw_pages (Export          *export,
                               ScholiaPdfFlow  *flow,
                               double           first,
                               double           share,
                               GError         **error)
{
  guint next = 0;
  int last = scholia_pdf_flow_last_page (flow);

  while (next < flow->lines->len)
    {
      int page = scholia_pdf_writer_get_page (export->writer);
      ScholiaPdfRect text, margin;

      scholia_pdf_writer_get_geometry (export->writer, &text, &margin);
      g_array_set_size (export->anchors, 0);
      g_array_set_size (export->ends, 0);
      g_array_set_size (export->stripes, 0);

      /* cairo files each glyph in a PDF font subset under the character it stands for, the
       * first glyph drawn for a character taking the subset's slot. Drawn first, the small
       * capitals of the title block would take the slots of their letters, and the body's
       * plain letters would land in a second subset: the text would switch fonts at nearly
       * every glyph, and the pages' content be twice as long to build, compress and write.
       * As a group (a form in the PDF), the title block keeps its place on the page and in
       * the reading order, but cairo files its glyphs only after the page's own text. Only
       * the text goes in the group: the key's swatches, drawn outside it, stay as crisp as
       * the washes. */
      if (page == 0 && export->title_blocks > 0)
        {
          /* The title, in the body's plain letters, goes first and outside the group, where
           * cairo can tag it as the document's heading. */
          next = scholia_pdf_flow_draw_blocks (flow, next, page, 1, export->cr, text.x, NULL, NULL);
          for (guint i = next; i < flow->lines->len; i++)
            {
              const ScholiaPdfLine *line = &g_array_index (flow->lines, ScholiaPdfLine, i);

              if (line->page > page || line->block >= export->title_blocks)
                break;
              scholia_pdf_export_before_line (line, text.x, export);
            }
          cairo_tag_begin (export->cr, "P", "");
          cairo_push_group (export->cr);
          next = scholia_pdf_flow_draw_blocks (flow, next, page, export->title_blocks, export->cr, text.x,
                                               NULL, NULL);
          cairo_pop_group_to_source (export->cr);
          cairo_paint (export->cr);
          cairo_tag_end (export->cr, "P");
        }
      next = scholia_pdf_flow_draw_page (flow, next, page, export->cr, text.x, scholia_pdf_export_before_line, export);
      scholia_pdf_export_draw_stripes (export, &text, &margin);
      scholia_pdf_export_draw_places (export, &text);

      if (page == 0)
        {
          cairo_set_source_rgb (export->cr, 0.35, 0.35, 0.35);
          cairo_set_line_width (export->cr, 0.5);
          /* A short rule from where the lines start: the right on a mirrored page. */
          double rule_x = export->options->right_to_left ? text.x + text.width * 0.7 : text.x;

          cairo_move_to (export->cr, rule_x, export->rule_y);
          cairo_line_to (export->cr, rule_x + text.width * 0.3, export->rule_y);
          cairo_stroke (export->cr);
        }
      if (export->options->include_notes)
        scholia_pdf_export_place_notes (export, &text, &margin);
      scholia_pdf_export_draw_marks (export);

      if (!scholia_pdf_writer_show_page (export->writer, first + share * (page + 1) / (last + 1), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
scholia_pdf_export_document (ScholiaStore            *store,
                             ScholiaDocument         *document,
                             const ScholiaPdfOptions *options,
                             const char              *path,
                             GCancellable            *cancellable,
                             ScholiaPdfProgressFunc   progress,
                             gpointer                 user_data,
                             GError                 **error)
{
  ScholiaPdfOptions defaults;
  ScholiaPdfOptions mirrored;
  Export export = { 0 };
  ScholiaPdfFlow flow = { 0 };
  ScholiaPdfRect text;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *keywords = NULL;
  gboolean done = FALSE;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      scholia_pdf_options_init (&defaults);
      options = &defaults;
    }

  export.store = store;
  export.document = document;
  export.options = options;
  export.spans = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_pdf_span_free);
  export.key = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_pdf_key_tag_free);
  export.themes = g_ptr_array_new ();
  export.paragraphs = g_array_new (FALSE, FALSE, sizeof (Paragraph));
  g_array_set_clear_func (export.paragraphs, (GDestroyNotify) paragraph_clear);
  export.blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  export.quads = g_array_new (FALSE, FALSE, sizeof (Quad));
  export.washes = g_array_new (FALSE, FALSE, sizeof (Quad));
  export.anchors = g_array_new (FALSE, FALSE, sizeof (Anchor));
  export.ends = g_array_new (FALSE, FALSE, sizeof (SpanEnd));
  export.stripes = g_array_new (FALSE, FALSE, sizeof (Stripe));
  export.endnotes = g_ptr_array_new ();
  export.notes_page = -1;

  export.text = scholia_store_load_text (store, document, &local_error);
  if (export.text == NULL || !scholia_pdf_export_load_spans (&export, &local_error))
    goto out;
  scholia_pdf_export_split_paragraphs (&export);
  if (!scholia_pdf_export_load_places (&export, &local_error))
    goto out;
  if (!options->right_to_left && scholia_text_is_right_to_left (export.text))
    {
      mirrored = *options;
      mirrored.right_to_left = TRUE;
      export.options = options = &mirrored;
    }

  export.writer = scholia_pdf_writer_new (path, options, SCHOLIA_PDF_LAYOUT_ANNOTATED, cancellable,
                                          progress, user_data, &local_error);
  if (export.writer == NULL)
    goto out;
  export.cr = scholia_pdf_writer_get_cairo (export.writer);
  export.hyphenator = scholia_pdf_export_find_hyphenator (document);
  export.font_size = scholia_pdf_writer_get_font_size (export.writer);
  scholia_pdf_writer_set_metadata (export.writer, scholia_document_get_title (document),
                                   scholia_document_get_author (document), scholia_document_get_source (document));
  keywords = scholia_pdf_export_keywords (&export);
  scholia_pdf_writer_set_keywords (export.writer, keywords);
  /* The text's dates in the library, not the export's: exported twice, the file is the same. */
  scholia_pdf_writer_set_dates (export.writer, scholia_document_get_created (document),
                                scholia_document_get_modified (document));
  scholia_pdf_writer_set_running_head (export.writer, scholia_document_get_author (document),
                                       scholia_document_get_title (document));

  scholia_pdf_export_find_marks (&export);
  scholia_pdf_writer_get_geometry (export.writer, &text, NULL);
  scholia_pdf_flow_init (&flow, 0, text.y, text.y + text.height);
  scholia_pdf_export_add_title_block (&export, &flow, text.width);
  export.title_blocks = export.blocks->len;
  if (!scholia_pdf_export_layout_text (&export, &flow, text.width, &local_error))
    goto out;
  scholia_pdf_export_plan_notes (&export, &flow);
  scholia_pdf_writer_report (export.writer, 0.05);

  if (!scholia_pdf_export_draw_pages (&export, &flow, 0.05, 0.85, &local_error))
    goto out;
  scholia_pdf_export_add_outline (&export);

  if (!scholia_pdf_writer_close (export.writer, &local_error) ||
      !scholia_pdf_writer_append (export.writer, scholia_pdf_export_add_native_annotations, &export, &local_error) ||
      !scholia_pdf_writer_commit (export.writer, &local_error))
    goto out;
  done = TRUE;

out:
  scholia_pdf_flow_clear (&flow);
  export_clear (&export);
  if (!done)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return done;
}
