/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <string.h>
#include <unistd.h>

#include "scholia-error.h"
#include "scholia-export-file.h"
#include "scholia-pdf-layout.h"
#include "scholia-pdf-structure.h"

/* Noto Serif has the small caps, true italics and wide coverage a typeset page wants; DejaVu
 * Serif is on every system that lacks it. Noto Serif has no Arabic or Hebrew: Pango takes each
 * letter from the first family in the list that has it, and without these two fontconfig's own
 * fallback sets Arabic in DejaVu Sans, whose letters are a screen's, not a book's. */
#define SCHOLIA_PDF_FONT_FAMILY "Noto Serif, Noto Naskh Arabic, Noto Serif Hebrew, DejaVu Serif"

static PangoLayout *create_small_line (ScholiaPdfWriter *writer,
                                       const char       *markup,
                                       double            width);

/* cairo hands over a PDF in pieces of a few bytes: they are gathered into writes this big. */
#define WRITE_BUFFER_SIZE (64 * 1024)

struct _ScholiaPdfWriter
{
  char                   *path;
  char                   *target_path;  /* @path with its symbolic links followed */
  char                   *temp_path;
  int                     fd;
  int                     write_errno;
  guchar                 *buffer;
  gsize                   buffered;
  ScholiaPdfPremark      *premark;  /* marks the pages' content as cairo writes it */
  gboolean                committed;
  ScholiaPdfPageSize      page_size;
  ScholiaPdfLayoutKind    kind;
  gboolean                one_sided;
  double                  font_size;
  ScholiaPdfOptions       options;  /* what the geometry needs: size, font size, sides */
  double                  width;
  double                  height;
  cairo_surface_t        *surface;
  cairo_t                *cr;
  PangoContext           *context;
  PangoFontDescription   *family;  /* parsed once: every layout starts from it */
  int                     page;
  PangoLayout            *head_author;
  PangoLayout            *head_title;
  PangoLayout            *folio;
  GCancellable           *cancellable;
  ScholiaPdfProgressFunc  progress;
  gpointer                user_data;
};

void
scholia_pdf_options_init (ScholiaPdfOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (ScholiaPdfOptions) {
    .page_size = SCHOLIA_PDF_PAGE_A4,
    .font_size = SCHOLIA_PDF_DEFAULT_FONT_SIZE,
    .ragged = FALSE,
    .include_notes = TRUE,
  };
}

void
scholia_pdf_page_get_size (ScholiaPdfPageSize  page_size,
                           double             *width,
                           double             *height)
{
  /* In points: A4 is 210 × 297 mm, Letter 8.5 × 11 in. */
  *width = page_size == SCHOLIA_PDF_PAGE_LETTER ? 612.0 : 595.276;
  *height = page_size == SCHOLIA_PDF_PAGE_LETTER ? 792.0 : 841.89;
}

/* A line of the text column holds about this many characters, in Noto Serif's average
 * 0.47 em: 55 to 75 is what a reader's eye follows without losing its place. At the default
 * 11 points 60% of the page already holds more; larger type widens the column into the notes'
 * margin and its outer edge, never into the inner margin. */
#define COLUMN_CHARS      62
#define CHAR_WIDTH_EM     0.47
#define INNER_MARGIN      0.09
#define TEXT_WIDTH        0.60
#define GUTTER            0.03
#define OUTER_EDGE        0.06
/* The narrowest the widened column leaves them: a note still holds some sixteen characters
 * a line, and the outer edge 5 mm that a printer cannot reach. */
#define MIN_GUTTER        0.018
#define MIN_OUTER_EDGE    0.025
#define MIN_NOTES         0.10

void
scholia_pdf_page_get_geometry (const ScholiaPdfOptions *options,
                               ScholiaPdfLayoutKind     kind,
                               int                      page,
                               ScholiaPdfRect          *text,
                               ScholiaPdfRect          *margin)
{
  double width, height, top, bottom;
  ScholiaPdfRect text_rect, margin_rect;

  g_return_if_fail (options != NULL);

  scholia_pdf_page_get_size (options->page_size, &width, &height);
  top = 72.0;
  bottom = height - 68.0;

  if (kind == SCHOLIA_PDF_LAYOUT_FULL_WIDTH)
    {
      text_rect = (ScholiaPdfRect) { 0.12 * width, top, 0.76 * width, bottom - top };
      margin_rect = (ScholiaPdfRect) { 0, top, 0, bottom - top };
    }
  else
    {
      double font_size = options->font_size > 0 ? options->font_size : SCHOLIA_PDF_DEFAULT_FONT_SIZE;
      double inner = INNER_MARGIN * width;
      double widest = (1.0 - INNER_MARGIN - MIN_GUTTER - MIN_NOTES - MIN_OUTER_EDGE) * width;
      double text_width = CLAMP (COLUMN_CHARS * CHAR_WIDTH_EM * font_size, TEXT_WIDTH * width, widest);
      /* How far the column has widened, from 0 to 1: the gutter and the outer edge narrow
       * with it, so that the notes do not bear it alone. */
      double widened = (text_width - TEXT_WIDTH * width) / (widest - TEXT_WIDTH * width);
      double gutter = (GUTTER - widened * (GUTTER - MIN_GUTTER)) * width;
      double outer = (OUTER_EDGE - widened * (OUTER_EDGE - MIN_OUTER_EDGE)) * width;
      double notes = width - inner - text_width - gutter - outer;

      /* Mirrored on a double-sided print's even pages, so that the notes are on the outside. */
      if (options->one_sided || page % 2 == 0)
        {
          text_rect = (ScholiaPdfRect) { inner, top, text_width, bottom - top };
          margin_rect = (ScholiaPdfRect) { inner + text_width + gutter, top, notes, bottom - top };
        }
      else
        {
          text_rect = (ScholiaPdfRect) { width - inner - text_width, top, text_width, bottom - top };
          margin_rect = (ScholiaPdfRect) { width - inner - text_width - gutter - notes, top, notes, bottom - top };
        }
    }

  /* A right-to-left book is bound on the right: its pages are a left-to-right book's, mirrored. */
  if (options->right_to_left)
    {
      text_rect.x = width - text_rect.x - text_rect.width;
      margin_rect.x = width - margin_rect.x - margin_rect.width;
    }

  if (text != NULL)
    *text = text_rect;
  if (margin != NULL)
    *margin = margin_rect;
}

void
scholia_pdf_parse_colour (const char *colour,
                          double      rgb[3])
{
  rgb[0] = rgb[1] = rgb[2] = 0.47;
  if (colour == NULL || colour[0] != '#' || strlen (colour) != 7)
    return;
  for (int i = 0; i < 3; i++)
    {
      int high = g_ascii_xdigit_value (colour[1 + 2 * i]);
      int low = g_ascii_xdigit_value (colour[2 + 2 * i]);

      if (high < 0 || low < 0)
        return;
    }
  for (int i = 0; i < 3; i++)
    rgb[i] = (g_ascii_xdigit_value (colour[1 + 2 * i]) * 16 + g_ascii_xdigit_value (colour[2 + 2 * i])) / 255.0;
}

static void
set_io_error (ScholiaPdfWriter  *writer,
              int                saved_errno,
              GError           **error)
{
  g_autofree char *display = g_filename_display_name (writer->path);

  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO, _("Could not write “%s”: %s"),
               display, g_strerror (saved_errno));
}

static gboolean
flush_buffer (ScholiaPdfWriter *writer)
{
  const guchar *data = writer->buffer;
  gsize length = writer->buffered;

  if (writer->fd < 0 || writer->write_errno != 0)
    return FALSE;

  writer->buffered = 0;
  scholia_pdf_premark_feed (writer->premark, data, length);
  while (length > 0)
    {
      ssize_t written = write (writer->fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          writer->write_errno = errno;
          return FALSE;
        }
      data += written;
      length -= written;
    }
  return TRUE;
}

static cairo_status_t
write_to_fd (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  ScholiaPdfWriter *writer = closure;

  if (writer->fd < 0 || writer->write_errno != 0)
    return CAIRO_STATUS_WRITE_ERROR;

  while (length > 0)
    {
      gsize chunk = MIN (length, WRITE_BUFFER_SIZE - writer->buffered);

      memcpy (writer->buffer + writer->buffered, data, chunk);
      writer->buffered += chunk;
      data += chunk;
      length -= chunk;
      if (writer->buffered == WRITE_BUFFER_SIZE && !flush_buffer (writer))
        return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_surface (ScholiaPdfWriter  *writer,
               GError           **error)
{
  cairo_status_t status = cairo_surface_status (writer->surface);

  if (status == CAIRO_STATUS_SUCCESS && writer->cr != NULL)
    status = cairo_status (writer->cr);
  /* cairo does not always turn a failed write into an error status. */
  if (status == CAIRO_STATUS_SUCCESS && writer->write_errno == 0)
    return TRUE;

  if (writer->write_errno != 0)
    set_io_error (writer, writer->write_errno, error);
  else
    {
      g_autofree char *display = g_filename_display_name (writer->path);

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED, _("Could not write “%s”: %s"),
                   display, cairo_status_to_string (status));
    }
  return FALSE;
}

/* cairo 1.16 compresses each page's content as it writes it, only for the finishing pass to
 * inflate it again, mark its artifacts and compress it once more (scholia-pdf-premark.h): with
 * the ten megabytes of content of a 300-page export, the two extra passes cost a third of what
 * drawing the pages does. cairo has no setting for it but the variable its own tests use (as
 * mplcairo does), read once as the surface is created: it is set around the creation only, so
 * that no other PDF is written uncompressed. Setting the environment while other threads may
 * read it is not safe in general; with glibc, once a variable has been added and removed, adding
 * it again reuses the same array, which a reader never sees freed. */
static cairo_surface_t *
create_uncompressed_surface (ScholiaPdfWriter *writer)
{
  static const char variable[] = "CAIRO_DEBUG_PDF";
  static GMutex lock;
  cairo_surface_t *surface;
  gboolean set;

  g_mutex_lock (&lock);
  set = g_getenv (variable) == NULL;
  if (set)
    g_setenv (variable, "1", TRUE);
  surface = cairo_pdf_surface_create_for_stream (write_to_fd, writer, writer->width, writer->height);
  if (set)
    g_unsetenv (variable);
  g_mutex_unlock (&lock);
  return surface;
}

ScholiaPdfWriter *
scholia_pdf_writer_new (const char              *path,
                        const ScholiaPdfOptions *options,
                        ScholiaPdfLayoutKind     kind,
                        GCancellable            *cancellable,
                        ScholiaPdfProgressFunc   progress,
                        gpointer                 user_data,
                        GError                 **error)
{
  g_autoptr(ScholiaPdfWriter) writer = g_new0 (ScholiaPdfWriter, 1);
  cairo_font_options_t *font_options;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  writer->path = g_strdup (path);
  writer->fd = -1;
  writer->page_size = options->page_size;
  writer->kind = kind;
  writer->one_sided = options->one_sided;
  writer->font_size = options->font_size > 0 ? options->font_size : SCHOLIA_PDF_DEFAULT_FONT_SIZE;
  scholia_pdf_options_init (&writer->options);
  writer->options.page_size = writer->page_size;
  writer->options.font_size = writer->font_size;
  writer->options.one_sided = writer->one_sided;
  writer->options.right_to_left = options->right_to_left;
  writer->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  writer->progress = progress;
  writer->user_data = user_data;

  if (!scholia_pdf_writer_check_cancelled (writer, error))
    return NULL;

  writer->fd = scholia_export_file_open_temp (path, &writer->target_path, &writer->temp_path, error);
  if (writer->fd < 0)
    return NULL;

  writer->buffer = g_malloc (WRITE_BUFFER_SIZE);
  writer->premark = scholia_pdf_premark_new ();
  scholia_pdf_page_get_size (options->page_size, &writer->width, &writer->height);
  writer->surface = create_uncompressed_surface (writer);
  writer->cr = cairo_create (writer->surface);
  cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_CREATOR, "Scholia");
  /* A tagged PDF: everything drawn belongs to the document element, whose children are the
   * flows' blocks; what is drawn outside them stays out of the structure. */
  cairo_tag_begin (writer->cr, "Document", "");

  /* One unit is one point, and unhinted metrics so that the PDF's glyph positions are the
   * outlines' own, not a screen's. */
  writer->context = pango_cairo_create_context (writer->cr);
  pango_cairo_context_set_resolution (writer->context, 72);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (writer->context, font_options);
  cairo_font_options_destroy (font_options);
  writer->family = pango_font_description_from_string (SCHOLIA_PDF_FONT_FAMILY);

  if (!check_surface (writer, error))
    return NULL;

  return g_steal_pointer (&writer);
}

void
scholia_pdf_writer_free (ScholiaPdfWriter *writer)
{
  if (writer == NULL)
    return;

  g_clear_object (&writer->head_author);
  g_clear_object (&writer->head_title);
  g_clear_object (&writer->folio);
  g_clear_object (&writer->context);
  g_clear_pointer (&writer->cr, cairo_destroy);
  if (writer->surface != NULL)
    {
      /* Nothing more reaches the file: it is about to be removed. */
      writer->write_errno = writer->write_errno != 0 ? writer->write_errno : ECANCELED;
      cairo_surface_finish (writer->surface);
      cairo_surface_destroy (writer->surface);
    }
  if (writer->fd >= 0)
    close (writer->fd);
  if (!writer->committed && writer->temp_path != NULL)
    g_unlink (writer->temp_path);

  g_clear_object (&writer->cancellable);
  g_clear_pointer (&writer->family, pango_font_description_free);
  g_free (writer->buffer);
  g_clear_pointer (&writer->premark, scholia_pdf_premark_free);
  g_free (writer->temp_path);
  g_free (writer->path);
  g_free (writer->target_path);
  g_free (writer);
}

cairo_t *
scholia_pdf_writer_get_cairo (ScholiaPdfWriter *writer)
{
  return writer->cr;
}

int
scholia_pdf_writer_get_page (ScholiaPdfWriter *writer)
{
  return writer->page;
}

double
scholia_pdf_writer_get_font_size (ScholiaPdfWriter *writer)
{
  return writer->font_size;
}

void
scholia_pdf_writer_get_geometry (ScholiaPdfWriter *writer,
                                 ScholiaPdfRect   *text,
                                 ScholiaPdfRect   *margin)
{
  scholia_pdf_page_get_geometry (&writer->options, writer->kind, writer->page, text, margin);
}

void
scholia_pdf_writer_set_metadata (ScholiaPdfWriter *writer,
                                 const char       *title,
                                 const char       *author,
                                 const char       *subject)
{
  if (title != NULL && *title != '\0')
    cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_TITLE, title);
  if (author != NULL && *author != '\0')
    cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_AUTHOR, author);
  if (subject != NULL && *subject != '\0')
    cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_SUBJECT, subject);
}

void
scholia_pdf_writer_set_keywords (ScholiaPdfWriter *writer,
                                 const char       *keywords)
{
  if (keywords != NULL && *keywords != '\0')
    cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
}

static void
set_date (ScholiaPdfWriter      *writer,
          cairo_pdf_metadata_t   metadata,
          gint64                 seconds)
{
  g_autoptr(GDateTime) time = seconds > 0 ? g_date_time_new_from_unix_utc (seconds) : NULL;
  g_autofree char *iso = time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;

  if (iso != NULL)
    cairo_pdf_surface_set_metadata (writer->surface, metadata, iso);
}

void
scholia_pdf_writer_set_dates (ScholiaPdfWriter *writer,
                              gint64            created,
                              gint64            modified)
{
  set_date (writer, CAIRO_PDF_METADATA_CREATE_DATE, created);
  set_date (writer, CAIRO_PDF_METADATA_MOD_DATE, modified);
}

int
scholia_pdf_writer_add_outline (ScholiaPdfWriter *writer,
                                int               parent,
                                const char       *name,
                                int               page,
                                double            y)
{
  char link[G_ASCII_DTOSTR_BUF_SIZE + 32];
  char position[G_ASCII_DTOSTR_BUF_SIZE];

  /* cairo reads the position in its own coordinates, points from the page's top; the number
   * in the C locale whatever the user's. */
  g_ascii_formatd (position, sizeof position, "%.1f", MAX (y, 0));
  g_snprintf (link, sizeof link, "page=%d pos=[0 %s]", page + 1, position);
  return cairo_pdf_surface_add_outline (writer->surface, parent > 0 ? parent : CAIRO_PDF_OUTLINE_ROOT,
                                        name, link, 0);
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

/* Where @text is cut to fit with an ellipsis: after its last word but one, without the spaces
 * and punctuation before the cut ("The Harbour at Kessmouth, 1840" → "The Harbour at"); 0 when
 * only one word is left. */
static gsize
cut_before_last_word (const char *text,
                      gsize       length)
{
  const char *space = g_strrstr_len (text, length, " ");

  if (space == NULL)
    return 0;
  while (space > text)
    {
      const char *previous = g_utf8_prev_char (space);
      gunichar c = g_utf8_get_char (previous);

      if (!g_unichar_isspace (c) && !g_unichar_ispunct (c))
        break;
      space = previous;
    }
  return space - text;
}

/* One line of the running head, @text set in the span @attributes. Too wide for @width, it
 * loses whole words, an ellipsis standing for them, so that no word is cut; only a single word
 * wider than @width is cut in its middle. */
static PangoLayout *
create_head_line (ScholiaPdfWriter *writer,
                  const char       *attributes,
                  const char       *text,
                  double            width)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *markup = g_strdup_printf ("<span %s>%s</span>", attributes, escaped);
  PangoLayout *layout = create_small_line (writer, markup, -1);
  gsize length = strlen (text);

  while (layout_width (layout) > width)
    {
      length = cut_before_last_word (text, length);
      if (length == 0)
        {
          pango_layout_set_width (layout, width * PANGO_SCALE);
          break;
        }
      g_free (escaped);
      g_free (markup);
      escaped = g_markup_escape_text (text, length);
      markup = g_strdup_printf ("<span %s>%s…</span>", attributes, escaped);
      pango_layout_set_markup (layout, markup, -1);
    }
  return layout;
}

void
scholia_pdf_writer_set_running_head (ScholiaPdfWriter *writer,
                                     const char       *author,
                                     const char       *title)
{
  ScholiaPdfRect text;
  double half;

  scholia_pdf_writer_get_geometry (writer, &text, NULL);
  half = text.width / 2 - 6;
  g_clear_object (&writer->head_author);
  g_clear_object (&writer->head_title);
  /* Small capitals without letter-spacing: text extraction splits spaced-out letters into
   * words ("Wil l iam An de rson"). */
  if (author != NULL && *author != '\0')
    writer->head_author = create_head_line (writer, "font_variant='smallcaps'", author, half);
  if (title != NULL && *title != '\0')
    writer->head_title = create_head_line (writer, "font_style='italic'", title, half);
}

PangoLayout *
scholia_pdf_writer_create_layout (ScholiaPdfWriter *writer,
                                  double            width,
                                  double            size,
                                  PangoStyle        style,
                                  PangoWeight       weight)
{
  PangoLayout *layout = pango_layout_new (writer->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy_static (writer->family);

  pango_font_description_set_size (font, size * PANGO_SCALE);
  pango_font_description_set_style (font, style);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

void
scholia_pdf_writer_align_to_page (ScholiaPdfWriter *writer,
                                  PangoLayout      *layout)
{
  /* Pango swaps left and right for a paragraph whose direction is not the context's (left to
   * right): a right-to-left paragraph set left is already flush right. */
  if (writer->options.right_to_left &&
      pango_layout_get_line_readonly (layout, 0)->resolved_dir == PANGO_DIRECTION_LTR)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
}

PangoLayout *
scholia_pdf_writer_create_markup_layout (ScholiaPdfWriter *writer,
                                         double            width,
                                         double            size,
                                         PangoStyle        style,
                                         const char       *markup)
{
  PangoLayout *layout = scholia_pdf_writer_create_layout (writer, width, size, style, PANGO_WEIGHT_NORMAL);

  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

void
scholia_pdf_append_ink_markup (GString      *markup,
                               const double  rgb[3],
                               const char   *attributes,
                               const char   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (markup, "<span %s foreground='#%02x%02x%02x'>%s</span>", attributes,
                          (int) (rgb[0] * 0.6 * 255), (int) (rgb[1] * 0.6 * 255), (int) (rgb[2] * 0.6 * 255),
                          escaped);
}

void
scholia_pdf_append_tag_markup (GString      *markup,
                               const char   *name,
                               const double  rgb[3])
{
  if (markup->len > 0)
    g_string_append (markup, " · ");
  scholia_pdf_append_ink_markup (markup, rgb, "font_variant='smallcaps' weight='bold'", name);
}

/* One line of small text, cut with an ellipsis to @width. */
static PangoLayout *
create_small_line (ScholiaPdfWriter *writer,
                   const char       *markup,
                   double            width)
{
  PangoLayout *layout = scholia_pdf_writer_create_markup_layout (writer, width, 8.5, PANGO_STYLE_NORMAL, markup);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

/* Draws @layout's line with its left edge, centre or right edge at @x as @align says. */
static void
draw_small_line (ScholiaPdfWriter *writer,
                 PangoLayout      *layout,
                 double            x,
                 double            baseline,
                 PangoAlignment    align)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (align == PANGO_ALIGN_RIGHT)
    x -= logical.width / (double) PANGO_SCALE;
  else if (align == PANGO_ALIGN_CENTER)
    x -= logical.width / (double) PANGO_SCALE / 2;
  cairo_move_to (writer->cr, x, baseline);
  pango_cairo_show_layout_line (writer->cr, pango_layout_get_line_readonly (layout, 0));
}

/* Running head (from the second page: author and short title, over a hairline) and folio. The
 * layouts are made once: only the folio's text changes from page to page. */
static void
draw_page_furniture (ScholiaPdfWriter *writer)
{
  ScholiaPdfRect text;
  g_autofree char *folio = g_strdup_printf ("%d", writer->page + 1);
  double rule_y;

  scholia_pdf_writer_get_geometry (writer, &text, NULL);
  cairo_save (writer->cr);
  cairo_set_source_rgb (writer->cr, 0.25, 0.25, 0.25);

  if (writer->page > 0 && (writer->head_author != NULL || writer->head_title != NULL))
    {
      /* The author where the lines start, the title where they end: mirrored on a right-to-left
       * essay's pages, as its lines are. */
      gboolean mirrored = writer->options.right_to_left;

      rule_y = text.y - 22;
      if (writer->head_author != NULL)
        draw_small_line (writer, writer->head_author, mirrored ? text.x + text.width : text.x, rule_y - 5,
                         mirrored ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      if (writer->head_title != NULL)
        draw_small_line (writer, writer->head_title, mirrored ? text.x : text.x + text.width, rule_y - 5,
                         mirrored ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      cairo_set_line_width (writer->cr, 0.4);
      cairo_move_to (writer->cr, text.x, rule_y);
      cairo_line_to (writer->cr, text.x + text.width, rule_y);
      cairo_stroke (writer->cr);
    }

  /* Folios on the outer side, as in a printed book; on a one-sided print (and on a handout)
   * always on the right, or the left of a right-to-left one. Not centred: under the gutter of a
   * handout's two columns, a folio makes text extraction take the columns for one and read
   * them line by line across. */
  if (writer->folio == NULL)
    writer->folio = create_small_line (writer, "", -1);
  pango_layout_set_text (writer->folio, folio, -1);
  if ((writer->kind == SCHOLIA_PDF_LAYOUT_ANNOTATED && !writer->one_sided && writer->page % 2 == 1) !=
      writer->options.right_to_left)
    draw_small_line (writer, writer->folio, text.x, writer->height - 38, PANGO_ALIGN_LEFT);
  else
    draw_small_line (writer, writer->folio, text.x + text.width, writer->height - 38, PANGO_ALIGN_RIGHT);
  cairo_restore (writer->cr);
}

gboolean
scholia_pdf_writer_check_cancelled (ScholiaPdfWriter  *writer,
                                    GError           **error)
{
  g_autofree char *display = NULL;

  if (!g_cancellable_is_cancelled (writer->cancellable))
    return TRUE;
  display = g_filename_display_name (writer->path);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The export to “%s” was cancelled"), display);
  return FALSE;
}

void
scholia_pdf_writer_report (ScholiaPdfWriter *writer,
                           double            fraction)
{
  if (writer->progress != NULL)
    writer->progress (CLAMP (fraction, 0.0, 1.0), writer->user_data);
}

gboolean
scholia_pdf_writer_show_page (ScholiaPdfWriter  *writer,
                              double             fraction,
                              GError           **error)
{
  draw_page_furniture (writer);
  cairo_show_page (writer->cr);
  writer->page++;

  if (!check_surface (writer, error))
    return FALSE;
  scholia_pdf_writer_report (writer, fraction);
  return scholia_pdf_writer_check_cancelled (writer, error);
}

gboolean
scholia_pdf_writer_close (ScholiaPdfWriter  *writer,
                          GError           **error)
{
  int saved_errno;

  g_clear_object (&writer->head_author);
  g_clear_object (&writer->head_title);
  g_clear_object (&writer->folio);
  g_clear_object (&writer->context);
  cairo_tag_end (writer->cr, "Document");
  g_clear_pointer (&writer->cr, cairo_destroy);
  cairo_surface_finish (writer->surface);
  flush_buffer (writer);
  if (!check_surface (writer, error))
    return FALSE;
  g_clear_pointer (&writer->surface, cairo_surface_destroy);

  /* Data a full disk refused can surface only now. */
  saved_errno = fsync (writer->fd) != 0 ? errno : 0;
  if (close (writer->fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  writer->fd = -1;
  if (saved_errno != 0)
    {
      set_io_error (writer, saved_errno, error);
      return FALSE;
    }
  return TRUE;
}

/* Finishes the closed file's structure and lets @func add to it, in one update of the file:
 * cheaper than having qpdf write a new one beside it when the changes are small beside the file,
 * or copied byte for byte. */
gboolean
scholia_pdf_writer_append (ScholiaPdfWriter      *writer,
                           ScholiaPdfAppendFunc   func,
                           gpointer               user_data,
                           GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ScholiaPdfUpdate) update = NULL;

  g_return_val_if_fail (writer->surface == NULL && writer->fd < 0, FALSE);

  update = scholia_pdf_update_new (writer->temp_path, &local_error);
  if (update == NULL || !scholia_pdf_structure_finish (update, writer->premark, &local_error) ||
      !func (update, user_data, &local_error) || !scholia_pdf_update_write (update, &local_error))
    {
      g_autofree char *display = g_filename_display_name (writer->path);

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO, _("Could not write “%s”: %s"), display,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
scholia_pdf_writer_commit (ScholiaPdfWriter  *writer,
                           GError           **error)
{
  g_return_val_if_fail (writer->surface == NULL && writer->fd < 0, FALSE);

  if (!scholia_pdf_writer_check_cancelled (writer, error))
    return FALSE;
  /* Committed or not, the temporary file is gone. */
  writer->committed = TRUE;
  if (!scholia_export_file_commit (writer->path, writer->target_path, writer->temp_path, error))
    return FALSE;
  scholia_pdf_writer_report (writer, 1.0);
  return TRUE;
}

void
scholia_pdf_flow_init (ScholiaPdfFlow *flow,
                       int             first_page,
                       double          top,
                       double          bottom)
{
  flow->top = top;
  flow->bottom = bottom;
  flow->page = first_page;
  flow->y = top;
  flow->keep_from = G_MAXUINT;
  flow->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  flow->lines = g_array_new (FALSE, FALSE, sizeof (ScholiaPdfLine));
  flow->tags = g_array_new (FALSE, FALSE, sizeof (const char *));
}

void
scholia_pdf_flow_clear (ScholiaPdfFlow *flow)
{
  g_clear_pointer (&flow->lines, g_array_unref);
  g_clear_pointer (&flow->layouts, g_ptr_array_unref);
  g_clear_pointer (&flow->tags, g_array_unref);
}

void
scholia_pdf_flow_tag_last (ScholiaPdfFlow *flow,
                           const char     *tag)
{
  g_return_if_fail (flow->tags->len > 0);

  g_array_index (flow->tags, const char *, flow->tags->len - 1) = tag;
}

void
scholia_pdf_flow_new_page (ScholiaPdfFlow *flow)
{
  flow->page++;
  flow->y = flow->top;
}

int
scholia_pdf_flow_last_page (ScholiaPdfFlow *flow)
{
  return flow->page;
}

/* Starts a new page and moves the lines from @from on to its top, their spacing kept. */
static void
move_lines_to_new_page (ScholiaPdfFlow *flow,
                        guint           from)
{
  double y = flow->y;
  double shift;

  scholia_pdf_flow_new_page (flow);
  if (from >= flow->lines->len)
    return;
  shift = flow->top - g_array_index (flow->lines, ScholiaPdfLine, from).top;
  for (guint i = from; i < flow->lines->len; i++)
    {
      ScholiaPdfLine *line = &g_array_index (flow->lines, ScholiaPdfLine, i);

      line->page = flow->page;
      line->top += shift;
      line->baseline += shift;
      line->bottom += shift;
    }
  flow->y = y + shift;
}

/* Where the page must break when line @index of a block of @n_lines (whose first line is
 * @first_line in the flow) does not fit: before the lines already placed that must not stay
 * behind. A paragraph's last line does not stand alone at the top of a page (it takes the
 * line before it along, or the whole paragraph when that would leave its first line alone),
 * and a block that moves whole takes a heading kept with it (@kept). */
static guint
find_page_break (ScholiaPdfFlow *flow,
                 guint           first_line,
                 int             index,
                 int             n_lines,
                 gboolean        paragraph_start,
                 gboolean        paragraph_end,
                 guint           kept)
{
  guint from = flow->lines->len;

  if (paragraph_end && index >= 1 && index == n_lines - 1)
    from = (index == 2 && paragraph_start) ? first_line : flow->lines->len - 1;
  if (from == first_line && kept < first_line)
    from = kept;
  /* Lines that already start a page would only leave it empty. */
  if (from < flow->lines->len &&
      g_array_index (flow->lines, ScholiaPdfLine, from).top <= flow->top)
    from = flow->lines->len;
  return from;
}

/* Adds the first @n_lines of @layout below what is there, @space_before points lower (none at
 * the top of a page). @keep_after is room that must remain below a block that fits whole (a
 * heading keeps its first lines with it); otherwise the block starts a new page, and should the
 * next block move to a new page all the same, the heading goes with it. Returns the block's
 * index. */
static guint
add_lines (ScholiaPdfFlow *flow,
           PangoLayout    *layout,
           int             n_lines,
           gboolean        paragraph_start,
           double          indent,
           double          space_before,
           double          keep_after)
{
  g_autoptr(PangoLayoutIter) iter = NULL;
  guint block = flow->layouts->len;
  guint first_line = flow->lines->len;
  guint kept = flow->keep_from;
  /* The paragraph's last line is in this layout (a piece of a long paragraph leaves its last
   * line to the next piece). */
  gboolean paragraph_end = n_lines == pango_layout_get_line_count (layout);
  const char *tag = paragraph_start ? "P" : NULL;
  int index = 0;

  g_ptr_array_add (flow->layouts, g_object_ref (layout));
  g_array_append_val (flow->tags, tag);
  flow->keep_from = G_MAXUINT;

  if (flow->y > flow->top)
    flow->y += space_before;
  if (keep_after > 0 && flow->y > flow->top)
    {
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      if (flow->y + logical.height / (double) PANGO_SCALE + keep_after > flow->bottom)
        scholia_pdf_flow_new_page (flow);
    }

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      ScholiaPdfLine line;
      double height, needed;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      height = logical.height / (double) PANGO_SCALE;
      needed = height;

      /* A paragraph's first line does not stand alone at the foot of a page. */
      if (index == 0 && paragraph_start && n_lines > 1)
        {
          PangoLayoutLine *second = pango_layout_get_line_readonly (layout, 1);
          PangoRectangle second_logical;

          pango_layout_line_get_extents (second, NULL, &second_logical);
          needed += second_logical.height / (double) PANGO_SCALE;
        }
      if (flow->y + needed > flow->bottom && flow->y > flow->top)
        move_lines_to_new_page (flow, find_page_break (flow, first_line, index, n_lines, paragraph_start,
                                                       paragraph_end, kept));

      line = (ScholiaPdfLine) {
        .layout = layout,
        .line = pango_layout_iter_get_line_readonly (iter),
        .block = block,
        .page = flow->page,
        .layout_x = indent,
        .x = indent + logical.x / (double) PANGO_SCALE,
        .baseline = flow->y + (pango_layout_iter_get_baseline (iter) - logical.y) / (double) PANGO_SCALE,
        .top = flow->y,
        .bottom = flow->y + height,
      };
      g_array_append_val (flow->lines, line);
      flow->y += height;
      index++;
    }
  while (index < n_lines && pango_layout_iter_next_line (iter));

  if (keep_after > 0)
    flow->keep_from = first_line;
  return block;
}

guint
scholia_pdf_flow_add (ScholiaPdfFlow *flow,
                      PangoLayout    *layout,
                      double          indent,
                      double          space_before,
                      double          keep_after)
{
  return add_lines (flow, layout, pango_layout_get_line_count (layout), TRUE, indent,
                    space_before, keep_after);
}

guint
scholia_pdf_flow_add_lines (ScholiaPdfFlow *flow,
                            PangoLayout    *layout,
                            int             n_lines,
                            gboolean        continued,
                            double          indent)
{
  g_return_val_if_fail (n_lines > 0 && n_lines <= pango_layout_get_line_count (layout), 0);

  return add_lines (flow, layout, n_lines, !continued, indent, 0, 0);
}

void
scholia_pdf_line_draw (cairo_t              *cr,
                       const ScholiaPdfLine *line,
                       double                column_x)
{
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, column_x + line->x, line->baseline);
  pango_cairo_show_layout_line (cr, line->line);
}

/* Whether line @i goes on with the structure element of the line before it: the same block, or
 * one that continues its paragraph (a block without a tag of its own). */
static gboolean
continues_element (const ScholiaPdfFlow *flow,
                   guint                 i)
{
  const ScholiaPdfLine *line = &g_array_index (flow->lines, ScholiaPdfLine, i);

  return i > 0 && (line->block == g_array_index (flow->lines, ScholiaPdfLine, i - 1).block ||
                   g_array_index (flow->tags, const char *, line->block) == NULL);
}

/* Whether the structure element that line @i opens on @page goes on from an earlier page, or on
 * to a later one. */
static void
find_split (const ScholiaPdfFlow *flow,
            guint                 i,
            int                   page,
            gboolean             *continued,
            gboolean             *continues)
{
  guint first = i, last = i;

  while (first > 0 && continues_element (flow, first))
    first--;
  while (last + 1 < flow->lines->len && continues_element (flow, last + 1))
    last++;
  *continued = g_array_index (flow->lines, ScholiaPdfLine, first).page < page;
  *continues = g_array_index (flow->lines, ScholiaPdfLine, last).page > page;
}

guint
scholia_pdf_flow_draw_blocks (ScholiaPdfFlow     *flow,
                              guint               from,
                              int                 page,
                              guint               end_block,
                              cairo_t            *cr,
                              double              column_x,
                              ScholiaPdfLineFunc  before,
                              gpointer            user_data)
{
  /* cairo 1.16 crashes on a tag inside a group: there the caller tags the group as a whole. */
  gboolean tagged = cairo_get_group_target (cr) == cairo_get_target (cr);
  const char *open = NULL;
  gboolean continued = FALSE, continues = FALSE;
  guint i;

  for (i = from; i < flow->lines->len; i++)
    {
      const ScholiaPdfLine *line = &g_array_index (flow->lines, ScholiaPdfLine, i);

      if (line->page > page || line->block >= end_block)
        break;
      if (tagged && (open == NULL || line->block != g_array_index (flow->lines, ScholiaPdfLine, i - 1).block))
        {
          const char *tag = g_array_index (flow->tags, const char *, line->block);

          /* A piece continuing a paragraph stays in its element, which it opens again at the top
           * of a page. */
          if (tag != NULL || open == NULL)
            {
              for (guint block = line->block; tag == NULL && block > 0; block--)
                tag = g_array_index (flow->tags, const char *, block - 1);
              if (open != NULL)
                scholia_pdf_structure_end_piece (cr, open, continued, continues);
              open = tag != NULL ? tag : "P";
              /* Split by a page break, it is still one element in the finished file. */
              find_split (flow, i, page, &continued, &continues);
              scholia_pdf_structure_begin_piece (cr, open, continued, continues);
            }
        }
      if (before != NULL)
        before (line, column_x, user_data);
      scholia_pdf_line_draw (cr, line, column_x);
    }
  if (open != NULL)
    scholia_pdf_structure_end_piece (cr, open, continued, continues);
  return i;
}

guint
scholia_pdf_flow_draw_page (ScholiaPdfFlow     *flow,
                            guint               from,
                            int                 page,
                            cairo_t            *cr,
                            double              column_x,
                            ScholiaPdfLineFunc  before,
                            gpointer            user_data)
{
  return scholia_pdf_flow_draw_blocks (flow, from, page, G_MAXUINT, cr, column_x, before, user_data);
}
