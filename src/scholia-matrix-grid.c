/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-matrix-grid-private.h"

#include <glib/gi18n.h>

#include "scholia-matrix-cell.h"
#include "scholia-matrix-row.h"

static void scholia_matrix_grid_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ScholiaMatrixGrid, scholia_matrix_grid, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, scholia_matrix_grid_scrollable_init))

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  N_PROPS
};

enum {
  CELL_ACTIVATED,
  HEADER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The cursor */

static void
activate_cursor (ScholiaMatrixGrid *self)
{
  g_autoptr(ScholiaMatrixRow) row = NULL;

  if (self->cursor_row == -1)
    {
      g_signal_emit (self, signals[HEADER_ACTIVATED], 0, self->cursor_column);
      return;
    }
  if (self->cursor_column == -1)
    return;
  /* A silent cell opens nothing, as its insensitive button does not. */
  row = g_list_model_get_item (self->rows, self->cursor_row);
  if (row != NULL && scholia_matrix_row_get_count (row, self->cursor_column) > 0)
    g_signal_emit (self, signals[CELL_ACTIVATED], 0, (guint) self->cursor_row, (guint) self->cursor_column);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   ScholiaMatrixGrid     *self)
{
  int page = MAX (1, (gtk_widget_get_height (GTK_WIDGET (self)) - self->header_height) / MAX (self->row_height, 1) - 1);
  int last_row = (int) scholia_matrix_grid_n_rows (self) - 1;
  int last_column = (int) scholia_matrix_grid_n_columns (self) - 1;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;
  int row = self->cursor_row;
  int column = self->cursor_column;

  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      row--;
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      row++;
      break;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      column--;
      break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      column++;
      break;
    case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up:
      row = MAX (row - page, 0);
      break;
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down:
      row += page;
      break;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
      column = 0;
      if (control)
        row = 0;
      break;
    case GDK_KEY_End: case GDK_KEY_KP_End:
      column = last_column;
      if (control)
        row = last_row;
      break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
    case GDK_KEY_space: case GDK_KEY_KP_Space:
      activate_cursor (self);
      return TRUE;
    default:
      return FALSE;
    }

  /* At an edge the key is the window's (Tab-like moves out are left to Tab). */
  scholia_matrix_grid_set_cursor (self, CLAMP (row, -1, last_row), CLAMP (column, -1, last_column));
  return TRUE;
}

/* GtkScrollable */

static void
on_adjustment_value_changed_cb (ScholiaMatrixGrid *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_adjustment (ScholiaMatrixGrid  *self,
                GtkAdjustment     **slot,
                GtkAdjustment      *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, self);
  g_set_object (slot, adjustment);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
scholia_matrix_grid_get_border (GtkScrollable *scrollable,
                                GtkBorder     *border)
{
  ScholiaMatrixGrid *self = SCHOLIA_MATRIX_GRID (scrollable);

  /* The headers' bands: the scrollbars start past them. */
  border->top = self->header_height;
  border->left = self->row_header_width;
  return TRUE;
}

static void
scholia_matrix_grid_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = scholia_matrix_grid_get_border;
}

static void
scholia_matrix_grid_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ScholiaMatrixGrid *self = SCHOLIA_MATRIX_GRID (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_matrix_grid_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ScholiaMatrixGrid *self = SCHOLIA_MATRIX_GRID (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_matrix_grid_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (scholia_matrix_grid_parent_class)->css_changed (widget, change);
  /* A new font or a larger text changes every size. */
  SCHOLIA_MATRIX_GRID (widget)->sized = FALSE;
  g_hash_table_remove_all (SCHOLIA_MATRIX_GRID (widget)->title_widths);
}

static void
scholia_matrix_grid_dispose (GObject *object)
{
  ScholiaMatrixGrid *self = SCHOLIA_MATRIX_GRID (object);
  GtkWidget *child;

  scholia_matrix_grid_set_model (self, NULL, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_array_set_size (self->cells, 0);
  g_array_set_size (self->row_headers, 0);
  g_array_set_size (self->column_headers, 0);
  self->corner = self->measured_cell = self->cursor_widget = NULL;
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (scholia_matrix_grid_parent_class)->dispose (object);
}

static void
scholia_matrix_grid_finalize (GObject *object)
{
  ScholiaMatrixGrid *self = SCHOLIA_MATRIX_GRID (object);

  g_array_unref (self->cells);
  g_array_unref (self->row_headers);
  g_array_unref (self->column_headers);
  g_array_unref (self->column_x);
  g_hash_table_unref (self->title_widths);
  g_free (self->row_title);

  G_OBJECT_CLASS (scholia_matrix_grid_parent_class)->finalize (object);
}

static void
scholia_matrix_grid_class_init (ScholiaMatrixGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_matrix_grid_dispose;
  object_class->finalize = scholia_matrix_grid_finalize;
  object_class->get_property = scholia_matrix_grid_get_property;
  object_class->set_property = scholia_matrix_grid_set_property;
  widget_class->measure = _scholia_matrix_grid_measure;
  widget_class->size_allocate = _scholia_matrix_grid_size_allocate;
  widget_class->snapshot = _scholia_matrix_grid_snapshot;
  widget_class->css_changed = scholia_matrix_grid_css_changed;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /* A cell asked for, by click or by keyboard: its row in the model and its theme's column. */
  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /* A column's title asked for (-1: the authors' column), to sort by it. */
  signals[HEADER_ACTIVATED] =
    g_signal_new ("header-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "scholiamatrixgrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
scholia_matrix_grid_init (ScholiaMatrixGrid *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->cells = g_array_new (FALSE, FALSE, sizeof (Slot));
  self->row_headers = g_array_new (FALSE, FALSE, sizeof (Slot));
  self->column_headers = g_array_new (FALSE, FALSE, sizeof (Slot));
  self->column_x = g_array_new (FALSE, FALSE, sizeof (int));
  self->title_widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sort_column = -1;
  self->row_title = g_strdup (_("Author"));
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  _scholia_matrix_grid_init_pool (self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
scholia_matrix_grid_new (void)
{
  return g_object_new (SCHOLIA_TYPE_MATRIX_GRID, NULL);
}

void
scholia_matrix_grid_set_model (ScholiaMatrixGrid *self,
                               GListModel        *rows,
                               GPtrArray         *themes)
{
  g_return_if_fail (SCHOLIA_IS_MATRIX_GRID (self));

  if (self->rows != rows)
    {
      if (self->rows != NULL)
        g_signal_handlers_disconnect_by_data (self->rows, self);
      g_set_object (&self->rows, rows);
      if (rows != NULL)
        g_signal_connect_object (rows, "items-changed", G_CALLBACK (_scholia_matrix_grid_invalidate), self, G_CONNECT_SWAPPED);
    }
  /* A theme renamed changes its title, and its column's width, without a rebuild: the
   * library's themes list does not change. */
  if (self->themes != themes)
    {
      for (guint i = 0; self->themes != NULL && i < self->themes->len; i++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->themes, i), self);
      for (guint i = 0; themes != NULL && i < themes->len; i++)
        g_signal_connect_object (g_ptr_array_index (themes, i), "notify::display-name",
                                 G_CALLBACK (_scholia_matrix_grid_invalidate), self, G_CONNECT_SWAPPED);
    }
  if (themes != NULL)
    g_ptr_array_ref (themes);
  g_clear_pointer (&self->themes, g_ptr_array_unref);
  self->themes = themes;

  scholia_matrix_grid_set_cursor (self, self->cursor_row, self->cursor_column);
  _scholia_matrix_grid_invalidate (self);
}

void
scholia_matrix_grid_set_row_title (ScholiaMatrixGrid *self,
                                   const char        *title)
{
  g_return_if_fail (SCHOLIA_IS_MATRIX_GRID (self));

  g_free (self->row_title);
  self->row_title = g_strdup (title);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
scholia_matrix_grid_set_sort (ScholiaMatrixGrid *self,
                              int                column,
                              GtkSortType        order)
{
  g_return_if_fail (SCHOLIA_IS_MATRIX_GRID (self));

  self->sort_column = column;
  self->sort_order = order;
  for (guint i = 0; i < self->column_headers->len; i++)
    g_array_index (self->column_headers, Slot, i).column = -1;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Moves the cursor (clamped to the table; -1 is the header row or the authors' column) and
 * scrolls it into sight. */
void
scholia_matrix_grid_set_cursor (ScholiaMatrixGrid *self,
                                int                row,
                                int                column)
{
  g_return_if_fail (SCHOLIA_IS_MATRIX_GRID (self));

  self->cursor_row = CLAMP (row, -1, (int) scholia_matrix_grid_n_rows (self) - 1);
  self->cursor_column = CLAMP (column, -1, (int) scholia_matrix_grid_n_columns (self) - 1);
  _scholia_matrix_grid_scroll_to_cursor (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
scholia_matrix_grid_get_cursor (ScholiaMatrixGrid *self,
                                int               *row,
                                int               *column)
{
  g_return_if_fail (SCHOLIA_IS_MATRIX_GRID (self));

  *row = self->cursor_row;
  *column = self->cursor_column;
}

GtkWidget *
scholia_matrix_grid_get_cell (ScholiaMatrixGrid *self,
                              guint              row,
                              guint              column)
{
  g_return_val_if_fail (SCHOLIA_IS_MATRIX_GRID (self), NULL);

  for (guint i = 0; i < self->cells->len; i++)
    {
      Slot *slot = &g_array_index (self->cells, Slot, i);

      if (slot->row == (int) row && slot->column == (int) column && gtk_widget_get_child_visible (slot->widget))
        return slot->widget;
    }
  return NULL;
}
