/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "bench-corpus.h"

static const char * const subjects[] = {
  "The harbour board", "Varnholm’s merchants", "The timber guild", "A Żeleński pamphlet",
  "The customs house", "Every ledger of 1843", "The river pilots", "Mme Ferrand’s circle",
  "The twelve houses", "The railway company",
};

static const char * const verbs[] = {
  "recorded", "disputed", "concealed", "exaggerated", "anticipated", "misread", "financed",
  "resisted", "celebrated", "abandoned",
};

static const char * const objects[] = {
  "the silting of the lower channel", "a “temporary” rise in dues", "the grain trade’s collapse",
  "the new quay — built too late", "the exodus to Kessmouth", "the flood of 1851",
  "the dredging contract", "a decline that was never total", "the town’s own myth of ruin",
  "the price of oak and pitch",
};

static const char * const codas[] = {
  ".", ", as the minutes show.", ", or so the pamphlets claimed.", " (fol. 12).",
  ", though the figures say otherwise.", " — a point Lindqvist never conceded.",
};

char *
bench_corpus_essay (guint32 seed,
                    gsize   approximate_bytes)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *text = g_string_sized_new (approximate_bytes + 256);
  int sentences = 0;

  while (text->len < approximate_bytes)
    {
      g_string_append_printf (text, "%s %s %s%s",
                              subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))],
                              verbs[g_rand_int_range (rand, 0, G_N_ELEMENTS (verbs))],
                              objects[g_rand_int_range (rand, 0, G_N_ELEMENTS (objects))],
                              codas[g_rand_int_range (rand, 0, G_N_ELEMENTS (codas))]);
      sentences++;
      g_string_append (text, sentences % 7 == 0 ? "\n\n" : " ");
    }
  g_string_append_c (text, '\n');
  return g_string_free (text, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double left = *(const double *) a;
  double right = *(const double *) b;

  return left < right ? -1 : left > right;
}

double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

double
bench_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double
bench_cpu_ms (void)
{
  return bench_cpu_seconds () * 1e3;
}

char *
bench_load_average (void)
{
  g_autofree char *contents = NULL;
  const char *second;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL) ||
      (second = strchr (contents, ' ')) == NULL)
    return g_strdup ("unknown");
  return g_strndup (contents, (second - contents) + 1 + strcspn (second + 1, " "));
}

void
bench_remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_remove (file);
    }
  g_rmdir (path);
}
