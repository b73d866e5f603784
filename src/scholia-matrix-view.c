/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-matrix-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "scholia-count-format.h"
#include "scholia-matrix-grid.h"
#include "scholia-matrix-row.h"
#include "scholia-matrix.h"
#include "scholia-seminar-store.h"
#include "scholia-tag-chip.h"

struct _ScholiaMatrixView
{
  ScholiaFilteredView parent_instance;

  GtkLabel        *summary_label;
  GtkToggleButton *split_button;
  GtkToggleButton *participants_button;
  ScholiaFilterBar *filter_bar;
  GtkStack        *stack;
  ScholiaMatrixGrid *grid;

  GListStore      *rows;          /* ScholiaMatrixRow, by surname */
  GtkSortListModel *sorted;
  GtkCustomSorter *sorter;
  GPtrArray       *themes;        /* ScholiaTheme per theme column */
  int              sort_column;   /* -1: by author */
  GtkSortType      sort_order;
  guint            rebuild_id;
  gboolean         split_by_tag;
  gboolean         by_participant;
};

G_DEFINE_FINAL_TYPE (ScholiaMatrixView, scholia_matrix_view, SCHOLIA_TYPE_FILTERED_VIEW)

enum {
  PROP_0,
  PROP_SPLIT_BY_TAG,
  PROP_BY_PARTICIPANT,
  N_PROPS
};

enum {
  CELL_ACTIVATED,
  PARTICIPANT_CELL_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Sorting */

/* As a column view sorts: the order reversed whole when descending. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  ScholiaMatrixView *self = user_data;
  int result = self->sort_column < 0
    ? scholia_matrix_row_compare_authors (a, b, NULL)
    : scholia_matrix_row_compare_counts (a, b, GINT_TO_POINTER (self->sort_column));

  return self->sort_order == GTK_SORT_DESCENDING ? -result : result;
}

static void
sort_rows (ScholiaMatrixView *self,
           int                column,
           GtkSortType        order)
{
  self->sort_column = column;
  self->sort_order = order;
  /* Setting the function again is how a custom sorter says its order changed. */
  gtk_custom_sorter_set_sort_func (self->sorter, compare_rows, self, NULL);
  scholia_matrix_grid_set_sort (self->grid, column, order);
}

/* A column's title clicked or activated by keyboard: sorted by it, or the other way round if it
 * was already; a theme's column first with the most passages on top. */
static void
on_grid_header_activated_cb (ScholiaMatrixView *self,
                             int                column)
{
  if (column == self->sort_column)
    sort_rows (self, column, self->sort_order == GTK_SORT_ASCENDING ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  else
    sort_rows (self, column, column < 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
}

static void
on_grid_cell_activated_cb (ScholiaMatrixView *self,
                           guint              row_index,
                           guint              column)
{
  g_autoptr(ScholiaMatrixRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), row_index);
  gint64 participant_id;

  if (row == NULL || column >= self->themes->len)
    return;
  participant_id = scholia_matrix_row_get_participant_id (row);
  if (participant_id != 0)
    {
      g_signal_emit (self, signals[PARTICIPANT_CELL_ACTIVATED], 0, participant_id,
                     g_ptr_array_index (self->themes, column));
      return;
    }
  g_signal_emit (self, signals[CELL_ACTIVATED], 0, scholia_matrix_row_get_author (row),
                 g_ptr_array_index (self->themes, column));
}

static gboolean
same_themes (ScholiaMatrixView *self,
             ScholiaMatrix     *matrix)
{
  if (scholia_matrix_get_n_themes (matrix) != self->themes->len)
    return FALSE;
  for (guint i = 0; i < self->themes->len; i++)
    if (scholia_matrix_get_theme (matrix, i) != g_ptr_array_index (self->themes, i))
      return FALSE;
  return TRUE;
}

/* New themes: a new array for the grid, the rows by author again. */
static void
set_themes (ScholiaMatrixView *self,
            ScholiaMatrix     *matrix)
{
  g_ptr_array_unref (self->themes);
  self->themes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; matrix != NULL && i < scholia_matrix_get_n_themes (matrix); i++)
    g_ptr_array_add (self->themes, g_object_ref (scholia_matrix_get_theme (matrix, i)));
  if (self->sort_column >= 0)
    sort_rows (self, -1, GTK_SORT_ASCENDING);
}

static void
update_summary (ScholiaMatrixView *self)
{
  guint n_authors = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint n_themes = self->themes->len;
  g_autofree char *authors = NULL;
  g_autofree char *themes = NULL;
  g_autofree char *summary = NULL;

  gtk_stack_set_visible_child_name (self->stack, n_authors > 0 && n_themes > 0 ? "matrix" : "empty");

  if (self->by_participant)
    /* Translators: the first half of "12 participants × 5 themes" */
    authors = scholia_count_format (ngettext ("%'u participant", "%'u participants", n_authors), n_authors);
  else
    /* Translators: the first half of "12 authors × 5 themes" */
    authors = scholia_count_format (ngettext ("%'u author", "%'u authors", n_authors), n_authors);
  /* Translators: the second half of "12 authors × 5 themes" */
  themes = scholia_count_format (ngettext ("%'u theme", "%'u themes", n_themes), n_themes);
  /* Translators: "12 authors" × "5 themes", above the authors × themes table */
  summary = g_strdup_printf (_("%s × %s"), authors, themes);
  gtk_label_set_label (self->summary_label, summary);
}

/* Participant id → colour, for the rows of the participants mode. */
static GHashTable *
participant_colours (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) everyone = scholia_store_list_all_participants (store, &error);
  GHashTable *colours = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  if (everyone == NULL)
    g_warning ("Could not read the seminars' participants: %s", error->message);
  for (guint i = 0; everyone != NULL && i < everyone->len; i++)
    {
      ScholiaParticipant *participant = g_ptr_array_index (everyone, i);

      g_hash_table_insert (colours, g_memdup2 (&participant->id, sizeof participant->id),
                           g_strdup (participant->colour));
    }
  return colours;
}

/* The participants mode is offered while the library takes part in a seminar. */
static void
update_participants_button (ScholiaMatrixView *self,
                            ScholiaStore      *store)
{
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GError) error = NULL;

  if (store != NULL && (seminars = scholia_store_list_seminars (store, &error)) == NULL)
    g_warning ("Could not read the library's seminars: %s", error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->participants_button), seminars != NULL && seminars->len > 0);
  if (seminars == NULL || seminars->len == 0)
    scholia_matrix_view_set_by_participant (self, FALSE);
  scholia_matrix_grid_set_row_title (self->grid, self->by_participant ? _("Participant") : _("Author"));
}

static void
rebuild (ScholiaMatrixView *self)
{
  g_autoptr(ScholiaMatrix) matrix = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  ScholiaStore *store = scholia_filtered_view_get_store (SCHOLIA_FILTERED_VIEW (self));
  g_autoptr(GHashTable) colours = NULL;
  GListModel *tags;

  update_participants_button (self, store);
  if (store != NULL && self->by_participant)
    {
      matrix = scholia_matrix_new_by_participant (store, self->split_by_tag,
                                                  scholia_filter_bar_get_filter (self->filter_bar), &error);
      if (matrix == NULL)
        g_warning ("Could not count the passages per participant and theme: %s", error->message);
    }
  else if (store != NULL)
    {
      matrix = scholia_matrix_new_filtered (store, self->split_by_tag,
                                            scholia_filter_bar_get_filter (self->filter_bar), &error);
      if (matrix == NULL)
        g_warning ("Could not count the passages per author and theme: %s", error->message);
    }

  /* The sort is kept while the themes are. */
  if (matrix == NULL || !same_themes (self, matrix))
    set_themes (self, matrix);

  tags = self->split_by_tag && store != NULL ? scholia_store_get_labels (store, SCHOLIA_TYPE_TAG) : NULL;
  if (matrix != NULL && self->by_participant)
    colours = participant_colours (store);
  for (guint i = 0; matrix != NULL && i < scholia_matrix_get_n_authors (matrix); i++)
    {
      ScholiaMatrixRow *row = scholia_matrix_row_new (matrix, i, tags);
      gint64 participant_id = scholia_matrix_row_get_participant_id (row);

      if (colours != NULL)
        scholia_matrix_row_set_colour (row, g_hash_table_lookup (colours, &participant_id));
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  scholia_matrix_grid_set_model (self->grid, G_LIST_MODEL (self->sorted), self->themes);

  update_summary (self);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  ScholiaMatrixView *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Many changes arrive together (an import, a merge): one rebuild answers them all. */
static void
queue_rebuild (ScholiaMatrixView *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

static void
on_split_button_toggled_cb (ScholiaMatrixView *self)
{
  scholia_matrix_view_set_split_by_tag (self, gtk_toggle_button_get_active (self->split_button));
}

static void
on_participants_button_toggled_cb (ScholiaMatrixView *self)
{
  scholia_matrix_view_set_by_participant (self, gtk_toggle_button_get_active (self->participants_button));
}

static void
scholia_matrix_view_unbind_store (ScholiaFilteredView *view,
                                  ScholiaStore        *store)
{
  ScholiaMatrixView *self = SCHOLIA_MATRIX_VIEW (view);

  g_signal_handlers_disconnect_by_data (store, self);
  g_signal_handlers_disconnect_by_data (scholia_store_get_labels (store, SCHOLIA_TYPE_THEME), self);
  g_signal_handlers_disconnect_by_data (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG), self);
  g_signal_handlers_disconnect_by_data (scholia_store_get_documents (store), self);
  scholia_filter_bar_set_store (self->filter_bar, NULL);
}

static void
scholia_matrix_view_bind_store (ScholiaFilteredView *view,
                                ScholiaStore        *store)
{
  ScholiaMatrixView *self = SCHOLIA_MATRIX_VIEW (view);

  if (store != NULL)
    {
      g_signal_connect_object (store, "annotations-changed", G_CALLBACK (queue_rebuild), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (scholia_store_get_labels (store, SCHOLIA_TYPE_THEME), "items-changed",
                               G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG), "items-changed",
                               G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (scholia_store_get_documents (store), "items-changed",
                               G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
      scholia_filter_bar_set_store (self->filter_bar, store);
    }

  /* A new library is shown at once, not one iteration later. */
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  rebuild (self);
}

static void
scholia_matrix_view_dispose (GObject *object)
{
  ScholiaMatrixView *self = SCHOLIA_MATRIX_VIEW (object);
  GtkWidget *child;

  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (self), NULL);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_MATRIX_VIEW);
  /* The template's unnamed boxes and separators are not its bound children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->sorted);
  g_clear_object (&self->sorter);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (scholia_matrix_view_parent_class)->dispose (object);
}

static void
scholia_matrix_view_finalize (GObject *object)
{
  ScholiaMatrixView *self = SCHOLIA_MATRIX_VIEW (object);

  g_clear_pointer (&self->themes, g_ptr_array_unref);

  G_OBJECT_CLASS (scholia_matrix_view_parent_class)->finalize (object);
}

static void
scholia_matrix_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ScholiaMatrixView *self = SCHOLIA_MATRIX_VIEW (object);

  switch (prop_id)
    {
    case PROP_SPLIT_BY_TAG:
      g_value_set_boolean (value, self->split_by_tag);
      break;

    case PROP_BY_PARTICIPANT:
      g_value_set_boolean (value, self->by_participant);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_matrix_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ScholiaMatrixView *self = SCHOLIA_MATRIX_VIEW (object);

  switch (prop_id)
    {
    case PROP_SPLIT_BY_TAG:
      scholia_matrix_view_set_split_by_tag (self, g_value_get_boolean (value));
      break;

    case PROP_BY_PARTICIPANT:
      scholia_matrix_view_set_by_participant (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_matrix_view_class_init (ScholiaMatrixViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ScholiaFilteredViewClass *view_class = SCHOLIA_FILTERED_VIEW_CLASS (klass);

  object_class->dispose = scholia_matrix_view_dispose;
  object_class->finalize = scholia_matrix_view_finalize;
  object_class->get_property = scholia_matrix_view_get_property;
  object_class->set_property = scholia_matrix_view_set_property;
  view_class->unbind_store = scholia_matrix_view_unbind_store;
  view_class->bind_store = scholia_matrix_view_bind_store;

  properties[PROP_SPLIT_BY_TAG] =
    g_param_spec_boolean ("split-by-tag", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BY_PARTICIPANT] =
    g_param_spec_boolean ("by-participant", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user asked for an author's passages on a theme. */
  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, SCHOLIA_TYPE_THEME);
  /* In the participants mode: a participant's passages on a theme (the participant's row id). */
  signals[PARTICIPANT_CELL_ACTIVATED] =
    g_signal_new ("participant-cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, SCHOLIA_TYPE_THEME);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (SCHOLIA_TYPE_MATRIX_GRID);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-matrix-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaMatrixView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaMatrixView, split_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaMatrixView, participants_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaMatrixView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, ScholiaMatrixView, stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaMatrixView, grid);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_cell_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_header_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_split_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_participants_button_toggled_cb);

  gtk_widget_class_set_css_name (widget_class, "scholiamatrixview");
}

static void
scholia_matrix_view_init (ScholiaMatrixView *self)
{
  scholia_tag_chip_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_filtered_view_set_filter_bar (SCHOLIA_FILTERED_VIEW (self), self->filter_bar);

  self->themes = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_list_store_new (SCHOLIA_TYPE_MATRIX_ROW);
  self->sort_column = -1;

  /* Every theme is a column: the bar offers the tags to count. */
  scholia_filter_bar_configure (self->filter_bar, GTK_ORIENTATION_HORIZONTAL, FALSE, TRUE,
                                SCHOLIA_FILTER_BAR_AUTHORS_NONE);
  g_signal_connect_object (scholia_filter_bar_get_filter (self->filter_bar), "changed",
                           G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);

  self->sorter = gtk_custom_sorter_new (compare_rows, self, NULL);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                          g_object_ref (GTK_SORTER (self->sorter)));
  scholia_matrix_grid_set_model (self->grid, G_LIST_MODEL (self->sorted), self->themes);

  update_summary (self);
}

GtkWidget *
scholia_matrix_view_new (void)
{
  return g_object_new (SCHOLIA_TYPE_MATRIX_VIEW, NULL);
}

gboolean
scholia_matrix_view_get_split_by_tag (ScholiaMatrixView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_MATRIX_VIEW (self), FALSE);

  return self->split_by_tag;
}

void
scholia_matrix_view_set_split_by_tag (ScholiaMatrixView *self,
                                      gboolean           split_by_tag)
{
  g_return_if_fail (SCHOLIA_IS_MATRIX_VIEW (self));

  split_by_tag = !!split_by_tag;
  if (self->split_by_tag == split_by_tag)
    return;

  self->split_by_tag = split_by_tag;
  gtk_toggle_button_set_active (self->split_button, split_by_tag);
  queue_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT_BY_TAG]);
}

gboolean
scholia_matrix_view_get_by_participant (ScholiaMatrixView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_MATRIX_VIEW (self), FALSE);

  return self->by_participant;
}

/* Participants × themes rather than authors × themes; only while the library has a seminar. */
void
scholia_matrix_view_set_by_participant (ScholiaMatrixView *self,
                                        gboolean           by_participant)
{
  g_return_if_fail (SCHOLIA_IS_MATRIX_VIEW (self));

  by_participant = !!by_participant;
  if (self->by_participant == by_participant)
    return;

  self->by_participant = by_participant;
  gtk_toggle_button_set_active (self->participants_button, by_participant);
  queue_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BY_PARTICIPANT]);
}

void
scholia_matrix_view_sort_by_theme (ScholiaMatrixView *self,
                                   ScholiaTheme      *theme,
                                   GtkSortType        order)
{
  guint column;

  g_return_if_fail (SCHOLIA_IS_MATRIX_VIEW (self));
  g_return_if_fail (SCHOLIA_IS_THEME (theme));

  if (!g_ptr_array_find (self->themes, theme, &column))
    return;
  sort_rows (self, column, order);
}

guint
scholia_matrix_view_get_n_rows (ScholiaMatrixView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_MATRIX_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

const char *
scholia_matrix_view_get_row_author (ScholiaMatrixView *self,
                                    guint              row)
{
  g_autoptr(ScholiaMatrixRow) item = NULL;

  g_return_val_if_fail (SCHOLIA_IS_MATRIX_VIEW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), row);
  /* The store holds the row, so its author outlives this reference. */
  return item != NULL ? scholia_matrix_row_get_author (item) : NULL;
}

guint
scholia_matrix_view_get_row_count (ScholiaMatrixView *self,
                                   guint              row,
                                   ScholiaTheme      *theme)
{
  g_autoptr(ScholiaMatrixRow) item = NULL;
  guint column;

  g_return_val_if_fail (SCHOLIA_IS_MATRIX_VIEW (self), 0);

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), row);
  if (item == NULL || !g_ptr_array_find (self->themes, theme, &column))
    return 0;
  return scholia_matrix_row_get_count (item, column);
}
