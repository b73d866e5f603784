/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "scholia-accessible.h"

void
scholia_accessible_name_inner_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      {
        gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, widget, NULL,
                                        -1);
        return;
      }
}

void
scholia_accessible_fix_mnemonic_labels (GtkWidget *root)
{
  /* The label widget carries the name without its underscore: the button keeps only that. */
  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root))
      && gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scholia_accessible_fix_mnemonic_labels (child);
}

static GtkWidget *
find_descendant (GtkWidget  *root,
                 GType       type,
                 const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type)
          && (css_class == NULL || gtk_widget_has_css_class (child, css_class)))
        return child;
      found = find_descendant (child, type, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
scholia_accessible_label_descendant (GtkWidget  *root,
                                     GType       type,
                                     const char *css_class,
                                     const char *label)
{
  GtkWidget *widget = find_descendant (root, type, css_class);

  if (widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
}

static void
on_list_item_child_map_cb (GtkWidget *child)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (child), "scholia-a11y-label");
  GtkWidget *description = g_object_get_data (G_OBJECT (child), "scholia-a11y-description");

  /* The row is GTK's own widget, created and recycled by the list: it is found when shown. */
  for (GtkWidget *row = gtk_widget_get_parent (child); row != NULL; row = gtk_widget_get_parent (row))
    {
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (row));

      if (role != GTK_ACCESSIBLE_ROLE_LIST_ITEM && role != GTK_ACCESSIBLE_ROLE_ROW)
        continue;
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                      -1);
      if (description != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                        GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, description, NULL,
                                        -1);
      return;
    }
}

void
scholia_accessible_name_list_item (GtkWidget *child,
                                   GtkWidget *label,
                                   GtkWidget *description)
{
  gboolean watched = g_object_get_data (G_OBJECT (child), "scholia-a11y-label") != NULL;

  g_object_set_data (G_OBJECT (child), "scholia-a11y-label", label);
  g_object_set_data (G_OBJECT (child), "scholia-a11y-description", description);
  if (!watched)
    {
      /* A row in a page not shown yet is never mapped: its parent is set when the list builds it. */
      g_signal_connect (child, "notify::parent", G_CALLBACK (on_list_item_child_map_cb), NULL);
      g_signal_connect (child, "map", G_CALLBACK (on_list_item_child_map_cb), NULL);
    }
  if (gtk_widget_get_parent (child) != NULL)
    on_list_item_child_map_cb (child);
}

void
scholia_accessible_name_icon_buttons (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (root)))
      && gtk_widget_get_tooltip_text (root) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_widget_get_tooltip_text (root),
                                    -1);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scholia_accessible_name_icon_buttons (child);
}

/* The combo row's own factory does the work; these pass its signals on and name the row. */
static void
forward_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  GtkListItemFactory       *original)
{
  g_signal_emit_by_name (original, "setup", list_item);
}

static void
forward_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 GtkListItemFactory       *original)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = box != NULL ? gtk_widget_get_first_child (box) : NULL;

  g_signal_emit_by_name (original, "bind", list_item);
  /* By now the list's row holds the item's widgets. */
  if (GTK_IS_LABEL (label))
    scholia_accessible_name_list_item (box, label, NULL);
}

static void
forward_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   GtkListItemFactory       *original)
{
  g_signal_emit_by_name (original, "unbind", list_item);
}

void
scholia_accessible_name_combo_row_items (AdwComboRow *row)
{
  GtkListItemFactory *original = adw_combo_row_get_factory (row);
  g_autoptr(GtkListItemFactory) factory = NULL;

  if (!GTK_IS_SIGNAL_LIST_ITEM_FACTORY (original))
    return;

  /* In place of the row's own factory, which it keeps alive, for the value shown in the row
   * and the rows of the pop-up both. */
  factory = gtk_signal_list_item_factory_new ();
  g_object_set_data_full (G_OBJECT (factory), "scholia-a11y-original", g_object_ref (original),
                          g_object_unref);
  g_signal_connect (factory, "setup", G_CALLBACK (forward_setup_cb), original);
  g_signal_connect (factory, "bind", G_CALLBACK (forward_bind_cb), original);
  g_signal_connect (factory, "unbind", G_CALLBACK (forward_unbind_cb), original);
  adw_combo_row_set_factory (row, factory);
}
