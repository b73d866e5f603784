/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The page beside the library: the open essay in the reader with its highlights (the
 * highlighter and its margin gutter), the tag palette, the reader's context menu, the pane with
 * the inspector, the comparison and the matrix. Every edit goes through the library's
 * ScholiaEditor, which commits before it returns; the highlighter and the inspector follow the
 * open essay's ScholiaReading, so what is shown is what is stored.
 *
 * This file holds the type, its template and properties and the public API. The page's other
 * files sit below it and are called one way only: scholia-document-page-actions.c (the "doc."
 * and "annotation." actions), which calls -pane.c (the pane and the current annotation) and
 * -toasts.c (messages, what re-anchoring did); -menu.c (the reader's context menu) calls none
 * of them. None of them calls back into this file. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-document-page-private.h"
#include "scholia-pane-switcher.h"

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_PANE_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ScholiaDocumentPage, scholia_document_page, GTK_TYPE_WIDGET)

/* Callbacks */

static void
on_highlighter_annotation_activated_cb (ScholiaDocumentPage *self,
                                        ScholiaAnnotation   *annotation)
{
  _scholia_document_page_inspect_annotation (self, annotation);
  _scholia_document_page_select_annotation (self, annotation);
}

static void
on_inspector_reveal_annotation_cb (ScholiaDocumentPage *self,
                                   ScholiaAnnotation   *annotation)
{
  _scholia_document_page_select_annotation (self, annotation);
}

static void
on_matrix_cell_activated_cb (ScholiaDocumentPage *self,
                             const char          *author,
                             ScholiaTheme        *theme,
                             ScholiaMatrixView   *matrix_view)
{
  _scholia_document_page_bind_comparison (self);
  scholia_comparison_view_set_theme (self->comparison_view, theme);
  scholia_comparison_view_set_author (self->comparison_view, author);
  scholia_document_page_show_pane (self, "compare");
}

/* A participant's passages on a theme, whoever the essays' authors. */
static void
on_matrix_participant_cell_activated_cb (ScholiaDocumentPage *self,
                                         gint64               participant_id,
                                         ScholiaTheme        *theme,
                                         ScholiaMatrixView   *matrix_view)
{
  ScholiaFilterBar *bar = scholia_filtered_view_get_filter_bar (SCHOLIA_FILTERED_VIEW (self->comparison_view));

  _scholia_document_page_bind_comparison (self);
  scholia_comparison_view_set_theme (self->comparison_view, theme);
  scholia_comparison_view_set_author (self->comparison_view, NULL);
  scholia_annotation_filter_set_participant_ids (scholia_filter_bar_get_filter (bar), &participant_id, 1);
  scholia_document_page_show_pane (self, "compare");
}

static void
on_flap_reveal_flap_cb (ScholiaDocumentPage *self)
{
  _scholia_document_page_pane_revealed_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANE_REVEALED]);
}

/* Life cycle */

static void
scholia_document_page_dispose (GObject *object)
{
  ScholiaDocumentPage *self = SCHOLIA_DOCUMENT_PAGE (object);
  GtkWidget *child;

  _scholia_document_page_dispose_tag_menu (self);
  _scholia_document_page_dispose_agreement (self);

  g_clear_object (&self->highlighter);
  g_clear_object (&self->reading);
  g_clear_object (&self->tags_signals);
  g_clear_object (&self->reading_signals);
  g_clear_object (&self->doc_actions);
  g_clear_object (&self->annotation_actions);
  g_clear_weak_pointer (&self->focus_before_pane);
  self->store = NULL;
  self->editor = NULL;
  g_clear_object (&self->library);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_DOCUMENT_PAGE);
  /* The template's box is its own child, not a bound one. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (scholia_document_page_parent_class)->dispose (object);
}

static void
scholia_document_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ScholiaDocumentPage *self = SCHOLIA_DOCUMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, scholia_document_page_get_document (self));
      break;

    case PROP_PANE_REVEALED:
      g_value_set_boolean (value, scholia_document_page_get_pane_revealed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_document_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ScholiaDocumentPage *self = SCHOLIA_DOCUMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_PANE_REVEALED:
      scholia_document_page_set_pane_revealed (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_document_page_class_init (ScholiaDocumentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_document_page_dispose;
  object_class->get_property = scholia_document_page_get_property;
  object_class->set_property = scholia_document_page_set_property;

  /**
   * ScholiaDocumentPage:document:
   *
   * The essay in the reader, or %NULL.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         SCHOLIA_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ScholiaDocumentPage:pane-revealed:
   *
   * Whether the pane beside the reader is shown.
   */
  properties[PROP_PANE_REVEALED] =
    g_param_spec_boolean ("pane-revealed", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SCHOLIA_TYPE_ANNOTATION_INSPECTOR);
  g_type_ensure (SCHOLIA_TYPE_TAG_PALETTE);
  g_type_ensure (SCHOLIA_TYPE_COMPARISON_VIEW);
  g_type_ensure (SCHOLIA_TYPE_MATRIX_VIEW);
  g_type_ensure (SCHOLIA_TYPE_ANNOTATION_LIST);
  g_type_ensure (SCHOLIA_TYPE_PANE_SWITCHER);
  g_type_ensure (SCHOLIA_TYPE_AGREEMENT_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-document-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, palette_revealer);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, tag_palette);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, inspector_flap);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, document_stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, document_bin);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, pane_stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, inspector);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, comparison_view);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, matrix_view);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, annotation_list);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, agreement_revealer);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, agreement_bar);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, selection_menu);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentPage, tag_menu);
}

static void
scholia_document_page_init (ScholiaDocumentPage *self)
{
  GtkSourceView *source_view;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->reading_view = SCHOLIA_READING_VIEW (scholia_reading_view_new ());
  adw_bin_set_child (self->document_bin, GTK_WIDGET (self->reading_view));
  source_view = scholia_reading_view_get_source_view (self->reading_view);

  self->menu_tags = g_ptr_array_new_with_free_func (g_object_unref);

  self->highlighter = scholia_highlighter_new (source_view);
  /* The list's participant filter is the reading view's too: others' highlights go with them. */
  scholia_highlighter_set_participant_filter (self->highlighter,
                                              scholia_annotation_list_get_filter (self->annotation_list));
  g_signal_connect_object (self->highlighter, "annotation-activated",
                           G_CALLBACK (on_highlighter_annotation_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (source_view), G_MENU_MODEL (self->selection_menu));

  g_signal_connect_object (self->inspector, "reveal-annotation",
                           G_CALLBACK (on_inspector_reveal_annotation_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matrix_view, "cell-activated",
                           G_CALLBACK (on_matrix_cell_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matrix_view, "participant-cell-activated",
                           G_CALLBACK (on_matrix_participant_cell_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector_flap, "notify::reveal-flap",
                           G_CALLBACK (on_flap_reveal_flap_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pane_stack, "notify::visible-child-name",
                           G_CALLBACK (_scholia_document_page_pane_page_changed), self, G_CONNECT_SWAPPED);

  self->tags_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->tags_signals, "items-changed",
                                  G_CALLBACK (_scholia_document_page_rebuild_tag_menu), self);

  self->reading_signals = g_signal_group_new (SCHOLIA_TYPE_READING);

  _scholia_document_page_init_actions (self);
  _scholia_document_page_watch_selection (self);
  _scholia_document_page_init_layout (self);
  _scholia_document_page_init_agreement (self);
}

/**
 * scholia_document_page_new:
 *
 * Returns: (transfer floating): a page without a library
 */
GtkWidget *
scholia_document_page_new (void)
{
  return g_object_new (SCHOLIA_TYPE_DOCUMENT_PAGE, NULL);
}

/**
 * scholia_document_page_set_library:
 * @self: a page
 * @library: (nullable): the open library
 *
 * Shows @library's tags in the palette and the context menu and its comparisons in the pane;
 * annotation edits go through its editor. Close the document first.
 */
void
scholia_document_page_set_library (ScholiaDocumentPage *self,
                                   ScholiaLibrary      *library)
{
  GListModel *tags;

  g_return_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self));
  g_return_if_fail (library == NULL || SCHOLIA_IS_LIBRARY (library));
  g_return_if_fail (self->reading == NULL);

  g_set_object (&self->library, library);
  self->store = library != NULL ? scholia_library_get_store (library) : NULL;
  self->editor = library != NULL ? scholia_library_get_editor (library) : NULL;
  tags = self->store != NULL ? scholia_store_get_labels (self->store, SCHOLIA_TYPE_TAG) : NULL;

  g_signal_group_set_target (self->tags_signals, tags);
  scholia_annotation_inspector_set_editor (self->inspector, self->editor);
  scholia_tag_palette_set_tags (self->tag_palette, tags);
  /* The comparison and the matrix get it when shown (scholia-document-page-pane.c). */
  self->comparison_bound = FALSE;
  self->matrix_bound = FALSE;
  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (self->comparison_view), NULL);
  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (self->matrix_view), NULL);
  _scholia_document_page_pane_page_changed (self);
  scholia_annotation_list_set_editor (self->annotation_list, self->editor);
  _scholia_document_page_rebuild_tag_menu (self);
  _scholia_document_page_update_actions (self);
}

/**
 * scholia_document_page_show_document:
 * @self: a page
 * @document: (nullable): an essay of the page's library, or %NULL to close the reader
 * @error: where to say why @document could not be opened
 *
 * Opens @document through the library, which first re-anchors the annotations whose passage
 * moved in its text (a toast says what moved), and shows it in the reader with its annotations.
 * When its text or annotations cannot be read, the reader is left as it was.
 *
 * Returns: whether @document is now shown
 */
gboolean
scholia_document_page_show_document (ScholiaDocumentPage  *self,
                                     ScholiaDocument      *document,
                                     GError              **error)
{
  g_autoptr(ScholiaReading) reading = NULL;
  g_autoptr(GError) reanchor_error = NULL;
  ScholiaReanchorSummary summary = { 0 };

  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), FALSE);
  g_return_val_if_fail (document == NULL || self->library != NULL, FALSE);

  /* What was typed into a note belongs to the essay being left. */
  scholia_annotation_inspector_flush (self->inspector);

  /* Re-anchored before the highlights are drawn, so that none is drawn where its passage no
   * longer is. */
  if (document != NULL)
    {
      reading = scholia_library_open_document (self->library, document, &summary,
                                               &reanchor_error, error);
      if (reading == NULL)
        return FALSE;
    }

  g_set_object (&self->reading, reading);
  if (document != NULL)
    scholia_reading_view_set_document (self->reading_view,
                                       scholia_document_get_title (document),
                                       scholia_document_get_author (document),
                                       scholia_reading_get_text (reading));
  else
    scholia_reading_view_set_document (self->reading_view, NULL, NULL, NULL);

  g_signal_group_set_target (self->reading_signals, self->reading);
  scholia_highlighter_set_reading (self->highlighter, self->reading);
  scholia_annotation_inspector_set_reading (self->inspector, self->reading);
  scholia_annotation_list_set_document (self->annotation_list, document);

  gtk_stack_set_visible_child_name (self->document_stack, document != NULL ? "reader" : "choose");
  gtk_revealer_set_reveal_child (self->palette_revealer, document != NULL);

  /* A read-only library still opens its essays; re-anchoring then says why nothing moved. */
  if (reanchor_error != NULL)
    _scholia_document_page_add_message_toast (self, reanchor_error->message);
  else if (self->reading != NULL)
    _scholia_document_page_report_reanchoring (self, &summary);

  _scholia_document_page_update_actions (self);
  _scholia_document_page_update_agreement (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);

  return TRUE;
}

/**
 * scholia_document_page_get_document:
 * @self: a page
 *
 * Returns: (transfer none) (nullable): the essay in the reader
 */
ScholiaDocument *
scholia_document_page_get_document (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), NULL);

  return self->reading != NULL ? scholia_reading_get_document (self->reading) : NULL;
}

/**
 * scholia_document_page_get_reading:
 * @self: a page
 *
 * Returns: (transfer none) (nullable): the essay in the reader, with its annotations and the
 *   current one
 */
ScholiaReading *
scholia_document_page_get_reading (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), NULL);

  return self->reading;
}

/**
 * scholia_document_page_flush:
 * @self: a page
 *
 * Saves a note still being typed, before anything reads the library or the page goes.
 */
void
scholia_document_page_flush (ScholiaDocumentPage *self)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self));

  scholia_annotation_inspector_flush (self->inspector);
}

/**
 * scholia_document_page_show_pane:
 * @self: a page
 * @page: "annotation", "compare" or "matrix"
 *
 * Opens the pane beside the reader on @page.
 */
void
scholia_document_page_show_pane (ScholiaDocumentPage *self,
                                 const char          *page)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self));

  _scholia_document_page_reveal_pane (self, page);
}

/**
 * scholia_document_page_get_pane:
 * @self: a page
 *
 * Returns: the page the pane shows: "annotation", "compare" or "matrix"
 */
const char *
scholia_document_page_get_pane (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->pane_stack);
}

/**
 * scholia_document_page_get_pane_revealed:
 * @self: a page
 *
 * Returns: whether the pane beside the reader is shown (#ScholiaDocumentPage:pane-revealed)
 */
gboolean
scholia_document_page_get_pane_revealed (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), FALSE);

  return adw_flap_get_reveal_flap (self->inspector_flap);
}

/**
 * scholia_document_page_set_pane_revealed:
 * @self: a page
 * @revealed: whether to show the pane beside the reader
 */
void
scholia_document_page_set_pane_revealed (ScholiaDocumentPage *self,
                                         gboolean             revealed)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self));

  adw_flap_set_reveal_flap (self->inspector_flap, revealed);
}

/**
 * scholia_document_page_get_pane_folded:
 * @self: a page
 *
 * Returns: whether the pane, when shown, covers the reader (a narrow window)
 */
gboolean
scholia_document_page_get_pane_folded (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), FALSE);

  return adw_flap_get_folded (self->inspector_flap);
}

/**
 * scholia_document_page_show_passage:
 * @self: a page
 * @passage: a passage of the open essay, as a comparison lists it
 *
 * Selects @passage in the reader and shows its annotation in the inspector; in a narrow window
 * the pane folds away so as not to cover it.
 */
void
scholia_document_page_show_passage (ScholiaDocumentPage *self,
                                    ScholiaPassage      *passage)
{
  ScholiaAnnotation *annotation;

  g_return_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self));
  g_return_if_fail (SCHOLIA_IS_PASSAGE (passage));

  /* The live annotation knows where the passage is now, should the text have changed since the
   * comparison was listed. */
  annotation = _scholia_document_page_lookup_annotation (self, scholia_passage_get_annotation_id (passage));
  if (annotation != NULL)
    {
      scholia_reading_set_current (self->reading, annotation);
      _scholia_document_page_select_annotation (self, annotation);
    }
  else
    {
      scholia_reading_view_select_range (self->reading_view,
                                         scholia_passage_get_start (passage),
                                         scholia_passage_get_end (passage));
    }

  if (adw_flap_get_folded (self->inspector_flap))
    adw_flap_set_reveal_flap (self->inspector_flap, FALSE);
}

/**
 * scholia_document_page_get_action_group:
 * @self: a page
 * @prefix: "doc" or "annotation"
 *
 * Returns: (transfer none): the page's actions of that group, for the window to insert (and to
 * add its own actions on the open essay to)
 */
GActionGroup *
scholia_document_page_get_action_group (ScholiaDocumentPage *self,
                                        const char          *prefix)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), NULL);

  if (g_str_equal (prefix, "doc"))
    return G_ACTION_GROUP (self->doc_actions);
  if (g_str_equal (prefix, "annotation"))
    return G_ACTION_GROUP (self->annotation_actions);

  g_return_val_if_reached (NULL);
}

/* The page's parts, for the window and for tests; all (transfer none). */

ScholiaReadingView *
scholia_document_page_get_reading_view (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), NULL);

  return self->reading_view;
}

ScholiaHighlighter *
scholia_document_page_get_highlighter (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), NULL);

  return self->highlighter;
}

ScholiaTagPalette *
scholia_document_page_get_tag_palette (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), NULL);

  return self->tag_palette;
}

ScholiaAnnotationInspector *
scholia_document_page_get_inspector (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), NULL);

  return self->inspector;
}

ScholiaComparisonView *
scholia_document_page_get_comparison_view (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), NULL);

  _scholia_document_page_bind_comparison (self);
  return self->comparison_view;
}

ScholiaMatrixView *
scholia_document_page_get_matrix_view (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), NULL);

  _scholia_document_page_bind_matrix (self);
  return self->matrix_view;
}
