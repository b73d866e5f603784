/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-colour.h"
#include "scholia-error.h"
#include "scholia-seminar-store.h"
#include "scholia-store-private.h"
#include "scholia-text-check.h"

/* Tags and themes are the same shape (a unique name, a colour, a description, an order) and
 * differ only in their tables and wording, so one set of functions serves both, chosen by the
 * label's type. Only tags have a built-in flag in the file. */
typedef struct
{
  const char *table;
  const char *link_table;
  const char *link_column;
  gboolean    has_builtin;
} LabelTables;

static const LabelTables *
tables_for (GType label_type)
{
  static const LabelTables tags = { "tags", "annotation_tags", "tag_id", TRUE };
  static const LabelTables themes = { "themes", "annotation_themes", "theme_id", FALSE };

  g_assert (_scholia_store_is_label_type (label_type));
  return label_type == SCHOLIA_TYPE_TAG ? &tags : &themes;
}

static GListStore *
list_of (ScholiaStore *self,
         ScholiaLabel *label)
{
  return _scholia_store_label_list (self, G_OBJECT_TYPE (label));
}

static const LabelTables *
tables_of (ScholiaLabel *label)
{
  return tables_for (G_OBJECT_TYPE (label));
}

static gboolean
check_colour (const char  *colour,
              GError     **error)
{
  ScholiaRgb rgb;

  if (colour == NULL || scholia_colour_parse (colour, &rgb))
    return TRUE;

  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
               _("“%s” is not a colour: use the form #rrggbb"), colour);
  return FALSE;
}

static gboolean
load_type (ScholiaStore  *self,
           GType          label_type,
           GError       **error)
{
  const LabelTables *tables = tables_for (label_type);
  GListStore *labels = _scholia_store_label_list (self, label_type);
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  sql = g_strdup_printf ("SELECT id, name, colour, description, position, %s FROM %s"
                         " ORDER BY position, id",
                         tables->has_builtin ? "builtin" : "0", tables->table);
  stmt = scholia_db_get_statement (self->db, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      ScholiaLabel *label = scholia_label_new (label_type, scholia_db_statement_column_int64 (stmt, 0),
                                               scholia_db_statement_column_text (stmt, 1));

      scholia_label_set_colour (label, scholia_db_statement_column_text (stmt, 2));
      scholia_label_set_description (label, scholia_db_statement_column_text (stmt, 3));
      scholia_label_set_position (label, scholia_db_statement_column_int (stmt, 4));
      scholia_label_set_builtin (label, scholia_db_statement_column_int (stmt, 5) != 0);
      g_ptr_array_add (loaded, label);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;

  g_list_store_splice (labels, 0, g_list_model_get_n_items (G_LIST_MODEL (labels)),
                       loaded->pdata, loaded->len);
  return TRUE;
}

gboolean
_scholia_store_load_labels (ScholiaStore  *self,
                            GError       **error)
{
  return load_type (self, SCHOLIA_TYPE_TAG, error) && load_type (self, SCHOLIA_TYPE_THEME, error);
}

static ScholiaLabel *
find_label (ScholiaStore *self,
            GType         label_type,
            const char   *name)
{
  GListModel *labels = G_LIST_MODEL (_scholia_store_label_list (self, label_type));
  g_autofree char *folded = scholia_text_fold (name);
  guint n = g_list_model_get_n_items (labels);

  if (folded == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (labels, i);
      g_autofree char *label_folded = scholia_text_fold (scholia_label_get_name (label));

      if (g_strcmp0 (label_folded, folded) == 0)
        return label;
    }

  return NULL;
}

static gboolean
check_name_free (ScholiaStore  *self,
                 GType          label_type,
                 const char    *name,
                 ScholiaLabel  *except,
                 GError       **error)
{
  gboolean tag = label_type == SCHOLIA_TYPE_TAG;
  ScholiaLabel *other;

  if (*name == '\0')
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                           tag ? _("A tag needs a name") : _("A theme needs a name"));
      return FALSE;
    }

  other = find_label (self, label_type, name);
  if (other != NULL && other != except)
    {
      if (tag)
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

static ScholiaLabel *
add_label (ScholiaStore  *self,
           GType          label_type,
           const char    *name,
           const char    *colour,
           const char    *description,
           GError       **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_description = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *clean_colour = NULL;
  GListStore *labels = _scholia_store_label_list (self, label_type);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (labels));
  g_autoptr(ScholiaLabel) label = NULL;
  ScholiaDbStatement *stmt;
  int position = 0;

  if (!check_label_text (name, description, &clean_name, &clean_description, error) ||
      !check_name_free (self, label_type, clean_name, NULL, error) || !check_colour (colour, error))
    return NULL;
  description = clean_description;

  clean_colour = g_ascii_strdown (colour != NULL ? colour : scholia_colour_get_automatic (n), -1);
  if (n > 0)
    {
      g_autoptr(ScholiaLabel) last = g_list_model_get_item (G_LIST_MODEL (labels), n - 1);

      position = scholia_label_get_position (last) + 1;
    }

  sql = g_strdup_printf ("INSERT INTO %s (name, colour, description, position) VALUES (?, ?, ?, ?)",
                         tables_for (label_type)->table);
  if (!scholia_db_begin (self->db, error))
    return NULL;
  stmt = scholia_db_get_statement (self->db, sql, error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_text (stmt, 1, clean_name);
  scholia_db_statement_bind_text (stmt, 2, clean_colour);
  scholia_db_statement_bind_text (stmt, 3, description);
  scholia_db_statement_bind_int64 (stmt, 4, position);
  if (!scholia_db_statement_execute (stmt, error) || !scholia_db_commit (self->db, error))
    goto failed;

  label = scholia_label_new (label_type, scholia_db_last_insert_id (self->db), clean_name);
  scholia_label_set_colour (label, clean_colour);
  scholia_label_set_description (label, description);
  scholia_label_set_position (label, position);
  g_list_store_append (labels, label);
  return label;

failed:
  scholia_db_rollback (self->db);
  return NULL;
}

static gboolean
update_label (ScholiaStore  *self,
              ScholiaLabel  *label,
              const char    *name,
              const char    *colour,
              const char    *description,
              GError       **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_description = NULL;
  g_autofree char *clean_colour = colour != NULL ? g_ascii_strdown (colour, -1) : NULL;
  g_autofree char *sql = NULL;
  ScholiaDbStatement *stmt;

  if (!check_label_text (name, description, &clean_name, &clean_description, error) ||
      (clean_name != NULL && !check_name_free (self, G_OBJECT_TYPE (label), clean_name, label, error)) ||
      !check_colour (colour, error))
    return FALSE;
  description = clean_description;

  sql = g_strdup_printf ("UPDATE %s SET name = coalesce(?1, name), colour = coalesce(?2, colour),"
                         " description = coalesce(?3, description) WHERE id = ?4",
                         tables_of (label)->table);
  if (!scholia_db_begin (self->db, error))
    return FALSE;
  stmt = scholia_db_get_statement (self->db, sql, error);
  if (stmt == NULL)
    goto failed;
  if (clean_name != NULL)
    scholia_db_statement_bind_text (stmt, 1, clean_name);
  if (clean_colour != NULL)
    scholia_db_statement_bind_text (stmt, 2, clean_colour);
  if (description != NULL)
    scholia_db_statement_bind_text (stmt, 3, description);
  scholia_db_statement_bind_int64 (stmt, 4, scholia_label_get_id (label));
  if (!scholia_db_statement_execute (stmt, error) || !scholia_db_commit (self->db, error))
    goto failed;

  g_object_freeze_notify (G_OBJECT (label));
  if (clean_name != NULL)
    scholia_label_set_name (label, clean_name);
  if (clean_colour != NULL)
    scholia_label_set_colour (label, clean_colour);
  if (description != NULL)
    scholia_label_set_description (label, description);
  g_object_thaw_notify (G_OBJECT (label));
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

static gboolean
delete_label (ScholiaStore  *self,
              ScholiaLabel  *label,
              GError       **error)
{
  const LabelTables *tables = tables_of (label);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", tables->table);
  GListStore *labels = list_of (self, label);
  gint64 id = scholia_label_get_id (label);
  ScholiaDbStatement *stmt;
  guint position;

  if (!scholia_db_begin (self->db, error))
    return FALSE;
  stmt = scholia_db_get_statement (self->db, sql, error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_int64 (stmt, 1, id);
  if (!scholia_db_statement_execute (stmt, error) || !scholia_db_commit (self->db, error))
    goto failed;

  _scholia_store_forget_label (self, G_OBJECT_TYPE (label), id);
  if (g_list_store_find (labels, label, &position))
    g_list_store_remove (labels, position);
  _scholia_store_emit_annotations_changed (self, 0);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

static GArray *
get_annotation_ids (ScholiaStore  *self,
                    ScholiaLabel  *label,
                    GError       **error)
{
  const LabelTables *tables = tables_of (label);
  g_autofree char *sql = g_strdup_printf ("SELECT annotation_id FROM %s WHERE %s = ? ORDER BY annotation_id",
                                          tables->link_table, tables->link_column);

  return scholia_db_query_ids (self->db, sql, scholia_label_get_id (label), error);
}

/* Writes every label's position as its index in @order, in one transaction, then updates the
 * objects and the list model to match. */
static gboolean
store_order (ScholiaStore  *self,
             GType          label_type,
             GPtrArray     *order,
             GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET position = ? WHERE id = ?",
                                          tables_for (label_type)->table);
  GListStore *labels = _scholia_store_label_list (self, label_type);

  if (!scholia_db_begin (self->db, error))
    return FALSE;
  for (guint i = 0; i < order->len; i++)
    {
      ScholiaDbStatement *stmt = scholia_db_get_statement (self->db, sql, error);

      if (stmt == NULL)
        goto failed;
      scholia_db_statement_bind_int64 (stmt, 1, i);
      scholia_db_statement_bind_int64 (stmt, 2, scholia_label_get_id (g_ptr_array_index (order, i)));
      if (!scholia_db_statement_execute (stmt, error))
        goto failed;
    }
  if (!scholia_db_commit (self->db, error))
    goto failed;

  for (guint i = 0; i < order->len; i++)
    scholia_label_set_position (g_ptr_array_index (order, i), i);
  g_list_store_splice (labels, 0, g_list_model_get_n_items (G_LIST_MODEL (labels)),
                       order->pdata, order->len);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

static GPtrArray *
current_order (ScholiaStore *self,
               GType         label_type)
{
  GListModel *labels = G_LIST_MODEL (_scholia_store_label_list (self, label_type));
  GPtrArray *order = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (labels);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (order, g_list_model_get_item (labels, i));
  return order;
}

static gboolean
move_label (ScholiaStore  *self,
            ScholiaLabel  *label,
            guint          index,
            GError       **error)
{
  g_autoptr(GPtrArray) order = current_order (self, G_OBJECT_TYPE (label));
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
  return store_order (self, G_OBJECT_TYPE (label), order, error);
}

static gboolean
merge_labels (ScholiaStore  *self,
              ScholiaLabel  *from,
              ScholiaLabel  *into,
              GError       **error)
{
  const LabelTables *tables = tables_of (from);
  g_autofree char *relink = NULL;
  g_autofree char *drop = NULL;
  g_autoptr(GArray) moved = NULL;
  GListStore *labels = list_of (self, from);
  ScholiaDbStatement *stmt;
  guint position;

  if (from == into)
    return TRUE;

  moved = get_annotation_ids (self, from, error);
  if (moved == NULL)
    return FALSE;

  /* Annotations that carry both keep one link, where `into` already was. */
  relink = g_strdup_printf ("INSERT OR IGNORE INTO %1$s (annotation_id, %2$s, position)"
                            " SELECT annotation_id, ?2, position FROM %1$s WHERE %2$s = ?1",
                            tables->link_table, tables->link_column);
  drop = g_strdup_printf ("DELETE FROM %s WHERE id = ?", tables->table);

  if (!scholia_db_begin (self->db, error))
    return FALSE;
  stmt = scholia_db_get_statement (self->db, relink, error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_int64 (stmt, 1, scholia_label_get_id (from));
  scholia_db_statement_bind_int64 (stmt, 2, scholia_label_get_id (into));
  if (!scholia_db_statement_execute (stmt, error))
    goto failed;
  stmt = scholia_db_get_statement (self->db, drop, error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_int64 (stmt, 1, scholia_label_get_id (from));
  if (!scholia_db_statement_execute (stmt, error) || !scholia_db_commit (self->db, error))
    goto failed;

  _scholia_store_relabel (self, G_OBJECT_TYPE (from), scholia_label_get_id (from), scholia_label_get_id (into));
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
  return scholia_label_get_position ((ScholiaLabel *) a) - scholia_label_get_position ((ScholiaLabel *) b);
}

static gboolean
restore_label (ScholiaStore  *self,
               ScholiaLabel  *label,
               GArray        *annotation_ids,
               GError       **error)
{
  const LabelTables *tables = tables_of (label);
  int position = scholia_label_get_position (label);
  gint64 id = scholia_label_get_id (label);
  g_autofree char *shift = NULL;
  g_autofree char *insert = NULL;
  g_autofree char *link = NULL;
  g_autoptr(GPtrArray) order = current_order (self, G_OBJECT_TYPE (label));
  gboolean taken = FALSE;
  ScholiaDbStatement *stmt;

  if (!check_name_free (self, G_OBJECT_TYPE (label), scholia_label_get_name (label), NULL, error))
    return FALSE;

  /* Deleting leaves a gap in the positions: a label put back into its own gap moves no
   * other, so that the rows are as they were. */
  for (guint i = 0; i < order->len; i++)
    taken |= scholia_label_get_position (g_ptr_array_index (order, i)) == position;

  shift = g_strdup_printf ("UPDATE %s SET position = position + 1 WHERE position >= ?", tables->table);
  insert = g_strdup_printf ("INSERT INTO %s (id, name, colour, description, position%s)"
                            " VALUES (?, ?, ?, ?, ?%s)",
                            tables->table, tables->has_builtin ? ", builtin" : "",
                            tables->has_builtin ? ", ?" : "");
  /* Back at the end of each annotation's list; annotations deleted since are skipped. */
  link = g_strdup_printf ("INSERT OR IGNORE INTO %1$s (annotation_id, %2$s, position)"
                          " SELECT id, ?2, (SELECT count(*) FROM %1$s WHERE annotation_id = ?1)"
                          " FROM annotations WHERE id = ?1",
                          tables->link_table, tables->link_column);

  if (!scholia_db_begin (self->db, error))
    return FALSE;
  if (taken)
    {
      stmt = scholia_db_get_statement (self->db, shift, error);
      if (stmt == NULL)
        goto failed;
      scholia_db_statement_bind_int64 (stmt, 1, position);
      if (!scholia_db_statement_execute (stmt, error))
        goto failed;
    }
  stmt = scholia_db_get_statement (self->db, insert, error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_int64 (stmt, 1, id);
  scholia_db_statement_bind_text (stmt, 2, scholia_label_get_name (label));
  scholia_db_statement_bind_text (stmt, 3, scholia_label_get_colour (label));
  scholia_db_statement_bind_text (stmt, 4, scholia_label_get_description (label));
  scholia_db_statement_bind_int64 (stmt, 5, position);
  if (tables->has_builtin)
    scholia_db_statement_bind_int64 (stmt, 6, scholia_label_get_builtin (label));
  if (!scholia_db_statement_execute (stmt, error))
    goto failed;
  for (guint i = 0; annotation_ids != NULL && i < annotation_ids->len; i++)
    {
      stmt = scholia_db_get_statement (self->db, link, error);
      if (stmt == NULL)
        goto failed;
      scholia_db_statement_bind_int64 (stmt, 1, g_array_index (annotation_ids, gint64, i));
      scholia_db_statement_bind_int64 (stmt, 2, id);
      if (!scholia_db_statement_execute (stmt, error))
        goto failed;
    }
  if (!scholia_db_commit (self->db, error))
    goto failed;

  /* The labels at and after its place moved down one, in the file and so in memory. */
  for (guint i = 0; taken && i < order->len; i++)
    {
      ScholiaLabel *other = g_ptr_array_index (order, i);

      if (scholia_label_get_position (other) >= position)
        scholia_label_set_position (other, scholia_label_get_position (other) + 1);
    }
  g_list_store_insert_sorted (list_of (self, label), label, compare_positions, NULL);
  if (annotation_ids != NULL)
    _scholia_store_link_label (self, G_OBJECT_TYPE (label), id,
                               (gint64 *) annotation_ids->data, annotation_ids->len);
  _scholia_store_emit_annotations_changed (self, 0);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

ScholiaLabel *
scholia_store_find_label (ScholiaStore  *self,
                          GType          label_type,
                          const char    *name,
                          GError       **error)
{
  ScholiaLabel *label;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (_scholia_store_is_label_type (label_type), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  label = find_label (self, label_type, name);
  if (label != NULL)
    return label;

  shown = scholia_text_printable (name);
  if (label_type == SCHOLIA_TYPE_TAG)
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND, _("No tag is named “%s”"), shown);
  else
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND, _("No theme is named “%s”"), shown);
  return NULL;
}

ScholiaLabel *
scholia_store_add_label (ScholiaStore  *self,
                         GType          label_type,
                         const char    *name,
                         const char    *colour,
                         const char    *description,
                         GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (_scholia_store_is_label_type (label_type), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return add_label (self, label_type, name, colour, description, error);
}

gboolean
scholia_store_update_label (ScholiaStore  *self,
                            ScholiaLabel  *label,
                            const char    *name,
                            const char    *colour,
                            const char    *description,
                            GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  if (!scholia_store_check_seminar_label (self, label, error))
    return FALSE;
  return update_label (self, label, name, colour, description, error);
}

/* The leader's colour and description, which a participant's library takes at each sync. */
gboolean
scholia_store_update_seminar_label (ScholiaStore  *self,
                                    ScholiaLabel  *label,
                                    const char    *colour,
                                    const char    *description,
                                    GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  return update_label (self, label, NULL, colour, description, error);
}

gboolean
scholia_store_delete_label (ScholiaStore  *self,
                            ScholiaLabel  *label,
                            GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  if (!scholia_store_check_seminar_label (self, label, error))
    return FALSE;
  return delete_label (self, label, error);
}

GArray *
scholia_store_get_label_annotation_ids (ScholiaStore  *self,
                                        ScholiaLabel  *label,
                                        GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), NULL);

  return get_annotation_ids (self, label, error);
}

gboolean
scholia_store_count_label_annotations (ScholiaStore  *self,
                                       ScholiaLabel  *label,
                                       guint         *count,
                                       GError       **error)
{
  const LabelTables *tables;
  g_autofree char *sql = NULL;
  g_autoptr(GHashTable) hidden = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  hidden = _scholia_store_load_hidden_essays (self, 0, error);
  if (hidden == NULL)
    return FALSE;
  tables = tables_of (label);
  sql = g_strdup_printf ("SELECT a.document_id, coalesce (a.participant_id, 0) FROM %s l"
                         " JOIN annotations a ON a.id = l.annotation_id WHERE l.%s = ?",
                         tables->link_table, tables->link_column);
  stmt = scholia_db_get_statement (self->db, sql, error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, scholia_label_get_id (label));
  *count = 0;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    if (!_scholia_store_is_hidden (hidden, scholia_db_statement_column_int64 (stmt, 0),
                                   scholia_db_statement_column_int64 (stmt, 1)))
      (*count)++;
  scholia_db_statement_reset (stmt);
  return rc != SCHOLIA_DB_STEP_ERROR;
}

gboolean
scholia_store_move_label (ScholiaStore  *self,
                          ScholiaLabel  *label,
                          guint          index,
                          GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  return move_label (self, label, index, error);
}

gboolean
scholia_store_merge_labels (ScholiaStore  *self,
                            ScholiaLabel  *from,
                            ScholiaLabel  *into,
                            GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (from) && SCHOLIA_IS_LABEL (into), FALSE);
  g_return_val_if_fail (G_OBJECT_TYPE (from) == G_OBJECT_TYPE (into), FALSE);

  if (!scholia_store_check_seminar_label (self, from, error))
    return FALSE;
  return merge_labels (self, from, into, error);
}

gboolean
scholia_store_restore_label (ScholiaStore  *self,
                             ScholiaLabel  *label,
                             GArray        *annotation_ids,
                             GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  return restore_label (self, label, annotation_ids, error);
}

/* The annotation's labels of @label's type without it, then with it last when @assign. */
static gboolean
reassign_label (ScholiaStore       *self,
                ScholiaAnnotation  *annotation,
                ScholiaLabel       *label,
                gboolean            assign,
                GError            **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = scholia_label_get_id (label);
  const gint64 *current;
  guint n_current;

  current = scholia_annotation_get_label_ids (annotation, G_OBJECT_TYPE (label), &n_current);
  for (guint i = 0; i < n_current; i++)
    if (current[i] != id)
      g_array_append_val (ids, current[i]);
  if (assign)
    g_array_append_val (ids, id);

  return scholia_store_set_annotation_labels (self, annotation, G_OBJECT_TYPE (label),
                                              (gint64 *) ids->data, ids->len, error);
}

gboolean
scholia_store_assign_label (ScholiaStore       *self,
                            ScholiaAnnotation  *annotation,
                            ScholiaLabel       *label,
                            GError            **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  return reassign_label (self, annotation, label, TRUE, error);
}

gboolean
scholia_store_unassign_label (ScholiaStore       *self,
                              ScholiaAnnotation  *annotation,
                              ScholiaLabel       *label,
                              GError            **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  return reassign_label (self, annotation, label, FALSE, error);
}
