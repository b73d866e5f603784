/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Issue 17, target 1: launching the real `scholia` on the library of 10,000 essays and on a
 * library holding one of its essays alone, alternating, five times each, until that essay's
 * text is on screen. The app says when (SCHOLIA_REPORT_TEXT_ON_SCREEN: after the first frame
 * painted with the essay's text laid out in the reading view); at that moment this reads its
 * peak memory (VmHWM) and processor time from /proc, then ends it. Targets: the big library's
 * median ≤ 1.15× the one-essay library's, its peak RSS ≤ 1.3×. SCHOLIA_BENCH_APP names another
 * build's `scholia` to measure (one from before a change, with the same probe). */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-big-library.h"
#include "bench-corpus.h"
#include "scholia-annotation.h"
#include "scholia-document.h"
#include "scholia-label.h"
#include "scholia-store.h"
#include "scholia-tag.h"
#include "scholia-theme.h"

#define ROUNDS 5
#define TIME_TARGET 1.15
#define MEMORY_TARGET 1.3

typedef struct
{
  double wall_s;
  double cpu_s;
  double peak_mb;
} Launch;

static char *
load_average (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return g_strdup ("unknown");
  return g_strndup (contents, strcspn (contents, " ") + 1 + strcspn (strchr (contents, ' ') + 1, " "));
}

/* The first essay from @first whose text is 6–10 kB, like the 6 kB essay. */
static guint
pick_essay (guint first)
{
  for (guint id = first; id <= BENCH_BIG_N_DOCUMENTS; id++)
    {
      g_autofree char *text = bench_big_library_essay_text (id);
      gsize length = strlen (text);

      if (length >= 6 * 1024 && length <= 10 * 1024)
        return id;
    }
  g_assert_not_reached ();
}

/* The id in @store of the label named as @label (added when missing). */
static gint64
copy_label (ScholiaStore *store,
            ScholiaLabel *label)
{
  g_autoptr(GError) error = NULL;
  GType type = G_OBJECT_TYPE (label);
  /* The built-in tags are in every library already. */
  ScholiaLabel *copy = scholia_store_find_label (store, type, scholia_label_get_name (label), NULL);

  if (copy == NULL)
    copy = scholia_store_add_label (store, type, scholia_label_get_name (label),
                                    scholia_label_get_colour (label), NULL, &error);
  g_assert_no_error (error);
  return scholia_label_get_id (copy);
}

static GHashTable *
copy_labels (ScholiaStore *from,
             ScholiaStore *to)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GType types[] = { SCHOLIA_TYPE_TAG, SCHOLIA_TYPE_THEME };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      GListModel *labels = scholia_store_get_labels (from, types[t]);

      for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
        {
          g_autoptr(ScholiaLabel) label = g_list_model_get_item (labels, i);

          g_hash_table_insert (ids, g_memdup2 (&(gint64) { scholia_label_get_id (label) }, sizeof (gint64)),
                               g_memdup2 (&(gint64) { copy_label (to, label) }, sizeof (gint64)));
        }
    }
  return ids;
}

static gint64 *
map_ids (GHashTable   *ids,
         const gint64 *from,
         guint         n)
{
  gint64 *to = g_new (gint64, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    to[i] = *(gint64 *) g_hash_table_lookup (ids, &from[i]);
  return to;
}

/* A library holding essay @id of the big library alone, with its annotations and labels. */
static char *
make_one_essay_library (const char *dir,
                        const char *big_path,
                        guint       id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "one-essay.sqlite3", NULL);
  g_autoptr(ScholiaStore) big = scholia_store_open_read_only (big_path, &error);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GHashTable) label_ids = NULL;
  g_autoptr(GListModel) annotations = NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, TRUE, sizeof (ScholiaAnnotationRecord));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = bench_big_library_essay_text (id);
  g_autofree char *title = bench_big_library_essay_title (id);
  g_autofree char *author = bench_big_library_essay_author (id);
  g_autofree char *date = bench_big_library_essay_date (id);
  ScholiaDocument *document;

  g_assert_no_error (error);
  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  label_ids = copy_labels (big, store);
  document = scholia_store_add_document (store, title, author, date, NULL, text, NULL, &error);
  g_assert_no_error (error);

  annotations = scholia_store_list_annotations (big, scholia_store_lookup_document (big, id), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
      guint n_tags, n_themes;
      const gint64 *tags = scholia_annotation_get_tag_ids (annotation, &n_tags);
      const gint64 *themes = scholia_annotation_get_theme_ids (annotation, &n_themes);
      gint64 *tag_ids = map_ids (label_ids, tags, n_tags);
      gint64 *theme_ids = map_ids (label_ids, themes, n_themes);
      ScholiaAnnotationRecord record = {
        .document = document,
        .start = scholia_annotation_get_start (annotation),
        .end = scholia_annotation_get_end (annotation),
        .quote = scholia_annotation_get_quote (annotation),
        .prefix = scholia_annotation_get_prefix (annotation),
        .suffix = scholia_annotation_get_suffix (annotation),
        .note = scholia_annotation_get_note (annotation),
        .tag_ids = tag_ids, .n_tag_ids = n_tags,
        .theme_ids = theme_ids, .n_theme_ids = n_themes,
      };

      g_ptr_array_add (owned, tag_ids);
      g_ptr_array_add (owned, theme_ids);
      g_array_append_val (records, record);
    }
  g_assert_true (scholia_store_add_annotations_full (store, (ScholiaAnnotationRecord *) records->data,
                                                     records->len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, BENCH_BIG_N_ANNOTATIONS_PER_DOCUMENT);
  return g_steal_pointer (&path);
}

/* A field of /proc/PID/status, in kB. */
static double
status_kb (GPid        pid,
           const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *contents = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  line = strstr (contents, field);
  g_assert_nonnull (line);
  return g_ascii_strtod (line + strlen (field), NULL);
}

/* User and system time of @pid so far, from /proc/PID/stat (fields 14 and 15, after the
 * command's parenthesised name). */
static double
process_cpu_s (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  fields = g_strsplit (strrchr (contents, ')') + 2, " ", -1);
  /* Field 3 (state) is fields[0], so utime (14) and stime (15) are fields[11] and [12]. */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

static Launch
launch (const char  *library,
        guint        essay,
        char       **envp)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *document = g_strdup_printf ("%u", essay);
  const char *app = g_getenv ("SCHOLIA_BENCH_APP");
  const char *argv[] = { app != NULL ? app : SCHOLIA_PATH, "--library", library, "--document", document, NULL };
  Launch result = { 0 };
  char *line = NULL;
  size_t size = 0;
  gint64 started, shown = 0;
  int out_fd, status;
  FILE *out;
  GPid pid;

  started = g_get_monotonic_time ();
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  out = fdopen (out_fd, "r");
  while (shown == 0 && getline (&line, &size, out) > 0)
    if (g_str_has_prefix (line, "text-on-screen "))
      shown = g_ascii_strtoll (line + strlen ("text-on-screen "), NULL, 10);
  free (line);
  g_assert_cmpint (shown, >, 0);

  result.wall_s = (shown - started) / (double) G_USEC_PER_SEC;
  result.peak_mb = status_kb (pid, "VmHWM:") / 1024;
  result.cpu_s = process_cpu_s (pid);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  fclose (out);
  return result;
}

static double
median (const Launch *launches,
        gsize         offset)
{
  double values[ROUNDS];

  for (guint i = 0; i < ROUNDS; i++)
    values[i] = *(const double *) ((const char *) &launches[i] + offset);
  return bench_median (values, ROUNDS);
}

static void
print_medians (const char   *name,
               const Launch *launches)
{
  g_print ("%s: text on screen after %.3f s (median of %d; %.3f s of processor time), peak RSS %.1f MB\n",
           name, median (launches, G_STRUCT_OFFSET (Launch, wall_s)), ROUNDS,
           median (launches, G_STRUCT_OFFSET (Launch, cpu_s)),
           median (launches, G_STRUCT_OFFSET (Launch, peak_mb)));
}

int
main (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-opening-XXXXXX", NULL);
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  g_autofree char *big = NULL;
  g_autofree char *one = NULL;
  g_autofree char *load_before = NULL;
  g_autofree char *load_after = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  Launch big_launches[ROUNDS], one_launches[ROUNDS];
  double time_ratio, cpu_ratio, memory_ratio;
  guint essay = pick_essay (500);
  const char *xdg[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME" };

  g_assert_nonnull (dir);
  /* The app may write to its library as it opens (a migration, re-anchoring): a copy. */
  big = bench_big_library_copy (dir);
  one = make_one_essay_library (dir, big, essay);
  text = bench_big_library_essay_text (essay);
  /* Both launches start from the same settings and caches, which the warm-up fills. */
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *path = g_build_filename (dir, xdg[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      envp = g_environ_setenv (envp, xdg[i], path, TRUE);
    }
  envp = g_environ_setenv (envp, "SCHOLIA_REPORT_TEXT_ON_SCREEN", "1", TRUE);

  load_before = load_average ();
  launch (one, essay, envp);
  launch (big, essay, envp);
  for (guint i = 0; i < ROUNDS; i++)
    {
      one_launches[i] = launch (one, essay, envp);
      big_launches[i] = launch (big, essay, envp);
    }
  load_after = load_average ();

  g_print ("essay %u (%zu bytes, %u annotations), `scholia --library L --document %u`:\n",
           essay, strlen (text), BENCH_BIG_N_ANNOTATIONS_PER_DOCUMENT, essay);
  print_medians ("library of that essay alone", one_launches);
  print_medians ("library of 10,000 essays", big_launches);
  time_ratio = median (big_launches, G_STRUCT_OFFSET (Launch, wall_s)) /
               median (one_launches, G_STRUCT_OFFSET (Launch, wall_s));
  cpu_ratio = median (big_launches, G_STRUCT_OFFSET (Launch, cpu_s)) /
              median (one_launches, G_STRUCT_OFFSET (Launch, cpu_s));
  memory_ratio = median (big_launches, G_STRUCT_OFFSET (Launch, peak_mb)) /
                 median (one_launches, G_STRUCT_OFFSET (Launch, peak_mb));
  g_print ("ratio, time to text on screen: %.2f (target ≤ %.2f)%s; processor time %.2f\n",
           time_ratio, TIME_TARGET, time_ratio <= TIME_TARGET ? "" : ": OVER THE TARGET", cpu_ratio);
  g_print ("ratio, peak RSS: %.2f (target ≤ %.2f)%s\n",
           memory_ratio, MEMORY_TARGET, memory_ratio <= MEMORY_TARGET ? "" : ": OVER THE TARGET");
  g_print ("load average (1 and 5 min) before: %s, after: %s, on %u cores\n",
           load_before, load_after, g_get_num_processors ());

  g_assert_cmpint (system (cleanup), ==, 0);
  return 0;
}
