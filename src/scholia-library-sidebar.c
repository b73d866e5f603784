/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scholia-author-group.h"
#include "scholia-dates.h"
#include "scholia-document-row.h"
#include "scholia-library-sidebar.h"
#include "scholia-search-results.h"
#include "scholia-seminar-store.h"

/* The sidebar's models, from the store down to the list view:
 *
 *   store documents ─┬─ author group: its essays (GListStore) ─ search filter ─ sort (date, title)
 *                    └─ …one group per author in the library
 *   groups (GListStore) ─ sorted by name ─ listed (groups with matching essays) ─ tree ─ selection
 *
 * An essay of a seminar is listed under the seminar's name instead of its author's, so that a
 * participant finds the seminar's reading together; such groups come first.
 *
 * Every stage is a GListModel that updates itself, so a change in the store reaches the rows
 * without rebuilding them. The sidebar puts each essay into its group's list, once, as the store
 * lists it (a filter per group over the whole library would ask authors × essays questions as it
 * opens: ten million for 10,000 essays by 1,000 authors), moves it when its author or seminar
 * changes, and tells the filter and the sorters when a property they read has changed; the
 * store's "document-changed" says which essay changed, one handler for the whole library. The
 * tree expands every group as it lists it, so each author's rows are made with its group. A
 * library of 1,000 essays or more is listed after the window's first frame (list_later()).
 *
 * Full-text search shares the filter entry rather than having a mode of its own: what the user
 * types narrows the essays by title and author at once, and after a pause (or on Enter) the same
 * words are looked for in every text and note, the matches listed in an "In the Text" section
 * under the essays. One entry, no toggle to forget about, and a title match never hides the
 * passages that mention the words. Down in the entry moves into those matches. */

/* Searching every text on each key press would make typing stutter in a large library. */
#define TEXT_SEARCH_DELAY_MS 300
#define TEXT_SEARCH_MIN_CHARS 3

/* A library of this many essays is listed after the window's first frame (see list_later()). */
#define LIST_LATER_FROM 1000

static gboolean
is_seminar_key (const char *key)
{
  return g_str_has_prefix (key, SCHOLIA_SEMINAR_MARK);
}

static const char *
document_author_key (ScholiaDocument *document)
{
  const char *author = scholia_document_get_author (document);

  return author != NULL ? author : "";
}

/* The group the document is listed in: its seminar's, else its author's. */
static const char *
document_group_key (GHashTable      *seminar_keys,
                    ScholiaDocument *document)
{
  gint64 id = scholia_document_get_id (document);
  const char *seminar_key = g_hash_table_lookup (seminar_keys, &id);

  return seminar_key != NULL ? seminar_key : document_author_key (document);
}

/* ScholiaLibrarySidebar */

struct _ScholiaLibrarySidebar
{
  GtkWidget           parent_instance;

  ScholiaStore       *store;
  ScholiaDocument    *selected_document;
  char               *search_text;

  GtkCustomFilter    *search_filter;
  GtkCustomSorter    *document_sorter;
  GtkCustomSorter    *group_sorter;     /* owned by the sorted groups */
  GListStore         *groups;
  GHashTable         *groups_by_key;
  /* Document id → its seminar's group key, for the essays of the library's seminars. */
  GHashTable         *seminar_keys;
  GtkCustomFilter    *listed_filter;
  GtkTreeListModel   *tree;
  GtkSingleSelection *selection;
  /* ScholiaDocument → the key of the group it was filed in, for every document of the store:
   * the group it leaves when its author changes. */
  GHashTable         *filed;
  /* Set while the sidebar itself changes the selection, which is not the user choosing. */
  gboolean            selecting;
  GtkWidget          *context_menu;
  /* Hiding emptied author groups waits for the tree to finish the change that emptied them. */
  guint               hide_groups_source;
  guint               text_search_source;
  /* Set while a large library waits for the first frame to be listed. */
  gboolean            listing_later;
  guint               list_source;

  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkWidget          *scrolled_window;
  GtkListView        *list_view;
  guint               scroll_tick;  /* scroll_to_selection() waiting for the list's layout */
  GMenuModel         *context_menu_model;
  GtkWidget          *search_separator;
  ScholiaSearchResults *search_results;
};

G_DEFINE_FINAL_TYPE (ScholiaLibrarySidebar, scholia_library_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_DOCUMENT,
  N_PROPS
};

enum {
  DOCUMENT_ACTIVATED,
  SEARCH_RESULT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
search_filter_func (gpointer item,
                    gpointer user_data)
{
  ScholiaLibrarySidebar *self = user_data;
  ScholiaDocument *document = item;
  g_autofree char *haystack = NULL;

  if (self->search_text == NULL)
    return TRUE;

  /* One string, so that "hale river" finds Hale's essay on rivers; g_str_match_string folds case
   * and accents and matches word prefixes, as GNOME's searches do. */
  haystack = g_strconcat (scholia_document_get_title (document) ?: "", " ",
                          scholia_document_get_author (document) ?: "", NULL);

  return g_str_match_string (self->search_text, haystack, TRUE);
}

static int
document_sorter_func (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  ScholiaDocument *first = (ScholiaDocument *) a;
  ScholiaDocument *second = (ScholiaDocument *) b;
  int result;

  result = scholia_dates_compare (scholia_document_get_date (first),
                                  scholia_document_get_date (second));
  if (result == 0)
    result = g_utf8_collate (scholia_document_get_title (first) ?: "",
                             scholia_document_get_title (second) ?: "");

  return result;
}

static gboolean
listed_filter_func (gpointer item,
                    gpointer user_data)
{
  return scholia_author_group_get_listed (SCHOLIA_AUTHOR_GROUP (item));
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  if (!SCHOLIA_IS_AUTHOR_GROUP (item))
    return NULL;

  return g_object_ref (scholia_author_group_get_documents (SCHOLIA_AUTHOR_GROUP (item)));
}

static gpointer
row_item (ScholiaLibrarySidebar *self,
          guint                  position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (row == NULL)
    return NULL;

  return gtk_tree_list_row_get_item (row);
}

static guint
find_document_position (ScholiaLibrarySidebar *self,
                        ScholiaDocument       *document)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = row_item (self, i);

      if (item == (GObject *) document)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
update_actions (ScholiaLibrarySidebar *self)
{
  gboolean has_document = self->selected_document != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.properties", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.delete", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.context-menu", has_document);
}

/* Shows the selected document's row when it is listed, without that counting as the user's
 * choice. A document hidden by the filter stays selected and is shown again when it returns. */
/* At a frame after a change, once the list is laid out: GTK 4.8's list view scrolls only to a
 * row it has measured, and a list just shown (a large library's, listed after the first frame)
 * has none until its first allocation. */
static gboolean
scroll_to_selection (GtkWidget     *list_view,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  ScholiaLibrarySidebar *self = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION && gtk_adjustment_get_upper (adjustment) == 0)
    return G_SOURCE_CONTINUE;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
sync_selection (ScholiaLibrarySidebar *self)
{
  GtkTreeListRow *selected_row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GObject) selected_item = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  if (selected_row != NULL)
    selected_item = gtk_tree_list_row_get_item (selected_row);

  if (selected_item == (GObject *) self->selected_document)
    return;

  /* An author heading the user moved to stays selected: only documents are kept in step. */
  if (self->selected_document == NULL && !SCHOLIA_IS_DOCUMENT (selected_item))
    return;

  if (self->selected_document != NULL)
    position = find_document_position (self, self->selected_document);

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
  /* The essay the window opened (the last read, one given on the command line) may be far
   * down a large library: the reader sees where it is, as when they chose it. */
  if (position != GTK_INVALID_LIST_POSITION && self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), scroll_to_selection,
                                                      self, NULL);
}

static void
set_selected_document (ScholiaLibrarySidebar *self,
                       ScholiaDocument       *document)
{
  if (!g_set_object (&self->selected_document, document))
    return;

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_DOCUMENT]);
}

static void
choose_document (ScholiaLibrarySidebar *self,
                 ScholiaDocument       *document)
{
  set_selected_document (self, document);
  sync_selection (self);
  g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, document);
}

static void
update_page (ScholiaLibrarySidebar *self)
{
  gboolean no_match = self->search_text != NULL &&
                      g_list_model_get_n_items (G_LIST_MODEL (self->tree)) == 0;
  gboolean text_shown = gtk_widget_get_visible (GTK_WIDGET (self->search_results));
  GListModel *text_matches = scholia_search_results_get_results (self->search_results);
  gboolean essays_shown;

  gtk_stack_set_visible_child_name (self->stack, no_match ? "no-match" : "list");

  /* With matches in the texts below, an empty list of essays would only push them down. */
  essays_shown = !(no_match && text_shown && g_list_model_get_n_items (text_matches) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->stack), essays_shown);
  gtk_widget_set_visible (self->search_separator, essays_shown && text_shown);
}

static gboolean
hide_empty_groups_cb (gpointer user_data)
{
  ScholiaLibrarySidebar *self = user_data;
  GListModel *groups = G_LIST_MODEL (self->groups);
  gboolean changed = FALSE;

  self->hide_groups_source = 0;
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(ScholiaAuthorGroup) group = g_list_model_get_item (groups, i);

      if (scholia_author_group_get_listed (group) && scholia_author_group_get_count (group) == 0)
        {
          scholia_author_group_set_listed (group, FALSE);
          changed = TRUE;
        }
    }

  if (changed)
    gtk_filter_changed (GTK_FILTER (self->listed_filter), GTK_FILTER_CHANGE_MORE_STRICT);
  return G_SOURCE_REMOVE;
}

static void
on_group_count_cb (ScholiaLibrarySidebar *self,
                   GParamSpec            *pspec,
                   ScholiaAuthorGroup    *group)
{
  gboolean listed = scholia_author_group_get_count (group) > 0;

  if (listed == scholia_author_group_get_listed (group))
    return;

  if (listed)
    {
      scholia_author_group_set_listed (group, TRUE);
      gtk_filter_changed (GTK_FILTER (self->listed_filter), GTK_FILTER_CHANGE_LESS_STRICT);
      return;
    }

  /* The count drops while GtkTreeListModel is still handling the removal from this group's
   * documents; filtering the group's row away inside that emission leaves GTK 4.8's tree
   * showing the wrong children under the groups that follow. So it waits, at high priority:
   * still before the next frame is drawn. */
  if (self->hide_groups_source == 0)
    self->hide_groups_source = g_idle_add_full (G_PRIORITY_HIGH, hide_empty_groups_cb, self, NULL);
}

/* A new group, known by its key; the caller lists it (in one change with the others). */
static ScholiaAuthorGroup *
add_group (ScholiaLibrarySidebar *self,
           const char            *key,
           const char            *sort_key,
           GPtrArray             *members)
{
  ScholiaAuthorGroup *group;

  group = scholia_author_group_new (key, sort_key, members, GTK_FILTER (self->search_filter),
                                    GTK_SORTER (self->document_sorter));
  scholia_author_group_set_listed (group, scholia_author_group_get_count (group) > 0);
  g_signal_connect_object (group, "notify::count", G_CALLBACK (on_group_count_cb), self,
                           G_CONNECT_SWAPPED);

  g_hash_table_insert (self->groups_by_key, (gpointer) scholia_author_group_get_key (group), group);
  return group;
}

/* Puts @documents, all of the group @key, into that group; a new one is made and added to
 * @new_groups, which the caller lists. */
static void
join_group (ScholiaLibrarySidebar *self,
            const char            *key,
            GPtrArray             *documents,
            GPtrArray             *new_groups)
{
  ScholiaAuthorGroup *group = g_hash_table_lookup (self->groups_by_key, key);
  ScholiaDocument *first = g_ptr_array_index (documents, 0);

  if (group != NULL)
    {
      scholia_author_group_add (group, documents);
      return;
    }

  /* A seminar's group files by the seminar's name, whoever wrote its essays. */
  g_ptr_array_add (new_groups,
                   add_group (self, key,
                              is_seminar_key (key) ? key + strlen (SCHOLIA_SEMINAR_MARK)
                                                   : scholia_document_get_author_sort_key (first),
                              documents));
}

/* Lists @new_groups in one change: one by one, the sorter, the filter, the tree and the list's
 * rows would each follow every group (1,000 authors as a large library opens). */
static void
list_groups (ScholiaLibrarySidebar *self,
             GPtrArray             *new_groups)
{
  if (new_groups->len > 0)
    g_list_store_splice (self->groups, g_list_model_get_n_items (G_LIST_MODEL (self->groups)), 0,
                         new_groups->pdata, new_groups->len);
}

static void
join_group_one (ScholiaLibrarySidebar *self,
                const char            *key,
                ScholiaDocument       *document)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GPtrArray) new_groups = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (one, document);
  join_group (self, key, one, new_groups);
  list_groups (self, new_groups);
}

static void
leave_group (ScholiaLibrarySidebar *self,
             const char            *key,
             ScholiaDocument       *document)
{
  ScholiaAuthorGroup *group = g_hash_table_lookup (self->groups_by_key, key);

  if (group != NULL)
    scholia_author_group_remove (group, document);
}

/* A group lasts as long as it has essays, whether or not the search lists any of them, so that
 * clearing the search only has to show groups again. */
static void
remove_empty_groups (ScholiaLibrarySidebar *self)
{
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->groups)); i > 0; i--)
    {
      g_autoptr(ScholiaAuthorGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups),
                                                                   i - 1);

      if (scholia_author_group_get_n_members (group) > 0)
        continue;

      g_hash_table_remove (self->groups_by_key, scholia_author_group_get_key (group));
      g_list_store_remove (self->groups, i - 1);
    }
}

/* Moves @document from the group it was filed in to the one it belongs to now. */
static void
move_to_group (ScholiaLibrarySidebar *self,
               ScholiaDocument       *document)
{
  const char *old_key = g_hash_table_lookup (self->filed, document);
  char *key = g_strdup (document_group_key (self->seminar_keys, document));

  if (old_key == NULL || g_str_equal (old_key, key))
    {
      g_free (key);
      return;
    }
  join_group_one (self, key, document);
  leave_group (self, old_key, document);
  g_hash_table_insert (self->filed, g_object_ref (document), key);
}

/* One handler for the library's essays rather than one on each (10,000 in a large library): the
 * store says which essay changed, and the filter, the groups and the sorters are told, since
 * models only look again when told. */
static void
on_store_document_changed_cb (ScholiaLibrarySidebar *self,
                              ScholiaDocument       *document,
                              ScholiaStore          *store)
{
  const char *key;
  ScholiaAuthorGroup *group;

  if (!g_hash_table_contains (self->filed, document))
    return;

  if (self->search_text != NULL)
    gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);

  move_to_group (self, document);
  remove_empty_groups (self);

  /* A seminar's group files by the seminar's name, whoever wrote its essays. */
  key = document_group_key (self->seminar_keys, document);
  group = g_hash_table_lookup (self->groups_by_key, key);
  if (group != NULL && !is_seminar_key (key) &&
      scholia_author_group_set_sort_key (group, scholia_document_get_author_sort_key (document)))
    gtk_sorter_changed (GTK_SORTER (self->group_sorter), GTK_SORTER_CHANGE_DIFFERENT);

  /* Only the groups the user has opened have their essays sorted. */
  gtk_sorter_changed (GTK_SORTER (self->document_sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Which essays belong to a seminar, read again from the store. */
static void
load_seminar_keys (ScholiaLibrarySidebar *self)
{
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (self->seminar_keys);
  if (self->store == NULL)
    return;

  seminars = scholia_store_list_seminars (self->store, &error);
  if (seminars == NULL)
    {
      g_warning ("Could not list the library’s seminars: %s", error->message);
      return;
    }

  for (guint i = 0; i < seminars->len; i++)
    {
      ScholiaSeminar *seminar = g_ptr_array_index (seminars, i);
      g_autoptr(GArray) essays = scholia_store_list_seminar_essays (self->store, seminar, &error);

      if (essays == NULL)
        {
          g_warning ("Could not list the essays of “%s”: %s", seminar->name, error->message);
          g_clear_error (&error);
          continue;
        }

      for (guint j = 0; j < essays->len; j++)
        g_hash_table_insert (self->seminar_keys,
                             g_memdup2 (&g_array_index (essays, gint64, j), sizeof (gint64)),
                             g_strconcat (SCHOLIA_SEMINAR_MARK, seminar->name, NULL));
    }
}

/* The store's model reports positions only, so which documents came and went is found by
 * comparing with the documents filed so far. */
static void
sync_documents (ScholiaLibrarySidebar *self)
{
  g_autoptr(GHashTable) current = g_hash_table_new (NULL, NULL);
  /* Group key → the documents new to it (borrowed), to add each group's in one change. */
  g_autoptr(GHashTable) joining = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) new_groups = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *documents = NULL;
  guint n_items = 0;
  GHashTableIter iter;
  gpointer key, value;

  if (self->store != NULL)
    {
      documents = scholia_store_get_documents (self->store);
      n_items = g_list_model_get_n_items (documents);
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);
      GPtrArray *members;
      char *group_key;

      g_hash_table_add (current, document);
      if (g_hash_table_contains (self->filed, document))
        continue;

      group_key = g_strdup (document_group_key (self->seminar_keys, document));
      g_hash_table_insert (self->filed, g_object_ref (document), group_key);

      members = g_hash_table_lookup (joining, group_key);
      if (members == NULL)
        g_hash_table_insert (joining, group_key, members = g_ptr_array_new ());
      g_ptr_array_add (members, document);
    }

  g_hash_table_iter_init (&iter, joining);
  while (g_hash_table_iter_next (&iter, &key, &value))
    join_group (self, key, value, new_groups);
  list_groups (self, new_groups);

  g_hash_table_iter_init (&iter, self->filed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (current, key))
        continue;

      leave_group (self, value, key);
      g_hash_table_iter_remove (&iter);
    }
  remove_empty_groups (self);

  if (self->selected_document != NULL && !g_hash_table_contains (current, self->selected_document))
    set_selected_document (self, NULL);
}

static void
on_documents_items_changed_cb (ScholiaLibrarySidebar *self,
                               guint                  position,
                               guint                  removed,
                               guint                  added,
                               GListModel            *documents)
{
  /* The listing to come reads them all. */
  if (!self->listing_later)
    sync_documents (self);
}

static gboolean
list_now_cb (gpointer user_data)
{
  ScholiaLibrarySidebar *self = user_data;

  self->list_source = 0;
  self->listing_later = FALSE;
  sync_documents (self);
  return G_SOURCE_REMOVE;
}

static void
on_frame_clock_after_paint_cb (GdkFrameClock         *frame_clock,
                               ScholiaLibrarySidebar *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, on_frame_clock_after_paint_cb, self);
  if (self->listing_later && self->list_source == 0)
    self->list_source = g_idle_add (list_now_cb, self);
}

static void
wait_for_first_frame (ScholiaLibrarySidebar *self)
{
  g_signal_handlers_disconnect_by_func (self, wait_for_first_frame, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_frame_clock_after_paint_cb), self, 0);
}

/* A large library is listed once the window has painted its first frame, with the essay it
 * opens: the list view makes its first 200 rows whatever its height (GTK 4.8), and the groups
 * of 1,000 authors, the rows and their models were 90 ms of processor time that the essay's
 * text need not wait for. Until then the sidebar is empty; the selected essay is shown as
 * selected when its row comes. */
static void
list_later (ScholiaLibrarySidebar *self)
{
  self->listing_later = TRUE;
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    wait_for_first_frame (self);
  else
    g_signal_connect (self, "realize", G_CALLBACK (wait_for_first_frame), NULL);
}

static void
cancel_listing_later (ScholiaLibrarySidebar *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->listing_later = FALSE;
  g_clear_handle_id (&self->list_source, g_source_remove);
  g_signal_handlers_disconnect_by_func (self, wait_for_first_frame, NULL);
  if (frame_clock != NULL)
    g_signal_handlers_disconnect_by_func (frame_clock, on_frame_clock_after_paint_cb, self);
}

static void
on_selection_items_changed_cb (ScholiaLibrarySidebar *self,
                               guint                  position,
                               guint                  removed,
                               guint                  added,
                               GListModel            *selection)
{
  sync_selection (self);
  update_page (self);
}

static void
on_selection_changed_cb (ScholiaLibrarySidebar *self,
                         guint                  position,
                         guint                  n_items,
                         GtkSelectionModel     *selection)
{
  GtkTreeListRow *selected_row;
  g_autoptr(GObject) item = NULL;

  if (self->selecting)
    return;

  selected_row = gtk_single_selection_get_selected_item (self->selection);
  if (selected_row != NULL)
    item = gtk_tree_list_row_get_item (selected_row);

  if (SCHOLIA_IS_DOCUMENT (item))
    choose_document (self, SCHOLIA_DOCUMENT (item));
  else
    set_selected_document (self, NULL); /* an author heading: nothing to open or delete */
}

static void
on_list_view_activate_cb (ScholiaLibrarySidebar *self,
                          guint                  position,
                          GtkListView           *list_view)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr(GObject) item = NULL;

  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);
  if (SCHOLIA_IS_DOCUMENT (item))
    choose_document (self, SCHOLIA_DOCUMENT (item));
  else
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

/* @query NULL hides the text matches. */
static void
show_text_matches (ScholiaLibrarySidebar *self,
                   const char            *query)
{
  g_clear_handle_id (&self->text_search_source, g_source_remove);

  scholia_search_results_set_query (self->search_results, query);
  gtk_widget_set_visible (GTK_WIDGET (self->search_results), query != NULL);
  update_page (self);
}

static void
search_text_now (ScholiaLibrarySidebar *self)
{
  show_text_matches (self, self->search_text);
}

static gboolean
text_search_cb (gpointer user_data)
{
  ScholiaLibrarySidebar *self = user_data;

  self->text_search_source = 0;
  search_text_now (self);
  return G_SOURCE_REMOVE;
}

/* Short words match too much of every text to be worth a search of their own: until the query
 * is long enough, or the user presses Enter, the text matches go away. */
static void
schedule_text_search (ScholiaLibrarySidebar *self)
{
  g_clear_handle_id (&self->text_search_source, g_source_remove);

  if (self->search_text == NULL || g_utf8_strlen (self->search_text, -1) < TEXT_SEARCH_MIN_CHARS)
    {
      show_text_matches (self, NULL);
      return;
    }

  self->text_search_source = g_timeout_add (TEXT_SEARCH_DELAY_MS, text_search_cb, self);
}

static void
on_text_matches_items_changed_cb (ScholiaLibrarySidebar *self,
                                  guint                  position,
                                  guint                  removed,
                                  guint                  added,
                                  GListModel            *text_matches)
{
  update_page (self);
}

static void
on_search_results_result_activated_cb (ScholiaLibrarySidebar *self,
                                       ScholiaDocument       *document,
                                       int                    offset,
                                       int                    length,
                                       ScholiaSearchResults  *results)
{
  /* The window opens it, and selects it in the list through select_document. */
  g_signal_emit (self, signals[SEARCH_RESULT_ACTIVATED], 0, document, offset, length);
}

/* Up from the first result goes back to the search entry, where Down came from. */
static gboolean
on_search_results_keynav_failed_cb (ScholiaLibrarySidebar *self,
                                    GtkDirectionType       direction,
                                    ScholiaSearchResults  *results)
{
  if (direction != GTK_DIR_UP)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  return TRUE;
}

static gboolean
on_search_entry_key_pressed_cb (GtkEventControllerKey *controller,
                                guint                  keyval,
                                guint                  keycode,
                                GdkModifierType        state,
                                ScholiaLibrarySidebar *self)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;

  if (self->text_search_source != 0)
    search_text_now (self);

  if (gtk_widget_get_visible (GTK_WIDGET (self->search_results)) &&
      scholia_search_results_focus_first (self->search_results))
    return GDK_EVENT_STOP;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));

  return GDK_EVENT_PROPAGATE;
}

/* Whether @keyval, typed in the list, belongs in the filter: what writes something, and what
 * edits what was typed. Space with nothing typed yet is the list's (it selects the row). */
static gboolean
is_typing (ScholiaLibrarySidebar *self,
           guint                  keyval,
           GdkModifierType        state)
{
  gunichar character = gdk_keyval_to_unicode (keyval);
  gboolean filtering = *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) != 0)
    return FALSE;

  if (keyval >= GDK_KEY_dead_grave && keyval <= GDK_KEY_dead_greek)
    return TRUE;

  if (keyval == GDK_KEY_space || keyval == GDK_KEY_BackSpace)
    return filtering;

  return g_unichar_isgraph (character);
}

/* The key goes to the entry and the focus with it. GTK's key capture would leave the focus in the
 * list, where the filter can hide the focused row: GTK then moves the focus to some button of the
 * window (Undo), and the next Space, which that capture leaves to the focused widget, pressed it. */
static gboolean
on_list_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        ScholiaLibrarySidebar *self)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->search_entry));

  if (!is_typing (self, keyval, state))
    return GDK_EVENT_PROPAGATE;

  gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
  gtk_editable_set_position (text, -1);
  gtk_event_controller_key_forward (controller, GTK_WIDGET (text));
  return GDK_EVENT_STOP;
}

static void
on_search_entry_search_changed_cb (ScholiaLibrarySidebar *self,
                                   GtkSearchEntry        *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search_text, g_free);
  if (*stripped != '\0')
    self->search_text = g_steal_pointer (&stripped);

  /* A new search can change every author's group, one "items-changed" each, and GTK 4.8's list
   * view rebinds its rows on every one of them: with a few hundred authors a key press took half
   * a second. Detached, the view sees the outcome once. The selection lives in the model, so it
   * survives. */
  gtk_list_view_set_model (self->list_view, NULL);
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_page (self);
  schedule_text_search (self);
}

/* Enter in the filter searches the texts at once and opens the first essay it lists, so that
 * typing a few letters and Enter is enough to open an essay; when no title matches, it moves to
 * the matches in the texts. */
static void
on_search_entry_activate_cb (ScholiaLibrarySidebar *self,
                             GtkSearchEntry        *entry)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  search_text_now (self);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = row_item (self, i);

      if (SCHOLIA_IS_DOCUMENT (item))
        {
          choose_document (self, SCHOLIA_DOCUMENT (item));
          gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
          return;
        }
    }

  scholia_search_results_focus_first (self->search_results);
}

static void
on_search_entry_stop_search_cb (ScholiaLibrarySidebar *self,
                                GtkSearchEntry        *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
popup_context_menu (ScholiaLibrarySidebar *self,
                    GtkWidget             *anchor,
                    double                 x,
                    double                 y)
{
  double sidebar_x, sidebar_y;

  if (self->selected_document == NULL)
    return;

  if (!gtk_widget_translate_coordinates (anchor, GTK_WIDGET (self), x, y, &sidebar_x, &sidebar_y))
    {
      sidebar_x = 0;
      sidebar_y = 0;
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) sidebar_x, (int) sidebar_y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
on_row_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkListItem     *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  ScholiaLibrarySidebar *self;
  GtkTreeListRow *tree_row = gtk_list_item_get_item (list_item);
  g_autoptr(GObject) item = NULL;

  self = SCHOLIA_LIBRARY_SIDEBAR (gtk_widget_get_ancestor (row, SCHOLIA_TYPE_LIBRARY_SIDEBAR));
  if (tree_row == NULL)
    return;

  item = gtk_tree_list_row_get_item (tree_row);
  if (!SCHOLIA_IS_DOCUMENT (item))
    return;

  /* Right-clicking picks the essay the menu acts on; it does not open it. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  set_selected_document (self, SCHOLIA_DOCUMENT (item));
  sync_selection (self);
  popup_context_menu (self, row, x, y);
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ScholiaLibrarySidebar *self = SCHOLIA_LIBRARY_SIDEBAR (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  GtkWidget *anchor = GTK_WIDGET (self->list_view);
  double y = 0;

  g_return_if_fail (self->selected_document != NULL);

  /* From the keyboard the menu points at the focused row, under its text. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    {
      anchor = focus;
      y = gtk_widget_get_height (focus);
    }

  popup_context_menu (self, anchor, 24, y);
}

static GtkEventController *
list_shortcuts_new (void)
{
  static const struct {
    const char *trigger;
    const char *action;
  } shortcuts[] = {
    { "Delete|KP_Delete", "sidebar.delete" },
    { "<Alt>Return|<Alt>KP_Enter", "sidebar.properties" },
    { "<Shift>F10|Menu", "sidebar.context-menu" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (shortcuts[i].trigger);
      GtkShortcutAction *action = gtk_named_action_new (shortcuts[i].action);

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (trigger, action));
    }

  return controller;
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     ScholiaLibrarySidebar    *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkGesture *gesture = gtk_gesture_click_new ();

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), scholia_document_row_new ());

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_row_pressed_cb), list_item);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (gesture));

  gtk_list_item_set_child (list_item, expander);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    ScholiaLibrarySidebar    *self)
{
  GtkTreeListRow *tree_row = gtk_list_item_get_item (list_item);
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  ScholiaDocumentRow *row = SCHOLIA_DOCUMENT_ROW (gtk_tree_expander_get_child (expander));
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (tree_row);

  gtk_tree_expander_set_list_row (expander, tree_row);

  if (SCHOLIA_IS_AUTHOR_GROUP (item))
    {
      ScholiaAuthorGroup *group = SCHOLIA_AUTHOR_GROUP (item);
      GBinding *binding;

      scholia_document_row_set_document (row, NULL);
      scholia_document_row_set_author (row, scholia_author_group_get_name (group));
      binding = g_object_bind_property (group, "count", row, "count", G_BINDING_SYNC_CREATE);
      g_object_set_data (G_OBJECT (list_item), "count-binding", binding);
    }
  else
    {
      scholia_document_row_set_document (row, SCHOLIA_DOCUMENT (item));
    }
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      ScholiaLibrarySidebar    *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  ScholiaDocumentRow *row = SCHOLIA_DOCUMENT_ROW (gtk_tree_expander_get_child (expander));
  GBinding *binding = g_object_steal_data (G_OBJECT (list_item), "count-binding");

  if (binding != NULL)
    g_binding_unbind (binding);

  gtk_tree_expander_set_list_row (expander, NULL);
  scholia_document_row_set_document (row, NULL);
}

static void
properties_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ScholiaLibrarySidebar *self = SCHOLIA_LIBRARY_SIDEBAR (widget);

  g_return_if_fail (self->selected_document != NULL);

  gtk_widget_activate_action (widget, "library.edit-document", "x",
                              scholia_document_get_id (self->selected_document));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScholiaLibrarySidebar *self = SCHOLIA_LIBRARY_SIDEBAR (widget);

  g_return_if_fail (self->selected_document != NULL);

  gtk_widget_activate_action (widget, "library.delete-document", "x",
                              scholia_document_get_id (self->selected_document));
}

/**
 * scholia_library_sidebar_focus:
 * @self: a #ScholiaLibrarySidebar
 *
 * Moves the focus into the library: to the filter entry while it holds a filter (or the list is
 * empty), otherwise to the list, for F6 to reach the library in one key.
 *
 * Returns: whether the focus moved
 */
gboolean
scholia_library_sidebar_focus (ScholiaLibrarySidebar *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LIBRARY_SIDEBAR (self), FALSE);

  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0' &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0 &&
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view)))
    return TRUE;

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
focus_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ScholiaLibrarySidebar *self = SCHOLIA_LIBRARY_SIDEBAR (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
scholia_library_sidebar_dispose (GObject *object)
{
  ScholiaLibrarySidebar *self = SCHOLIA_LIBRARY_SIDEBAR (object);

  scholia_library_sidebar_set_store (self, NULL);

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_handle_id (&self->hide_groups_source, g_source_remove);
  g_clear_handle_id (&self->text_search_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_LIBRARY_SIDEBAR);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->listed_filter);
  g_clear_pointer (&self->groups_by_key, g_hash_table_unref);
  g_clear_pointer (&self->seminar_keys, g_hash_table_unref);
  g_clear_object (&self->groups);
  g_clear_object (&self->document_sorter);
  g_clear_object (&self->search_filter);
  g_clear_pointer (&self->filed, g_hash_table_unref);

  G_OBJECT_CLASS (scholia_library_sidebar_parent_class)->dispose (object);
}

static void
scholia_library_sidebar_finalize (GObject *object)
{
  ScholiaLibrarySidebar *self = SCHOLIA_LIBRARY_SIDEBAR (object);

  g_free (self->search_text);

  G_OBJECT_CLASS (scholia_library_sidebar_parent_class)->finalize (object);
}

static void
scholia_library_sidebar_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ScholiaLibrarySidebar *self = SCHOLIA_LIBRARY_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SELECTED_DOCUMENT:
      g_value_set_object (value, self->selected_document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_library_sidebar_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ScholiaLibrarySidebar *self = SCHOLIA_LIBRARY_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      scholia_library_sidebar_set_store (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_DOCUMENT:
      scholia_library_sidebar_select_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_library_sidebar_class_init (ScholiaLibrarySidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = scholia_library_sidebar_dispose;
  object_class->finalize = scholia_library_sidebar_finalize;
  object_class->get_property = scholia_library_sidebar_get_property;
  object_class->set_property = scholia_library_sidebar_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SCHOLIA_TYPE_STORE, flags);
  properties[PROP_SELECTED_DOCUMENT] =
    g_param_spec_object ("selected-document", NULL, NULL, SCHOLIA_TYPE_DOCUMENT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user chose an essay to read: by clicking or moving to it, or with Enter. */
  signals[DOCUMENT_ACTIVATED] =
    g_signal_new ("document-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SCHOLIA_TYPE_DOCUMENT);
  /* The user chose a match of the full-text search: the window opens the document and selects
   * the passage, @offset and @length in code points (offset -1: only the title matched). */
  signals[SEARCH_RESULT_ACTIVATED] =
    g_signal_new ("search-result-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, SCHOLIA_TYPE_DOCUMENT, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "sidebar.properties", NULL, properties_action);
  gtk_widget_class_install_action (widget_class, "sidebar.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "sidebar.focus-filter", NULL,
                                   focus_filter_action);
  gtk_widget_class_install_action (widget_class, "sidebar.context-menu", NULL,
                                   context_menu_action);

  /* Menus show the last binding of an action, so the keypad variants come first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "sidebar.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "sidebar.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_ALT_MASK,
                                       "sidebar.properties", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK,
                                       "sidebar.properties", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "sidebar.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "sidebar.context-menu", NULL);

  g_type_ensure (SCHOLIA_TYPE_SEARCH_RESULTS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-library-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaLibrarySidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ScholiaLibrarySidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaLibrarySidebar, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ScholiaLibrarySidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, ScholiaLibrarySidebar, search_separator);
  gtk_widget_class_bind_template_child (widget_class, ScholiaLibrarySidebar, search_results);
  gtk_widget_class_bind_template_child_full (widget_class, "context_menu", FALSE,
                                             G_STRUCT_OFFSET (ScholiaLibrarySidebar,
                                                              context_menu_model));
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_results_result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_results_keynav_failed_cb);

  gtk_widget_class_set_css_name (widget_class, "scholialibrarysidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
scholia_library_sidebar_init (ScholiaLibrarySidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkSortListModel *sorted_groups;
  GtkFilterListModel *listed_groups;
  GtkEventController *key_controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filed = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->search_filter = gtk_custom_filter_new (search_filter_func, self, NULL);
  self->document_sorter = gtk_custom_sorter_new (document_sorter_func, NULL, NULL);

  self->groups = g_list_store_new (SCHOLIA_TYPE_AUTHOR_GROUP);
  self->groups_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->seminar_keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->group_sorter = gtk_custom_sorter_new (scholia_author_group_compare, NULL, NULL);
  sorted_groups = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->groups)),
                                           GTK_SORTER (self->group_sorter));
  self->listed_filter = gtk_custom_filter_new (listed_filter_func, NULL, NULL);
  listed_groups = gtk_filter_list_model_new (G_LIST_MODEL (sorted_groups),
                                             g_object_ref (GTK_FILTER (self->listed_filter)));
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (listed_groups), FALSE, TRUE,
                                        create_child_model, NULL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  /* After the list view has caught up with the change: selecting a row it does not know yet
   * would crash it. */
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_selection_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (scholia_search_results_get_results (self->search_results), "items-changed",
                           G_CALLBACK (on_text_matches_items_changed_cb), self, G_CONNECT_SWAPPED);

  /* Typing while the list has the focus starts filtering. The list's own shortcuts, Delete
   * included, must be seen first: on its parent, in the capture phase. */
  key_controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key_controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (key_controller, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), key_controller);
  gtk_widget_add_controller (self->scrolled_window, list_shortcuts_new ());

  self->context_menu = gtk_popover_menu_new_from_model (self->context_menu_model);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));

  update_actions (self);
}

ScholiaLibrarySidebar *
scholia_library_sidebar_new (void)
{
  return g_object_new (SCHOLIA_TYPE_LIBRARY_SIDEBAR, NULL);
}

ScholiaStore *
scholia_library_sidebar_get_store (ScholiaLibrarySidebar *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LIBRARY_SIDEBAR (self), NULL);

  return self->store;
}

void
scholia_library_sidebar_set_store (ScholiaLibrarySidebar *self,
                                   ScholiaStore          *store)
{
  g_return_if_fail (SCHOLIA_IS_LIBRARY_SIDEBAR (self));
  g_return_if_fail (store == NULL || SCHOLIA_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (scholia_store_get_documents (self->store),
                                            on_documents_items_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->store, on_store_document_changed_cb, self);
    }

  g_set_object (&self->store, store);
  load_seminar_keys (self);

  if (store != NULL)
    {
      g_signal_connect_object (scholia_store_get_documents (store), "items-changed",
                               G_CALLBACK (on_documents_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "document-changed",
                               G_CALLBACK (on_store_document_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  cancel_listing_later (self);
  if (store != NULL &&
      g_list_model_get_n_items (scholia_store_get_documents (store)) >= LIST_LATER_FROM &&
      g_hash_table_size (self->filed) == 0)
    list_later (self);
  else
    sync_documents (self);
  scholia_search_results_set_store (self->search_results, store);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * scholia_library_sidebar_reload_seminars:
 * @self: a sidebar
 *
 * Lists again the essays of the library's seminars under their seminar's name, after a seminar
 * was created, joined or brought new essays.
 */
void
scholia_library_sidebar_reload_seminars (ScholiaLibrarySidebar *self)
{
  g_autoptr(GList) documents = NULL;

  g_return_if_fail (SCHOLIA_IS_LIBRARY_SIDEBAR (self));

  load_seminar_keys (self);

  /* Moving rewrites the table's values: the documents are gathered first. */
  documents = g_hash_table_get_keys (self->filed);
  for (GList *l = documents; l != NULL; l = l->next)
    move_to_group (self, l->data);
  remove_empty_groups (self);
}

ScholiaDocument *
scholia_library_sidebar_get_selected_document (ScholiaLibrarySidebar *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LIBRARY_SIDEBAR (self), NULL);

  return self->selected_document;
}

/* Selects the document's row, for instance when the window opened it some other way; this is not
 * the user's choice, so "document-activated" is not emitted. */
void
scholia_library_sidebar_select_document (ScholiaLibrarySidebar *self,
                                         ScholiaDocument       *document)
{
  g_return_if_fail (SCHOLIA_IS_LIBRARY_SIDEBAR (self));
  g_return_if_fail (document == NULL || SCHOLIA_IS_DOCUMENT (document));

  set_selected_document (self, document);
  sync_selection (self);
}
