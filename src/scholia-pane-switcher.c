/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-pane-switcher.h"

struct _ScholiaPaneSwitcher
{
  GtkWidget         parent_instance;

  AdwViewStack     *stack;
  GtkSelectionModel *pages;   /* the stack's, one item per page */
  GPtrArray        *buttons;  /* of GtkToggleButton, by page */
  gboolean          syncing;  /* buttons set from the selection: not to select again */
};

G_DEFINE_FINAL_TYPE (ScholiaPaneSwitcher, scholia_pane_switcher, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_button_toggled_cb (GtkToggleButton     *button,
                      ScholiaPaneSwitcher *self)
{
  guint position;

  if (self->syncing || !gtk_toggle_button_get_active (button) ||
      !g_ptr_array_find (self->buttons, button, &position))
    return;
  gtk_selection_model_select_item (self->pages, position, TRUE);
}

/* Each button checked when its page is the one shown. */
static void
sync_buttons (ScholiaPaneSwitcher *self)
{
  self->syncing = TRUE;
  for (guint i = 0; i < self->buttons->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->buttons, i),
                                  gtk_selection_model_is_selected (self->pages, i));
  self->syncing = FALSE;
}

static GtkWidget *
make_button (ScholiaPaneSwitcher *self,
             AdwViewStackPage    *page,
             GtkToggleButton     *group)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (adw_view_stack_page_get_title (page));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (adw_view_stack_page_get_icon_name (page)));
  /* A title wraps between its words rather than being cut; a single word never breaks. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  /* GTK 4.8 names a button after a label only when the label is its child itself. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_view_stack_page_get_title (page), -1);
  gtk_widget_add_css_class (button, "flat");
  /* Not of equal widths, unlike the view switcher's: each as wide as its longest word at
   * least, the room left shared alike, so that four titles fit the pane's 360 px in every
   * language (a short "Matrix" leaves room for a long "Annotationen"). */
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_visible (button, adw_view_stack_page_get_visible (page));
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  g_signal_connect_object (button, "toggled", G_CALLBACK (on_button_toggled_cb), self, 0);
  return button;
}

static void
rebuild (ScholiaPaneSwitcher *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (self->buttons, 0);
  if (self->pages == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (self->pages), i);
      GtkWidget *button = make_button (self, page, self->buttons->len > 0 ? g_ptr_array_index (self->buttons, 0)
                                                                           : NULL);

      gtk_widget_set_parent (button, GTK_WIDGET (self));
      g_ptr_array_add (self->buttons, button);
    }
  sync_buttons (self);
}

static void
on_pages_items_changed_cb (ScholiaPaneSwitcher *self)
{
  rebuild (self);
}

static void
on_pages_selection_changed_cb (ScholiaPaneSwitcher *self)
{
  sync_buttons (self);
}

AdwViewStack *
scholia_pane_switcher_get_stack (ScholiaPaneSwitcher *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PANE_SWITCHER (self), NULL);

  return self->stack;
}

void
scholia_pane_switcher_set_stack (ScholiaPaneSwitcher *self,
                                 AdwViewStack        *stack)
{
  g_return_if_fail (SCHOLIA_IS_PANE_SWITCHER (self));
  g_return_if_fail (stack == NULL || ADW_IS_VIEW_STACK (stack));

  if (self->stack == stack)
    return;

  if (self->pages != NULL)
    g_signal_handlers_disconnect_by_data (self->pages, self);
  g_clear_object (&self->pages);
  g_set_object (&self->stack, stack);
  if (stack != NULL)
    {
      self->pages = adw_view_stack_get_pages (stack);
      g_signal_connect_object (self->pages, "items-changed", G_CALLBACK (on_pages_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->pages, "selection-changed", G_CALLBACK (on_pages_selection_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACK]);
}

static void
scholia_pane_switcher_dispose (GObject *object)
{
  ScholiaPaneSwitcher *self = SCHOLIA_PANE_SWITCHER (object);

  scholia_pane_switcher_set_stack (self, NULL);
  G_OBJECT_CLASS (scholia_pane_switcher_parent_class)->dispose (object);
}

static void
scholia_pane_switcher_finalize (GObject *object)
{
  ScholiaPaneSwitcher *self = SCHOLIA_PANE_SWITCHER (object);

  g_ptr_array_unref (self->buttons);
  G_OBJECT_CLASS (scholia_pane_switcher_parent_class)->finalize (object);
}

static void
scholia_pane_switcher_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ScholiaPaneSwitcher *self = SCHOLIA_PANE_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_STACK:
      g_value_set_object (value, self->stack);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_pane_switcher_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ScholiaPaneSwitcher *self = SCHOLIA_PANE_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_STACK:
      scholia_pane_switcher_set_stack (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_pane_switcher_class_init (ScholiaPaneSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_pane_switcher_dispose;
  object_class->finalize = scholia_pane_switcher_finalize;
  object_class->get_property = scholia_pane_switcher_get_property;
  object_class->set_property = scholia_pane_switcher_set_property;

  properties[PROP_STACK] =
    g_param_spec_object ("stack", NULL, NULL, ADW_TYPE_VIEW_STACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ui/style.css draws the buttons as the view switcher's narrow mode. */
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "paneswitcher");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
scholia_pane_switcher_init (ScholiaPaneSwitcher *self)
{
  self->buttons = g_ptr_array_new ();
}
