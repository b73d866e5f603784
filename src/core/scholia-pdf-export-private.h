/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-pdf-export.h"

G_BEGIN_DECLS

/* What the files of the annotated document's export share: the export's state and the steps
 * each file takes. scholia-pdf-export.c drives them: spans, then the flow of the title block and
 * the text, then each page drawn with its decorations and notes, the endnotes, and last the
 * native annotations written into the finished file. */

/* How a span looks. Each span is filled, behind the text, with a translucent wash of its first
 * tag's colour: overlapping spans stack their washes and stay readable. Because washes turn
 * into the same grey on a black-and-white printer, every tag of a span also draws an underline
 * in its own pattern (solid, dashed, dotted…), each on its own track below the baseline, so
 * that overlapping spans and their tags remain distinguishable without colour; the key on the
 * first page shows each tag's wash and pattern. */
#define FILL_ALPHA       0.30
#define N_PATTERNS       6
#define MAX_TRACKS       4
#define NOTE_FONT_SIZE   7.5
#define KEY_FONT_SIZE    8.5
/* Pango loses text from a layout of a few hundred kilobytes: longer paragraphs are laid out in
 * pieces of about this many bytes. */
#define PIECE_BYTES      (16 * 1024)

typedef struct
{
  ScholiaTag *tag;
  guint       index;      /* its place in the key: picks the underline pattern */
  double      rgb[3];
} KeyTag;

typedef struct
{
  ScholiaAnnotation *annotation;
  gsize              start;       /* bytes into the text */
  gsize              end;
  double             rgb[3];
  GPtrArray         *tags;        /* KeyTag, in the annotation's order */
  char              *tag_names;   /* "thesis, evidence" */
  char              *theme_names;
  int                track;       /* the first of its underline tracks */
  int                endnote;     /* its number, 0 while it has none */
  gboolean           seen;        /* its first line has been drawn */
} Span;

typedef struct
{
  gsize   start;
  gsize   end;
  GArray *spans;  /* guint indexes into Export.spans */
} Paragraph;

/* A span's first line on the page being drawn: its note goes beside it. */
typedef struct
{
  Span   *span;
  double  top;
  double  lead_y;
  double  left;
  double  right;
} Anchor;

/* Where a span ends on the page being drawn: an endnote's number goes there. */
typedef struct
{
  Span   *span;
  double  x;
  double  baseline;
} SpanEnd;

/* One line of a span, for its native annotation, or one rectangle of its wash; cairo
 * coordinates. */
typedef struct
{
  guint  span;
  int    page;
  guint  order;
  double x1;
  double y1;
  double x2;
  double y2;
} Quad;

typedef enum
{
  BLOCK_PLAIN,
  BLOCK_KEY,
  BLOCK_PARAGRAPH,
} BlockKind;

typedef struct
{
  BlockKind kind;
  guint     index;
  gsize     text_start;  /* of a paragraph's layout, in bytes into the text */
} Block;

typedef struct
{
  ScholiaStore            *store;
  ScholiaDocument         *document;
  const ScholiaPdfOptions *options;
  ScholiaPdfWriter        *writer;
  cairo_t                 *cr;
  double                   font_size;
  char                    *text;
  GPtrArray               *spans;       /* Span, in text order */
  GPtrArray               *key;         /* KeyTag, in palette order */
  GPtrArray               *themes;      /* ScholiaTheme used by the spans, in the user's order */
  GArray                  *paragraphs;
  GArray                  *blocks;      /* Block, one per layout of the flow */
  GArray                  *quads;       /* Quad: each span's lines, for its native annotation */
  GArray                  *washes;      /* Quad: the rectangles tinted in a span's colour */
  GArray                  *anchors;
  GArray                  *ends;
  GPtrArray               *endnotes;    /* Span, by number */
  double                   rule_y;      /* the hairline under the title block on page 1 */
  guint                    title_blocks; /* blocks of the flow before the text's first paragraph */
  PangoLayout             *note_layout; /* one for every margin note, its markup replaced */
  PangoLayout             *mark_layout; /* one for every endnote's number */
} Export;

void     scholia_pdf_key_tag_free (KeyTag *key_tag);
void     scholia_pdf_span_free    (Span   *span);

/* scholia-pdf-spans.c: the annotations the options let through, as spans in text order with
 * their tags in the key, their colours and underline tracks. */
gboolean scholia_pdf_export_load_spans (Export  *export,
                                        GError **error);

/* scholia-pdf-body.c: the title block and the text, added to the flow block by block. */
void     scholia_pdf_export_split_paragraphs (Export         *export);
void     scholia_pdf_export_add_block        (Export         *export,
                                              ScholiaPdfFlow *flow,
                                              PangoLayout    *layout,
                                              BlockKind       kind,
                                              guint           index,
                                              double          indent,
                                              double          space_before,
                                              double          keep_after);
void     scholia_pdf_export_add_title_block  (Export         *export,
                                              ScholiaPdfFlow *flow,
                                              double          width);
gboolean scholia_pdf_export_layout_text      (Export         *export,
                                              ScholiaPdfFlow *flow,
                                              double          width,
                                              GError        **error);

/* scholia-pdf-marks.c: what is drawn behind a line (washes, underlines, the key's swatches),
 * collecting the notes' anchors, the spans' ends and the native annotations' quadrilaterals. */
void     scholia_pdf_export_before_line (const ScholiaPdfLine *line,
                                         double                column_x,
                                         gpointer              user_data);

/* scholia-pdf-notes.c: margin notes, endnote marks and the endnotes. */
void     scholia_pdf_export_place_notes    (Export               *export,
                                            const ScholiaPdfRect *text,
                                            const ScholiaPdfRect *margin);
void     scholia_pdf_export_mark_endnotes  (Export               *export);
gboolean scholia_pdf_export_write_endnotes (Export               *export,
                                            GError              **error);

/* scholia-pdf-export.c: draws a flow's pages, each with its notes, from @first to
 * @first + @share of the progress. */
gboolean scholia_pdf_export_draw_pages (Export          *export,
                                        ScholiaPdfFlow  *flow,
                                        double           first,
                                        double           share,
                                        GError         **error);

/* scholia-pdf-outline.c: bookmarks to the title, each theme's passages (then those in no theme,
 * by tag) and the endnotes starting on @notes_page (-1: none), once the pages are drawn; the
 * document info's keywords. */
void     scholia_pdf_export_add_outline (Export *export,
                                         int     notes_page);
char    *scholia_pdf_export_keywords    (Export *export);

/* scholia-pdf-annots.c: a ScholiaPdfRewriteFunc adding one native highlight per span and page. */
gboolean scholia_pdf_export_add_native_annotations (const char  *input_path,
                                                    const char  *output_path,
                                                    gpointer     user_data,
                                                    GError     **error);

G_END_DECLS
