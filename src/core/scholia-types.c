/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-types.h"

void
scholia_page_range_clear (ScholiaPageRange *range)
{
  g_return_if_fail (range != NULL);

  g_clear_pointer (&range->label, g_free);
}

/* The array owns each range's label, so freeing the array (or removing an element) frees it. */
GArray *
scholia_page_ranges_new (void)
{
  GArray *ranges = g_array_new (FALSE, TRUE, sizeof (ScholiaPageRange));

  g_array_set_clear_func (ranges, (GDestroyNotify) scholia_page_range_clear);

  return ranges;
}

const char *
scholia_page_ranges_lookup (GArray *pages,
                            int     offset)
{
  for (guint i = 0; pages != NULL && i < pages->len; i++)
    {
      const ScholiaPageRange *range = &g_array_index (pages, ScholiaPageRange, i);

      if (offset >= range->start && offset < range->end)
        return range->label;
    }
  return NULL;
}
