/**
 * Taking in what another server instance wrote to an event (PostgreSQL only): the tally lines it
 * appended after this instance's last one (ballots, voids, closings, withdrawals, changes of
 * state, seals), the quarantine, rehearsal and activity lines, and the documents it replaced.
 * Only the new rows are read and applied, so two busy instances do not reload whole events.
 *
 * The lines were written by an instance of this server under the event's row lock, chained from
 * the head this instance holds; each one's hash is still checked to follow from the last, so a
 * catch-up can never move this instance's chain onto a different one.
 */
import type { QuarantinedBallot } from '../../../core/protocol.ts';
import type { Ballot } from '../../../core/schema.ts';
import type {
  ChainHead,
  ClosingChange,
  VoidChange,
  WithdrawalChange,
} from '../../../core/tally-file/index.ts';
import type { EventState, StateChange } from '../../../core/event-lifecycle.ts';
import { canonicalJson, type Json } from '../../../core/canonical-json.ts';
import { plainBallotLine } from '../../../core/tally-file/ballot-shape.ts';
import { chainHashOf } from '../../../core/tally-file/format.ts';
import { nativeSha256 } from '../native-sha256.ts';
import type { ClosingBook } from '../closing-book.ts';
import type { VoidBook } from '../void-book.ts';
import type { WithdrawalBook } from '../withdrawal-book.ts';
import { parseActivityLog, type StationBook, type StationRecord } from '../station-book.ts';
import { CODES, REGISTRY, type ForeignChanges } from './ledger-medium.ts';
import { quarantineKey, type Lifecycle, type RehearsalLine } from './ledger-group.ts';

export interface CatchUpTarget {
  committed: Map<string, Ballot>;
  quarantineKeys: Set<string>;
  quarantined: QuarantinedBallot[];
  rehearsalIds: Set<string>;
  voids: VoidBook;
  closings: ClosingBook;
  withdrawals: WithdrawalBook;
  stationBook: StationBook;
  getHead(): ChainHead;
  setHead(head: ChainHead): void;
  getLifecycle(): Lifecycle;
  setLifecycle(lifecycle: Lifecycle): void;
  setCodeBook(text: string): void;
  noteCodeUse(ballot: Ballot, deliveredBy: string | null): void;
}

/** A line another instance wrote that does not follow this instance's chain. */
export class ForeignChainBroken extends Error {
  override readonly name = 'ForeignChainBroken';
}

type Line = { type?: unknown; hash?: unknown; [key: string]: unknown };

/** The tally lines of a catch-up, read and checked to follow this instance's chain. */
export interface ForeignTally {
  /** Each line's record (its hash taken off), in order. */
  records: Line[];
  /** The ballots among them. */
  ballots: Ballot[];
  head: ChainHead;
}

/** Reads the tally lines of `changes` and checks that they follow `from`; changes nothing. */
export function readForeignTally(from: ChainHead, lines: readonly string[]): ForeignTally {
  let head = from;
  const records: Line[] = [];
  const ballots: Ballot[] = [];
  for (const text of lines) {
    // Nearly every line: a ballot record written canonically, read by its template.
    const fast = plainBallotLine(text);
    if (fast !== null) {
      const hash = chainHashOf(head.hash, fast.canonical, nativeSha256);
      if (text.startsWith(hash, fast.hashAt)) {
        records.push({ type: 'ballot', ballot: fast.ballot });
        ballots.push(fast.ballot);
        head = { hash, records: head.records + 1, ballots: head.ballots + 1 };
        continue;
      }
    }
    const line = JSON.parse(text) as Line;
    const { hash, ...rest } = line;
    const expected = chainHashOf(head.hash, canonicalJson(rest as Json), nativeSha256);
    if (hash !== expected) {
      throw new ForeignChainBroken(
        `line ${head.records + 1} written by another instance does not follow this chain`,
      );
    }
    head = { hash: expected, records: head.records + 1, ballots: head.ballots };
    records.push(rest);
    if (line.type === 'ballot') {
      ballots.push(line['ballot'] as Ballot);
      head = { ...head, ballots: head.ballots + 1 };
    }
  }
  return { records, ballots, head };
}

/**
 * Applies `changes` to the ledger's state, synchronously (nothing else runs meanwhile); `tally`:
 * its tally lines already read (readForeignTally), else they are read here.
 */
export function applyForeign(
  target: CatchUpTarget,
  changes: ForeignChanges,
  log: (line: string) => void,
  tally: ForeignTally = readForeignTally(target.getHead(), changes.tally),
): void {
  const stations = changes.docs.get(REGISTRY);
  if (stations !== undefined) {
    const { stations: records } = JSON.parse(stations) as { stations: StationRecord[] };
    for (const record of records) {
      const held = target.stationBook.record(record.stationId);
      if (held === undefined) target.stationBook.add(record);
      else if (record.revokedAt !== undefined && held.revokedAt === undefined)
        target.stationBook.revoke(record.stationId, record.revokedAt, record.revokedBy ?? '');
    }
  }
  const codes = changes.docs.get(CODES);
  if (codes !== undefined) target.setCodeBook(codes);
  const { head, ballots: added } = tally;
  for (const rest of tally.records) {
    switch (rest.type) {
      case 'ballot': {
        const ballot = rest['ballot'] as Ballot;
        target.committed.set(ballot.id, ballot);
        break;
      }
      case 'void':
        target.voids.load([rest as unknown as VoidChange]);
        break;
      case 'closing':
        target.closings.load([rest as unknown as ClosingChange]);
        break;
      case 'withdrawal':
        target.withdrawals.load([rest as unknown as WithdrawalChange]);
        break;
      case 'state': {
        const { state, version, at, by } = rest as unknown as StateChange & { state: EventState };
        const before = target.getLifecycle();
        target.setLifecycle({
          state,
          version,
          history: [...before.history, { state, version, at, by }],
        });
        break;
      }
      default:
        break;
    }
  }
  target.setHead(head);
  for (const text of changes.quarantine) {
    const q = JSON.parse(text) as QuarantinedBallot;
    const key = quarantineKey(q);
    if (target.quarantineKeys.has(key)) continue;
    target.quarantineKeys.add(key);
    target.quarantined.push(q);
  }
  for (const text of changes.rehearsal) {
    const line = JSON.parse(text) as RehearsalLine;
    if (typeof line.id === 'string') target.rehearsalIds.add(line.id);
  }
  const deliveredBy = new Map<string, string>();
  const isStored = (id: string) => target.committed.has(id);
  for (const a of parseActivityLog(changes.activity.join(''), log)) {
    target.stationBook.apply(a, isStored);
    for (const id of a.ids) if (!deliveredBy.has(id)) deliveredBy.set(id, a.station);
  }
  for (const ballot of added) target.noteCodeUse(ballot, deliveredBy.get(ballot.id) ?? null);
}
