/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-matrix-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "scholia-matrix.h"
#include "scholia-names.h"
#include "scholia-passage-row.h"
#include "scholia-seminar-layers.h"
#include "scholia-seminar-store.h"
#include "scholia-tag-chip.h"

/* One author's row: a count per theme column and, for the split view, per tag. */
#define SCHOLIA_TYPE_MATRIX_ROW (scholia_matrix_row_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaMatrixRow, scholia_matrix_row, SCHOLIA, MATRIX_ROW, GObject)

typedef struct
{
  ScholiaTag *tag;
  guint       count;
} TagCount;

struct _ScholiaMatrixRow
{
  GObject  parent_instance;

  char    *author;        /* or the participant's name, in the participants mode */
  gint64   participant_id;
  char    *colour;        /* the participant's, as their bands in the margin; NULL for authors */
  char    *collate_key;   /* by the author's sort key */
  guint    n_themes;
  guint   *counts;        /* per theme column */
  GArray **tag_counts;    /* per theme column: TagCount, in palette order; NULL unless split by tag */
};

G_DEFINE_FINAL_TYPE (ScholiaMatrixRow, scholia_matrix_row, G_TYPE_OBJECT)

static void
scholia_matrix_row_finalize (GObject *object)
{
  ScholiaMatrixRow *self = SCHOLIA_MATRIX_ROW (object);

  for (guint i = 0; self->tag_counts != NULL && i < self->n_themes; i++)
    g_array_unref (self->tag_counts[i]);
  g_free (self->tag_counts);
  g_free (self->counts);
  g_free (self->author);
  g_free (self->colour);
  g_free (self->collate_key);

  G_OBJECT_CLASS (scholia_matrix_row_parent_class)->finalize (object);
}

static void
scholia_matrix_row_class_init (ScholiaMatrixRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = scholia_matrix_row_finalize;
}

static void
scholia_matrix_row_init (ScholiaMatrixRow *self)
{
}

static void
tag_count_clear (TagCount *tag_count)
{
  g_clear_object (&tag_count->tag);
}

/* The split counts are read only when asked for: a large library has many tags, and 1,000
 * authors × 200 themes would make 200,000 empty arrays. */
static ScholiaMatrixRow *
scholia_matrix_row_new (ScholiaMatrix *matrix,
                        guint          row,
                        GListModel    *tags)
{
  ScholiaMatrixRow *self = g_object_new (SCHOLIA_TYPE_MATRIX_ROW, NULL);
  guint n_tags = tags != NULL ? g_list_model_get_n_items (tags) : 0;

  self->author = g_strdup (scholia_matrix_get_author (matrix, row));
  self->participant_id = scholia_matrix_get_participant_id (matrix, row);
  self->collate_key = scholia_names_collate_key (scholia_matrix_get_author_sort_key (matrix, row));
  self->n_themes = scholia_matrix_get_n_themes (matrix);
  self->counts = g_new0 (guint, self->n_themes);
  if (tags != NULL)
    self->tag_counts = g_new0 (GArray *, self->n_themes);
  for (guint column = 0; column < self->n_themes; column++)
    {
      self->counts[column] = scholia_matrix_get_count (matrix, row, column, 0);
      if (tags == NULL)
        continue;
      self->tag_counts[column] = g_array_new (FALSE, FALSE, sizeof (TagCount));
      g_array_set_clear_func (self->tag_counts[column], (GDestroyNotify) tag_count_clear);

      for (guint i = 0; self->counts[column] > 0 && i < n_tags; i++)
        {
          g_autoptr(ScholiaTag) tag = g_list_model_get_item (tags, i);
          TagCount tag_count = { NULL, scholia_matrix_get_count (matrix, row, column, scholia_label_get_id (SCHOLIA_LABEL (tag))) };

          if (tag_count.count == 0)
            continue;
          tag_count.tag = g_steal_pointer (&tag);
          g_array_append_val (self->tag_counts[column], tag_count);
        }
    }

  return self;
}

struct _ScholiaMatrixView
{
  ScholiaFilteredView parent_instance;

  GtkLabel        *summary_label;
  GtkToggleButton *split_button;
  GtkToggleButton *participants_button;
  ScholiaFilterBar *filter_bar;
  GtkStack        *stack;
  GtkColumnView   *column_view;

  GListStore      *rows;          /* ScholiaMatrixRow, by surname */
  GtkSortListModel *sorted;
  GPtrArray       *themes;        /* ScholiaTheme per theme column */
  GPtrArray       *theme_columns; /* GtkColumnViewColumn per theme column */
  GtkColumnViewColumn *author_column;
  guint            rebuild_id;
  gboolean         split_by_tag;
  gboolean         by_participant;
};

G_DEFINE_FINAL_TYPE (ScholiaMatrixView, scholia_matrix_view, SCHOLIA_TYPE_FILTERED_VIEW)

enum {
  PROP_0,
  PROP_SPLIT_BY_TAG,
  PROP_BY_PARTICIPANT,
  N_PROPS
};

enum {
  CELL_ACTIVATED,
  PARTICIPANT_CELL_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Sorting */

static int
compare_authors (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const ScholiaMatrixRow *left = a;
  const ScholiaMatrixRow *right = b;
  gboolean left_unknown = left->author[0] == '\0';
  gboolean right_unknown = right->author[0] == '\0';
  int result;

  /* Documents without an author come last whichever way the column sorts. */
  if (left_unknown != right_unknown)
    return left_unknown ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
  result = strcmp (left->collate_key, right->collate_key);
  /* Two authors filed alike ("Anonymous") stay apart. */
  return gtk_ordering_from_cmpfunc (result != 0 ? result : strcmp (left->author, right->author));
}

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const ScholiaMatrixRow *left = a;
  const ScholiaMatrixRow *right = b;
  guint column = GPOINTER_TO_UINT (user_data);
  guint left_count = column < left->n_themes ? left->counts[column] : 0;
  guint right_count = column < right->n_themes ? right->counts[column] : 0;

  if (left_count != right_count)
    return left_count < right_count ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return compare_authors (a, b, NULL);
}

/* The author column */

static void
setup_author_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = scholia_seminar_layers_new_dot ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), label);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 14);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_author_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  ScholiaMatrixRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *dot = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *label = gtk_widget_get_next_sibling (dot);
  g_autofree char *name = scholia_passage_row_author_display_name (row->author);

  /* A participant's row shows their colour, the key to the margin's bands. */
  scholia_seminar_layers_set_dot_colour (dot, row->colour);
  gtk_widget_set_visible (dot, row->colour != NULL);

  gtk_label_set_label (GTK_LABEL (label), name);
  gtk_widget_set_tooltip_text (label, name);
  if (row->author[0] == '\0')
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

/* Theme columns */

static void
on_cell_clicked_cb (GtkButton         *button,
                    ScholiaMatrixView *self)
{
  const char *author = g_object_get_data (G_OBJECT (button), "scholia-author");
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "scholia-column"));
  gint64 *participant_id = g_object_get_data (G_OBJECT (button), "scholia-participant");

  if (author == NULL || column >= self->themes->len)
    return;

  if (participant_id != NULL && *participant_id != 0)
    {
      g_signal_emit (self, signals[PARTICIPANT_CELL_ACTIVATED], 0, *participant_id,
                     g_ptr_array_index (self->themes, column));
      return;
    }
  g_signal_emit (self, signals[CELL_ACTIVATED], 0, author, g_ptr_array_index (self->themes, column));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               ScholiaMatrixView        *self)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *tags = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);

  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), count);
  gtk_box_append (GTK_BOX (box), tags);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "matrix-cell");
  g_object_set_data (G_OBJECT (button), "scholia-count", count);
  g_object_set_data (G_OBJECT (button), "scholia-tags", tags);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_cell_clicked_cb), self, 0);
  gtk_list_item_set_child (list_item, button);
  /* The button inside takes the focus and the click. */
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ScholiaMatrixView        *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "scholia-column"));
  ScholiaMatrixRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *button = gtk_list_item_get_child (list_item);
  GtkWidget *count_label = g_object_get_data (G_OBJECT (button), "scholia-count");
  GtkWidget *tags = g_object_get_data (G_OBJECT (button), "scholia-tags");
  ScholiaTheme *theme = column < self->themes->len ? g_ptr_array_index (self->themes, column) : NULL;
  guint count = column < row->n_themes ? row->counts[column] : 0;
  g_autofree char *author = scholia_passage_row_author_display_name (row->author);
  g_autofree char *tooltip = NULL;
  GtkWidget *child;

  g_object_set_data_full (G_OBJECT (button), "scholia-author", g_strdup (row->author), g_free);
  g_object_set_data_full (G_OBJECT (button), "scholia-participant",
                          g_memdup2 (&row->participant_id, sizeof row->participant_id), g_free);
  g_object_set_data (G_OBJECT (button), "scholia-column", GUINT_TO_POINTER (column));

  while ((child = gtk_widget_get_first_child (tags)) != NULL)
    gtk_box_remove (GTK_BOX (tags), child);

  if (count == 0)
    {
      /* Silence is part of the answer: the cell stays, dim, and opens nothing. */
      gtk_label_set_label (GTK_LABEL (count_label), "—");
      gtk_widget_add_css_class (button, "silent");
      gtk_widget_set_sensitive (button, FALSE);
      /* Translators: a cell of the authors × themes table; author, then theme */
      tooltip = g_strdup_printf (_("%s has no passages on “%s”"), author,
                                 theme != NULL ? scholia_label_get_display_name (SCHOLIA_LABEL (theme)) : "");
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%u", count);
      g_autoptr(GString) tag_text = g_string_new (NULL);

      gtk_label_set_label (GTK_LABEL (count_label), text);
      gtk_widget_remove_css_class (button, "silent");
      gtk_widget_set_sensitive (button, TRUE);

      for (guint i = 0; self->split_by_tag && row->tag_counts != NULL && i < row->tag_counts[column]->len; i++)
        {
          TagCount *tag_count = &g_array_index (row->tag_counts[column], TagCount, i);
          g_autofree char *colour_class = scholia_tag_chip_colour_css_class (scholia_label_get_colour (SCHOLIA_LABEL (tag_count->tag)));
          g_autofree char *number = g_strdup_printf ("%u", tag_count->count);
          GtkWidget *label = gtk_label_new (number);

          gtk_widget_add_css_class (label, "tag-chip");
          gtk_widget_add_css_class (label, "passage-tag");
          gtk_widget_add_css_class (label, "numeric");
          if (colour_class != NULL)
            gtk_widget_add_css_class (label, colour_class);
          gtk_box_append (GTK_BOX (tags), label);
          /* Translators: one tag's share in a cell's tooltip, as in "thesis: 3" */
          g_string_append_printf (tag_text, _("\n%s: %u"), scholia_label_get_display_name (SCHOLIA_LABEL (tag_count->tag)), tag_count->count);
        }

      /* Translators: a cell of the authors × themes table: author, number, theme */
      tooltip = g_strdup_printf (ngettext ("%s: %u passage on “%s”", "%s: %u passages on “%s”", count),
                                 author, count, theme != NULL ? scholia_label_get_display_name (SCHOLIA_LABEL (theme)) : "");
      if (tag_text->len > 0)
        {
          char *with_tags = g_strconcat (tooltip, tag_text->str, NULL);

          g_free (tooltip);
          tooltip = with_tags;
        }
    }

  gtk_widget_set_visible (tags, gtk_widget_get_first_child (tags) != NULL);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

static GtkColumnViewColumn *
create_theme_column (ScholiaMatrixView *self,
                     ScholiaTheme      *theme,
                     guint              column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_counts, GUINT_TO_POINTER (column), NULL));
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "scholia-column", GUINT_TO_POINTER (column));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cell_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, 0);

  view_column = gtk_column_view_column_new (NULL, g_steal_pointer (&factory));
  g_object_bind_property (theme, "display-name", view_column, "title", G_BINDING_SYNC_CREATE);
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_resizable (view_column, TRUE);

  return view_column;
}

static gboolean
same_themes (ScholiaMatrixView *self,
             ScholiaMatrix     *matrix)
{
  if (scholia_matrix_get_n_themes (matrix) != self->themes->len)
    return FALSE;
  for (guint i = 0; i < self->themes->len; i++)
    if (scholia_matrix_get_theme (matrix, i) != g_ptr_array_index (self->themes, i))
      return FALSE;
  return TRUE;
}

static void
rebuild_columns (ScholiaMatrixView *self,
                 ScholiaMatrix     *matrix)
{
  for (guint i = 0; i < self->theme_columns->len; i++)
    gtk_column_view_remove_column (self->column_view, g_ptr_array_index (self->theme_columns, i));
  g_ptr_array_set_size (self->theme_columns, 0);
  g_ptr_array_set_size (self->themes, 0);

  for (guint i = 0; matrix != NULL && i < scholia_matrix_get_n_themes (matrix); i++)
    {
      ScholiaTheme *theme = scholia_matrix_get_theme (matrix, i);
      GtkColumnViewColumn *column = create_theme_column (self, theme, i);

      g_ptr_array_add (self->themes, g_object_ref (theme));
      g_ptr_array_add (self->theme_columns, column);
      gtk_column_view_append_column (self->column_view, column);
    }
}

static void
update_summary (ScholiaMatrixView *self)
{
  guint n_authors = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint n_themes = self->themes->len;
  g_autofree char *authors = NULL;
  g_autofree char *themes = NULL;
  g_autofree char *summary = NULL;

  gtk_stack_set_visible_child_name (self->stack, n_authors > 0 && n_themes > 0 ? "matrix" : "empty");

  if (self->by_participant)
    /* Translators: the first half of "12 participants × 5 themes" */
    authors = g_strdup_printf (ngettext ("%u participant", "%u participants", n_authors), n_authors);
  else
    /* Translators: the first half of "12 authors × 5 themes" */
    authors = g_strdup_printf (ngettext ("%u author", "%u authors", n_authors), n_authors);
  /* Translators: the second half of "12 authors × 5 themes" */
  themes = g_strdup_printf (ngettext ("%u theme", "%u themes", n_themes), n_themes);
  /* Translators: "12 authors" × "5 themes", above the authors × themes table */
  summary = g_strdup_printf (_("%s × %s"), authors, themes);
  gtk_label_set_label (self->summary_label, summary);
}

/* Participant id → colour, for the rows of the participants mode. */
static GHashTable *
participant_colours (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) everyone = scholia_store_list_all_participants (store, &error);
  GHashTable *colours = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  if (everyone == NULL)
    g_warning ("Could not read the seminars' participants: %s", error->message);
  for (guint i = 0; everyone != NULL && i < everyone->len; i++)
    {
      ScholiaParticipant *participant = g_ptr_array_index (everyone, i);

      g_hash_table_insert (colours, g_memdup2 (&participant->id, sizeof participant->id),
                           g_strdup (participant->colour));
    }
  return colours;
}

/* The participants mode is offered while the library takes part in a seminar. */
static void
update_participants_button (ScholiaMatrixView *self,
                            ScholiaStore      *store)
{
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GError) error = NULL;

  if (store != NULL && (seminars = scholia_store_list_seminars (store, &error)) == NULL)
    g_warning ("Could not read the library's seminars: %s", error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->participants_button), seminars != NULL && seminars->len > 0);
  if (seminars == NULL || seminars->len == 0)
    scholia_matrix_view_set_by_participant (self, FALSE);
  gtk_column_view_column_set_title (self->author_column, self->by_participant ? _("Participant") : _("Author"));
}

static void
rebuild (ScholiaMatrixView *self)
{
  g_autoptr(ScholiaMatrix) matrix = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  ScholiaStore *store = scholia_filtered_view_get_store (SCHOLIA_FILTERED_VIEW (self));
  g_autoptr(GHashTable) colours = NULL;
  GListModel *tags;

  update_participants_button (self, store);
  if (store != NULL && self->by_participant)
    {
      matrix = scholia_matrix_new_by_participant (store, self->split_by_tag,
                                                  scholia_filter_bar_get_filter (self->filter_bar), &error);
      if (matrix == NULL)
        g_warning ("Could not count the passages per participant and theme: %s", error->message);
    }
  else if (store != NULL)
    {
      matrix = scholia_matrix_new_filtered (store, self->split_by_tag,
                                            scholia_filter_bar_get_filter (self->filter_bar), &error);
      if (matrix == NULL)
        g_warning ("Could not count the passages per author and theme: %s", error->message);
    }

  /* Columns are kept while the themes are, so a sorted column stays sorted. */
  if (matrix == NULL || !same_themes (self, matrix))
    rebuild_columns (self, matrix);

  tags = self->split_by_tag && store != NULL ? scholia_store_get_labels (store, SCHOLIA_TYPE_TAG) : NULL;
  if (matrix != NULL && self->by_participant)
    colours = participant_colours (store);
  for (guint i = 0; matrix != NULL && i < scholia_matrix_get_n_authors (matrix); i++)
    {
      ScholiaMatrixRow *row = scholia_matrix_row_new (matrix, i, tags);

      if (colours != NULL)
        row->colour = g_strdup (g_hash_table_lookup (colours, &row->participant_id));
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);

  update_summary (self);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  ScholiaMatrixView *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Many changes arrive together (an import, a merge): one rebuild answers them all. */
static void
queue_rebuild (ScholiaMatrixView *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

static void
on_split_button_toggled_cb (ScholiaMatrixView *self)
{
  scholia_matrix_view_set_split_by_tag (self, gtk_toggle_button_get_active (self->split_button));
}

static void
on_participants_button_toggled_cb (ScholiaMatrixView *self)
{
  scholia_matrix_view_set_by_participant (self, gtk_toggle_button_get_active (self->participants_button));
}

static void
scholia_matrix_view_unbind_store (ScholiaFilteredView *view,
                                  ScholiaStore        *store)
{
  ScholiaMatrixView *self = SCHOLIA_MATRIX_VIEW (view);

  g_signal_handlers_disconnect_by_data (store, self);
  g_signal_handlers_disconnect_by_data (scholia_store_get_labels (store, SCHOLIA_TYPE_THEME), self);
  g_signal_handlers_disconnect_by_data (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG), self);
  g_signal_handlers_disconnect_by_data (scholia_store_get_documents (store), self);
  scholia_filter_bar_set_store (self->filter_bar, NULL);
}

static void
scholia_matrix_view_bind_store (ScholiaFilteredView *view,
                                ScholiaStore        *store)
{
  ScholiaMatrixView *self = SCHOLIA_MATRIX_VIEW (view);

  if (store != NULL)
    {
      g_signal_connect_object (store, "annotations-changed", G_CALLBACK (queue_rebuild), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (scholia_store_get_labels (store, SCHOLIA_TYPE_THEME), "items-changed",
                               G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG), "items-changed",
                               G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (scholia_store_get_documents (store), "items-changed",
                               G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
      scholia_filter_bar_set_store (self->filter_bar, store);
    }

  /* A new library is shown at once, not one iteration later. */
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  rebuild (self);
}

static void
scholia_matrix_view_dispose (GObject *object)
{
  ScholiaMatrixView *self = SCHOLIA_MATRIX_VIEW (object);
  GtkWidget *child;

  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (self), NULL);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_MATRIX_VIEW);
  /* The template's unnamed boxes and separators are not its bound children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->sorted);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (scholia_matrix_view_parent_class)->dispose (object);
}

static void
scholia_matrix_view_finalize (GObject *object)
{
  ScholiaMatrixView *self = SCHOLIA_MATRIX_VIEW (object);

  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->theme_columns, g_ptr_array_unref);

  G_OBJECT_CLASS (scholia_matrix_view_parent_class)->finalize (object);
}

static void
scholia_matrix_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ScholiaMatrixView *self = SCHOLIA_MATRIX_VIEW (object);

  switch (prop_id)
    {
    case PROP_SPLIT_BY_TAG:
      g_value_set_boolean (value, self->split_by_tag);
      break;

    case PROP_BY_PARTICIPANT:
      g_value_set_boolean (value, self->by_participant);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_matrix_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ScholiaMatrixView *self = SCHOLIA_MATRIX_VIEW (object);

  switch (prop_id)
    {
    case PROP_SPLIT_BY_TAG:
      scholia_matrix_view_set_split_by_tag (self, g_value_get_boolean (value));
      break;

    case PROP_BY_PARTICIPANT:
      scholia_matrix_view_set_by_participant (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_matrix_view_class_init (ScholiaMatrixViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ScholiaFilteredViewClass *view_class = SCHOLIA_FILTERED_VIEW_CLASS (klass);

  object_class->dispose = scholia_matrix_view_dispose;
  object_class->finalize = scholia_matrix_view_finalize;
  object_class->get_property = scholia_matrix_view_get_property;
  object_class->set_property = scholia_matrix_view_set_property;
  view_class->unbind_store = scholia_matrix_view_unbind_store;
  view_class->bind_store = scholia_matrix_view_bind_store;

  properties[PROP_SPLIT_BY_TAG] =
    g_param_spec_boolean ("split-by-tag", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BY_PARTICIPANT] =
    g_param_spec_boolean ("by-participant", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user asked for an author's passages on a theme. */
  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, SCHOLIA_TYPE_THEME);
  /* In the participants mode: a participant's passages on a theme (the participant's row id). */
  signals[PARTICIPANT_CELL_ACTIVATED] =
    g_signal_new ("participant-cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, SCHOLIA_TYPE_THEME);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-matrix-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaMatrixView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaMatrixView, split_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaMatrixView, participants_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaMatrixView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, ScholiaMatrixView, stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaMatrixView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_split_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_participants_button_toggled_cb);

  gtk_widget_class_set_css_name (widget_class, "scholiamatrixview");
}

static void
scholia_matrix_view_init (ScholiaMatrixView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) author_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_authors, NULL, NULL));
  g_autoptr(GtkNoSelection) selection = NULL;

  scholia_tag_chip_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_filtered_view_set_filter_bar (SCHOLIA_FILTERED_VIEW (self), self->filter_bar);

  self->themes = g_ptr_array_new_with_free_func (g_object_unref);
  self->theme_columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_list_store_new (SCHOLIA_TYPE_MATRIX_ROW);

  /* Every theme is a column: the bar offers the tags to count. */
  scholia_filter_bar_configure (self->filter_bar, GTK_ORIENTATION_HORIZONTAL, FALSE, TRUE,
                                SCHOLIA_FILTER_BAR_AUTHORS_NONE);
  g_signal_connect_object (scholia_filter_bar_get_filter (self->filter_bar), "changed",
                           G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_author_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_author_cb), NULL);
  self->author_column = gtk_column_view_column_new (_("Author"), g_steal_pointer (&factory));
  gtk_column_view_column_set_sorter (self->author_column, author_sorter);
  gtk_column_view_column_set_resizable (self->author_column, TRUE);
  gtk_column_view_append_column (self->column_view, self->author_column);
  /* The view holds it: its title follows the mode. */
  g_object_unref (self->author_column);

  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  update_summary (self);
}

GtkWidget *
scholia_matrix_view_new (void)
{
  return g_object_new (SCHOLIA_TYPE_MATRIX_VIEW, NULL);
}

gboolean
scholia_matrix_view_get_split_by_tag (ScholiaMatrixView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_MATRIX_VIEW (self), FALSE);

  return self->split_by_tag;
}

void
scholia_matrix_view_set_split_by_tag (ScholiaMatrixView *self,
                                      gboolean           split_by_tag)
{
  g_return_if_fail (SCHOLIA_IS_MATRIX_VIEW (self));

  split_by_tag = !!split_by_tag;
  if (self->split_by_tag == split_by_tag)
    return;

  self->split_by_tag = split_by_tag;
  gtk_toggle_button_set_active (self->split_button, split_by_tag);
  queue_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT_BY_TAG]);
}

gboolean
scholia_matrix_view_get_by_participant (ScholiaMatrixView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_MATRIX_VIEW (self), FALSE);

  return self->by_participant;
}

/* Participants × themes rather than authors × themes; only while the library has a seminar. */
void
scholia_matrix_view_set_by_participant (ScholiaMatrixView *self,
                                        gboolean           by_participant)
{
  g_return_if_fail (SCHOLIA_IS_MATRIX_VIEW (self));

  by_participant = !!by_participant;
  if (self->by_participant == by_participant)
    return;

  self->by_participant = by_participant;
  gtk_toggle_button_set_active (self->participants_button, by_participant);
  queue_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BY_PARTICIPANT]);
}

void
scholia_matrix_view_sort_by_theme (ScholiaMatrixView *self,
                                   ScholiaTheme      *theme,
                                   GtkSortType        order)
{
  guint column;

  g_return_if_fail (SCHOLIA_IS_MATRIX_VIEW (self));
  g_return_if_fail (SCHOLIA_IS_THEME (theme));

  if (!g_ptr_array_find (self->themes, theme, &column))
    return;
  gtk_column_view_sort_by_column (self->column_view, g_ptr_array_index (self->theme_columns, column), order);
}

guint
scholia_matrix_view_get_n_rows (ScholiaMatrixView *self)
{
  g_return_val_if_fail (SCHOLIA_IS_MATRIX_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

const char *
scholia_matrix_view_get_row_author (ScholiaMatrixView *self,
                                    guint              row)
{
  g_autoptr(ScholiaMatrixRow) item = NULL;

  g_return_val_if_fail (SCHOLIA_IS_MATRIX_VIEW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), row);
  /* The store holds the row, so its author outlives this reference. */
  return item != NULL ? item->author : NULL;
}

guint
scholia_matrix_view_get_row_count (ScholiaMatrixView *self,
                                   guint              row,
                                   ScholiaTheme      *theme)
{
  g_autoptr(ScholiaMatrixRow) item = NULL;
  guint column;

  g_return_val_if_fail (SCHOLIA_IS_MATRIX_VIEW (self), 0);

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), row);
  if (item == NULL || !g_ptr_array_find (self->themes, theme, &column) || column >= item->n_themes)
    return 0;
  return item->counts[column];
}
