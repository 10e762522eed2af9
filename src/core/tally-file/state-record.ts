/**
 * The tally file's lifecycle record: `{ type: "state", state, version, at, by }`, hash-chained like
 * every record and followed by a seal. It records each change of an event's state (draft, open,
 * closed, final; see event-lifecycle.ts) with the time and who made it, so the file itself shows
 * when voting opened and closed and when the count was sealed. See docs/tally-file.md.
 *
 * Writing needs no zod (like write.ts); reading checks the shape and the order of states.
 */
import { canMoveTo, isEventState, type EventState, type StateChange } from '../event-lifecycle.ts';
import { sha256Hex } from '../hash.ts';
import { err, ok, type Result } from '../result.ts';
import { appendSealed, type ChainHead, type Sha256, type TallyFileProblem } from './format.ts';

export type StateRecord = { type: 'state' } & StateChange;

/** The lines for some state changes, then a seal (so the file stays complete after them). */
export function appendStates(
  head: ChainHead,
  changes: readonly StateChange[],
  sha256: Sha256 = sha256Hex,
): { text: string; head: ChainHead } {
  return appendSealed(
    head,
    changes.map((c) => ({
      type: 'state',
      state: c.state,
      version: c.version,
      at: c.at,
      by: c.by,
    })),
    sha256,
  );
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const KEYS = ['at', 'by', 'hash', 'state', 'type', 'version'];

const bad = (
  line: number,
  params: Record<string, string | number>,
): Result<never, TallyFileProblem> => err({ code: 'bad-state', line, params: { line, ...params } });

/**
 * A state record read from line `line` (already chain-checked), given the state before it (null
 * when the file has none yet) and how many ballots precede it. A file written before state
 * records existed has none and is treated as open.
 */
export function readStateRecord(
  record: { [key: string]: unknown },
  line: number,
  before: EventState | null,
  ballots: number,
): Result<StateRecord, TallyFileProblem> {
  const { state, version, at, by } = record;
  const keys = Object.keys(record).sort();
  if (
    keys.join() !== KEYS.join() ||
    !isEventState(state) ||
    typeof version !== 'number' ||
    !Number.isSafeInteger(version) ||
    version < 1 ||
    typeof at !== 'string' ||
    !ISO_TIME.test(at) ||
    typeof by !== 'string' ||
    by.length === 0 ||
    by.length > 200
  ) {
    return bad(line, { kind: 'malformed' });
  }
  const starts = before === null && ballots === 0 && (state === 'draft' || state === 'open');
  if (!starts && !canMoveTo(before ?? 'open', state)) {
    // Not a step the lifecycle allows: the file was edited.
    return bad(line, { kind: 'order', state, from: before ?? 'open' });
  }
  return ok({ type: 'state', state, version, at, by });
}

/**
 * A ballot record on `line` while the file is in `state`: fine while open or closed (or before any
 * state record, in a file written before they existed); never in a draft, never after final.
 */
export function checkBallotState(
  state: EventState | null,
  line: number,
): Result<null, TallyFileProblem> {
  return state === null || state === 'open' || state === 'closed'
    ? ok(null)
    : bad(line, { kind: 'ballot', state });
}
