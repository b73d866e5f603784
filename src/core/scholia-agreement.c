/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "scholia-agreement.h"

/* One participant's unit: code points [start, end). */
typedef struct
{
  guint participant;
  guint start;
  guint end;
} Unit;

/* Where a participant starts (+1) or stops (-1) marking, for the heat strip's sweep. */
typedef struct
{
  guint position;
  guint participant;
  int   step;
} Edge;

struct _ScholiaAgreement
{
  guint                  length;
  guint                  n_participants;
  GArray                *units;          /* Unit; once fixed, by participant then start */
  guint                 *first_unit;     /* once fixed: participant p's units are
                                          * first_unit[p] .. first_unit[p + 1] - 1 */
  gboolean               fixed;

  gboolean               alpha_done;
  ScholiaAgreementAlpha  alpha;

  gboolean               map_done;
  GArray                *segments;       /* ScholiaAgreementSegment */
  guint                  n_words;        /* 32-bit words per segment's set of participants */
  GArray                *marking;        /* guint32: segment i's set at i * n_words */
  ScholiaAgreementSummary *summaries;    /* one per participant */
};

ScholiaAgreement *
scholia_agreement_new (guint length,
                       guint n_participants)
{
  ScholiaAgreement *self = g_new0 (ScholiaAgreement, 1);

  self->length = length;
  self->n_participants = n_participants;
  self->units = g_array_new (FALSE, FALSE, sizeof (Unit));
  self->n_words = (n_participants + 31) / 32;

  return self;
}

void
scholia_agreement_free (ScholiaAgreement *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->units);
  g_free (self->first_unit);
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->marking, g_array_unref);
  g_free (self->summaries);
  g_free (self);
}

void
scholia_agreement_add_span (ScholiaAgreement *self,
                            guint             participant,
                            guint             start,
                            guint             end)
{
  Unit unit;

  g_return_if_fail (self != NULL);
  g_return_if_fail (participant < self->n_participants);
  g_return_if_fail (!self->fixed);

  unit = (Unit) { participant, start, MIN (end, self->length) };
  if (unit.start >= unit.end)
    return;
  g_array_append_val (self->units, unit);
}

guint
scholia_agreement_get_length (ScholiaAgreement *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

guint
scholia_agreement_get_n_participants (ScholiaAgreement *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_participants;
}

static int
compare_units (gconstpointer a,
               gconstpointer b)
{
  const Unit *one = a;
  const Unit *other = b;

  if (one->participant != other->participant)
    return one->participant < other->participant ? -1 : 1;
  if (one->start != other->start)
    return one->start < other->start ? -1 : 1;
  return 0;
}

/* Sorts each participant's units and merges those that share code points, so that every
 * participant's units are disjoint and in text order, as unitizing data are. Touching units
 * stay apart: their common boundary is one the participant drew. */
static void
fix (ScholiaAgreement *self)
{
  Unit *units;
  guint kept = 0;

  if (self->fixed)
    return;
  self->fixed = TRUE;

  g_array_sort (self->units, compare_units);
  units = (Unit *) self->units->data;
  for (guint i = 0; i < self->units->len; i++)
    {
      if (kept > 0 && units[kept - 1].participant == units[i].participant &&
          units[i].start < units[kept - 1].end)
        {
          units[kept - 1].end = MAX (units[kept - 1].end, units[i].end);
          continue;
        }
      units[kept++] = units[i];
    }
  g_array_set_size (self->units, kept);

  self->first_unit = g_new0 (guint, self->n_participants + 1);
  for (guint i = 0; i < kept; i++)
    self->first_unit[units[i].participant + 1]++;
  for (guint p = 0; p < self->n_participants; p++)
    self->first_unit[p + 1] += self->first_unit[p];
}

static const Unit *
units_of (ScholiaAgreement *self,
          guint             participant,
          guint            *n_units)
{
  *n_units = self->first_unit[participant + 1] - self->first_unit[participant];
  return &g_array_index (self->units, Unit, self->first_unit[participant]);
}

static guint64
squared (gint64 value)
{
  return (guint64) (value * value);
}

static guint64
squared_length (const Unit *unit)
{
  return squared ((gint64) unit->end - unit->start);
}

/* Krippendorff's δ² summed over two participants' segments. Two units that overlap differ by
 * the squares of how far their starts and their ends lie apart; a unit lying inside the
 * other's blank (it overlaps none of the other's units) differs by its squared length; all
 * else, blank against blank or segments apart, by nothing. One walk over both sorted lists:
 * overlapping pairs come in text order, and a unit is left behind when the other list has
 * moved past it. */
static guint64
pair_disagreement (const Unit *a,
                   guint       n_a,
                   const Unit *b,
                   guint       n_b)
{
  guint64 sum = 0;
  gboolean a_overlapped = FALSE;
  gboolean b_overlapped = FALSE;
  guint i = 0;
  guint j = 0;

  while (i < n_a && j < n_b)
    {
      guint a_end = a[i].end;
      guint b_end = b[j].end;

      if (a_end <= b[j].start)
        {
          if (!a_overlapped)
            sum += squared_length (&a[i]);
          i++;
          a_overlapped = FALSE;
          continue;
        }
      if (b_end <= a[i].start)
        {
          if (!b_overlapped)
            sum += squared_length (&b[j]);
          j++;
          b_overlapped = FALSE;
          continue;
        }

      sum += squared ((gint64) a[i].start - b[j].start) + squared ((gint64) a_end - b_end);
      a_overlapped = b_overlapped = TRUE;
      /* The unit that ends first can overlap nothing further on; on a tie neither can. */
      if (a_end <= b_end)
        {
          i++;
          a_overlapped = FALSE;
        }
      if (b_end <= a_end)
        {
          j++;
          b_overlapped = FALSE;
        }
    }

  for (; i < n_a; i++, a_overlapped = FALSE)
    if (!a_overlapped)
      sum += squared_length (&a[i]);
  for (; j < n_b; j++, b_overlapped = FALSE)
    if (!b_overlapped)
      sum += squared_length (&b[j]);

  return sum;
}

/* D_o: the disagreement of every two participants, averaged over the ordered pairs and
 * scaled by the squared length of the continuum. */
static double
observed_disagreement (ScholiaAgreement *self)
{
  double sum = 0.0;
  double m = self->n_participants;
  double length = self->length;

  for (guint p = 0; p < self->n_participants; p++)
    {
      guint n_p;
      const Unit *units_p = units_of (self, p, &n_p);

      for (guint q = p + 1; q < self->n_participants; q++)
        {
          guint n_q;
          const Unit *units_q = units_of (self, q, &n_q);

          sum += (double) pair_disagreement (units_p, n_p, units_q, n_q);
        }
    }

  /* Each unordered pair stands for its two ordered ones. */
  return 2.0 * sum / (m * (m - 1.0) * length * length);
}

static int
compare_lengths (gconstpointer a,
                 gconstpointer b)
{
  guint one = *(const guint *) a;
  guint other = *(const guint *) b;

  return one < other ? -1 : one > other;
}

/* The blanks of every participant: the stretches between, before and after their units. A
 * participant who marked nothing leaves the whole essay blank. */
static GArray *
collect_blanks (ScholiaAgreement *self)
{
  GArray *blanks = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint p = 0; p < self->n_participants; p++)
    {
      guint n_units;
      const Unit *units = units_of (self, p, &n_units);
      guint position = 0;

      for (guint i = 0; i < n_units; i++)
        {
          if (units[i].start > position)
            {
              guint blank = units[i].start - position;

              g_array_append_val (blanks, blank);
            }
          position = units[i].end;
        }
      if (self->length > position)
        {
          guint blank = self->length - position;

          g_array_append_val (blanks, blank);
        }
    }

  g_array_sort (blanks, compare_lengths);
  return blanks;
}

/* D_e (Krippendorff 2004, c|uD_e): for every unit of length l among the N units all
 * participants marked, the disagreement it would have wherever chance could put it: against
 * the other N - 1 units, (N - 1)(2l³ - 3l² + l) / 3, and inside each blank of length h ≥ l, in
 * any of its h - l + 1 places, l² each. The sum over blanks is read off suffix sums of the
 * sorted blank lengths, so that it costs a binary search per unit instead of a pass. */
static double
expected_disagreement (ScholiaAgreement *self)
{
  g_autoptr(GArray) blanks = collect_blanks (self);
  g_autofree guint64 *suffix = g_new0 (guint64, blanks->len + 1);
  const guint *lengths = (const guint *) blanks->data;
  const Unit *units = (const Unit *) self->units->data;
  double n_units = self->units->len;
  double m = self->n_participants;
  double length = self->length;
  double sum = 0.0;
  double squares = 0.0;

  for (guint k = blanks->len; k > 0; k--)
    suffix[k - 1] = suffix[k] + lengths[k - 1] + 1;

  for (guint i = 0; i < self->units->len; i++)
    {
      guint l = units[i].end - units[i].start;
      double dl = l;
      guint low = 0;
      guint high = blanks->len;
      guint64 places;

      /* The first blank at least l long. */
      while (low < high)
        {
          guint middle = low + (high - low) / 2;

          if (lengths[middle] < l)
            low = middle + 1;
          else
            high = middle;
        }
      places = suffix[low] - (guint64) (blanks->len - low) * l;

      sum += (n_units - 1.0) * dl * (dl - 1.0) * (2.0 * dl - 1.0) / 3.0 + dl * dl * (double) places;
      squares += dl * (dl - 1.0);
    }

  return 2.0 / length * sum / (m * length * (m * length - 1.0) - squares);
}

gboolean
scholia_agreement_get_alpha (ScholiaAgreement      *self,
                             ScholiaAgreementAlpha *alpha)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (alpha != NULL, FALSE);

  if (!self->alpha_done)
    {
      ScholiaAgreementAlpha *result = &self->alpha;

      fix (self);
      self->alpha_done = TRUE;
      *result = (ScholiaAgreementAlpha) { SCHOLIA_AGREEMENT_ALPHA_DEFINED, 0.0, 0.0, 0.0 };

      if (self->n_participants < 2)
        result->status = SCHOLIA_AGREEMENT_ALPHA_TOO_FEW_PARTICIPANTS;
      else if (self->length == 0)
        result->status = SCHOLIA_AGREEMENT_ALPHA_EMPTY_TEXT;
      else if (self->units->len == 0)
        result->status = SCHOLIA_AGREEMENT_ALPHA_NOTHING_MARKED;
      else
        {
          result->observed = observed_disagreement (self);
          result->expected = expected_disagreement (self);
          if (result->expected > 0.0)
            result->alpha = 1.0 - result->observed / result->expected;
          else
            result->status = SCHOLIA_AGREEMENT_ALPHA_NO_VARIATION;
        }
    }

  *alpha = self->alpha;
  return alpha->status == SCHOLIA_AGREEMENT_ALPHA_DEFINED;
}

const char *
scholia_agreement_alpha_status_describe (ScholiaAgreementAlphaStatus status)
{
  switch (status)
    {
    case SCHOLIA_AGREEMENT_ALPHA_DEFINED:
      return NULL;
    case SCHOLIA_AGREEMENT_ALPHA_TOO_FEW_PARTICIPANTS:
      return _("Agreement needs at least two participants.");
    case SCHOLIA_AGREEMENT_ALPHA_EMPTY_TEXT:
      return _("The essay has no text to agree on.");
    case SCHOLIA_AGREEMENT_ALPHA_NOTHING_MARKED:
      return _("Nobody has marked this tag in this essay yet.");
    case SCHOLIA_AGREEMENT_ALPHA_NO_VARIATION:
      return _("Everyone marked every character on its own, so agreement cannot be told from chance.");
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
compare_edges (gconstpointer a,
               gconstpointer b)
{
  guint one = ((const Edge *) a)->position;
  guint other = ((const Edge *) b)->position;

  return one < other ? -1 : one > other;
}

static void
add_segment (ScholiaAgreement *self,
             guint             start,
             guint             end,
             guint             n_marking,
             const guint32    *marking)
{
  ScholiaAgreementSegment segment = { start, end, n_marking };

  g_array_append_val (self->segments, segment);
  g_array_append_vals (self->marking, marking, self->n_words);
}

/* Sweeps the units' edges in text order with the set of participants marking at each point;
 * a segment closes wherever that set changes. Edges at one position are all applied before
 * the set is compared, so that touching units of one participant make no boundary. */
static void
build_segments (ScholiaAgreement *self)
{
  gsize set_size = MAX (self->n_words, 1) * sizeof (guint32);
  g_autoptr(GArray) edges = g_array_sized_new (FALSE, FALSE, sizeof (Edge), 2 * self->units->len);
  g_autofree guint *depth = g_new0 (guint, self->n_participants);
  g_autofree guint32 *current = g_malloc0 (set_size);
  g_autofree guint32 *before = g_malloc0 (set_size);
  const Unit *units = (const Unit *) self->units->data;
  guint n_current = 0;
  guint segment_start = 0;
  guint i = 0;

  for (guint u = 0; u < self->units->len; u++)
    {
      Edge opening = { units[u].start, units[u].participant, +1 };
      Edge closing = { units[u].end, units[u].participant, -1 };

      g_array_append_val (edges, opening);
      g_array_append_val (edges, closing);
    }
  g_array_sort (edges, compare_edges);

  while (i < edges->len)
    {
      guint position = g_array_index (edges, Edge, i).position;
      guint n_before = n_current;

      memcpy (before, current, set_size);
      for (; i < edges->len && g_array_index (edges, Edge, i).position == position; i++)
        {
          const Edge *edge = &g_array_index (edges, Edge, i);
          gboolean was_marking = depth[edge->participant] > 0;
          gboolean is_marking;

          depth[edge->participant] += edge->step;
          is_marking = depth[edge->participant] > 0;
          if (was_marking == is_marking)
            continue;
          current[edge->participant / 32] ^= 1u << (edge->participant % 32);
          if (is_marking)
            n_current++;
          else
            n_current--;
        }
      if (memcmp (before, current, set_size) == 0)
        continue;

      if (n_before > 0)
        add_segment (self, segment_start, position, n_before, before);
      segment_start = position;
    }
}

static void
summarise (ScholiaAgreement *self)
{
  const ScholiaAgreementSegment *segments = (const ScholiaAgreementSegment *) self->segments->data;
  guint majority_total = 0;

  self->summaries = g_new0 (ScholiaAgreementSummary, self->n_participants);

  for (guint s = 0; s < self->segments->len; s++)
    {
      const guint32 *marking = &g_array_index (self->marking, guint32, s * self->n_words);
      guint stretch = segments[s].end - segments[s].start;
      gboolean majority = 2 * segments[s].n_marking > self->n_participants;

      if (majority)
        majority_total += stretch;

      for (guint w = 0; w < self->n_words; w++)
        for (guint32 bits = marking[w]; bits != 0; bits &= bits - 1)
          {
            ScholiaAgreementSummary *summary = &self->summaries[w * 32 + g_bit_nth_lsf (bits, -1)];

            summary->marked += stretch;
            if (majority)
              summary->marked_with_majority += stretch;
          }
    }

  for (guint p = 0; p < self->n_participants; p++)
    {
      ScholiaAgreementSummary *summary = &self->summaries[p];
      guint either;

      summary->majority_only = majority_total - summary->marked_with_majority;
      either = summary->marked + summary->majority_only;
      summary->agreement = either == 0 ? 1.0 : (double) summary->marked_with_majority / either;
    }
}

static void
build_map (ScholiaAgreement *self)
{
  if (self->map_done)
    return;

  fix (self);
  self->map_done = TRUE;
  self->segments = g_array_new (FALSE, FALSE, sizeof (ScholiaAgreementSegment));
  self->marking = g_array_new (FALSE, FALSE, sizeof (guint32));
  build_segments (self);
  summarise (self);
}

const ScholiaAgreementSegment *
scholia_agreement_get_segments (ScholiaAgreement *self,
                                guint            *n_segments)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_segments != NULL, NULL);

  build_map (self);
  *n_segments = self->segments->len;
  return (const ScholiaAgreementSegment *) self->segments->data;
}

gboolean
scholia_agreement_segment_marked_by (ScholiaAgreement *self,
                                     guint             index,
                                     guint             participant)
{
  const guint32 *marking;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (participant < self->n_participants, FALSE);

  build_map (self);
  g_return_val_if_fail (index < self->segments->len, FALSE);

  marking = &g_array_index (self->marking, guint32, index * self->n_words);
  return (marking[participant / 32] & (1u << (participant % 32))) != 0;
}

void
scholia_agreement_get_summary (ScholiaAgreement        *self,
                               guint                    participant,
                               ScholiaAgreementSummary *summary)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (participant < self->n_participants);
  g_return_if_fail (summary != NULL);

  build_map (self);
  *summary = self->summaries[participant];
}
