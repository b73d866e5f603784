/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-db-rows.h"

#include <string.h>

/* 64 rows of the widest staging table bind 704 values, far below SQLite's limit (32,766). */
#define ROWS_PER_INSERT 64

typedef struct
{
  const char *text;  /* NULL: the value is number */
  gint64      number;
} Cell;

struct _ScholiaDbRows
{
  ScholiaDb *db;
  char      *types;
  guint      n_columns;
  char      *one_row;     /* INSERT … VALUES (?, …) */
  char      *many_rows;   /* INSERT … VALUES (?, …), … ROWS_PER_INSERT times */
  GArray    *cells;       /* Cell, row after row */
  GPtrArray *copies;      /* texts copied by scholia_db_rows_add_text_copy(), until written */
};

static char *
insert_sql (const char *table,
            const char *columns,
            const char *types,
            guint       n_columns,
            guint       n_rows)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s (%s) VALUES ", table, columns);
  for (guint row = 0; row < n_rows; row++)
    {
      g_string_append (sql, row == 0 ? "(" : ", (");
      for (guint column = 0; column < n_columns; column++)
        {
          if (column > 0)
            g_string_append (sql, ", ");
          g_string_append (sql, types[column] == 'u' ? "scholia_uuid_key(?)" : "?");
        }
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

ScholiaDbRows *
scholia_db_rows_new (ScholiaDb  *db,
                     const char *table,
                     const char *columns,
                     const char *types)
{
  ScholiaDbRows *self = g_new0 (ScholiaDbRows, 1);

  self->db = db;
  self->types = g_strdup (types);
  self->n_columns = strlen (types);
  self->one_row = insert_sql (table, columns, types, self->n_columns, 1);
  self->many_rows = insert_sql (table, columns, types, self->n_columns, ROWS_PER_INSERT);
  self->cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), self->n_columns * ROWS_PER_INSERT);
  self->copies = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
scholia_db_rows_free (ScholiaDbRows *self)
{
  g_free (self->types);
  g_free (self->one_row);
  g_free (self->many_rows);
  g_array_unref (self->cells);
  g_ptr_array_unref (self->copies);
  g_free (self);
}

void
scholia_db_rows_add_text (ScholiaDbRows *self,
                          const char    *text)
{
  Cell cell = { text != NULL ? text : "", 0 };

  g_return_if_fail (strchr ("tu", self->types[self->cells->len % self->n_columns]) != NULL);
  g_array_append_val (self->cells, cell);
}

void
scholia_db_rows_add_text_copy (ScholiaDbRows *self,
                               const char    *text)
{
  char *copy = g_strdup (text);

  if (copy != NULL)
    g_ptr_array_add (self->copies, copy);
  scholia_db_rows_add_text (self, copy);
}

void
scholia_db_rows_add_int64 (ScholiaDbRows *self,
                           gint64         value)
{
  Cell cell = { NULL, value };

  g_return_if_fail (self->types[self->cells->len % self->n_columns] == 'i');
  g_array_append_val (self->cells, cell);
}

/* Writes @n_rows rows from the row @first on, with @sql's statement. */
static gboolean
insert_rows (ScholiaDbRows  *self,
             const char     *sql,
             guint           first,
             guint           n_rows,
             GError        **error)
{
  ScholiaDbStatement *stmt = scholia_db_get_statement (self->db, sql, error);
  guint n_cells = n_rows * self->n_columns;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_cells; i++)
    {
      const Cell *cell = &g_array_index (self->cells, Cell, first * self->n_columns + i);

      if (cell->text != NULL)
        scholia_db_statement_bind_static_text (stmt, i + 1, cell->text);
      else
        scholia_db_statement_bind_int64 (stmt, i + 1, cell->number);
    }
  return scholia_db_statement_execute (stmt, error);
}

gboolean
scholia_db_rows_end_row (ScholiaDbRows  *self,
                         GError        **error)
{
  g_return_val_if_fail (self->cells->len % self->n_columns == 0, FALSE);

  if (self->cells->len < self->n_columns * ROWS_PER_INSERT)
    return TRUE;
  return scholia_db_rows_flush (self, error);
}

gboolean
scholia_db_rows_flush (ScholiaDbRows  *self,
                       GError        **error)
{
  guint n_rows = self->cells->len / self->n_columns;
  guint row = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (self->cells->len % self->n_columns == 0, FALSE);

  for (; ok && row + ROWS_PER_INSERT <= n_rows; row += ROWS_PER_INSERT)
    ok = insert_rows (self, self->many_rows, row, ROWS_PER_INSERT, error);
  for (; ok && row < n_rows; row++)
    ok = insert_rows (self, self->one_row, row, 1, error);
  g_array_set_size (self->cells, 0);
  g_ptr_array_set_size (self->copies, 0);
  return ok;
}
