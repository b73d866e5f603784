/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-essay-structure.h"
#include "scholia-hyphenate.h"
#include "scholia-pdf-export.h"

G_BEGIN_DECLS

/* What the files of the annotated document's export share: the export's state and the steps
 * each file takes. scholia-pdf-export.c drives them: spans, then the flow of the title block and
 * the text and the endnotes, then each page drawn with its decorations and notes, and last the
 * native annotations written into the finished file. */

/* How a span looks. Each character is tinted with one translucent wash: that of the innermost
 * (shortest) span over it, in its first tag's colour, so that no wash is stacked on another and
 * every tint on the page is one of the key's. The washes are recorded while the page is drawn
 * and painted by the spans' native highlights' appearances, not in the page
 * (scholia-pdf-annots.c says why). Where spans overlap, coding stripes in the inner margin show
 * each tag's extent (scholia-pdf-stripes.c). Because washes turn into the same grey on a
 * black-and-white printer, every tag of a span also draws an underline in its own pattern
 * (solid, dashed, dotted…), each on its own track below the baseline, as many tracks as the
 * space above the next line's glyphs holds; the key on the first page shows each tag's wash,
 * pattern and stripe. */
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
  ScholiaTag  *tag;
  guint        index;         /* its place in the key: picks the underline pattern */
  double       rgb[3];
  PangoLayout *stripe_label;  /* its name beside its coding stripes, laid out once; NULL till then */
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
  gboolean           seen;        /* its first line has been drawn */
  /* Its side note (scholia-pdf-notes.c), planned before any page is drawn. */
  guint              index;       /* in Export.spans: names its link targets */
  gboolean           has_note;    /* it has tags, themes or a note to show */
  gsize              mark_index;  /* where its mark goes: after its last word and punctuation */
  int                page;        /* of its first line; -1 until planned */
  int                end_page;    /* of its mark */
  double             baseline;    /* of its first line */
  char               letter[4];   /* its mark, "a"… per page */
  double             note_y;      /* top of its note (or stub) in the margin */
  int                stub_run;    /* of a stub: how many notes it points to, 0 when an earlier stub does */
  char               stub_last[4]; /* the last of their letters */
  PangoLayout       *note_layout; /* its margin note, laid out when planned; NULL once drawn */
  int                endnote;     /* its number among the endnotes, 0 while in the margin */
  int                endnote_page;
} Span;

typedef struct
{
  gsize                 start;
  gsize                 end;
  GArray               *spans;    /* guint indexes into Export.spans */
  ScholiaParagraphRole  role;
  /* Where its layouts hold a soft hyphen that the text does not: guint32 byte offsets from
   * @start, each before the byte it precedes; NULL when none. */
  GArray               *hyphens;
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

/* Where a span's mark goes on the page being drawn: x is the end of its last word or punctuation. */
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

/* A run of lines one tag covers on the page being drawn, from the top of its first line's
 * wash to the bottom of its last's: its coding stripe. */
typedef struct
{
  KeyTag *key_tag;
  double  top;
  double  bottom;
} Stripe;

typedef enum
{
  BLOCK_PLAIN,
  BLOCK_KEY,
  BLOCK_PARAGRAPH,
  BLOCK_ENDNOTE,    /* index: into Export.endnotes */
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
  GArray                  *stripes;     /* Stripe: each line a tag covers on the page being drawn */
  GPtrArray               *endnotes;    /* Span, by number */
  double                   rule_y;      /* the hairline under the title block on page 1 */
  guint                    title_blocks; /* blocks of the flow before the text's first paragraph */
  PangoLayout             *note_layout; /* one for every margin note, its markup replaced */
  PangoLayout             *mark_layout; /* one for every mark's letter */
  GHashTable              *mark_shapes; /* a letter: its MarkShape, outlined once */
  double                   mark_room;   /* the room a mark takes in its line */
  double                   line_pitch;  /* of the text's lines */
  int                      notes_page;  /* where the endnotes' heading stands; -1: no endnotes */
  double                   notes_top;
  ScholiaHyphenator       *hyphenator;  /* for the document's language; NULL: set ragged */
  /* Citable positions (scholia-pdf-places.c): the numbered paragraphs and the source's page
   * breaks, each with a cursor to the next one not yet drawn, and this page's margin marks. */
  GArray                  *numbered;      /* ScholiaParagraph */
  guint                    next_numbered;
  GArray                  *page_breaks;   /* PageBreak, in text order */
  guint                    next_break;
  GArray                  *positions;     /* Position, on the page being drawn */
  PangoLayout             *position_layout;
} Export;

void     scholia_pdf_key_tag_free (KeyTag *key_tag);
void     scholia_pdf_span_free    (Span   *span);

/* scholia-pdf-spans.c: the annotations the options let through, as spans in text order with
 * their tags in the key, their colours and underline tracks. */
gboolean scholia_pdf_export_load_spans (Export  *export,
                                        GError **error);

/* scholia-pdf-body.c: the title block and the text, added to the flow block by block. */
ScholiaHyphenator *scholia_pdf_export_find_hyphenator (ScholiaDocument *document);
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
/* A paragraph block's layout holds its text with soft hyphens inserted: these turn a byte
 * offset into the text into an index into the block's layout, and back. */
int      scholia_pdf_export_layout_index     (Export         *export,
                                              const Block    *block,
                                              gsize           offset);
gsize    scholia_pdf_export_text_offset      (Export         *export,
                                              const Block    *block,
                                              int             index);

/* scholia-pdf-justify.c: a justified layout's gaping word spaces partly given to its letters. */
void     scholia_pdf_even_word_spaces (PangoLayout *layout,
                                       double       font_size);

/* scholia-pdf-marks.c: what is drawn behind a line (washes, underlines, the key's swatches),
 * collecting the notes' anchors, the spans' ends and the native annotations' quadrilaterals. */
void     scholia_pdf_export_before_line (const ScholiaPdfLine *line,
                                         double                column_x,
                                         gpointer              user_data);

/* scholia-pdf-stripes.c: the tags' coding stripes beside the lines collected in
 * export->stripes, in the inner margin of the page being drawn; one stripe as the key shows it. */
void     scholia_pdf_export_draw_stripes (Export               *export,
                                          const ScholiaPdfRect *text,
                                          const ScholiaPdfRect *margin);
void     scholia_pdf_draw_stripe         (cairo_t              *cr,
                                          const KeyTag         *key_tag,
                                          double                x,
                                          double                top,
                                          double                bottom);

/* scholia-pdf-notes.c: side notes. Before the text is laid out, where each span's mark goes
 * (find_marks) and the room kept for it in its line (reserve_marks); once it is paginated, where
 * each note stands or whether it becomes an endnote (plan_notes, which adds the endnotes to the
 * flow); while a page is drawn, its notes, stubs, leaders, marks and links. */
void     scholia_pdf_export_find_marks     (Export               *export);
void     scholia_pdf_export_reserve_marks  (Export               *export,
                                            PangoLayout          *layout,
                                            const Block          *block,
                                            gsize                 start,
                                            gsize                 end);
void     scholia_pdf_export_plan_notes     (Export               *export,
                                            ScholiaPdfFlow       *flow);
void     scholia_pdf_export_place_notes    (Export               *export,
                                            const ScholiaPdfRect *text,
                                            const ScholiaPdfRect *margin);
void     scholia_pdf_export_draw_marks     (Export               *export);
void     scholia_pdf_export_link_endnote   (Export               *export,
                                            const ScholiaPdfLine *line,
                                            double                column_x);

/* scholia-pdf-places.c: the ¶ numbers and, for a source printed on pages, its page breaks:
 * a stroke in the text where a page ended and the page's label beside the line, both in the
 * inner margin; and where a span stands, "p. 118" or "¶ 14", as its notes and highlight say. */
gboolean scholia_pdf_export_load_places   (Export               *export,
                                           GError              **error);
void     scholia_pdf_export_clear_places  (Export               *export);
void     scholia_pdf_export_mark_places   (Export               *export,
                                           const ScholiaPdfLine *line,
                                           double                column_x);
void     scholia_pdf_export_draw_places   (Export               *export,
                                           const ScholiaPdfRect *text);
/* "p. 118" or "pp. 118–119" where the source had pages, else NULL. */
char    *scholia_pdf_export_span_page     (Export               *export,
                                           const Span           *span);

/* scholia-pdf-export.c: draws a flow's pages, each with its notes, from @first to
 * @first + @share of the progress. */
gboolean scholia_pdf_export_draw_pages (Export          *export,
                                        ScholiaPdfFlow  *flow,
                                        double           first,
                                        double           share,
                                        GError         **error);

/* scholia-pdf-outline.c: bookmarks to the title, each theme's passages (then those in no theme,
 * by tag) and the endnotes' heading, once the pages are drawn; the document info's keywords. */
void     scholia_pdf_export_add_outline (Export *export);
char    *scholia_pdf_export_keywords    (Export *export);

/* scholia-pdf-annots.c: a ScholiaPdfAppendFunc adding one native highlight per span and page. */
gboolean scholia_pdf_export_add_native_annotations (ScholiaPdfUpdate  *update,
                                                    gpointer           user_data,
                                                    GError           **error);

G_END_DECLS
