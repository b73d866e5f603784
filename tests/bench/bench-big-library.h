/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The library of a historian after years of work (issue 17): 10,000 essays of 4–16 kB
 * (≈100 MB of text), 1,000,000 annotations (100 an essay: one tag each, a second on one in
 * ten; one theme each; a note on one in five), 200 themes, 20 tags, 1,000 authors. Document
 * ids run 1…10,000; essay i's text is bench_big_library_essay_text (i). */
#define BENCH_BIG_N_DOCUMENTS 10000
#define BENCH_BIG_N_ANNOTATIONS_PER_DOCUMENT 100
#define BENCH_BIG_N_THEMES 200
#define BENCH_BIG_N_TAGS 20
#define BENCH_BIG_N_AUTHORS 1000

/* The path of the big library, generated on first use into the build directory (a minute or
 * two; printed) and kept there for the next benchmark. Benchmarks that change a library work
 * on a copy (bench_big_library_copy). */
char *bench_big_library_ensure (void);
/* A copy of the big library in @dir, returned as its path. */
char *bench_big_library_copy   (const char *dir);
/* Essay @document_id's title, author, date and text, as the big library holds them: a test
 * builds a library of that one essay to compare with. */
char *bench_big_library_essay_text   (guint document_id);
char *bench_big_library_essay_title  (guint document_id);
char *bench_big_library_essay_author (guint document_id);
char *bench_big_library_essay_date   (guint document_id);

G_END_DECLS
