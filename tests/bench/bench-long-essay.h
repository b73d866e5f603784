/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BENCH_LONG_ESSAY_BYTES         (1024 * 1024)
#define BENCH_LONG_ESSAY_N_ANNOTATIONS 5000
#define BENCH_LONG_ESSAY_TITLE         "The Long Essay"

/* Writes a library at @path holding one book-length essay (about 1 MB of generated text,
 * returned in @text) with 5,000 annotations spread over all of it, the last one ending within
 * the last 400 characters, each with one or two of the library's tags and one of ten themes. */
void bench_long_essay_library (const char  *path,
                               char       **text);

G_END_DECLS
