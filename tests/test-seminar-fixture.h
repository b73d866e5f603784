/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-seminar-store.h"

G_BEGIN_DECLS

/* A seminar as a participant's library holds it after a sync, built without a network: two
 * essays in the seminar, me (Eli Marsh, one annotation not yet published) and three others
 * (Ana Petrov, Bruno Sato, Clara Vidal) whose logs were merged. The main essay's paragraphs are
 * buffer lines 0, 2 and 4:
 *
 *   line 0: Ana (evidence; Famine)
 *   line 2: Bruno (thesis; Famine) and Bruno (evidence; Famine, Memory)
 *   line 4: Clara (evidence; Memory) and me (thesis; Memory)
 *
 * and Ana has one passage (thesis; Memory) on the second essay. */
typedef struct
{
  ScholiaSeminar  *seminar;
  ScholiaDocument *essay;      /* the store's */
  ScholiaDocument *second;
  gint64           me;         /* participant ids */
  gint64           ana;
  gint64           bruno;
  gint64           clara;
} TestSeminar;

/* Fills @store, which may already hold other essays (outside the seminar), with the seminar. */
void test_seminar_populate (ScholiaStore *store,
                            TestSeminar  *seminar);
void test_seminar_clear    (TestSeminar  *seminar);

/* A theme or a tag of @store, by name. */
ScholiaLabel *test_seminar_find_label (ScholiaStore *store,
                                       GType         type,
                                       const char   *name);

G_END_DECLS
