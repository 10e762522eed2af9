/**
 * Reads the ballots a command works on from a tally file or a Pabulib (.pb) file, and the seed for
 * the tally's lot, which depends only on the event and the set of ballots.
 */
import { pabulibBallots, pabulibProfile, readPabulib } from '../core/pabulib/index.ts';
import type { Ballot, BidId, EventDefinition } from '../core/schema.ts';
import { createProfile, lazySeed, type Profile, type Seed } from '../core/tally/index.ts';
import {
  contentSeed,
  countedBallots,
  eventHash,
  readTallyFile,
  withdrawnBids,
  type WithdrawalRecord,
} from '../core/tally-file/index.ts';
import { englishPabulibProblem, englishTallyFileProblem } from './english.ts';
import { dataError, readBytes, textOfBytes, type CliFailure } from './io.ts';
import { ok, type Result } from '../core/result.ts';
import { nativeSha256 } from '../server/store/native-sha256.ts';

export interface LoadedBallots {
  event: EventDefinition;
  /**
   * The ballots counted: a tally file's voided ballots are left out. Made on first call: a count
   * of a Pabulib file needs only `profile` (and the ballots only if a lot is drawn).
   */
  ballots: () => Ballot[];
  /** The same ballots summed up for the tally (`tallyProfile`), made on first call. */
  profile: () => Profile;
  /** How many ballots the tally file's voids leave out (0 for Pabulib). */
  voided: number;
  /** Bids the organiser withdrew after voting (none for Pabulib), with their reasons. */
  withdrawals: WithdrawalRecord[];
  /** The same bids, for the tally's `withdrawn` option: no pot funds them. */
  withdrawn: BidId[];
  /** Worked out only if a lot is drawn (it hashes every ballot). */
  seed: Seed;
  kind: 'tally-file' | 'pabulib';
}

/** A .pb name, or a first line that is Pabulib's META section. */
const looksLikePabulib = (path: string, bytes: Uint8Array) =>
  path.toLowerCase().endsWith('.pb') ||
  /^\uFEFF?META\s*$/im.test(textOfBytes(bytes.subarray(0, 200)).split('\n')[0] ?? '');

export async function loadBallots(path: string): Promise<Result<LoadedBallots, CliFailure>> {
  const bytes = await readBytes(path);
  if (!bytes.ok) return bytes;
  if (looksLikePabulib(path, bytes.value)) {
    // Read from its bytes: a city's file is never decoded whole.
    const pb = readPabulib(bytes.value);
    if (!pb.ok) {
      const where = pb.error.line === undefined ? '' : ` (line ${pb.error.line})`;
      return dataError(`${path}${where}: ${englishPabulibProblem(pb.error)}`);
    }
    const { event } = pb.value;
    const ballots = once(() => pabulibBallots(pb.value));
    return ok({
      event,
      ballots,
      profile: once(() => pabulibProfile(pb.value)),
      voided: 0,
      withdrawals: [],
      withdrawn: [],
      seed: lazySeed(() => contentSeed(eventHash(event), ballots(), nativeSha256)),
      kind: 'pabulib',
    });
  }
  const file = readTallyFile(textOfBytes(bytes.value), { sha256: nativeSha256 });
  if (!file.ok) return dataError(`${path}: ${englishTallyFileProblem(file.error)}`);
  const { event } = file.value;
  const counted = countedBallots(file.value);
  const ballots = () => counted;
  return ok({
    event,
    ballots,
    profile: once(() => {
      const builder = createProfile(event);
      for (const ballot of counted) builder.add(ballot.choice, ballot.area);
      return builder.build();
    }),
    voided: file.value.voids.length,
    withdrawals: file.value.withdrawals,
    withdrawn: withdrawnBids(file.value),
    seed: lazySeed(() => contentSeed(file.value.eventHash, counted, nativeSha256)),
    kind: 'tally-file',
  });
}

/** `make`'s value, made on the first call only. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
