/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "scholia-error.h"
#include "scholia-refi-links.h"
#include "scholia-refi-private.h"
#include "scholia-refi-zip.h"
#include "scholia-text-check.h"
#include "scholia-text-offsets.h"

/* A REFI-QDA project into the library, read leniently (scholia-refi.h says what maps where).
 * Everything is read and checked first, into a plan of sources and selections, so that what
 * cannot be placed is reported before anything is written; then labels, essays and annotations
 * are written in one batch, undone whole if any write fails. */

typedef struct
{
  char      *guid;
  char      *name;
  int        start;
  int        end;
  GPtrArray *codes;      /* ScholiaRefiCode (borrowed), without repeats */
  GString   *note;       /* the notes it and its codings refer to, or NULL */
  gint64     created;
  gint64     modified;
} Selection;

typedef struct
{
  char      *guid;
  char      *title;
  char      *author;
  char      *date;
  char      *source;
  char      *text;
  int        length;     /* code points */
  GPtrArray *selections; /* Selection */
} Source;

typedef struct
{
  ScholiaStore       *store;
  ScholiaRefiSummary *summary;
  ScholiaRefiZip     *zip;
  ScholiaRefiCodes   *codes;
  GHashTable         *notes;        /* guid → ScholiaRefiNote */
  GHashTable         *users;        /* guid → name */
  GHashTable         *variables;    /* guid → name */
  GHashTable         *cases;        /* source guid → GPtrArray of case names */
  GHashTable         *coders;       /* user name → GUINT count of codings */
  GHashTable         *unknown_variables;  /* names already reported */
  GPtrArray          *sources;      /* Source */
  GHashTable         *uuids;        /* essays' and annotations' uuids taken (borrowed) */
  ScholiaRefiLinks   *links;        /* Links between selections */
  GHashTable         *selection_uuids;  /* selection guid → the uuid its annotation got */
} Import;

static void
selection_free (Selection *selection)
{
  g_free (selection->guid);
  g_free (selection->name);
  g_ptr_array_unref (selection->codes);
  if (selection->note != NULL)
    g_string_free (selection->note, TRUE);
  g_free (selection);
}

static void
source_free (Source *source)
{
  g_free (source->guid);
  g_free (source->title);
  g_free (source->author);
  g_free (source->date);
  g_free (source->source);
  g_free (source->text);
  g_ptr_array_unref (source->selections);
  g_free (source);
}

static void
note_free (ScholiaRefiNote *note)
{
  g_free (note->name);
  g_free (note->text);
  g_free (note);
}

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->zip, scholia_refi_zip_free);
  g_clear_pointer (&import->codes, _scholia_refi_codes_free);
  g_clear_pointer (&import->notes, g_hash_table_unref);
  g_clear_pointer (&import->users, g_hash_table_unref);
  g_clear_pointer (&import->variables, g_hash_table_unref);
  g_clear_pointer (&import->cases, g_hash_table_unref);
  g_clear_pointer (&import->coders, g_hash_table_unref);
  g_clear_pointer (&import->unknown_variables, g_hash_table_unref);
  g_clear_pointer (&import->uuids, g_hash_table_unref);
  g_clear_pointer (&import->sources, g_ptr_array_unref);
  g_clear_pointer (&import->links, _scholia_refi_links_free);
  g_clear_pointer (&import->selection_uuids, g_hash_table_unref);
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content = node != NULL ? xmlNodeGetContent (node) : NULL;
  char *text = content != NULL ? g_strdup ((const char *) content) : NULL;

  xmlFree (content);
  return text;
}

static char *
guid_prop (xmlNode    *node,
           const char *name)
{
  g_autofree char *value = _scholia_refi_prop (node, name);

  return value != NULL ? _scholia_refi_normalise_guid (value) : NULL;
}

static gint64
time_prop (xmlNode    *node,
           const char *name)
{
  g_autofree char *value = _scholia_refi_prop (node, name);
  g_autoptr(GDateTime) time = NULL;

  if (value == NULL)
    return 0;
  time = g_date_time_new_from_iso8601 (value, g_time_zone_new_utc ());
  return time != NULL ? g_date_time_to_unix (time) : 0;
}

/* The text a plainTextPath names inside the project: internal://NAME in sources/, or a path
 * relative to sources/ or to the project. NULL (and @outside set) when it points outside. */
static GBytes *
find_text (Import     *import,
           const char *path,
           gboolean   *outside)
{
  const char *name = path;
  GBytes *bytes;

  *outside = FALSE;
  if (g_str_has_prefix (path, "internal://"))
    name = path + strlen ("internal://");
  else if (g_path_is_absolute (path) || strstr (path, "://") != NULL)
    {
      *outside = TRUE;
      return NULL;
    }
  bytes = scholia_refi_zip_lookup (import->zip, name, TRUE);
  return bytes != NULL ? bytes : scholia_refi_zip_lookup (import->zip, name, FALSE);
}

/* Notes */

static void
read_notes (Import  *import,
            xmlNode *notes)
{
  for (xmlNode *node = notes != NULL ? notes->children : NULL; node != NULL; node = node->next)
    {
      ScholiaRefiNote *note;
      g_autofree char *path = NULL;
      char *guid;

      if (!is_element (node, "Note") || (guid = guid_prop (node, "guid")) == NULL)
        continue;
      note = g_new0 (ScholiaRefiNote, 1);
      note->name = _scholia_refi_prop (node, "name");
      note->text = node_text (_scholia_refi_child (node, "PlainTextContent"));
      path = _scholia_refi_prop (node, "plainTextPath");
      if (note->text == NULL && path != NULL)
        {
          gboolean outside;
          GBytes *bytes = find_text (import, path, &outside);

          if (bytes != NULL && g_utf8_validate (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
            note->text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
        }
      g_hash_table_insert (import->notes, guid, note);
    }
}

static void
add_note_refs (Import    *import,
               xmlNode   *node,
               Selection *selection)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *target = NULL;
      ScholiaRefiNote *note;

      if (!is_element (child, "NoteRef") || (target = guid_prop (child, "targetGUID")) == NULL)
        continue;
      note = g_hash_table_lookup (import->notes, target);
      if (note == NULL || note->text == NULL || *note->text == '\0')
        continue;
      if (selection->note == NULL)
        selection->note = g_string_new (NULL);
      else
        g_string_append (selection->note, "\n\n");
      g_string_append (selection->note, note->text);
      note->used = TRUE;
    }
}

/* People, variables and cases */

static void
read_users (Import  *import,
            xmlNode *users)
{
  for (xmlNode *node = users != NULL ? users->children : NULL; node != NULL; node = node->next)
    {
      char *guid;

      if (!is_element (node, "User") || (guid = guid_prop (node, "guid")) == NULL)
        continue;
      g_hash_table_insert (import->users, guid, _scholia_refi_prop (node, "name"));
    }
}

static void
read_variables (Import  *import,
                xmlNode *variables)
{
  for (xmlNode *node = variables != NULL ? variables->children : NULL; node != NULL; node = node->next)
    {
      char *guid;

      if (!is_element (node, "Variable") || (guid = guid_prop (node, "guid")) == NULL)
        continue;
      g_hash_table_insert (import->variables, guid, _scholia_refi_prop (node, "name"));
    }
}

static void
read_cases (Import  *import,
            xmlNode *cases)
{
  for (xmlNode *node = cases != NULL ? cases->children : NULL; node != NULL; node = node->next)
    {
      g_autofree char *name = NULL;

      if (!is_element (node, "Case") || (name = _scholia_refi_prop (node, "name")) == NULL)
        continue;
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        {
          char *target;
          GPtrArray *names;

          if (!is_element (child, "SourceRef") || (target = guid_prop (child, "targetGUID")) == NULL)
            continue;
          names = g_hash_table_lookup (import->cases, target);
          if (names == NULL)
            {
              names = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (import->cases, target, names);
            }
          else
            g_free (target);
          g_ptr_array_add (names, g_strdup (name));
        }
    }
}

/* Sources */

static void
count_coder (Import  *import,
             xmlNode *coding)
{
  g_autofree char *user = guid_prop (coding, "creatingUser");
  const char *name;

  if (user == NULL)
    return;
  name = g_hash_table_lookup (import->users, user);
  if (name == NULL)
    name = user;
  g_hash_table_insert (import->coders, g_strdup (name),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (import->coders, name)) + 1));
}

static void
add_coding (Import     *import,
            Source     *source,
            Selection  *selection,
            xmlNode    *coding)
{
  xmlNode *code_ref = _scholia_refi_child (coding, "CodeRef");
  g_autofree char *target = code_ref != NULL ? guid_prop (code_ref, "targetGUID") : NULL;
  ScholiaRefiCode *code = target != NULL ? g_hash_table_lookup (import->codes->by_guid, target) : NULL;

  add_note_refs (import, coding, selection);
  if (code == NULL)
    {
      _scholia_refi_report (import->summary, _("A coding in “%s” refers to a code the project does not hold (%s): left out"),
                            source->title, target != NULL ? target : "");
      return;
    }
  count_coder (import, coding);
  /* A folder of codes that codes a passage itself becomes a label too. */
  code->codable = TRUE;
  if (!g_ptr_array_find (selection->codes, code, NULL))
    g_ptr_array_add (selection->codes, code);
}

static Selection *
selection_new (xmlNode *node)
{
  Selection *selection = g_new0 (Selection, 1);

  selection->guid = guid_prop (node, "guid");
  selection->name = _scholia_refi_prop (node, "name");
  selection->codes = g_ptr_array_new ();
  selection->created = time_prop (node, "creationDateTime");
  selection->modified = time_prop (node, "modifiedDateTime");
  return selection;
}

static gboolean
read_position (xmlNode    *node,
               const char *name,
               gint64     *position)
{
  g_autofree char *value = _scholia_refi_prop (node, name);

  return value != NULL && g_ascii_string_to_signed (g_strstrip (value), 10, G_MININT64, G_MAXINT64,
                                                    position, NULL);
}

static void
read_selection (Import  *import,
                Source  *source,
                xmlNode *node)
{
  Selection *selection = selection_new (node);
  gint64 start, end;

  if (!read_position (node, "startPosition", &start) || !read_position (node, "endPosition", &end))
    {
      _scholia_refi_report (import->summary, _("A selection in “%s” gives no positions: left out"), source->title);
      selection_free (selection);
      return;
    }
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_element (child, "Coding"))
      add_coding (import, source, selection, child);
  add_note_refs (import, node, selection);

  /* Positions count characters (code points). One outside the text, or an empty one, would be
   * misplaced by any guess: say so instead. */
  if (start < 0 || end > source->length || start >= end)
    {
      g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, start);
      g_autofree char *to = g_strdup_printf ("%" G_GINT64_FORMAT, end);

      _scholia_refi_report (import->summary,
                            /* Translators: a selection's start and end offsets as the REFI-QDA
                             * project gives them, the essay's title and its length. */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "The selection %s–%s in “%s” does not fit its text of %d character: left out",
                                         "The selection %s–%s in “%s” does not fit its text of %d characters: left out",
                                         source->length),
                            from, to, source->title, source->length);
      selection_free (selection);
      return;
    }
  selection->start = (int) start;
  selection->end = (int) end;
  g_ptr_array_add (source->selections, selection);
}

static char *
variable_value (xmlNode *value)
{
  for (xmlNode *child = value->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && strcmp ((const char *) child->name, "VariableRef") != 0)
      return node_text (child);
  return NULL;
}

static void
read_variable_value (Import  *import,
                     Source  *source,
                     xmlNode *node)
{
  xmlNode *ref = _scholia_refi_child (node, "VariableRef");
  g_autofree char *target = ref != NULL ? guid_prop (ref, "targetGUID") : NULL;
  const char *name = target != NULL ? g_hash_table_lookup (import->variables, target) : NULL;
  g_autofree char *value = variable_value (node);
  g_autofree char *folded = name != NULL ? g_utf8_casefold (name, -1) : NULL;
  char **field = NULL;

  if (value == NULL || *value == '\0')
    return;
  if (g_strcmp0 (folded, "author") == 0)
    field = &source->author;
  else if (g_strcmp0 (folded, "date") == 0)
    field = &source->date;
  else if (g_strcmp0 (folded, "source") == 0)
    field = &source->source;
  if (field != NULL)
    {
      g_free (*field);
      *field = g_steal_pointer (&value);
      return;
    }
  if (name == NULL)
    /* Translators: stands for a REFI-QDA variable that has no name, in “The variable “%s” has no
     * place…” */
    name = _("unnamed");
  if (!g_hash_table_contains (import->unknown_variables, name))
    {
      g_hash_table_add (import->unknown_variables, g_strdup (name));
      _scholia_refi_report (import->summary, _("The variable “%s” has no place in an essay’s properties: left out"), name);
    }
}

/* The source's text: given inline, or a file of the project. NULL, reported, when there is
 * none Scholia can read. */
static char *
source_text (Import     *import,
             xmlNode    *node,
             const char *title)
{
  g_autofree char *path = _scholia_refi_prop (node, "plainTextPath");
  g_autofree char *rich = _scholia_refi_prop (node, "richTextPath");
  xmlNode *inline_text = _scholia_refi_child (node, "PlainTextContent");
  GBytes *bytes;
  const char *data;
  gsize length;
  gboolean outside = FALSE;

  if (inline_text != NULL)
    return node_text (inline_text);
  if (path == NULL)
    {
      if (rich != NULL)
        _scholia_refi_report (import->summary, _("“%s” is given only as a rich text file (%s), without the plain text Scholia reads: left out"),
                              title, rich);
      else
        _scholia_refi_report (import->summary, _("“%s” has no text: left out"), title);
      return NULL;
    }
  bytes = find_text (import, path, &outside);
  if (bytes == NULL)
    {
      if (outside)
        _scholia_refi_report (import->summary, _("The text of “%s” is outside the project (%s): left out"), title, path);
      else
        _scholia_refi_report (import->summary, _("The text of “%s” (%s) is missing from the project: left out"), title, path);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  /* A byte order mark is no character of the text; positions count from after it. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      _scholia_refi_report (import->summary, _("The text of “%s” (%s) is not UTF-8: left out"), title, path);
      return NULL;
    }
  return g_strndup (data, length);
}

static void
read_text_source (Import     *import,
                  xmlNode    *node,
                  xmlNode    *outer)
{
  Source *source = g_new0 (Source, 1);
  GPtrArray *case_names;
  guint n_selections = 0;

  source->selections = g_ptr_array_new_with_free_func ((GDestroyNotify) selection_free);
  source->guid = guid_prop (outer, "guid");
  source->title = _scholia_refi_prop (outer, "name");
  if (source->title == NULL || *g_strstrip (source->title) == '\0')
    {
      g_autofree char *path = _scholia_refi_prop (node, "plainTextPath");

      g_free (source->title);
      source->title = path != NULL ? g_path_get_basename (path) : g_strdup (_("Untitled source"));
    }

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_element (child, "PlainTextSelection"))
      n_selections++;

  source->text = source_text (import, node, source->title);
  if (source->text == NULL || *source->text == '\0')
    {
      if (source->text != NULL)
        _scholia_refi_report (import->summary, _("“%s” has no text: left out"), source->title);
      if (n_selections > 0)
        _scholia_refi_report (import->summary,
                              g_dngettext (GETTEXT_PACKAGE, "%u selection of “%s” went with it",
                                           "%u selections of “%s” went with it", n_selections),
                              n_selections, source->title);
      source_free (source);
      return;
    }
  source->length = (int) g_utf8_strlen (source->text, -1);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_element (child, "PlainTextSelection"))
      read_selection (import, source, child);
    else if (is_element (child, "Coding"))
      {
        /* A coding of the whole source: the whole text as one passage. */
        Selection *selection = selection_new (child);

        add_coding (import, source, selection, child);
        selection->start = 0;
        selection->end = source->length;
        g_ptr_array_add (source->selections, selection);
      }
  for (xmlNode *child = outer->children; child != NULL; child = child->next)
    if (is_element (child, "VariableValue"))
      read_variable_value (import, source, child);
    else if (is_element (child, "NoteRef"))
      {
        g_autofree char *target = guid_prop (child, "targetGUID");
        ScholiaRefiNote *note = target != NULL ? g_hash_table_lookup (import->notes, target) : NULL;

        if (note != NULL && !note->used)
          {
            note->used = TRUE;
            _scholia_refi_report (import->summary, _("The memo “%s” on the whole of “%s” has no passage to go with: left out"),
                                  note->name != NULL ? note->name : "", source->title);
          }
      }

  case_names = source->guid != NULL ? g_hash_table_lookup (import->cases, source->guid) : NULL;
  if (source->author == NULL && case_names != NULL && case_names->len == 1)
    source->author = g_strdup (g_ptr_array_index (case_names, 0));
  else if (source->author == NULL && case_names != NULL)
    /* Translators: an essay's title and a count of REFI-QDA "cases" (a project's grouping of
     * sources, which Scholia reads as the author when there is only one). */
    _scholia_refi_report (import->summary,
                          g_dngettext (GETTEXT_PACKAGE, "“%s” belongs to %u case: none was taken as its author",
                                       "“%s” belongs to %u cases: none was taken as its author", case_names->len),
                          source->title, case_names->len);
  g_ptr_array_add (import->sources, source);
}

static guint
count_children (xmlNode    *node,
                const char *name)
{
  guint n = 0;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_element (child, name))
      n++;
  return n;
}

static void
read_sources (Import  *import,
              xmlNode *sources)
{
  for (xmlNode *node = sources != NULL ? sources->children : NULL; node != NULL; node = node->next)
    {
      g_autofree char *name = NULL;
      xmlNode *representation;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (node, "TextSource"))
        {
          read_text_source (import, node, node);
          continue;
        }
      name = _scholia_refi_prop (node, "name");
      if (name == NULL)
        name = g_strdup ((const char *) node->name);
      representation = is_element (node, "PDFSource") ? _scholia_refi_child (node, "Representation") : NULL;
      if (representation != NULL)
        {
          guint regions = count_children (node, "PDFSelection");

          /* The PDF's plain-text representation is the essay; regions of the page are not. */
          read_text_source (import, representation, node);
          if (regions > 0)
            _scholia_refi_report (import->summary,
                                  g_dngettext (GETTEXT_PACKAGE, "%u region marked on the pages of “%s” has no place in its text: left out",
                                               "%u regions marked on the pages of “%s” have no place in its text: left out", regions),
                                  regions, name);
        }
      else
        /* Translators: a source's name and the REFI-QDA element it is (PDFSource, PictureSource,
         * AudioSource…), which is not translated */
        _scholia_refi_report (import->summary, _("“%s” is a %s, not a text: left out"), name, (const char *) node->name);
    }
}

/* The project's Links, checked against its selections. */
static void
read_links (Import  *import,
            xmlNode *links)
{
  g_autoptr(GHashTable) selections = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < import->sources->len; i++)
    {
      Source *source = g_ptr_array_index (import->sources, i);

      for (guint j = 0; j < source->selections->len; j++)
        {
          Selection *selection = g_ptr_array_index (source->selections, j);

          if (selection->guid != NULL)
            g_hash_table_add (selections, selection->guid);
        }
    }
  import->links = _scholia_refi_links_read (links, selections, import->summary);
}

static void
report_rest (Import  *import,
             xmlNode *project)
{
  static const char * const unsupported[] = { "Sets", "Graphs" };
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < G_N_ELEMENTS (unsupported); i++)
    {
      xmlNode *node = _scholia_refi_child (project, unsupported[i]);
      guint n = 0;

      for (xmlNode *child = node != NULL ? node->children : NULL; child != NULL; child = child->next)
        n += child->type == XML_ELEMENT_NODE;
      if (n > 0)
        /* Translators: a count and the name of a REFI-QDA element, "Sets" or "Graphs", which is
         * not translated (it is what the project file calls them). */
        _scholia_refi_report (import->summary,
                              g_dngettext (GETTEXT_PACKAGE, "%u of the project’s %s: Scholia has no place for it, left out",
                                           "%u of the project’s %s: Scholia has no place for them, left out", n),
                              n, unsupported[i]);
    }

  g_hash_table_iter_init (&iter, import->coders);
  while (g_hash_table_iter_next (&iter, &key, &value))
    _scholia_refi_report (import->summary,
                          g_dngettext (GETTEXT_PACKAGE, "%u coding was made by “%s”: Scholia keeps no coder per annotation, so the name was left out",
                                       "%u codings were made by “%s”: Scholia keeps no coder per annotation, so the name was left out",
                                       GPOINTER_TO_UINT (value)),
                          GPOINTER_TO_UINT (value), (const char *) key);

  g_hash_table_iter_init (&iter, import->notes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ScholiaRefiNote *note = value;

      if (!note->used)
        _scholia_refi_report (import->summary, _("The note “%s” belongs to no passage: left out"),
                              note->name != NULL ? note->name : (const char *) key);
    }
}

static gboolean
read_project (Import      *import,
              const char  *display_name,
              GBytes      *qde,
              GError     **error)
{
  xmlDoc *doc;
  xmlNode *project;
  xmlNode *codebook;

  doc = xmlReadMemory (g_bytes_get_data (qde, NULL), (int) g_bytes_get_size (qde), "project.qde", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  project = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (project == NULL || strcmp ((const char *) project->name, "Project") != 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” is not a REFI-QDA project: its .qde file is not a QDA-XML <Project>"), display_name);
      xmlFreeDoc (doc);
      return FALSE;
    }

  read_users (import, _scholia_refi_child (project, "Users"));
  read_notes (import, _scholia_refi_child (project, "Notes"));
  read_variables (import, _scholia_refi_child (project, "Variables"));
  read_cases (import, _scholia_refi_child (project, "Cases"));
  codebook = _scholia_refi_child (project, "CodeBook");
  _scholia_refi_read_codes (import->codes, _scholia_refi_child (codebook, "Codes"), import->notes, import->summary);
  read_sources (import, _scholia_refi_child (project, "Sources"));
  read_links (import, _scholia_refi_child (project, "Links"));
  report_rest (import, project);
  xmlFreeDoc (doc);
  return TRUE;
}

/* Writing */

static gboolean
write_source (Import  *import,
              Source  *source,
              GError **error)
{
  ScholiaDocument *document;
  g_autoptr(ScholiaTextOffsets) offsets = NULL;
  g_autoptr(GArray) records = NULL;
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new ();
  g_autoptr(GHashTable) taken = NULL;
  gboolean ok;

  if (source->guid != NULL && g_hash_table_contains (import->uuids, source->guid))
    {
      _scholia_refi_report (import->summary,
                            g_dngettext (GETTEXT_PACKAGE, "“%s” is in the library already: left out with its %u selection",
                                         "“%s” is in the library already: left out with its %u selections",
                                         source->selections->len),
                            source->title, source->selections->len);
      return TRUE;
    }
  document = scholia_store_add_document_with_uuid (import->store, source->guid, source->title,
                                                   source->author, source->date, source->source,
                                                   source->text, NULL, error);
  if (document == NULL)
    {
      g_prefix_error (error, _("“%s” could not be added: "), source->title);
      return FALSE;
    }
  import->summary->sources++;
  g_hash_table_add (import->uuids, (gpointer) scholia_document_get_uuid (document));

  for (guint i = 0; i < source->selections->len; i++)
    {
      Selection *selection = g_ptr_array_index (source->selections, i);

      if (selection->guid != NULL)
        g_ptr_array_add (uuids, selection->guid);
    }
  taken = scholia_store_find_annotation_uuids (import->store, uuids, error);
  if (taken == NULL)
    return FALSE;

  offsets = scholia_text_offsets_new (source->text);
  records = g_array_sized_new (FALSE, TRUE, sizeof (ScholiaAnnotationRecord), source->selections->len);
  for (guint i = 0; i < source->selections->len; i++)
    {
      Selection *selection = g_ptr_array_index (source->selections, i);
      ScholiaAnnotationRecord record = { document, };
      GArray *tags = g_array_new (FALSE, FALSE, sizeof (gint64));
      GArray *themes = g_array_new (FALSE, FALSE, sizeof (gint64));
      char *quote, *prefix, *suffix;

      for (guint j = 0; j < selection->codes->len; j++)
        {
          ScholiaRefiCode *code = g_ptr_array_index (selection->codes, j);
          gint64 id = scholia_label_get_id (code->label);

          g_array_append_val (code->type == SCHOLIA_TYPE_THEME ? themes : tags, id);
        }
      scholia_text_offsets_context (offsets, selection->start, selection->end, &quote, &prefix, &suffix);
      g_ptr_array_add (owned, quote);
      g_ptr_array_add (owned, prefix);
      g_ptr_array_add (owned, suffix);
      /* A uuid the library (or this project) holds already gets a new one. */
      if (selection->guid != NULL && !g_hash_table_contains (taken, selection->guid) &&
          !g_hash_table_contains (import->uuids, selection->guid))
        {
          record.uuid = selection->guid;
          g_hash_table_add (import->uuids, selection->guid);
        }
      else
        {
          /* A new uuid, noted so that the project's links find the passage. */
          char *fresh = g_uuid_string_random ();

          g_ptr_array_add (owned, fresh);
          record.uuid = fresh;
        }
      if (selection->guid != NULL)
        g_hash_table_insert (import->selection_uuids, g_strdup (selection->guid), g_strdup (record.uuid));
      record.start = selection->start;
      record.end = selection->end;
      record.quote = quote;
      record.prefix = prefix;
      record.suffix = suffix;
      record.note = selection->note != NULL ? selection->note->str : NULL;
      record.created = selection->created;
      record.modified = selection->modified != 0 ? selection->modified : selection->created;
      record.n_tag_ids = tags->len;
      record.tag_ids = (const gint64 *) (gpointer) g_array_free (tags, FALSE);
      record.n_theme_ids = themes->len;
      record.theme_ids = (const gint64 *) (gpointer) g_array_free (themes, FALSE);
      g_ptr_array_add (owned, (gpointer) record.tag_ids);
      g_ptr_array_add (owned, (gpointer) record.theme_ids);
      g_array_append_val (records, record);
      import->summary->codings += selection->codes->len;
      import->summary->notes += selection->note != NULL;
    }
  ok = records->len == 0 ||
       scholia_store_add_annotations_full (import->store, (ScholiaAnnotationRecord *) (gpointer) records->data,
                                           records->len, error);
  if (ok)
    import->summary->annotations += records->len;
  return ok;
}

static gboolean
write_import (Import  *import,
              GError **error)
{
  GListModel *documents = scholia_store_get_documents (import->store);
  guint n = g_list_model_get_n_items (documents);

  if (!_scholia_refi_place_codes (import->store, import->codes, import->summary, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

      g_hash_table_add (import->uuids, (gpointer) scholia_document_get_uuid (document));
    }
  for (guint i = 0; i < import->sources->len; i++)
    if (!write_source (import, g_ptr_array_index (import->sources, i), error))
      return FALSE;
  return _scholia_refi_links_write (import->links, import->store, import->selection_uuids, import->summary, error);
}

struct _ScholiaRefiPlan
{
  Import import;
};

void
scholia_refi_plan_free (ScholiaRefiPlan *plan)
{
  import_clear (&plan->import);
  g_free (plan);
}

ScholiaRefiPlan *
scholia_refi_plan_read (const char          *path,
                        ScholiaRefiSummary  *summary,
                        GError             **error)
{
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autoptr(ScholiaRefiPlan) plan = g_new0 (ScholiaRefiPlan, 1);
  Import *import = &plan->import;
  GBytes *qde;

  import->summary = summary;
  import->zip = scholia_refi_zip_open (path, error);
  if (import->zip == NULL)
    return NULL;
  qde = scholia_refi_zip_get_project (import->zip, display_name, error);
  if (qde == NULL)
    return NULL;
  import->codes = _scholia_refi_codes_new ();
  import->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) note_free);
  import->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  import->coders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->unknown_variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  import->uuids = g_hash_table_new (g_str_hash, g_str_equal);
  import->selection_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!read_project (import, display_name, qde, error))
    return NULL;
  /* Everything the plan needs is copied out of the zip by now. */
  g_clear_pointer (&import->zip, scholia_refi_zip_free);
  import->summary = NULL;
  return g_steal_pointer (&plan);
}

gboolean
scholia_refi_plan_write (ScholiaRefiPlan     *plan,
                         ScholiaStore        *store,
                         ScholiaRefiSummary  *summary,
                         GError             **error)
{
  Import *import = &plan->import;
  gboolean ok;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (import->store == NULL, FALSE);  /* a plan is written once */

  import->store = store;
  import->summary = summary;
  if (!scholia_store_begin_batch (store, error))
    return FALSE;
  ok = write_import (import, error);
  if (!ok)
    scholia_store_abort_batch (store);
  return ok && scholia_store_commit_batch (store, error);
}

gboolean
scholia_refi_import_project (ScholiaStore        *store,
                             const char          *path,
                             ScholiaRefiSummary  *summary,
                             GError             **error)
{
  g_autoptr(ScholiaRefiPlan) plan = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);

  plan = scholia_refi_plan_read (path, summary, error);
  return plan != NULL && scholia_refi_plan_write (plan, store, summary, error);
}
