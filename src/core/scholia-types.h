/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _ScholiaStore      ScholiaStore;
typedef struct _ScholiaDocument   ScholiaDocument;
typedef struct _ScholiaTag        ScholiaTag;
typedef struct _ScholiaTheme      ScholiaTheme;
typedef struct _ScholiaAnnotation ScholiaAnnotation;

/* A span of a document's text, in Unicode code points, that was printed as one page of its
 * source (PDF imports), so that citations can name the printed page. */
typedef struct
{
  int   start;
  int   end;
  char *label;
} ScholiaPageRange;

/* How many rows of each kind a library holds, as `scholia-cli info` prints them. */
typedef struct
{
  guint documents;
  guint authors;
  guint annotations;
  guint tags;
  guint themes;
} ScholiaCounts;

void    scholia_page_range_clear (ScholiaPageRange *range);
GArray *scholia_page_ranges_new  (void);
/* The label of the printed page holding @offset, NULL when @pages is NULL or leaves it out. */
const char *scholia_page_ranges_lookup (GArray *pages,
                                        int     offset);

G_END_DECLS
