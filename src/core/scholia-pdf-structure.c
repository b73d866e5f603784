/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "scholia-pdf-premark.h"
#include "scholia-pdf-qpdf.h"
#include "scholia-pdf-structure.h"

#define CONTINUES "NonStruct"
#define CONTINUED "Private"

/* Joining split elements: the elements whose next piece is still to come, in the order of the
 * document (side by side, the handout's columns each have one), the parent tree's arrays
 * (which element each marked sequence of a page belongs to), by the pages' /StructParents, and
 * the objects changed, by number, which the update writes again once all are joined. */
typedef struct
{
  qpdf_data   qpdf;
  GQueue      heads;
  GHashTable *parent_arrays;
  GHashTable *changed;
} Joiner;

/* A parent tree's array, and the object that holds it: itself, or the tree's node. */
typedef struct
{
  qpdf_oh array;
  qpdf_oh holder;
} ParentArray;

/* @object has changed: the update writes it, or @holder when @object lies inside it. */
static void
touch (Joiner  *joiner,
       qpdf_oh  object,
       qpdf_oh  holder)
{
  qpdf_oh written = qpdf_oh_is_indirect (joiner->qpdf, object) ? object : holder;

  g_hash_table_insert (joiner->changed, GINT_TO_POINTER (qpdf_oh_get_object_id (joiner->qpdf, written)),
                       GUINT_TO_POINTER (written));
}

void
scholia_pdf_structure_begin_piece (cairo_t    *cr,
                                   const char *type,
                                   gboolean    continued,
                                   gboolean    continues)
{
  if (continued)
    cairo_tag_begin (cr, CONTINUED, "");
  if (continues)
    cairo_tag_begin (cr, CONTINUES, "");
  cairo_tag_begin (cr, type, "");
}

void
scholia_pdf_structure_end_piece (cairo_t    *cr,
                                 const char *type,
                                 gboolean    continued,
                                 gboolean    continues)
{
  cairo_tag_end (cr, type);
  if (continues)
    cairo_tag_end (cr, CONTINUES);
  if (continued)
    cairo_tag_end (cr, CONTINUED);
}

/* Asked of anything else, qpdf would warn for each of the many marked sequences' numbers. */
static gboolean
is_element (qpdf_data qpdf,
            qpdf_oh   object)
{
  return qpdf_oh_is_dictionary (qpdf, object) && qpdf_oh_has_key (qpdf, object, "/S");
}

/* @object as an array: itself, its one item, or none when it is missing. */
static qpdf_oh
as_array (qpdf_data qpdf,
          qpdf_oh   object)
{
  if (qpdf_oh_is_null (qpdf, object))
    return qpdf_oh_new_array (qpdf);
  return qpdf_oh_wrap_in_array (qpdf, object);
}

/* Reading every token of a page, and compressing it again, is the dearest part of finishing the
 * file: it is done while the pages are drawn (scholia-pdf-premark.h), and what was not is shared
 * between two threads here. qpdf itself is not thread-safe: only the tokenizer, each with its
 * own, and zlib run in both. */
typedef struct
{
  GBytes **contents;  /* decoded, or NULL for a page done ahead */
  GBytes **deflated;  /* the marked content compressed */
  int      n_pages;
  int      first;     /* every other page from here */
  GError  *error;
} MarkShare;

static gpointer
mark_share (gpointer data)
{
  MarkShare *share = data;

  for (int i = share->first; i < share->n_pages && share->error == NULL; i += 2)
    {
      gsize length;
      const char *content;
      g_autoptr(GBytes) marked = NULL;

      if (share->contents[i] == NULL)
        continue;
      content = g_bytes_get_data (share->contents[i], &length);
      marked = scholia_pdf_mark_artifacts (content, length, &share->error);
      g_clear_pointer (&share->contents[i], g_bytes_unref);
      if (marked != NULL)
        {
          content = g_bytes_get_data (marked, &length);
          share->deflated[i] = scholia_pdf_update_deflate (content, length, &share->error);
        }
    }
  return NULL;
}

/* The page's content is all in its first stream now, any others emptied: the page itself is
 * not written again, and the highlights' update of it stays the only one. */
static void
replace_content (ScholiaPdfUpdate *update,
                 qpdf_oh           page,
                 GBytes           *deflated)
{
  qpdf_data qpdf = scholia_pdf_update_get_qpdf (update);
  qpdf_oh streams = qpdf_oh_get_key (qpdf, page, "/Contents");
  g_autoptr(GBytes) nothing = NULL;

  if (qpdf_oh_is_stream (qpdf, streams))
    {
      scholia_pdf_update_replace_stream (update, streams, deflated);
      return;
    }
  for (int i = 0; qpdf_oh_is_array (qpdf, streams) && i < qpdf_oh_get_array_n_items (qpdf, streams); i++)
    {
      qpdf_oh stream = qpdf_oh_get_array_item (qpdf, streams, i);

      if (!qpdf_oh_is_stream (qpdf, stream))
        continue;
      if (i > 0 && nothing == NULL)
        nothing = scholia_pdf_update_deflate ("", 0, NULL);
      scholia_pdf_update_replace_stream (update, stream, i == 0 ? deflated : nothing);
    }
}

/* @page's content as marked ahead: cairo writes it in one stream. */
static GBytes *
take_premarked (qpdf_data          qpdf,
                qpdf_oh            page,
                ScholiaPdfPremark *premark)
{
  qpdf_oh stream = qpdf_oh_get_key (qpdf, page, "/Contents");
  qpdf_oh length;

  if (premark == NULL || !qpdf_oh_is_stream (qpdf, stream))
    return NULL;
  length = qpdf_oh_get_key (qpdf, qpdf_oh_get_dict (qpdf, stream), "/Length");
  if (!qpdf_oh_is_integer (qpdf, length) || qpdf_oh_get_int_value (qpdf, length) < 0)
    return NULL;
  return scholia_pdf_premark_take (premark, qpdf_oh_get_object_id (qpdf, stream),
                                   (gsize) qpdf_oh_get_int_value (qpdf, length));
}

static gboolean
mark_artifacts (ScholiaPdfUpdate   *update,
                ScholiaPdfPremark  *premark,
                int                 n_pages,
                GError            **error)
{
  qpdf_data qpdf = scholia_pdf_update_get_qpdf (update);
  g_autofree GBytes **contents = g_new0 (GBytes *, n_pages);
  g_autofree GBytes **deflated = g_new0 (GBytes *, n_pages);
  MarkShare shares[2] = { { contents, deflated, n_pages, 0, NULL }, { contents, deflated, n_pages, 1, NULL } };
  gboolean done = TRUE, left = FALSE;

  for (int i = 0; i < n_pages && done; i++)
    {
      qpdf_oh page = qpdf_get_page_n (qpdf, i);
      unsigned char *content = NULL;
      size_t length = 0;

      deflated[i] = take_premarked (qpdf, page, premark);
      if (deflated[i] != NULL)
        continue;
      left = TRUE;
      if (qpdf_oh_get_page_content_data (qpdf, page, &content, &length) != QPDF_SUCCESS)
        done = scholia_pdf_qpdf_check (qpdf, error);
      else
        contents[i] = g_bytes_new_with_free_func (content, length, free, content);
    }

  if (done && left)
    {
      GThread *helper = g_thread_new ("scholia-artifacts", mark_share, &shares[1]);

      mark_share (&shares[0]);
      g_thread_join (helper);
    }
  for (guint s = 0; s < G_N_ELEMENTS (shares); s++)
    if (shares[s].error != NULL)
      {
        if (done)
          g_propagate_error (error, g_steal_pointer (&shares[s].error));
        g_clear_error (&shares[s].error);
        done = FALSE;
      }

  for (int i = 0; i < n_pages && done; i++)
    replace_content (update, qpdf_get_page_n (qpdf, i), deflated[i]);
  done = done && scholia_pdf_qpdf_check (qpdf, error);

  for (int i = 0; i < n_pages; i++)
    {
      g_clear_pointer (&contents[i], g_bytes_unref);
      g_clear_pointer (&deflated[i], g_bytes_unref);
    }
  return done;
}

static void
collect_parent_arrays (Joiner  *joiner,
                       qpdf_oh  node,
                       qpdf_oh  holder)
{
  qpdf_data qpdf = joiner->qpdf;
  qpdf_oh nums, kids;
  int n_nums, n_kids;

  if (!qpdf_oh_is_dictionary (qpdf, node))
    return;
  if (qpdf_oh_is_indirect (qpdf, node))
    holder = node;
  nums = as_array (qpdf, qpdf_oh_get_key (qpdf, node, "/Nums"));
  kids = as_array (qpdf, qpdf_oh_get_key (qpdf, node, "/Kids"));
  n_nums = qpdf_oh_get_array_n_items (qpdf, nums);
  n_kids = qpdf_oh_get_array_n_items (qpdf, kids);

  for (int i = 0; i + 1 < n_nums; i += 2)
    {
      qpdf_oh value = qpdf_oh_get_array_item (qpdf, nums, i + 1);

      if (qpdf_oh_is_array (qpdf, value))
        {
          ParentArray *array = g_new (ParentArray, 1);

          array->array = value;
          array->holder = qpdf_oh_is_indirect (qpdf, value) ? value : holder;
          g_hash_table_insert (joiner->parent_arrays,
                               GINT_TO_POINTER (qpdf_oh_get_int_value_as_int (qpdf, qpdf_oh_get_array_item (qpdf, nums, i))),
                               array);
        }
    }
  for (int i = 0; i < n_kids; i++)
    collect_parent_arrays (joiner, qpdf_oh_get_array_item (qpdf, kids, i), holder);
}

/* The marked sequence @mcid of @page belongs to @element now. */
static void
repoint_sequence (Joiner  *joiner,
                  qpdf_oh  page,
                  int      mcid,
                  qpdf_oh  element)
{
  qpdf_data qpdf = joiner->qpdf;
  qpdf_oh key = qpdf_oh_get_key (qpdf, page, "/StructParents");
  ParentArray *array;

  if (!qpdf_oh_is_integer (qpdf, key))
    return;
  array = g_hash_table_lookup (joiner->parent_arrays, GINT_TO_POINTER (qpdf_oh_get_int_value_as_int (qpdf, key)));
  if (array != NULL && mcid >= 0 && mcid < qpdf_oh_get_array_n_items (qpdf, array->array))
    {
      qpdf_oh_set_array_item (qpdf, array->array, mcid, element);
      touch (joiner, array->array, array->holder);
    }
}

/* Moves @piece's content into @head: a sequence named by its number alone (on the piece's
 * page) becomes a reference naming its page, a child element changes parent. */
static void
join_piece (Joiner  *joiner,
            qpdf_oh  head,
            qpdf_oh  piece)
{
  qpdf_data qpdf = joiner->qpdf;
  qpdf_oh page = qpdf_oh_get_key (qpdf, piece, "/Pg");
  qpdf_oh head_kids = as_array (qpdf, qpdf_oh_get_key (qpdf, head, "/K"));
  qpdf_oh kids = as_array (qpdf, qpdf_oh_get_key (qpdf, piece, "/K"));
  int n_kids = qpdf_oh_get_array_n_items (qpdf, kids);

  qpdf_oh_replace_key (qpdf, head, "/K", head_kids);
  touch (joiner, head, head);
  for (int i = 0; i < n_kids; i++)
    {
      qpdf_oh kid = qpdf_oh_get_array_item (qpdf, kids, i);

      if (qpdf_oh_is_integer (qpdf, kid))
        {
          int mcid = qpdf_oh_get_int_value_as_int (qpdf, kid);

          kid = qpdf_oh_new_dictionary (qpdf);
          qpdf_oh_replace_key (qpdf, kid, "/Type", qpdf_oh_new_name (qpdf, "/MCR"));
          qpdf_oh_replace_key (qpdf, kid, "/Pg", page);
          qpdf_oh_replace_key (qpdf, kid, "/MCID", qpdf_oh_new_integer (qpdf, mcid));
          repoint_sequence (joiner, page, mcid, head);
        }
      else if (is_element (qpdf, kid))
        {
          qpdf_oh_replace_key (qpdf, kid, "/P", head);
          touch (joiner, kid, head);
        }
      else if (qpdf_oh_is_dictionary (qpdf, kid))
        {
          if (!qpdf_oh_has_key (qpdf, kid, "/Pg"))
            qpdf_oh_replace_key (qpdf, kid, "/Pg", page);
          if (qpdf_oh_has_key (qpdf, kid, "/MCID"))
            repoint_sequence (joiner, qpdf_oh_get_key (qpdf, kid, "/Pg"),
                              qpdf_oh_get_int_value_as_int (qpdf, qpdf_oh_get_key (qpdf, kid, "/MCID")), head);
        }
      qpdf_oh_append_item (qpdf, head_kids, kid);
    }
}

/* The one element inside a wrapper, 0 when it holds none or several. */
static qpdf_oh
wrapped_element (qpdf_data qpdf,
                 qpdf_oh   wrapper)
{
  qpdf_oh kids = qpdf_oh_get_key (qpdf, wrapper, "/K");

  if (qpdf_oh_is_array (qpdf, kids))
    {
      if (qpdf_oh_get_array_n_items (qpdf, kids) != 1)
        return 0;
      kids = qpdf_oh_get_array_item (qpdf, kids, 0);
    }
  return is_element (qpdf, kids) ? kids : 0;
}

/* Replaces the wrapper at @index of @parent's @kids by the piece it holds, or drops it when the
 * piece joins an element met before; returns whether it was dropped. */
static gboolean
join_wrapped (Joiner  *joiner,
              qpdf_oh  parent,
              qpdf_oh  kids,
              int      index)
{
  qpdf_data qpdf = joiner->qpdf;
  qpdf_oh piece = qpdf_oh_get_array_item (qpdf, kids, index);
  gboolean continued = FALSE, continues = FALSE;

  for (;;)
    {
      qpdf_oh type = qpdf_oh_get_key (qpdf, piece, "/S");
      qpdf_oh inner;

      if (qpdf_oh_is_name_and_equals (qpdf, type, "/" CONTINUED) && !continued)
        continued = TRUE;
      else if (qpdf_oh_is_name_and_equals (qpdf, type, "/" CONTINUES) && !continues)
        continues = TRUE;
      else
        break;
      inner = wrapped_element (qpdf, piece);
      if (inner == 0)
        return FALSE;
      piece = inner;
    }
  if (!continued && !continues)
    return FALSE;

  if (continued && !g_queue_is_empty (&joiner->heads))
    {
      qpdf_oh head = GPOINTER_TO_UINT (g_queue_pop_head (&joiner->heads));

      join_piece (joiner, head, piece);
      qpdf_oh_erase_item (qpdf, kids, index);
      touch (joiner, kids, parent);
      if (continues)
        g_queue_push_tail (&joiner->heads, GUINT_TO_POINTER (head));
      return TRUE;
    }
  qpdf_oh_replace_key (qpdf, piece, "/P", parent);
  qpdf_oh_set_array_item (qpdf, kids, index, piece);
  touch (joiner, piece, parent);
  touch (joiner, kids, parent);
  if (continues)
    g_queue_push_tail (&joiner->heads, GUINT_TO_POINTER (piece));
  return FALSE;
}

/* In the order of the document, so that each element's pieces are met in turn. */
static void
join_children (Joiner  *joiner,
               qpdf_oh  parent)
{
  qpdf_data qpdf = joiner->qpdf;
  qpdf_oh kids = qpdf_oh_get_key (qpdf, parent, "/K");

  if (is_element (qpdf, kids))
    {
      kids = qpdf_oh_wrap_in_array (qpdf, kids);
      qpdf_oh_replace_key (qpdf, parent, "/K", kids);
      touch (joiner, parent, parent);
    }
  if (!qpdf_oh_is_array (qpdf, kids))
    return;
  for (int i = 0; i < qpdf_oh_get_array_n_items (qpdf, kids);)
    {
      qpdf_oh kid = qpdf_oh_get_array_item (qpdf, kids, i);

      if (!is_element (qpdf, kid))
        {
          i++;
          continue;
        }
      if (join_wrapped (joiner, parent, kids, i))
        continue;
      /* The piece now in the wrapper's place, or any other element. */
      join_children (joiner, qpdf_oh_get_array_item (qpdf, kids, i));
      i++;
    }
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  int left = GPOINTER_TO_INT (a);
  int right = GPOINTER_TO_INT (b);

  return (left > right) - (left < right);
}

/* The changed elements and parent tree written again, in the order of their numbers. */
static void
write_changed (Joiner           *joiner,
               ScholiaPdfUpdate *update)
{
  GList *numbers = g_list_sort (g_hash_table_get_keys (joiner->changed), compare_numbers);

  for (GList *l = numbers; l != NULL; l = l->next)
    scholia_pdf_update_replace (update, GPOINTER_TO_UINT (g_hash_table_lookup (joiner->changed, l->data)), NULL);
  g_list_free (numbers);
}

gboolean
scholia_pdf_structure_finish (ScholiaPdfUpdate   *update,
                              ScholiaPdfPremark  *premark,
                              GError            **error)
{
  qpdf_data qpdf = scholia_pdf_update_get_qpdf (update);
  int n_pages = qpdf_get_num_pages (qpdf);
  qpdf_oh tree = qpdf_oh_get_key (qpdf, qpdf_get_root (qpdf), "/StructTreeRoot");
  Joiner joiner = { qpdf, G_QUEUE_INIT, NULL, NULL };

  if (n_pages < 0)
    return scholia_pdf_qpdf_check (qpdf, error);
  if (!mark_artifacts (update, premark, n_pages, error))
    return FALSE;

  if (!qpdf_oh_is_dictionary (qpdf, tree))
    return TRUE;
  joiner.parent_arrays = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  joiner.changed = g_hash_table_new (NULL, NULL);
  collect_parent_arrays (&joiner, qpdf_oh_get_key (qpdf, tree, "/ParentTree"), tree);
  join_children (&joiner, tree);
  write_changed (&joiner, update);
  g_queue_clear (&joiner.heads);
  g_hash_table_unref (joiner.parent_arrays);
  g_hash_table_unref (joiner.changed);
  return scholia_pdf_qpdf_check (qpdf, error);
}

gboolean
scholia_pdf_structure_append (ScholiaPdfUpdate  *update,
                              gpointer           user_data,
                              GError           **error)
{
  scholia_pdf_update_set_language (update, user_data);
  return TRUE;
}
