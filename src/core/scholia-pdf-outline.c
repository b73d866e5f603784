/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-pdf-export-private.h"

/* A bookmark names a passage by its first words, as many as fit in this many characters. */
#define OPENING_CHARS 48

/* The first words of @span's passage, "…" after them when the passage goes on. */
static char *
opening_words (Export     *export,
               const Span *span)
{
  const char *start = export->text + span->start;
  const char *end = export->text + span->end;
  const char *cut = start;
  long n_chars = 0;

  for (const char *p = start; p < end && n_chars <= OPENING_CHARS; p = g_utf8_next_char (p), n_chars++)
    if (g_unichar_isspace (g_utf8_get_char (p)))
      cut = p;
  if (n_chars <= OPENING_CHARS)
    return g_strndup (start, end - start);
  if (cut == start)
    cut = g_utf8_offset_to_pointer (start, OPENING_CHARS);
  return g_strdup_printf ("%.*s…", (int) (cut - start), start);
}

/* Where the bookmark of @span leads: its first line. */
static gboolean
find_first_line (Export *export,
                 guint   span,
                 int    *page,
                 double *y)
{
  for (guint i = 0; i < export->quads->len; i++)
    {
      const Quad *quad = &g_array_index (export->quads, Quad, i);

      if (quad->span == span)
        {
          *page = quad->page;
          *y = quad->y1;
          return TRUE;
        }
    }
  return FALSE;
}

/* A bookmark for each passage @keep lets through, under a bookmark named @name that leads to the
 * first of them; none when there are none. */
typedef gboolean (*KeepFunc) (Span     *span,
                              gpointer  data);

static void
add_group (Export     *export,
           int         parent,
           const char *name,
           KeepFunc    keep,
           gpointer    data)
{
  int group = 0;

  for (guint i = 0; i < export->spans->len; i++)
    {
      Span *span = g_ptr_array_index (export->spans, i);
      g_autofree char *words = NULL;
      int page;
      double y;

      if (!keep (span, data) || !find_first_line (export, i, &page, &y))
        continue;
      if (group == 0)
        group = scholia_pdf_writer_add_outline (export->writer, parent, name, page, y);
      words = opening_words (export, span);
      scholia_pdf_writer_add_outline (export->writer, group, words, page, y);
    }
}

static gboolean
has_theme (Span     *span,
           gpointer  theme)
{
  return scholia_annotation_has_theme (span->annotation, scholia_label_get_id (SCHOLIA_LABEL (theme)));
}

static gboolean
is_unthemed (Span *span)
{
  guint n_themes;

  scholia_annotation_get_theme_ids (span->annotation, &n_themes);
  return n_themes == 0;
}

static gboolean
has_tag_unthemed (Span     *span,
                  gpointer  key_tag)
{
  return is_unthemed (span) && g_ptr_array_find (span->tags, key_tag, NULL);
}

static gboolean
has_no_label (Span     *span,
              gpointer  data)
{
  return is_unthemed (span) && span->tags->len == 0;
}

void
scholia_pdf_export_add_outline (Export *export)
{
  const char *title = scholia_document_get_title (export->document);
  ScholiaPdfRect text;
  int unthemed;

  scholia_pdf_page_get_geometry (export->options, SCHOLIA_PDF_LAYOUT_ANNOTATED, 0, &text, NULL);
  scholia_pdf_writer_add_outline (export->writer, 0, title != NULL && *title != '\0' ? title : _("Untitled"),
                                  0, 0);

  /* Each theme, its passages in the text's order; then the passages in no theme, by tag. */
  for (guint i = 0; i < export->themes->len; i++)
    {
      ScholiaTheme *theme = g_ptr_array_index (export->themes, i);

      add_group (export, 0, scholia_label_get_display_name (SCHOLIA_LABEL (theme)), has_theme, theme);
    }
  for (guint i = 0; i < export->spans->len; i++)
    {
      Span *span = g_ptr_array_index (export->spans, i);
      int page;
      double y;

      if (!is_unthemed (span) || !find_first_line (export, i, &page, &y))
        continue;
      /* Translators: the bookmark over the annotations in no theme, grouped by tag */
      unthemed = scholia_pdf_writer_add_outline (export->writer, 0, _("Unthemed"), page, y);
      for (guint k = 0; k < export->key->len; k++)
        {
          KeyTag *key_tag = g_ptr_array_index (export->key, k);

          add_group (export, unthemed, scholia_label_get_display_name (SCHOLIA_LABEL (key_tag->tag)), has_tag_unthemed,
                     key_tag);
        }
      /* Translators: the bookmark over annotations with neither tag nor theme */
      add_group (export, unthemed, _("Untagged"), has_no_label, NULL);
      break;
    }

  if (export->notes_page >= 0)
    scholia_pdf_writer_add_outline (export->writer, 0, _("Notes"), export->notes_page, export->notes_top);
}

/* The tags of the key, then the themes, as the document info's keywords. */
char *
scholia_pdf_export_keywords (Export *export)
{
  g_autoptr(GString) keywords = g_string_new (NULL);

  for (guint i = 0; i < export->key->len; i++)
    g_string_append_printf (keywords, "%s%s", keywords->len > 0 ? ", " : "",
                            scholia_label_get_display_name (SCHOLIA_LABEL (((KeyTag *) g_ptr_array_index (export->key, i))->tag)));
  for (guint i = 0; i < export->themes->len; i++)
    g_string_append_printf (keywords, "%s%s", keywords->len > 0 ? ", " : "",
                            scholia_label_get_display_name (SCHOLIA_LABEL (g_ptr_array_index (export->themes, i))));
  return g_string_free (g_steal_pointer (&keywords), FALSE);
}
