/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>
#include <stdlib.h>

#include "scholia-importer.h"
#include "scholia-store.h"

G_BEGIN_DECLS

/* Reading a libFuzzer input as a sequence of small decisions and strings, so that one input
 * describes a whole scenario (a text, a passage in it, edits to make). Reading past the end
 * gives zeros and empty strings: every input is a valid scenario. */
typedef struct
{
  const guint8 *data;
  gsize         size;
} FuzzInput;

#define FUZZ_SEPARATOR '\x01'

guint8  fuzz_input_take_byte   (FuzzInput    *input);
guint   fuzz_input_take_u16    (FuzzInput    *input);
char   *fuzz_input_take_string (FuzzInput    *input);
char   *fuzz_input_take_rest   (FuzzInput    *input);
char   *fuzz_make_directory    (const char   *prefix);
char   *fuzz_make_file         (const char   *directory,
                                const char   *basename,
                                const guint8 *data,
                                gsize         size);

/* A new library in a private folder under $TMPDIR, holding one essay (its source
 * FUZZ_DOCUMENT_SOURCE) whose text has words to find and passages to anchor to. */
#define FUZZ_DOCUMENT_SOURCE "https://example.org/varnholm"
ScholiaStore    *fuzz_open_store     (ScholiaDocument **document);
ScholiaDocument *fuzz_add_document   (ScholiaStore     *store);

/* The properties every import's result must have (fuzz-support.c): */
void    fuzz_check_import      (ScholiaImportedText *imported,
                                GError              *error);
void    fuzz_check_error       (GError              *error);
void    fuzz_check_text        (ScholiaImportedText *imported);

/* Stops the fuzzer with a message: libFuzzer saves the input that led here. Printed as UTF-8
 * whatever the locale (g_printerr would turn the core's messages into question marks). */
#define fuzz_check(condition, ...)                                        \
  G_STMT_START {                                                          \
    if (G_UNLIKELY (!(condition)))                                        \
      {                                                                   \
        fprintf (stderr, "fuzz: %s:%d: %s failed: ", __FILE__, __LINE__, #condition); \
        fprintf (stderr, __VA_ARGS__);                                    \
        fprintf (stderr, "\n");                                           \
        abort ();                                                         \
      }                                                                   \
  } G_STMT_END

G_END_DECLS
