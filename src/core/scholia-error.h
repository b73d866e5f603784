/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SCHOLIA_ERROR (scholia_error_quark ())

/* Every failure a user can see carries one of these codes and a message that names the file or
 * object involved and says what to do about it. */
typedef enum
{
  SCHOLIA_ERROR_FAILED,
  SCHOLIA_ERROR_IO,             /* a file could not be read or written */
  SCHOLIA_ERROR_NOT_A_LIBRARY,  /* a foreign file, or an SQLite database that is not ours */
  SCHOLIA_ERROR_NEWER_LIBRARY,  /* written by a newer Scholia: we refuse rather than damage it */
  SCHOLIA_ERROR_CORRUPT,        /* a damaged or truncated library */
  SCHOLIA_ERROR_NOT_FOUND,      /* no such document, tag, theme or annotation */
  SCHOLIA_ERROR_EXISTS,         /* a name that must be unique is taken */
  SCHOLIA_ERROR_INVALID,        /* bad input: empty name, offsets outside the text, … */
  SCHOLIA_ERROR_AMBIGUOUS,      /* more than one match where one was required */
  SCHOLIA_ERROR_UNSUPPORTED,    /* a file format Scholia cannot read */
  SCHOLIA_ERROR_TOO_LARGE,      /* over a size limit */
  SCHOLIA_ERROR_ENCRYPTED,      /* a password-protected file */
  SCHOLIA_ERROR_TIMED_OUT,      /* took longer than its time limit, and was stopped */
  SCHOLIA_ERROR_READ_ONLY,      /* a change asked of a library that can only be read */
} ScholiaErrorCode;

GQuark scholia_error_quark (void);

G_END_DECLS
