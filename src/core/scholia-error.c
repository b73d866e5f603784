/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-error.h"

G_DEFINE_QUARK (scholia-error-quark, scholia_error)
