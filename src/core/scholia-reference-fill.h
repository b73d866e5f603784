/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-document.h"
#include "scholia-reference.h"

G_BEGIN_DECLS

/* An essay's metadata as its bibliographic reference gives it: what linking an essay to a
 * reference offers to fill in, asking before it replaces what the user typed. */
typedef enum
{
  SCHOLIA_FILL_TITLE,
  SCHOLIA_FILL_AUTHOR,
  SCHOLIA_FILL_DATE,
  SCHOLIA_FILL_SOURCE,
  SCHOLIA_FILL_N_FIELDS
} ScholiaFillField;

typedef struct
{
  /* Indexed by ScholiaFillField; "" when the reference gives nothing for the field. */
  char *values[SCHOLIA_FILL_N_FIELDS];
  /* How the first author files ("Kowal, Anna"), "" for an institution or no author. */
  char *author_sort_key;
} ScholiaReferenceFill;

/* The fields from @reference: the title; the authors as Scholia's one author field holds
 * them, "Anna Kowal", "Anna Kowal and Pieter de Vries", "Anna Kowal, Pieter de Vries and Chidi
 * Okafor" (the editors when there is no author); the date as issued ("1998-04-12"); the source
 * as one readable line: "Journal of Imaginary Archives 12, no. 3: 118–134.
 * https://doi.org/10.5555/jia.2019.118", "Voices of the Quay, 5–9. Gdańsk: Lantern Press." */
ScholiaReferenceFill *scholia_reference_fill_new      (ScholiaReference     *reference);
void                  scholia_reference_fill_free     (ScholiaReferenceFill *fill);
/* The field's name as the user knows it: "title", "author", "date", "source" (translated). */
const char           *scholia_reference_fill_field_name (ScholiaFillField   field);
/* Whether @field would change @document and needs no asking: the essay's field is empty and
 * the reference gives a value. */
gboolean              scholia_reference_fill_is_free  (ScholiaReferenceFill *fill,
                                                       ScholiaDocument      *document,
                                                       ScholiaFillField      field);
/* Whether filling @field would replace what the essay holds with something else. */
gboolean              scholia_reference_fill_replaces (ScholiaReferenceFill *fill,
                                                       ScholiaDocument      *document,
                                                       ScholiaFillField      field);
/* The essay's current value of @field. */
const char           *scholia_reference_fill_current  (ScholiaDocument      *document,
                                                       ScholiaFillField      field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaReferenceFill, scholia_reference_fill_free)

G_END_DECLS
