/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-comparison.h"
#include "scholia-annotation-filter.h"
#include "scholia-citation.h"
#include "scholia-dates.h"
#include "scholia-names.h"
#include "scholia-paragraphs.h"

struct _ScholiaComparison
{
  GObject       parent_instance;

  ScholiaStore            *store;
  ScholiaTheme            *theme;    /* the filter's (first) theme */
  ScholiaAnnotationFilter *filter;
  GListStore              *passages;
  GStrv                    authors;  /* on the theme under the filter's tags, in passage order */
  GHashTable              *paragraphs; /* a document's id → its ScholiaParagraph array, loaded
                                        * when one of its passages is first placed */
  gint64                   texts_changed_in; /* during a refresh, the document whose quotes and
                                              * notes may have changed: 0 any, -1 none */
};

G_DEFINE_FINAL_TYPE (ScholiaComparison, scholia_comparison, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_THEME,
  PROP_FILTER,
  PROP_AUTHORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sort keys computed once per passage rather than once per comparison, and read from the entry
 * itself rather than through the passage's getters (a theme of 5,000 passages sorts in 60,000
 * comparisons). */
typedef struct
{
  ScholiaPassage *passage;
  const char     *author_key;
  const char     *author;
  const char     *date;
  const char     *title;
  gint64          document_id;
  int             start;
  int             year;
} SortEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *left = a;
  const SortEntry *right = b;
  gboolean left_unknown = *left->author == '\0';
  gboolean right_unknown = *right->author == '\0';
  int result;

  if (left_unknown != right_unknown)
    return left_unknown - right_unknown;
  if ((result = strcmp (left->author_key, right->author_key)) != 0)
    return result;
  /* Two authors filed alike ("Anonymous") stay apart. */
  if ((result = strcmp (left->author, right->author)) != 0)
    return result;
  /* Passages of one document share its year, date and title. */
  if (left->document_id != right->document_id)
    {
      if (left->year != right->year)
        return left->year < right->year ? -1 : 1;
      if ((result = scholia_dates_compare (left->date, right->date)) != 0)
        return result;
      if ((result = g_utf8_collate (left->title, right->title)) != 0)
        return result;
      return left->document_id < right->document_id ? -1 : 1;
    }
  return left->start - right->start;
}

/* Whether @old, listed, still shows what @new (just read) would. An old passage whose quote
 * and note were never read reads them as they are when shown; one that holds them is compared
 * when its document's annotations changed (reading the new one's: a few rows shown). */
static gboolean
same_passage (ScholiaComparison *self,
              ScholiaPassage    *old,
              ScholiaPassage    *new)
{
  const gint64 *a_tags, *b_tags;
  guint a_n, b_n;
  gint64 changed = self->texts_changed_in;

  if (scholia_passage_get_annotation_id (old) != scholia_passage_get_annotation_id (new) ||
      scholia_passage_get_start (old) != scholia_passage_get_start (new) ||
      scholia_passage_get_end (old) != scholia_passage_get_end (new) ||
      g_strcmp0 (scholia_passage_get_title (old), scholia_passage_get_title (new)) != 0 ||
      g_strcmp0 (scholia_passage_get_date (old), scholia_passage_get_date (new)) != 0 ||
      g_strcmp0 (scholia_passage_get_author (old), scholia_passage_get_author (new)) != 0 ||
      g_strcmp0 (scholia_passage_get_page (old), scholia_passage_get_page (new)) != 0)
    return FALSE;
  if (scholia_passage_has_text (old) && (changed == 0 || changed == scholia_passage_get_document_id (old)) &&
      (g_strcmp0 (scholia_passage_get_note (old), scholia_passage_get_note (new)) != 0 ||
       g_strcmp0 (scholia_passage_get_quote (old), scholia_passage_get_quote (new)) != 0))
    return FALSE;
  /* Tags are like the text when the passages were listed without them (no tag in the filter). */
  if (!scholia_passage_has_tags (old))
    return TRUE;
  if (!scholia_passage_has_tags (new) && changed != 0 && changed != scholia_passage_get_document_id (old))
    return TRUE;

  a_tags = scholia_passage_get_tag_ids (old, &a_n);
  b_tags = scholia_passage_get_tag_ids (new, &b_n);
  return a_n == b_n && (a_n == 0 || memcmp (a_tags, b_tags, a_n * sizeof (gint64)) == 0);
}

/* Replaces only the run of passages that differs, so that a view keeps its rows (and its
 * scroll position) when one annotation changes among thousands. */
static void
replace_changed (ScholiaComparison *self,
                 GPtrArray         *sorted)
{
  GListModel *current = G_LIST_MODEL (self->passages);
  guint n_old = g_list_model_get_n_items (current);
  guint n_new = sorted->len;
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < n_old && prefix < n_new)
    {
      g_autoptr(ScholiaPassage) old = g_list_model_get_item (current, prefix);

      if (!same_passage (self, old, g_ptr_array_index (sorted, prefix)))
        break;
      prefix++;
    }
  while (suffix < n_old - prefix && suffix < n_new - prefix)
    {
      g_autoptr(ScholiaPassage) old = g_list_model_get_item (current, n_old - 1 - suffix);

      if (!same_passage (self, old, g_ptr_array_index (sorted, n_new - 1 - suffix)))
        break;
      suffix++;
    }

  if (prefix == n_old && prefix == n_new)
    return;
  g_list_store_splice (self->passages, prefix, n_old - prefix - suffix,
                       sorted->pdata + prefix, n_new - prefix - suffix);
}

static void
set_authors (ScholiaComparison *self,
             GStrv              names)
{
  if (names == NULL ? self->authors == NULL
                    : self->authors != NULL && g_strv_equal ((const char * const *) names,
                                                             (const char * const *) self->authors))
    return;

  g_strfreev (self->authors);
  self->authors = g_strdupv (names);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORS]);
}

static gboolean
refresh_passages (ScholiaComparison  *self,
                  GError            **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) author_keys = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GStrvBuilder) authors = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  const char *previous_author = NULL;
  guint n_filter_tags;

  /* A revised text numbers its paragraphs anew. */
  g_hash_table_remove_all (self->paragraphs);
  if (self->theme == NULL)
    {
      g_list_store_remove_all (self->passages);
      set_authors (self, NULL);
      return TRUE;
    }

  /* The tags are read with the passages only when the filter has tags to match. */
  scholia_annotation_filter_get_tag_ids (self->filter, &n_filter_tags);
  found = scholia_store_list_theme_passages (self->store, self->theme, n_filter_tags > 0, error);
  if (found == NULL)
    return FALSE;

  author_keys = g_hash_table_new (g_str_hash, g_str_equal);
  entries = g_array_sized_new (FALSE, FALSE, sizeof (SortEntry), found->len);
  for (guint i = 0; i < found->len; i++)
    {
      ScholiaPassage *passage = g_ptr_array_index (found, i);
      const char *author = scholia_passage_get_author (passage);
      SortEntry entry = {
        .passage = passage,
        .author = author,
        .date = scholia_passage_get_date (passage),
        .title = scholia_passage_get_title (passage),
        .document_id = scholia_passage_get_document_id (passage),
        .start = scholia_passage_get_start (passage),
      };
      const gint64 *tag_ids;
      guint n_tags;

      /* The authors on offer are those the other criteria leave: a menu of authors still
       * offers them all while one is shown. */
      if (n_filter_tags > 0)
        {
          tag_ids = scholia_passage_get_tag_ids (passage, &n_tags);
          if (!scholia_annotation_filter_match_tags (self->filter, tag_ids, n_tags))
            continue;
        }
      if (!scholia_annotation_filter_match_participant (self->filter, scholia_passage_get_participant_id (passage)))
        continue;

      entry.year = scholia_dates_year (entry.date);
      entry.author_key = g_hash_table_lookup (author_keys, author);
      if (entry.author_key == NULL)
        {
          entry.author_key = scholia_names_intern_collate_key (scholia_passage_get_author_sort_key (passage));
          g_hash_table_insert (author_keys, (gpointer) author, (gpointer) entry.author_key);
        }
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries);
  sorted = g_ptr_array_sized_new (entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      ScholiaPassage *passage = g_array_index (entries, SortEntry, i).passage;
      const char *author = scholia_passage_get_author (passage);

      if (previous_author == NULL || strcmp (author, previous_author) != 0)
        g_strv_builder_add (authors, author);
      previous_author = author;
      if (scholia_annotation_filter_match_author (self->filter, author))
        g_ptr_array_add (sorted, passage);
    }

  replace_changed (self, sorted);
  names = g_strv_builder_end (authors);
  set_authors (self, names);
  return TRUE;
}

gboolean
scholia_comparison_refresh (ScholiaComparison  *self,
                            GError            **error)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON (self), FALSE);

  self->texts_changed_in = 0;
  return refresh_passages (self, error);
}

/* @texts_changed_in: the document whose annotations changed, 0 any, -1 none (the filter). */
static void
refresh_or_warn (ScholiaComparison *self,
                 gint64             texts_changed_in)
{
  g_autoptr(GError) error = NULL;

  self->texts_changed_in = texts_changed_in;
  if (!refresh_passages (self, &error))
    g_warning ("Could not refresh the comparison: %s", error->message);
}

/* The filter's first theme is the one compared; a theme set here is already in step. */
static void
on_filter_changed_cb (ScholiaComparison       *self,
                      ScholiaAnnotationFilter *filter)
{
  guint n_ids;
  const gint64 *ids = scholia_annotation_filter_get_theme_ids (filter, &n_ids);
  gint64 current = self->theme != NULL ? scholia_label_get_id (SCHOLIA_LABEL (self->theme)) : 0;

  if ((n_ids > 0 ? ids[0] : 0) != current)
    {
      ScholiaTheme *theme = n_ids > 0 ? SCHOLIA_THEME (scholia_store_lookup_label (self->store, SCHOLIA_TYPE_THEME, ids[0])) : NULL;

      g_set_object (&self->theme, theme);
      refresh_or_warn (self, -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
      return;
    }
  refresh_or_warn (self, -1);
}

static void
on_annotations_changed_cb (ScholiaComparison *self,
                           gint64             document_id,
                           ScholiaStore      *store)
{
  refresh_or_warn (self, document_id);
}

static void
on_themes_changed_cb (ScholiaComparison *self,
                      guint              position,
                      guint              removed,
                      guint              added,
                      GListModel        *themes)
{
  guint ignored;

  /* The theme was deleted: there is nothing left to compare. */
  if (self->theme != NULL && !g_list_store_find (G_LIST_STORE (themes), self->theme, &ignored))
    scholia_comparison_set_theme (self, NULL);
}

static void
scholia_comparison_dispose (GObject *object)
{
  ScholiaComparison *self = SCHOLIA_COMPARISON (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  g_clear_object (&self->theme);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (scholia_comparison_parent_class)->dispose (object);
}

static void
scholia_comparison_finalize (GObject *object)
{
  ScholiaComparison *self = SCHOLIA_COMPARISON (object);

  g_clear_object (&self->passages);
  g_clear_pointer (&self->authors, g_strfreev);
  g_clear_pointer (&self->paragraphs, g_hash_table_unref);

  G_OBJECT_CLASS (scholia_comparison_parent_class)->finalize (object);
}

static void
scholia_comparison_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ScholiaComparison *self = SCHOLIA_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_THEME:
      g_value_set_object (value, self->theme);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_AUTHORS:
      g_value_set_boxed (value, self->authors);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_comparison_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ScholiaComparison *self = SCHOLIA_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_THEME:
      scholia_comparison_set_theme (self, g_value_get_object (value));
      break;
    case PROP_FILTER:
      scholia_comparison_set_filter (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_comparison_class_init (ScholiaComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scholia_comparison_dispose;
  object_class->finalize = scholia_comparison_finalize;
  object_class->get_property = scholia_comparison_get_property;
  object_class->set_property = scholia_comparison_set_property;

  properties[PROP_THEME] =
    g_param_spec_object ("theme", NULL, NULL, SCHOLIA_TYPE_THEME,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, SCHOLIA_TYPE_ANNOTATION_FILTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHORS] =
    g_param_spec_boxed ("authors", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scholia_comparison_init (ScholiaComparison *self)
{
  self->passages = g_list_store_new (SCHOLIA_TYPE_PASSAGE);
  self->paragraphs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_array_unref);
}

ScholiaComparison *
scholia_comparison_new (ScholiaStore *store)
{
  ScholiaComparison *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  self = g_object_new (SCHOLIA_TYPE_COMPARISON, NULL);
  self->store = g_object_ref (store);
  self->filter = scholia_annotation_filter_new ();
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "annotations-changed", G_CALLBACK (on_annotations_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scholia_store_get_labels (store, SCHOLIA_TYPE_THEME), "items-changed",
                           G_CALLBACK (on_themes_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

ScholiaStore *
scholia_comparison_get_store (ScholiaComparison *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON (self), NULL);
  return self->store;
}

ScholiaTheme *
scholia_comparison_get_theme (ScholiaComparison *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON (self), NULL);
  return self->theme;
}

void
scholia_comparison_set_theme (ScholiaComparison *self,
                              ScholiaTheme      *theme)
{
  gint64 id;

  g_return_if_fail (SCHOLIA_IS_COMPARISON (self));
  g_return_if_fail (theme == NULL || SCHOLIA_IS_THEME (theme));

  if (!g_set_object (&self->theme, theme))
    return;

  /* The filter follows, and its "changed" refreshes the passages. */
  id = theme != NULL ? scholia_label_get_id (SCHOLIA_LABEL (theme)) : 0;
  scholia_annotation_filter_set_theme_ids (self->filter, &id, theme != NULL ? 1 : 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
}

ScholiaAnnotationFilter *
scholia_comparison_get_filter (ScholiaComparison *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON (self), NULL);
  return self->filter;
}

/* A view's filter, shared with its filter bar, outlives the comparisons of each library. */
void
scholia_comparison_set_filter (ScholiaComparison       *self,
                               ScholiaAnnotationFilter *filter)
{
  g_return_if_fail (SCHOLIA_IS_COMPARISON (self));
  g_return_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (filter));

  if (self->filter == filter)
    return;

  g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);
  g_signal_connect_object (filter, "changed", G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  on_filter_changed_cb (self, filter);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

GListModel *
scholia_comparison_get_passages (ScholiaComparison *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON (self), NULL);
  return G_LIST_MODEL (self->passages);
}

/* The authors with passages on the theme under the filter's other criteria, by surname (no
 * author last), whether or not the filter's authors show them. */
char **
scholia_comparison_list_authors (ScholiaComparison *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON (self), NULL);

  return self->authors != NULL ? g_strdupv (self->authors) : g_new0 (char *, 1);
}

char *
scholia_comparison_dup_place (ScholiaComparison *self,
                              ScholiaPassage    *passage)
{
  gint64 document_id;
  const char *page;
  GArray *paragraphs;

  g_return_val_if_fail (SCHOLIA_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (passage), NULL);

  page = scholia_passage_get_page (passage);
  if (*page != '\0')
    return scholia_citation_format_pages (page, NULL);

  document_id = scholia_passage_get_document_id (passage);
  paragraphs = g_hash_table_lookup (self->paragraphs, &document_id);
  if (paragraphs == NULL)
    {
      ScholiaDocument *document = scholia_store_lookup_document (self->store, document_id);
      g_autofree char *text = document != NULL ? scholia_store_load_text (self->store, document, NULL) : NULL;

      if (text == NULL)
        return NULL;
      paragraphs = scholia_paragraphs_split (text);
      g_hash_table_insert (self->paragraphs, g_memdup2 (&document_id, sizeof document_id), paragraphs);
    }
  return scholia_citation_format_paragraph (scholia_paragraphs_number_at (paragraphs,
                                                                          scholia_passage_get_start (passage)));
}
