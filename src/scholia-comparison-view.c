/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-comparison-view.h"
#include "scholia-count-format.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "scholia-link-list.h"
#include "scholia-passage-row.h"
#include "scholia-store-links.h"

/* The models, from the store down to the list:
 *
 *   store ─ comparison (the filter bar's filter: theme, tags, author; sorted by author, date,
 *           text) ─ shown (the same, across libraries) ─ first rows (slice) ─ list
 *
 * The comparison lists every author on the theme, so the author menu can still offer them all
 * while one of them is shown.
 *
 * GTK 4.8's list view keeps some 200 rows alive around its anchor and rebuilds them all when
 * the model is replaced: with rows of wrapped text that costs a few hundred milliseconds. So when
 * the user picks another theme or filter, the list first sees only the rows a sidebar can show,
 * and the rest one frame later, once those are on screen. */
#define FIRST_ROWS 24
/* A linked passage's quote is cut to about a line of the sidebar. */
#define LINK_QUOTE_MAX_CHARS 60
struct _ScholiaComparisonView
{
  ScholiaFilteredView parent_instance;

  GtkWidget          *header_box;
  ScholiaFilterBar   *filter_bar;
  GtkLabel           *count_label;
  GtkWidget          *header_separator;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  GtkListView        *list_view;

  ScholiaComparison  *comparison;
  GtkFilterListModel *shown;            /* no filter: the comparison's passages, whichever */
  GtkSliceListModel  *first_rows;
  guint               grow_tick_id;
  guint               grow_ticks;

  GHashTable         *bound_items;      /* GtkListItem showing a passage */

  /* The links whose both ends are listed, below the passages. */
  GtkWidget          *links_separator;
  GtkWidget          *links_box;
  GtkListBox         *links_list;
  GListStore         *links;
  gulong              links_changed_id;
};

G_DEFINE_FINAL_TYPE (ScholiaComparisonView, scholia_comparison_view, SCHOLIA_TYPE_FILTERED_VIEW)


static guint
count_authors (GListModel *passages)
{
  guint n = g_list_model_get_n_items (passages);
  g_autoptr(ScholiaPassage) previous = NULL;
  guint authors = 0;

  /* The comparison lists an author's passages together. */
  for (guint i = 0; i < n; i++)
    {
      ScholiaPassage *passage = g_list_model_get_item (passages, i);

      if (previous == NULL ||
          g_strcmp0 (scholia_passage_get_author (previous), scholia_passage_get_author (passage)) != 0)
        authors++;
      g_set_object (&previous, passage);
      g_object_unref (passage);
    }

  return authors;
}

static void
update_state (ScholiaComparisonView *self)
{
  ScholiaStore *store = scholia_filtered_view_get_store (SCHOLIA_FILTERED_VIEW (self));
  GListModel *themes = store != NULL ? scholia_store_get_labels (store, SCHOLIA_TYPE_THEME) : NULL;
  ScholiaTheme *theme = self->comparison != NULL ? scholia_comparison_get_theme (self->comparison) : NULL;
  guint n_passages = self->shown != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->shown)) : 0;
  gboolean has_themes = themes != NULL && g_list_model_get_n_items (themes) > 0;
  g_autofree char *passages_text = NULL;
  g_autofree char *authors_text = NULL;
  g_autofree char *count_text = NULL;
  ScholiaAnnotationFilter *filter = scholia_filter_bar_get_filter (self->filter_bar);
  guint n_tag_ids;

  gtk_widget_set_visible (self->header_box, has_themes);
  gtk_widget_set_visible (self->header_separator, has_themes);

  if (!has_themes)
    {
      gtk_stack_set_visible_child_name (self->stack, "no-themes");
      return;
    }

  if (n_passages == 0)
    {
      g_autofree char *description = NULL;

      scholia_annotation_filter_get_tag_ids (filter, &n_tag_ids);
      if (scholia_annotation_filter_get_authors (filter) != NULL || n_tag_ids > 0)
        description = g_strdup (_("No passage on this theme matches the filters"));
      else if (theme != NULL)
        /* Translators: shown when a theme has no passages yet; %s is the theme's name */
        description = g_strdup_printf (_("Passages you add to “%s” appear here"),
                                       scholia_label_get_display_name (SCHOLIA_LABEL (theme)));
      adw_status_page_set_description (self->empty_page, description);
      gtk_stack_set_visible_child_name (self->stack, "no-passages");
      gtk_label_set_label (self->count_label, _("No passages"));
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "passages");

  /* Translators: the first half of "12 passages by 4 authors" */
  passages_text = scholia_count_format (ngettext ("%'u passage", "%'u passages", n_passages), n_passages);
  {
    guint n_authors = count_authors (G_LIST_MODEL (self->shown));

    /* Translators: the second half of "12 passages by 4 authors" */
    authors_text = scholia_count_format (ngettext ("%'u author", "%'u authors", n_authors), n_authors);
  }
  /* Translators: "12 passages" by "4 authors", the count above a comparison */
  count_text = g_strdup_printf (_("%s by %s"), passages_text, authors_text);
  gtk_label_set_label (self->count_label, count_text);
}

/* Ticks run before a frame is drawn: the second one comes after the first rows were shown. */
static gboolean
grow_first_rows_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  ScholiaComparisonView *self = SCHOLIA_COMPARISON_VIEW (widget);

  if (++self->grow_ticks < 2)
    return G_SOURCE_CONTINUE;

  self->grow_tick_id = 0;
  gtk_slice_list_model_set_size (self->first_rows, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

/* Called before the view replaces its passages (another theme, other filters). */
static void
show_first_rows_first (ScholiaComparisonView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  gtk_slice_list_model_set_size (self->first_rows, FIRST_ROWS);
  self->grow_ticks = 0;
  if (self->grow_tick_id == 0)
    self->grow_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow_first_rows_cb, NULL, NULL);
}

/* The filter bar */

static void
offer_authors (ScholiaComparisonView *self)
{
  g_auto(GStrv) names = self->comparison != NULL ? scholia_comparison_list_authors (self->comparison) : NULL;

  scholia_filter_bar_offer_authors (self->filter_bar, (const char * const *) names);
}

/* Runs before the comparison replaces its passages. */
static void
on_filter_changed_cb (ScholiaComparisonView *self)
{
  show_first_rows_first (self);
}

static void
on_filter_changed_after_cb (ScholiaComparisonView *self)
{
  update_state (self);
}

/* Passages */

static void
update_headings (ScholiaComparisonView *self,
                 GtkListItem           *list_item)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  guint position = gtk_list_item_get_position (list_item);
  gboolean author_heading, document_heading;

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  scholia_passage_row_find_headings (G_LIST_MODEL (self->shown), position,
                                     &author_heading, &document_heading);
  scholia_passage_row_set_headings (SCHOLIA_PASSAGE_ROW (row), author_heading, document_heading);
}

/* Links */

static void
update_links (ScholiaComparisonView *self)
{
  ScholiaStore *store = scholia_filtered_view_get_store (SCHOLIA_FILTERED_VIEW (self));
  g_autoptr(GHashTable) shown_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) links = NULL;
  g_autoptr(GError) error = NULL;
  guint n_shown = self->shown != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->shown)) : 0;

  for (guint i = 0; i < n_shown; i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (G_LIST_MODEL (self->shown), i);

      g_hash_table_add (shown_ids, g_memdup2 (&(gint64) { scholia_passage_get_annotation_id (passage) },
                                              sizeof (gint64)));
    }

  if (store != NULL && n_shown > 1)
    {
      links = scholia_store_list_links (store, &error);
      if (links == NULL)
        g_warning ("Could not list the links: %s", error->message);
    }

  for (guint i = 0; links != NULL && i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(ScholiaLink) link = g_list_model_get_item (links, i);
      gint64 source_id = scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_SOURCE);
      gint64 target_id = scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_TARGET);

      if (g_hash_table_contains (shown_ids, &source_id) && g_hash_table_contains (shown_ids, &target_id))
        g_ptr_array_add (items, g_steal_pointer (&link));
    }

  g_list_store_splice (self->links, 0, g_list_model_get_n_items (G_LIST_MODEL (self->links)),
                       items->pdata, items->len);
  gtk_widget_set_visible (self->links_box, items->len > 0);
  gtk_widget_set_visible (self->links_separator, items->len > 0);
}

static GtkWidget *
create_link_row (gpointer item,
                 gpointer user_data)
{
  ScholiaLink *link = SCHOLIA_LINK (item);
  g_autofree char *source = scholia_link_describe_end (link, SCHOLIA_LINK_END_SOURCE, LINK_QUOTE_MAX_CHARS);
  g_autofree char *target = scholia_link_describe_end (link, SCHOLIA_LINK_END_TARGET, LINK_QUOTE_MAX_CHARS);
  g_autofree char *reading = scholia_link_get_reading (link, SCHOLIA_LINK_END_SOURCE);
  /* Translators: a link as the compare sidebar lists it: a passage, how it reads, the other */
  g_autofree char *accessible = g_strdup_printf (_("%s %s %s"), source, reading, target);
  const char *texts[] = { source, reading, target };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      GtkWidget *label = gtk_label_new (texts[i]);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* The type between the two ends, smaller, as a caption. */
      if (i == 1)
        {
          gtk_widget_add_css_class (label, "caption-heading");
          gtk_widget_add_css_class (label, "accent");
        }
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (box, _("Open the first passage of this link"));
  return box;
}

/* Opens the link's source passage, as activating it in the list would. */
static void
on_links_list_row_activated_cb (ScholiaComparisonView *self,
                                GtkListBoxRow         *row)
{
  g_autoptr(ScholiaLink) link = g_list_model_get_item (G_LIST_MODEL (self->links),
                                                       gtk_list_box_row_get_index (row));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  for (guint i = 0; link != NULL && i < n; i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (G_LIST_MODEL (self->shown), i);

      if (scholia_passage_get_annotation_id (passage) ==
          scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_SOURCE))
        {
          scholia_filtered_view_activate_passage (SCHOLIA_FILTERED_VIEW (self), passage);
          return;
        }
    }
}

/* A row's headings depend on the passage before it, which can change while the row's own
 * passage does not: then GTK keeps the row bound, so every bound row looks again. */
static void
on_filtered_items_changed_cb (ScholiaComparisonView *self)
{
  GHashTableIter iter;
  GtkListItem *list_item;

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, (gpointer *) &list_item, NULL))
    update_headings (self, list_item);

  update_state (self);
  update_links (self);
}

static void
on_list_item_position_cb (ScholiaComparisonView *self,
                          GParamSpec            *pspec,
                          GtkListItem           *list_item)
{
  update_headings (self, list_item);
}

static void
setup_passage_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  ScholiaComparisonView    *self)
{
  gtk_list_item_set_child (list_item, scholia_passage_row_new ());
}

static void
bind_passage_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 ScholiaComparisonView    *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  g_autofree char *place = NULL;

  scholia_passage_row_set_passage (SCHOLIA_PASSAGE_ROW (row), gtk_list_item_get_item (list_item),
                                   scholia_filtered_view_get_store (SCHOLIA_FILTERED_VIEW (self)));
  if (self->comparison != NULL)
    place = scholia_comparison_dup_place (self->comparison, gtk_list_item_get_item (list_item));
  scholia_passage_row_set_place (SCHOLIA_PASSAGE_ROW (row), place);
  update_headings (self, list_item);
  g_hash_table_add (self->bound_items, list_item);
  g_signal_connect_object (list_item, "notify::position", G_CALLBACK (on_list_item_position_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
unbind_passage_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   ScholiaComparisonView    *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  g_signal_handlers_disconnect_by_func (list_item, on_list_item_position_cb, self);
  g_hash_table_remove (self->bound_items, list_item);
  scholia_passage_row_set_passage (SCHOLIA_PASSAGE_ROW (row), NULL, NULL);
}

static void
on_list_view_activate_cb (ScholiaComparisonView *self,
                          guint                  position)
{
  g_autoptr(ScholiaPassage) passage = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  scholia_filtered_view_activate_passage (SCHOLIA_FILTERED_VIEW (self), passage);
}

static void
scholia_comparison_view_unbind_store (ScholiaFilteredView *view,
                                      ScholiaStore        *store)
{
  ScholiaComparisonView *self = SCHOLIA_COMPARISON_VIEW (view);

  g_signal_handlers_disconnect_by_data (scholia_store_get_labels (store, SCHOLIA_TYPE_THEME), self);
  g_signal_handlers_disconnect_by_data (self->shown, self);
  g_signal_handlers_disconnect_by_data (self->comparison, self);

  g_clear_signal_handler (&self->links_changed_id, store);
  gtk_list_view_set_model (self->list_view, NULL);
  scholia_filter_bar_set_store (self->filter_bar, NULL);
  gtk_filter_list_model_set_model (self->shown, NULL);
  g_clear_object (&self->comparison);
}

static void
scholia_comparison_view_dispose (GObject *object)
{
  ScholiaComparisonView *self = SCHOLIA_COMPARISON_VIEW (object);

  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (self), NULL);
  if (self->grow_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_tick_id);
  self->grow_tick_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_COMPARISON_VIEW);
  g_clear_object (&self->first_rows);
  g_clear_object (&self->shown);
  g_clear_object (&self->links);

  G_OBJECT_CLASS (scholia_comparison_view_parent_class)->dispose (object);
}

static void
scholia_comparison_view_finalize (GObject *object)
{
  ScholiaComparisonView *self = SCHOLIA_COMPARISON_VIEW (object);

  g_clear_pointer (&self->bound_items, g_hash_table_unref);

  G_OBJECT_CLASS (scholia_comparison_view_parent_class)->finalize (object);
}

static void
scholia_comparison_view_bind_store (ScholiaFilteredView *view,
                                    ScholiaStore        *store)
{
  ScholiaComparisonView *self = SCHOLIA_COMPARISON_VIEW (view);
  g_autoptr(GtkNoSelection) selection = NULL;
  GListModel *passages;

  if (store != NULL)
    {
      self->comparison = scholia_comparison_new (store);
      scholia_comparison_set_filter (self->comparison, scholia_filter_bar_get_filter (self->filter_bar));
      passages = scholia_comparison_get_passages (self->comparison);
      gtk_filter_list_model_set_model (self->shown, passages);

      g_signal_connect_object (self->comparison, "notify::authors", G_CALLBACK (offer_authors), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (on_filtered_items_changed_cb),
                               self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (scholia_store_get_labels (store, SCHOLIA_TYPE_THEME), "items-changed",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);

      self->links_changed_id = g_signal_connect_object (store, "links-changed", G_CALLBACK (update_links),
                                                        self, G_CONNECT_SWAPPED);

      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->first_rows)));
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
      /* Selecting the first theme sets the comparison's theme through the filter. */
      scholia_filter_bar_set_store (self->filter_bar, store);
    }

  offer_authors (self);
  update_state (self);
  update_links (self);
}

static void
scholia_comparison_view_class_init (ScholiaComparisonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ScholiaFilteredViewClass *view_class = SCHOLIA_FILTERED_VIEW_CLASS (klass);

  object_class->dispose = scholia_comparison_view_dispose;
  object_class->finalize = scholia_comparison_view_finalize;
  view_class->unbind_store = scholia_comparison_view_unbind_store;
  view_class->bind_store = scholia_comparison_view_bind_store;

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-comparison-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, header_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, count_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, header_separator);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, list_view);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, links_separator);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, links_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, links_list);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_links_list_row_activated_cb);

  gtk_widget_class_set_css_name (widget_class, "scholiacomparisonview");
}

static void
scholia_comparison_view_init (ScholiaComparisonView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  ScholiaAnnotationFilter *filter;

  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_filtered_view_set_filter_bar (SCHOLIA_FILTERED_VIEW (self), self->filter_bar);

  self->bound_items = g_hash_table_new (NULL, NULL);
  self->shown = gtk_filter_list_model_new (NULL, NULL);
  self->first_rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->shown)), 0, G_MAXUINT);
  self->links = g_list_store_new (SCHOLIA_TYPE_LINK);
  gtk_list_box_bind_model (self->links_list, G_LIST_MODEL (self->links), create_link_row, NULL, NULL);

  scholia_filter_bar_configure (self->filter_bar, GTK_ORIENTATION_VERTICAL, TRUE, TRUE,
                                SCHOLIA_FILTER_BAR_AUTHORS_ONE);
  /* Connected before any comparison is: these run before it refreshes, and after. */
  filter = scholia_filter_bar_get_filter (self->filter_bar);
  g_signal_connect_object (filter, "changed", G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (filter, "changed", G_CALLBACK (on_filter_changed_after_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_passage_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_passage_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_passage_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  update_state (self);
}

GtkWidget *
scholia_comparison_view_new (void)
{
  return g_object_new (SCHOLIA_TYPE_COMPARISON_VIEW, NULL);
}

ScholiaComparison *
scholia_comparison_view_get_comparison (ScholiaComparisonView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON_VIEW (self), NULL);

  return self->comparison;
}

ScholiaTheme *
scholia_comparison_view_get_theme (ScholiaComparisonView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON_VIEW (self), NULL);

  return self->comparison != NULL ? scholia_comparison_get_theme (self->comparison) : NULL;
}

void
scholia_comparison_view_set_theme (ScholiaComparisonView *self,
                                   ScholiaTheme          *theme)
{
  g_return_if_fail (SCHOLIA_IS_COMPARISON_VIEW (self));

  scholia_filter_bar_set_theme (self->filter_bar, theme);
}

const char *
scholia_comparison_view_get_author (ScholiaComparisonView *self)
{
  const char * const *authors;

  g_return_val_if_fail (SCHOLIA_IS_COMPARISON_VIEW (self), NULL);

  authors = scholia_annotation_filter_get_authors (scholia_filter_bar_get_filter (self->filter_bar));
  return authors != NULL ? authors[0] : NULL;
}

/* "" shows the passages of documents without an author; NULL those of every author. */
void
scholia_comparison_view_set_author (ScholiaComparisonView *self,
                                    const char            *author)
{
  g_return_if_fail (SCHOLIA_IS_COMPARISON_VIEW (self));

  scholia_annotation_filter_set_author (scholia_filter_bar_get_filter (self->filter_bar), author);
}

GListModel *
scholia_comparison_view_get_passages (ScholiaComparisonView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON_VIEW (self), NULL);

  return G_LIST_MODEL (self->shown);
}

/* The links whose both ends are listed, as the sidebar shows them below the passages. */
GListModel *
scholia_comparison_view_get_links (ScholiaComparisonView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON_VIEW (self), NULL);

  return G_LIST_MODEL (self->links);
}
