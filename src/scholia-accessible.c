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
  g_object_set_data (G_OBJECT (child), "scholia-a11y-label", label);
  g_object_set_data (G_OBJECT (child), "scholia-a11y-description", description);
  /* A row in a page not shown yet is never mapped: its parent is set when the list builds it. */
  g_signal_connect (child, "notify::parent", G_CALLBACK (on_list_item_child_map_cb), NULL);
  g_signal_connect (child, "map", G_CALLBACK (on_list_item_child_map_cb), NULL);
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
