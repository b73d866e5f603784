/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-hlc.h"
#include "scholia-seminar-info.h"
#include "scholia-seminar-log.h"
#include "scholia-store.h"
#include "test-files.h"
#include "w3c-musts.h"

#define ALICE     "0b6f3a52-1c7d-4e8a-9f20-6d5c4b3a2e11"
#define BORIS     "7a1e9c44-3b2d-4f6e-8a10-c9d8e7f6a5b4"
#define ESSAY     "c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e0f"
#define NOTE_UUID "e5f4a3b2-c1d0-4e9f-8a7b-6c5d4e3f2a10"
#define NOW_MS    G_GINT64_CONSTANT (1764700000000)
#define HOUR_MS   G_GINT64_CONSTANT (3600000)

/* ------------------------------------------------------------------------------------------ */
/* The participant log                                                                         */
/* ------------------------------------------------------------------------------------------ */

static char *
stamp (gint64      wall_ms,
       const char *node)
{
  ScholiaHlc clock;
  char *text;

  scholia_hlc_init (&clock, node);
  text = scholia_hlc_tick (&clock, wall_ms);
  scholia_hlc_clear (&clock);
  return text;
}

static ScholiaLogRecord *
new_annotation (const char         *uuid,
                const char         *quote,
                const char         *note,
                const char * const *tags,
                const char * const *themes)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_PUT_ANNOTATION);

  record->hlc = stamp (NOW_MS, ALICE);
  record->author = g_strdup (ALICE);
  record->author_name = g_strdup ("Alice Þórsdóttir");
  record->uuid = g_strdup (uuid);
  record->created = 1764690000;
  record->modified = 1764699999;
  record->document_uuid = g_strdup (ESSAY);
  record->start = 17;
  record->end = 17 + g_utf8_strlen (quote, -1);
  record->quote = g_strdup (quote);
  record->prefix = g_strdup ("the harbour ");
  record->suffix = g_strdup (", and then");
  g_free (record->note);
  record->note = g_strdup (note);
  g_strfreev (record->tags);
  record->tags = g_strdupv ((GStrv) tags);
  g_strfreev (record->themes);
  record->themes = g_strdupv ((GStrv) themes);
  return record;
}

static ScholiaLogRecord *
new_reply (const char *uuid,
           const char *target,
           const char *body)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_PUT_REPLY);

  record->hlc = stamp (NOW_MS + 5, BORIS);
  record->author = g_strdup (BORIS);
  record->author_name = g_strdup ("Борис Ельцов");
  record->uuid = g_strdup (uuid);
  record->created = 1764700100;
  record->modified = 1764700100;
  record->target_uuid = g_strdup (target);
  record->body = g_strdup (body);
  return record;
}

static ScholiaLogRecord *
new_delete (const char *uuid)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_DELETE);

  record->hlc = stamp (NOW_MS + 9, ALICE);
  record->author = g_strdup (ALICE);
  record->uuid = g_strdup (uuid);
  return record;
}

static void
assert_records_equal (const ScholiaLogRecord *a,
                      const ScholiaLogRecord *b)
{
  g_assert_cmpint (a->op, ==, b->op);
  g_assert_cmpstr (a->hlc, ==, b->hlc);
  g_assert_cmpstr (a->author, ==, b->author);
  g_assert_cmpstr (a->author_name, ==, b->author_name);
  g_assert_cmpstr (a->uuid, ==, b->uuid);
  g_assert_cmpint (a->created, ==, b->created);
  g_assert_cmpint (a->modified, ==, b->modified);
  g_assert_cmpstr (a->document_uuid, ==, b->document_uuid);
  g_assert_cmpuint (a->start, ==, b->start);
  g_assert_cmpuint (a->end, ==, b->end);
  g_assert_cmpstr (a->quote, ==, b->quote);
  g_assert_cmpstr (a->prefix, ==, b->prefix);
  g_assert_cmpstr (a->suffix, ==, b->suffix);
  g_assert_cmpstr (a->note, ==, b->note);
  g_assert_true (g_strv_equal ((const char * const *) a->tags, (const char * const *) b->tags));
  g_assert_true (g_strv_equal ((const char * const *) a->themes, (const char * const *) b->themes));
  g_assert_cmpstr (a->target_uuid, ==, b->target_uuid);
  g_assert_cmpstr (a->body, ==, b->body);
}

/* Parses @line (with its newline) as a whole log, which must give one record and no problem. */
static ScholiaLogRecord *
parse_one (const char *line)
{
  g_autofree char *data = g_strconcat (line, "\n", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gsize complete = 0;

  records = scholia_log_parse (data, strlen (data), &complete, &problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", ((ScholiaLogProblem *) g_ptr_array_index (problems, i))->reason);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpuint (complete, ==, strlen (data));
  g_assert_cmpuint (((ScholiaLogRecord *) g_ptr_array_index (records, 0))->line, ==, 1);
  return scholia_log_record_copy (g_ptr_array_index (records, 0));
}

static void
assert_round_trip (const ScholiaLogRecord *record)
{
  g_autofree char *line = scholia_log_record_to_line (record);
  g_autoptr(ScholiaLogRecord) back = NULL;

  g_assert_nonnull (line);
  g_assert_null (strchr (line, '\n'));
  back = parse_one (line);
  assert_records_equal (back, record);
}

static void
test_log_round_trip (void)
{
  const char *tags[] = { "close reading", "counter-argument", "Ἀρχή", NULL };
  const char *themes[] = { "Trade and “the river”", "Торговля", NULL };
  const char *none[] = { NULL };
  g_autoptr(ScholiaLogRecord) full = new_annotation (NOTE_UUID, "«τὰ λιμενικὰ τέλη» rose",
                                                     "A note,\nover two lines — with “quotes” and \\ and \t.",
                                                     tags, themes);
  g_autoptr(ScholiaLogRecord) bare = new_annotation (ALICE, "«Пристань молчала»", "", none, none);
  g_autoptr(ScholiaLogRecord) reply = new_reply (BORIS, NOTE_UUID, "Не согласен: the dues fell in 1844.");
  g_autoptr(ScholiaLogRecord) empty_reply = new_reply (ESSAY, NOTE_UUID, "");
  g_autoptr(ScholiaLogRecord) deletion = new_delete (NOTE_UUID);

  assert_round_trip (full);
  assert_round_trip (bare);
  assert_round_trip (reply);
  assert_round_trip (empty_reply);
  assert_round_trip (deletion);

  /* Without a display name, the creator has none either. */
  g_clear_pointer (&bare->author_name, g_free);
  assert_round_trip (bare);
}

/* Every put line, taken alone, is a W3C Web Annotation with the keys the W3C test suite's MUST
 * assertions require (w3c-musts.c), and names its participant. */
static void
assert_w3c_annotation (JsonObject *annotation)
{
  test_w3c_assert_musts (annotation);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (annotation, "creator"), "type"),
                   ==, "Person");
}

static JsonObject *
parse_line_object (JsonParser *parser,
                   const char *line)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_log_puts_are_w3c (void)
{
  const char *tags[] = { "thesis", "evidence", NULL };
  const char *themes[] = { "Trade", NULL };
  g_autoptr(ScholiaLogRecord) annotation = new_annotation (NOTE_UUID, "dues rose", "Why then?", tags, themes);
  g_autoptr(ScholiaLogRecord) reply = new_reply (BORIS, NOTE_UUID, "Because of the railway.");
  g_autofree char *annotation_line = scholia_log_record_to_line (annotation);
  g_autofree char *reply_line = scholia_log_record_to_line (reply);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *record, *w3c, *target, *body;
  JsonArray *bodies, *selectors;

  record = parse_line_object (parser, annotation_line);
  g_assert_cmpstr (json_object_get_string_member (record, "op"), ==, "put");
  g_assert_cmpstr (json_object_get_string_member (record, "author"), ==, "urn:uuid:" ALICE);
  w3c = json_object_get_object_member (record, "annotation");
  assert_w3c_annotation (w3c);
  g_assert_cmpstr (json_object_get_string_member (w3c, "id"), ==, "urn:uuid:" NOTE_UUID);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (w3c, "creator"), "id"),
                   ==, "urn:uuid:" ALICE);
  /* The bodies as the library's W3C export writes them. */
  bodies = json_object_get_array_member (w3c, "body");
  g_assert_cmpuint (json_array_get_length (bodies), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 0), "purpose"), ==, "classifying");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 1), "value"), ==, "evidence");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 2), "purpose"), ==, "tagging");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 3), "purpose"), ==, "commenting");
  target = json_object_get_object_member (w3c, "target");
  g_assert_cmpstr (json_object_get_string_member (target, "source"), ==, "urn:uuid:" ESSAY);
  selectors = json_object_get_array_member (target, "selector");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (selectors, 0), "type"), ==, "TextQuoteSelector");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (selectors, 0), "exact"), ==, "dues rose");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (selectors, 1), "type"), ==, "TextPositionSelector");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (selectors, 1), "end"), ==, 26);

  record = parse_line_object (parser, reply_line);
  w3c = json_object_get_object_member (record, "annotation");
  assert_w3c_annotation (w3c);
  g_assert_cmpstr (json_object_get_string_member (w3c, "motivation"), ==, "replying");
  g_assert_cmpstr (json_object_get_string_member (w3c, "target"), ==, "urn:uuid:" NOTE_UUID);
  body = json_object_get_object_member (w3c, "body");
  g_assert_cmpstr (json_object_get_string_member (body, "type"), ==, "TextualBody");
  g_assert_cmpstr (json_object_get_string_member (body, "purpose"), ==, "replying");
  g_assert_cmpstr (json_object_get_string_member (body, "value"), ==, "Because of the railway.");
}

/* A log of @n records, alternating annotations, replies and deletions, each line ending with a
 * newline. */
static char *
build_log (guint n)
{
  const char *tags[] = { "thesis", NULL };
  const char *none[] = { NULL };
  GString *log = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autoptr(ScholiaLogRecord) record = NULL;
      g_autofree char *line = NULL;

      if (i % 3 == 0)
        record = new_annotation (uuid, "Żeleński counted the barges", "Numbers, «at last».", tags, none);
      else if (i % 3 == 1)
        record = new_reply (uuid, NOTE_UUID, "Которых? Which barges?");
      else
        record = new_delete (uuid);
      line = scholia_log_record_to_line (record);
      g_string_append (log, line);
      g_string_append_c (log, '\n');
    }
  return g_string_free (log, FALSE);
}

static guint
count_lines (const char *data,
             gsize       length)
{
  guint lines = 0;

  for (gsize i = 0; i < length; i++)
    lines += data[i] == '\n';
  return lines;
}

/* Every prefix of a log, as a download cut anywhere leaves it: no crash, no problem reported,
 * the complete lines used, and complete_bytes at the end of a line. */
static void
test_log_truncated_prefixes (void)
{
  g_autofree char *log = build_log (6);
  gsize length = strlen (log);

  for (gsize cut = 0; cut <= length; cut++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) records = NULL;
      gsize complete = G_MAXSIZE;
      guint lines = count_lines (log, cut);
      gboolean whole_last_line = cut > 0 && log[cut] == '\n';

      records = scholia_log_parse (log, cut, &complete, &problems);
      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_true (complete == 0 || log[complete - 1] == '\n');
      g_assert_cmpuint (count_lines (log, complete), ==, lines);
      g_assert_true (complete <= cut && count_lines (log + complete, cut - complete) == 0);
      /* A last line cut just before its newline is whole JSON: it is used, yet read again later. */
      g_assert_cmpuint (records->len, ==, lines + (whole_last_line ? 1 : 0));
    }
}

static void
test_log_corrupt_middle_line (void)
{
  g_autofree char *log = build_log (5);
  g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
  g_autofree char *broken = NULL;
  g_autofree char *damaged = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  ScholiaLogProblem *problem;
  gsize complete;

  /* Line 3 loses its middle, as a bad disk or a careless hand would leave it. */
  broken = g_strndup (lines[2], strlen (lines[2]) / 2);
  g_free (lines[2]);
  lines[2] = g_steal_pointer (&broken);
  damaged = g_strjoinv ("\n", lines);

  records = scholia_log_parse (damaged, strlen (damaged), &complete, &problems);
  g_assert_cmpuint (records->len, ==, 4);
  g_assert_cmpuint (((ScholiaLogRecord *) g_ptr_array_index (records, 2))->line, ==, 4);
  g_assert_cmpuint (complete, ==, strlen (damaged));
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 3);
  g_assert_nonnull (strstr (problem->reason, "not valid JSON"));

  /* Without a list of problems, the records are still read. */
  g_clear_pointer (&records, g_ptr_array_unref);
  records = scholia_log_parse (damaged, strlen (damaged), NULL, NULL);
  g_assert_cmpuint (records->len, ==, 4);
}

typedef struct
{
  const char *line;
  const char *reason;   /* part of the problem's reason */
} BadLine;

#define HLC_OK "0001764700000000-0000-" ALICE
#define SELECTORS \
  "\"selector\":[{\"type\":\"TextQuoteSelector\",\"exact\":\"dues\"},{\"type\":\"TextPositionSelector\",\"start\":3,\"end\":7}]"
#define ANNOTATION(target) \
  "{\"@context\":\"http://www.w3.org/ns/anno.jsonld\",\"id\":\"urn:uuid:" NOTE_UUID "\",\"type\":\"Annotation\"," \
  "\"target\":" target "}"

static void
test_log_bad_records_reported (void)
{
  const BadLine bad[] = {
    { "[1, 2]", "not a record" },
    { "{\"op\":\"merge\",\"hlc\":\"" HLC_OK "\",\"author\":\"urn:uuid:" ALICE "\"}", "neither to put nor to delete" },
    { "{\"op\":\"delete\",\"hlc\":\"yesterday\",\"author\":\"urn:uuid:" ALICE "\",\"id\":\"urn:uuid:" NOTE_UUID "\"}",
      "time stamp" },
    { "{\"op\":\"delete\",\"hlc\":\"0001764700000000-00A0-" ALICE "\",\"author\":\"urn:uuid:" ALICE "\",\"id\":\"urn:uuid:" NOTE_UUID "\"}",
      "time stamp" },
    { "{\"op\":\"delete\",\"hlc\":\"" HLC_OK "\",\"id\":\"urn:uuid:" NOTE_UUID "\"}", "author" },
    { "{\"op\":\"delete\",\"hlc\":\"" HLC_OK "\",\"author\":\"Alice\",\"id\":\"urn:uuid:" NOTE_UUID "\"}", "author" },
    { "{\"op\":\"delete\",\"hlc\":\"" HLC_OK "\",\"author\":\"urn:uuid:" ALICE "\"}", "deletion" },
    { "{\"op\":\"put\",\"hlc\":\"" HLC_OK "\",\"author\":\"urn:uuid:" ALICE "\"}", "no W3C annotation" },
    { "{\"op\":\"put\",\"hlc\":\"" HLC_OK "\",\"author\":\"urn:uuid:" ALICE "\",\"annotation\":"
      ANNOTATION ("{\"source\":\"urn:uuid:" ESSAY "\"}") "}", "selector" },
    { "{\"op\":\"put\",\"hlc\":\"" HLC_OK "\",\"author\":\"urn:uuid:" ALICE "\",\"annotation\":"
      ANNOTATION ("{\"source\":\"urn:uuid:" ESSAY "\",\"selector\":[{\"type\":\"TextQuoteSelector\",\"exact\":\"dues\"}]}") "}",
      "selector" },
    { "{\"op\":\"put\",\"hlc\":\"" HLC_OK "\",\"author\":\"urn:uuid:" ALICE "\",\"annotation\":"
      ANNOTATION ("{\"source\":\"urn:uuid:" ESSAY "\",\"selector\":[{\"type\":\"TextQuoteSelector\",\"exact\":\"dues\"},"
                  "{\"type\":\"TextPositionSelector\",\"start\":7,\"end\":3}]}") "}",
      "position selector" },
    { "{\"op\":\"put\",\"hlc\":\"" HLC_OK "\",\"author\":\"urn:uuid:" ALICE "\",\"annotation\":"
      ANNOTATION ("{\"source\":\"https://example.org/essay\"," SELECTORS "}") "}", "essay" },
    { "{\"op\":\"put\",\"hlc\":\"" HLC_OK "\",\"author\":\"urn:uuid:" ALICE "\",\"annotation\":"
      "{\"id\":\"urn:uuid:" NOTE_UUID "\",\"type\":\"Annotation\",\"creator\":{\"id\":\"urn:uuid:" BORIS "\"},"
      "\"target\":{\"source\":\"urn:uuid:" ESSAY "\"," SELECTORS "}}}", "creator" },
    { "{\"op\":\"put\",\"hlc\":\"" HLC_OK "\",\"author\":\"urn:uuid:" ALICE "\",\"annotation\":"
      "{\"id\":\"urn:uuid:" NOTE_UUID "\",\"type\":\"Annotation\",\"motivation\":\"replying\",\"target\":\"urn:uuid:nope\","
      "\"body\":{\"type\":\"TextualBody\",\"value\":\"yes\"}}}", "answers" },
  };
  const char *good = "{\"op\":\"put\",\"hlc\":\"" HLC_OK "\",\"author\":\"urn:uuid:" ALICE "\",\"annotation\":"
                     ANNOTATION ("{\"source\":\"urn:uuid:" ESSAY "\"," SELECTORS "}") "}";
  g_autoptr(ScholiaLogRecord) record = parse_one (good);

  g_assert_cmpstr (record->quote, ==, "dues");
  g_assert_cmpuint (record->start, ==, 3);
  g_assert_cmpstr (record->note, ==, "");
  g_assert_cmpuint (g_strv_length (record->tags), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *log = g_strconcat (good, "\n", bad[i].line, "\n", good, "\n", NULL);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) records = scholia_log_parse (log, strlen (log), NULL, &problems);
      ScholiaLogProblem *problem;

      g_test_message ("bad line %u: %s", i, bad[i].line);
      g_assert_cmpuint (records->len, ==, 2);
      g_assert_cmpuint (problems->len, ==, 1);
      problem = g_ptr_array_index (problems, 0);
      g_test_message ("reason: %s", problem->reason);
      g_assert_cmpuint (problem->line, ==, 2);
      g_assert_nonnull (strstr (problem->reason, bad[i].reason));
    }
}

/* Blank lines are skipped but counted, so that line numbers are those an editor shows. */
static void
test_log_blank_lines (void)
{
  g_autofree char *one = build_log (1);
  g_autofree char *log = g_strconcat ("\n  \n", one, "\r\n{oops\n", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gsize complete;

  records = scholia_log_parse (log, strlen (log), &complete, &problems);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpuint (((ScholiaLogRecord *) g_ptr_array_index (records, 0))->line, ==, 3);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((ScholiaLogProblem *) g_ptr_array_index (problems, 0))->line, ==, 5);
  g_assert_cmpuint (complete, ==, strlen (log));

  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  records = scholia_log_parse ("", 0, &complete, &problems);
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (complete, ==, 0);
}

/* A line nested deeper than any annotation is reported, not handed to the recursive parser. */
static void
test_log_deep_nesting_reported (void)
{
  g_autofree char *one = build_log (1);
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *log = g_strconcat (deep, "\n", one, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = scholia_log_parse (log, strlen (log), NULL, &problems);

  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((ScholiaLogProblem *) g_ptr_array_index (problems, 0))->line, ==, 1);
  g_assert_nonnull (strstr (((ScholiaLogProblem *) g_ptr_array_index (problems, 0))->reason, "nested"));
}

/* Bytes that are not UTF-8, a \u0000 and a lone surrogate become U+FFFD; the rest survives. */
static void
test_log_invalid_unicode_replaced (void)
{
  const char *tags[] = { "thesis", NULL };
  const char *none[] = { NULL };
  g_autoptr(ScholiaLogRecord) record = new_annotation (NOTE_UUID, "dues rose", "NOTE", tags, none);
  g_autofree char *line = scholia_log_record_to_line (record);
  g_autoptr(GString) bad = g_string_new (line);
  g_autoptr(ScholiaLogRecord) back = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;

  g_string_replace (bad, "NOTE", "a\xff" "b\\u0000c\\ud800d\xc3", 1);
  g_string_replace (bad, "\"thesis\"", "\"the\xe2\x82sis\"", 1);
  g_string_append_c (bad, '\n');
  records = scholia_log_parse (bad->str, bad->len, NULL, &problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (records->len, ==, 1);
  back = scholia_log_record_copy (g_ptr_array_index (records, 0));
  g_assert_true (g_utf8_validate (back->note, -1, NULL));
  g_assert_cmpstr (back->note, ==, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd" "d\xef\xbf\xbd");
  /* Two bytes of an unfinished character: each becomes one U+FFFD. */
  g_assert_cmpstr (back->tags[0], ==, "the\xef\xbf\xbd\xef\xbf\xbdsis");
  g_assert_cmpstr (back->quote, ==, "dues rose");

  /* A NUL byte, which JSON text never holds, is replaced too, rather than cut the line short. */
  {
    g_autoptr(GString) nul = g_string_new (line);
    g_autoptr(GPtrArray) nul_problems = NULL;
    g_autoptr(GPtrArray) nul_records = NULL;

    strstr (nul->str, "NOTE")[1] = '\0';
    g_string_append_c (nul, '\n');
    nul_records = scholia_log_parse (nul->str, nul->len, NULL, &nul_problems);
    g_assert_cmpuint (nul_problems->len, ==, 0);
    g_assert_cmpuint (nul_records->len, ==, 1);
    g_assert_cmpstr (((ScholiaLogRecord *) g_ptr_array_index (nul_records, 0))->note, ==, "N\xef\xbf\xbdTE");
  }
}

/* ------------------------------------------------------------------------------------------ */
/* The clock                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
test_hlc_monotonic_when_wall_goes_back (void)
{
  ScholiaHlc clock;
  g_autofree char *previous = NULL;
  const gint64 walls[] = { NOW_MS, NOW_MS, NOW_MS - 3 * HOUR_MS, NOW_MS - 3 * HOUR_MS + 1, NOW_MS - 1,
                           NOW_MS + 1, NOW_MS - 10 * HOUR_MS };

  scholia_hlc_init (&clock, ALICE);
  for (guint i = 0; i < G_N_ELEMENTS (walls); i++)
    {
      g_autofree char *next = scholia_hlc_tick (&clock, walls[i]);
      gint64 wall;

      g_assert_true (scholia_hlc_parse (next, &wall, NULL, NULL));
      if (previous != NULL)
        g_assert_cmpint (scholia_hlc_compare (previous, next), <, 0);
      /* The clock never reads behind the wall clock it has seen. */
      g_assert_cmpint (wall, >=, NOW_MS);
      g_free (previous);
      previous = g_steal_pointer (&next);
    }
  scholia_hlc_clear (&clock);
}

/* Sixty-six thousand events in one millisecond overflow the counter's four digits: the clock
 * moves a millisecond on rather than write a stamp that sorts wrong. */
static void
test_hlc_counter_overflow (void)
{
  ScholiaHlc clock;
  g_autofree char *previous = NULL;

  scholia_hlc_init (&clock, ALICE);
  for (guint i = 0; i < 0x10000 + 10; i++)
    {
      g_autofree char *next = scholia_hlc_tick (&clock, NOW_MS);

      if (previous != NULL && strcmp (previous, next) >= 0)
        g_error ("tick %u: %s after %s", i, next, previous);
      g_free (previous);
      previous = g_steal_pointer (&next);
    }
  g_assert_true (g_str_has_prefix (previous, "0001764700000001-"));
  scholia_hlc_clear (&clock);
}

static void
test_hlc_observe_machine_ahead (void)
{
  ScholiaHlc ours, theirs;
  g_autofree char *mine = NULL;
  g_autofree char *ahead = NULL;
  g_autofree char *ahead_again = NULL;
  g_autofree char *next = NULL;
  g_autofree char *later = NULL;

  scholia_hlc_init (&ours, ALICE);
  scholia_hlc_init (&theirs, BORIS);
  mine = scholia_hlc_tick (&ours, NOW_MS);
  ahead = scholia_hlc_tick (&theirs, NOW_MS + 5 * HOUR_MS);
  ahead_again = scholia_hlc_tick (&theirs, NOW_MS + 5 * HOUR_MS);

  g_assert_true (scholia_hlc_observe (&ours, ahead_again, NOW_MS + 1));
  next = scholia_hlc_tick (&ours, NOW_MS + 2);
  g_assert_cmpint (scholia_hlc_compare (next, ahead_again), >, 0);
  g_assert_cmpint (scholia_hlc_compare (next, mine), >, 0);

  /* Seeing an older stamp afterwards does not move the clock back. */
  g_assert_true (scholia_hlc_observe (&ours, ahead, NOW_MS + 3));
  later = scholia_hlc_tick (&ours, NOW_MS + 4);
  g_assert_cmpint (scholia_hlc_compare (later, next), >, 0);

  /* A stamp with the same wall time and a higher counter from a node that sorts after ours. */
  {
    g_autofree char *same_ms = g_strdup_printf ("%016" G_GINT64_MODIFIER "d-00ff-%s", NOW_MS + 5 * HOUR_MS, BORIS);
    g_autofree char *after = NULL;

    g_assert_true (scholia_hlc_observe (&ours, same_ms, NOW_MS));
    after = scholia_hlc_tick (&ours, NOW_MS);
    g_assert_cmpint (scholia_hlc_compare (after, same_ms), >, 0);
  }

  g_assert_false (scholia_hlc_observe (&ours, "not a stamp", NOW_MS));
  scholia_hlc_clear (&ours);
  scholia_hlc_clear (&theirs);
}

typedef struct
{
  gint64      wall;
  guint       counter;
  const char *node;
} Stamp;

static int
compare_stamps (const Stamp *a,
                const Stamp *b)
{
  if (a->wall != b->wall)
    return a->wall < b->wall ? -1 : 1;
  if (a->counter != b->counter)
    return a->counter < b->counter ? -1 : 1;
  return strcmp (a->node, b->node);
}

static int
sign (int value)
{
  return (value > 0) - (value < 0);
}

/* The text form of a clock that reads @clock's wall time and counter, as tick gives it. */
static char *
tick_to (ScholiaHlc *clock)
{
  gint64 wall = clock->wall_ms;

  if (clock->counter > 0)
    {
      /* A wall clock behind the clock: the tick counts one on. */
      clock->counter--;
      return scholia_hlc_tick (clock, wall - 1);
    }
  clock->wall_ms = -1;
  return scholia_hlc_tick (clock, wall);
}

/* The text form sorts as the clock does: by wall time, then counter, then node. */
static void
test_hlc_text_sorts_as_clock (void)
{
  const Stamp stamps[] = {
    { 0, 0, ALICE }, { 9, 0, ALICE }, { 10, 0, ALICE }, { 10, 0xf, ALICE }, { 10, 0x10, ALICE },
    { 10, 0xa0, ALICE }, { 10, 0xffff, ALICE }, { 11, 0, ALICE }, { 11, 0, BORIS },
    { NOW_MS, 1, BORIS }, { NOW_MS + HOUR_MS, 0, ALICE }, { G_GINT64_CONSTANT (9999999999999999), 0, ALICE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (stamps); i++)
    for (guint j = 0; j < G_N_ELEMENTS (stamps); j++)
      {
        ScholiaHlc a = { stamps[i].wall, stamps[i].counter, (char *) stamps[i].node };
        ScholiaHlc b = { stamps[j].wall, stamps[j].counter, (char *) stamps[j].node };
        g_autofree char *text_a = NULL;
        g_autofree char *text_b = NULL;
        gint64 wall;
        guint counter;
        const char *node;

        text_a = tick_to (&a);
        text_b = tick_to (&b);
        g_assert_true (scholia_hlc_parse (text_a, &wall, &counter, &node));
        g_assert_cmpint (wall, ==, stamps[i].wall);
        g_assert_cmpuint (counter, ==, stamps[i].counter);
        g_assert_cmpstr (node, ==, stamps[i].node);
        g_assert_cmpint (sign (scholia_hlc_compare (text_a, text_b)), ==,
                         sign (compare_stamps (&stamps[i], &stamps[j])));
      }
}

static void
test_hlc_parse_refuses_malformed (void)
{
  const char *bad[] = {
    "",
    "0001764700000000",
    "0001764700000000-0000-",
    "0001764700000000-0000",
    "001764700000000-0000-" ALICE,
    "00017647000000000-0000-" ALICE,
    "000176470000000x-0000-" ALICE,
    "-001764700000000-0000-" ALICE,
    "0001764700000000-00A0-" ALICE,
    "0001764700000000-00g0-" ALICE,
    "0001764700000000_0000-" ALICE,
    "0001764700000000-0000_" ALICE,
    "0001764700000000-000-" ALICE,
    "0001764700000000-00000-" ALICE,
    " 001764700000000-0000-" ALICE,
  };
  gint64 wall;
  guint counter;
  const char *node;

  g_assert_false (scholia_hlc_parse (NULL, NULL, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (scholia_hlc_parse (bad[i], NULL, NULL, NULL))
      g_error ("“%s” was taken for a clock stamp", bad[i]);

  g_assert_true (scholia_hlc_parse ("0001764700000000-00a0-" ALICE, &wall, &counter, &node));
  g_assert_cmpint (wall, ==, NOW_MS);
  g_assert_cmpuint (counter, ==, 0xa0);
  g_assert_cmpstr (node, ==, ALICE);
}

/* ------------------------------------------------------------------------------------------ */
/* seminar.json and the essays' metadata                                                       */
/* ------------------------------------------------------------------------------------------ */

#define SEMINAR "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"

static ScholiaSeminarInfo *
new_info (void)
{
  ScholiaSeminarInfo *info = scholia_seminar_info_new ();
  ScholiaSeminarEssay *essay = scholia_seminar_essay_new (ESSAY);

  info->uuid = g_strdup (SEMINAR);
  g_free (info->name);
  info->name = g_strdup ("Семинар 17: Harbours and “their” dues");
  info->leader_uuid = g_strdup (ALICE);
  g_free (info->leader_name);
  info->leader_name = g_strdup ("Alice Þórsdóttir");
  g_free (info->instructions);
  info->instructions = g_strdup ("Read both essays.\nTag every claim; reply to two classmates.");
  info->participants_add_tags = TRUE;
  info->hide_until_posted = TRUE;
  g_ptr_array_add (info->tags, scholia_seminar_label_new ("thesis", "#1f6feb", "What the essay argues", 0));
  g_ptr_array_add (info->tags, scholia_seminar_label_new ("close reading", "#c0ffee", "", 1));
  g_ptr_array_add (info->tags, scholia_seminar_label_new ("Ἀπόδειξις", "#a1b2c3", "Evidence, in Greek", 2));
  g_ptr_array_add (info->themes, scholia_seminar_label_new ("Trade", "#808000", "", 0));

  g_free (essay->title);
  essay->title = g_strdup ("Varnholm’s Dues");
  g_free (essay->author);
  essay->author = g_strdup ("Helena Marwick");
  g_free (essay->date);
  essay->date = g_strdup ("1956");
  g_free (essay->language);
  essay->language = g_strdup ("en");
  essay->characters = 4321;
  g_free (essay->checksum);
  essay->checksum = g_strdup ("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_ptr_array_add (info->essays, essay);
  return info;
}

static void
assert_labels_equal (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      ScholiaSeminarLabel *one = g_ptr_array_index (a, i);
      ScholiaSeminarLabel *other = g_ptr_array_index (b, i);

      g_assert_cmpstr (one->name, ==, other->name);
      g_assert_cmpstr (one->colour, ==, other->colour);
      g_assert_cmpstr (one->description, ==, other->description);
      g_assert_cmpuint (one->order, ==, other->order);
    }
}

static void
assert_essays_equal (const ScholiaSeminarEssay *a,
                     const ScholiaSeminarEssay *b)
{
  g_assert_cmpstr (a->uuid, ==, b->uuid);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->author, ==, b->author);
  g_assert_cmpstr (a->date, ==, b->date);
  g_assert_cmpstr (a->source, ==, b->source);
  g_assert_cmpstr (a->language, ==, b->language);
  g_assert_cmpint (a->characters, ==, b->characters);
  g_assert_cmpstr (a->checksum, ==, b->checksum);
}

static void
test_info_round_trip (void)
{
  g_autoptr(ScholiaSeminarInfo) info = new_info ();
  g_autofree char *json = scholia_seminar_info_to_json (info);
  g_autoptr(ScholiaSeminarInfo) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_suffix (json, "}\n"));
  g_assert_nonnull (strstr (json, "\"version\" : \"1.0\""));
  back = scholia_seminar_info_from_json (json, strlen (json), "seminar.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->format_major, ==, 1);
  g_assert_cmpuint (back->format_minor, ==, 0);
  g_assert_cmpstr (back->uuid, ==, info->uuid);
  g_assert_cmpstr (back->name, ==, info->name);
  g_assert_cmpstr (back->leader_uuid, ==, info->leader_uuid);
  g_assert_cmpstr (back->leader_name, ==, info->leader_name);
  g_assert_cmpstr (back->instructions, ==, info->instructions);
  g_assert_true (back->participants_add_tags);
  g_assert_true (back->hide_until_posted);
  assert_labels_equal (back->tags, info->tags);
  assert_labels_equal (back->themes, info->themes);
  g_assert_cmpuint (back->essays->len, ==, 1);
  assert_essays_equal (g_ptr_array_index (back->essays, 0), g_ptr_array_index (info->essays, 0));

  /* A minimal file: options off, no labels, no essays. */
  {
    const char *minimal = "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"Quiet\","
                          "\"leader\":{\"uuid\":\"" ALICE "\"}}";
    g_autoptr(ScholiaSeminarInfo) small = scholia_seminar_info_from_json (minimal, strlen (minimal),
                                                                          "seminar.json", &error);

    g_assert_no_error (error);
    g_assert_false (small->participants_add_tags);
    g_assert_false (small->hide_until_posted);
    g_assert_cmpstr (small->leader_name, ==, "");
    g_assert_cmpuint (small->tags->len + small->themes->len + small->essays->len, ==, 0);
  }
}

static void
test_info_newer_version (void)
{
  const char *newer_minor = "{\"version\":\"1.7\",\"uuid\":\"" SEMINAR "\",\"name\":\"Later\","
                            "\"leader\":{\"uuid\":\"" ALICE "\"},\"reading-order\":[1,2]}";
  const char *newer_major = "{\"version\":\"2.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"Future\","
                            "\"leader\":{\"uuid\":\"" ALICE "\"}}";
  g_autoptr(ScholiaSeminarInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = scholia_seminar_info_from_json (newer_minor, strlen (newer_minor), "seminar.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->format_minor, ==, 7);

  g_assert_null (scholia_seminar_info_from_json (newer_major, strlen (newer_major),
                                                 "https://cloud.example.edu/Seminar-17/seminar.json", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "“https://cloud.example.edu/Seminar-17/seminar.json”"));
  g_assert_nonnull (strstr (error->message, "newer version of Scholia"));
  g_assert_nonnull (strstr (error->message, "2.0"));
}

typedef struct
{
  const char *json;
  const char *field;   /* named in the message; NULL for files that are not JSON objects */
} BadInfo;

static void
test_info_bad_input (void)
{
  const BadInfo bad[] = {
    { "", NULL },
    { "seminar", NULL },
    { "[1, 2, 3]", NULL },
    { "{\"version\": \"1.0\"", NULL },
    { "{\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\"}}", "“version”" },
    { "{\"version\":1,\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\"}}", "“version”" },
    { "{\"version\":\"1.0\",\"uuid\":\"seventeen\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\"}}", "“uuid”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"leader\":{\"uuid\":\"" ALICE "\"}}", "“name”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"  \",\"leader\":{\"uuid\":\"" ALICE "\"}}", "“name”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":17,\"leader\":{\"uuid\":\"" ALICE "\"}}", "“name”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\"}", "“leader”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":\"Alice\"}", "“leader”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"name\":\"Alice\"}}", "“leader.uuid”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\",\"name\":[]}}",
      "“leader.name”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\"},"
      "\"options\":{\"hide-until-posted\":\"yes\"}}", "“options.hide-until-posted”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\"},"
      "\"tags\":{\"thesis\":\"#ffffff\"}}", "“tags”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\"},"
      "\"tags\":[\"thesis\"]}", "“tags[0]”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\"},"
      "\"tags\":[{\"name\":\"a\",\"colour\":\"#ffffff\"},{\"name\":\"b\",\"colour\":\"red\"}]}", "“tags[1].colour”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\"},"
      "\"themes\":[{\"name\":\"a\",\"colour\":\"#fffffg\"}]}", "“themes[0].colour”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\"},"
      "\"themes\":[{\"colour\":\"#ffffff\"}]}", "“themes[0].name”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\"},"
      "\"themes\":[{\"name\":\"a\",\"colour\":\"#ffffff\",\"order\":-1}]}", "“themes[0].order”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\"},"
      "\"essays\":[{\"uuid\":\"" ESSAY "\",\"title\":\"t\",\"characters\":\"many\","
      "\"sha256\":\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}]}", "“essays[0].characters”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\"},"
      "\"essays\":[{\"uuid\":\"" ESSAY "\",\"title\":\"t\",\"characters\":3,\"sha256\":\"abc\"}]}", "“essays[0].sha256”" },
    { "{\"version\":\"1.0\",\"uuid\":\"" SEMINAR "\",\"name\":\"n\",\"leader\":{\"uuid\":\"" ALICE "\"},"
      "\"essays\":[{\"title\":\"t\"}]}", "“essays[0].uuid”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("bad file %u: %s", i, bad[i].json);
      g_assert_null (scholia_seminar_info_from_json (bad[i].json, strlen (bad[i].json), "Seminar-17/seminar.json",
                                                     &error));
      g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
      g_test_message ("message: %s", error->message);
      g_assert_nonnull (strstr (error->message, "“Seminar-17/seminar.json”"));
      if (bad[i].field != NULL)
        g_assert_nonnull (strstr (error->message, bad[i].field));
    }
}

/* Every prefix of a good file is refused cleanly or read, never a crash. */
static void
test_info_truncated_prefixes (void)
{
  g_autoptr(ScholiaSeminarInfo) info = new_info ();
  g_autofree char *json = scholia_seminar_info_to_json (info);
  gsize length = strlen (json);

  for (gsize cut = 0; cut <= length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScholiaSeminarInfo) back = scholia_seminar_info_from_json (json, cut, "seminar.json", &error);

      g_assert_true ((back == NULL) == (error != NULL));
      g_assert_true (back == NULL || cut >= length - 1);
    }
}

static const char essay_text[] =
  "Varnholm’s harbour dues rose three times after 1843.\n\n"
  "«Пристань молчала», wrote the clerk; the Twelve Houses said nothing either.\n";

static void
test_essay_from_document_and_verify (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-seminar-formats-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);
  g_autoptr(ScholiaSeminarEssay) essay = NULL;
  g_autoptr(ScholiaSeminarEssay) back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text_path = NULL;
  g_autofree char *metadata_path = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *changed = NULL;
  ScholiaDocument *document;

  g_assert_no_error (error);
  document = scholia_store_add_document (store, "Varnholm’s Dues", "Helena Marwick", "1956",
                                         "https://example.org/essays/dues", essay_text, NULL, &error);
  g_assert_no_error (error);

  essay = scholia_seminar_essay_new_from_document (document);
  g_assert_cmpstr (essay->uuid, ==, scholia_document_get_uuid (document));
  g_assert_cmpstr (essay->title, ==, "Varnholm’s Dues");
  g_assert_cmpstr (essay->author, ==, "Helena Marwick");
  g_assert_cmpstr (essay->date, ==, "1956");
  g_assert_cmpstr (essay->source, ==, "https://example.org/essays/dues");
  g_assert_cmpint (essay->characters, ==, g_utf8_strlen (essay_text, -1));
  g_assert_cmpuint (strlen (essay->checksum), ==, 64);

  text_path = scholia_seminar_essay_text_path (essay);
  metadata_path = scholia_seminar_essay_metadata_path (essay);
  g_assert_true (g_str_has_prefix (text_path, "essays/") && g_str_has_suffix (text_path, ".txt"));
  g_assert_nonnull (strstr (text_path, essay->uuid));
  g_assert_true (g_str_has_prefix (metadata_path, "essays/") && g_str_has_suffix (metadata_path, ".json"));

  /* The metadata file goes and comes back whole. */
  json = scholia_seminar_essay_to_json (essay);
  back = scholia_seminar_essay_from_json (json, strlen (json), metadata_path, &error);
  g_assert_no_error (error);
  assert_essays_equal (back, essay);
  g_assert_null (scholia_seminar_essay_from_json ("{\"uuid\": 3}", 11, metadata_path, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, metadata_path));
  g_clear_error (&error);

  /* The library's own text is the seminar's. */
  stored = scholia_store_load_text (store, document, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_seminar_essay_verify_text (back, stored, strlen (stored), &error));
  g_assert_no_error (error);

  /* One letter changed: same length, other checksum. */
  changed = g_strdup (essay_text);
  changed[0] = 'W';
  g_assert_false (scholia_seminar_essay_verify_text (back, changed, strlen (changed), &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "“Varnholm’s Dues”"));
  g_assert_nonnull (strstr (error->message, "checksum"));
  g_clear_error (&error);

  /* Cut short, as a download can be. */
  g_assert_false (scholia_seminar_essay_verify_text (back, essay_text, 40, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "“Varnholm’s Dues”"));
  g_assert_nonnull (strstr (error->message, "characters"));
  g_clear_error (&error);

  /* Not UTF-8. */
  g_assert_false (scholia_seminar_essay_verify_text (back, "abc\xff", 4, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "“Varnholm’s Dues”"));

  g_clear_object (&store);
  test_tmp_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/seminar-log/round-trip", test_log_round_trip);
  g_test_add_func ("/seminar-log/puts-are-w3c", test_log_puts_are_w3c);
  g_test_add_func ("/seminar-log/truncated-prefixes", test_log_truncated_prefixes);
  g_test_add_func ("/seminar-log/corrupt-middle-line", test_log_corrupt_middle_line);
  g_test_add_func ("/seminar-log/bad-records-reported", test_log_bad_records_reported);
  g_test_add_func ("/seminar-log/blank-lines", test_log_blank_lines);
  g_test_add_func ("/seminar-log/deep-nesting-reported", test_log_deep_nesting_reported);
  g_test_add_func ("/seminar-log/invalid-unicode-replaced", test_log_invalid_unicode_replaced);
  g_test_add_func ("/hlc/monotonic-when-wall-goes-back", test_hlc_monotonic_when_wall_goes_back);
  g_test_add_func ("/hlc/counter-overflow", test_hlc_counter_overflow);
  g_test_add_func ("/hlc/observe-machine-ahead", test_hlc_observe_machine_ahead);
  g_test_add_func ("/hlc/text-sorts-as-clock", test_hlc_text_sorts_as_clock);
  g_test_add_func ("/hlc/parse-refuses-malformed", test_hlc_parse_refuses_malformed);
  g_test_add_func ("/seminar-info/round-trip", test_info_round_trip);
  g_test_add_func ("/seminar-info/newer-version", test_info_newer_version);
  g_test_add_func ("/seminar-info/bad-input", test_info_bad_input);
  g_test_add_func ("/seminar-info/truncated-prefixes", test_info_truncated_prefixes);
  g_test_add_func ("/seminar-info/essay-from-document", test_essay_from_document_and_verify);

  return g_test_run ();
}
