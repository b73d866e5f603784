/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-reference-file.h"
#include "scholia-text-check.h"

/* Files of references are exports of a whole Zotero library at most: larger is not one. */
#define MAX_FILE_SIZE (256 * 1024 * 1024)

static void
problem_free (ScholiaReferenceProblem *problem)
{
  g_free (problem->key);
  g_free (problem->reason);
  g_free (problem);
}

static ScholiaReferenceProblem *
problem_new (guint       line,
             const char *key,
             const char *reason)
{
  ScholiaReferenceProblem *problem = g_new0 (ScholiaReferenceProblem, 1);

  problem->line = line;
  problem->key = scholia_text_printable (key != NULL ? key : "");
  problem->reason = g_strdup (reason);
  return problem;
}

ScholiaReferenceFile *
scholia_reference_file_new (void)
{
  ScholiaReferenceFile *self = g_new0 (ScholiaReferenceFile, 1);

  self->references = g_ptr_array_new_with_free_func (g_object_unref);
  self->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  self->duplicates = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
scholia_reference_file_free (ScholiaReferenceFile *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->references);
  g_ptr_array_unref (self->skipped);
  g_ptr_array_unref (self->duplicates);
  g_hash_table_unref (self->keys);
  g_free (self);
}

void
scholia_reference_file_skip (ScholiaReferenceFile *self,
                             guint                 line,
                             const char           *key,
                             const char           *reason)
{
  g_ptr_array_add (self->skipped, problem_new (line, key, reason));
}

void
scholia_reference_file_take (ScholiaReferenceFile *self,
                             ScholiaReference     *reference,
                             guint                 line)
{
  g_autoptr(ScholiaReference) taken = reference;
  const char *key = scholia_reference_get_key (reference);

  if (!scholia_reference_key_is_valid (key))
    {
      scholia_reference_file_skip (self, line, key,
                                   *key == '\0' ? _("it has no citation key")
                                                : _("its citation key holds a space or one of , ; @ { } [ ] \" \\"));
      return;
    }
  if (!g_hash_table_add (self->keys, g_strdup (key)))
    {
      g_ptr_array_add (self->duplicates,
                       problem_new (line, key, _("the key was given earlier in the file; the first entry is kept")));
      return;
    }
  g_ptr_array_add (self->references, g_steal_pointer (&taken));
}

char *
scholia_reference_normalize_pages (const char *pages)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = pages; *p != '\0'; )
    {
      if (*p == '-')
        {
          while (*p == '-')
            p++;
          g_string_append (out, "–");
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
scholia_reference_file_is_reference_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".bib") || g_str_has_suffix (lower, ".json");
}

ScholiaReferenceFile *
scholia_reference_file_load (GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_autoptr(GError) local_error = NULL;
  ScholiaReferenceFile *result;
  gsize length = 0;
  const char *start;

  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, error))
    return NULL;
  if (length > MAX_FILE_SIZE)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE,
                   _("“%s” is too large to be a file of references"), name);
      return NULL;
    }
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_UNSUPPORTED,
                   _("“%s” is not a file of references: it is not UTF-8 text"), name);
      return NULL;
    }

  start = data;
  if (g_str_has_prefix (start, "\xef\xbb\xbf"))
    start += 3;
  while (g_ascii_isspace (*start))
    start++;
  if (*start == '[' || *start == '{' || (*start == '\0' && g_str_has_suffix (lower, ".json")))
    result = scholia_reference_file_parse_csl_json (data, length, &local_error);
  else
    result = scholia_reference_file_parse_bibtex (data, length, &local_error);
  if (result == NULL)
    {
      g_set_error (error, SCHOLIA_ERROR, local_error->code, _("“%s” could not be read: %s"), name,
                   local_error->message);
      return NULL;
    }
  return result;
}
