/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-filter-bar.h"
#include "scholia-accessible.h"

#include <glib/gi18n.h>

#include "scholia-passage-row.h"
#include "scholia-seminar-layers.h"
#include "scholia-seminar-store.h"
#include "scholia-tag-chip.h"

struct _ScholiaFilterBar
{
  GtkWidget                parent_instance;

  GtkDropDown             *theme_dropdown;
  GtkScrolledWindow       *tag_scroller;
  GtkFlowBox              *tag_flow;
  GtkDropDown             *author_dropdown;
  GtkMenuButton           *authors_button;
  GtkWidget               *author_box;
  GtkDropDown             *participant_dropdown;

  ScholiaStore            *store;
  ScholiaAnnotationFilter *filter;
  gboolean                 show_themes;
  gboolean                 show_tags;
  ScholiaFilterBarAuthors  authors_mode;
  GStrv                    view_authors;  /* as the view last offered them */
  GPtrArray               *offered;       /* char *, NULL-terminated (not counted in len): the
                                           * view's authors, then the chosen ones it lacks */
  gboolean                 updating;      /* the widgets are being put in step with the filter */
  GPtrArray               *participant_choices;  /* GArray of gint64 per drop-down item: the
                                                  * filter's participant ids it stands for */
  GPtrArray               *participant_colours;  /* char * per drop-down item, NULL for everyone:
                                                  * the item's dot, the key to the margin's bands */
};

G_DEFINE_FINAL_TYPE (ScholiaFilterBar, scholia_filter_bar, GTK_TYPE_WIDGET)

/* Themes */

static void
on_theme_selected_cb (ScholiaFilterBar *self)
{
  ScholiaTheme *theme = gtk_drop_down_get_selected_item (self->theme_dropdown);
  gint64 id = theme != NULL ? scholia_label_get_id (SCHOLIA_LABEL (theme)) : 0;

  if (self->updating || !self->show_themes || self->store == NULL)
    return;
  scholia_annotation_filter_set_theme_ids (self->filter, &id, theme != NULL ? 1 : 0);
}

static void
sync_theme_dropdown (ScholiaFilterBar *self)
{
  guint n_ids, position = GTK_INVALID_LIST_POSITION;
  const gint64 *ids = scholia_annotation_filter_get_theme_ids (self->filter, &n_ids);
  ScholiaTheme *theme = n_ids > 0 && self->store != NULL ? SCHOLIA_THEME (scholia_store_lookup_label (self->store, SCHOLIA_TYPE_THEME, ids[0])) : NULL;

  if (!self->show_themes || self->store == NULL || theme == gtk_drop_down_get_selected_item (self->theme_dropdown))
    return;
  if (theme != NULL)
    g_list_store_find (G_LIST_STORE (scholia_store_get_labels (self->store, SCHOLIA_TYPE_THEME)), theme, &position);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->theme_dropdown, position);
  self->updating = FALSE;
}

/* Tag chips */

static GtkToggleButton *
flow_child_button (GtkWidget *flow_child)
{
  return GTK_TOGGLE_BUTTON (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (flow_child)));
}

/* The filter's tags are whatever chips are checked, so a deleted tag leaves it with its chip. */
static void
sync_tag_filter (ScholiaFilterBar *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->updating || !self->show_tags)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_flow));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *button = flow_child_button (child);
      ScholiaTag *tag = g_object_get_data (G_OBJECT (button), "scholia-tag");

      if (gtk_toggle_button_get_active (button))
        {
          gint64 id = scholia_label_get_id (SCHOLIA_LABEL (tag));

          g_array_append_val (ids, id);
        }
    }
  scholia_annotation_filter_set_tag_ids (self->filter, (const gint64 *) (gpointer) ids->data, ids->len);
}

static gboolean
filter_has_tag (ScholiaFilterBar *self,
                ScholiaTag       *tag)
{
  guint n_ids;
  const gint64 *ids = scholia_annotation_filter_get_tag_ids (self->filter, &n_ids);

  for (guint i = 0; i < n_ids; i++)
    if (ids[i] == scholia_label_get_id (SCHOLIA_LABEL (tag)))
      return TRUE;
  return FALSE;
}

static void
sync_tag_chips (ScholiaFilterBar *self)
{
  self->updating = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_flow));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *button = flow_child_button (child);
      ScholiaTag *tag = g_object_get_data (G_OBJECT (button), "scholia-tag");

      gtk_toggle_button_set_active (button, filter_has_tag (self, tag));
    }
  self->updating = FALSE;
}

static void
update_tag_button_colour (GtkWidget  *button,
                          GParamSpec *pspec,
                          ScholiaTag *tag)
{
  g_autofree char *colour_class = scholia_tag_chip_colour_css_class (scholia_label_get_colour (SCHOLIA_LABEL (tag)));
  char *previous = g_object_get_data (G_OBJECT (button), "scholia-colour-class");

  if (previous != NULL)
    gtk_widget_remove_css_class (button, previous);
  if (colour_class != NULL)
    gtk_widget_add_css_class (button, colour_class);
  g_object_set_data_full (G_OBJECT (button), "scholia-colour-class", g_steal_pointer (&colour_class), g_free);
}

/* The tooltip is made when GTK asks for it: setting it on each new chip asked the X server for
 * the pointer (GTK 4.8), a round trip per tag each time a pane is given a library. */
static gboolean
on_tag_button_query_tooltip_cb (GtkWidget  *button,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip,
                                gpointer    user_data)
{
  ScholiaLabel *tag = g_object_get_data (G_OBJECT (button), "scholia-tag");
  g_autofree char *text = NULL;

  /* Translators: the tooltip of a tag chip above a comparison; %s is the tag's name */
  text = g_strdup_printf (_("Show Only Passages Tagged “%s”"), scholia_label_get_display_name (tag));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_tag_button_label (GtkWidget  *button,
                         GParamSpec *pspec,
                         ScholiaTag *tag)
{
  gtk_label_set_label (GTK_LABEL (g_object_get_data (G_OBJECT (button), "scholia-label")),
                       scholia_label_get_display_name (SCHOLIA_LABEL (tag)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  scholia_label_get_display_name (SCHOLIA_LABEL (tag)),
                                  -1);
}

static void
on_tag_button_toggled_cb (ScholiaFilterBar *self,
                          GtkToggleButton  *button)
{
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (button), "scholia-check"),
                          gtk_toggle_button_get_active (button));
  sync_tag_filter (self);
}

static GtkWidget *
create_tag_button (gpointer item,
                   gpointer user_data)
{
  ScholiaFilterBar *self = user_data;
  ScholiaTag *tag = item;
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *label = gtk_label_new (NULL);
  gboolean active = filter_has_tag (self, tag);

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
  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_connect (button, "query-tooltip", G_CALLBACK (on_tag_button_query_tooltip_cb), NULL);
  g_signal_connect_object (tag, "notify::colour", G_CALLBACK (update_tag_button_colour), button,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (tag, "notify::name", G_CALLBACK (update_tag_button_label), button,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (button, "toggled", G_CALLBACK (on_tag_button_toggled_cb), self,
                           G_CONNECT_SWAPPED);

  return button;
}

/* Authors */

static gboolean
same_strings (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
rebuild_author_dropdown (ScholiaFilterBar *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  /* Translators: the author filter’s choice that shows every author’s passages */
  gtk_string_list_append (labels, _("All Authors"));
  for (guint i = 0; i < self->offered->len; i++)
    {
      g_autofree char *label = scholia_passage_row_author_display_name (g_ptr_array_index (self->offered, i));

      gtk_string_list_append (labels, label);
    }
  gtk_drop_down_set_model (self->author_dropdown, G_LIST_MODEL (labels));
}

static void
on_author_check_toggled_cb (ScholiaFilterBar *self,
                            GtkCheckButton   *check)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();

  if (self->updating)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (self->author_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      g_ptr_array_add (chosen, g_object_get_data (G_OBJECT (child), "scholia-author"));
  g_ptr_array_add (chosen, NULL);
  scholia_annotation_filter_set_authors (self->filter, (const char * const *) chosen->pdata);
}

static void
rebuild_author_checks (ScholiaFilterBar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->author_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->author_box), child);

  for (guint i = 0; i < self->offered->len; i++)
    {
      const char *author = g_ptr_array_index (self->offered, i);
      g_autofree char *name = scholia_passage_row_author_display_name (author);
      GtkWidget *check = gtk_check_button_new_with_label (name);

      g_object_set_data_full (G_OBJECT (check), "scholia-author", g_strdup (author), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_author_check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (self->author_box), check);
    }
}

/* Puts the author widgets in step with the offer and the filter. */
static void
sync_authors (ScholiaFilterBar *self)
{
  const char * const *chosen = scholia_annotation_filter_get_authors (self->filter);
  g_autoptr(GPtrArray) offered = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  guint selected = 0;

  for (guint i = 0; self->view_authors != NULL && self->view_authors[i] != NULL; i++)
    g_ptr_array_add (offered, g_strdup (self->view_authors[i]));
  for (guint i = 0; chosen != NULL && chosen[i] != NULL; i++)
    if (self->view_authors == NULL || !g_strv_contains ((const char * const *) self->view_authors, chosen[i]))
      g_ptr_array_add (offered, g_strdup (chosen[i]));

  self->updating = TRUE;
  /* The drop-down offers "All Authors" even before there are authors. */
  if (!same_strings (self->offered, offered) ||
      (self->authors_mode == SCHOLIA_FILTER_BAR_AUTHORS_ONE &&
       gtk_drop_down_get_model (self->author_dropdown) == NULL))
    {
      g_ptr_array_unref (self->offered);
      self->offered = g_steal_pointer (&offered);
      if (self->authors_mode == SCHOLIA_FILTER_BAR_AUTHORS_ONE)
        rebuild_author_dropdown (self);
      else if (self->authors_mode == SCHOLIA_FILTER_BAR_AUTHORS_SEVERAL)
        rebuild_author_checks (self);
    }

  for (guint i = 0; chosen != NULL && i < self->offered->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->offered, i), chosen[0]) == 0)
      selected = i + 1;
  gtk_drop_down_set_selected (self->author_dropdown, selected);

  for (GtkWidget *child = gtk_widget_get_first_child (self->author_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (child),
                                 chosen != NULL &&
                                 g_strv_contains (chosen, g_object_get_data (G_OBJECT (child), "scholia-author")));
  self->updating = FALSE;
}

static void
on_author_selected_cb (ScholiaFilterBar *self)
{
  guint selected = gtk_drop_down_get_selected (self->author_dropdown);

  if (self->updating)
    return;

  scholia_annotation_filter_set_author (self->filter, selected == 0 || selected > self->offered->len
                                                        ? NULL
                                                        : g_ptr_array_index (self->offered, selected - 1));
}

/* Seminar participants: everyone, me (my annotations published or not, in every seminar), or
 * one other participant. */

static gboolean
same_ids (GArray       *ids,
          const gint64 *other,
          guint         n_other)
{
  if (ids->len != n_other)
    return FALSE;
  for (guint i = 0; i < n_other; i++)
    if (g_array_index (ids, gint64, i) != other[i])
      return FALSE;
  return TRUE;
}

static void
sync_participant_dropdown (ScholiaFilterBar *self)
{
  guint n_ids;
  const gint64 *ids = scholia_annotation_filter_get_participant_ids (self->filter, &n_ids);

  for (guint i = 0; i < self->participant_choices->len; i++)
    if (same_ids (g_ptr_array_index (self->participant_choices, i), ids, n_ids))
      {
        self->updating = TRUE;
        gtk_drop_down_set_selected (self->participant_dropdown, i);
        self->updating = FALSE;
        return;
      }
}

static GArray *
new_choice (void)
{
  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

static gboolean
same_choices (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      GArray *ids = g_ptr_array_index (b, i);

      if (!same_ids (g_ptr_array_index (a, i), (const gint64 *) (gpointer) ids->data, ids->len))
        return FALSE;
    }
  return TRUE;
}

/* Whether the drop-down already shows @labels in @colours: a sync may rename a participant,
 * mark the leader or rank the colours again without changing who is listed. */
static gboolean
same_looks (ScholiaFilterBar *self,
            GtkStringList    *labels,
            GPtrArray        *colours)
{
  GListModel *shown = gtk_drop_down_get_model (self->participant_dropdown);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (labels));

  if (shown == NULL || g_list_model_get_n_items (shown) != n || self->participant_colours->len != colours->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (shown), i),
                   gtk_string_list_get_string (labels, i)) != 0 ||
        g_strcmp0 (g_ptr_array_index (self->participant_colours, i), g_ptr_array_index (colours, i)) != 0)
      return FALSE;
  return TRUE;
}

/* The library's participants, read again: a sync may have brought new ones. */
static void
rebuild_participants (ScholiaFilterBar *self)
{
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) colours = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  GArray *me;
  gint64 nobody = 0;

  if (self->store != NULL)
    everyone = scholia_store_list_all_participants (self->store, &error);
  if (everyone == NULL && error != NULL)
    g_warning ("Could not read the seminars' participants: %s", error->message);

  if (everyone != NULL && everyone->len > 0)
    {
      /* Translators: the participant filter’s choice that shows every seminar participant’s
       * annotations */
      gtk_string_list_append (labels, _("Everyone"));
      g_ptr_array_add (choices, new_choice ());
      g_ptr_array_add (colours, NULL);
      /* Translators: in the participant filter, the annotations of this library's user */
      gtk_string_list_append (labels, _("Me"));
      me = new_choice ();
      g_array_append_val (me, nobody);
      g_ptr_array_add (choices, me);
      g_ptr_array_add (colours, NULL);
      for (guint i = 0; i < everyone->len; i++)
        {
          ScholiaParticipant *participant = g_ptr_array_index (everyone, i);
          GArray *choice;

          if (participant->me)
            {
              g_array_append_val (me, participant->id);
              if (g_ptr_array_index (colours, 1) == NULL)
                g_ptr_array_index (colours, 1) = g_strdup (participant->colour);
              continue;
            }
          choice = new_choice ();
          g_array_append_val (choice, participant->id);
          g_ptr_array_add (choices, choice);
          g_ptr_array_add (colours, g_strdup (participant->colour));
          gtk_string_list_take (labels, scholia_participant_dup_label (participant));
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->participant_dropdown), choices->len > 0);
  if (same_choices (self->participant_choices, choices) &&
      (choices->len > 0 ? same_looks (self, labels, colours)
                        : gtk_drop_down_get_model (self->participant_dropdown) == NULL))
    return;

  g_ptr_array_unref (self->participant_choices);
  self->participant_choices = g_steal_pointer (&choices);
  g_ptr_array_unref (self->participant_colours);
  self->participant_colours = g_steal_pointer (&colours);
  self->updating = TRUE;
  gtk_drop_down_set_model (self->participant_dropdown,
                           self->participant_choices->len > 0 ? G_LIST_MODEL (labels) : NULL);
  self->updating = FALSE;
  sync_participant_dropdown (self);
}

static void
setup_participant_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      ScholiaFilterBar         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = scholia_seminar_layers_new_dot ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

/* Each participant with the colour of their bands in the margin. */
static void
bind_participant_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     ScholiaFilterBar         *self)
{
  GtkWidget *dot = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  guint position = gtk_list_item_get_position (list_item);
  const char *colour = position < self->participant_colours->len
                       ? g_ptr_array_index (self->participant_colours, position) : NULL;

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_next_sibling (dot)),
                       gtk_string_object_get_string (gtk_list_item_get_item (list_item)));
  /* Everyone keeps the dot's room, empty, so that the names line up. */
  scholia_seminar_layers_set_dot_colour (dot, colour);
}

static void
on_participant_selected_cb (ScholiaFilterBar *self)
{
  guint selected = gtk_drop_down_get_selected (self->participant_dropdown);
  GArray *ids;

  if (self->updating || selected >= self->participant_choices->len)
    return;
  ids = g_ptr_array_index (self->participant_choices, selected);
  scholia_annotation_filter_set_participant_ids (self->filter, (const gint64 *) (gpointer) ids->data, ids->len);
}

/* The library */

static void
on_tags_changed_cb (ScholiaFilterBar *self)
{
  sync_tag_filter (self);
}

static void
disconnect_store (ScholiaFilterBar *self)
{
  if (self->store == NULL)
    return;

  g_signal_handlers_disconnect_by_data (scholia_store_get_labels (self->store, SCHOLIA_TYPE_TAG), self);
  g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_flow_box_bind_model (self->tag_flow, NULL, NULL, NULL, NULL);
  gtk_drop_down_set_model (self->theme_dropdown, NULL);
  g_clear_object (&self->store);
}

static void
scholia_filter_bar_dispose (GObject *object)
{
  ScholiaFilterBar *self = SCHOLIA_FILTER_BAR (object);

  disconnect_store (self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_FILTER_BAR);

  G_OBJECT_CLASS (scholia_filter_bar_parent_class)->dispose (object);
}

static void
scholia_filter_bar_finalize (GObject *object)
{
  ScholiaFilterBar *self = SCHOLIA_FILTER_BAR (object);

  g_clear_object (&self->filter);
  g_clear_pointer (&self->view_authors, g_strfreev);
  g_clear_pointer (&self->offered, g_ptr_array_unref);
  g_clear_pointer (&self->participant_choices, g_ptr_array_unref);
  g_clear_pointer (&self->participant_colours, g_ptr_array_unref);

  G_OBJECT_CLASS (scholia_filter_bar_parent_class)->finalize (object);
}

static void
scholia_filter_bar_class_init (ScholiaFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_filter_bar_dispose;
  object_class->finalize = scholia_filter_bar_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/scholia/Scholia/scholia-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaFilterBar, theme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScholiaFilterBar, tag_scroller);
  gtk_widget_class_bind_template_child (widget_class, ScholiaFilterBar, tag_flow);
  gtk_widget_class_bind_template_child (widget_class, ScholiaFilterBar, author_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScholiaFilterBar, authors_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaFilterBar, author_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaFilterBar, participant_dropdown);

  gtk_widget_class_set_css_name (widget_class, "scholiafilterbar");
}

static void
scholia_filter_bar_init (ScholiaFilterBar *self)
{
  g_autoptr(GtkExpression) name = NULL;

  scholia_tag_chip_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_accessible_name_inner_button (GTK_WIDGET (self->theme_dropdown));
  scholia_accessible_name_inner_button (GTK_WIDGET (self->author_dropdown));
  scholia_accessible_name_inner_button (GTK_WIDGET (self->participant_dropdown));

  self->filter = scholia_annotation_filter_new ();
  self->offered = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->participant_choices = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->participant_colours = g_ptr_array_new_with_free_func (g_free);
  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect_object (factory, "setup", G_CALLBACK (setup_participant_cb), self, 0);
    g_signal_connect_object (factory, "bind", G_CALLBACK (bind_participant_cb), self, 0);
    gtk_drop_down_set_factory (self->participant_dropdown, factory);
  }
  self->show_themes = TRUE;
  self->show_tags = TRUE;
  self->authors_mode = SCHOLIA_FILTER_BAR_AUTHORS_ONE;

  name = gtk_property_expression_new (SCHOLIA_TYPE_THEME, NULL, "name");
  gtk_drop_down_set_expression (self->theme_dropdown, name);
  g_signal_connect_object (self->theme_dropdown, "notify::selected-item",
                           G_CALLBACK (on_theme_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->author_dropdown, "notify::selected",
                           G_CALLBACK (on_author_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "notify::theme-ids", G_CALLBACK (sync_theme_dropdown), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "notify::tag-ids", G_CALLBACK (sync_tag_chips), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "notify::authors", G_CALLBACK (sync_authors), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->participant_dropdown, "notify::selected",
                           G_CALLBACK (on_participant_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "notify::participant-ids", G_CALLBACK (sync_participant_dropdown), self,
                           G_CONNECT_SWAPPED);
  /* A seminar joined or synced elsewhere in the window brings participants. */
  g_signal_connect (self, "map", G_CALLBACK (rebuild_participants), NULL);

  sync_authors (self);
}

GtkWidget *
scholia_filter_bar_new (void)
{
  return g_object_new (SCHOLIA_TYPE_FILTER_BAR, NULL);
}

/* Before the store is set: what the view filters by, and how the bar is laid out. */
void
scholia_filter_bar_configure (ScholiaFilterBar        *self,
                              GtkOrientation           orientation,
                              gboolean                 show_themes,
                              gboolean                 show_tags,
                              ScholiaFilterBarAuthors  authors)
{
  g_return_if_fail (SCHOLIA_IS_FILTER_BAR (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), orientation);
  self->show_themes = show_themes;
  self->show_tags = show_tags;
  self->authors_mode = authors;
  gtk_widget_set_visible (GTK_WIDGET (self->theme_dropdown), show_themes);
  gtk_widget_set_visible (GTK_WIDGET (self->tag_scroller), show_tags);
  gtk_widget_set_visible (GTK_WIDGET (self->tag_flow), show_tags);
  gtk_widget_set_visible (GTK_WIDGET (self->author_dropdown), authors == SCHOLIA_FILTER_BAR_AUTHORS_ONE);
  gtk_widget_set_visible (GTK_WIDGET (self->authors_button), authors == SCHOLIA_FILTER_BAR_AUTHORS_SEVERAL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_set_hexpand (GTK_WIDGET (self->theme_dropdown), FALSE);
      /* In a row, a flow box that does not expand is given its minimum width: one chip a line,
       * and a library's twenty tags pushed the matrix below them out of the window. */
      gtk_widget_set_hexpand (GTK_WIDGET (self->tag_scroller), TRUE);
      /* Beside the tag chips, as tall as a button rather than as their rows. */
      gtk_widget_set_hexpand (GTK_WIDGET (self->participant_dropdown), FALSE);
      gtk_widget_set_valign (GTK_WIDGET (self->participant_dropdown), GTK_ALIGN_START);
    }
  gtk_drop_down_set_model (self->author_dropdown, NULL);
  sync_authors (self);
}

ScholiaAnnotationFilter *
scholia_filter_bar_get_filter (ScholiaFilterBar *self)
{
  g_return_val_if_fail (SCHOLIA_IS_FILTER_BAR (self), NULL);

  return self->filter;
}

/* Another library starts with no filter but its first theme. */
void
scholia_filter_bar_set_store (ScholiaFilterBar *self,
                              ScholiaStore     *store)
{
  g_return_if_fail (SCHOLIA_IS_FILTER_BAR (self));
  g_return_if_fail (store == NULL || SCHOLIA_IS_STORE (store));

  if (self->store == store)
    return;

  disconnect_store (self);
  scholia_annotation_filter_set_tag_ids (self->filter, NULL, 0);
  scholia_annotation_filter_set_theme_ids (self->filter, NULL, 0);
  scholia_annotation_filter_set_authors (self->filter, NULL);
  scholia_annotation_filter_set_participant_ids (self->filter, NULL, 0);
  if (store == NULL)
    {
      rebuild_participants (self);
      return;
    }

  self->store = g_object_ref (store);
  rebuild_participants (self);
  g_signal_connect_object (store, "annotations-changed", G_CALLBACK (rebuild_participants), self,
                           G_CONNECT_SWAPPED);
  if (self->show_tags)
    {
      g_signal_connect_object (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG), "items-changed",
                               G_CALLBACK (on_tags_changed_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      gtk_flow_box_bind_model (self->tag_flow, scholia_store_get_labels (store, SCHOLIA_TYPE_TAG), create_tag_button, self, NULL);
    }
  /* Selecting the first theme sets the filter's theme through the drop-down's notify. */
  if (self->show_themes)
    gtk_drop_down_set_model (self->theme_dropdown, scholia_store_get_labels (store, SCHOLIA_TYPE_THEME));
}

void
scholia_filter_bar_set_theme (ScholiaFilterBar *self,
                              ScholiaTheme     *theme)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (SCHOLIA_IS_FILTER_BAR (self));
  g_return_if_fail (theme == NULL || SCHOLIA_IS_THEME (theme));

  if (self->store == NULL)
    return;

  if (theme != NULL && !g_list_store_find (G_LIST_STORE (scholia_store_get_labels (self->store, SCHOLIA_TYPE_THEME)), theme, &position))
    {
      g_warning ("The theme “%s” is not in this view's library", scholia_label_get_display_name (SCHOLIA_LABEL (theme)));
      return;
    }
  gtk_drop_down_set_selected (self->theme_dropdown, position);
}

void
scholia_filter_bar_offer_authors (ScholiaFilterBar   *self,
                                  const char * const *authors)
{
  g_return_if_fail (SCHOLIA_IS_FILTER_BAR (self));

  g_strfreev (self->view_authors);
  self->view_authors = g_strdupv ((char **) authors);
  sync_authors (self);
}

const char * const *
scholia_filter_bar_get_offered_authors (ScholiaFilterBar *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (SCHOLIA_IS_FILTER_BAR (self), NULL);

  return self->offered->pdata != NULL ? (const char * const *) self->offered->pdata : none;
}
