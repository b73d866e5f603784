/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-anchor.h"

/* Length of the substrings the index files every position under. Eight code points are rare
 * enough in prose that the rarest one of a quote usually names a handful of places. */
#define GRAM 8

/* Only every SAMPLE_STEP-th position is indexed, which makes the index four times quicker to
 * build; patterns shorter than MIN_INDEXED_LENGTH are found by a scan instead. */
#define SAMPLE_STEP 4
#define MIN_INDEXED_LENGTH (GRAM + SAMPLE_STEP - 1)

/* A quote's grams sampled (per residue) to find its rarest one: enough to dodge common words,
 * few enough that a long quote costs no more than a short one. */
#define GRAM_SAMPLES 4

/* Pieces of the quote and its context searched for when the quote itself is gone. */
#define ANCHOR_PIECE 16

/* A piece found more often than this says nothing about where the passage went, except near
 * its old position. */
#define MAX_PIECE_OCCURRENCES 64
#define NEARBY_RADIUS 2048

/* Places aligned when the quote has left its old position: the best-supported ones. */
#define MAX_WINDOWS 8

/* Context agreement a short quote needs before a fuzzy match is believed. */
#define SHORT_QUOTE_MIN_CONTEXT 8

/* Weight of quote similarity against context agreement in a fuzzy match's score. */
#define FUZZY_QUOTE_WEIGHT 0.75

/* A fuzzy match near the old position this good ends the search: nothing elsewhere could be
 * believed over it. */
#define FUZZY_CONFIDENT_SCORE 0.85

/* The distance penalty: at most DISTANCE_WEIGHT, half of it at DISTANCE_SCALE code points. It
 * only separates otherwise equal candidates. */
#define DISTANCE_WEIGHT 0.05
#define DISTANCE_SCALE 1000.0

/* Only results at least this sure (and unambiguous) teach locate_all how far the text shifted. */
#define SHIFT_MIN_SCORE 0.98

#define HASH_BASE 0x01000193u

typedef struct
{
  guint    bits;
  guint32 *heads;      /* (1 << bits) + 1 offsets into positions, by bucket */
  guint32 *positions;  /* every gram position, grouped by bucket, ascending within one */
} GramIndex;

struct _ScholiaAnchorText
{
  gunichar  *chars;
  int        length;
  GramIndex *index;    /* built on first need, once */
};

/* A selector decoded into code points. */
typedef struct
{
  const gunichar *quote;
  int             quote_length;
  gunichar        prefix[SCHOLIA_ANCHOR_CONTEXT_LENGTH];
  int             prefix_length;
  gunichar        suffix[SCHOLIA_ANCHOR_CONTEXT_LENGTH];
  int             suffix_length;
  int             start;     /* old position, or -1 */
  int             end;
  int             expected;  /* where the passage should now start, or -1 */
} Query;

/* Buffers reused from one selector to the next. */
typedef struct
{
  GArray *quote;       /* of gunichar */
  GArray *decoded;     /* of gunichar */
  GArray *cost;        /* of int: edit distance column */
  GArray *origin;      /* of int: where the alignment ending in each row started */
  GArray *found;       /* of int: occurrences of one piece */
  GArray *candidates;  /* of int: start offsets worth aligning around */
  GArray *clusters;    /* of Cluster: nearby candidates, aligned as one window */
} Scratch;

typedef struct
{
  int    start;
  int    end;
  double score;
  int    agreement;  /* code points of context that agree */
} Match;

typedef void (*OccurrenceFunc) (int      start,
                                gpointer user_data);

static guint32
hash_chars (const gunichar *chars)
{
  guint32 h = 0;

  for (int i = 0; i < GRAM; i++)
    h = h * HASH_BASE + chars[i];
  return h;
}

static inline guint32
bucket_of (guint32 hash,
           guint   bits)
{
  return (hash * 0x9E3779B1u) >> (32 - bits);
}

/* A counting sort of every SAMPLE_STEP-th position by the hash of the gram starting there, so
 * that a bucket's positions are contiguous and ascending. */
static GramIndex *
gram_index_new (const gunichar *chars,
                int             length)
{
  GramIndex *index = g_new0 (GramIndex, 1);
  int n_positions = length >= GRAM ? (length - GRAM) / SAMPLE_STEP + 1 : 0;
  guint32 n_buckets;

  index->bits = 10;
  while (index->bits < 24 && (1u << index->bits) < (guint32) n_positions)
    index->bits++;
  n_buckets = 1u << index->bits;
  index->heads = g_new0 (guint32, n_buckets + 1);
  index->positions = g_new (guint32, MAX (n_positions, 1));

  for (int k = 0; k < n_positions; k++)
    index->heads[bucket_of (hash_chars (chars + k * SAMPLE_STEP), index->bits)]++;

  for (guint32 b = 0, sum = 0; b < n_buckets; b++)
    {
      guint32 count = index->heads[b];

      index->heads[b] = sum;
      sum += count;
    }

  /* Filling advances each bucket's head to the next bucket's start; shifting the heads by one
   * afterwards restores them without a second array. */
  for (int k = 0; k < n_positions; k++)
    {
      guint32 bucket = bucket_of (hash_chars (chars + k * SAMPLE_STEP), index->bits);

      index->positions[index->heads[bucket]++] = k * SAMPLE_STEP;
    }
  memmove (index->heads + 1, index->heads, n_buckets * sizeof (guint32));
  index->heads[0] = 0;

  return index;
}

static void
gram_index_free (GramIndex *index)
{
  g_free (index->heads);
  g_free (index->positions);
  g_free (index);
}

static const GramIndex *
get_index (ScholiaAnchorText *text)
{
  if (g_once_init_enter (&text->index))
    g_once_init_leave (&text->index, gram_index_new (text->chars, text->length));
  return text->index;
}

static inline gboolean
chars_equal_at (const ScholiaAnchorText *text,
                int                      position,
                const gunichar          *chars,
                int                      length)
{
  return position >= 0 && length <= text->length - position &&
         memcmp (text->chars + position, chars, length * sizeof (gunichar)) == 0;
}

/* Calls func with the start of every occurrence of pattern, in no particular order. */
static void
foreach_occurrence (ScholiaAnchorText *text,
                    const gunichar    *pattern,
                    int                length,
                    OccurrenceFunc     func,
                    gpointer           user_data)
{
  const GramIndex *index;
  int last_offset;

  if (length <= 0 || length > text->length)
    return;

  /* Too short for the index: scan for the first character. */
  if (length < MIN_INDEXED_LENGTH)
    {
      for (int i = 0; i <= text->length - length; i++)
        {
          if (text->chars[i] == pattern[0] && chars_equal_at (text, i, pattern, length))
            func (i, user_data);
        }
      return;
    }

  /* An occurrence at t has its gram at offset i indexed when t + i is a multiple of
   * SAMPLE_STEP: looking up one gram per residue of i finds each occurrence exactly once. The
   * rarest of a few grams of each residue keeps the buckets to verify small. */
  index = get_index (text);
  last_offset = length - GRAM;
  for (int residue = 0; residue < SAMPLE_STEP; residue++)
    {
      int n_members = (last_offset - residue) / SAMPLE_STEP + 1;
      guint32 best_first = 0;
      guint32 best_last = 0;
      int best_offset = -1;

      for (int s = 0; s < MIN (n_members, GRAM_SAMPLES); s++)
        {
          int member = n_members <= GRAM_SAMPLES ? s : s * (n_members - 1) / (GRAM_SAMPLES - 1);
          int offset = residue + member * SAMPLE_STEP;
          guint32 bucket = bucket_of (hash_chars (pattern + offset), index->bits);
          guint32 first = index->heads[bucket];
          guint32 last = index->heads[bucket + 1];

          if (best_offset < 0 || last - first < best_last - best_first)
            {
              best_offset = offset;
              best_first = first;
              best_last = last;
              if (first == last)
                break;
            }
        }

      for (guint32 k = best_first; k < best_last; k++)
        {
          int start = (int) index->positions[k] - best_offset;

          if (chars_equal_at (text, start, pattern, length))
            func (start, user_data);
        }
    }
}

static gboolean
is_ascii (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar) *s >= 0x80)
      return FALSE;
  return TRUE;
}

/* Decodes s into buffer as NFC code points; returns the length, or -1 for invalid UTF-8. */
static int
decode_nfc (const char *s,
            GArray     *buffer)
{
  g_autofree char *normalized = NULL;

  g_array_set_size (buffer, 0);
  if (s == NULL)
    return 0;

  if (!is_ascii (s))
    {
      if (!g_utf8_validate (s, -1, NULL))
        return -1;
      normalized = g_utf8_normalize (s, -1, G_NORMALIZE_NFC);
      s = normalized;
    }

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_array_append_val (buffer, c);
    }
  return buffer->len;
}

/* Fills query from selector; FALSE if there is no usable quote. */
static gboolean
prepare_query (const ScholiaAnchorSelector *selector,
               Scratch                     *scratch,
               Query                       *query)
{
  int length;

  length = decode_nfc (selector->quote, scratch->quote);
  if (length <= 0)
    return FALSE;
  query->quote = (const gunichar *) scratch->quote->data;
  query->quote_length = length;

  /* Only the context nearest the quote matters: the end of the prefix, the start of the suffix. */
  length = MAX (decode_nfc (selector->prefix, scratch->decoded), 0);
  query->prefix_length = MIN (length, SCHOLIA_ANCHOR_CONTEXT_LENGTH);
  /* An empty array may have no data at all, and memcpy must not see a NULL even for 0 bytes. */
  if (query->prefix_length > 0)
    memcpy (query->prefix,
            &g_array_index (scratch->decoded, gunichar, length - query->prefix_length),
            query->prefix_length * sizeof (gunichar));

  length = MAX (decode_nfc (selector->suffix, scratch->decoded), 0);
  query->suffix_length = MIN (length, SCHOLIA_ANCHOR_CONTEXT_LENGTH);
  if (query->suffix_length > 0)
    memcpy (query->suffix, scratch->decoded->data, query->suffix_length * sizeof (gunichar));

  if (selector->start >= 0 && selector->end >= selector->start)
    {
      query->start = selector->start;
      query->end = selector->end;
    }
  else
    {
      query->start = -1;
      query->end = -1;
    }

  return TRUE;
}

/* How many code points before position agree with the end of the prefix. */
static int
agree_before (const ScholiaAnchorText *text,
              const Query             *query,
              int                      position)
{
  int n = 0;

  while (n < query->prefix_length && position - n - 1 >= 0 &&
         text->chars[position - n - 1] == query->prefix[query->prefix_length - n - 1])
    n++;
  return n;
}

/* How many code points from position on agree with the start of the suffix. */
static int
agree_after (const ScholiaAnchorText *text,
             const Query             *query,
             int                      position)
{
  int n = 0;

  while (n < query->suffix_length && position + n < text->length &&
         text->chars[position + n] == query->suffix[n])
    n++;
  return n;
}

static int
distance_to_expected (const Query *query,
                      int          start)
{
  return query->expected < 0 ? 0 : ABS (start - query->expected);
}

typedef struct
{
  ScholiaAnchorText *text;
  const Query       *query;
  int                best_start;
  int                best_agreement;
  int                best_distance;
  int                n_best;  /* occurrences with the best agreement */
} ExactSearch;

static void
consider_exact (int      start,
                gpointer user_data)
{
  ExactSearch *search = user_data;
  int agreement = agree_before (search->text, search->query, start) +
                  agree_after (search->text, search->query, start + search->query->quote_length);
  int distance = distance_to_expected (search->query, start);

  if (search->best_start < 0 || agreement > search->best_agreement)
    search->n_best = 1;
  else if (agreement == search->best_agreement)
    search->n_best++;

  /* Occurrences come in no particular order: ties go to the earlier one. */
  if (search->best_start < 0 || agreement > search->best_agreement ||
      (agreement == search->best_agreement &&
       (distance < search->best_distance ||
        (distance == search->best_distance && start < search->best_start))))
    {
      search->best_start = start;
      search->best_agreement = agreement;
      search->best_distance = distance;
    }
}

static ScholiaAnchorResult
moved_result (const Query *query,
              int          start,
              int          agreement)
{
  int context = query->prefix_length + query->suffix_length;
  ScholiaAnchorResult result = { SCHOLIA_ANCHOR_EXACT_MOVED, start, start + query->quote_length, 1.0 };

  if (context > 0)
    result.score = 0.9 + 0.1 * agreement / context;
  return result;
}

/* unambiguous tells whether nothing else could have claimed the place found. */
static gboolean
locate_exact (ScholiaAnchorText   *text,
              const Query         *query,
              ScholiaAnchorResult *result,
              int                 *agreement,
              gboolean            *unambiguous)
{
  ExactSearch search = { text, query, -1, 0, 0, 0 };
  int full_context = query->prefix_length + query->suffix_length;

  if (query->start >= 0 && query->end - query->start == query->quote_length &&
      chars_equal_at (text, query->start, query->quote, query->quote_length))
    {
      *result = (ScholiaAnchorResult) { SCHOLIA_ANCHOR_EXACT_POSITION, query->start, query->end, 1.0 };
      *agreement = full_context;
      *unambiguous = TRUE;
      return TRUE;
    }

  /* The quote where it is expected, with all its context, cannot be bettered: no need to look
   * at every other occurrence. */
  if (query->expected >= 0 && query->expected != query->start &&
      chars_equal_at (text, query->expected, query->quote, query->quote_length) &&
      agree_before (text, query, query->expected) +
      agree_after (text, query, query->expected + query->quote_length) == full_context)
    {
      *result = moved_result (query, query->expected, full_context);
      *agreement = full_context;
      *unambiguous = TRUE;
      return TRUE;
    }

  foreach_occurrence (text, query->quote, query->quote_length, consider_exact, &search);
  if (search.best_start < 0)
    return FALSE;

  *result = moved_result (query, search.best_start, search.best_agreement);
  *agreement = search.best_agreement;
  *unambiguous = search.n_best == 1;
  return TRUE;
}

/* Scores the span [start, end) at edit distance distance from the quote, and keeps it in best
 * if it is acceptable and better. */
static void
consider_fuzzy (const ScholiaAnchorText *text,
                const Query             *query,
                int                      start,
                int                      end,
                int                      distance,
                Match                   *best)
{
  int length = end - start;
  int context = query->prefix_length + query->suffix_length;
  int agreement;
  double similarity;
  double score;
  int away;

  if (length <= 0)
    return;

  similarity = 1.0 - (double) distance / MAX (query->quote_length, length);
  if (similarity < SCHOLIA_ANCHOR_FUZZY_MIN_SIMILARITY)
    return;

  agreement = agree_before (text, query, start) + agree_after (text, query, end);
  if (query->quote_length < SCHOLIA_ANCHOR_FUZZY_CONTEXT_LENGTH &&
      (context == 0 || agreement < MIN (context, SHORT_QUOTE_MIN_CONTEXT)))
    return;

  if (context > 0)
    score = FUZZY_QUOTE_WEIGHT * similarity + (1.0 - FUZZY_QUOTE_WEIGHT) * agreement / context;
  else
    score = similarity;
  away = distance_to_expected (query, start);
  score -= DISTANCE_WEIGHT * away / (away + DISTANCE_SCALE);

  if (best->start < 0 || score > best->score ||
      (score == best->score && away < distance_to_expected (query, best->start)))
    *best = (Match) { start, end, score, agreement };
}

static int
max_edits (const Query *query)
{
  /* similarity ≥ 0.75 allows at most a quarter of the longer length, which is at most the
   * quote's length plus the edits: a third of the quote. */
  return (int) (query->quote_length * (1.0 - SCHOLIA_ANCHOR_FUZZY_MIN_SIMILARITY) /
                SCHOLIA_ANCHOR_FUZZY_MIN_SIMILARITY);
}

/* Approximate matching of the quote anywhere in text[from, to) (Sellers' algorithm, one column
 * per text character, with Ukkonen's cut-off: rows whose distance already exceeds the allowed
 * edits are not computed). Each row carries where its alignment started, so every end with a
 * small enough distance gives a span to score. */
static void
align_window (const ScholiaAnchorText *text,
              const Query             *query,
              Scratch                 *scratch,
              int                      from,
              int                      to,
              Match                   *best)
{
  int m = query->quote_length;
  int k = max_edits (query);
  int *cost;
  int *origin;
  int last_active;

  from = CLAMP (from, 0, text->length);
  to = CLAMP (to, from, text->length);
  if (to - from < m - k)
    return;

  g_array_set_size (scratch->cost, m + 1);
  g_array_set_size (scratch->origin, m + 1);
  cost = (int *) scratch->cost->data;
  origin = (int *) scratch->origin->data;
  for (int i = 0; i <= m; i++)
    {
      cost[i] = i;
      origin[i] = from;
    }
  last_active = MIN (k, m);

  for (int j = from; j < to; j++)
    {
      gunichar c = text->chars[j];
      int top = MIN (last_active + 1, m);
      int diagonal_cost = cost[0];
      int diagonal_origin = j;

      cost[0] = 0;
      origin[0] = j + 1;
      for (int i = 1; i <= top; i++)
        {
          int above_cost = i <= last_active ? cost[i] : k + 1;
          int above_origin = origin[i];
          int best_cost = diagonal_cost + (query->quote[i - 1] != c);
          int best_origin = diagonal_origin;

          /* A substitution is preferred on ties, so that a changed first character keeps the
           * span's start where it was. */
          if (cost[i - 1] + 1 < best_cost)
            {
              best_cost = cost[i - 1] + 1;
              best_origin = origin[i - 1];
            }
          if (above_cost + 1 < best_cost)
            {
              best_cost = above_cost + 1;
              best_origin = above_origin;
            }

          diagonal_cost = above_cost;
          diagonal_origin = above_origin;
          cost[i] = best_cost;
          origin[i] = best_origin;
        }

      last_active = top;
      while (last_active > 0 && cost[last_active] > k)
        last_active--;

      if (last_active == m)
        consider_fuzzy (text, query, origin[m], j + 1, cost[m], best);
    }
}

static void
collect_occurrence (int      start,
                    gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, start);
}

static gboolean
is_near_old_position (const Query *query,
                      int          start)
{
  return (query->start >= 0 && ABS (start - query->start) <= NEARBY_RADIUS) ||
         (query->expected >= 0 && ABS (start - query->expected) <= NEARBY_RADIUS);
}

/* Adds, for each occurrence of piece, the quote start it implies (occurrence + shift). A piece
 * found too often elsewhere still counts near the old position. */
static void
add_piece_candidates (ScholiaAnchorText *text,
                      const Query       *query,
                      Scratch           *scratch,
                      const gunichar    *piece,
                      int                length,
                      int                shift)
{
  GArray *found = scratch->found;

  if (length < MIN_INDEXED_LENGTH)
    return;

  g_array_set_size (found, 0);
  foreach_occurrence (text, piece, length, collect_occurrence, found);

  for (guint i = 0; i < found->len; i++)
    {
      int start = g_array_index (found, int, i) + shift;

      if (found->len <= MAX_PIECE_OCCURRENCES || is_near_old_position (query, start))
        g_array_append_val (scratch->candidates, start);
    }
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a;
  int y = *(const int *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  int first;
  int last;
  int support;  /* how many pieces point here */
  int distance;
} Cluster;

static int
compare_clusters (gconstpointer a,
                  gconstpointer b)
{
  const Cluster *x = a;
  const Cluster *y = b;

  if (x->support != y->support)
    return y->support - x->support;
  return (x->distance > y->distance) - (x->distance < y->distance);
}

static int
fuzzy_slack (const Query *query)
{
  return max_edits (query) + SCHOLIA_ANCHOR_CONTEXT_LENGTH;
}

/* Levenshtein distance between the quote and text[start, end), two rows at a time. */
static int
edit_distance (const ScholiaAnchorText *text,
               const Query             *query,
               Scratch                 *scratch,
               int                      start,
               int                      end)
{
  int m = query->quote_length;
  int *previous;
  int *current;

  g_array_set_size (scratch->cost, m + 1);
  g_array_set_size (scratch->origin, m + 1);
  previous = (int *) scratch->cost->data;
  current = (int *) scratch->origin->data;
  for (int i = 0; i <= m; i++)
    previous[i] = i;

  for (int j = start; j < end; j++)
    {
      gunichar c = text->chars[j];
      int *swap;

      current[0] = j - start + 1;
      for (int i = 1; i <= m; i++)
        current[i] = MIN (MIN (previous[i] + 1, current[i - 1] + 1),
                          previous[i - 1] + (query->quote[i - 1] != c));
      swap = previous;
      previous = current;
      current = swap;
    }
  return previous[m];
}

/* When the whole prefix still ends where the passage is expected to start and the whole suffix
 * starts close to where it should end, the passage is pinned between them: one edit distance
 * says how much it changed, without searching. */
static void
fuzzy_pinned (const ScholiaAnchorText *text,
              const Query             *query,
              Scratch                 *scratch,
              Match                   *best)
{
  int start = query->expected;
  int m = query->quote_length;
  int k = max_edits (query);
  int end = -1;

  if (start < 0 || start > text->length ||
      (query->prefix_length == 0 && start != 0) ||
      agree_before (text, query, start) != query->prefix_length)
    return;

  /* The nearest end to start + m that the whole suffix follows. */
  for (int d = 0; d <= k && end < 0; d++)
    {
      for (int sign = -1; sign <= 1 && end < 0; sign += 2)
        {
          int candidate = start + m + sign * d;

          if (candidate <= start || candidate > text->length || (d == 0 && sign > 0))
            continue;
          if ((query->suffix_length == 0 && candidate == text->length) ||
              (query->suffix_length > 0 &&
               agree_after (text, query, candidate) == query->suffix_length))
            end = candidate;
        }
    }
  if (end < 0)
    return;

  consider_fuzzy (text, query, start, end, edit_distance (text, query, scratch, start, end), best);
}

/* The best approximate match around where the passage is expected. */
static void
fuzzy_near (ScholiaAnchorText *text,
            const Query       *query,
            Scratch           *scratch,
            Match             *best)
{
  int slack = fuzzy_slack (query);

  if (query->expected < 0 || query->quote_length < SCHOLIA_ANCHOR_FUZZY_MIN_LENGTH)
    return;

  fuzzy_pinned (text, query, scratch, best);
  if (best->start >= 0 && best->score >= FUZZY_CONFIDENT_SCORE)
    return;

  align_window (text, query, scratch, query->expected - slack,
                query->expected + query->quote_length + slack, best);
}

/* The best approximate match around wherever pieces of the context or of the quote survive.
 * Places that several pieces point to are aligned first, and only MAX_WINDOWS of them. */
static void
fuzzy_everywhere (ScholiaAnchorText *text,
                  const Query       *query,
                  Scratch           *scratch,
                  Match             *best)
{
  int m = query->quote_length;
  int slack = fuzzy_slack (query);
  int piece = MIN (ANCHOR_PIECE, m);
  int prefix_piece = MIN (ANCHOR_PIECE, query->prefix_length);
  int suffix_piece = MIN (ANCHOR_PIECE, query->suffix_length);
  GArray *candidates = scratch->candidates;
  GArray *clusters = scratch->clusters;

  g_array_set_size (candidates, 0);
  if (query->start >= 0 && query->start != query->expected)
    g_array_append_val (candidates, query->start);
  add_piece_candidates (text, query, scratch, query->prefix + query->prefix_length - prefix_piece,
                        prefix_piece, prefix_piece);
  add_piece_candidates (text, query, scratch, query->suffix, suffix_piece, -m);
  add_piece_candidates (text, query, scratch, query->quote, piece, 0);
  add_piece_candidates (text, query, scratch, query->quote + (m - piece) / 2, piece, -(m - piece) / 2);
  add_piece_candidates (text, query, scratch, query->quote + m - piece, piece, -(m - piece));

  g_array_sort (candidates, compare_ints);
  g_array_set_size (clusters, 0);
  for (guint i = 0; i < candidates->len;)
    {
      Cluster cluster = { g_array_index (candidates, int, i), 0, 1, 0 };

      cluster.last = cluster.first;
      while (++i < candidates->len && g_array_index (candidates, int, i) - cluster.last <= slack)
        {
          cluster.last = g_array_index (candidates, int, i);
          cluster.support++;
        }
      cluster.distance = distance_to_expected (query, cluster.first);
      g_array_append_val (clusters, cluster);
    }

  g_array_sort (clusters, compare_clusters);
  for (guint i = 0; i < MIN (clusters->len, MAX_WINDOWS); i++)
    {
      const Cluster *cluster = &g_array_index (clusters, Cluster, i);

      align_window (text, query, scratch, cluster->first - slack, cluster->last + m + slack, best);
    }
}

static ScholiaAnchorResult
fuzzy_result (const Match *match)
{
  return (ScholiaAnchorResult) { SCHOLIA_ANCHOR_FUZZY, match->start, match->end,
                                 CLAMP (match->score, 0.0, 1.0) };
}

/* Locates one selector, expecting the passage at its old start plus shift. teaches_shift tells
 * whether the result is sure and unambiguous enough for its neighbours to expect the same shift. */
static ScholiaAnchorResult
locate_one (ScholiaAnchorText           *text,
            const ScholiaAnchorSelector *selector,
            int                          shift,
            Scratch                     *scratch,
            gboolean                    *teaches_shift)
{
  ScholiaAnchorResult result = { SCHOLIA_ANCHOR_ORPHAN, -1, -1, 0.0 };
  Match best = { -1, -1, 0.0, 0 };
  Query query;
  int context;
  int agreement;
  gboolean unambiguous = FALSE;

  *teaches_shift = FALSE;
  if (!prepare_query (selector, scratch, &query))
    return result;
  query.expected = query.start >= 0 ? MAX (query.start + shift, 0) : -1;
  context = query.prefix_length + query.suffix_length;

  if (locate_exact (text, &query, &result, &agreement, &unambiguous))
    {
      /* A copy of the quote elsewhere whose surroundings disagree loses to the passage itself,
       * slightly revised, still where expected between its whole prefix and suffix: a corrected
       * letter must not send a note to another paragraph that repeats the phrase. */
      if (result.status == SCHOLIA_ANCHOR_EXACT_MOVED && agreement < context &&
          query.quote_length >= SCHOLIA_ANCHOR_FUZZY_MIN_LENGTH)
        {
          fuzzy_pinned (text, &query, scratch, &best);
          if (best.start >= 0)
            return fuzzy_result (&best);
        }
      *teaches_shift = unambiguous && result.score >= SHIFT_MIN_SCORE;
      return result;
    }

  if (query.quote_length < SCHOLIA_ANCHOR_FUZZY_MIN_LENGTH)
    return result;

  fuzzy_near (text, &query, scratch, &best);
  if (best.start < 0 || best.score < FUZZY_CONFIDENT_SCORE)
    fuzzy_everywhere (text, &query, scratch, &best);
  if (best.start >= 0)
    {
      *teaches_shift = best.score >= SHIFT_MIN_SCORE;
      return fuzzy_result (&best);
    }
  return result;
}

static void
scratch_init (Scratch *scratch)
{
  scratch->quote = g_array_new (FALSE, FALSE, sizeof (gunichar));
  scratch->decoded = g_array_new (FALSE, FALSE, sizeof (gunichar));
  scratch->cost = g_array_new (FALSE, FALSE, sizeof (int));
  scratch->origin = g_array_new (FALSE, FALSE, sizeof (int));
  scratch->found = g_array_new (FALSE, FALSE, sizeof (int));
  scratch->candidates = g_array_new (FALSE, FALSE, sizeof (int));
  scratch->clusters = g_array_new (FALSE, FALSE, sizeof (Cluster));
}

static void
scratch_clear (Scratch *scratch)
{
  g_array_unref (scratch->quote);
  g_array_unref (scratch->decoded);
  g_array_unref (scratch->cost);
  g_array_unref (scratch->origin);
  g_array_unref (scratch->found);
  g_array_unref (scratch->candidates);
  g_array_unref (scratch->clusters);
}

ScholiaAnchorText *
scholia_anchor_text_new (const char *text,
                         gssize      length)
{
  ScholiaAnchorText *self;
  glong n_chars = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (length == 0 || g_utf8_validate_len (text, length < 0 ? strlen (text) : (gsize) length, NULL), NULL);

  self = g_new0 (ScholiaAnchorText, 1);
  if (length == 0)
    self->chars = g_new0 (gunichar, 1);
  else
    self->chars = g_utf8_to_ucs4_fast (text, length, &n_chars);
  self->length = (int) n_chars;
  return self;
}

void
scholia_anchor_text_free (ScholiaAnchorText *text)
{
  if (text == NULL)
    return;

  g_clear_pointer (&text->index, gram_index_free);
  g_free (text->chars);
  g_free (text);
}

int
scholia_anchor_text_get_length (ScholiaAnchorText *text)
{
  g_return_val_if_fail (text != NULL, 0);

  return text->length;
}

ScholiaAnchorResult
scholia_anchor_locate (ScholiaAnchorText           *text,
                       const ScholiaAnchorSelector *selector)
{
  ScholiaAnchorResult orphan = { SCHOLIA_ANCHOR_ORPHAN, -1, -1, 0.0 };
  ScholiaAnchorResult result;
  Scratch scratch;
  gboolean teaches_shift;

  g_return_val_if_fail (text != NULL, orphan);
  g_return_val_if_fail (selector != NULL, orphan);
  g_return_val_if_fail (selector->quote != NULL, orphan);

  scratch_init (&scratch);
  result = locate_one (text, selector, 0, &scratch, &teaches_shift);
  scratch_clear (&scratch);
  return result;
}

static int
compare_selector_starts (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  const ScholiaAnchorSelector *selectors = user_data;
  guint i = *(const guint *) a;
  guint j = *(const guint *) b;
  int x = selectors[i].start;
  int y = selectors[j].start;

  if (x != y)
    return (x > y) - (x < y);
  return (i > j) - (i < j);
}

void
scholia_anchor_locate_all (ScholiaAnchorText           *text,
                           const ScholiaAnchorSelector *selectors,
                           guint                        n,
                           ScholiaAnchorResult         *results)
{
  g_autofree guint *order = NULL;
  Scratch scratch;
  int shift = 0;
  int pending_shift = 0;
  gboolean teaches_shift;

  g_return_if_fail (text != NULL);
  g_return_if_fail (n == 0 || (selectors != NULL && results != NULL));

  /* In document order, neighbours have usually moved by the same amount. */
  order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_selector_starts, (gpointer) selectors);

  scratch_init (&scratch);
  for (guint i = 0; i < n; i++)
    {
      const ScholiaAnchorSelector *selector = &selectors[order[i]];
      ScholiaAnchorResult *result = &results[order[i]];

      if (selector->quote == NULL)
        {
          g_critical ("%s: selector %u has no quote", G_STRFUNC, order[i]);
          *result = (ScholiaAnchorResult) { SCHOLIA_ANCHOR_ORPHAN, -1, -1, 0.0 };
          continue;
        }

      *result = locate_one (text, selector, shift, &scratch, &teaches_shift);

      /* A new shift is adopted once two neighbours in a row confirm it, so that one passage
       * sent to a copy of itself elsewhere does not misdirect the next. */
      if (teaches_shift && selector->start >= 0)
        {
          int implied = result->start - selector->start;

          if (implied == pending_shift)
            shift = implied;
          pending_shift = implied;
        }
    }
  scratch_clear (&scratch);
}



GArray *
scholia_anchor_find_all (ScholiaAnchorText *text,
                         const char        *quote)
{
  g_autoptr(GArray) pattern = g_array_new (FALSE, FALSE, sizeof (gunichar));
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (int));
  int length;

  g_return_val_if_fail (text != NULL, starts);
  g_return_val_if_fail (quote != NULL, starts);

  length = decode_nfc (quote, pattern);
  if (length > 0)
    foreach_occurrence (text, (const gunichar *) pattern->data, length, collect_occurrence, starts);
  g_array_sort (starts, compare_ints);
  return starts;
}

int
scholia_anchor_quote_length (const char *quote)
{
  g_autoptr(GArray) decoded = g_array_new (FALSE, FALSE, sizeof (gunichar));

  g_return_val_if_fail (quote != NULL, -1);

  return decode_nfc (quote, decoded);
}
