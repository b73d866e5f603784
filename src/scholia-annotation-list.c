/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The annotation list in the pane beside the reader (issue 12): the scope's annotations, those
 * the filter lets through in a GListStore shown by a GtkListView, so that thousands of rows
 * cost only the few on screen. The bulk actions are in scholia-annotation-list-actions.c. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scholia-annotation-list-private.h"
#include "scholia-count-format.h"
#include "scholia-annotation-list-row.h"

G_DEFINE_FINAL_TYPE (ScholiaAnnotationList, scholia_annotation_list, GTK_TYPE_WIDGET)

enum
{
  ANNOTATION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Filtering */

static gboolean
contains_folded (const char *text,
                 const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
match_annotation (ScholiaAnnotationList *self,
                  ScholiaAnnotation     *annotation)
{
  if (!scholia_annotation_filter_match_annotation (scholia_filter_bar_get_filter (self->filter_bar),
                                                   annotation, NULL))
    return FALSE;
  return self->search_folded == NULL ||
         contains_folded (scholia_annotation_get_quote (annotation), self->search_folded) ||
         contains_folded (scholia_annotation_get_note (annotation), self->search_folded);
}

GListModel *
_scholia_annotation_list_get_rows (ScholiaAnnotationList *self)
{
  return self->paged ? G_LIST_MODEL (self->library_rows) : G_LIST_MODEL (self->shown);
}

/* Every annotation of the library, from each document's count (those hidden until posted are
 * not counted), rather than from a query over all of them. */
static guint
count_library (ScholiaAnnotationList *self)
{
  GListModel *documents = scholia_store_get_documents (self->store);
  guint all = 0;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

      all += scholia_document_get_annotation_count (document);
    }
  return all;
}

static void
update_count (ScholiaAnnotationList *self)
{
  guint shown = g_list_model_get_n_items (_scholia_annotation_list_get_rows (self));
  guint all = !self->paged ? self->items->len
              : scholia_annotation_filter_is_empty (scholia_filter_bar_get_filter (self->filter_bar)) ? shown
              : count_library (self);
  g_autofree char *text = NULL;

  if (shown == all)
    /* Translators: a count of annotations; %'u writes the number with the locale's digit
     * grouping (12,345 or 12.345): keep the apostrophe */
    text = scholia_count_format (ngettext ("%'u annotation", "%'u annotations", all), all);
  else
    /* TRANSLATORS: how many annotations the filter shows, of all in the list */
    text = scholia_count_format (ngettext ("%'u of %'u annotation", "%'u of %'u annotations", all), shown, all);
  gtk_label_set_label (self->count_label, text);
}

/* The model */

static void
collect_selected (ScholiaAnnotationList *self,
                  GHashTable            *selected)
{
  g_autoptr(GtkBitset) rows = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GListModel *model = _scholia_annotation_list_get_rows (self);
  GtkBitsetIter iter;
  guint position;

  /* By id: the paged rows build their annotations anew after a refresh. */
  for (gboolean more = gtk_bitset_iter_init_first (&iter, rows, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(ScholiaAnnotation) annotation = NULL;
      gint64 id;

      if (self->paged)
        id = scholia_annotation_pages_get_id (self->library_rows, position);
      else if ((annotation = g_list_model_get_item (model, position)) != NULL)
        id = scholia_annotation_get_id (annotation);
      else
        continue;
      g_hash_table_add (selected, g_memdup2 (&id, sizeof id));
    }
}

/* Selects again the rows of @selected that are still listed. */
static void
restore_selection (ScholiaAnnotationList *self,
                   GHashTable            *selected)
{
  GListModel *model = _scholia_annotation_list_get_rows (self);
  g_autoptr(GtkBitset) rows = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  guint n = g_list_model_get_n_items (model);
  GHashTableIter iter;
  gpointer id;

  if (g_hash_table_size (selected) == 0)
    return;
  if (self->paged)
    {
      /* The selected rows are found among the ids: no row is built to be compared. */
      g_hash_table_iter_init (&iter, selected);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        {
          guint position;

          if (scholia_annotation_pages_find (self->library_rows, *(gint64 *) id, &position))
            gtk_bitset_add (rows, position);
        }
    }
  else
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (model, i);
        gint64 annotation_id = scholia_annotation_get_id (annotation);

        if (g_hash_table_contains (selected, &annotation_id))
          gtk_bitset_add (rows, i);
      }
  mask = gtk_bitset_new_range (0, n);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), rows, mask);
}

/* The whole library's rows the filter lets through, as ids from the store's indexes. */
static void
show_places (ScholiaAnnotationList *self)
{
  ScholiaAnnotationFilter *filter = scholia_filter_bar_get_filter (self->filter_bar);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) places = NULL;
  const gint64 *tag_ids, *theme_ids, *participant_ids;
  guint n_tag_ids, n_theme_ids, n_participant_ids;

  tag_ids = scholia_annotation_filter_get_tag_ids (filter, &n_tag_ids);
  theme_ids = scholia_annotation_filter_get_theme_ids (filter, &n_theme_ids);
  participant_ids = scholia_annotation_filter_get_participant_ids (filter, &n_participant_ids);
  places = scholia_store_list_annotation_places (self->store, tag_ids, n_tag_ids, theme_ids, n_theme_ids,
                                                 participant_ids, n_participant_ids, &error);
  if (places == NULL)
    {
      g_warning ("Could not list the library’s annotations: %s", error->message);
      places = g_array_new (FALSE, FALSE, sizeof (ScholiaAnnotationPlace));
    }
  scholia_annotation_pages_set_places (self->library_rows, places);
}

/* The rows: the annotations the filter lets through, those of @selected still selected. */
static void
show_matches (ScholiaAnnotationList *self,
              GHashTable            *selected)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_sized_new (self->items->len);

  if (self->paged)
    show_places (self);
  else
    {
      for (guint i = 0; i < self->items->len; i++)
        if (match_annotation (self, g_ptr_array_index (self->items, i)))
          g_ptr_array_add (matches, g_ptr_array_index (self->items, i));
      g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                           matches->pdata, matches->len);
    }
  restore_selection (self, selected);
  update_count (self);
  _scholia_annotation_list_update_actions (self);
}

/* Rows the filter hides are no longer selected: a bulk action acts on what is shown. */
static void
on_filter_changed_cb (ScholiaAnnotationList *self)
{
  g_autoptr(GHashTable) selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  collect_selected (self, selected);
  show_matches (self, selected);
}

/* The whole library without a search text is read in pages; an essay, or a search through
 * every quote and note, from the annotation objects. */
static void
set_paged (ScholiaAnnotationList *self,
           gboolean               paged)
{
  if (self->paged == paged)
    return;
  self->paged = paged;
  if (paged)
    g_list_store_remove_all (self->shown);
  else
    {
      g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (ScholiaAnnotationPlace));

      scholia_annotation_pages_set_places (self->library_rows, none);
    }
  gtk_multi_selection_set_model (self->selection, _scholia_annotation_list_get_rows (self));
}

static void
hold_document (ScholiaAnnotationList *self,
               ScholiaDocument       *document,
               GPtrArray             *annotations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = scholia_store_list_annotations (self->store, document, &error);

  if (list == NULL)
    {
      g_warning ("Could not list the annotations of “%s”: %s", scholia_document_get_title (document),
                 error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (annotations, g_list_model_get_item (list, i));
  g_ptr_array_add (self->lists, g_steal_pointer (&list));
}

void
scholia_annotation_list_refresh (ScholiaAnnotationList *self)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) old_lists = g_steal_pointer (&self->lists);
  g_autoptr(GHashTable) selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_return_if_fail (SCHOLIA_IS_ANNOTATION_LIST (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->stale = FALSE;
  self->lists = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_remove_all (self->pages);
  collect_selected (self, selected);
  set_paged (self, self->library_rows != NULL && self->whole_library && self->search_folded == NULL);

  if (!self->paged && self->store != NULL && self->whole_library)
    {
      GListModel *documents = scholia_store_get_documents (self->store);

      for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
        {
          g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

          hold_document (self, document, annotations);
        }
    }
  else if (!self->paged && self->store != NULL && self->document != NULL)
    hold_document (self, self->document, annotations);

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&annotations);
  show_matches (self, selected);
}

static gboolean
refresh_cb (gpointer user_data)
{
  ScholiaAnnotationList *self = user_data;

  self->refresh_source = 0;
  scholia_annotation_list_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Changes come in runs (a bulk action, an undo): the list follows once they are done, and a
 * list not on screen only when it is shown again. */
static void
queue_refresh (ScholiaAnnotationList *self)
{
  self->stale = TRUE;
  if (self->refresh_source == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->refresh_source = g_idle_add (refresh_cb, self);
}

static void
on_annotations_changed_cb (ScholiaAnnotationList *self,
                           gint64                 document_id)
{
  if (self->whole_library || document_id == 0 ||
      (self->document != NULL && scholia_document_get_id (self->document) == document_id))
    queue_refresh (self);
}

/* Rows */

static const char *
page_of (ScholiaAnnotationList *self,
         ScholiaAnnotation     *annotation)
{
  gint64 id = scholia_annotation_get_document_id (annotation);
  GArray *pages = g_hash_table_lookup (self->pages, &id);

  if (pages == NULL)
    {
      ScholiaDocument *document = scholia_store_lookup_document (self->store, id);
      gint64 *key = g_new (gint64, 1);

      pages = document != NULL ? scholia_store_load_pages (self->store, document, NULL) : NULL;
      if (pages == NULL)
        pages = scholia_page_ranges_new ();
      *key = id;
      g_hash_table_insert (self->pages, key, pages);
    }
  return scholia_annotation_get_orphaned (annotation) ? NULL
         : scholia_page_ranges_lookup (pages, scholia_annotation_get_start (annotation));
}

/* A plain click (no Shift or Ctrl, which select) goes to the passage, as Enter does: once the
 * row has taken the click, which claims it, and only then, since going there may open another
 * essay. */
static gboolean
emit_activated_cb (gpointer data)
{
  GtkListItem *list_item = data;
  ScholiaAnnotation *annotation = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *list = row != NULL ? gtk_widget_get_ancestor (row, SCHOLIA_TYPE_ANNOTATION_LIST) : NULL;

  if (list != NULL && annotation != NULL)
    g_signal_emit (list, signals[ANNOTATION_ACTIVATED], 0, annotation);
  return G_SOURCE_REMOVE;
}

static void
on_row_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkListItem     *list_item)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (n_press == 1 && (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) == 0)
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, emit_activated_cb, g_object_ref (list_item), g_object_unref);
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     ScholiaAnnotationList    *self)
{
  GtkWidget *row = scholia_annotation_list_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_row_pressed_cb), list_item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (list_item, row);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    ScholiaAnnotationList    *self)
{
  ScholiaAnnotation *annotation = gtk_list_item_get_item (list_item);
  ScholiaDocument *document = NULL;

  if (annotation == NULL)
    return;
  if (self->whole_library)
    document = scholia_store_lookup_document (self->store, scholia_annotation_get_document_id (annotation));
  scholia_annotation_list_row_bind (SCHOLIA_ANNOTATION_LIST_ROW (gtk_list_item_get_child (list_item)),
                                    self->store, annotation,
                                    document != NULL ? scholia_document_get_title (document) : NULL,
                                    page_of (self, annotation));
}

static void
on_list_view_activate_cb (ScholiaAnnotationList *self,
                          guint                  position)
{
  g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (_scholia_annotation_list_get_rows (self), position);

  if (annotation != NULL)
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, annotation);
}

/* The scope and the search entry */

static void
on_scope_toggled_cb (ScholiaAnnotationList *self)
{
  scholia_annotation_list_set_whole_library (self, gtk_toggle_button_get_active (self->library_button));
}

static void
on_search_changed_cb (ScholiaAnnotationList *self)
{
  scholia_annotation_list_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_activate_cb (ScholiaAnnotationList *self)
{
  scholia_annotation_list_focus_rows (self);
}

static void
on_selection_changed_cb (ScholiaAnnotationList *self)
{
  _scholia_annotation_list_update_actions (self);
}

/* GtkWidget */

static void
scholia_annotation_list_map (GtkWidget *widget)
{
  ScholiaAnnotationList *self = SCHOLIA_ANNOTATION_LIST (widget);

  GTK_WIDGET_CLASS (scholia_annotation_list_parent_class)->map (widget);

  if (self->stale)
    scholia_annotation_list_refresh (self);
}

static void
scholia_annotation_list_dispose (GObject *object)
{
  ScholiaAnnotationList *self = SCHOLIA_ANNOTATION_LIST (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_ANNOTATION_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->library_rows);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->actions);
  g_clear_object (&self->tag_menu);
  g_clear_object (&self->add_theme_menu);
  g_clear_object (&self->remove_theme_menu);
  g_clear_object (&self->filter_theme_menu);
  g_clear_object (&self->document);
  g_clear_object (&self->store);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (scholia_annotation_list_parent_class)->dispose (object);
}

static void
scholia_annotation_list_finalize (GObject *object)
{
  g_free (SCHOLIA_ANNOTATION_LIST (object)->search_folded);

  G_OBJECT_CLASS (scholia_annotation_list_parent_class)->finalize (object);
}

static void
scholia_annotation_list_class_init (ScholiaAnnotationListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_annotation_list_dispose;
  object_class->finalize = scholia_annotation_list_finalize;
  widget_class->map = scholia_annotation_list_map;

  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SCHOLIA_TYPE_ANNOTATION);

  g_type_ensure (SCHOLIA_TYPE_FILTER_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-annotation-list.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationList, content);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationList, essay_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationList, library_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationList, theme_filter_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationList, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationList, count_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationList, list_view);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationList, action_revealer);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationList, selected_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationList, add_tag_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationList, add_theme_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationList, remove_theme_button);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
scholia_annotation_list_init (ScholiaAnnotationList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->lists = g_ptr_array_new_with_free_func (g_object_unref);
  self->pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_list_store_new (SCHOLIA_TYPE_ANNOTATION);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->shown)));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  scholia_filter_bar_configure (self->filter_bar, GTK_ORIENTATION_VERTICAL, FALSE, TRUE,
                                SCHOLIA_FILTER_BAR_AUTHORS_NONE);
  g_signal_connect_object (scholia_filter_bar_get_filter (self->filter_bar), "changed",
                           G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);

  _scholia_annotation_list_init_actions (self);
  update_count (self);
}

GtkWidget *
scholia_annotation_list_new (void)
{
  return g_object_new (SCHOLIA_TYPE_ANNOTATION_LIST, NULL);
}

void
scholia_annotation_list_set_editor (ScholiaAnnotationList *self,
                                    ScholiaEditor         *editor)
{
  ScholiaStore *store = editor != NULL ? scholia_editor_get_store (editor) : NULL;

  g_return_if_fail (SCHOLIA_IS_ANNOTATION_LIST (self));
  g_return_if_fail (editor == NULL || SCHOLIA_IS_EDITOR (editor));

  if (self->editor == editor)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_signal_handlers_disconnect_by_data (scholia_store_get_labels (self->store, SCHOLIA_TYPE_TAG), self);
      g_signal_handlers_disconnect_by_data (scholia_store_get_labels (self->store, SCHOLIA_TYPE_THEME), self);
    }
  g_set_object (&self->editor, editor);
  g_set_object (&self->store, store);
  set_paged (self, FALSE);
  g_clear_object (&self->library_rows);
  if (store != NULL)
    self->library_rows = scholia_annotation_pages_new (store);
  g_clear_object (&self->document);
  scholia_filter_bar_set_store (self->filter_bar, self->store);
  if (self->store != NULL)
    g_signal_connect_object (self->store, "annotations-changed", G_CALLBACK (on_annotations_changed_cb),
                             self, G_CONNECT_SWAPPED);
  _scholia_annotation_list_watch_labels (self);
  queue_refresh (self);
}

void
scholia_annotation_list_set_document (ScholiaAnnotationList *self,
                                      ScholiaDocument       *document)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION_LIST (self));
  g_return_if_fail (document == NULL || SCHOLIA_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  if (!self->whole_library)
    queue_refresh (self);
}

void
scholia_annotation_list_set_whole_library (ScholiaAnnotationList *self,
                                           gboolean               whole_library)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION_LIST (self));

  whole_library = !!whole_library;
  gtk_toggle_button_set_active (whole_library ? self->library_button : self->essay_button, TRUE);
  if (self->whole_library == whole_library)
    return;
  self->whole_library = whole_library;
  queue_refresh (self);
}

gboolean
scholia_annotation_list_get_whole_library (ScholiaAnnotationList *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_LIST (self), FALSE);

  return self->whole_library;
}

ScholiaAnnotationFilter *
scholia_annotation_list_get_filter (ScholiaAnnotationList *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_LIST (self), NULL);

  return scholia_filter_bar_get_filter (self->filter_bar);
}

void
scholia_annotation_list_set_search_text (ScholiaAnnotationList *self,
                                         const char            *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *folded = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;

  g_return_if_fail (SCHOLIA_IS_ANNOTATION_LIST (self));

  if (g_strcmp0 (folded, self->search_folded) == 0)
    return;
  g_free (self->search_folded);
  self->search_folded = g_steal_pointer (&folded);
  /* Searching the whole library reads every annotation's quote and note: the rows change
   * from pages of ids to the annotations themselves, and back. */
  if (self->whole_library && (self->search_folded == NULL) != self->paged)
    scholia_annotation_list_refresh (self);
  else
    on_filter_changed_cb (self);
}

GtkSelectionModel *
scholia_annotation_list_get_selection (ScholiaAnnotationList *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_LIST (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

GPtrArray *
scholia_annotation_list_dup_selected (ScholiaAnnotationList *self)
{
  GPtrArray *annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) rows = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_LIST (self), annotations);

  rows = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, rows, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      ScholiaAnnotation *annotation = g_list_model_get_item (_scholia_annotation_list_get_rows (self), position);

      if (annotation != NULL)
        g_ptr_array_add (annotations, annotation);
    }
  return annotations;
}

gboolean
scholia_annotation_list_focus_rows (ScholiaAnnotationList *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_LIST (self), FALSE);

  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}
