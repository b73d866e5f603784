/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-search-results.h"
#include "scholia-accessible.h"

#include <glib/gi18n.h>

#include "scholia-count-format.h"
#include "scholia-search-hit.h"

/* Results are read a page at a time (scholia_store_search_page()): the first when the query
 * changes, the next when the list is scrolled near its end. */
#define PAGE_SIZE 20
/* How close to the end of the list, in pages of its height, the next page is read. */
#define LOAD_AHEAD 1.0

struct _ScholiaSearchResults
{
  GtkWidget     parent_instance;

  ScholiaStore *store;
  char         *query;
  GListStore   *results;
  /* What the list shows: per essay a list of its hit, then each place it matches when more
   * than one, flattened. */
  GListStore   *rows;
  GtkSingleSelection *selection;
  guint         n_found;      /* results of the whole search */
  guint         next_offset;  /* of the next page to read */
  gboolean      loading;      /* a page is being added: the list's size changes */
  /* Searching again after the store changed waits until the change is complete. */
  guint         refresh_source;

  GtkStack     *stack;
  GtkListView  *list_view;
  GtkLabel     *empty_details;
  GtkLabel     *count;
};

G_DEFINE_FINAL_TYPE (ScholiaSearchResults, scholia_search_results, GTK_TYPE_WIDGET)

enum {
  RESULT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The passage a hit points at: the first matched word of a text match, the annotated passage of
 * a note. */
static int
hit_length (ScholiaSearchResults      *self,
            const ScholiaSearchResult *result)
{
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  const ScholiaSearchRange *first;

  if (result->offset < 0)
    return 0;

  if (result->kind == SCHOLIA_SEARCH_NOTE)
    {
      annotation = scholia_store_get_annotation (self->store, result->annotation_id, NULL);
      if (annotation == NULL)
        return 0;
      return scholia_annotation_get_end (annotation) - scholia_annotation_get_start (annotation);
    }

  if (result->matches == NULL || result->matches->len == 0)
    return 0;

  first = &g_array_index (result->matches, ScholiaSearchRange, 0);
  return first->end - first->start;
}

/* Every place in the essay's text that the search matches, after @rows' first item, the
 * essay's hit, when there is more than one; the hit says how many there are. */
static void
add_places (ScholiaSearchResults      *self,
            const ScholiaSearchResult *result,
            GListStore                *rows)
{
  g_autoptr(ScholiaSearchHit) hit = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  ScholiaDocument *document = scholia_search_hit_get_document (hit);
  g_autoptr(GArray) matches = NULL;
  g_autofree char *text = NULL;
  const char *cursor;
  int cursor_offset = 0;

  if (result->kind != SCHOLIA_SEARCH_TEXT || result->offset < 0)
    return;
  matches = scholia_store_search_hits (self->store, self->query, result->document_id, NULL);
  if (matches == NULL)
    return;
  scholia_search_hit_set_n_matches (hit, matches->len);
  if (matches->len < 2 || (text = scholia_store_load_text (self->store, document, NULL)) == NULL)
    return;

  /* The matches come in text order: each is found from the one before. */
  cursor = text;
  for (guint i = 0; i < matches->len; i++)
    {
      const ScholiaSearchRange *range = &g_array_index (matches, ScholiaSearchRange, i);
      g_autoptr(ScholiaSearchHit) place = NULL;
      const char *end;

      if (range->start < cursor_offset)
        continue;
      cursor = g_utf8_offset_to_pointer (cursor, range->start - cursor_offset);
      cursor_offset = range->start;
      end = g_utf8_offset_to_pointer (cursor, range->end - range->start);
      place = scholia_search_hit_new_place (document, text, cursor, end, range->start);
      g_list_store_append (rows, place);
    }
}

/* Reads the page of results at self->next_offset and adds its essays and their places to the
 * list: the whole list anew when @replace. */
static void
load_page (ScholiaSearchResults  *self,
           gboolean               replace,
           GError               **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_found = 0;

  self->loading = TRUE;
  if (self->store != NULL && self->query != NULL)
    found = scholia_store_search_page (self->store, self->query, self->next_offset, PAGE_SIZE,
                                       SCHOLIA_SEARCH_SNIPPETS_FIRST_MATCH, &n_found, error);
  if (found != NULL)
    {
      self->n_found = n_found;
      self->next_offset += PAGE_SIZE;
    }
  else
    self->n_found = 0;

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      const ScholiaSearchResult *result = g_ptr_array_index (found, i);
      ScholiaDocument *document = scholia_store_lookup_document (self->store, result->document_id);

      if (document != NULL)
        {
          ScholiaSearchHit *hit = scholia_search_hit_new (document, result, hit_length (self, result));
          GListStore *essay_rows = g_list_store_new (SCHOLIA_TYPE_SEARCH_HIT);

          g_list_store_append (essay_rows, hit);
          add_places (self, result, essay_rows);
          g_ptr_array_add (hits, hit);
          g_ptr_array_add (rows, essay_rows);
        }
    }

  g_list_store_splice (self->results, replace ? 0 : g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       replace ? g_list_model_get_n_items (G_LIST_MODEL (self->results)) : 0,
                       hits->pdata, hits->len);
  g_list_store_splice (self->rows, replace ? 0 : g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       replace ? g_list_model_get_n_items (G_LIST_MODEL (self->rows)) : 0,
                       rows->pdata, rows->len);
  self->loading = FALSE;
}

static gboolean
has_more (ScholiaSearchResults *self)
{
  return self->query != NULL && !self->loading && self->next_offset < self->n_found;
}

/* The next page, when the list is scrolled to within a screen of its end or does not fill its
 * screen. */
static void
on_adjustment_changed_cb (ScholiaSearchResults *self,
                          GtkAdjustment        *adjustment)
{
  double end = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment);

  if (has_more (self) &&
      end + LOAD_AHEAD * gtk_adjustment_get_page_size (adjustment) >= gtk_adjustment_get_upper (adjustment))
    scholia_search_results_load_more (self);
}

static void
run_search (ScholiaSearchResults *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *counted = NULL;

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  self->next_offset = 0;
  self->n_found = 0;
  load_page (self, TRUE, &error);

  if (error != NULL)
    gtk_label_set_text (self->empty_details, error->message);
  else
    gtk_label_set_text (self->empty_details, _("Try other words, or fewer of them."));

  /* Translators: how many essays and notes a search found, above the list of them */
  counted = scholia_count_format (ngettext ("%'u result", "%'u results", self->n_found), self->n_found);
  gtk_label_set_text (self->count, counted);
  gtk_widget_set_visible (GTK_WIDGET (self->count), self->n_found > 0);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0 ? "results" : "empty");
}

static gboolean
refresh_cb (gpointer user_data)
{
  ScholiaSearchResults *self = user_data;

  self->refresh_source = 0;
  run_search (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (ScholiaSearchResults *self)
{
  if (self->query == NULL || self->refresh_source != 0)
    return;

  self->refresh_source = g_idle_add (refresh_cb, self);
}

static void
on_list_view_activate_cb (ScholiaSearchResults *self,
                          guint                 position,
                          GtkListView          *list_view)
{
  g_autoptr(ScholiaSearchHit) hit = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (hit == NULL)
    return;

  g_signal_emit (self, signals[RESULT_ACTIVATED], 0, scholia_search_hit_get_document (hit),
                 scholia_search_hit_get_offset (hit), scholia_search_hit_get_length (hit));
}

/* Up on the first row leaves the list, for the search entry above it (GtkWidget::keynav-failed
 * on the results, as a list at its end reports it). */
static gboolean
on_list_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        ScholiaSearchResults  *self)
{
  if ((keyval != GDK_KEY_Up && keyval != GDK_KEY_KP_Up) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      gtk_single_selection_get_selected (self->selection) != 0)
    return GDK_EVENT_PROPAGATE;

  return gtk_widget_keynav_failed (GTK_WIDGET (self), GTK_DIR_UP);
}

static GtkWidget *
row_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = row_label ("heading");
  GtkWidget *details = row_label ("caption");
  GtkWidget *snippet = row_label ("search-snippet");

  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 3);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (snippet), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (snippet), 40);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), details);
  gtk_box_append (GTK_BOX (box), snippet);
  gtk_list_item_set_child (list_item, box);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  ScholiaSearchHit *hit = gtk_list_item_get_item (list_item);
  ScholiaDocument *document = scholia_search_hit_get_document (hit);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *details = gtk_widget_get_next_sibling (title);
  GtkWidget *snippet = gtk_widget_get_next_sibling (details);
  const char *author = scholia_document_get_author (document);
  const char *kind;
  g_autofree char *counted = NULL;
  g_autofree char *details_text = NULL;
  guint n_matches = scholia_search_hit_get_n_matches (hit);
  gboolean place = scholia_search_hit_is_place (hit);
  g_autofree char *markup = scholia_search_hit_dup_snippet_markup (hit);

  if (scholia_search_hit_get_offset (hit) < 0)
    kind = _("in the title");
  else if (scholia_search_hit_get_kind (hit) == SCHOLIA_SEARCH_NOTE)
    kind = _("in a note");
  else if (n_matches > 1)
    {
      /* Translators: how many places in an essay's text a search found, e.g. "7 in the text". */
      counted = g_strdup_printf (ngettext ("%u in the text", "%u in the text", n_matches), n_matches);
      kind = counted;
    }
  else
    kind = _("in the text");

  /* Translators: the author of an essay and where the words were found, e.g.
   * "Helena Marwick · in a note". */
  details_text = author != NULL && *author != '\0'
                 /* Translators: a search result’s second line: the essay’s author, then where the
                  * words were found */
                 ? g_strdup_printf (_("%s · %s"), author, kind)
                 : g_strdup (kind);

  gtk_label_set_text (GTK_LABEL (title), scholia_document_get_title (document));
  gtk_label_set_text (GTK_LABEL (details), details_text);
  gtk_label_set_markup (GTK_LABEL (snippet), markup);

  /* A place shows its line of text under the essay's heading, set in; the heading of an essay
   * whose places follow shows none. */
  gtk_widget_set_visible (title, !place);
  gtk_widget_set_visible (details, !place);
  gtk_widget_set_margin_start (snippet, place ? 18 : 0);
  gtk_widget_set_visible (snippet, *scholia_search_hit_get_snippet (hit) != '\0' && (place || n_matches < 2));

  /* A screen reader hears a place's line of text, within its essay; an essay by its title,
   * with its author and count. */
  scholia_accessible_name_list_item (gtk_list_item_get_child (list_item),
                                     place ? snippet : title, place ? title : details);
}

static void
scholia_search_results_dispose (GObject *object)
{
  ScholiaSearchResults *self = SCHOLIA_SEARCH_RESULTS (object);
  GtkWidget *child;

  scholia_search_results_set_store (self, NULL);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_SEARCH_RESULTS);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->results);
  g_clear_object (&self->rows);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (scholia_search_results_parent_class)->dispose (object);
}

static void
scholia_search_results_finalize (GObject *object)
{
  ScholiaSearchResults *self = SCHOLIA_SEARCH_RESULTS (object);

  g_free (self->query);

  G_OBJECT_CLASS (scholia_search_results_parent_class)->finalize (object);
}

static void
scholia_search_results_class_init (ScholiaSearchResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_search_results_dispose;
  object_class->finalize = scholia_search_results_finalize;

  /* The user chose a match: open the document and select the passage. */
  signals[RESULT_ACTIVATED] =
    g_signal_new ("result-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, SCHOLIA_TYPE_DOCUMENT, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-search-results.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaSearchResults, stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSearchResults, list_view);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSearchResults, empty_details);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSearchResults, count);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "scholiasearchresults");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
scholia_search_results_init (ScholiaSearchResults *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;
  GtkAdjustment *vadjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->results = g_list_store_new (SCHOLIA_TYPE_SEARCH_HIT);
  self->rows = g_list_store_new (G_TYPE_LIST_MODEL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (gtk_flatten_list_model_new (
    g_object_ref (G_LIST_MODEL (self->rows)))));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  g_signal_connect_object (vadjustment, "value-changed", G_CALLBACK (on_adjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment, "changed", G_CALLBACK (on_adjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
}

GtkWidget *
scholia_search_results_new (void)
{
  return g_object_new (SCHOLIA_TYPE_SEARCH_RESULTS, NULL);
}

void
scholia_search_results_set_store (ScholiaSearchResults *self,
                                  ScholiaStore         *store)
{
  g_return_if_fail (SCHOLIA_IS_SEARCH_RESULTS (self));
  g_return_if_fail (store == NULL || SCHOLIA_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
      g_signal_handlers_disconnect_by_func (scholia_store_get_documents (self->store),
                                            on_store_changed_cb, self);
    }

  g_set_object (&self->store, store);

  if (store != NULL)
    {
      g_signal_connect_object (store, "annotations-changed", G_CALLBACK (on_store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (scholia_store_get_documents (store), "items-changed",
                               G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
    }

  run_search (self);
}

const char *
scholia_search_results_get_query (ScholiaSearchResults *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEARCH_RESULTS (self), NULL);

  return self->query;
}

/* Searches for @query at once; NULL or blank clears the results. */
void
scholia_search_results_set_query (ScholiaSearchResults *self,
                                  const char           *query)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (SCHOLIA_IS_SEARCH_RESULTS (self));

  stripped = g_strstrip (g_strdup (query != NULL ? query : ""));
  g_clear_pointer (&self->query, g_free);
  if (*stripped != '\0')
    self->query = g_steal_pointer (&stripped);

  run_search (self);
}

GListModel *
scholia_search_results_get_results (ScholiaSearchResults *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEARCH_RESULTS (self), NULL);

  return G_LIST_MODEL (self->results);
}

/* Moves the keyboard focus to the results, for Down in the search entry; FALSE when there are
 * none. */
gboolean
scholia_search_results_focus_first (ScholiaSearchResults *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEARCH_RESULTS (self), FALSE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    return FALSE;

  /* The list moves its selection with the focus from here on. */
  gtk_single_selection_set_selected (self->selection, 0);
  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* How many results the whole search has; the list holds the first pages of them. */
guint
scholia_search_results_get_n_found (ScholiaSearchResults *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEARCH_RESULTS (self), 0);

  return self->n_found;
}

/* Reads the next page of results into the list, as scrolling near its end does; FALSE when
 * every result is in it already. */
gboolean
scholia_search_results_load_more (ScholiaSearchResults *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SCHOLIA_IS_SEARCH_RESULTS (self), FALSE);

  if (!has_more (self))
    return FALSE;
  load_page (self, FALSE, &error);
  if (error != NULL)
    g_warning ("Could not read more search results: %s", error->message);
  return error == NULL;
}
