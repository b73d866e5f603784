/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-store.h"

G_BEGIN_DECLS

/* Each measurement is run once to warm the caches, then BENCH_N_RUNS times. */
#define BENCH_N_RUNS 5

typedef struct
{
  double wall[BENCH_N_RUNS];
  double cpu[BENCH_N_RUNS];
} BenchRuns;

typedef void (*BenchStoreFunc) (ScholiaStore *store);

/* Prints @what's median and worst wall time, median processor time (user and system, which
 * other work on a shared machine does not inflate), the ratio of the median to @target_ms and
 * the load average. */
void bench_runs_report (const char      *what,
                        const BenchRuns *runs,
                        double           target_ms);

/* Opens the big library of issue 17, runs @core on it and, when there is a display, @widget
 * (@widget_name says what is not measured without one). Returns main()'s exit status. */
int  bench_big_library_main (BenchStoreFunc  core,
                             BenchStoreFunc  widget,
                             const char     *widget_name);

G_END_DECLS
