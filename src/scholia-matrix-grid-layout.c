/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-matrix-grid-private.h"

#include "scholia-matrix-cell.h"
#include "scholia-matrix-row.h"

static int
column_x (ScholiaMatrixGrid *self,
          guint              column)
{
  return g_array_index (self->column_x, int, column);
}

static void
unbind_all (ScholiaMatrixGrid *self)
{
  for (guint i = 0; i < self->cells->len; i++)
    g_array_index (self->cells, Slot, i).row = -1;
  for (guint i = 0; i < self->row_headers->len; i++)
    g_array_index (self->row_headers, Slot, i).row = -1;
  for (guint i = 0; i < self->column_headers->len; i++)
    g_array_index (self->column_headers, Slot, i).column = -1;
}

void
_scholia_matrix_grid_invalidate (ScholiaMatrixGrid *self)
{
  self->sized = FALSE;
  unbind_all (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Sizes */

/* Each column as wide as its theme's name (up to a limit) or its widest cell: the cells' width
 * depends only on how many tag numbers the column's fullest cell holds, so one cell is measured
 * per number of tags rather than each cell. */
static void
measure_sizes (ScholiaMatrixGrid *self)
{
  g_autoptr(GArray) chip_widths = g_array_new (FALSE, TRUE, sizeof (int));
  guint rows = scholia_matrix_grid_n_rows (self);
  guint columns = scholia_matrix_grid_n_columns (self);
  g_autofree guint *max_chips = g_new0 (guint, columns + 1);
  GtkWidget *row_header = g_array_index (self->row_headers, Slot, 0).widget;
  int x = 0;

  for (guint r = 0; r < rows; r++)
    {
      g_autoptr(ScholiaMatrixRow) row = g_list_model_get_item (self->rows, r);

      if (scholia_matrix_row_get_tag_counts (row, 0) == NULL)
        break;
      for (guint c = 0; c < columns; c++)
        max_chips[c] = MAX (max_chips[c], scholia_matrix_row_get_tag_counts (row, c)->len);
    }

  scholia_matrix_cell_measure (self->measured_cell, 0, NULL, &self->row_height);
  gtk_widget_measure (self->corner, GTK_ORIENTATION_VERTICAL, -1, NULL, &self->header_height, NULL, NULL);
  gtk_widget_set_visible (gtk_widget_get_first_child (row_header), TRUE);
  gtk_widget_measure (row_header, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &self->row_header_width, NULL, NULL);
  g_array_index (self->row_headers, Slot, 0).row = -1;

  g_array_set_size (self->column_x, 0);
  for (guint c = 0; c < columns; c++)
    {
      ScholiaTheme *theme = g_ptr_array_index (self->themes, c);
      const char *name = scholia_label_get_display_name (SCHOLIA_LABEL (theme));
      gpointer width;
      int header_width;

      /* Each title is shaped once, not each time the rows change (an edit, a filter). */
      if (!g_hash_table_lookup_extended (self->title_widths, name, NULL, &width))
        {
          width = GINT_TO_POINTER (scholia_matrix_column_header_measure (g_array_index (self->column_headers, Slot, 0).widget, name));
          g_hash_table_insert (self->title_widths, g_strdup (name), width);
        }
      header_width = GPOINTER_TO_INT (width);

      if (chip_widths->len <= max_chips[c])
        g_array_set_size (chip_widths, max_chips[c] + 1);
      if (g_array_index (chip_widths, int, max_chips[c]) == 0)
        scholia_matrix_cell_measure (self->measured_cell, max_chips[c], &g_array_index (chip_widths, int, max_chips[c]), NULL);

      g_array_append_val (self->column_x, x);
      x += MAX (header_width, g_array_index (chip_widths, int, max_chips[c]));
    }
  g_array_append_val (self->column_x, x);
  g_array_index (self->column_headers, Slot, 0).column = -1;
  self->sized = TRUE;
}

static void
ensure_sizes (ScholiaMatrixGrid *self)
{
  if (!self->sized)
    measure_sizes (self);
}

/* The first column whose right edge is past x. */
static guint
column_at (ScholiaMatrixGrid *self,
           int                x)
{
  guint low = 0, high = scholia_matrix_grid_n_columns (self);

  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (column_x (self, middle + 1) <= x)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* The pool */

static void
on_cell_clicked_cb (GtkWidget         *cell,
                    ScholiaMatrixGrid *self)
{
  for (guint i = 0; i < self->cells->len; i++)
    {
      Slot *slot = &g_array_index (self->cells, Slot, i);

      if (slot->widget != cell || slot->row < 0)
        continue;
      /* In sight already: the cursor moves without scrolling. */
      self->cursor_row = slot->row;
      self->cursor_column = slot->column;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      gtk_widget_grab_focus (GTK_WIDGET (self));
      g_signal_emit_by_name (self, "cell-activated", (guint) slot->row, (guint) slot->column);
      return;
    }
}

static void
on_header_clicked_cb (GtkWidget         *header,
                      ScholiaMatrixGrid *self)
{
  int column = -1;

  for (guint i = 0; i < self->column_headers->len; i++)
    if (g_array_index (self->column_headers, Slot, i).widget == header)
      column = g_array_index (self->column_headers, Slot, i).column;
  if (header != self->corner && column < 0)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit_by_name (self, "header-activated", column);
}

/* A widget of the pool out of sight is not drawn, and not offered to a screen reader either
 * (an unbound cell has no name to read). */
static void
show_widget (GtkWidget *widget,
             gboolean   shown)
{
  gtk_widget_set_child_visible (widget, shown);
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, !shown, -1);
}

static GtkWidget *
adopt (ScholiaMatrixGrid *self,
       GtkWidget         *widget,
       gboolean           on_top)
{
  /* The headers come last among the children, so a click on a header over a cell half
   * scrolled under it reaches the header. */
  if (on_top)
    gtk_widget_insert_before (widget, GTK_WIDGET (self), NULL);
  else
    gtk_widget_insert_after (widget, GTK_WIDGET (self), NULL);
  show_widget (widget, FALSE);
  return widget;
}

/* Grows the pool to hold `rows` × `columns` cells, keeping the widgets it has (all bound again). */
static void
ensure_pool (ScholiaMatrixGrid *self,
             guint              rows,
             guint              columns)
{
  guint n_cells;

  rows = MAX (rows, self->pool_rows);
  columns = MAX (columns, self->pool_columns);
  if (rows == self->pool_rows && columns == self->pool_columns)
    return;

  self->pool_rows = rows;
  self->pool_columns = columns;
  n_cells = rows * columns;
  while (self->cells->len < n_cells)
    {
      Slot slot = { adopt (self, scholia_matrix_cell_new (), FALSE), -1, -1, FALSE };

      g_signal_connect_object (slot.widget, "clicked", G_CALLBACK (on_cell_clicked_cb), self, 0);
      g_array_append_val (self->cells, slot);
    }
  while (self->row_headers->len < rows)
    {
      Slot slot = { adopt (self, scholia_matrix_row_header_new (), TRUE), -1, -1, FALSE };

      g_array_append_val (self->row_headers, slot);
    }
  while (self->column_headers->len < columns)
    {
      Slot slot = { adopt (self, scholia_matrix_column_header_new (), TRUE), -1, -1, FALSE };

      g_signal_connect_object (slot.widget, "clicked", G_CALLBACK (on_header_clicked_cb), self, 0);
      g_array_append_val (self->column_headers, slot);
    }
  unbind_all (self);
}

static void
start_placing (GArray *slots)
{
  for (guint i = 0; i < slots->len; i++)
    g_array_index (slots, Slot, i).placed = FALSE;
}

/* Shown and hidden only when that changes: each change maps or unmaps the widget and asks for
 * a new layout. */
static void
place (Slot *slot,
       int   x,
       int   y,
       int   width,
       int   height)
{
  slot->placed = TRUE;
  if (!gtk_widget_get_child_visible (slot->widget))
    show_widget (slot->widget, TRUE);
  gtk_widget_size_allocate (slot->widget, &(GtkAllocation) { x, y, width, height }, -1);
}

static void
hide_unplaced (GArray *slots)
{
  for (guint i = 0; i < slots->len; i++)
    {
      Slot *slot = &g_array_index (slots, Slot, i);

      if (!slot->placed && gtk_widget_get_child_visible (slot->widget))
        show_widget (slot->widget, FALSE);
    }
}

static void
mark_cursor (ScholiaMatrixGrid *self,
             GtkWidget         *widget,
             gboolean           is_cursor)
{
  if (!is_cursor)
    {
      gtk_widget_remove_css_class (widget, "cursor");
      return;
    }
  gtk_widget_add_css_class (widget, "cursor");
  if (self->cursor_widget != widget)
    {
      /* The grid keeps the focus; the cell under its cursor is what a screen reader reads. */
      self->cursor_widget = widget;
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_ACTIVE_DESCENDANT, widget, -1);
    }
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      int            total,
                      int            page,
                      int            step)
{
  double upper = MAX (total, page);

  gtk_adjustment_configure (adjustment, CLAMP (gtk_adjustment_get_value (adjustment), 0, upper - page),
                            0, upper, step, page * 0.9, page);
}

void
_scholia_matrix_grid_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  ScholiaMatrixGrid *self = SCHOLIA_MATRIX_GRID (widget);
  guint rows = scholia_matrix_grid_n_rows (self);
  guint columns = scholia_matrix_grid_n_columns (self);
  int body_width, body_height, x_offset, y_offset;
  guint first_row, last_row, first_column, last_column;
  gboolean rebound = FALSE;

  ensure_sizes (self);
  body_width = MAX (width - self->row_header_width, 1);
  body_height = MAX (height - self->header_height, 1);
  configure_adjustment (self->hadjustment, column_x (self, columns), body_width, 24);
  configure_adjustment (self->vadjustment, rows * self->row_height, body_height, self->row_height);
  x_offset = gtk_adjustment_get_value (self->hadjustment);
  y_offset = gtk_adjustment_get_value (self->vadjustment);

  first_row = y_offset / self->row_height;
  last_row = MIN (rows, (guint) ((y_offset + body_height + self->row_height - 1) / self->row_height));
  first_column = column_at (self, x_offset);
  last_column = MIN (columns, column_at (self, x_offset + body_width - 1) + 1);
  ensure_pool (self, last_row - first_row + 1, last_column - first_column + 1);

  start_placing (self->cells);
  start_placing (self->row_headers);
  start_placing (self->column_headers);

  for (guint c = first_column; c < last_column; c++)
    {
      Slot *header = &g_array_index (self->column_headers, Slot, c % self->pool_columns);
      ScholiaTheme *theme = g_ptr_array_index (self->themes, c);

      if (header->column != (int) c)
        {
          header->column = c;
          rebound = TRUE;
          scholia_matrix_column_header_bind (header->widget, scholia_label_get_display_name (SCHOLIA_LABEL (theme)),
                                             self->sort_column == (int) c, self->sort_order);
        }
      mark_cursor (self, header->widget, self->cursor_row == -1 && self->cursor_column == (int) c);
      place (header, self->row_header_width + column_x (self, c) - x_offset, 0,
             column_x (self, c + 1) - column_x (self, c), self->header_height);
    }

  for (guint r = first_row; r < last_row; r++)
    {
      g_autoptr(ScholiaMatrixRow) row = g_list_model_get_item (self->rows, r);
      Slot *header = &g_array_index (self->row_headers, Slot, r % self->pool_rows);
      int y = self->header_height + r * self->row_height - y_offset;

      if (header->row != (int) r)
        {
          header->row = r;
          rebound = TRUE;
          scholia_matrix_row_header_bind (header->widget, row);
        }
      mark_cursor (self, header->widget, self->cursor_row == (int) r && self->cursor_column == -1);
      place (header, 0, y, self->row_header_width, self->row_height);

      for (guint c = first_column; c < last_column; c++)
        {
          Slot *cell = &g_array_index (self->cells, Slot, (r % self->pool_rows) * self->pool_columns + c % self->pool_columns);

          if (cell->row != (int) r || cell->column != (int) c)
            {
              cell->row = r;
              cell->column = c;
              rebound = TRUE;
              scholia_matrix_cell_bind (cell->widget, row, g_ptr_array_index (self->themes, c), c);
            }
          mark_cursor (self, cell->widget, self->cursor_row == (int) r && self->cursor_column == (int) c);
          place (cell, self->row_header_width + column_x (self, c) - x_offset, y,
                 column_x (self, c + 1) - column_x (self, c), self->row_height);
        }
    }

  scholia_matrix_column_header_bind (self->corner, self->row_title, self->sort_column == -1, self->sort_order);
  mark_cursor (self, self->corner, self->cursor_row == -1 && self->cursor_column == -1);
  if (!gtk_widget_get_child_visible (self->corner))
    show_widget (self->corner, TRUE);
  gtk_widget_size_allocate (self->corner, &(GtkAllocation) { 0, 0, self->row_header_width, self->header_height }, -1);
  hide_unplaced (self->cells);
  hide_unplaced (self->row_headers);
  hide_unplaced (self->column_headers);
  /* A tooltip shown over a widget that now shows another row or theme says the new one: asked
   * once for the whole grid (each is a round trip to the display), not at each binding. */
  if (rebound)
    gtk_widget_trigger_tooltip_query (widget);
}

void
_scholia_matrix_grid_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  ScholiaMatrixGrid *self = SCHOLIA_MATRIX_GRID (widget);

  ensure_sizes (self);
  /* The scrolled window shows what fits: a header and one cell at least. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->row_header_width + (scholia_matrix_grid_n_columns (self) > 0 ? column_x (self, 1) : 0);
      *natural = self->row_header_width + column_x (self, scholia_matrix_grid_n_columns (self));
    }
  else
    {
      *minimum = self->header_height + self->row_height;
      *natural = self->header_height + MAX (scholia_matrix_grid_n_rows (self), 1) * self->row_height;
    }
}

/* The cells under the headers' band, the headers over it: each drawn within its own strip. */
static void
snapshot_slots (ScholiaMatrixGrid *self,
                GtkSnapshot       *snapshot,
                GArray            *slots,
                int                x,
                int                y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x, y, MAX (width - x, 0), MAX (height - y, 0)));
  for (guint i = 0; i < slots->len; i++)
    gtk_widget_snapshot_child (GTK_WIDGET (self), g_array_index (slots, Slot, i).widget, snapshot);
  gtk_snapshot_pop (snapshot);
}

void
_scholia_matrix_grid_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  ScholiaMatrixGrid *self = SCHOLIA_MATRIX_GRID (widget);

  snapshot_slots (self, snapshot, self->cells, self->row_header_width, self->header_height);
  snapshot_slots (self, snapshot, self->column_headers, self->row_header_width, 0);
  snapshot_slots (self, snapshot, self->row_headers, 0, self->header_height);
  gtk_widget_snapshot_child (widget, self->corner, snapshot);
}

void
_scholia_matrix_grid_scroll_to_cursor (ScholiaMatrixGrid *self)
{
  int body_width = gtk_widget_get_width (GTK_WIDGET (self)) - self->row_header_width;
  int body_height = gtk_widget_get_height (GTK_WIDGET (self)) - self->header_height;

  if (!self->sized || body_width <= 0 || body_height <= 0)
    return;
  if (self->cursor_row >= 0)
    gtk_adjustment_clamp_page (self->vadjustment, self->cursor_row * self->row_height,
                               (self->cursor_row + 1) * self->row_height);
  if (self->cursor_column >= 0)
    gtk_adjustment_clamp_page (self->hadjustment, column_x (self, self->cursor_column),
                               column_x (self, self->cursor_column + 1));
}

void
_scholia_matrix_grid_init_pool (ScholiaMatrixGrid *self)
{
  self->measured_cell = adopt (self, scholia_matrix_cell_new (), FALSE);
  self->corner = adopt (self, scholia_matrix_column_header_new (), TRUE);
  g_signal_connect_object (self->corner, "clicked", G_CALLBACK (on_header_clicked_cb), self, 0);
  ensure_pool (self, 1, 1);
}
