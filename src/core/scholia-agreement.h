/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the participants of a seminar agree on one tag in one essay: Krippendorff's α for
 * unitized data, the map the heat strip beside the text paints, and how far each participant
 * marked what most others marked.
 *
 * The essay is a continuum of @length code points. Participant p's spans with the tag are p's
 * units; the text p did not mark is p's blank. Every participant of the study counts, including
 * those who marked nothing: they marked the whole essay as blank. So the caller chooses who is
 * asked (for instance everyone who has annotated the essay at all).
 *
 * A participant's spans that share code points are merged into one unit first: a student who
 * marks a sentence and then part of it again has marked that sentence once. Spans that only
 * touch stay two units, since their common boundary is one the student drew (Krippendorff's
 * own examples have such units). Spans are clipped to the essay; empty ones are ignored.
 *
 * α is Krippendorff's α for unitizing, for one category, as defined in "On the reliability of
 * unitizing contiguous data" (Sociological Methodology 25: 47-76, 1995) and Content Analysis
 * (2nd ed., 2004; worked example on p. 254), the form DKPro Statistics implements as
 * KrippendorffAlphaUnitizingAgreement: α = 1 - D_o / D_e. D_o is the mean over every two
 * participants of the squared differences between the starts and between the ends of their
 * overlapping units, plus a unit's squared length where the other left that passage blank;
 * D_e is that disagreement expected if the units all participants marked lay at random in the
 * blanks. 1 is perfect agreement, 0 agreement by chance alone, below 0 systematic
 * disagreement. Krippendorff, Mathet, Bouvry and Widlöcher (Quality & Quantity 50, 2016)
 * later proposed another form for more than two coders; this is not it.
 *
 * A snapshot: add every span, then ask. Asking once fixes the study; spans added later are
 * refused. The work grows with the number of spans times the number of participants (every
 * two participants' units are walked side by side once), never with the essay's length. */
typedef struct _ScholiaAgreement ScholiaAgreement;

typedef enum
{
  SCHOLIA_AGREEMENT_ALPHA_DEFINED,
  SCHOLIA_AGREEMENT_ALPHA_TOO_FEW_PARTICIPANTS,  /* fewer than two: no one to agree with */
  SCHOLIA_AGREEMENT_ALPHA_EMPTY_TEXT,            /* an essay of no characters */
  SCHOLIA_AGREEMENT_ALPHA_NOTHING_MARKED,        /* nobody used the tag here */
  SCHOLIA_AGREEMENT_ALPHA_NO_VARIATION,          /* marks chance could not have varied (every
                                                  * character marked as a unit of its own by
                                                  * everyone): 0 / 0 */
} ScholiaAgreementAlphaStatus;

typedef struct
{
  ScholiaAgreementAlphaStatus status;
  double alpha;     /* 1 − observed / expected when DEFINED; 0 otherwise, never NaN */
  double observed;  /* D_o */
  double expected;  /* D_e */
} ScholiaAgreementAlpha;

/* A stretch of the essay over which the same participants marked the tag: maximal, so that
 * the next segment starts where one participant starts or stops marking. Only stretches that
 * at least one participant marked are listed; between them nobody marked the tag. */
typedef struct
{
  guint start;         /* code points: the first marked */
  guint end;           /* code points: one past the last */
  guint n_marking;     /* how many participants marked it, 1..n_participants */
} ScholiaAgreementSegment;

/* One participant against the majority, that is the code points more than half of all
 * participants marked. */
typedef struct
{
  guint  marked;                /* code points the participant marked (overlaps once) */
  guint  marked_with_majority;  /* of those, the ones the majority marked too */
  guint  majority_only;         /* code points the majority marked and this participant did not */
  double agreement;             /* marked_with_majority / (marked + majority_only): the share of
                                 * what either marked that both marked; 1 when neither marked
                                 * anything, since then they agree */
} ScholiaAgreementSummary;

ScholiaAgreement *scholia_agreement_new             (guint                     length,
                                                     guint                     n_participants);
void              scholia_agreement_free            (ScholiaAgreement         *self);
/* @participant (0 .. n_participants − 1) marked [@start, @end) with the tag. */
void              scholia_agreement_add_span        (ScholiaAgreement         *self,
                                                     guint                     participant,
                                                     guint                     start,
                                                     guint                     end);
guint             scholia_agreement_get_length      (ScholiaAgreement         *self);
guint             scholia_agreement_get_n_participants (ScholiaAgreement      *self);

/* TRUE when α is defined; FALSE with @alpha->status saying why not. */
gboolean          scholia_agreement_get_alpha       (ScholiaAgreement         *self,
                                                     ScholiaAgreementAlpha    *alpha);
/* Why α could not be computed, in words a user reads; NULL when it was. */
const char       *scholia_agreement_alpha_status_describe (ScholiaAgreementAlphaStatus status);

/* The heat strip's segments in text order; the share of participants over a segment is
 * n_marking / n_participants. The array belongs to @self. */
const ScholiaAgreementSegment *scholia_agreement_get_segments (ScholiaAgreement *self,
                                                               guint            *n_segments);
/* Whether @participant is among those who marked segment @index. */
gboolean          scholia_agreement_segment_marked_by (ScholiaAgreement       *self,
                                                       guint                   index,
                                                       guint                   participant);
void              scholia_agreement_get_summary     (ScholiaAgreement         *self,
                                                     guint                     participant,
                                                     ScholiaAgreementSummary  *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaAgreement, scholia_agreement_free)

G_END_DECLS
