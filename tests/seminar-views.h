/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-seminar-store.h"

G_BEGIN_DECLS

/* A library in a seminar with two essays and the merged logs of two other participants, Ana
 * Lindqvist and Bruno Okafor, for the tests of seeing a seminar by participant
 * (test-seminar-views.c, test-cli-seminar-views.c).
 *
 * The Tidewater Accounts: Ana marks "evidence" twice (theme Trade on the first), Bruno once,
 * overlapping Ana's first; Bruno replies to Ana's first. A Winter Almanac: Ana once. */

#define VIEWS_SEMINAR  "Coastal Economies"
#define VIEWS_ANA_NAME "Ana Lindqvist"
#define VIEWS_BRUNO_NAME "Bruno Okafor"
#define VIEWS_ME_NAME  "Eli Marsh"
#define VIEWS_ANA_FIRST  "a1a1a1a1-0001-4000-8000-000000000001"
#define VIEWS_ANA_SECOND "a1a1a1a1-0002-4000-8000-000000000002"
#define VIEWS_ANA_WINTER "a1a1a1a1-0003-4000-8000-000000000003"
#define VIEWS_BRUNO_SPAN "b2b2b2b2-0001-4000-8000-000000000001"
#define VIEWS_BRUNO_REPLY "b2b2b2b2-00ff-4000-8000-0000000000ff"

extern const char views_tidewater[];
extern const char views_almanac[];

typedef struct
{
  char            *path;
  ScholiaStore    *store;
  ScholiaSeminar  *seminar;
  ScholiaDocument *tidewater;   /* borrowed from the store */
  ScholiaDocument *almanac;
  gint64           ana;         /* participant ids */
  gint64           bruno;
  gint64           me;
} ViewsLibrary;

/* Makes the library at @path, as the seminar's leader or a participant, with the option
 * hide-until-posted set or not. */
void    views_library_open   (ViewsLibrary        *library,
                              const char          *path,
                              ScholiaSeminarRole   role,
                              gboolean             hide_until_posted);
/* Closes the store, leaving the file. */
void    views_library_close  (ViewsLibrary        *library);
/* The id of the annotation @uuid, read from the file whatever the store shows. */
gint64  views_annotation_id  (ViewsLibrary        *library,
                              const char          *uuid);

G_END_DECLS
