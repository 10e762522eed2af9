/**
 * Support per bid, and the thresholds that rule bids out before any rule runs: the event's (on
 * every bid's support row) and a pot's own, which replace the event's for that pot only. A bid
 * that fails the thresholds a pot counts with is never funded by that pot, and the result says why
 * (as facts).
 */
import { singleMethod } from '../ballot-sections.ts';
import { problemOf } from '../problem.ts';
import { unitsAsDecimal } from '../questions.ts';
import type { EventDefinition, Thresholds } from '../schema.ts';
import type { Profile } from './profile.ts';
import type { BidSupport, Exclusion } from './types.ts';

export function bidSupport(event: EventDefinition, profile: Profile): BidSupport[] {
  const excludedBy = thresholdCheck(event, profile, event.thresholds);
  return profile.bidIds.map((bidId, i) => {
    const row: BidSupport = {
      bidId,
      support: profile.support[i] ?? 0,
      voters: profile.voters[i] ?? 0,
    };
    const weighted = profile.weighted;
    if (weighted !== undefined) {
      row.weightedSupport = unitsAsDecimal(weighted.support[i] ?? 0, weighted.scale);
    }
    const why = excludedBy(i);
    if (why !== undefined) row.excludedBy = why;
    return row;
  });
}

/**
 * Why `thresholds` rule bid `i` out, or undefined when they let it through (or there are none).
 */
export function thresholdCheck(
  event: EventDefinition,
  profile: Profile,
  thresholds: Thresholds | undefined,
): (i: number) => Exclusion | undefined {
  const { minSupportShare, minAverageScoreShare } = thresholds ?? {};
  // Average scores only mean something on a ballot of one score part.
  const method = singleMethod(event);
  return (i) => {
    const support = profile.support[i] ?? 0;
    const voters = profile.voters[i] ?? 0;
    if (minSupportShare !== undefined && voters < minSupportShare * profile.ballots) {
      return problemOf('below-min-support', {
        voters,
        ballots: profile.ballots,
        share: minSupportShare,
      });
    }
    if (minAverageScoreShare !== undefined && method?.kind === 'score') {
      const scored = profile.scored[i] ?? 0;
      // Compared without dividing, so an average exactly at the threshold is not lost to rounding.
      const below = scored === 0 || support < minAverageScoreShare * method.max * scored;
      if (below) {
        const average = scored === 0 ? 0 : Math.round((support / scored) * 100) / 100;
        return problemOf('below-min-average-score', {
          average,
          max: method.max,
          share: minAverageScoreShare,
        });
      }
    }
    return undefined;
  };
}
