/**
 * Support per bid, and the event's optional thresholds that rule bids out before any rule runs.
 * A bid that fails a threshold is never funded by any pot, and the result says why (as facts).
 */
import { singleMethod } from '../ballot-sections.ts';
import { problemOf } from '../problem.ts';
import type { EventDefinition } from '../schema.ts';
import type { Profile } from './profile.ts';
import type { BidSupport } from './types.ts';

export function bidSupport(event: EventDefinition, profile: Profile): BidSupport[] {
  const { minSupportShare, minAverageScoreShare } = event.thresholds ?? {};
  // Average scores only mean something on a ballot of one score part.
  const method = singleMethod(event);
  return profile.bidIds.map((bidId, i) => {
    const support = profile.support[i] ?? 0;
    const voters = profile.voters[i] ?? 0;
    const row: BidSupport = { bidId, support, voters };
    if (minSupportShare !== undefined && voters < minSupportShare * profile.ballots) {
      row.excludedBy = problemOf('below-min-support', {
        voters,
        ballots: profile.ballots,
        share: minSupportShare,
      });
    } else if (minAverageScoreShare !== undefined && method?.kind === 'score') {
      const scored = profile.scored[i] ?? 0;
      // Compared without dividing, so an average exactly at the threshold is not lost to rounding.
      const below = scored === 0 || support < minAverageScoreShare * method.max * scored;
      if (below) {
        const average = scored === 0 ? 0 : Math.round((support / scored) * 100) / 100;
        row.excludedBy = problemOf('below-min-average-score', {
          average,
          max: method.max,
          share: minAverageScoreShare,
        });
      }
    }
    return row;
  });
}
