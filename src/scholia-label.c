/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-label.h"

G_DEFINE_ENUM_TYPE (ScholiaLabelKind, scholia_label_kind,
                    G_DEFINE_ENUM_VALUE (SCHOLIA_LABEL_KIND_TAG, "tag"),
                    G_DEFINE_ENUM_VALUE (SCHOLIA_LABEL_KIND_THEME, "theme"))

GListModel *
scholia_label_kind_get_labels (ScholiaLabelKind  kind,
                               ScholiaStore     *store)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  if (kind == SCHOLIA_LABEL_KIND_THEME)
    return scholia_store_get_themes (store);
  return scholia_store_get_tags (store);
}

/**
 * scholia_label_kind_lookup:
 *
 * Returns: (transfer none) (nullable): the tag or theme with this id, owned by the store
 */
gpointer
scholia_label_kind_lookup (ScholiaLabelKind  kind,
                           ScholiaStore     *store,
                           gint64            id)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  if (kind == SCHOLIA_LABEL_KIND_THEME)
    return scholia_store_lookup_theme (store, id);
  return scholia_store_lookup_tag (store, id);
}

/**
 * scholia_label_kind_add:
 *
 * Adds a tag or theme of this name, in the next colour of the palette.
 *
 * Returns: (transfer none) (nullable): the new label, owned by the store
 */
gpointer
scholia_label_kind_add (ScholiaLabelKind   kind,
                        ScholiaEditor     *editor,
                        const char        *name,
                        GError           **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return scholia_editor_create_label (editor, kind == SCHOLIA_LABEL_KIND_THEME ? SCHOLIA_TYPE_THEME : SCHOLIA_TYPE_TAG,
                                      name, NULL, NULL, error);
}

ScholiaLabelKind
scholia_label_get_kind (gpointer label)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG (label) || SCHOLIA_IS_THEME (label), SCHOLIA_LABEL_KIND_TAG);

  return SCHOLIA_IS_THEME (label) ? SCHOLIA_LABEL_KIND_THEME : SCHOLIA_LABEL_KIND_TAG;
}

gint64
scholia_label_get_id (gpointer label)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG (label) || SCHOLIA_IS_THEME (label), 0);

  if (SCHOLIA_IS_THEME (label))
    return scholia_theme_get_id (label);
  return scholia_tag_get_id (label);
}

const char *
scholia_label_get_name (gpointer label)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG (label) || SCHOLIA_IS_THEME (label), NULL);

  if (SCHOLIA_IS_THEME (label))
    return scholia_theme_get_name (label);
  return scholia_tag_get_name (label);
}

const char *
scholia_label_get_colour (gpointer label)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG (label) || SCHOLIA_IS_THEME (label), NULL);

  if (SCHOLIA_IS_THEME (label))
    return scholia_theme_get_colour (label);
  return scholia_tag_get_colour (label);
}

const char *
scholia_label_get_description (gpointer label)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG (label) || SCHOLIA_IS_THEME (label), NULL);

  if (SCHOLIA_IS_THEME (label))
    return scholia_theme_get_description (label);
  return scholia_tag_get_description (label);
}

gboolean
scholia_label_get_builtin (gpointer label)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG (label) || SCHOLIA_IS_THEME (label), FALSE);

  return SCHOLIA_IS_TAG (label) && scholia_tag_get_builtin (label);
}

gboolean
scholia_label_update (ScholiaEditor *editor,
                      gpointer       label,
                      const char    *name,
                      const char    *colour,
                      const char    *description,
                      GError       **error)
{
  return scholia_editor_update_label (editor, label, name, colour, description, error);
}

gboolean
scholia_label_move (ScholiaEditor *editor,
                    gpointer       label,
                    guint          index,
                    GError       **error)
{
  return scholia_editor_move_label (editor, label, index, error);
}

GArray *
scholia_label_get_annotation_ids (ScholiaStore  *store,
                                  gpointer       label,
                                  GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_TAG (label) || SCHOLIA_IS_THEME (label), NULL);

  if (SCHOLIA_IS_THEME (label))
    return scholia_store_get_theme_annotation_ids (store, label, error);
  return scholia_store_get_tag_annotation_ids (store, label, error);
}

gboolean
scholia_label_delete (ScholiaEditor  *editor,
                      gpointer        label,
                      GError        **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (editor), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_TAG (label) || SCHOLIA_IS_THEME (label), FALSE);

  if (SCHOLIA_IS_THEME (label))
    return scholia_editor_delete_theme (editor, label, error);
  return scholia_editor_delete_tag (editor, label, error);
}

gboolean
scholia_label_merge (ScholiaEditor  *editor,
                     gpointer        from,
                     gpointer        into,
                     GError        **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (editor), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_TAG (from) || SCHOLIA_IS_THEME (from), FALSE);
  g_return_val_if_fail (G_TYPE_FROM_INSTANCE (from) == G_TYPE_FROM_INSTANCE (into), FALSE);

  if (SCHOLIA_IS_THEME (from))
    return scholia_editor_merge_themes (editor, from, into, error);
  return scholia_editor_merge_tags (editor, from, into, error);
}
