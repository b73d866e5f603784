/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-comparison-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "scholia-passage-row.h"
#include "scholia-tag-chip.h"

/* The models, from the store down to the list:
 *
 *   store ─ comparison (theme, tag filter; sorted by author, date, text) ─ author filter
 *         ─ first rows (slice) ─ list
 *
 * The author filter lives here rather than in the comparison so that the author menu can still
 * offer every author who wrote on the theme while one of them is shown.
 *
 * GTK 4.8's list view keeps some 200 rows alive around its anchor and rebuilds them all when
 * the model is replaced: with rows of wrapped text that costs a few hundred milliseconds. So when
 * the user picks another theme or filter, the list first sees only the rows a sidebar can show,
 * and the rest one frame later, once those are on screen. */
#define FIRST_ROWS 24
struct _ScholiaComparisonView
{
  GtkWidget           parent_instance;

  GtkWidget          *header_box;
  GtkDropDown        *theme_dropdown;
  GtkFlowBox         *tag_flow;
  GtkDropDown        *author_dropdown;
  GtkLabel           *count_label;
  GtkWidget          *header_separator;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  GtkListView        *list_view;

  ScholiaStore       *store;
  ScholiaComparison  *comparison;
  GtkCustomFilter    *author_filter;
  GtkFilterListModel *filtered;
  GtkSliceListModel  *first_rows;
  guint               grow_tick_id;
  guint               grow_ticks;

  GPtrArray          *authors;          /* char *, the author menu after "All Authors" */
  char               *author;           /* NULL: every author */
  GArray             *tag_filter;       /* gint64 */
  GHashTable         *bound_items;      /* GtkListItem showing a passage */
  gboolean            updating_authors;
};

G_DEFINE_FINAL_TYPE (ScholiaComparisonView, scholia_comparison_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  PASSAGE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
match_author (gpointer item,
              gpointer user_data)
{
  ScholiaComparisonView *self = user_data;

  return self->author == NULL || g_strcmp0 (scholia_passage_get_author (item), self->author) == 0;
}

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
  GListModel *themes = self->store != NULL ? scholia_store_get_themes (self->store) : NULL;
  ScholiaTheme *theme = self->comparison != NULL ? scholia_comparison_get_theme (self->comparison) : NULL;
  guint n_passages = self->filtered != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
  gboolean has_themes = themes != NULL && g_list_model_get_n_items (themes) > 0;
  g_autofree char *passages_text = NULL;
  g_autofree char *authors_text = NULL;
  g_autofree char *count_text = NULL;

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

      if (self->author != NULL || self->tag_filter->len > 0)
        description = g_strdup (_("No passage on this theme matches the filters"));
      else if (theme != NULL)
        /* Translators: shown when a theme has no passages yet; %s is the theme's name */
        description = g_strdup_printf (_("Passages you add to “%s” appear here"),
                                       scholia_theme_get_name (theme));
      adw_status_page_set_description (self->empty_page, description);
      gtk_stack_set_visible_child_name (self->stack, "no-passages");
      gtk_label_set_label (self->count_label, _("No passages"));
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "passages");

  /* Translators: the first half of "12 passages by 4 authors" */
  passages_text = g_strdup_printf (ngettext ("%u passage", "%u passages", n_passages), n_passages);
  {
    guint n_authors = count_authors (G_LIST_MODEL (self->filtered));

    /* Translators: the second half of "12 passages by 4 authors" */
    authors_text = g_strdup_printf (ngettext ("%u author", "%u authors", n_authors), n_authors);
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

/* Author menu */

static gboolean
authors_unchanged (ScholiaComparisonView *self,
                   char                 **names)
{
  guint n = g_strv_length (names);

  if (n != self->authors->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], g_ptr_array_index (self->authors, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
rebuild_authors (ScholiaComparisonView *self)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GtkStringList) labels = NULL;
  guint selected = 0;

  names = self->comparison != NULL ? scholia_comparison_list_authors (self->comparison) : g_new0 (char *, 1);

  /* An author shown alone stays in the menu even once all their passages are gone, so that
   * the choice does not change behind the user's back. */
  if (self->author != NULL && !g_strv_contains ((const char * const *) names, self->author))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      g_strv_builder_addv (builder, (const char **) names);
      g_strv_builder_add (builder, self->author);
      g_strfreev (names);
      names = g_strv_builder_end (builder);
    }

  self->updating_authors = TRUE;
  if (!authors_unchanged (self, names) || gtk_drop_down_get_model (self->author_dropdown) == NULL)
    {
      g_ptr_array_set_size (self->authors, 0);
      labels = gtk_string_list_new (NULL);
      gtk_string_list_append (labels, _("All Authors"));
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *label = scholia_passage_row_author_display_name (names[i]);

          g_ptr_array_add (self->authors, g_strdup (names[i]));
          gtk_string_list_append (labels, label);
        }
      gtk_drop_down_set_model (self->author_dropdown, G_LIST_MODEL (labels));
    }

  for (guint i = 0; self->author != NULL && i < self->authors->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->authors, i), self->author) == 0)
      selected = i + 1;
  gtk_drop_down_set_selected (self->author_dropdown, selected);
  self->updating_authors = FALSE;
}

static void
apply_author (ScholiaComparisonView *self,
              const char            *author)
{
  if (g_strcmp0 (self->author, author) == 0)
    return;

  g_free (self->author);
  self->author = g_strdup (author);
  show_first_rows_first (self);
  gtk_filter_changed (GTK_FILTER (self->author_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
on_author_dropdown_selected_cb (ScholiaComparisonView *self)
{
  guint selected = gtk_drop_down_get_selected (self->author_dropdown);

  if (self->updating_authors)
    return;

  apply_author (self, selected == 0 || selected > self->authors->len
                        ? NULL
                        : g_ptr_array_index (self->authors, selected - 1));
}

/* Tag chips */

static GtkToggleButton *
flow_child_button (GtkWidget *flow_child)
{
  return GTK_TOGGLE_BUTTON (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (flow_child)));
}

/* The filter is whatever chips are checked, so a deleted tag leaves it with its chip. */
static void
sync_tag_filter (ScholiaComparisonView *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean changed;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_flow));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *button = flow_child_button (child);
      ScholiaTag *tag = g_object_get_data (G_OBJECT (button), "scholia-tag");

      if (gtk_toggle_button_get_active (button))
        {
          gint64 id = scholia_tag_get_id (tag);

          g_array_append_val (ids, id);
        }
    }

  changed = ids->len != self->tag_filter->len ||
            (ids->len > 0 && memcmp (ids->data, self->tag_filter->data, ids->len * sizeof (gint64)) != 0);
  if (!changed)
    return;

  g_array_set_size (self->tag_filter, 0);
  g_array_append_vals (self->tag_filter, ids->data, ids->len);
  show_first_rows_first (self);
  if (self->comparison != NULL)
    scholia_comparison_set_tag_filter (self->comparison, (gint64 *) self->tag_filter->data,
                                       self->tag_filter->len);
  update_state (self);
}

static void
update_tag_button_colour (GtkWidget  *button,
                          GParamSpec *pspec,
                          ScholiaTag *tag)
{
  g_autofree char *colour_class = scholia_tag_chip_colour_css_class (scholia_tag_get_colour (tag));
  char *previous = g_object_get_data (G_OBJECT (button), "scholia-colour-class");

  if (previous != NULL)
    gtk_widget_remove_css_class (button, previous);
  if (colour_class != NULL)
    gtk_widget_add_css_class (button, colour_class);
  g_object_set_data_full (G_OBJECT (button), "scholia-colour-class", g_steal_pointer (&colour_class), g_free);
}

static void
update_tag_button_label (GtkWidget  *button,
                         GParamSpec *pspec,
                         ScholiaTag *tag)
{
  /* Translators: the tooltip of a tag chip above a comparison; %s is the tag's name */
  g_autofree char *tooltip = g_strdup_printf (_("Show Only Passages Tagged “%s”"), scholia_tag_get_name (tag));

  gtk_label_set_label (GTK_LABEL (g_object_get_data (G_OBJECT (button), "scholia-label")),
                       scholia_tag_get_name (tag));
  gtk_widget_set_tooltip_text (button, tooltip);
}

static void
on_tag_button_toggled_cb (ScholiaComparisonView *self,
                          GtkToggleButton       *button)
{
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (button), "scholia-check"),
                          gtk_toggle_button_get_active (button));
  sync_tag_filter (self);
}

static GtkWidget *
create_tag_button (gpointer item,
                   gpointer user_data)
{
  ScholiaComparisonView *self = user_data;
  ScholiaTag *tag = item;
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *label = gtk_label_new (NULL);
  gint64 id = scholia_tag_get_id (tag);
  gboolean active = FALSE;

  for (guint i = 0; i < self->tag_filter->len; i++)
    active |= g_array_index (self->tag_filter, gint64, i) == id;

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  gtk_widget_set_visible (check, active);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "tag-chip");
  gtk_widget_add_css_class (button, "tag-filter");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), active);

  g_object_set_data_full (G_OBJECT (button), "scholia-tag", g_object_ref (tag), g_object_unref);
  g_object_set_data (G_OBJECT (button), "scholia-label", label);
  g_object_set_data (G_OBJECT (button), "scholia-check", check);
  update_tag_button_colour (button, NULL, tag);
  update_tag_button_label (button, NULL, tag);
  g_signal_connect_object (tag, "notify::colour", G_CALLBACK (update_tag_button_colour), button,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (tag, "notify::name", G_CALLBACK (update_tag_button_label), button,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (button, "toggled", G_CALLBACK (on_tag_button_toggled_cb), self,
                           G_CONNECT_SWAPPED);

  return button;
}

/* Themes */

static void
on_theme_dropdown_selected_cb (ScholiaComparisonView *self)
{
  if (self->comparison == NULL)
    return;

  show_first_rows_first (self);
  scholia_comparison_set_theme (self->comparison, gtk_drop_down_get_selected_item (self->theme_dropdown));
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

  scholia_passage_row_find_headings (G_LIST_MODEL (self->filtered), position,
                                     &author_heading, &document_heading);
  scholia_passage_row_set_headings (SCHOLIA_PASSAGE_ROW (row), author_heading, document_heading);
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

  scholia_passage_row_set_passage (SCHOLIA_PASSAGE_ROW (row), gtk_list_item_get_item (list_item), self->store);
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
  g_autoptr(ScholiaPassage) passage = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (passage != NULL)
    g_signal_emit (self, signals[PASSAGE_ACTIVATED], 0, passage);
}

static void
on_tags_changed_cb (ScholiaComparisonView *self)
{
  sync_tag_filter (self);
}

static void
disconnect_store (ScholiaComparisonView *self)
{
  if (self->store == NULL)
    return;

  g_signal_handlers_disconnect_by_data (scholia_store_get_themes (self->store), self);
  g_signal_handlers_disconnect_by_data (scholia_store_get_tags (self->store), self);
  g_signal_handlers_disconnect_by_data (self->filtered, self);
  g_signal_handlers_disconnect_by_data (scholia_comparison_get_passages (self->comparison), self);

  gtk_list_view_set_model (self->list_view, NULL);
  gtk_flow_box_bind_model (self->tag_flow, NULL, NULL, NULL, NULL);
  gtk_drop_down_set_model (self->theme_dropdown, NULL);
  gtk_filter_list_model_set_model (self->filtered, NULL);
  g_clear_object (&self->comparison);
  g_clear_object (&self->store);
}

static void
scholia_comparison_view_dispose (GObject *object)
{
  ScholiaComparisonView *self = SCHOLIA_COMPARISON_VIEW (object);

  disconnect_store (self);
  if (self->grow_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_tick_id);
  self->grow_tick_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_COMPARISON_VIEW);
  g_clear_object (&self->first_rows);
  g_clear_object (&self->filtered);

  G_OBJECT_CLASS (scholia_comparison_view_parent_class)->dispose (object);
}

static void
scholia_comparison_view_finalize (GObject *object)
{
  ScholiaComparisonView *self = SCHOLIA_COMPARISON_VIEW (object);

  g_clear_pointer (&self->authors, g_ptr_array_unref);
  g_clear_pointer (&self->tag_filter, g_array_unref);
  g_clear_pointer (&self->bound_items, g_hash_table_unref);
  g_free (self->author);

  G_OBJECT_CLASS (scholia_comparison_view_parent_class)->finalize (object);
}

static void
scholia_comparison_view_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ScholiaComparisonView *self = SCHOLIA_COMPARISON_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_comparison_view_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ScholiaComparisonView *self = SCHOLIA_COMPARISON_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      scholia_comparison_view_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_comparison_view_class_init (ScholiaComparisonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_comparison_view_dispose;
  object_class->finalize = scholia_comparison_view_finalize;
  object_class->get_property = scholia_comparison_view_get_property;
  object_class->set_property = scholia_comparison_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SCHOLIA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user chose a passage to read in its document. */
  signals[PASSAGE_ACTIVATED] =
    g_signal_new ("passage-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SCHOLIA_TYPE_PASSAGE);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-comparison-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, header_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, theme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, tag_flow);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, author_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, count_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, header_separator);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ScholiaComparisonView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "scholiacomparisonview");
}

static void
scholia_comparison_view_init (ScholiaComparisonView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkExpression) name = NULL;

  scholia_tag_chip_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->authors = g_ptr_array_new_with_free_func (g_free);
  self->tag_filter = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->bound_items = g_hash_table_new (NULL, NULL);

  self->author_filter = gtk_custom_filter_new (match_author, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->author_filter));
  self->first_rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), 0, G_MAXUINT);

  name = gtk_property_expression_new (SCHOLIA_TYPE_THEME, NULL, "name");
  gtk_drop_down_set_expression (self->theme_dropdown, name);
  g_signal_connect_object (self->theme_dropdown, "notify::selected-item",
                           G_CALLBACK (on_theme_dropdown_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->author_dropdown, "notify::selected",
                           G_CALLBACK (on_author_dropdown_selected_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_passage_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_passage_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_passage_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  rebuild_authors (self);
  update_state (self);
}

GtkWidget *
scholia_comparison_view_new (void)
{
  return g_object_new (SCHOLIA_TYPE_COMPARISON_VIEW, NULL);
}

ScholiaStore *
scholia_comparison_view_get_store (ScholiaComparisonView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON_VIEW (self), NULL);

  return self->store;
}

void
scholia_comparison_view_set_store (ScholiaComparisonView *self,
                                   ScholiaStore          *store)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GListModel *passages;

  g_return_if_fail (SCHOLIA_IS_COMPARISON_VIEW (self));
  g_return_if_fail (store == NULL || SCHOLIA_IS_STORE (store));

  if (self->store == store)
    return;

  disconnect_store (self);
  g_array_set_size (self->tag_filter, 0);
  g_clear_pointer (&self->author, g_free);

  if (store != NULL)
    {
      self->store = g_object_ref (store);
      self->comparison = scholia_comparison_new (store);
      passages = scholia_comparison_get_passages (self->comparison);
      gtk_filter_list_model_set_model (self->filtered, passages);

      g_signal_connect_object (passages, "items-changed", G_CALLBACK (rebuild_authors), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (on_filtered_items_changed_cb),
                               self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (scholia_store_get_themes (store), "items-changed",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (scholia_store_get_tags (store), "items-changed",
                               G_CALLBACK (on_tags_changed_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);

      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->first_rows)));
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
      gtk_flow_box_bind_model (self->tag_flow, scholia_store_get_tags (store), create_tag_button, self, NULL);
      /* Selecting the first theme sets the comparison's theme through the dropdown's notify. */
      gtk_drop_down_set_model (self->theme_dropdown, scholia_store_get_themes (store));
    }

  rebuild_authors (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
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
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (SCHOLIA_IS_COMPARISON_VIEW (self));
  g_return_if_fail (theme == NULL || SCHOLIA_IS_THEME (theme));

  if (self->store == NULL)
    return;

  if (theme != NULL && !g_list_store_find (G_LIST_STORE (scholia_store_get_themes (self->store)), theme, &position))
    {
      g_warning ("The theme “%s” is not in this view's library", scholia_theme_get_name (theme));
      return;
    }
  gtk_drop_down_set_selected (self->theme_dropdown, position);
}

const char *
scholia_comparison_view_get_author (ScholiaComparisonView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON_VIEW (self), NULL);

  return self->author;
}

/* "" shows the passages of documents without an author; NULL those of every author. */
void
scholia_comparison_view_set_author (ScholiaComparisonView *self,
                                    const char            *author)
{
  g_return_if_fail (SCHOLIA_IS_COMPARISON_VIEW (self));

  apply_author (self, author);
  rebuild_authors (self);
}

GListModel *
scholia_comparison_view_get_passages (ScholiaComparisonView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON_VIEW (self), NULL);

  return G_LIST_MODEL (self->filtered);
}
