/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "scholia-annotation-filter.h"
#include "scholia-pdf-update.h"

G_BEGIN_DECLS

/* What the document export and the theme handout share: options, page geometry, fonts, a
 * writer that draws running heads and folios and never leaves a partial file, and a flow that
 * paginates PangoLayouts line by line. */

typedef enum
{
  SCHOLIA_PDF_PAGE_A4,
  SCHOLIA_PDF_PAGE_LETTER,
} ScholiaPdfPageSize;

typedef struct
{
  ScholiaPdfPageSize  page_size;
  double              font_size;      /* body text, in points */
  gboolean            ragged;         /* ragged right rather than justified */
  gboolean            include_notes;  /* tags and notes in the margin, or as endnotes */
  gboolean            one_sided;      /* every page laid out as the first: no mirrored margins */
  /* The essay reads right to left (scholia_text_is_right_to_left): every page mirrored, the
   * notes' margin on the left of a first page, the stripes and ¶ numbers on its right. The
   * export sets it from the text when the caller has not. */
  gboolean            right_to_left;
  const char         *course;         /* a line under the title naming the course; NULL: none */
  const char         *annotator;      /* the native highlights' author; NULL: the user's name */
  /* Only the annotations it lets through (tags, themes; the handout: tags and authors); NULL:
   * all. Borrowed; an export in a thread needs a filter nobody changes meanwhile. */
  ScholiaAnnotationFilter *filter;
} ScholiaPdfOptions;

/* Called once per finished page with how much of the export is done, from 0 to 1. */
typedef void (*ScholiaPdfProgressFunc) (double   fraction,
                                        gpointer user_data);

#define SCHOLIA_PDF_DEFAULT_FONT_SIZE 11.0

void scholia_pdf_options_init (ScholiaPdfOptions *options);

/* The annotated document has a text column of 60% of the page at 11 points, widened for
 * larger type so that a line keeps about 60 characters, and an outer margin for notes,
 * mirrored on even pages so that the margin is always on the outside of a double-sided print
 * (not when @options is one-sided); the handout uses the whole width between the margins.
 * Rectangles are in points from the page's top-left corner; page is 0-based. */
typedef enum
{
  SCHOLIA_PDF_LAYOUT_ANNOTATED,
  SCHOLIA_PDF_LAYOUT_FULL_WIDTH,
} ScholiaPdfLayoutKind;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} ScholiaPdfRect;

void scholia_pdf_page_get_size     (ScholiaPdfPageSize    page_size,
                                    double               *width,
                                    double               *height);
void scholia_pdf_page_get_geometry (const ScholiaPdfOptions *options,
                                    ScholiaPdfLayoutKind     kind,
                                    int                      page,
                                    ScholiaPdfRect          *text,
                                    ScholiaPdfRect          *margin);

/* Writes one PDF: to a hidden temporary file beside the target, renamed over it only by
 * commit, so that the target is either the whole new file or untouched. Every failure names
 * the target; freeing an uncommitted writer removes the temporary files. */
typedef struct _ScholiaPdfWriter ScholiaPdfWriter;

/* Adds to @update, the closed file's update (scholia-pdf-update.h) once its structure is
 * finished; the writer then writes it, flushed to the disk. */
typedef gboolean (*ScholiaPdfAppendFunc)  (ScholiaPdfUpdate  *update,
                                           gpointer           user_data,
                                           GError           **error);

ScholiaPdfWriter *scholia_pdf_writer_new          (const char              *path,
                                                   const ScholiaPdfOptions *options,
                                                   ScholiaPdfLayoutKind     kind,
                                                   GCancellable            *cancellable,
                                                   ScholiaPdfProgressFunc   progress,
                                                   gpointer                 user_data,
                                                   GError                 **error);
void              scholia_pdf_writer_free         (ScholiaPdfWriter        *writer);
cairo_t          *scholia_pdf_writer_get_cairo    (ScholiaPdfWriter        *writer);
int               scholia_pdf_writer_get_page     (ScholiaPdfWriter        *writer);
void              scholia_pdf_writer_get_geometry (ScholiaPdfWriter        *writer,
                                                   ScholiaPdfRect          *text,
                                                   ScholiaPdfRect          *margin);
double            scholia_pdf_writer_get_font_size (ScholiaPdfWriter       *writer);
void              scholia_pdf_writer_set_metadata (ScholiaPdfWriter        *writer,
                                                   const char              *title,
                                                   const char              *author,
                                                   const char              *subject);
/* The document info's keywords, and its creation and modification dates (Unix seconds, as the
 * library keeps them; 0: none). */
void              scholia_pdf_writer_set_keywords (ScholiaPdfWriter        *writer,
                                                   const char              *keywords);
void              scholia_pdf_writer_set_dates    (ScholiaPdfWriter        *writer,
                                                   gint64                   created,
                                                   gint64                   modified);
/* A bookmark under @parent (0: the top level) to @y points from the top of @page (0-based);
 * returns its id, a parent for others. */
int               scholia_pdf_writer_add_outline  (ScholiaPdfWriter        *writer,
                                                   int                      parent,
                                                   const char              *name,
                                                   int                      page,
                                                   double                   y);
void              scholia_pdf_writer_set_running_head (ScholiaPdfWriter    *writer,
                                                       const char          *author,
                                                       const char          *title);
PangoLayout      *scholia_pdf_writer_create_layout (ScholiaPdfWriter       *writer,
                                                    double                  width,
                                                    double                  size,
                                                    PangoStyle              style,
                                                    PangoWeight             weight);
PangoLayout      *scholia_pdf_writer_create_markup_layout (ScholiaPdfWriter *writer,
                                                           double            width,
                                                           double            size,
                                                           PangoStyle        style,
                                                           const char       *markup);
/* Sets @layout (its text given) flush right on a right-to-left essay's mirrored pages, whichever
 * way its text reads, as the lines of the essay are: for what is laid out once for the page,
 * such as the title block's date and export lines, which may read left to right. */
void              scholia_pdf_writer_align_to_page (ScholiaPdfWriter       *writer,
                                                    PangoLayout            *layout);
gboolean          scholia_pdf_writer_show_page    (ScholiaPdfWriter        *writer,
                                                   double                   fraction,
                                                   GError                 **error);
gboolean          scholia_pdf_writer_close        (ScholiaPdfWriter        *writer,
                                                   GError                 **error);
gboolean          scholia_pdf_writer_append       (ScholiaPdfWriter        *writer,
                                                   ScholiaPdfAppendFunc     func,
                                                   gpointer                 user_data,
                                                   GError                 **error);
gboolean          scholia_pdf_writer_commit       (ScholiaPdfWriter        *writer,
                                                   GError                 **error);
gboolean          scholia_pdf_writer_check_cancelled (ScholiaPdfWriter     *writer,
                                                      GError              **error);
void              scholia_pdf_writer_report       (ScholiaPdfWriter        *writer,
                                                   double                   fraction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaPdfWriter, scholia_pdf_writer_free)

/* A column of text cut into pages: each layout added is placed line by line, a line never
 * split, a paragraph's first line never left alone at the foot of a page nor its last line at
 * the top of the next (no orphans, no widows). Lines keep their
 * page and position; the caller draws a page's lines once it has decided what goes around
 * them, so two flows can share pages (the handout's side-by-side columns). Each block is an
 * element of the tagged PDF's structure, a paragraph ("P") unless told otherwise; the pieces of
 * a long paragraph continue its element. */
typedef struct
{
  PangoLayout     *layout;
  PangoLayoutLine *line;
  guint            block;     /* index of the layout in the flow, in order of adding */
  int              page;
  double           layout_x;  /* of the layout's left edge, from the column's left edge */
  double           x;         /* of the line's origin, from the column's left edge */
  double           baseline;  /* from the page's top */
  double           top;       /* the line's logical extents, from the page's top */
  double           bottom;
} ScholiaPdfLine;

typedef struct
{
  double     top;
  double     bottom;
  int        page;
  double     y;
  guint      keep_from; /* the first line of a heading kept with the next block, or G_MAXUINT */
  GPtrArray *layouts;
  GArray    *lines;     /* ScholiaPdfLine, in reading order */
  GArray    *tags;      /* const char *, one per block: its element; NULL continues the last */
} ScholiaPdfFlow;

void  scholia_pdf_flow_init      (ScholiaPdfFlow *flow,
                                  int             first_page,
                                  double          top,
                                  double          bottom);
void  scholia_pdf_flow_clear     (ScholiaPdfFlow *flow);
guint scholia_pdf_flow_add       (ScholiaPdfFlow *flow,
                                  PangoLayout    *layout,
                                  double          indent,
                                  double          space_before,
                                  double          keep_after);
/* Adds only the first @n_lines of @layout: a paragraph too long for one layout is laid out in
 * pieces, each continuing the last (@continued) without space before it, its first line free
 * to stand at the foot of a page. */
guint scholia_pdf_flow_add_lines (ScholiaPdfFlow *flow,
                                  PangoLayout    *layout,
                                  int             n_lines,
                                  gboolean        continued,
                                  double          indent);
/* The structure element ("H1", "Note"…, a static string) of the block last added. */
void  scholia_pdf_flow_tag_last  (ScholiaPdfFlow *flow,
                                  const char     *tag);
void  scholia_pdf_flow_new_page  (ScholiaPdfFlow *flow);
int   scholia_pdf_flow_last_page (ScholiaPdfFlow *flow);
void  scholia_pdf_line_draw      (cairo_t              *cr,
                                  const ScholiaPdfLine *line,
                                  double                column_x);

/* Draws the lines of @flow on @page from line @from on, calling @before ahead of each (to paint
 * what lies behind it), each block within its structure element; returns the index of the
 * first line of a later page. Elements end with the page, so that what the writer draws around
 * them (running heads, folios) stays out of the structure; an element a page break splits is
 * joined again in the finished file (scholia-pdf-structure.h). */
typedef void (*ScholiaPdfLineFunc) (const ScholiaPdfLine *line,
                                    double                column_x,
                                    gpointer              user_data);

guint scholia_pdf_flow_draw_page (ScholiaPdfFlow     *flow,
                                  guint               from,
                                  int                 page,
                                  cairo_t            *cr,
                                  double              column_x,
                                  ScholiaPdfLineFunc  before,
                                  gpointer            user_data);
/* The same, stopping also at the first line of block @end_block or a later one. */
guint scholia_pdf_flow_draw_blocks (ScholiaPdfFlow     *flow,
                                    guint               from,
                                    int                 page,
                                    guint               end_block,
                                    cairo_t            *cr,
                                    double              column_x,
                                    ScholiaPdfLineFunc  before,
                                    gpointer            user_data);

/* @text in a label's colour @rgb, darkened to read on white and in grey, with the Pango span
 * @attributes ("weight='bold'"). */
void  scholia_pdf_append_ink_markup (GString      *markup,
                                     const double  rgb[3],
                                     const char   *attributes,
                                     const char   *text);
/* A tag's name as it stands in notes and handouts: bold small caps in its colour, darkened to
 * read on white and in grey; after a " · " when @markup is not empty. */
void  scholia_pdf_append_tag_markup (GString      *markup,
                                     const char   *name,
                                     const double  rgb[3]);

/* "#rrggbb" as cairo components; grey when unreadable. */
void  scholia_pdf_parse_colour   (const char *colour,
                                  double      rgb[3]);

G_END_DECLS
