/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A bibliographic reference as Zotero (CSL-JSON, Better BibTeX) or a .bib file describes it,
 * holding what a citation of an essay needs. Its citation key names it in the library
 * (scholia-store-references.h) and in Pandoc citations ("[@kowal2019, p. 4]").
 *
 * The text fields follow CSL-JSON's variables (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html),
 * whatever the file they came from, so that a formatter reads one vocabulary. Every field is
 * NFC text, never NULL: "" when the reference does not give it. */
typedef enum
{
  /* The CSL item type: "article-journal", "book", "chapter", "paper-conference",
   * "article-magazine", "article-newspaper", "thesis", "report", "manuscript", "webpage",
   * "entry-encyclopedia", "document" (anything else) … */
  SCHOLIA_REFERENCE_TYPE,
  /* The work's own title: the article's, the chapter's, the book's. */
  SCHOLIA_REFERENCE_TITLE,
  /* What holds it: the journal, the edited book of a chapter, the proceedings, the website. */
  SCHOLIA_REFERENCE_CONTAINER_TITLE,
  /* The series ("Studies in Modern History"). */
  SCHOLIA_REFERENCE_COLLECTION_TITLE,
  SCHOLIA_REFERENCE_VOLUME,
  SCHOLIA_REFERENCE_ISSUE,
  /* The page range, with an en dash: "118–134" (BibTeX's "118--134" is converted). */
  SCHOLIA_REFERENCE_PAGE,
  SCHOLIA_REFERENCE_PUBLISHER,
  /* Where it was published ("Kraków"): CSL's publisher-place, BibLaTeX's location/address. */
  SCHOLIA_REFERENCE_PUBLISHER_PLACE,
  /* When it was published, ISO-ish: "1998", "1998-04" or "1998-04-12"; CSL's literal or raw
   * dates ("Spring 1917", "c. 1925") are kept as given. */
  SCHOLIA_REFERENCE_ISSUED,
  /* The bare DOI, "10.1234/abcd", without "https://doi.org/". */
  SCHOLIA_REFERENCE_DOI,
  SCHOLIA_REFERENCE_URL,
  /* When the URL was read, as ISSUED ("2024-03-02"). */
  SCHOLIA_REFERENCE_ACCESSED,
  /* The attached file's path as the export gave it (Zotero's "file" field: its first file), for
   * importing the essay itself; "" without one. */
  SCHOLIA_REFERENCE_FILE,
  SCHOLIA_REFERENCE_N_FIELDS
} ScholiaReferenceField;

/* One author or editor: a person (family, given: "Kowal", "Anna Maria"; particles such as "van"
 * stay in the family name) or an institution's literal name ("Polish Historical Society"),
 * then family and given are "". */
typedef struct
{
  char *family;
  char *given;
  char *literal;
} ScholiaReferenceName;

ScholiaReferenceName *scholia_reference_name_new    (const char                 *family,
                                                     const char                 *given,
                                                     const char                 *literal);
ScholiaReferenceName *scholia_reference_name_copy   (const ScholiaReferenceName *name);
void                  scholia_reference_name_free   (ScholiaReferenceName       *name);
/* As a reader writes it: "Anna Maria Kowal", or the literal name. */
char                 *scholia_reference_name_format (const ScholiaReferenceName *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaReferenceName, scholia_reference_name_free)

#define SCHOLIA_TYPE_REFERENCE (scholia_reference_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaReference, scholia_reference, SCHOLIA, REFERENCE, GObject)

/* Where a reference came from: scholia_reference_get_source() gives one of these. */
#define SCHOLIA_REFERENCE_SOURCE_CSL_JSON "csl-json"
#define SCHOLIA_REFERENCE_SOURCE_BIBTEX   "bibtex"

/* A reference with @key (its citation key: "kowal2019", never "") and no fields yet. A plain
 * value object: the parsers and the store fill it; nothing watches it. */
ScholiaReference *scholia_reference_new            (const char            *key);
const char       *scholia_reference_get_key        (ScholiaReference      *self);
void              scholia_reference_set_key        (ScholiaReference      *self,
                                                    const char            *key);
const char       *scholia_reference_get            (ScholiaReference      *self,
                                                    ScholiaReferenceField  field);
/* NULL or "" clears the field. */
void              scholia_reference_set            (ScholiaReference      *self,
                                                    ScholiaReferenceField  field,
                                                    const char            *value);
/* Whether @field holds anything. */
gboolean          scholia_reference_has            (ScholiaReference      *self,
                                                    ScholiaReferenceField  field);
/* The CSL-JSON variable of @field: "container-title", "publisher-place" … ("file" for the
 * attached file, which CSL has not: Zotero's name). */
const char       *scholia_reference_field_get_name (ScholiaReferenceField  field);

/* Authors and editors in their order (ScholiaReferenceName, owned by the reference). */
GPtrArray        *scholia_reference_get_authors    (ScholiaReference      *self);
GPtrArray        *scholia_reference_get_editors    (ScholiaReference      *self);
void              scholia_reference_add_author     (ScholiaReference      *self,
                                                    const char            *family,
                                                    const char            *given,
                                                    const char            *literal);
void              scholia_reference_add_editor     (ScholiaReference      *self,
                                                    const char            *family,
                                                    const char            *given,
                                                    const char            *literal);

/* SCHOLIA_REFERENCE_SOURCE_CSL_JSON or _BIBTEX ("" for one made by hand). */
const char       *scholia_reference_get_source     (ScholiaReference      *self);
void              scholia_reference_set_source     (ScholiaReference      *self,
                                                    const char            *source);
/* The item as CSL-JSON text: the one Zotero exported, kept as it was given so that nothing it
 * held beyond the fields above is lost, or, for a reference from BibTeX or made by hand, the
 * one scholia_reference_to_csl_json() writes from the fields. */
const char       *scholia_reference_get_csl_json   (ScholiaReference      *self);
void              scholia_reference_set_csl_json   (ScholiaReference      *self,
                                                    const char            *csl_json);
/* A CSL-JSON item (one object, "id" the key) written from the fields above. */
char             *scholia_reference_to_csl_json    (ScholiaReference      *self);

/* The year the reference was issued ("1998" of "1998-04-12", of "Spring 1998"), "" when
 * ISSUED holds no four-digit year. */
char             *scholia_reference_dup_year       (ScholiaReference      *self);
/* Whether @key can name a reference: valid UTF-8 of 1 to 200 characters, none of them white
 * space or a control character, nor one that ends a key in a Pandoc citation or a BibTeX entry:
 * , ; @ { } [ ] " \ */
gboolean          scholia_reference_key_is_valid   (const char            *key);

G_END_DECLS
