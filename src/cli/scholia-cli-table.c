/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "scholia-cli-table.h"

struct _ScholiaCliTable
{
  guint      n_columns;
  int       *minimum;
  int       *maximum;
  char      *indent;
  GPtrArray *cells;  /* of char *, n_columns a row */
};

static int
character_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

int
scholia_cli_display_width (const char *text)
{
  int width = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += character_width (g_utf8_get_char (p));
  return width;
}

ScholiaCliTable *
scholia_cli_table_new (guint n_columns)
{
  ScholiaCliTable *table;

  g_return_val_if_fail (n_columns > 0, NULL);

  table = g_new0 (ScholiaCliTable, 1);
  table->n_columns = n_columns;
  table->minimum = g_new0 (int, n_columns);
  table->maximum = g_new0 (int, n_columns);
  table->indent = g_strdup ("");
  table->cells = g_ptr_array_new_with_free_func (g_free);
  return table;
}

void
scholia_cli_table_free (ScholiaCliTable *table)
{
  if (table == NULL)
    return;
  g_free (table->minimum);
  g_free (table->maximum);
  g_free (table->indent);
  g_ptr_array_unref (table->cells);
  g_free (table);
}

void
scholia_cli_table_set_width (ScholiaCliTable *table,
                             guint            column,
                             int              minimum,
                             int              maximum)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (column < table->n_columns);
  g_return_if_fail (maximum == 0 || maximum >= MAX (minimum, 1));

  table->minimum[column] = minimum;
  table->maximum[column] = maximum;
}

void
scholia_cli_table_set_indent (ScholiaCliTable *table,
                              const char      *indent)
{
  g_return_if_fail (table != NULL && indent != NULL);

  g_free (table->indent);
  table->indent = g_strdup (indent);
}

/* @text on one line, cut to @maximum columns (0: uncut) with an ellipsis; a cut keeps the marks
 * of the last letter kept, which take no room. */
static char *
make_cell (const char *text,
           int         maximum)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");
  GString *cell;
  int width = 0;

  g_strdelimit (flat, "\n\t\r", ' ');
  if (maximum == 0 || scholia_cli_display_width (flat) <= maximum)
    return g_steal_pointer (&flat);

  cell = g_string_new (NULL);
  for (const char *p = flat; *p != '\0'; p = g_utf8_next_char (p))
    {
      int w = character_width (g_utf8_get_char (p));

      if (width + w > maximum - 1)
        break;
      width += w;
      g_string_append_len (cell, p, g_utf8_next_char (p) - p);
    }
  g_string_append (cell, "…");
  return g_string_free (cell, FALSE);
}

void
scholia_cli_table_add_row (ScholiaCliTable *table,
                           const char      *first_cell,
                           ...)
{
  va_list args;

  g_return_if_fail (table != NULL);

  g_ptr_array_add (table->cells, make_cell (first_cell, table->maximum[0]));
  va_start (args, first_cell);
  for (guint i = 1; i < table->n_columns; i++)
    g_ptr_array_add (table->cells, make_cell (va_arg (args, const char *), table->maximum[i]));
  va_end (args);
}

void
scholia_cli_table_print (ScholiaCliTable *table,
                         FILE            *out)
{
  g_autofree int *widths = NULL;
  guint n_rows;

  g_return_if_fail (table != NULL && out != NULL);

  n_rows = table->cells->len / table->n_columns;
  widths = g_memdup2 (table->minimum, table->n_columns * sizeof (int));
  for (guint i = 0; i < table->cells->len; i++)
    widths[i % table->n_columns] = MAX (widths[i % table->n_columns],
                                        scholia_cli_display_width (g_ptr_array_index (table->cells, i)));

  for (guint row = 0; row < n_rows; row++)
    {
      fputs (table->indent, out);
      for (guint column = 0; column < table->n_columns; column++)
        {
          const char *cell = g_ptr_array_index (table->cells, row * table->n_columns + column);

          fputs (cell, out);
          if (column + 1 < table->n_columns)
            fprintf (out, "%*s", widths[column] - scholia_cli_display_width (cell) + 1, "");
        }
      fputc ('\n', out);
    }
}
