/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-side-by-side.h"
#include "scholia-count-format.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "scholia-comparison.h"
#include "scholia-link-arrows.h"
#include "scholia-passage-row.h"
#include "scholia-store-links.h"

/* The filter bar's filter chooses the theme and the authors; every column filters the same
 * comparison down to its author, the comparison having ordered an author's passages by the
 * date of their documents and then by place in the text. */
typedef struct
{
  char               *author;
  GtkFilterListModel *passages;
  GtkWidget          *widget;
  GtkLabel           *count_label;
  GtkWidget          *silent_label;
  GtkWidget          *scrolled;
} Column;

struct _ScholiaSideBySide
{
  ScholiaFilteredView parent_instance;

  ScholiaFilterBar  *filter_bar;
  GtkLabel          *hint_label;
  GtkStack          *stack;
  GtkWidget         *columns_box;
  GtkWidget         *arrows_area;
  GtkLabel          *legend_label;

  ScholiaComparison *comparison;
  /* Links between passages, drawn as arrows from row to row across the columns: the rows now
   * bound to a passage (annotation id → GtkWidget, as the list views recycle them) and every
   * link of the library. */
  GHashTable        *rows;
  GListModel        *links;
  gulong             links_changed_id;
  GPtrArray         *columns;       /* Column, in the order the filter bar offers authors */
  gboolean           user_chose;
  gboolean           choosing;      /* the filter's authors are set here, not by the user */
};

G_DEFINE_FINAL_TYPE (ScholiaSideBySide, scholia_side_by_side, SCHOLIA_TYPE_FILTERED_VIEW)

static void update_legend (ScholiaSideBySide *self);


static void
column_free (Column *column)
{
  /* The list view may hold the model a little longer than the column. */
  g_signal_handlers_disconnect_by_data (column->passages, column);
  g_free (column->author);
  g_clear_object (&column->passages);
  g_free (column);
}

/* During dispose the list views unbind their rows after the template's children are gone. */
static void
queue_arrows (ScholiaSideBySide *self)
{
  if (self->arrows_area != NULL)
    gtk_widget_queue_draw (self->arrows_area);
}

static gboolean
match_passage (gpointer item,
               gpointer user_data)
{
  return scholia_annotation_filter_match_passage (user_data, item);
}

static void
update_hint (ScholiaSideBySide *self)
{
  ScholiaTheme *theme = self->comparison != NULL ? scholia_comparison_get_theme (self->comparison) : NULL;
  g_autofree char *hint = NULL;

  gtk_stack_set_visible_child_name (self->stack,
                                    theme != NULL && self->columns->len > 0 ? "columns" : "empty");

  if (theme == NULL)
    hint = g_strdup (_("Choose a theme"));
  else if (self->columns->len < 2)
    hint = g_strdup (_("Choose two or more authors"));
  else
    /* Translators: above the side-by-side columns; %u authors, %s the theme */
    hint = g_strdup_printf (ngettext ("%u author on “%s”", "%u authors on “%s”", self->columns->len),
                            self->columns->len, scholia_label_get_display_name (SCHOLIA_LABEL (theme)));
  gtk_label_set_label (self->hint_label, hint);
}

/* Columns */

static void
update_column_count (Column *column)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (column->passages));
  g_autofree char *text = scholia_count_format (ngettext ("%'u passage", "%'u passages", n), n);

  gtk_label_set_label (column->count_label, text);
  gtk_widget_set_visible (column->silent_label, n == 0);
}

static void
setup_passage_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  GtkWidget *row = scholia_passage_row_new ();

  scholia_passage_row_set_large (SCHOLIA_PASSAGE_ROW (row), TRUE);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_passage_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 ScholiaSideBySide        *self)
{
  GListModel *passages = g_object_get_data (G_OBJECT (factory), "scholia-passages");
  GtkWidget *row = gtk_list_item_get_child (list_item);
  g_autofree char *place = NULL;
  gboolean author_heading, document_heading;

  scholia_passage_row_set_passage (SCHOLIA_PASSAGE_ROW (row), gtk_list_item_get_item (list_item),
                                   scholia_filtered_view_get_store (SCHOLIA_FILTERED_VIEW (self)));
  if (self->comparison != NULL)
    place = scholia_comparison_dup_place (self->comparison, gtk_list_item_get_item (list_item));
  scholia_passage_row_set_place (SCHOLIA_PASSAGE_ROW (row), place);
  scholia_passage_row_find_headings (passages, gtk_list_item_get_position (list_item),
                                     &author_heading, &document_heading);
  /* The column's title names the author already. */
  scholia_passage_row_set_headings (SCHOLIA_PASSAGE_ROW (row), FALSE, document_heading);

  g_hash_table_insert (self->rows,
                       g_memdup2 (&(gint64) { scholia_passage_get_annotation_id (gtk_list_item_get_item (list_item)) },
                                  sizeof (gint64)),
                       row);
  queue_arrows (self);
}

static void
unbind_passage_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   ScholiaSideBySide        *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  gint64 id = scholia_passage_get_annotation_id (gtk_list_item_get_item (list_item));

  /* The row may have been bound to the passage again meanwhile, elsewhere. */
  if (g_hash_table_lookup (self->rows, &id) == row)
    g_hash_table_remove (self->rows, &id);
  queue_arrows (self);
}

static void
on_column_scrolled_cb (ScholiaSideBySide *self)
{
  queue_arrows (self);
}

static void
on_column_activate_cb (GtkListView       *list_view,
                       guint              position,
                       ScholiaSideBySide *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_autoptr(ScholiaPassage) passage = g_list_model_get_item (model, position);

  scholia_filtered_view_activate_passage (SCHOLIA_FILTERED_VIEW (self), passage);
}

static Column *
create_column (ScholiaSideBySide *self,
               const char        *author)
{
  Column *column = g_new0 (Column, 1);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autofree char *name = scholia_passage_row_author_display_name (author);
  ScholiaAnnotationFilter *author_filter = scholia_annotation_filter_new ();
  GtkCustomFilter *filter;
  GtkNoSelection *selection;
  GtkWidget *heading, *count, *scrolled, *list_view;

  column->author = g_strdup (author);
  scholia_annotation_filter_set_author (author_filter, author);
  filter = gtk_custom_filter_new (match_passage, author_filter, g_object_unref);
  column->passages = gtk_filter_list_model_new (g_object_ref (scholia_comparison_get_passages (self->comparison)),
                                                GTK_FILTER (filter));

  column->widget = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (column->widget, "card");
  gtk_widget_add_css_class (column->widget, "side-by-side-column");
  gtk_widget_set_overflow (column->widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_size_request (column->widget, 300, -1);

  heading = g_object_new (GTK_TYPE_LABEL, "label", name, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "title-2");
  gtk_box_append (GTK_BOX (column->widget), heading);

  count = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "side-by-side-count");
  gtk_box_append (GTK_BOX (column->widget), count);
  column->count_label = GTK_LABEL (count);

  gtk_box_append (GTK_BOX (column->widget), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  column->silent_label = gtk_label_new (_("No passages on this theme"));
  gtk_widget_add_css_class (column->silent_label, "dim-label");
  gtk_widget_add_css_class (column->silent_label, "title-4");
  gtk_widget_set_margin_top (column->silent_label, 36);
  gtk_box_append (GTK_BOX (column->widget), column->silent_label);

  g_object_set_data (G_OBJECT (factory), "scholia-passages", column->passages);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_passage_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_passage_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_passage_cb), self, 0);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (column->passages)));
  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (selection), g_steal_pointer (&factory));
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list_view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_view), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect_object (list_view, "activate", G_CALLBACK (on_column_activate_cb), self, 0);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (column->widget), scrolled);
  column->scrolled = scrolled;
  /* Scrolled, resized or laid out anew, the arrows follow. */
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), "value-changed",
                           G_CALLBACK (on_column_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), "changed",
                           G_CALLBACK (on_column_scrolled_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_swapped (column->passages, "items-changed", G_CALLBACK (update_column_count), column);
  update_column_count (column);

  return column;
}

/* Whether the columns are those of @chosen, in whatever order. */
static gboolean
same_columns (ScholiaSideBySide  *self,
              const char * const *chosen)
{
  if ((chosen != NULL ? g_strv_length ((char **) chosen) : 0) != self->columns->len)
    return FALSE;
  for (guint i = 0; i < self->columns->len; i++)
    if (!g_strv_contains (chosen, ((Column *) g_ptr_array_index (self->columns, i))->author))
      return FALSE;
  return TRUE;
}

/* A column per author the filter shows, in the order the bar offers them when they are chosen
 * (by surname, those without passages on the theme after); another theme keeps the columns. */
static void
rebuild_columns (ScholiaSideBySide *self)
{
  ScholiaAnnotationFilter *filter = scholia_filter_bar_get_filter (self->filter_bar);
  const char * const *chosen = scholia_annotation_filter_get_authors (filter);
  const char * const *offered = scholia_filter_bar_get_offered_authors (self->filter_bar);
  g_autoptr(GPtrArray) authors = g_ptr_array_new ();
  GtkWidget *child;

  if (self->comparison != NULL && same_columns (self, chosen))
    {
      update_hint (self);
      return;
    }
  for (guint i = 0; self->comparison != NULL && chosen != NULL && offered[i] != NULL; i++)
    if (g_strv_contains (chosen, offered[i]))
      g_ptr_array_add (authors, (gpointer) offered[i]);

  while ((child = gtk_widget_get_first_child (self->columns_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->columns_box), child);
  g_ptr_array_set_size (self->columns, 0);

  for (guint i = 0; i < authors->len; i++)
    {
      Column *column = create_column (self, g_ptr_array_index (authors, i));

      g_ptr_array_add (self->columns, column);
      gtk_box_append (GTK_BOX (self->columns_box), column->widget);
      g_signal_connect_object (column->passages, "items-changed", G_CALLBACK (update_legend), self,
                               G_CONNECT_SWAPPED);
    }

  update_hint (self);
  update_legend (self);
}

/* Links */

/* The column that holds @row, or -1. */
static int
find_column (ScholiaSideBySide *self,
             GtkWidget         *row)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (gtk_widget_is_ancestor (row, ((Column *) g_ptr_array_index (self->columns, i))->widget))
      return (int) i;
  return -1;
}

/* Where the column's edge on the side of @towards_right is, at the middle of @row's quote (its
 * headings above it say which essay), in the arrows' area; FALSE when that is scrolled out of
 * its column. */
static gboolean
find_row_end (ScholiaSideBySide *self,
              GtkWidget         *row,
              Column            *column,
              gboolean           towards_right,
              double            *x,
              double            *y)
{
  GtkWidget *quote = GTK_WIDGET (gtk_widget_get_template_child (row, SCHOLIA_TYPE_PASSAGE_ROW, "quote_label"));
  graphene_rect_t bounds, visible;

  if (!gtk_widget_get_mapped (row) ||
      !gtk_widget_compute_bounds (quote, self->arrows_area, &bounds) ||
      !gtk_widget_compute_bounds (column->scrolled, self->arrows_area, &visible))
    return FALSE;

  *y = bounds.origin.y + bounds.size.height / 2;
  if (*y < visible.origin.y || *y > visible.origin.y + visible.size.height)
    return FALSE;
  *x = towards_right ? visible.origin.x + visible.size.width : visible.origin.x;
  return TRUE;
}

static void
clear_arrow (gpointer data)
{
  scholia_link_arrow_clear (data);
}

/* The arrows to draw: a link whose ends are both in sight, in two different columns. */
static GArray *
compute_arrows (ScholiaSideBySide *self)
{
  GArray *arrows = g_array_new (FALSE, TRUE, sizeof (ScholiaLinkArrow));
  guint n = self->links != NULL ? g_list_model_get_n_items (self->links) : 0;

  g_array_set_clear_func (arrows, clear_arrow);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaLink) link = g_list_model_get_item (self->links, i);
      gint64 source_id = scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_SOURCE);
      gint64 target_id = scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_TARGET);
      GtkWidget *source = g_hash_table_lookup (self->rows, &source_id);
      GtkWidget *target = g_hash_table_lookup (self->rows, &target_id);
      ScholiaLinkArrow arrow = { 0 };
      int source_column, target_column;

      if (source == NULL || target == NULL)
        continue;
      source_column = find_column (self, source);
      target_column = find_column (self, target);
      if (source_column < 0 || target_column < 0 || source_column == target_column)
        continue;

      if (!find_row_end (self, source, g_ptr_array_index (self->columns, source_column),
                         target_column > source_column, &arrow.x1, &arrow.y1) ||
          !find_row_end (self, target, g_ptr_array_index (self->columns, target_column),
                         source_column > target_column, &arrow.x2, &arrow.y2))
        continue;

      arrow.link_id = scholia_link_get_id (link);
      arrow.type = g_strdup (scholia_link_get_link_type (link));
      g_array_append_val (arrows, arrow);
    }

  return arrows;
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
draw_arrows (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  ScholiaSideBySide *self = user_data;
  g_autoptr(GArray) arrows = compute_arrows (self);
  gboolean dark = is_dark ();

  for (guint i = 0; i < arrows->len; i++)
    scholia_link_arrow_draw (&g_array_index (arrows, ScholiaLinkArrow, i), cr, dark);
}

/* The legend names the types of the links between the columns' passages, scrolled to or not. */
static void
update_legend (ScholiaSideBySide *self)
{
  g_autoptr(GHashTable) shown_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  g_autofree char *markup = NULL;
  guint n = self->links != NULL ? g_list_model_get_n_items (self->links) : 0;
  GListModel *passages;
  guint n_passages;

  /* A column's model may outlive the template's children. */
  if (self->legend_label == NULL)
    return;

  /* From the comparison itself: while it changes, one column's model may be behind another's. */
  passages = self->comparison != NULL ? scholia_comparison_get_passages (self->comparison) : NULL;
  n_passages = passages != NULL ? g_list_model_get_n_items (passages) : 0;
  for (guint i = 0; i < n_passages; i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);

      for (guint j = 0; j < self->columns->len; j++)
        if (g_strcmp0 (scholia_passage_get_author (passage),
                       ((Column *) g_ptr_array_index (self->columns, j))->author) == 0)
          g_hash_table_insert (shown_ids, g_memdup2 (&(gint64) { scholia_passage_get_annotation_id (passage) },
                                                     sizeof (gint64)), GUINT_TO_POINTER (j + 1));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaLink) link = g_list_model_get_item (self->links, i);
      gint64 source_id = scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_SOURCE);
      gint64 target_id = scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_TARGET);
      gpointer source_column = g_hash_table_lookup (shown_ids, &source_id);
      gpointer target_column = g_hash_table_lookup (shown_ids, &target_id);
      const char *type = scholia_link_get_link_type (link);

      if (source_column != NULL && target_column != NULL && source_column != target_column &&
          !g_ptr_array_find_with_equal_func (types, type, g_str_equal, NULL))
        g_ptr_array_add (types, (gpointer) type);
    }
  g_ptr_array_add (types, NULL);

  markup = scholia_link_arrow_legend ((const char * const *) types->pdata, is_dark ());
  gtk_label_set_markup (self->legend_label, markup);
  gtk_widget_set_visible (GTK_WIDGET (self->legend_label), types->len > 1);
}

static void
update_links (ScholiaSideBySide *self)
{
  ScholiaStore *store = scholia_filtered_view_get_store (SCHOLIA_FILTERED_VIEW (self));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->links);
  if (store != NULL)
    {
      self->links = scholia_store_list_links (store, &error);
      if (self->links == NULL)
        g_warning ("Could not list the links: %s", error->message);
    }
  update_legend (self);
  queue_arrows (self);
}

static void
on_dark_changed_cb (ScholiaSideBySide *self)
{
  update_legend (self);
  queue_arrows (self);
}

/* Authors */

/* Until the user picks, the first two authors on the theme; the bar offers those on the theme
 * and those chosen, so that a chosen author who falls silent keeps an empty column. */
static void
update_authors (ScholiaSideBySide *self)
{
  g_auto(GStrv) names = self->comparison != NULL ? scholia_comparison_list_authors (self->comparison) : NULL;

  if (!self->user_chose && self->comparison != NULL)
    {
      g_autofree char **first = g_new0 (char *, 3);

      for (guint i = 0; i < 2 && names[i] != NULL; i++)
        first[i] = names[i];
      self->choosing = TRUE;
      scholia_annotation_filter_set_authors (scholia_filter_bar_get_filter (self->filter_bar),
                                             (const char * const *) first);
      self->choosing = FALSE;
    }

  scholia_filter_bar_offer_authors (self->filter_bar, (const char * const *) names);
  rebuild_columns (self);
}

static void
on_filter_authors_cb (ScholiaSideBySide *self)
{
  if (!self->choosing)
    self->user_chose = TRUE;
  update_authors (self);
}

static void
on_theme_cb (ScholiaSideBySide *self)
{
  update_hint (self);
}

static void
scholia_side_by_side_unbind_store (ScholiaFilteredView *view,
                                   ScholiaStore        *store)
{
  ScholiaSideBySide *self = SCHOLIA_SIDE_BY_SIDE (view);

  g_signal_handlers_disconnect_by_data (self->comparison, self);
  g_clear_signal_handler (&self->links_changed_id, store);
  g_clear_object (&self->links);
  g_ptr_array_set_size (self->columns, 0);
  self->choosing = TRUE;
  scholia_filter_bar_set_store (self->filter_bar, NULL);
  self->choosing = FALSE;
  g_clear_object (&self->comparison);
}

static void
scholia_side_by_side_bind_store (ScholiaFilteredView *view,
                                 ScholiaStore        *store)
{
  ScholiaSideBySide *self = SCHOLIA_SIDE_BY_SIDE (view);

  self->user_chose = FALSE;
  if (store != NULL)
    {
      self->comparison = scholia_comparison_new (store);
      scholia_comparison_set_filter (self->comparison, scholia_filter_bar_get_filter (self->filter_bar));
      g_signal_connect_object (self->comparison, "notify::authors", G_CALLBACK (update_authors), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->comparison, "notify::theme", G_CALLBACK (on_theme_cb), self,
                               G_CONNECT_SWAPPED);
      self->links_changed_id = g_signal_connect_object (store, "links-changed", G_CALLBACK (update_links),
                                                        self, G_CONNECT_SWAPPED);
      scholia_filter_bar_set_store (self->filter_bar, store);
    }

  update_authors (self);
  update_links (self);
}

static void
scholia_side_by_side_dispose (GObject *object)
{
  ScholiaSideBySide *self = SCHOLIA_SIDE_BY_SIDE (object);
  GtkWidget *child;

  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_SIDE_BY_SIDE);
  /* The template's unnamed boxes and separators are not its bound children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (scholia_side_by_side_parent_class)->dispose (object);
}

static void
scholia_side_by_side_finalize (GObject *object)
{
  ScholiaSideBySide *self = SCHOLIA_SIDE_BY_SIDE (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (scholia_side_by_side_parent_class)->finalize (object);
}

static void
scholia_side_by_side_class_init (ScholiaSideBySideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ScholiaFilteredViewClass *view_class = SCHOLIA_FILTERED_VIEW_CLASS (klass);

  object_class->dispose = scholia_side_by_side_dispose;
  object_class->finalize = scholia_side_by_side_finalize;
  view_class->unbind_store = scholia_side_by_side_unbind_store;
  view_class->bind_store = scholia_side_by_side_bind_store;

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-side-by-side.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaSideBySide, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSideBySide, hint_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSideBySide, stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSideBySide, columns_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSideBySide, arrows_area);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSideBySide, legend_label);

  gtk_widget_class_set_css_name (widget_class, "scholiasidebyside");
}

static void
scholia_side_by_side_init (ScholiaSideBySide *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_filtered_view_set_filter_bar (SCHOLIA_FILTERED_VIEW (self), self->filter_bar);

  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->arrows_area), draw_arrows, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_dark_changed_cb),
                           self, G_CONNECT_SWAPPED);

  scholia_filter_bar_configure (self->filter_bar, GTK_ORIENTATION_HORIZONTAL, TRUE, FALSE,
                                SCHOLIA_FILTER_BAR_AUTHORS_SEVERAL);
  g_signal_connect_object (scholia_filter_bar_get_filter (self->filter_bar), "notify::authors",
                           G_CALLBACK (on_filter_authors_cb), self, G_CONNECT_SWAPPED);

  update_hint (self);
}

GtkWidget *
scholia_side_by_side_new (void)
{
  return g_object_new (SCHOLIA_TYPE_SIDE_BY_SIDE, NULL);
}

ScholiaTheme *
scholia_side_by_side_get_theme (ScholiaSideBySide *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SIDE_BY_SIDE (self), NULL);

  return self->comparison != NULL ? scholia_comparison_get_theme (self->comparison) : NULL;
}

void
scholia_side_by_side_set_theme (ScholiaSideBySide *self,
                                ScholiaTheme      *theme)
{
  g_return_if_fail (SCHOLIA_IS_SIDE_BY_SIDE (self));

  scholia_filter_bar_set_theme (self->filter_bar, theme);
}

char **
scholia_side_by_side_get_authors (ScholiaSideBySide *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SCHOLIA_IS_SIDE_BY_SIDE (self), NULL);

  for (guint i = 0; i < self->columns->len; i++)
    g_strv_builder_add (builder, ((Column *) g_ptr_array_index (self->columns, i))->author);
  return g_strv_builder_end (builder);
}

/* Columns come in the order of the authors' surnames whatever the order given; "" stands for
 * the documents without an author. */
void
scholia_side_by_side_set_authors (ScholiaSideBySide  *self,
                                  const char * const *authors)
{
  g_return_if_fail (SCHOLIA_IS_SIDE_BY_SIDE (self));

  self->user_chose = TRUE;
  scholia_annotation_filter_set_authors (scholia_filter_bar_get_filter (self->filter_bar), authors);
}

guint
scholia_side_by_side_get_n_columns (ScholiaSideBySide *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SIDE_BY_SIDE (self), 0);

  return self->columns->len;
}

GListModel *
scholia_side_by_side_get_column_passages (ScholiaSideBySide *self,
                                          guint              column)
{
  g_return_val_if_fail (SCHOLIA_IS_SIDE_BY_SIDE (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return G_LIST_MODEL (((Column *) g_ptr_array_index (self->columns, column))->passages);
}

/**
 * scholia_side_by_side_get_arrows:
 * @self: a side by side
 *
 * The arrows drawn now between linked passages, where they start and end: for tests.
 *
 * Returns: (transfer full) (element-type ScholiaLinkArrow): the arrows
 */
GArray *
scholia_side_by_side_get_arrows (ScholiaSideBySide *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SIDE_BY_SIDE (self), NULL);

  return compute_arrows (self);
}

/* The row showing the passage of the annotation @annotation_id, or NULL: for tests. */
GtkWidget *
scholia_side_by_side_get_row (ScholiaSideBySide *self,
                              gint64             annotation_id)
{
  g_return_val_if_fail (SCHOLIA_IS_SIDE_BY_SIDE (self), NULL);

  return g_hash_table_lookup (self->rows, &annotation_id);
}
