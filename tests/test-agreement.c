/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "scholia-agreement.h"

typedef struct
{
  guint participant;
  guint start;
  guint end;
} Span;

static ScholiaAgreement *
study_new (guint       length,
           guint       n_participants,
           const Span *spans,
           guint       n_spans)
{
  ScholiaAgreement *study = scholia_agreement_new (length, n_participants);

  for (guint i = 0; i < n_spans; i++)
    scholia_agreement_add_span (study, spans[i].participant, spans[i].start, spans[i].end);

  return study;
}

static void
assert_alpha (ScholiaAgreement *study,
              double            observed,
              double            expected,
              double            alpha,
              double            epsilon)
{
  ScholiaAgreementAlpha result;

  g_assert_true (scholia_agreement_get_alpha (study, &result));
  g_assert_cmpint (result.status, ==, SCHOLIA_AGREEMENT_ALPHA_DEFINED);
  g_assert_cmpfloat_with_epsilon (result.observed, observed, epsilon);
  g_assert_cmpfloat_with_epsilon (result.expected, expected, epsilon);
  g_assert_cmpfloat_with_epsilon (result.alpha, alpha, epsilon);
}

/* Krippendorff's worked example for unitizing (Content Analysis, 2nd ed., 2004, p. 254): two
 * observers on a continuum from 150 to 450, here shifted to start at 0. Category c: observer i
 * marks 225+70 and 370+30, observer j 220+80, 355+20 and 400+20; category k: both mark 180+60
 * and 300+50. The published figures, to four places, as DKPro Statistics' test of its
 * KrippendorffAlphaUnitizingAgreement (Krippendorff2004Test) reproduces them: for c,
 * D_o = 0.0144, D_e = 0.0532, α = 0.7286; for k, D_o = 0, D_e = 0.0490, α = 1. */
static void
test_krippendorff_2004_example (void)
{
  static const Span c[] = {
    { 0, 75, 145 }, { 0, 220, 250 },
    { 1, 70, 150 }, { 1, 205, 225 }, { 1, 250, 270 },
  };
  static const Span k[] = {
    { 0, 30, 90 }, { 0, 150, 200 },
    { 1, 30, 90 }, { 1, 150, 200 },
  };
  g_autoptr(ScholiaAgreement) study_c = study_new (300, 2, c, G_N_ELEMENTS (c));
  g_autoptr(ScholiaAgreement) study_k = study_new (300, 2, k, G_N_ELEMENTS (k));

  assert_alpha (study_c, 0.0144, 0.0532, 0.7286, 0.00005);
  assert_alpha (study_k, 0.0, 0.0490, 1.0, 0.00005);
}

/* Krippendorff's first example (1995, "On the reliability of unitizing contiguous data",
 * Sociological Methodology 25, p. 57): four pairs of coders on a continuum of 24, with the
 * observed disagreements the paper gives (as in DKPro Statistics' Krippendorff1995Test). Pairs B
 * and D mark units that touch, which stay apart. Only D_o is compared: DKPro notes an error in
 * the paper's D_e, which its later form (2004, above) corrects. */
static void
test_krippendorff_1995_observed (void)
{
  static const Span a[] = {
    { 0, 2, 10 }, { 0, 14, 20 },
    { 1, 4, 8 }, { 1, 15, 17 },
  };
  static const Span b[] = {
    { 0, 0, 18 },
    { 1, 0, 2 }, { 1, 2, 3 }, { 1, 3, 4 }, { 1, 4, 5 }, { 1, 5, 6 }, { 1, 6, 9 }, { 1, 9, 10 },
  };
  static const Span c[] = {
    { 0, 2, 8 }, { 0, 10, 12 }, { 0, 14, 18 }, { 0, 20, 22 },
    { 1, 0, 2 }, { 1, 4, 8 }, { 1, 10, 14 }, { 1, 16, 18 }, { 1, 20, 22 },
  };
  static const Span d[] = {
    { 0, 0, 2 }, { 0, 2, 10 }, { 0, 10, 14 }, { 0, 14, 20 }, { 0, 20, 24 },
    { 1, 0, 4 }, { 1, 4, 8 }, { 1, 8, 15 }, { 1, 15, 17 }, { 1, 17, 24 },
  };
  static const struct { const Span *spans; guint n_spans; double observed; } pairs[] = {
    { a, G_N_ELEMENTS (a), 0.03125 },
    { b, G_N_ELEMENTS (b), 2.26736 },
    { c, G_N_ELEMENTS (c), 0.02777 },
    { d, G_N_ELEMENTS (d), 0.38715 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(ScholiaAgreement) study = study_new (24, 2, pairs[i].spans, pairs[i].n_spans);
      ScholiaAgreementAlpha result;

      g_assert_true (scholia_agreement_get_alpha (study, &result));
      g_assert_cmpfloat_with_epsilon (result.observed, pairs[i].observed, 0.00001);
    }
}

static void
test_perfect_agreement (void)
{
  static const Span spans[] = {
    { 0, 10, 40 }, { 0, 55, 60 }, { 0, 90, 120 },
    { 1, 10, 40 }, { 1, 55, 60 }, { 1, 90, 120 },
    { 2, 10, 40 }, { 2, 55, 60 }, { 2, 90, 120 },
  };
  g_autoptr(ScholiaAgreement) study = study_new (150, 3, spans, G_N_ELEMENTS (spans));
  ScholiaAgreementAlpha result;

  g_assert_true (scholia_agreement_get_alpha (study, &result));
  g_assert_cmpfloat (result.observed, ==, 0.0);
  g_assert_cmpfloat (result.expected, >, 0.0);
  g_assert_cmpfloat (result.alpha, ==, 1.0);
}

/* Two participants, ten characters; A marks [0, 4), B marks [2, 6).
 *
 * D_o: the units overlap, δ² = (0 - 2)² + (4 - 6)² = 8; neither lies in the other's blank.
 *      Two ordered pairs: D_o = 2 · 8 / (m (m - 1) L²) = 16 / 200 = 0.08.
 * D_e: N = 2 units, both l = 4; the blanks are A's [4, 10) and B's [0, 2), [6, 10): 6, 2, 4.
 *      Per unit: (N - 1)(2l³ - 3l² + l) / 3 = (128 - 48 + 4) / 3 = 28, and l² times the places
 *      in blanks at least l long, 16 · ((4 - 4 + 1) + (6 - 4 + 1)) = 64: 92, so 184 for both.
 *      Denominator mL(mL - 1) - Σ l(l - 1) = 20 · 19 - 2 · 12 = 356.
 *      D_e = (2 / L) · 184 / 356 = 36.8 / 356 = 0.1033708.
 * α = 1 - 0.08 · 356 / 36.8 = 26 / 115 = 0.2260870. */
static void
test_hand_computed (void)
{
  static const Span spans[] = { { 0, 0, 4 }, { 1, 2, 6 } };
  g_autoptr(ScholiaAgreement) study = study_new (10, 2, spans, G_N_ELEMENTS (spans));

  assert_alpha (study, 0.08, 36.8 / 356.0, 26.0 / 115.0, 1e-12);
}

/* A marks the first half of ten characters, B the second: each unit lies in the other's
 * blank, δ² = 25 twice, D_o = 2 · 50 / 200 = 0.5. D_e: two units of 5, blanks 5 and 5:
 * 2 · (60 + 25 · 2) = 220 over 20 · 19 - 2 · 20 = 340, times 2 / 10: 44 / 340.
 * α = 1 - 0.5 · 340 / 44 = -63 / 22: worse than chance. */
static void
test_systematic_disagreement (void)
{
  static const Span halves[] = { { 0, 0, 5 }, { 1, 5, 10 } };
  static const Span alternating[] = {
    { 0, 0, 10 }, { 0, 20, 30 }, { 0, 40, 50 }, { 0, 60, 70 },
    { 1, 10, 20 }, { 1, 30, 40 }, { 1, 50, 60 }, { 1, 70, 80 },
    { 2, 0, 10 }, { 2, 20, 30 }, { 2, 40, 50 }, { 2, 60, 70 },
    { 3, 10, 20 }, { 3, 30, 40 }, { 3, 50, 60 }, { 3, 70, 80 },
  };
  g_autoptr(ScholiaAgreement) study = study_new (10, 2, halves, G_N_ELEMENTS (halves));
  g_autoptr(ScholiaAgreement) camps = study_new (80, 4, alternating, G_N_ELEMENTS (alternating));
  ScholiaAgreementAlpha result;

  assert_alpha (study, 0.5, 44.0 / 340.0, -63.0 / 22.0, 1e-12);

  /* Two camps marking exactly the passages the other leaves out. */
  g_assert_true (scholia_agreement_get_alpha (camps, &result));
  g_assert_cmpfloat (result.alpha, <, 0.0);
}

static void
assert_not_computable (ScholiaAgreement           *study,
                       ScholiaAgreementAlphaStatus status)
{
  ScholiaAgreementAlpha result;

  g_assert_false (scholia_agreement_get_alpha (study, &result));
  g_assert_cmpint (result.status, ==, status);
  g_assert_false (isnan (result.alpha));
  g_assert_cmpfloat (result.alpha, ==, 0.0);
  g_assert_nonnull (scholia_agreement_alpha_status_describe (status));
}

static void
test_nobody_marked (void)
{
  g_autoptr(ScholiaAgreement) study = scholia_agreement_new (500, 3);
  ScholiaAgreementSummary summary;
  guint n_segments;

  assert_not_computable (study, SCHOLIA_AGREEMENT_ALPHA_NOTHING_MARKED);

  /* Nobody marked, nobody disagrees with the (empty) majority. */
  scholia_agreement_get_segments (study, &n_segments);
  g_assert_cmpuint (n_segments, ==, 0);
  scholia_agreement_get_summary (study, 1, &summary);
  g_assert_cmpuint (summary.marked, ==, 0);
  g_assert_cmpfloat (summary.agreement, ==, 1.0);
}

static void
test_too_few_participants (void)
{
  static const Span spans[] = { { 0, 3, 9 } };
  g_autoptr(ScholiaAgreement) alone = study_new (20, 1, spans, G_N_ELEMENTS (spans));
  g_autoptr(ScholiaAgreement) nobody = scholia_agreement_new (20, 0);
  g_autoptr(ScholiaAgreement) empty = scholia_agreement_new (0, 2);

  assert_not_computable (alone, SCHOLIA_AGREEMENT_ALPHA_TOO_FEW_PARTICIPANTS);
  assert_not_computable (nobody, SCHOLIA_AGREEMENT_ALPHA_TOO_FEW_PARTICIPANTS);
  assert_not_computable (empty, SCHOLIA_AGREEMENT_ALPHA_EMPTY_TEXT);
  g_assert_null (scholia_agreement_alpha_status_describe (SCHOLIA_AGREEMENT_ALPHA_DEFINED));
}

/* Every participant marks every character as a unit of its own: chance could not place the
 * units otherwise, D_e = 0, and α is 0 / 0. */
static void
test_no_variation (void)
{
  g_autoptr(ScholiaAgreement) study = scholia_agreement_new (3, 2);

  for (guint p = 0; p < 2; p++)
    for (guint i = 0; i < 3; i++)
      scholia_agreement_add_span (study, p, i, i + 1);

  assert_not_computable (study, SCHOLIA_AGREEMENT_ALPHA_NO_VARIATION);
}

/* Spans of one participant that share characters count as one unit; spans that only touch
 * are two, as the participant drew them. */
static void
test_overlapping_spans_merge (void)
{
  static const Span overlapping[] = {
    { 0, 10, 20 }, { 0, 15, 30 }, { 0, 12, 14 },
    { 1, 10, 30 },
  };
  static const Span touching[] = {
    { 0, 10, 20 }, { 0, 20, 30 },
    { 1, 10, 30 },
  };
  g_autoptr(ScholiaAgreement) merged = study_new (40, 2, overlapping, G_N_ELEMENTS (overlapping));
  g_autoptr(ScholiaAgreement) apart = study_new (40, 2, touching, G_N_ELEMENTS (touching));
  ScholiaAgreementAlpha result;
  ScholiaAgreementSummary summary;

  g_assert_true (scholia_agreement_get_alpha (merged, &result));
  g_assert_cmpfloat (result.alpha, ==, 1.0);
  scholia_agreement_get_summary (merged, 0, &summary);
  g_assert_cmpuint (summary.marked, ==, 20);

  /* [10, 20) and [20, 30) against [10, 30): δ² = 0 + 10² twice; D_o = 2 · 200 / (2 · 1600). */
  g_assert_true (scholia_agreement_get_alpha (apart, &result));
  g_assert_cmpfloat_with_epsilon (result.observed, 0.125, 1e-12);
  scholia_agreement_get_summary (apart, 0, &summary);
  g_assert_cmpuint (summary.marked, ==, 20);
}

static void
test_spans_clipped (void)
{
  static const Span spans[] = {
    { 0, 5, 15 }, { 0, 12, 12 }, { 0, 25, 40 },
    { 1, 5, 10 },
  };
  g_autoptr(ScholiaAgreement) study = study_new (10, 2, spans, G_N_ELEMENTS (spans));
  const ScholiaAgreementSegment *segments;
  guint n_segments;

  segments = scholia_agreement_get_segments (study, &n_segments);
  g_assert_cmpuint (n_segments, ==, 1);
  g_assert_cmpuint (segments[0].start, ==, 5);
  g_assert_cmpuint (segments[0].end, ==, 10);
  g_assert_cmpuint (segments[0].n_marking, ==, 2);
}

static void
test_spans_after_asking (void)
{
  g_autoptr(ScholiaAgreement) study = scholia_agreement_new (10, 2);
  ScholiaAgreementAlpha result;

  scholia_agreement_add_span (study, 0, 1, 4);
  scholia_agreement_get_alpha (study, &result);
  g_test_expect_message ("Scholia", G_LOG_LEVEL_CRITICAL, "*fixed*");
  scholia_agreement_add_span (study, 1, 1, 4);
  g_test_assert_expected_messages ();
}

/* Four participants on twenty characters:
 *   0: [0, 10)     1: [5, 15)     2: [5, 10) and [10, 12), touching     3: nothing
 * The strip: [0, 5) by 0; [5, 10) by 0, 1, 2; [10, 12) by 1, 2; [12, 15) by 1; nothing after.
 * The majority (more than two of four) marked [5, 10) only. */
static void
test_map (void)
{
  static const Span spans[] = {
    { 0, 0, 10 },
    { 1, 5, 15 },
    { 2, 5, 10 }, { 2, 10, 12 },
  };
  static const struct { guint start, end, n_marking; gboolean by[4]; } expected[] = {
    { 0, 5, 1, { TRUE, FALSE, FALSE, FALSE } },
    { 5, 10, 3, { TRUE, TRUE, TRUE, FALSE } },
    { 10, 12, 2, { FALSE, TRUE, TRUE, FALSE } },
    { 12, 15, 1, { FALSE, TRUE, FALSE, FALSE } },
  };
  static const ScholiaAgreementSummary summaries[] = {
    { 10, 5, 0, 0.5 },
    { 10, 5, 0, 0.5 },
    { 7, 5, 0, 5.0 / 7.0 },
    { 0, 0, 5, 0.0 },
  };
  g_autoptr(ScholiaAgreement) study = study_new (20, 4, spans, G_N_ELEMENTS (spans));
  const ScholiaAgreementSegment *segments;
  guint n_segments;

  segments = scholia_agreement_get_segments (study, &n_segments);
  g_assert_cmpuint (n_segments, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n_segments; i++)
    {
      g_assert_cmpuint (segments[i].start, ==, expected[i].start);
      g_assert_cmpuint (segments[i].end, ==, expected[i].end);
      g_assert_cmpuint (segments[i].n_marking, ==, expected[i].n_marking);
      for (guint p = 0; p < 4; p++)
        g_assert_cmpint (scholia_agreement_segment_marked_by (study, i, p), ==, expected[i].by[p]);
    }

  for (guint p = 0; p < 4; p++)
    {
      ScholiaAgreementSummary summary;

      scholia_agreement_get_summary (study, p, &summary);
      g_assert_cmpuint (summary.marked, ==, summaries[p].marked);
      g_assert_cmpuint (summary.marked_with_majority, ==, summaries[p].marked_with_majority);
      g_assert_cmpuint (summary.majority_only, ==, summaries[p].majority_only);
      g_assert_cmpfloat_with_epsilon (summary.agreement, summaries[p].agreement, 1e-12);
    }
}

/* Forty participants, more than one word of the set: participant p marks [p, p + 10). Every
 * position from 0 to 49 is an edge, so the strip has 49 segments, and segment i ([i, i + 1))
 * is marked by participants i - 9 .. i (those that exist). */
static void
test_map_many_participants (void)
{
  g_autoptr(ScholiaAgreement) study = scholia_agreement_new (100, 40);
  const ScholiaAgreementSegment *segments;
  guint n_segments;

  for (guint p = 0; p < 40; p++)
    scholia_agreement_add_span (study, p, p, p + 10);

  segments = scholia_agreement_get_segments (study, &n_segments);
  g_assert_cmpuint (n_segments, ==, 49);
  for (guint i = 0; i < n_segments; i++)
    {
      guint first = i >= 9 ? i - 9 : 0;
      guint last = MIN (i, 39);

      g_assert_cmpuint (segments[i].start, ==, i);
      g_assert_cmpuint (segments[i].end, ==, i + 1);
      g_assert_cmpuint (segments[i].n_marking, ==, last - first + 1);
      for (guint p = 0; p < 40; p++)
        g_assert_cmpint (scholia_agreement_segment_marked_by (study, i, p), ==,
                         p >= first && p <= last);
    }
}

/* The definition as Krippendorff writes it, summed over every pair of segments (units and
 * blanks) of every two participants and over every unit against every blank: slow, and the
 * yardstick for the fast walk. Each participant's units are disjoint and sorted. */
typedef struct
{
  guint    start;
  guint    length;
  gboolean unit;
} Segment;

static double
distance (const Segment *g,
          const Segment *h)
{
  double begins = (double) g->start - h->start;
  double ends = (double) (g->start + g->length) - (h->start + h->length);

  if (g->unit && h->unit && g->start < h->start + h->length && h->start < g->start + g->length)
    return begins * begins + ends * ends;
  if (g->unit && !h->unit && h->start <= g->start && g->start + g->length <= h->start + h->length)
    return (double) g->length * g->length;
  if (!g->unit && h->unit && g->start <= h->start && h->start + h->length <= g->start + g->length)
    return (double) h->length * h->length;
  return 0.0;
}

static void
reference_alpha (GArray **partitions,
                 guint    m,
                 guint    length,
                 double  *observed,
                 double  *expected)
{
  double sum = 0.0;
  double places = 0.0;
  double squares = 0.0;
  guint n_units = 0;

  for (guint i = 0; i < m; i++)
    for (guint j = 0; j < m; j++)
      if (i != j)
        for (guint g = 0; g < partitions[i]->len; g++)
          for (guint h = 0; h < partitions[j]->len; h++)
            sum += distance (&g_array_index (partitions[i], Segment, g),
                             &g_array_index (partitions[j], Segment, h));
  *observed = sum / (m * (m - 1.0) * length * length);

  for (guint i = 0; i < m; i++)
    for (guint g = 0; g < partitions[i]->len; g++)
      n_units += g_array_index (partitions[i], Segment, g).unit;

  for (guint i = 0; i < m; i++)
    for (guint g = 0; g < partitions[i]->len; g++)
      {
        const Segment *unit = &g_array_index (partitions[i], Segment, g);
        double l = unit->length;

        if (!unit->unit)
          continue;
        places += (n_units - 1.0) * (2 * l * l * l - 3 * l * l + l) / 3.0;
        for (guint j = 0; j < m; j++)
          for (guint h = 0; h < partitions[j]->len; h++)
            {
              const Segment *blank = &g_array_index (partitions[j], Segment, h);

              if (!blank->unit && blank->length >= unit->length)
                places += l * l * (blank->length - unit->length + 1.0);
            }
        squares += l * (l - 1.0);
      }
  *expected = 2.0 / length * places / (m * length * (m * length - 1.0) - squares);
}

static void
test_matches_definition (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1995);

  for (guint round = 0; round < 50; round++)
    {
      guint m = g_rand_int_range (rand, 2, 7);
      guint length = g_rand_int_range (rand, 30, 400);
      g_autoptr(ScholiaAgreement) study = scholia_agreement_new (length, m);
      g_autofree GArray **partitions = g_new0 (GArray *, m);
      ScholiaAgreementAlpha result;
      double observed, expected;
      gboolean marked = FALSE;

      for (guint p = 0; p < m; p++)
        {
          guint position = 0;

          partitions[p] = g_array_new (FALSE, FALSE, sizeof (Segment));
          /* Blanks of 0 to 40 (0: touching units), units of 1 to 30. */
          while (TRUE)
            {
              guint blank = g_rand_int_range (rand, 0, 41);
              guint unit = g_rand_int_range (rand, 1, 31);
              Segment segment;

              if (position + blank + unit > length)
                break;
              if (blank > 0)
                {
                  segment = (Segment) { position, blank, FALSE };
                  g_array_append_val (partitions[p], segment);
                }
              segment = (Segment) { position + blank, unit, TRUE };
              g_array_append_val (partitions[p], segment);
              scholia_agreement_add_span (study, p, position + blank, position + blank + unit);
              position += blank + unit;
              marked = TRUE;
            }
          if (position < length)
            {
              Segment segment = { position, length - position, FALSE };

              g_array_append_val (partitions[p], segment);
            }
        }

      if (marked)
        {
          reference_alpha (partitions, m, length, &observed, &expected);
          g_assert_true (scholia_agreement_get_alpha (study, &result));
          g_assert_cmpfloat_with_epsilon (result.observed, observed, 1e-9 * MAX (observed, 1.0));
          g_assert_cmpfloat_with_epsilon (result.expected, expected, 1e-9 * MAX (expected, 1.0));
        }

      for (guint p = 0; p < m; p++)
        g_array_unref (partitions[p]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreement/alpha/krippendorff-2004-example", test_krippendorff_2004_example);
  g_test_add_func ("/agreement/alpha/krippendorff-1995-observed", test_krippendorff_1995_observed);
  g_test_add_func ("/agreement/alpha/perfect-agreement-is-one", test_perfect_agreement);
  g_test_add_func ("/agreement/alpha/hand-computed", test_hand_computed);
  g_test_add_func ("/agreement/alpha/systematic-disagreement-below-zero",
                   test_systematic_disagreement);
  g_test_add_func ("/agreement/alpha/nobody-marked-is-not-computable", test_nobody_marked);
  g_test_add_func ("/agreement/alpha/too-few-participants", test_too_few_participants);
  g_test_add_func ("/agreement/alpha/no-variation", test_no_variation);
  g_test_add_func ("/agreement/alpha/matches-definition", test_matches_definition);
  g_test_add_func ("/agreement/spans/overlapping-merge", test_overlapping_spans_merge);
  g_test_add_func ("/agreement/spans/clipped-to-the-essay", test_spans_clipped);
  g_test_add_func ("/agreement/spans/refused-after-asking", test_spans_after_asking);
  g_test_add_func ("/agreement/map/segments-and-summaries", test_map);
  g_test_add_func ("/agreement/map/many-participants", test_map_many_participants);

  return g_test_run ();
}
