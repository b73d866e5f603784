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

G_END_DECLS
