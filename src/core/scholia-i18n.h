/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The user's locale and Scholia's translations, for the app and scholia-cli alike. They come
 * from the installed locale directory, or from $SCHOLIA_LOCALEDIR when it is set: the build
 * tree's po/ holds each language's LC_MESSAGES/scholia.mo, so that
 * `SCHOLIA_LOCALEDIR=_build/po LANGUAGE=de _build/src/scholia` shows the app in German
 * without installing it. */
void scholia_i18n_init (void);

G_END_DECLS
