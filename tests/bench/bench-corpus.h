/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Generated essay text for benchmarks: original sentences assembled from small word lists,
 * with the multi-byte characters (curly quotes, dashes, accents) real essays have. The same
 * seed gives the same text. */
char *bench_corpus_essay (guint32 seed,
                          gsize   approximate_bytes);
/* The median of @n timings (sorts @values). */
double bench_median       (double *values,
                           guint   n);
/* This process's processor time in seconds, which other work on the machine does not
 * inflate, and the machine's load average over 1 and 5 minutes ("1.20 0.95"). */
double bench_cpu_seconds  (void);
char  *bench_load_average (void);
/* The same processor time in milliseconds. */
double bench_cpu_ms       (void);
/* Removes @path and the files in it (a benchmark's temporary library and its journals). */
void   bench_remove_dir   (const char *path);

G_END_DECLS
