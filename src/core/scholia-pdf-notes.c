/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "scholia-pdf-export-private.h"

/* Side notes as a book sets them. Each span with something to say ends in a small letter (a, b,
 * c… afresh on each page) in its tag's colour, set in room kept for it in the line; its note
 * stands in the margin as near to the passage's first line as the page's other notes allow,
 * opening with the same letter. A note the margin cannot hold near its passage leaves a stub
 * ("→ n. c, p. 11") and goes to the endnotes, after the text, grouped by the page it comes
 * from. Marks and stubs link to their endnotes, and endnotes back to their marks. */

#define NOTE_GAP          3.0   /* points between two notes in the margin */
#define MARK_SIZE         0.6   /* a mark's letter, of the body's size */
#define MARK_RISE         0.42  /* its baseline above the body's, of the body's size */
#define MARK_PAD          0.6   /* points between a mark and the glyph before it */
#define MAX_LINES_AWAY    3.0   /* a margin note's first line is at most this many lines from its passage's */
#define LEADER_LINES      2.0   /* farther than this, a leader would stand nearly upright in the gutter */
#define LEVEL_LINES       0.25  /* nearer than this, the note is level with its passage: no leader */
#define OPENING_WORDS     5     /* of a passage, to name it in its endnote */
#define OPENING_BYTES     48

/* Closing punctuation stays with the word before a mark: "was,ᵃ before", not "wasᵃ, before". */
static gsize
find_mark_index (const char *text,
                 const Span *span)
{
  gsize index = span->end;

  while (index > span->start && (text[index - 1] == ' ' || text[index - 1] == '\n'))
    index--;
  while (text[index] != '\0' && text[index] != ' ' && text[index] != '\n' && index < span->end + 64)
    index++;
  return index;
}

void
scholia_pdf_export_find_marks (Export *export)
{
  PangoRectangle logical;

  for (guint i = 0; i < export->spans->len; i++)
    {
      Span *span = g_ptr_array_index (export->spans, i);
      const char *note = scholia_annotation_get_note (span->annotation);

      span->index = i;
      span->page = -1;
      span->end_page = -1;
      span->has_note = export->options->include_notes &&
                       (span->tags->len > 0 || *span->theme_names != '\0' || (note != NULL && *note != '\0'));
      span->mark_index = find_mark_index (export->text, span);
    }

  export->mark_layout = scholia_pdf_writer_create_layout (export->writer, -1, export->font_size * MARK_SIZE,
                                                          PANGO_STYLE_NORMAL, PANGO_WEIGHT_BOLD);
  /* Room for a letter as wide as n, the space after the mark parting it from the next word: a
   * wider gap would read as a break between columns to text extraction. The few wider marks
   * (m, w, two letters past z) are narrowed to fit. */
  pango_layout_set_text (export->mark_layout, "n", -1);
  pango_layout_get_extents (export->mark_layout, NULL, &logical);
  export->mark_room = logical.width / (double) PANGO_SCALE + MARK_PAD;
}

/* The space that takes the room of the mark before layout index @mark (a space): that one,
 * unless the word before it ends a run set the other way than its paragraph (an English name
 * ending the span inside an Arabic sentence, a Hebrew quote inside an English one). That space
 * then lies at the run's far end, left of the English name and right of the Hebrew quote, while
 * the mark goes beside the run's last word (mark_x() in scholia-pdf-marks.c): the room goes to the
 * space just before the run, which that word touches. @levels are the layout's characters'
 * embedding levels. */
static int
find_room_index (const char   *text,
                 const guint8 *levels,
                 int           mark)
{
  glong space = g_utf8_pointer_to_offset (text, text + mark);
  glong start = space - 1;
  const char *before;

  if (start < 0 || levels[start] <= levels[space])
    return mark;
  while (start > 0 && levels[start - 1] > levels[space])
    start--;
  if (start == 0)
    return mark;
  before = g_utf8_offset_to_pointer (text, start - 1);
  return *before == ' ' ? before - text : mark;
}

/* Where a mark is and where its room is made, as layout indices. */
typedef struct
{
  int mark;
  int room;
} MarkRoom;

static void
set_mark_rooms (PangoLayout  *layout,
                const GArray *rooms,
                double        width)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  for (guint i = 0; i < rooms->len; i++)
    {
      PangoAttribute *spacing = pango_attr_letter_spacing_new ((int) (width * PANGO_SCALE));

      spacing->start_index = g_array_index (rooms, MarkRoom, i).room;
      spacing->end_index = spacing->start_index + 1;
      pango_attr_list_insert (attributes, spacing);
    }
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
}

static int
line_of (PangoLayout *layout,
         int          index)
{
  int line;

  pango_layout_index_to_line_x (layout, index, FALSE, &line, NULL);
  return line;
}

/* The space after a mark is widened by the mark's room: letter spacing around a space, which
 * draws nothing, moves no glyph of the text away from its neighbour, and leaves the text's bytes
 * as they are. At the end of a line Pango drops the space and its spacing: the mark hangs in the
 * gutter, as punctuation may. Called once @layout's width and indent are set, since a room
 * moved before a run (find_room_index()) must be on the line of the run's last word: when the
 * run is broken across lines, the mark keeps the space after it. */
void
scholia_pdf_export_reserve_marks (Export      *export,
                                  PangoLayout *layout,
                                  const Block *block,
                                  gsize        start,
                                  gsize        end)
{
  const Paragraph *paragraph = &g_array_index (export->paragraphs, Paragraph, block->index);
  const char *layout_text = pango_layout_get_text (layout);
  g_autoptr(GArray) rooms = g_array_new (FALSE, FALSE, sizeof (MarkRoom));
  g_autofree guint8 *levels = NULL;
  gboolean moved_back = FALSE;

  for (guint i = 0; i < paragraph->spans->len; i++)
    {
      Span *span = g_ptr_array_index (export->spans, g_array_index (paragraph->spans, guint, i));
      MarkRoom room;

      if (!span->has_note || span->mark_index < start || span->mark_index >= end ||
          export->text[span->mark_index] != ' ')
        continue;
      if (levels == NULL)
        {
          PangoDirection direction = PANGO_DIRECTION_NEUTRAL;

          levels = pango_log2vis_get_embedding_levels (layout_text, -1, &direction);
        }
      room.mark = scholia_pdf_export_layout_index (export, block, span->mark_index);
      room.room = find_room_index (layout_text, levels, room.mark);
      g_array_append_val (rooms, room);
    }
  if (rooms->len == 0)
    return;

  set_mark_rooms (layout, rooms, export->mark_room);
  for (guint i = 0; i < rooms->len; i++)
    {
      MarkRoom *room = &g_array_index (rooms, MarkRoom, i);
      int before = g_utf8_find_prev_char (layout_text, layout_text + room->mark) - layout_text;

      if (room->room != room->mark && line_of (layout, room->room) != line_of (layout, before))
        {
          room->room = room->mark;
          moved_back = TRUE;
        }
    }
  if (moved_back)
    set_mark_rooms (layout, rooms, export->mark_room);
}

static void
format_letter (guint index,
               char  letter[4])
{
  if (index < 26)
    {
      letter[0] = 'a' + index;
      letter[1] = '\0';
    }
  else
    {
      letter[0] = 'a' + (index / 26 - 1) % 26;
      letter[1] = 'a' + index % 26;
      letter[2] = '\0';
    }
}

static void
dest_name (char        name[48],
           const char *kind,
           const Span *span)
{
  g_snprintf (name, 48, "scholia-%s-%u", kind, span->index);
}

/* Cairo parses its tags' attributes in the C locale's notation. */
static void
add_dest (cairo_t    *cr,
          const char *name,
          double      x,
          double      y)
{
  char xs[G_ASCII_DTOSTR_BUF_SIZE], ys[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *attributes = g_strdup_printf ("name='%s' x=%s y=%s", name,
                                                 g_ascii_formatd (xs, sizeof xs, "%.2f", x),
                                                 g_ascii_formatd (ys, sizeof ys, "%.2f", y));

  cairo_tag_begin (cr, CAIRO_TAG_DEST, attributes);
  cairo_tag_end (cr, CAIRO_TAG_DEST);
}

static void
add_link (cairo_t    *cr,
          const char *dest,
          double      x,
          double      y,
          double      width,
          double      height)
{
  char xs[G_ASCII_DTOSTR_BUF_SIZE], ys[G_ASCII_DTOSTR_BUF_SIZE];
  char ws[G_ASCII_DTOSTR_BUF_SIZE], hs[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *attributes = g_strdup_printf ("dest='%s' rect=[%s %s %s %s]", dest,
                                                 g_ascii_formatd (xs, sizeof xs, "%.2f", x),
                                                 g_ascii_formatd (ys, sizeof ys, "%.2f", y),
                                                 g_ascii_formatd (ws, sizeof ws, "%.2f", width),
                                                 g_ascii_formatd (hs, sizeof hs, "%.2f", height));

  cairo_tag_begin (cr, CAIRO_TAG_LINK, attributes);
  cairo_tag_end (cr, CAIRO_TAG_LINK);
}

/* A span's letter in its colour, darkened like its tag's name to read on white and in grey. */
static void
append_letter_markup (GString    *markup,
                      const Span *span)
{
  scholia_pdf_append_ink_markup (markup, span->rgb, "weight='bold'", span->letter);
}

/* "tags · themes · p. 118 — note": a note needs no ¶ (the inner margin has it beside the
 * passage, and an endnote names the passage's page and opening words), only the printed page
 * of a source that has pages. */
static void
append_note_markup (Export     *export,
                    GString    *markup,
                    const Span *span)
{
  const char *note = scholia_annotation_get_note (span->annotation);
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autofree char *place = scholia_pdf_export_span_page (export, span);

  for (guint t = 0; t < span->tags->len; t++)
    {
      KeyTag *key_tag = g_ptr_array_index (span->tags, t);

      scholia_pdf_append_tag_markup (labels, scholia_label_get_display_name (SCHOLIA_LABEL (key_tag->tag)), key_tag->rgb);
    }
  if (*span->theme_names != '\0')
    {
      g_autofree char *themes = g_markup_escape_text (span->theme_names, -1);

      g_string_append_printf (labels, "%s<i>%s</i>", span->tags->len > 0 ? " · " : "", themes);
    }
  if (place != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (place, -1);

      g_string_append_printf (labels, "%s%s", labels->len > 0 ? " · " : "", escaped);
    }
  g_string_append (markup, labels->str);
  if (note != NULL && *note != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (note, -1);

      g_string_append_printf (markup, "%s%s", labels->len == 0 ? "" : " — ", escaped);
    }
}

static char *
margin_note_markup (Export     *export,
                    const Span *span)
{
  GString *markup = g_string_new (NULL);

  append_letter_markup (markup, span);
  g_string_append_c (markup, ' ');
  append_note_markup (export, markup, span);
  return g_string_free (markup, FALSE);
}

/* One stub for a run of neighbouring notes sent to the endnotes: "→ n. c, p. 11",
 * "→ nn. c, d, p. 11", "→ nn. c–f, p. 11". */
static char *
stub_markup (const Span *span)
{
  g_autofree char *letters = NULL;
  g_autofree char *stub = NULL;
  GString *markup;

  if (span->stub_run == 1)
    /* Translators: in the margin, for a note moved to the endnotes: "see note c on page 11" */
    stub = g_strdup_printf (_("→ n. %s, p. %d"), span->letter, span->endnote_page + 1);
  else
    {
      letters = g_strdup_printf (span->stub_run == 2 ? "%s, %s" : "%s–%s", span->letter, span->stub_last);
      /* Translators: in the margin, for notes moved to the endnotes: "see notes c to f on page 11" */
      stub = g_strdup_printf (_("→ nn. %s, p. %d"), letters, span->endnote_page + 1);
    }
  markup = g_string_new (NULL);
  scholia_pdf_append_ink_markup (markup, span->rgb, "weight='bold'", stub);
  return g_string_free (markup, FALSE);
}

/* The passage's first words, to name it in its endnote: «When the river began…». */
static char *
opening_words (Export     *export,
               const Span *span)
{
  g_autofree char *passage = g_strndup (export->text + span->start, MIN (span->end - span->start, OPENING_BYTES));
  g_autofree char *words = NULL;
  char *p = passage;
  int n_words = 0;
  gboolean cut = span->end - span->start > OPENING_BYTES;

  g_strdelimit (passage, "\n", ' ');
  while (*p != '\0')
    {
      if (*p == ' ' && p > passage && p[-1] != ' ' && ++n_words == OPENING_WORDS)
        {
          cut = TRUE;
          break;
        }
      p++;
    }
  *p = '\0';
  /* A cut in the middle of a character would be invalid UTF-8. */
  g_utf8_validate (passage, -1, (const char **) &p);
  *p = '\0';
  words = g_strdup (g_strstrip (passage));
  if (cut)
    /* Translators: the opening words of a passage, cut short, as an endnote quotes them */
    return g_strdup_printf (_("“%s…”"), words);
  /* Translators: a passage, short enough to be quoted whole in its endnote */
  return g_strdup_printf (_("“%s”"), words);
}

static char *
endnote_markup (Export     *export,
                const Span *span)
{
  GString *markup = g_string_new (NULL);
  g_autofree char *opening = opening_words (export, span);
  g_autofree char *place = NULL;
  g_autofree char *escaped = NULL;

  append_letter_markup (markup, span);
  /* Translators: an endnote's place and passage: "p. 3, “When the river began…”" */
  place = g_strdup_printf (_("p. %d, %s"), span->page + 1, opening);
  escaped = g_markup_escape_text (place, -1);
  g_string_append_printf (markup, "  <span foreground='#555555'>%s</span> ", escaped);
  append_note_markup (export, markup, span);
  return g_string_free (markup, FALSE);
}

/* A note waiting for its place on a page. */
typedef struct
{
  Span    *span;
  double   want;      /* the top that sets its first baseline level with its passage's */
  double   height;
  double   y;
  gboolean stub;
  gboolean near_previous;  /* its passage starts within two lines of the previous note's */
} Note;

typedef struct
{
  double top;
  double bottom;
  double line_pitch;
  double note_baseline;  /* of a note's first line, from its top */
  double stub_height;
  double max_height;     /* a taller note goes to the endnotes at once */
} Margin;

/* Neighbouring notes sent to the endnotes share one stub: the first's. */
static gboolean
is_joined (const Note *notes,
           guint       k)
{
  return k > 0 && notes[k].stub && notes[k - 1].stub && notes[k].near_previous;
}

/* The top that sets notes @first to @last, stacked, as near as they can be to where they want
 * to be (least squares), inside the margin; returns their height. */
static double
settle_cluster (Note         *notes,
                guint         first,
                guint         last,
                const Margin *margin,
                double       *top)
{
  double offset = 0, sum = 0;
  guint n = last - first + 1;

  for (guint k = first; k <= last; k++)
    {
      if (is_joined (notes, k))
        {
          n--;
          continue;
        }
      sum += notes[k].want - offset;
      offset += notes[k].height + NOTE_GAP;
    }
  offset -= NOTE_GAP;
  *top = CLAMP (sum / n, margin->top, MAX (margin->top, margin->bottom - offset));
  return offset;
}

/* Places every note of a page at once: each starts where it wants to be; notes that collide
 * are moved together as a group, up as well as down, to where their displacements are least,
 * merging with the group above while they still collide. */
static void
solve_positions (Note         *notes,
                 guint         n,
                 const Margin *margin)
{
  g_autofree guint *first = g_new (guint, n);
  g_autofree double *top = g_new (double, n);
  g_autofree double *height = g_new (double, n);
  guint n_clusters = 0;

  for (guint i = 0; i < n; i++)
    {
      if (is_joined (notes, i))
        continue;
      first[n_clusters] = i;
      n_clusters++;
      for (;;)
        {
          guint c = n_clusters - 1;

          height[c] = settle_cluster (notes, first[c], i, margin, &top[c]);
          if (c == 0 || top[c - 1] + height[c - 1] + NOTE_GAP <= top[c])
            break;
          n_clusters--;
        }
    }

  for (guint c = 0; c < n_clusters; c++)
    {
      double y = top[c];
      guint last = c + 1 < n_clusters ? first[c + 1] : n;

      for (guint k = first[c]; k < last; k++)
        {
          if (is_joined (notes, k))
            {
              notes[k].y = notes[k - 1].y;
              continue;
            }
          notes[k].y = y;
          y += notes[k].height + NOTE_GAP;
        }
    }
}

/* Whether the first @n notes stand within reach of their passages, placed as they are. */
static gboolean
fits (const Note   *notes,
      guint         n,
      const Margin *margin,
      int          *worst)
{
  double worst_distance = MAX_LINES_AWAY * margin->line_pitch;

  *worst = -1;
  for (guint k = 0; k < n; k++)
    if (!notes[k].stub && fabs (notes[k].y - notes[k].want) > worst_distance)
      {
        *worst = k;
        worst_distance = fabs (notes[k].y - notes[k].want);
      }
  return *worst < 0 && (n == 0 || notes[n - 1].y + notes[n - 1].height <= margin->bottom + 0.01);
}

static gboolean
would_join (const Note *notes,
            guint       n,
            guint       k)
{
  return (k > 0 && notes[k - 1].stub && notes[k].near_previous) ||
         (k + 1 < n && notes[k + 1].stub && notes[k + 1].near_previous);
}

/* The note to send to the endnotes when note @added does not fit beside the notes before it:
 * itself, unless a note in the group around @worst (all of them when the margin overflows) is
 * far taller; when @added is a stub already, a note whose stub would join a neighbour's, else
 * the tallest. Notes earlier on the page keep their places, and later ones go to the endnotes
 * in runs that share a stub. Returns -1 when only stubs are left. */
static int
choose_demoted (Note  *notes,
                guint  n,
                guint  added,
                int    worst)
{
  guint from = 0, to = n;
  int tallest = -1, joining = -1;

  if (worst >= 0)
    {
      from = to = worst;
      while (from > 0 && notes[from - 1].y + notes[from - 1].height + NOTE_GAP + 0.01 >= notes[from].y)
        from--;
      while (to + 1 < n && notes[to].y + notes[to].height + NOTE_GAP + 0.01 >= notes[to + 1].y)
        to++;
      to++;
    }
  for (guint k = from; k < to; k++)
    {
      if (notes[k].stub)
        continue;
      if (tallest < 0 || notes[k].height > notes[tallest].height)
        tallest = k;
      if (would_join (notes, n, k))
        joining = k;
    }
  if (!notes[added].stub)
    return tallest >= 0 && notes[tallest].height > 1.5 * notes[added].height ? tallest : (int) added;
  return joining >= 0 ? joining : tallest;
}

static void
plan_page (Export       *export,
           GPtrArray    *anchored,
           const Margin *margin)
{
  g_autofree Note *notes = g_new0 (Note, MAX (anchored->len, 1));
  guint n = anchored->len;

  for (guint i = 0; i < n; i++)
    {
      Span *span = g_ptr_array_index (anchored, i);
      g_autofree char *markup = margin_note_markup (export, span);
      PangoRectangle logical;
      ScholiaPdfRect text, room;

      /* Laid out once, aligned toward the text as it will be drawn, and kept for drawing. */
      scholia_pdf_page_get_geometry (export->options, SCHOLIA_PDF_LAYOUT_ANNOTATED, span->page, &text, &room);
      span->note_layout = pango_layout_copy (export->note_layout);
      pango_layout_set_alignment (span->note_layout, room.x > text.x ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      pango_layout_set_markup (span->note_layout, markup, -1);
      pango_layout_get_extents (span->note_layout, NULL, &logical);
      notes[i] = (Note) { span, span->baseline - margin->note_baseline, logical.height / (double) PANGO_SCALE, 0, FALSE,
                          i > 0 && span->baseline - notes[i - 1].span->baseline <= 2 * margin->line_pitch };
      if (notes[i].height > margin->max_height)
        {
          notes[i].stub = TRUE;
          notes[i].height = margin->stub_height;
        }
    }

  /* Notes join the page one by one; each that leaves some note too far from its passage sends
   * one to the endnotes. */
  for (guint added = 0; added < n; added++)
    for (;;)
      {
        int worst, demoted;

        solve_positions (notes, added + 1, margin);
        if (fits (notes, added + 1, margin, &worst))
          break;
        demoted = choose_demoted (notes, added + 1, added, worst);
        if (demoted < 0)
          break;
        notes[demoted].stub = TRUE;
        notes[demoted].height = margin->stub_height;
      }

  for (guint k = 0; k < n; k++)
    {
      Span *span = notes[k].span;

      span->note_y = notes[k].y;
      if (!notes[k].stub)
        continue;
      g_clear_object (&span->note_layout);
      g_ptr_array_add (export->endnotes, span);
      span->endnote = export->endnotes->len;
      span->stub_run = 0;
      if (!is_joined (notes, k))
        {
          guint last = k;

          while (last + 1 < n && is_joined (notes, last + 1))
            last++;
          span->stub_run = last - k + 1;
          memcpy (span->stub_last, notes[last].span->letter, sizeof span->stub_last);
        }
    }
}

/* Letters afresh on each page, skipping those of passages from an earlier page whose marks fall
 * on this one. */
static void
assign_letters (Export    *export,
                GPtrArray *anchored,
                int        page)
{
  guint next = 0;

  for (guint i = 0; i < anchored->len; i++)
    {
      Span *span = g_ptr_array_index (anchored, i);
      gboolean taken;

      do
        {
          taken = FALSE;
          format_letter (next, span->letter);
          for (guint s = 0; s < export->spans->len && !taken; s++)
            {
              Span *other = g_ptr_array_index (export->spans, s);

              taken = other->has_note && other->page >= 0 && other->page < page && other->end_page == page &&
                      strcmp (other->letter, span->letter) == 0;
            }
          next++;
        }
      while (taken);
    }
}

static void
measure_margin (Export         *export,
                ScholiaPdfFlow *flow,
                Margin         *margin)
{
  ScholiaPdfRect rect;
  PangoRectangle logical;

  scholia_pdf_writer_get_geometry (export->writer, NULL, &rect);
  export->note_layout = scholia_pdf_writer_create_layout (export->writer, rect.width, NOTE_FONT_SIZE,
                                                          PANGO_STYLE_NORMAL, PANGO_WEIGHT_NORMAL);
  margin->top = rect.y;
  margin->bottom = rect.y + rect.height;
  margin->max_height = rect.height / 2;
  margin->line_pitch = export->font_size * 1.3;
  for (guint i = 0; i < flow->lines->len; i++)
    {
      const ScholiaPdfLine *line = &g_array_index (flow->lines, ScholiaPdfLine, i);

      if (g_array_index (export->blocks, Block, line->block).kind == BLOCK_PARAGRAPH)
        {
          margin->line_pitch = line->bottom - line->top;
          break;
        }
    }
  export->line_pitch = margin->line_pitch;
  pango_layout_set_text (export->note_layout, "→ nn. a–f, p. 10", -1);
  pango_layout_get_extents (export->note_layout, NULL, &logical);
  margin->stub_height = logical.height / (double) PANGO_SCALE;
  margin->note_baseline = pango_layout_get_baseline (export->note_layout) / (double) PANGO_SCALE;
}

/* The endnotes follow the text in the same flow, on its last page when there is room: a
 * heading, then the notes grouped under the pages their passages are on. */
static void
add_endnotes (Export         *export,
              ScholiaPdfFlow *flow,
              const Margin   *margin)
{
  ScholiaPdfRect text;
  g_autofree char *heading = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  int group_page = -1;
  guint heading_block;
  double size = export->font_size * 0.85;
  double pitch = margin->line_pitch;

  scholia_pdf_writer_get_geometry (export->writer, &text, NULL);
  heading = g_markup_printf_escaped ("<span font_variant='smallcaps'>%s</span>", _("Notes"));
  layout = scholia_pdf_writer_create_markup_layout (export->writer, text.width, 13, PANGO_STYLE_NORMAL, heading);
  heading_block = export->blocks->len;
  scholia_pdf_export_add_block (export, flow, layout, BLOCK_PLAIN, 0, 0, 2 * pitch, 4 * pitch);
  scholia_pdf_flow_tag_last (flow, "H2");

  for (guint i = 0; i < export->endnotes->len; i++)
    {
      Span *span = g_ptr_array_index (export->endnotes, i);
      g_autofree char *markup = endnote_markup (export, span);
      g_autoptr(PangoLayout) note = NULL;

      if (span->page != group_page)
        {
          /* Translators: heads the endnotes on passages of one page */
          g_autofree char *title = g_strdup_printf (_("Page %d"), span->page + 1);
          g_autofree char *group = g_markup_printf_escaped ("<i>%s</i>", title);
          g_autoptr(PangoLayout) group_layout = scholia_pdf_writer_create_markup_layout (export->writer, text.width, size,
                                                                                         PANGO_STYLE_NORMAL, group);

          group_page = span->page;
          scholia_pdf_export_add_block (export, flow, group_layout, BLOCK_PLAIN, 0, 0, i == 0 ? 6 : pitch * 0.6,
                                        2 * pitch);
        }
      note = scholia_pdf_writer_create_markup_layout (export->writer, text.width, size, PANGO_STYLE_NORMAL, markup);
      pango_layout_set_indent (note, -(int) (1.2 * size * PANGO_SCALE));
      scholia_pdf_export_add_block (export, flow, note, BLOCK_ENDNOTE, i, 1.2 * size, 3, 0);
      scholia_pdf_flow_tag_last (flow, "Note");
    }

  for (guint i = 0; i < flow->lines->len; i++)
    {
      const ScholiaPdfLine *line = &g_array_index (flow->lines, ScholiaPdfLine, i);
      Block *block = &g_array_index (export->blocks, Block, line->block);

      if (line->block == heading_block && export->notes_page < 0)
        {
          export->notes_page = line->page;
          export->notes_top = line->top;
        }
      if (block->kind == BLOCK_ENDNOTE && line->line->start_index == 0)
        ((Span *) g_ptr_array_index (export->endnotes, block->index))->endnote_page = line->page;
    }
}

/* Walks the paginated text: which passages start and end on each page, then each page's notes
 * placed, or sent to the endnotes, which are added to the flow. */
void
scholia_pdf_export_plan_notes (Export         *export,
                               ScholiaPdfFlow *flow)
{
  g_autoptr(GPtrArray) anchored = g_ptr_array_new ();
  Margin margin;
  guint n_lines = flow->lines->len;
  int page = 0;

  if (!export->options->include_notes)
    return;
  measure_margin (export, flow, &margin);

  for (guint i = 0; i <= n_lines; i++)
    {
      const ScholiaPdfLine *line = i < n_lines ? &g_array_index (flow->lines, ScholiaPdfLine, i) : NULL;
      Block *block;
      Paragraph *paragraph;
      gsize line_start, line_end;

      if (line == NULL || line->page != page)
        {
          assign_letters (export, anchored, page);
          plan_page (export, anchored, &margin);
          g_ptr_array_set_size (anchored, 0);
          if (line == NULL)
            break;
          page = line->page;
        }

      block = &g_array_index (export->blocks, Block, line->block);
      if (block->kind != BLOCK_PARAGRAPH)
        continue;
      paragraph = &g_array_index (export->paragraphs, Paragraph, block->index);
      line_start = block->text_start + line->line->start_index;
      line_end = line_start + line->line->length;
      for (guint s = 0; s < paragraph->spans->len; s++)
        {
          Span *span = g_ptr_array_index (export->spans, g_array_index (paragraph->spans, guint, s));

          if (!span->has_note || span->start >= line_end || span->end <= line_start)
            continue;
          if (span->page < 0)
            {
              span->page = line->page;
              span->baseline = line->baseline;
              g_ptr_array_add (anchored, span);
            }
          if (span->end <= line_end)
            span->end_page = line->page;
        }
    }

  if (export->endnotes->len > 0)
    add_endnotes (export, flow, &margin);
}

/* A leader joins a note to its passage only across a short way, and only in the gutter: from
 * past the text's edge (and past a mark hanging there) to the note's first line. */
static void
draw_leader (Export               *export,
             const Anchor         *anchor,
             const ScholiaPdfRect *text,
             const ScholiaPdfRect *margin,
             double                note_baseline)
{
  gboolean outside_right = margin->x > text->x;
  double gutter = outside_right ? margin->x - (text->x + text->width) : text->x - (margin->x + margin->width);
  double from_y = anchor->span->baseline - export->font_size * 0.3;
  double to_y = note_baseline - NOTE_FONT_SIZE * 0.3;
  double start, end;

  if (gutter < export->mark_room + 4)
    return;
  start = outside_right ? text->x + text->width + export->mark_room + 1 : text->x - export->mark_room - 1;
  end = outside_right ? margin->x - 1.5 : margin->x + margin->width + 1.5;

  cairo_save (export->cr);
  cairo_set_source_rgba (export->cr, anchor->span->rgb[0] * 0.7, anchor->span->rgb[1] * 0.7,
                         anchor->span->rgb[2] * 0.7, 0.8);
  cairo_set_line_width (export->cr, 0.4);
  cairo_move_to (export->cr, start, from_y);
  cairo_line_to (export->cr, end, to_y);
  cairo_stroke (export->cr);
  cairo_restore (export->cr);
}

/* The page's notes and stubs where plan_notes put them, each stub linked to its endnote. A
 * margin note needs no link to its passage beside it: the letters join them. */
void
scholia_pdf_export_place_notes (Export               *export,
                                const ScholiaPdfRect *text,
                                const ScholiaPdfRect *margin)
{
  PangoAlignment alignment = margin->x > text->x ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;

  if (export->note_layout == NULL)
    return;
  pango_layout_set_alignment (export->note_layout, alignment);

  for (guint i = 0; i < export->anchors->len; i++)
    {
      Anchor *anchor = &g_array_index (export->anchors, Anchor, i);
      Span *span = anchor->span;
      g_autoptr(PangoLayout) layout = NULL;
      double note_baseline, distance;

      if (!span->has_note || span->page < 0 || (span->endnote > 0 && span->stub_run == 0))
        continue;
      if (span->endnote > 0)
        {
          g_autofree char *markup = stub_markup (span);

          layout = g_object_ref (export->note_layout);
          pango_layout_set_markup (layout, markup, -1);
        }
      else
        {
          /* As planned (plan_page); drawn once. */
          layout = g_steal_pointer (&span->note_layout);
          pango_layout_set_alignment (layout, alignment);
        }
      cairo_set_source_rgb (export->cr, 0.15, 0.15, 0.15);
      cairo_move_to (export->cr, margin->x, span->note_y);
      cairo_tag_begin (export->cr, "Note", "");
      pango_cairo_show_layout (export->cr, layout);
      cairo_tag_end (export->cr, "Note");

      note_baseline = span->note_y + pango_layout_get_baseline (layout) / (double) PANGO_SCALE;
      distance = fabs (note_baseline - span->baseline) / export->line_pitch;
      if (distance > LEVEL_LINES && distance <= LEADER_LINES)
        draw_leader (export, anchor, text, margin, note_baseline);

      if (span->endnote > 0)
        {
          PangoRectangle logical;
          char target[48];

          pango_layout_get_extents (layout, NULL, &logical);
          dest_name (target, "endnote", span);
          add_link (export->cr, target, margin->x + logical.x / (double) PANGO_SCALE, span->note_y,
                    logical.width / (double) PANGO_SCALE, logical.height / (double) PANGO_SCALE);
        }
    }
}

/* A letter's outline, made once for all its marks: laying out a letter for each mark would
 * cost as much as the rest of the marks' work. */
typedef struct
{
  cairo_path_t   *path;     /* at the origin, on the baseline */
  PangoRectangle  ink;
  double          scale;    /* to fit the room kept in the line */
} MarkShape;

static void
mark_shape_free (MarkShape *shape)
{
  cairo_path_destroy (shape->path);
  g_free (shape);
}

static MarkShape *
lookup_mark_shape (Export     *export,
                   const char *letter)
{
  MarkShape *shape;
  PangoLayoutLine *line;
  PangoRectangle logical;

  if (export->mark_shapes == NULL)
    export->mark_shapes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) mark_shape_free);
  shape = g_hash_table_lookup (export->mark_shapes, letter);
  if (shape != NULL)
    return shape;

  shape = g_new0 (MarkShape, 1);
  pango_layout_set_text (export->mark_layout, letter, -1);
  line = pango_layout_get_line_readonly (export->mark_layout, 0);
  pango_layout_line_get_extents (line, &shape->ink, &logical);
  shape->scale = MIN (1.0, (export->mark_room - MARK_PAD) / (logical.width / (double) PANGO_SCALE));
  cairo_save (export->cr);
  cairo_identity_matrix (export->cr);
  cairo_new_path (export->cr);
  cairo_move_to (export->cr, 0, 0);
  pango_cairo_layout_line_path (export->cr, line);
  shape->path = cairo_copy_path (export->cr);
  cairo_new_path (export->cr);
  cairo_restore (export->cr);
  g_hash_table_insert (export->mark_shapes, g_strdup (letter), shape);
  return shape;
}

/* Each mark, drawn as a shape rather than text so that copying the passage does not take it
 * along as part of a word; a mark whose note is an endnote links to it and back. */
void
scholia_pdf_export_draw_marks (Export *export)
{
  for (guint i = 0; i < export->ends->len; i++)
    {
      SpanEnd *span_end = &g_array_index (export->ends, SpanEnd, i);
      Span *span = span_end->span;
      MarkShape *shape;
      double x, y;
      char name[48], target[48];

      if (!span->has_note || span->letter[0] == '\0')
        continue;
      shape = lookup_mark_shape (export, span->letter);
      x = span_end->x + MARK_PAD;
      y = span_end->baseline - export->font_size * MARK_RISE;

      cairo_save (export->cr);
      cairo_translate (export->cr, x, y);
      cairo_scale (export->cr, shape->scale, shape->scale);
      cairo_set_source_rgb (export->cr, span->rgb[0] * 0.6, span->rgb[1] * 0.6, span->rgb[2] * 0.6);
      cairo_new_path (export->cr);
      cairo_append_path (export->cr, shape->path);
      cairo_fill (export->cr);
      cairo_restore (export->cr);

      if (span->endnote == 0)
        continue;
      dest_name (name, "mark", span);
      add_dest (export->cr, name, x, y - export->font_size);
      dest_name (target, "endnote", span);
      add_link (export->cr, target, x + shape->scale * shape->ink.x / (double) PANGO_SCALE,
                y + shape->scale * shape->ink.y / (double) PANGO_SCALE,
                shape->scale * shape->ink.width / (double) PANGO_SCALE,
                shape->scale * shape->ink.height / (double) PANGO_SCALE);
    }
}

/* An endnote's first line: where its mark's link lands, and its letter a link back to the mark. */
void
scholia_pdf_export_link_endnote (Export               *export,
                                 const ScholiaPdfLine *line,
                                 double                column_x)
{
  Span *span = g_ptr_array_index (export->endnotes, g_array_index (export->blocks, Block, line->block).index);
  char name[48], target[48];
  int *ranges = NULL;
  int n_ranges = 0;

  if (line->line->start_index != 0)
    return;
  dest_name (name, "endnote", span);
  add_dest (export->cr, name, column_x + line->x, line->top);
  pango_layout_line_get_x_ranges (line->line, 0, strlen (span->letter), &ranges, &n_ranges);
  if (n_ranges > 0)
    {
      dest_name (target, "mark", span);
      add_link (export->cr, target, column_x + line->layout_x + ranges[0] / (double) PANGO_SCALE, line->top,
                (ranges[1] - ranges[0]) / (double) PANGO_SCALE, line->bottom - line->top);
    }
  g_free (ranges);
}
