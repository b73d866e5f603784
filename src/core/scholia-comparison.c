/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-comparison.h"
#include "scholia-dates.h"
#include "scholia-names.h"

struct _ScholiaComparison
{
  GObject       parent_instance;

  ScholiaStore *store;
  ScholiaTheme *theme;
  GArray       *tag_filter;     /* gint64; empty: every tag */
  GStrv         author_filter;  /* NULL: every author */
  GListStore   *passages;
};

G_DEFINE_FINAL_TYPE (ScholiaComparison, scholia_comparison, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_THEME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sort keys computed once per passage rather than once per comparison. */
typedef struct
{
  ScholiaPassage *passage;
  const char     *author_key;
  int             year;
} SortEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *left = a;
  const SortEntry *right = b;
  ScholiaPassage *lp = left->passage;
  ScholiaPassage *rp = right->passage;
  gboolean left_unknown = *scholia_passage_get_author (lp) == '\0';
  gboolean right_unknown = *scholia_passage_get_author (rp) == '\0';
  int result;

  if (left_unknown != right_unknown)
    return left_unknown - right_unknown;
  if ((result = strcmp (left->author_key, right->author_key)) != 0)
    return result;
  if (left->year != right->year)
    return left->year < right->year ? -1 : 1;
  if ((result = scholia_dates_compare (scholia_passage_get_date (lp), scholia_passage_get_date (rp))) != 0)
    return result;
  if ((result = g_utf8_collate (scholia_passage_get_title (lp), scholia_passage_get_title (rp))) != 0)
    return result;
  if (scholia_passage_get_document_id (lp) != scholia_passage_get_document_id (rp))
    return scholia_passage_get_document_id (lp) < scholia_passage_get_document_id (rp) ? -1 : 1;
  return scholia_passage_get_start (lp) - scholia_passage_get_start (rp);
}

static gboolean
passes_filters (ScholiaComparison *self,
                ScholiaPassage    *passage)
{
  gboolean tagged = self->tag_filter->len == 0;

  for (guint i = 0; !tagged && i < self->tag_filter->len; i++)
    tagged = scholia_passage_has_tag (passage, g_array_index (self->tag_filter, gint64, i));
  if (!tagged)
    return FALSE;

  return self->author_filter == NULL ||
         g_strv_contains ((const char * const *) self->author_filter, scholia_passage_get_author (passage));
}

static gboolean
same_passage (ScholiaPassage *a,
              ScholiaPassage *b)
{
  const gint64 *a_tags, *b_tags;
  guint a_n, b_n;

  if (scholia_passage_get_annotation_id (a) != scholia_passage_get_annotation_id (b) ||
      scholia_passage_get_start (a) != scholia_passage_get_start (b) ||
      scholia_passage_get_end (a) != scholia_passage_get_end (b) ||
      g_strcmp0 (scholia_passage_get_note (a), scholia_passage_get_note (b)) != 0 ||
      g_strcmp0 (scholia_passage_get_quote (a), scholia_passage_get_quote (b)) != 0 ||
      g_strcmp0 (scholia_passage_get_title (a), scholia_passage_get_title (b)) != 0 ||
      g_strcmp0 (scholia_passage_get_date (a), scholia_passage_get_date (b)) != 0 ||
      g_strcmp0 (scholia_passage_get_author (a), scholia_passage_get_author (b)) != 0 ||
      g_strcmp0 (scholia_passage_get_page (a), scholia_passage_get_page (b)) != 0)
    return FALSE;

  a_tags = scholia_passage_get_tag_ids (a, &a_n);
  b_tags = scholia_passage_get_tag_ids (b, &b_n);
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

      if (!same_passage (old, g_ptr_array_index (sorted, prefix)))
        break;
      prefix++;
    }
  while (suffix < n_old - prefix && suffix < n_new - prefix)
    {
      g_autoptr(ScholiaPassage) old = g_list_model_get_item (current, n_old - 1 - suffix);

      if (!same_passage (old, g_ptr_array_index (sorted, n_new - 1 - suffix)))
        break;
      suffix++;
    }

  if (prefix == n_old && prefix == n_new)
    return;
  g_list_store_splice (self->passages, prefix, n_old - prefix - suffix,
                       sorted->pdata + prefix, n_new - prefix - suffix);
}

gboolean
scholia_comparison_refresh (ScholiaComparison  *self,
                            GError            **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) author_keys = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GPtrArray) sorted = NULL;

  g_return_val_if_fail (SCHOLIA_IS_COMPARISON (self), FALSE);

  if (self->theme == NULL)
    {
      g_list_store_remove_all (self->passages);
      return TRUE;
    }

  found = scholia_store_list_theme_passages (self->store, self->theme, error);
  if (found == NULL)
    return FALSE;

  author_keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  entries = g_array_sized_new (FALSE, FALSE, sizeof (SortEntry), found->len);
  for (guint i = 0; i < found->len; i++)
    {
      ScholiaPassage *passage = g_ptr_array_index (found, i);
      const char *author = scholia_passage_get_author (passage);
      SortEntry entry = { passage, NULL, scholia_dates_year (scholia_passage_get_date (passage)) };

      if (!passes_filters (self, passage))
        continue;

      entry.author_key = g_hash_table_lookup (author_keys, author);
      if (entry.author_key == NULL)
        {
          char *key = scholia_names_collate_key (author);

          g_hash_table_insert (author_keys, (gpointer) author, key);
          entry.author_key = key;
        }
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries);
  sorted = g_ptr_array_sized_new (entries->len);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (sorted, g_array_index (entries, SortEntry, i).passage);

  replace_changed (self, sorted);
  return TRUE;
}

static void
refresh_or_warn (ScholiaComparison *self)
{
  g_autoptr(GError) error = NULL;

  if (!scholia_comparison_refresh (self, &error))
    g_warning ("Could not refresh the comparison: %s", error->message);
}

static void
on_annotations_changed_cb (ScholiaComparison *self,
                           gint64             document_id,
                           ScholiaStore      *store)
{
  refresh_or_warn (self);
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

  g_clear_object (&self->theme);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (scholia_comparison_parent_class)->dispose (object);
}

static void
scholia_comparison_finalize (GObject *object)
{
  ScholiaComparison *self = SCHOLIA_COMPARISON (object);

  g_clear_object (&self->passages);
  g_clear_pointer (&self->tag_filter, g_array_unref);
  g_clear_pointer (&self->author_filter, g_strfreev);

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
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scholia_comparison_init (ScholiaComparison *self)
{
  self->passages = g_list_store_new (SCHOLIA_TYPE_PASSAGE);
  self->tag_filter = g_array_new (FALSE, FALSE, sizeof (gint64));
}

ScholiaComparison *
scholia_comparison_new (ScholiaStore *store)
{
  ScholiaComparison *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  self = g_object_new (SCHOLIA_TYPE_COMPARISON, NULL);
  self->store = g_object_ref (store);
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
  g_return_if_fail (SCHOLIA_IS_COMPARISON (self));
  g_return_if_fail (theme == NULL || SCHOLIA_IS_THEME (theme));

  if (!g_set_object (&self->theme, theme))
    return;

  refresh_or_warn (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
}

void
scholia_comparison_set_tag_filter (ScholiaComparison *self,
                                   const gint64      *tag_ids,
                                   guint              n_tag_ids)
{
  g_return_if_fail (SCHOLIA_IS_COMPARISON (self));

  g_array_set_size (self->tag_filter, 0);
  if (n_tag_ids > 0)
    g_array_append_vals (self->tag_filter, tag_ids, n_tag_ids);
  refresh_or_warn (self);
}

void
scholia_comparison_set_author_filter (ScholiaComparison  *self,
                                      const char * const *authors)
{
  g_return_if_fail (SCHOLIA_IS_COMPARISON (self));

  g_clear_pointer (&self->author_filter, g_strfreev);
  if (authors != NULL)
    self->author_filter = g_strdupv ((char **) authors);
  refresh_or_warn (self);
}

GListModel *
scholia_comparison_get_passages (ScholiaComparison *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMPARISON (self), NULL);
  return G_LIST_MODEL (self->passages);
}

/* The authors with passages shown, in the passages' order. */
char **
scholia_comparison_list_authors (ScholiaComparison *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *passages = G_LIST_MODEL (self->passages);
  const char *last = NULL;
  guint n = g_list_model_get_n_items (passages);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);
      const char *author = scholia_passage_get_author (passage);

      if (last == NULL || g_strcmp0 (last, author) != 0)
        g_strv_builder_add (builder, author);
      last = author;
    }
  return g_strv_builder_end (builder);
}
