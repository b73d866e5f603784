/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-store-private.h"
#include "scholia-text-check.h"

/* Tags and themes are the same shape (a unique name, a colour, a description, an order) and
 * differ only in their tables and wording, so one set of functions serves both. They share the
 * property names "name", "colour", "description" and "position". */
typedef struct
{
  const char *table;
  const char *link_table;
  const char *link_column;
  gboolean    has_builtin;
} LabelKind;

static const LabelKind tag_kind = { "tags", "annotation_tags", "tag_id", TRUE };
static const LabelKind theme_kind = { "themes", "annotation_themes", "theme_id", FALSE };

/* Colours that read well as translucent highlights on both light and dark backgrounds; new
 * tags and themes take the next one in turn. */
static const char * const palette[] = {
  "#3584e4", "#2ec27e", "#e5a50a", "#e01b24", "#9141ac", "#ff7800", "#986a44", "#c061cb",
  "#1c71d8", "#26a269", "#77767b",
};

static GListStore *
list_for_kind (ScholiaStore    *self,
               const LabelKind *kind)
{
  return kind == &tag_kind ? self->tags : self->themes;
}

static gboolean
is_colour (const char *colour)
{
  if (colour == NULL || colour[0] != '#' || strlen (colour) != 7)
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]))
      return FALSE;
  return TRUE;
}

static gboolean
check_colour (const char  *colour,
              GError     **error)
{
  if (colour == NULL || is_colour (colour))
    return TRUE;

  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
               _("“%s” is not a colour: use the form #rrggbb"), colour);
  return FALSE;
}

static GObject *
label_new (const LabelKind *kind,
           gint64           id,
           const char      *name)
{
  if (kind == &tag_kind)
    return G_OBJECT (scholia_tag_new (id, name));
  return G_OBJECT (scholia_theme_new (id, name));
}

static gboolean
load_kind (ScholiaStore     *self,
           const LabelKind  *kind,
           GError          **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  sql = g_strdup_printf ("SELECT id, name, colour, description, position%s FROM %s"
                         " ORDER BY position, id",
                         kind->has_builtin ? ", builtin" : "", kind->table);
  stmt = scholia_db_prepare (self->db, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = scholia_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      GObject *label = label_new (kind, sqlite3_column_int64 (stmt, 0), scholia_db_column_text (stmt, 1));

      g_object_set (label,
                    "colour", scholia_db_column_text (stmt, 2),
                    "description", scholia_db_column_text (stmt, 3),
                    "position", sqlite3_column_int (stmt, 4),
                    NULL);
      if (kind->has_builtin)
        g_object_set (label, "builtin", sqlite3_column_int (stmt, 5) != 0, NULL);
      g_ptr_array_add (loaded, label);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;

  g_list_store_splice (list_for_kind (self, kind), 0,
                       g_list_model_get_n_items (G_LIST_MODEL (list_for_kind (self, kind))),
                       loaded->pdata, loaded->len);
  return TRUE;
}

gboolean
_scholia_store_load_labels (ScholiaStore  *self,
                            GError       **error)
{
  return load_kind (self, &tag_kind, error) && load_kind (self, &theme_kind, error);
}

static gpointer
find_label (ScholiaStore     *self,
            const LabelKind  *kind,
            const char       *name)
{
  GListModel *labels = G_LIST_MODEL (list_for_kind (self, kind));
  g_autofree char *folded = scholia_text_fold (name);
  guint n = g_list_model_get_n_items (labels);

  if (folded == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) label = g_list_model_get_item (labels, i);
      g_autofree char *label_name = NULL;
      g_autofree char *label_folded = NULL;

      g_object_get (label, "name", &label_name, NULL);
      label_folded = scholia_text_fold (label_name);
      if (g_strcmp0 (label_folded, folded) == 0)
        return label;
    }

  return NULL;
}

static gpointer
lookup_label (ScholiaStore    *self,
              const LabelKind *kind,
              gint64           id)
{
  GListModel *labels = G_LIST_MODEL (list_for_kind (self, kind));
  guint n = g_list_model_get_n_items (labels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) label = g_list_model_get_item (labels, i);
      gint64 label_id;

      g_object_get (label, "id", &label_id, NULL);
      if (label_id == id)
        return label;
    }

  return NULL;
}

static gboolean
check_name_free (ScholiaStore     *self,
                 const LabelKind  *kind,
                 const char       *name,
                 GObject          *except,
                 GError          **error)
{
  GObject *other;

  if (*name == '\0')
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                           kind == &tag_kind ? _("A tag needs a name") : _("A theme needs a name"));
      return FALSE;
    }

  other = find_label (self, kind, name);
  if (other != NULL && other != except)
    {
      if (kind == &tag_kind)
        g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS, _("A tag named “%s” already exists"), name);
      else
        g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS, _("A theme named “%s” already exists"), name);
      return FALSE;
    }

  return TRUE;
}

/* The name (when not NULL) and description as the store keeps them; FALSE when either cannot be
 * stored, such as a name holding a line break or longer than a name should be. */
static gboolean
check_label_text (const char  *name,
                  const char  *description,
                  char       **clean_name,
                  char       **clean_description,
                  GError     **error)
{
  if (name != NULL && (*clean_name = scholia_text_check_name (name, error)) == NULL)
    return FALSE;
  if (description != NULL && (*clean_description = scholia_text_check_note (description, error)) == NULL)
    return FALSE;
  return TRUE;
}

static GObject *
add_label (ScholiaStore     *self,
           const LabelKind  *kind,
           const char       *name,
           const char       *colour,
           const char       *description,
           GError          **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_description = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *clean_colour = NULL;
  GListStore *labels = list_for_kind (self, kind);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (labels));
  g_autoptr(GObject) label = NULL;
  sqlite3_stmt *stmt;
  int position = 0;

  if (!check_label_text (name, description, &clean_name, &clean_description, error) ||
      !check_name_free (self, kind, clean_name, NULL, error) || !check_colour (colour, error))
    return NULL;
  description = clean_description;

  clean_colour = g_ascii_strdown (colour != NULL ? colour : palette[n % G_N_ELEMENTS (palette)], -1);
  if (n > 0)
    {
      g_autoptr(GObject) last = g_list_model_get_item (G_LIST_MODEL (labels), n - 1);

      g_object_get (last, "position", &position, NULL);
      position++;
    }

  sql = g_strdup_printf ("INSERT INTO %s (name, colour, description, position) VALUES (?, ?, ?, ?)",
                         kind->table);
  if (!scholia_db_begin (self->db, error))
    return NULL;
  stmt = scholia_db_prepare (self->db, sql, error);
  if (stmt == NULL)
    goto failed;
  scholia_db_bind_text (stmt, 1, clean_name);
  scholia_db_bind_text (stmt, 2, clean_colour);
  scholia_db_bind_text (stmt, 3, description);
  sqlite3_bind_int (stmt, 4, position);
  if (!scholia_db_step_done (self->db, stmt, error) || !scholia_db_commit (self->db, error))
    goto failed;

  label = label_new (kind, scholia_db_last_insert_id (self->db), clean_name);
  g_object_set (label,
                "colour", clean_colour,
                "description", description != NULL ? description : "",
                "position", position,
                NULL);
  g_list_store_append (labels, label);
  return label;

failed:
  scholia_db_rollback (self->db);
  return NULL;
}

static gboolean
update_label (ScholiaStore     *self,
              const LabelKind  *kind,
              GObject          *label,
              const char       *name,
              const char       *colour,
              const char       *description,
              GError          **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_description = NULL;
  g_autofree char *clean_colour = colour != NULL ? g_ascii_strdown (colour, -1) : NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!check_label_text (name, description, &clean_name, &clean_description, error) ||
      (clean_name != NULL && !check_name_free (self, kind, clean_name, label, error)) ||
      !check_colour (colour, error))
    return FALSE;
  description = clean_description;

  g_object_get (label, "id", &id, NULL);
  sql = g_strdup_printf ("UPDATE %s SET name = coalesce(?1, name), colour = coalesce(?2, colour),"
                         " description = coalesce(?3, description) WHERE id = ?4",
                         kind->table);
  if (!scholia_db_begin (self->db, error))
    return FALSE;
  stmt = scholia_db_prepare (self->db, sql, error);
  if (stmt == NULL)
    goto failed;
  if (clean_name != NULL)
    scholia_db_bind_text (stmt, 1, clean_name);
  if (clean_colour != NULL)
    scholia_db_bind_text (stmt, 2, clean_colour);
  if (description != NULL)
    scholia_db_bind_text (stmt, 3, description);
  sqlite3_bind_int64 (stmt, 4, id);
  if (!scholia_db_step_done (self->db, stmt, error) || !scholia_db_commit (self->db, error))
    goto failed;

  g_object_freeze_notify (label);
  if (clean_name != NULL)
    g_object_set (label, "name", clean_name, NULL);
  if (clean_colour != NULL)
    g_object_set (label, "colour", clean_colour, NULL);
  if (description != NULL)
    g_object_set (label, "description", description, NULL);
  g_object_thaw_notify (label);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

static gboolean
delete_label (ScholiaStore     *self,
              const LabelKind  *kind,
              GObject          *label,
              GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", kind->table);
  GListStore *labels = list_for_kind (self, kind);
  sqlite3_stmt *stmt;
  guint position;
  gint64 id;

  g_object_get (label, "id", &id, NULL);
  if (!scholia_db_begin (self->db, error))
    return FALSE;
  stmt = scholia_db_prepare (self->db, sql, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!scholia_db_step_done (self->db, stmt, error) || !scholia_db_commit (self->db, error))
    goto failed;

  _scholia_store_forget_label (self, kind->link_table, id);
  if (g_list_store_find (labels, label, &position))
    g_list_store_remove (labels, position);
  _scholia_store_emit_annotations_changed (self, 0);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

static gint64
label_id (GObject *label)
{
  gint64 id;

  g_object_get (label, "id", &id, NULL);
  return id;
}

static GArray *
get_annotation_ids (ScholiaStore     *self,
                    const LabelKind  *kind,
                    GObject          *label,
                    GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT annotation_id FROM %s WHERE %s = ? ORDER BY annotation_id",
                                          kind->link_table, kind->link_column);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = scholia_db_prepare (self->db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, label_id (label));
  while ((rc = scholia_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  return g_steal_pointer (&ids);
}

/* Writes every label's position as its index in @order, in one transaction, then updates the
 * objects and the list model to match. */
static gboolean
store_order (ScholiaStore     *self,
             const LabelKind  *kind,
             GPtrArray        *order,
             GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET position = ? WHERE id = ?", kind->table);
  GListStore *labels = list_for_kind (self, kind);

  if (!scholia_db_begin (self->db, error))
    return FALSE;
  for (guint i = 0; i < order->len; i++)
    {
      sqlite3_stmt *stmt = scholia_db_prepare (self->db, sql, error);

      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_int64 (stmt, 2, label_id (g_ptr_array_index (order, i)));
      if (!scholia_db_step_done (self->db, stmt, error))
        goto failed;
    }
  if (!scholia_db_commit (self->db, error))
    goto failed;

  for (guint i = 0; i < order->len; i++)
    g_object_set (g_ptr_array_index (order, i), "position", (int) i, NULL);
  g_list_store_splice (labels, 0, g_list_model_get_n_items (G_LIST_MODEL (labels)),
                       order->pdata, order->len);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

static GPtrArray *
current_order (ScholiaStore    *self,
               const LabelKind *kind)
{
  GListModel *labels = G_LIST_MODEL (list_for_kind (self, kind));
  GPtrArray *order = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (labels);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (order, g_list_model_get_item (labels, i));
  return order;
}

static gboolean
move_label (ScholiaStore     *self,
            const LabelKind  *kind,
            GObject          *label,
            guint             index,
            GError          **error)
{
  g_autoptr(GPtrArray) order = current_order (self, kind);
  guint from;

  if (!g_ptr_array_find (order, label, &from))
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                           _("That tag or theme is no longer in the library"));
      return FALSE;
    }

  index = MIN (index, order->len - 1);
  if (index == from)
    return TRUE;

  g_object_ref (label);
  g_ptr_array_remove_index (order, from);
  g_ptr_array_insert (order, index, label);
  return store_order (self, kind, order, error);
}

static gboolean
merge_labels (ScholiaStore     *self,
              const LabelKind  *kind,
              GObject          *from,
              GObject          *into,
              GError          **error)
{
  g_autofree char *relink = NULL;
  g_autofree char *drop = NULL;
  g_autoptr(GArray) moved = NULL;
  GListStore *labels = list_for_kind (self, kind);
  sqlite3_stmt *stmt;
  guint position;

  if (from == into)
    return TRUE;

  moved = get_annotation_ids (self, kind, from, error);
  if (moved == NULL)
    return FALSE;

  /* Annotations that carry both keep one link, where `into` already was. */
  relink = g_strdup_printf ("INSERT OR IGNORE INTO %1$s (annotation_id, %2$s, position)"
                            " SELECT annotation_id, ?2, position FROM %1$s WHERE %2$s = ?1",
                            kind->link_table, kind->link_column);
  drop = g_strdup_printf ("DELETE FROM %s WHERE id = ?", kind->table);

  if (!scholia_db_begin (self->db, error))
    return FALSE;
  stmt = scholia_db_prepare (self->db, relink, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, label_id (from));
  sqlite3_bind_int64 (stmt, 2, label_id (into));
  if (!scholia_db_step_done (self->db, stmt, error))
    goto failed;
  stmt = scholia_db_prepare (self->db, drop, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, label_id (from));
  if (!scholia_db_step_done (self->db, stmt, error) || !scholia_db_commit (self->db, error))
    goto failed;

  _scholia_store_relabel (self, kind->link_table, label_id (from), label_id (into));
  if (g_list_store_find (labels, from, &position))
    g_list_store_remove (labels, position);
  _scholia_store_emit_annotations_changed (self, 0);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  int left, right;

  g_object_get ((gpointer) a, "position", &left, NULL);
  g_object_get ((gpointer) b, "position", &right, NULL);
  return left - right;
}

static gboolean
restore_label (ScholiaStore     *self,
               const LabelKind  *kind,
               GObject          *label,
               GArray           *annotation_ids,
               GError          **error)
{
  g_autofree char *name = NULL;
  g_autofree char *colour = NULL;
  g_autofree char *description = NULL;
  g_autofree char *shift = NULL;
  g_autofree char *insert = NULL;
  g_autofree char *link = NULL;
  g_autoptr(GPtrArray) order = current_order (self, kind);
  gboolean builtin = FALSE;
  gboolean taken = FALSE;
  sqlite3_stmt *stmt;
  int position;

  g_object_get (label, "name", &name, "colour", &colour, "description", &description,
                "position", &position, NULL);
  if (kind->has_builtin)
    g_object_get (label, "builtin", &builtin, NULL);

  if (!check_name_free (self, kind, name, NULL, error))
    return FALSE;

  /* Deleting leaves a gap in the positions: a label put back into its own gap moves no
   * other, so that the rows are as they were. */
  for (guint i = 0; i < order->len; i++)
    {
      int other;

      g_object_get (g_ptr_array_index (order, i), "position", &other, NULL);
      taken |= other == position;
    }

  shift = g_strdup_printf ("UPDATE %s SET position = position + 1 WHERE position >= ?", kind->table);
  insert = g_strdup_printf ("INSERT INTO %s (id, name, colour, description, position%s)"
                            " VALUES (?, ?, ?, ?, ?%s)",
                            kind->table, kind->has_builtin ? ", builtin" : "",
                            kind->has_builtin ? ", ?" : "");
  /* Back at the end of each annotation's list; annotations deleted since are skipped. */
  link = g_strdup_printf ("INSERT OR IGNORE INTO %1$s (annotation_id, %2$s, position)"
                          " SELECT id, ?2, (SELECT count(*) FROM %1$s WHERE annotation_id = ?1)"
                          " FROM annotations WHERE id = ?1",
                          kind->link_table, kind->link_column);

  if (!scholia_db_begin (self->db, error))
    return FALSE;
  if (taken)
    {
      stmt = scholia_db_prepare (self->db, shift, error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int (stmt, 1, position);
      if (!scholia_db_step_done (self->db, stmt, error))
        goto failed;
    }
  stmt = scholia_db_prepare (self->db, insert, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, label_id (label));
  scholia_db_bind_text (stmt, 2, name);
  scholia_db_bind_text (stmt, 3, colour);
  scholia_db_bind_text (stmt, 4, description);
  sqlite3_bind_int (stmt, 5, position);
  if (kind->has_builtin)
    sqlite3_bind_int (stmt, 6, builtin);
  if (!scholia_db_step_done (self->db, stmt, error))
    goto failed;
  for (guint i = 0; annotation_ids != NULL && i < annotation_ids->len; i++)
    {
      stmt = scholia_db_prepare (self->db, link, error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, g_array_index (annotation_ids, gint64, i));
      sqlite3_bind_int64 (stmt, 2, label_id (label));
      if (!scholia_db_step_done (self->db, stmt, error))
        goto failed;
    }
  if (!scholia_db_commit (self->db, error))
    goto failed;

  /* The labels at and after its place moved down one, in the file and so in memory. */
  for (guint i = 0; taken && i < order->len; i++)
    {
      int other;

      g_object_get (g_ptr_array_index (order, i), "position", &other, NULL);
      if (other >= position)
        g_object_set (g_ptr_array_index (order, i), "position", other + 1, NULL);
    }
  g_list_store_insert_sorted (list_for_kind (self, kind), label, compare_positions, NULL);
  if (annotation_ids != NULL)
    _scholia_store_link_label (self, kind->link_table, label_id (label),
                               (gint64 *) annotation_ids->data, annotation_ids->len);
  _scholia_store_emit_annotations_changed (self, 0);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

static gpointer
require_label (ScholiaStore     *self,
               const LabelKind  *kind,
               const char       *name,
               GError          **error)
{
  gpointer label = find_label (self, kind, name);
  g_autofree char *shown = NULL;

  if (label != NULL)
    return label;

  shown = scholia_text_printable (name);
  if (kind == &tag_kind)
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND, _("No tag is named “%s”"), shown);
  else
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND, _("No theme is named “%s”"), shown);
  return NULL;
}

GListModel *
scholia_store_get_tags (ScholiaStore *self)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->tags);
}

ScholiaTag *
scholia_store_find_tag (ScholiaStore  *self,
                        const char    *name,
                        GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return require_label (self, &tag_kind, name, error);
}

ScholiaTag *
scholia_store_lookup_tag (ScholiaStore *self,
                          gint64        id)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  return lookup_label (self, &tag_kind, id);
}

ScholiaTag *
scholia_store_add_tag (ScholiaStore  *self,
                       const char    *name,
                       const char    *colour,
                       const char    *description,
                       GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return SCHOLIA_TAG (add_label (self, &tag_kind, name, colour, description, error));
}

gboolean
scholia_store_update_tag (ScholiaStore  *self,
                          ScholiaTag    *tag,
                          const char    *name,
                          const char    *colour,
                          const char    *description,
                          GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_TAG (tag), FALSE);
  return update_label (self, &tag_kind, G_OBJECT (tag), name, colour, description, error);
}

gboolean
scholia_store_delete_tag (ScholiaStore  *self,
                          ScholiaTag    *tag,
                          GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_TAG (tag), FALSE);
  return delete_label (self, &tag_kind, G_OBJECT (tag), error);
}

GListModel *
scholia_store_get_themes (ScholiaStore *self)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->themes);
}

ScholiaTheme *
scholia_store_find_theme (ScholiaStore  *self,
                          const char    *name,
                          GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return require_label (self, &theme_kind, name, error);
}

ScholiaTheme *
scholia_store_lookup_theme (ScholiaStore *self,
                            gint64        id)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  return lookup_label (self, &theme_kind, id);
}

ScholiaTheme *
scholia_store_add_theme (ScholiaStore  *self,
                         const char    *name,
                         const char    *colour,
                         const char    *description,
                         GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return SCHOLIA_THEME (add_label (self, &theme_kind, name, colour, description, error));
}

gboolean
scholia_store_update_theme (ScholiaStore  *self,
                            ScholiaTheme  *theme,
                            const char    *name,
                            const char    *colour,
                            const char    *description,
                            GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_THEME (theme), FALSE);
  return update_label (self, &theme_kind, G_OBJECT (theme), name, colour, description, error);
}

gboolean
scholia_store_delete_theme (ScholiaStore  *self,
                            ScholiaTheme  *theme,
                            GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_THEME (theme), FALSE);
  return delete_label (self, &theme_kind, G_OBJECT (theme), error);
}

GArray *
scholia_store_get_tag_annotation_ids (ScholiaStore  *self,
                                      ScholiaTag    *tag,
                                      GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_TAG (tag), NULL);
  return get_annotation_ids (self, &tag_kind, G_OBJECT (tag), error);
}

gboolean
scholia_store_move_tag (ScholiaStore  *self,
                        ScholiaTag    *tag,
                        guint          index,
                        GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_TAG (tag), FALSE);
  return move_label (self, &tag_kind, G_OBJECT (tag), index, error);
}

gboolean
scholia_store_merge_tags (ScholiaStore  *self,
                          ScholiaTag    *from,
                          ScholiaTag    *into,
                          GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_TAG (from) && SCHOLIA_IS_TAG (into), FALSE);
  return merge_labels (self, &tag_kind, G_OBJECT (from), G_OBJECT (into), error);
}

gboolean
scholia_store_restore_tag (ScholiaStore  *self,
                           ScholiaTag    *tag,
                           GArray        *annotation_ids,
                           GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_TAG (tag), FALSE);
  return restore_label (self, &tag_kind, G_OBJECT (tag), annotation_ids, error);
}

GArray *
scholia_store_get_theme_annotation_ids (ScholiaStore  *self,
                                        ScholiaTheme  *theme,
                                        GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_THEME (theme), NULL);
  return get_annotation_ids (self, &theme_kind, G_OBJECT (theme), error);
}

gboolean
scholia_store_move_theme (ScholiaStore  *self,
                          ScholiaTheme  *theme,
                          guint          index,
                          GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_THEME (theme), FALSE);
  return move_label (self, &theme_kind, G_OBJECT (theme), index, error);
}

gboolean
scholia_store_merge_themes (ScholiaStore  *self,
                            ScholiaTheme  *from,
                            ScholiaTheme  *into,
                            GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_THEME (from) && SCHOLIA_IS_THEME (into), FALSE);
  return merge_labels (self, &theme_kind, G_OBJECT (from), G_OBJECT (into), error);
}

gboolean
scholia_store_restore_theme (ScholiaStore  *self,
                             ScholiaTheme  *theme,
                             GArray        *annotation_ids,
                             GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_THEME (theme), FALSE);
  return restore_label (self, &theme_kind, G_OBJECT (theme), annotation_ids, error);
}
