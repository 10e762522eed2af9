/**
 * A Pabulib file's votes straight into the tally's profile: what `decision-day tally FILE.pb`
 * counts, without a ballot object (nor a bid id string) per voter.
 */
import { createProfile, type Profile } from '../tally/profile.ts';
import type { PabulibRead } from './types.ts';

/**
 * The tally's profile of a file `readPabulib` read: the same as `createProfile` given each of
 * `pabulibBallots`' choices, but straight from the votes' numbers.
 */
export function pabulibProfile({ event, votes }: PabulibRead): Profile {
  const builder = createProfile(event);
  const { ids, ranks, values, ends } = votes;
  // A vote's bids are ranks in `ids` (sorted); the profile wants places in the event's bids.
  const place = new Map(event.bids.map((bid, i) => [bid.id, i]));
  const indexOfRank = Int32Array.from(ids, (id) => place.get(id) ?? -1);
  const count = ends.length === 0 ? 0 : (ends[ends.length - 1] as number);
  const indices = new Int32Array(count);
  for (let k = 0; k < count; k++) indices[k] = indexOfRank[ranks[k] as number] as number;
  let from = 0;
  for (const to of ends) {
    builder.addIndexed(indices, values, from, to);
    from = to;
  }
  return builder.build();
}
