/**
 * A group commit's contents (event-ledger.ts): what the batches that arrived while the last append
 * was being written will append together, and the small helpers the ledger writes lines with.
 */
import type { QuarantinedBallot } from '../../../core/protocol.ts';
import type { Ballot, EventDefinition } from '../../../core/schema.ts';
import type { EventState, StateChange } from '../../../core/event-lifecycle.ts';
import {
  appendClosings,
  appendStates,
  appendVoids,
  appendWithdrawals,
  startTallyFile,
  type ChainHead,
  type ClosingChange,
  type VoidChange,
  type WithdrawalChange,
} from '../../../core/tally-file/index.ts';
import { nativeSha256 } from '../native-sha256.ts';
import { appendBallotLines, type BallotRecord } from './ballot-lines.ts';
import type { StationActivity } from '../station-book.ts';

export interface Lifecycle {
  state: EventState;
  version: number;
  history: StateChange[];
}

export interface Group {
  /** The ledger's catch-up count when the group was started: a catch-up since makes it stale. */
  generation: number;
  ballots: Ballot[];
  /** The ballots' records for the chain, kept from the group's first build for a rebuild. */
  records: BallotRecord[];
  quarantine: QuarantinedBallot[];
  activity: StationActivity[];
  /** Voids (void-book.ts), written after the group's ballots and before its changes of state. */
  voids: VoidChange[];
  /** Stations' closing sheets (closing-book.ts), written after the voids. */
  closings: ClosingChange[];
  /** Bids withdrawn (withdrawal-book.ts), written after the closings. */
  withdrawals: WithdrawalChange[];
  /** Changes of state, written after the group's ballots. */
  states: StateChange[];
  /** The lifecycle before the group's first change of state, restored if the write fails. */
  lifecycleBefore: Lifecycle | null;
  /**
   * Large batches (imports) still deciding their ballots a slice at a time: the group is not
   * written before they are done, so that a batch is all in one append or not at all.
   */
  holds: number;
  /** Called when the last hold is released. */
  unheld: (() => void)[];
  done: Promise<void>;
  resolve: () => void;
  reject: (e: Error) => void;
}

export function newGroup(generation: number): Group {
  let resolve = () => {};
  let reject: (e: Error) => void = () => {};
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A group nobody waits on (all its callers gone) must not become an unhandled rejection.
  done.catch(() => {});
  return {
    generation,
    ballots: [],
    records: [],
    quarantine: [],
    activity: [],
    voids: [],
    closings: [],
    withdrawals: [],
    states: [],
    lifecycleBefore: null,
    holds: 0,
    unheld: [],
    done,
    resolve,
    reject,
  };
}

export const jsonLines = (values: readonly unknown[]) =>
  values.map((v) => `${JSON.stringify(v)}\n`).join('');

/** The same rejected ballot pushed twice is quarantined once. */
export const quarantineKey = (q: QuarantinedBallot) =>
  `${q.code}\n${q.id}\n${JSON.stringify(q.ballot)}`;

/** A rehearsal log line: a ballot received while the event was a draft, and its check. */
export interface RehearsalLine {
  at: string;
  station: string | null;
  id: string;
  code?: string;
  ballot: unknown;
}

/**
 * A new tally file: the definition as header, then the given changes of state, then the closing
 * sheets carried over (none while a draft: a draft records no closing).
 */
export function tallyFileFor(
  event: EventDefinition,
  changes: readonly StateChange[],
  closings: readonly ClosingChange[],
): { text: string; head: ChainHead } {
  const start = startTallyFile(event);
  const states = appendStates(start.head, changes, nativeSha256);
  if (closings.length === 0) return { text: start.text + states.text, head: states.head };
  const carried = appendClosings(states.head, closings, nativeSha256);
  return { text: start.text + states.text + carried.text, head: carried.head };
}

export function parseLines<T>(text: string, log: (line: string) => void): T[] {
  const out: T[] = [];
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      log(`log line ${index + 1} is unreadable and was skipped`);
    }
  });
  return out;
}

/**
 * A group's tally lines chained on from `head`: its ballots (with their seal), then its voids,
 * closing sheets, withdrawals and changes of state; null when it has none. A large group (an
 * import) is hashed a slice at a time: pushes meanwhile join the next group.
 */
export async function groupChunk(
  head: ChainHead,
  group: Group,
): Promise<{ text: string; head: ChainHead } | null> {
  let at = head;
  let text = '';
  let any = false;
  const add = (part: { text: string; head: ChainHead }) => {
    text += part.text;
    at = part.head;
    any = true;
  };
  if (group.ballots.length > 0) add(await appendBallotLines(at, group.ballots, group.records));
  if (group.voids.length > 0) add(appendVoids(at, group.voids, nativeSha256));
  if (group.closings.length > 0) add(appendClosings(at, group.closings, nativeSha256));
  if (group.withdrawals.length > 0) add(appendWithdrawals(at, group.withdrawals, nativeSha256));
  if (group.states.length > 0) add(appendStates(at, group.states, nativeSha256));
  return any ? { text, head: at } : null;
}
