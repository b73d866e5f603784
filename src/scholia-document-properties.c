/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-document-properties.h"
#include "scholia-count-format.h"
#include "scholia-accessible.h"
#include "scholia-error.h"
#include "scholia-language.h"
#include "scholia-names.h"
#include "scholia-reference-fill.h"
#include "scholia-store-references.h"
#include "scholia-time-format.h"

/* Matches shown under the citation key as one types. */
#define MAX_MATCHES 8

/* Edits an essay's title, author (and how the author sorts), date, source, citation key and
 * language (which search stems its words in). Nothing reaches the library until Save, and
 * when saving fails the dialog stays open with everything typed in it. Typing in the citation
 * key lists the imported references whose key, authors or title begin so; picking one (click,
 * or Down and Up to choose and Enter, the focus staying in the key) fills the empty fields
 * from it and asks before replacing what is typed. */
struct _ScholiaDocumentProperties
{
  AdwWindow        parent_instance;

  ScholiaEditor   *editor;
  ScholiaDocument *document;

  AdwToastOverlay *toast_overlay;
  AdwEntryRow     *title_row;
  AdwEntryRow     *author_row;
  AdwEntryRow     *author_sort_row;
  /* The guess for the author as typed: the sort key follows the name until the user edits it. */
  char            *author_guess;
  AdwEntryRow     *date_row;
  AdwEntryRow     *source_row;
  AdwEntryRow     *citation_key_row;
  GtkListBox      *reference_list;  /* rows carry their key as "key" data */
  gboolean         picking;         /* the key row is being set from a pick: no search */
  AdwComboRow     *language_row;   /* scholia_languages_get()'s, in that order */
  GtkLabel        *characters_label;
  GtkLabel        *annotations_label;
  GtkLabel        *added_label;
};

G_DEFINE_FINAL_TYPE (ScholiaDocumentProperties, scholia_document_properties, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
fill_languages (ScholiaDocumentProperties *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const ScholiaLanguage *languages;
  guint n_languages;
  guint selected = 0;

  languages = scholia_languages_get (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    {
      gtk_string_list_append (names, scholia_language_get_name (languages[i].code));
      if (g_str_equal (languages[i].code, scholia_document_get_language (self->document)))
        selected = i;
    }
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->language_row, selected);
}

static const char *
chosen_language (ScholiaDocumentProperties *self)
{
  const ScholiaLanguage *languages;
  guint n_languages;
  guint selected = adw_combo_row_get_selected (self->language_row);

  languages = scholia_languages_get (&n_languages);
  return selected < n_languages ? languages[selected].code : NULL;
}

static void
fill_rows (ScholiaDocumentProperties *self)
{
  ScholiaDocument *document = self->document;
  g_autofree char *characters = NULL;
  g_autofree char *annotations = NULL;
  g_autofree char *added_text = NULL;
  guint n_annotations = scholia_document_get_annotation_count (document);

  set_row_text (self->title_row, scholia_document_get_title (document));
  set_row_text (self->author_row, scholia_document_get_author (document));
  set_row_text (self->author_sort_row, scholia_document_get_author_sort_key (document));
  set_row_text (self->date_row, scholia_document_get_date (document));
  set_row_text (self->source_row, scholia_document_get_source (document));
  self->picking = TRUE;
  set_row_text (self->citation_key_row, scholia_document_get_citation_key (document));
  self->picking = FALSE;
  fill_languages (self);

  /* %' groups digits the way the user's locale does. */
  characters = g_strdup_printf ("%'" G_GINT64_FORMAT, scholia_document_get_characters (document));
  gtk_label_set_label (self->characters_label, characters);

  if (n_annotations == 0)
    /* Translators: the count of an essay’s annotations when it has none */
    annotations = g_strdup (_("None yet"));
  else
    annotations = scholia_count_format ("%'u", n_annotations);
  gtk_label_set_label (self->annotations_label, annotations);

  added_text = scholia_time_format (scholia_document_get_created (document), SCHOLIA_TIME_DATE_TIME);
  gtk_label_set_label (self->added_label, added_text);
}

static void
on_title_row_changed_cb (ScholiaDocumentProperties *self,
                         AdwEntryRow               *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
on_author_row_changed_cb (ScholiaDocumentProperties *self,
                          AdwEntryRow               *row)
{
  const char *sort_key = gtk_editable_get_text (GTK_EDITABLE (self->author_sort_row));
  g_autofree char *author = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *guess = scholia_names_guess_sort_key (author);

  /* The name fill_rows() puts in only sets the guess: the stored key is shown as it is. */
  if (self->author_guess != NULL && (*sort_key == '\0' || g_str_equal (sort_key, self->author_guess)))
    set_row_text (self->author_sort_row, guess);
  g_free (self->author_guess);
  self->author_guess = g_steal_pointer (&guess);
  gtk_widget_set_sensitive (GTK_WIDGET (self->author_sort_row), *author != '\0');
}

/* Citation key: search as one types, pick, fill. */

static GtkWidget *
reference_row_new (ScholiaReference *reference)
{
  g_autoptr(ScholiaReferenceFill) fill = scholia_reference_fill_new (reference);
  g_autofree char *year = scholia_reference_dup_year (reference);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* Translators: a reference in the list under the citation key: its key, authors and year */
  title = g_markup_printf_escaped (_("%s — %s %s"), scholia_reference_get_key (reference),
                                   fill->values[SCHOLIA_FILL_AUTHOR], year);
  subtitle = g_markup_escape_text (scholia_reference_get (reference, SCHOLIA_REFERENCE_TITLE), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_strstrip (title));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "key", g_strdup (scholia_reference_get_key (reference)), g_free);
  return row;
}

static void
hide_matches (ScholiaDocumentProperties *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->reference_list))) != NULL)
    gtk_list_box_remove (self->reference_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->reference_list), FALSE);
}

static void
on_citation_key_row_changed_cb (ScholiaDocumentProperties *self,
                                AdwEntryRow               *row)
{
  ScholiaStore *store = scholia_editor_get_store (self->editor);
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  hide_matches (self);
  if (self->picking || *query == '\0')
    return;
  found = scholia_store_search_references (store, query, MAX_MATCHES, &error);
  if (found == NULL)
    {
      g_warning ("The references could not be searched: %s", error->message);
      return;
    }
  for (guint i = 0; i < found->len; i++)
    gtk_list_box_append (self->reference_list, reference_row_new (g_ptr_array_index (found, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->reference_list), found->len > 0);
}

/* Down and Up move through the matches while the key keeps the focus, so that typing goes on;
 * Enter picks the one selected (see below). */
static gboolean
on_citation_key_row_key_pressed_cb (ScholiaDocumentProperties *self,
                                    guint                      keyval,
                                    guint                      keycode,
                                    GdkModifierType            state,
                                    GtkEventControllerKey     *controller)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->reference_list);
  int step;
  int index;
  GtkListBoxRow *next;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    step = 1;
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    step = -1;
  else
    return GDK_EVENT_PROPAGATE;
  if (!gtk_widget_get_visible (GTK_WIDGET (self->reference_list)))
    return GDK_EVENT_PROPAGATE;

  index = selected != NULL ? gtk_list_box_row_get_index (selected) + step : 0;
  next = gtk_list_box_get_row_at_index (self->reference_list, MAX (index, 0));
  if (next != NULL)
    gtk_list_box_select_row (self->reference_list, next);
  return GDK_EVENT_STOP;
}

static void
set_field_row (ScholiaDocumentProperties *self,
               ScholiaFillField           field,
               const char                *value)
{
  AdwEntryRow *rows[SCHOLIA_FILL_N_FIELDS] = { self->title_row, self->author_row, self->date_row, self->source_row };

  set_row_text (rows[field], value);
  /* A person's name files under the family name the reference gives, not a guess. */
  if (field == SCHOLIA_FILL_AUTHOR)
    {
      ScholiaReferenceFill *fill = g_object_get_data (G_OBJECT (self), "fill");

      if (fill != NULL && *fill->author_sort_key != '\0')
        set_row_text (self->author_sort_row, fill->author_sort_key);
    }
}

static const char *
field_row_text (ScholiaDocumentProperties *self,
                ScholiaFillField           field)
{
  AdwEntryRow *rows[SCHOLIA_FILL_N_FIELDS] = { self->title_row, self->author_row, self->date_row, self->source_row };

  return gtk_editable_get_text (GTK_EDITABLE (rows[field]));
}

static void
on_replace_response_cb (ScholiaDocumentProperties *self,
                        const char                *response,
                        AdwMessageDialog          *dialog)
{
  ScholiaReferenceFill *fill = g_object_get_data (G_OBJECT (self), "fill");

  if (fill == NULL || !g_str_equal (response, "replace"))
    return;
  for (guint f = 0; f < SCHOLIA_FILL_N_FIELDS; f++)
    if (*fill->values[f] != '\0')
      set_field_row (self, f, fill->values[f]);
}

/* Fills the empty fields from @key's reference, and asks before replacing what is typed. */
static void
pick_reference (ScholiaDocumentProperties *self,
                const char                *key)
{
  ScholiaStore *store = scholia_editor_get_store (self->editor);
  g_autoptr(ScholiaReference) reference = NULL;
  g_autoptr(GString) questions = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  ScholiaReferenceFill *fill;
  AdwMessageDialog *dialog;

  self->picking = TRUE;
  set_row_text (self->citation_key_row, key);
  self->picking = FALSE;
  hide_matches (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->citation_key_row));

  reference = scholia_store_lookup_reference (store, key, &error);
  if (reference == NULL)
    return;
  fill = scholia_reference_fill_new (reference);
  g_object_set_data_full (G_OBJECT (self), "fill", fill, (GDestroyNotify) scholia_reference_fill_free);

  for (guint f = 0; f < SCHOLIA_FILL_N_FIELDS; f++)
    {
      g_autofree char *typed = g_strstrip (g_strdup (field_row_text (self, f)));

      if (*fill->values[f] == '\0' || g_str_equal (typed, fill->values[f]))
        continue;
      if (*typed == '\0')
        {
          set_field_row (self, f, fill->values[f]);
          continue;
        }
      if (questions->len > 0)
        g_string_append_c (questions, '\n');
      /* Translators: one line of the question asked when a reference is picked: the field
       * ("title"), what the user typed and what the reference has */
      g_string_append_printf (questions, _("Replace the %s “%s” with “%s”?"),
                              scholia_reference_fill_field_name (f), typed, fill->values[f]);
    }
  if (questions->len == 0)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Replace What You Typed?"),
                                                       questions->str));
  /* Translators: buttons of the question whether to replace what the user typed with the
   * reference’s values */
  adw_message_dialog_add_responses (dialog, "keep", _("_Keep Mine"), "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "replace");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_reference_list_row_activated_cb (ScholiaDocumentProperties *self,
                                    GtkListBoxRow             *row,
                                    GtkListBox                *list)
{
  g_autofree char *key = g_strdup (g_object_get_data (G_OBJECT (row), "key"));

  pick_reference (self, key);
}

/* Enter in the key picks the match selected (the first unless Down or Up chose another) while
 * matches are shown, else saves as the other fields do. */
static void
on_citation_key_row_activated_cb (ScholiaDocumentProperties *self,
                                  AdwEntryRow               *row)
{
  GtkListBoxRow *chosen = gtk_list_box_get_selected_row (self->reference_list);
  g_autofree char *key = NULL;

  if (chosen == NULL)
    chosen = gtk_list_box_get_row_at_index (self->reference_list, 0);
  if (chosen == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->reference_list)))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "properties.save", NULL);
      return;
    }
  key = g_strdup (g_object_get_data (G_OBJECT (chosen), "key"));
  pick_reference (self, key);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScholiaDocumentProperties *self = SCHOLIA_DOCUMENT_PROPERTIES (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *markup = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  if (scholia_editor_update_document_with_key (self->editor, self->document,
                                               title,
                                               gtk_editable_get_text (GTK_EDITABLE (self->author_row)),
                                               gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
                                               gtk_editable_get_text (GTK_EDITABLE (self->source_row)),
                                               gtk_editable_get_text (GTK_EDITABLE (self->author_sort_row)),
                                               chosen_language (self),
                                               gtk_editable_get_text (GTK_EDITABLE (self->citation_key_row)),
                                               &error))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* The store refuses a blank title: point at the row that needs fixing. */
  stripped = g_strstrip (g_strdup (title));
  if (*stripped == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
  else if (g_error_matches (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID) &&
           !scholia_reference_key_is_valid (gtk_editable_get_text (GTK_EDITABLE (self->citation_key_row))) &&
           *gtk_editable_get_text (GTK_EDITABLE (self->citation_key_row)) != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->citation_key_row), "error");

  markup = g_markup_escape_text (error->message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static void
scholia_document_properties_dispose (GObject *object)
{
  ScholiaDocumentProperties *self = SCHOLIA_DOCUMENT_PROPERTIES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_DOCUMENT_PROPERTIES);
  g_clear_object (&self->document);
  g_clear_object (&self->editor);
  g_clear_pointer (&self->author_guess, g_free);

  G_OBJECT_CLASS (scholia_document_properties_parent_class)->dispose (object);
}

static void
scholia_document_properties_constructed (GObject *object)
{
  ScholiaDocumentProperties *self = SCHOLIA_DOCUMENT_PROPERTIES (object);

  G_OBJECT_CLASS (scholia_document_properties_parent_class)->constructed (object);

  g_assert (self->editor != NULL);
  g_assert (self->document != NULL);

  fill_rows (self);

  /* The first field, rather than the header's Cancel that GTK would focus first; typing adds
   * to the title rather than replacing it. */
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  gtk_editable_set_position (GTK_EDITABLE (self->title_row), -1);
}

static void
scholia_document_properties_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  ScholiaDocumentProperties *self = SCHOLIA_DOCUMENT_PROPERTIES (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;

    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_document_properties_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  ScholiaDocumentProperties *self = SCHOLIA_DOCUMENT_PROPERTIES (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      self->editor = g_value_dup_object (value);
      break;

    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_document_properties_class_init (ScholiaDocumentPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_document_properties_dispose;
  object_class->constructed = scholia_document_properties_constructed;
  object_class->get_property = scholia_document_properties_get_property;
  object_class->set_property = scholia_document_properties_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL,
                         SCHOLIA_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         SCHOLIA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-document-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentProperties, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentProperties, title_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentProperties, author_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentProperties, author_sort_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentProperties, date_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentProperties, source_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentProperties, citation_key_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentProperties, reference_list);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentProperties, language_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentProperties, characters_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentProperties, annotations_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaDocumentProperties, added_label);
  gtk_widget_class_bind_template_callback (widget_class, on_title_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_author_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_citation_key_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_citation_key_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_citation_key_row_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reference_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "properties.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "properties.save", NULL);
}

static void
scholia_document_properties_init (ScholiaDocumentProperties *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_accessible_fix_mnemonic_labels (GTK_WIDGET (self));
  scholia_accessible_name_combo_row_items (self->language_row);
}

/**
 * scholia_document_properties_new:
 * @editor: the editor of the library holding @document, so that saving can be undone
 * @document: the essay to edit
 *
 * Returns: (transfer floating): a dialog editing @document; make it transient for a window
 */
GtkWidget *
scholia_document_properties_new (ScholiaEditor   *editor,
                                 ScholiaDocument *document)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  return g_object_new (SCHOLIA_TYPE_DOCUMENT_PROPERTIES,
                       "editor", editor,
                       "document", document,
                       NULL);
}

/**
 * scholia_document_properties_get_document:
 * @self: a properties dialog
 *
 * Returns: (transfer none): the essay the dialog edits
 */
ScholiaDocument *
scholia_document_properties_get_document (ScholiaDocumentProperties *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PROPERTIES (self), NULL);

  return self->document;
}
