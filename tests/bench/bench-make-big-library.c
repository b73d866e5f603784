/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Makes the big library the issue 17 benchmarks share (if the build directory does not hold it
 * yet) and says how large it is beside its text. */
#include "config.h"

#include <glib/gstdio.h>

#include "bench-big-library.h"

int
main (void)
{
  g_autofree char *path = bench_big_library_ensure ();
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_print ("big library: %s, %.0f MB\n", path, info.st_size / 1e6);
  return 0;
}
