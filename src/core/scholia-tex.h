/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text of a BibTeX field as a reader sees it, in Unicode (NFC): accents ({\"o}, \'e,
 * \v{c}, \c{c}, {\k a} …) become the accented letters, letters written as commands ({\ss},
 * \o, \l, \ae, {\i} …) the letters, escaped characters (\&, \%, \$, \#, \_) themselves,
 * "--" and "---" en and em dashes, ``…'' curly quotes, "~" a no-break space; braces that only
 * protect case go, as do formatting commands around their argument (\emph{x}, \textit{x},
 * \textbf{x}, \textsc{x} give x). Runs of white space become one space; the result is trimmed.
 * A command it does not know is dropped, its argument kept. */
char *scholia_tex_to_unicode (const char *tex);

G_END_DECLS
