/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-window.h"

G_BEGIN_DECLS

/* For the opening benchmark (tests/bench/bench-opening.c): when SCHOLIA_REPORT_TEXT_ON_SCREEN
 * is set, prints "text-on-screen MONOTONIC_USEC" on standard output once the window has
 * painted a frame in which the open essay's text is laid out in a mapped reading view. Does
 * nothing otherwise. */
void scholia_startup_probe_watch (ScholiaWindow *window);

G_END_DECLS
