/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-anchor.h"
#include "scholia-passage-sql.h"
#include "scholia-text-offsets.h"

/* Texts kept: a whole-library reader goes essay by essay, but a link or a comparison may go
 * back and forth between a few, and a seminar merge writes each participant's passages across
 * all the seminar's essays in turn: with 8 kept, a merge of 30 logs on 20 essays read and
 * walked a text for nearly every passage (5.5 s of processor time instead of 0.8). */
#define N_KEPT 64

typedef struct
{
  gint64              id;
  char               *checksum;
  char               *text;
  /* Indexed once a second passage is cut from it: a comparison cuts one passage from each of
   * thousands of essays, which a walk from the start serves faster. */
  ScholiaTextOffsets *offsets;
  /* What could have changed the text since it was read: this connection's changes and the
   * file's data version (any connection's commits). */
  gint64              changes;
  unsigned int        data_version;
  guint64             used;
} KeptText;

struct _ScholiaPassageSql
{
  ScholiaDb *db;
  sqlite3   *handle;
  KeptText   kept[N_KEPT];
  guint64    clock;
  /* A library older than version 13, or one emulated read-only, has no listing index. */
  gboolean   no_listing_index;
  gboolean   deriving;
};

static void
kept_text_clear (KeptText *kept)
{
  g_clear_pointer (&kept->offsets, scholia_text_offsets_free);
  g_clear_pointer (&kept->text, g_free);
  g_clear_pointer (&kept->checksum, g_free);
  kept->id = 0;
  kept->used = 0;
}

void
scholia_passage_sql_forget (ScholiaPassageSql *self)
{
  for (guint i = 0; i < N_KEPT; i++)
    kept_text_clear (&self->kept[i]);
}

static void
passage_sql_free (gpointer data)
{
  scholia_passage_sql_forget (data);
  g_free (data);
}

/* SQLite rolls a transaction back by itself after some errors. */
static void
forget_on_rollback (gpointer data)
{
  scholia_passage_sql_forget (data);
}

/* The document's checksum, read from the listing index rather than from the row, where it
 * follows the text on its overflow pages. */
static char *
read_checksum (ScholiaPassageSql *self,
               gint64      id)
{
  ScholiaDbStatement *stmt = NULL;
  char *checksum = NULL;

  if (!self->no_listing_index)
    {
      stmt = scholia_db_get_statement (self->db, "SELECT checksum FROM documents INDEXED BY documents_listing"
                                                 " WHERE id = ?", NULL);
      self->no_listing_index = stmt == NULL;
    }
  if (stmt == NULL)
    stmt = scholia_db_get_statement (self->db, "SELECT checksum FROM documents WHERE id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, id);
  if (scholia_db_statement_step (stmt, NULL) == SCHOLIA_DB_STEP_ROW)
    checksum = g_strdup (scholia_db_statement_column_text (stmt, 0));
  scholia_db_statement_reset (stmt);
  return checksum;
}

static gboolean
read_text (ScholiaPassageSql *self,
           gint64      id,
           KeptText   *kept)
{
  ScholiaDbStatement *stmt = scholia_db_get_statement (self->db, "SELECT scholia_text(text), checksum FROM documents WHERE id = ?",
                                                       NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, id);
  if (scholia_db_statement_step (stmt, NULL) == SCHOLIA_DB_STEP_ROW)
    {
      kept->id = id;
      kept->text = g_strdup (scholia_db_statement_column_text (stmt, 0));
      kept->checksum = g_strdup (scholia_db_statement_column_text (stmt, 1));
      found = TRUE;
    }
  scholia_db_statement_reset (stmt);
  return found;
}

/* The document's current text, read again only if it may have changed. */
static KeptText *
find_text (ScholiaPassageSql *self,
           gint64      id)
{
  gint64 changes = sqlite3_total_changes64 (self->handle);
  unsigned int data_version = 0;
  KeptText *kept = NULL;
  KeptText *oldest = &self->kept[0];

  sqlite3_file_control (self->handle, "main", SQLITE_FCNTL_DATA_VERSION, &data_version);
  for (guint i = 0; i < N_KEPT; i++)
    {
      if (self->kept[i].text != NULL && self->kept[i].id == id)
        kept = &self->kept[i];
      if (self->kept[i].used < oldest->used)
        oldest = &self->kept[i];
    }

  if (kept != NULL && (kept->changes != changes || kept->data_version != data_version))
    {
      g_autofree char *checksum = read_checksum (self, id);

      if (g_strcmp0 (checksum, kept->checksum) != 0)
        kept_text_clear (kept);
    }
  if (kept == NULL || kept->text == NULL)
    {
      if (kept == NULL)
        kept = oldest;
      kept_text_clear (kept);
      if (!read_text (self, id, kept))
        return NULL;
    }
  else if (kept->offsets == NULL)
    kept->offsets = scholia_text_offsets_new (kept->text);
  kept->changes = changes;
  kept->data_version = data_version;
  kept->used = ++self->clock;
  return kept;
}

/* A pointer to code point @offset, clamped to the text's end. */
static const char *
text_pointer (KeptText *kept,
              int       offset)
{
  const char *p = kept->text;

  if (kept->offsets != NULL)
    return scholia_text_offsets_pointer (kept->offsets, offset);
  for (; offset > 0 && *p != '\0'; offset--)
    p = g_utf8_next_char (p);
  return p;
}

/* The part @part (0 quote, 1 prefix, 2 suffix) of the passage of document @id between @start
 * and @end, as scholia_text_offsets_context() cuts it when an annotation is written, into
 * @from and @to; FALSE if there is no such document. */
static gboolean
cut_passage (ScholiaPassageSql  *self,
             int                 part,
             gint64              id,
             int                 start,
             int                 end,
             const char        **from,
             const char        **to)
{
  KeptText *kept = find_text (self, id);

  if (kept == NULL)
    return FALSE;
  switch (part)
    {
    case 0:
      *from = text_pointer (kept, start);
      *to = text_pointer (kept, end);
      break;
    case 1:
      *from = text_pointer (kept, MAX (0, start - SCHOLIA_ANCHOR_CONTEXT_LENGTH));
      *to = text_pointer (kept, start);
      break;
    default:
      /* Clamped to the text's length by text_pointer(). */
      *from = text_pointer (kept, end);
      *to = text_pointer (kept, end + SCHOLIA_ANCHOR_CONTEXT_LENGTH);
      break;
    }
  *to = MAX (*to, *from);
  return TRUE;
}

/* scholia_passage(part, stored, document_id, start, end) */
static void
passage_function (sqlite3_context  *context,
                  int               n_values,
                  sqlite3_value   **values)
{
  const char *from, *to;

  if (sqlite3_value_type (values[1]) != SQLITE_NULL)
    sqlite3_result_value (context, values[1]);
  else if (cut_passage (sqlite3_user_data (context), sqlite3_value_int (values[0]), sqlite3_value_int64 (values[2]),
                        sqlite3_value_int (values[3]), sqlite3_value_int (values[4]), &from, &to))
    sqlite3_result_text (context, from, to - from, SQLITE_TRANSIENT);
  else
    sqlite3_result_null (context);
}

/* scholia_stored_passage(part, value, document_id, start, end): NULL when the text holds @value. */
static void
stored_passage_function (sqlite3_context  *context,
                         int               n_values,
                         sqlite3_value   **values)
{
  ScholiaPassageSql *self = sqlite3_user_data (context);
  const char *value = (const char *) sqlite3_value_text (values[1]);
  int length = sqlite3_value_bytes (values[1]);
  const char *from, *to;

  if (self->deriving && value != NULL &&
      cut_passage (self, sqlite3_value_int (values[0]), sqlite3_value_int64 (values[2]),
                   sqlite3_value_int (values[3]), sqlite3_value_int (values[4]), &from, &to) &&
      to - from == length && memcmp (from, value, length) == 0)
    sqlite3_result_null (context);
  else
    sqlite3_result_value (context, values[1]);
}

void
scholia_passage_sql_set_deriving (ScholiaPassageSql *self,
                                  gboolean           deriving)
{
  self->deriving = deriving;
}

int
scholia_passage_sql_register (ScholiaDb          *db,
                              sqlite3            *handle,
                              ScholiaPassageSql **passages)
{
  ScholiaPassageSql *self = g_new0 (ScholiaPassageSql, 1);
  int rc;

  self->db = db;
  self->handle = handle;
  *passages = self;
  sqlite3_rollback_hook (handle, forget_on_rollback, self);
  /* Not deterministic: the result depends on the document's text. Allowed in triggers, which
   * write with it (see scholia-schema.c, version 14). The first owns the texts kept. */
  rc = sqlite3_create_function_v2 (handle, "scholia_passage", 5, SQLITE_UTF8, self,
                                   passage_function, NULL, NULL, passage_sql_free);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (handle, "scholia_stored_passage", 5, SQLITE_UTF8, self,
                                  stored_passage_function, NULL, NULL);
  return rc;
}
