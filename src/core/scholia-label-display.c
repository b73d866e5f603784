/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-label.h"
#include "scholia-tag.h"

/* The built-in tags as the schema seeds them (src/core/scholia-schema.c): the library keeps
 * these English names and descriptions, which W3C, CSV and REFI-QDA exports write as they are,
 * so that a library moves between languages intact; only what a person reads is translated. A
 * built-in tag the user renamed carries the user's name, which is never translated, and a tag of
 * the user's own called "thesis" is not built in. */
typedef struct
{
  const char *name;
  const char *description;
} BuiltinTag;

static const BuiltinTag builtin_tags[] = {
  /* Translators: the name of a built-in tag: the sentence states the author's thesis, the claim
   * the essay argues for. Shown in the tag list, the inspector, filters and exported PDFs;
   * lower case as a tag name. */
  { NC_("built-in tag", "thesis"), N_("A claim the author argues for") },
  /* Translators: the name of a built-in tag: the passage offers evidence (facts, figures,
   * testimony) for a claim. */
  { NC_("built-in tag", "evidence"), N_("Facts, figures or testimony offered in support") },
  /* Translators: the name of a built-in tag: the passage cites an archive, a text or a witness
   * (a reference to a historical source). One word with a hyphen in English; use what reads as
   * a tag name in your language. */
  { NC_("built-in tag", "source-reference"), N_("A citation of an archive, text or witness") },
  /* Translators: the name of a built-in tag: the passage states a position the author argues
   * against. */
  { NC_("built-in tag", "counter-argument"), N_("A position the author argues against") },
};

static const BuiltinTag *
find_builtin (ScholiaLabel *label)
{
  if (!SCHOLIA_IS_TAG (label) || !scholia_label_get_builtin (label))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (builtin_tags); i++)
    if (g_strcmp0 (scholia_label_get_name (label), builtin_tags[i].name) == 0)
      return &builtin_tags[i];
  return NULL;
}

const char *
scholia_label_get_display_name (ScholiaLabel *self)
{
  const BuiltinTag *builtin;

  g_return_val_if_fail (SCHOLIA_IS_LABEL (self), NULL);

  builtin = find_builtin (self);
  return builtin != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, "built-in tag", builtin->name)
                         : scholia_label_get_name (self);
}

const char *
scholia_label_get_display_description (ScholiaLabel *self)
{
  const BuiltinTag *builtin;
  const char *description;

  g_return_val_if_fail (SCHOLIA_IS_LABEL (self), NULL);

  description = scholia_label_get_description (self);
  builtin = find_builtin (self);
  if (builtin != NULL && g_strcmp0 (description, builtin->description) == 0)
    return _(builtin->description);
  return description;
}
