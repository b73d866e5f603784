/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "scholia-reference.h"

struct _ScholiaReference
{
  GObject    parent_instance;

  char      *key;
  char      *fields[SCHOLIA_REFERENCE_N_FIELDS];
  GPtrArray *authors;   /* ScholiaReferenceName */
  GPtrArray *editors;   /* ScholiaReferenceName */
  char      *source;
  char      *csl_json;
};

G_DEFINE_FINAL_TYPE (ScholiaReference, scholia_reference, G_TYPE_OBJECT)

/* In ScholiaReferenceField's order. */
static const char * const field_names[SCHOLIA_REFERENCE_N_FIELDS] = {
  "type",
  "title",
  "container-title",
  "collection-title",
  "volume",
  "issue",
  "page",
  "publisher",
  "publisher-place",
  "issued",
  "DOI",
  "URL",
  "accessed",
  "file",
};

ScholiaReferenceName *
scholia_reference_name_new (const char *family,
                            const char *given,
                            const char *literal)
{
  ScholiaReferenceName *name = g_new0 (ScholiaReferenceName, 1);

  name->family = g_utf8_normalize (family != NULL ? family : "", -1, G_NORMALIZE_NFC);
  name->given = g_utf8_normalize (given != NULL ? given : "", -1, G_NORMALIZE_NFC);
  name->literal = g_utf8_normalize (literal != NULL ? literal : "", -1, G_NORMALIZE_NFC);
  return name;
}

ScholiaReferenceName *
scholia_reference_name_copy (const ScholiaReferenceName *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return scholia_reference_name_new (name->family, name->given, name->literal);
}

void
scholia_reference_name_free (ScholiaReferenceName *name)
{
  if (name == NULL)
    return;
  g_free (name->family);
  g_free (name->given);
  g_free (name->literal);
  g_free (name);
}

char *
scholia_reference_name_format (const ScholiaReferenceName *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (*name->literal != '\0')
    return g_strdup (name->literal);
  if (*name->given == '\0')
    return g_strdup (name->family);
  if (*name->family == '\0')
    return g_strdup (name->given);
  return g_strconcat (name->given, " ", name->family, NULL);
}

static void
scholia_reference_finalize (GObject *object)
{
  ScholiaReference *self = (ScholiaReference *) object;

  g_free (self->key);
  for (guint i = 0; i < SCHOLIA_REFERENCE_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_ptr_array_unref (self->authors);
  g_ptr_array_unref (self->editors);
  g_free (self->source);
  g_free (self->csl_json);

  G_OBJECT_CLASS (scholia_reference_parent_class)->finalize (object);
}

static void
scholia_reference_class_init (ScholiaReferenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = scholia_reference_finalize;
}

static void
scholia_reference_init (ScholiaReference *self)
{
  self->key = g_strdup ("");
  for (guint i = 0; i < SCHOLIA_REFERENCE_N_FIELDS; i++)
    self->fields[i] = g_strdup ("");
  self->authors = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_reference_name_free);
  self->editors = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_reference_name_free);
  self->source = g_strdup ("");
  self->csl_json = g_strdup ("");
}

ScholiaReference *
scholia_reference_new (const char *key)
{
  ScholiaReference *self;

  g_return_val_if_fail (key != NULL, NULL);

  self = g_object_new (SCHOLIA_TYPE_REFERENCE, NULL);
  scholia_reference_set_key (self, key);
  return self;
}

/* Text kept NFC, "" for NULL. */
static void
replace_text (char       **field,
              const char  *value)
{
  g_free (*field);
  *field = g_utf8_normalize (value != NULL ? value : "", -1, G_NORMALIZE_NFC);
  if (*field == NULL)
    *field = g_strdup ("");
}

const char *
scholia_reference_get_key (ScholiaReference *self)
{
  g_return_val_if_fail (SCHOLIA_IS_REFERENCE (self), NULL);

  return self->key;
}

void
scholia_reference_set_key (ScholiaReference *self,
                           const char       *key)
{
  g_return_if_fail (SCHOLIA_IS_REFERENCE (self));

  replace_text (&self->key, key);
}

const char *
scholia_reference_get (ScholiaReference      *self,
                       ScholiaReferenceField  field)
{
  g_return_val_if_fail (SCHOLIA_IS_REFERENCE (self), NULL);
  g_return_val_if_fail (field < SCHOLIA_REFERENCE_N_FIELDS, NULL);

  return self->fields[field];
}

void
scholia_reference_set (ScholiaReference      *self,
                       ScholiaReferenceField  field,
                       const char            *value)
{
  g_return_if_fail (SCHOLIA_IS_REFERENCE (self));
  g_return_if_fail (field < SCHOLIA_REFERENCE_N_FIELDS);

  replace_text (&self->fields[field], value);
}

gboolean
scholia_reference_has (ScholiaReference      *self,
                       ScholiaReferenceField  field)
{
  g_return_val_if_fail (SCHOLIA_IS_REFERENCE (self), FALSE);
  g_return_val_if_fail (field < SCHOLIA_REFERENCE_N_FIELDS, FALSE);

  return *self->fields[field] != '\0';
}

const char *
scholia_reference_field_get_name (ScholiaReferenceField field)
{
  g_return_val_if_fail (field < SCHOLIA_REFERENCE_N_FIELDS, NULL);

  return field_names[field];
}

GPtrArray *
scholia_reference_get_authors (ScholiaReference *self)
{
  g_return_val_if_fail (SCHOLIA_IS_REFERENCE (self), NULL);

  return self->authors;
}

GPtrArray *
scholia_reference_get_editors (ScholiaReference *self)
{
  g_return_val_if_fail (SCHOLIA_IS_REFERENCE (self), NULL);

  return self->editors;
}

void
scholia_reference_add_author (ScholiaReference *self,
                              const char       *family,
                              const char       *given,
                              const char       *literal)
{
  g_return_if_fail (SCHOLIA_IS_REFERENCE (self));

  g_ptr_array_add (self->authors, scholia_reference_name_new (family, given, literal));
}

void
scholia_reference_add_editor (ScholiaReference *self,
                              const char       *family,
                              const char       *given,
                              const char       *literal)
{
  g_return_if_fail (SCHOLIA_IS_REFERENCE (self));

  g_ptr_array_add (self->editors, scholia_reference_name_new (family, given, literal));
}

const char *
scholia_reference_get_source (ScholiaReference *self)
{
  g_return_val_if_fail (SCHOLIA_IS_REFERENCE (self), NULL);

  return self->source;
}

void
scholia_reference_set_source (ScholiaReference *self,
                              const char       *source)
{
  g_return_if_fail (SCHOLIA_IS_REFERENCE (self));

  replace_text (&self->source, source);
}

const char *
scholia_reference_get_csl_json (ScholiaReference *self)
{
  g_return_val_if_fail (SCHOLIA_IS_REFERENCE (self), NULL);

  return self->csl_json;
}

void
scholia_reference_set_csl_json (ScholiaReference *self,
                                const char       *csl_json)
{
  g_return_if_fail (SCHOLIA_IS_REFERENCE (self));

  g_free (self->csl_json);
  self->csl_json = g_strdup (csl_json != NULL ? csl_json : "");
}

static JsonNode *
names_to_json (GPtrArray *names)
{
  JsonArray *array = json_array_sized_new (names->len);

  for (guint i = 0; i < names->len; i++)
    {
      ScholiaReferenceName *name = g_ptr_array_index (names, i);
      JsonObject *object = json_object_new ();

      if (*name->literal != '\0')
        json_object_set_string_member (object, "literal", name->literal);
      if (*name->family != '\0')
        json_object_set_string_member (object, "family", name->family);
      if (*name->given != '\0')
        json_object_set_string_member (object, "given", name->given);
      json_array_add_object_element (array, object);
    }
  return json_node_init_array (json_node_alloc (), array);
}

/* {"date-parts": [[1998, 4, 12]]} for an ISO-ish date, {"literal": …} for any other. */
static JsonNode *
date_to_json (const char *date)
{
  g_auto(GStrv) parts = g_strsplit (date, "-", 3);
  JsonObject *object = json_object_new ();
  JsonArray *numbers = json_array_new ();
  gboolean numeric = g_strv_length (parts) > 0;

  for (guint i = 0; parts[i] != NULL && numeric; i++)
    {
      guint64 number = 0;

      numeric = *parts[i] != '\0' && g_ascii_string_to_unsigned (parts[i], 10, 0, 9999, &number, NULL);
      if (numeric)
        json_array_add_int_element (numbers, (gint64) number);
    }
  if (numeric)
    {
      JsonArray *date_parts = json_array_new ();

      json_array_add_array_element (date_parts, json_array_ref (numbers));
      json_object_set_array_member (object, "date-parts", date_parts);
    }
  else
    json_object_set_string_member (object, "literal", date);
  json_array_unref (numbers);
  return json_node_init_object (json_node_alloc (), object);
}

char *
scholia_reference_to_csl_json (ScholiaReference *self)
{
  g_autoptr(JsonObject) item = json_object_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (SCHOLIA_IS_REFERENCE (self), NULL);

  json_object_set_string_member (item, "id", self->key);
  for (guint i = 0; i < SCHOLIA_REFERENCE_N_FIELDS; i++)
    {
      if (*self->fields[i] == '\0' || i == SCHOLIA_REFERENCE_FILE)
        continue;
      if (i == SCHOLIA_REFERENCE_ISSUED || i == SCHOLIA_REFERENCE_ACCESSED)
        json_object_set_member (item, field_names[i], date_to_json (self->fields[i]));
      else
        json_object_set_string_member (item, field_names[i], self->fields[i]);
    }
  if (self->authors->len > 0)
    json_object_set_member (item, "author", names_to_json (self->authors));
  if (self->editors->len > 0)
    json_object_set_member (item, "editor", names_to_json (self->editors));

  root = json_node_init_object (json_node_alloc (), item);
  return json_to_string (root, FALSE);
}

char *
scholia_reference_dup_year (ScholiaReference *self)
{
  const char *issued;

  g_return_val_if_fail (SCHOLIA_IS_REFERENCE (self), NULL);

  issued = self->fields[SCHOLIA_REFERENCE_ISSUED];
  for (const char *p = issued; *p != '\0'; p++)
    {
      gboolean starts = p == issued || !g_ascii_isdigit (p[-1]);

      if (starts && g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
          g_ascii_isdigit (p[3]) && !g_ascii_isdigit (p[4]))
        return g_strndup (p, 4);
    }
  return g_strdup ("");
}

gboolean
scholia_reference_key_is_valid (const char *key)
{
  glong length;

  if (key == NULL || !g_utf8_validate (key, -1, NULL))
    return FALSE;
  length = g_utf8_strlen (key, -1);
  if (length < 1 || length > 200)
    return FALSE;
  for (const char *p = key; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
          (c < 128 && strchr (",;@{}[]\"\\", (int) c) != NULL))
        return FALSE;
    }
  return TRUE;
}
