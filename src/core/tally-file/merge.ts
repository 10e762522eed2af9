/**
 * Merging tally files of one event: a union by ballot id. The output is the canonical file of the
 * union, so merging is idempotent and order-independent, byte for byte. A ballot id with two
 * different contents is a conflict and refuses the merge: which one is true is for a person to find.
 */
import { canonicalJson } from '../canonical-json.ts';
import { err, ok, type Result } from '../result.ts';
import type { Ballot, EventDefinition } from '../schema.ts';
import type { TallyFileProblem } from './format.ts';
import { readTallyFile } from './read.ts';
import { writeTallyFile } from './write.ts';
import type { VoidChange } from './void-record.ts';
import type { ClosingChange } from './closing-record.ts';
import type { WithdrawalChange } from './withdrawal-record.ts';

/** How many conflicting ids a problem lists before "and N more". */
const LISTED = 5;

/** Keeps, for `key`, the earliest change (then the smallest), whatever order files come in. */
function keepEarliest<T extends { at: string }>(
  kept: Map<string, { change: T; json: string }>,
  key: string,
  change: T,
  json: string,
): void {
  const known = kept.get(key);
  if (
    known === undefined ||
    change.at < known.change.at ||
    (change.at === known.change.at && json < known.json)
  ) {
    kept.set(key, { change, json });
  }
}

export function mergeTallyFiles(
  texts: readonly string[],
): Result<{ text: string; ballots: number; duplicates: number }, TallyFileProblem> {
  if (texts.length === 0) return err({ code: 'no-files', params: {} });
  let first: { event: EventDefinition; eventHash: string } | null = null;
  const union = new Map<string, { ballot: Ballot; json: string }>();
  const conflicts = new Set<string>();
  const voids = new Map<string, { change: VoidChange; json: string }>();
  const withdrawals = new Map<string, { change: WithdrawalChange; json: string }>();
  // One closing sheet per station: the one the server received first (a station's own export has
  // no receipt time), then the smallest, so the merge stays order-independent.
  const closings = new Map<string, { change: ClosingChange; rank: string }>();
  let duplicates = 0;
  for (const [index, text] of texts.entries()) {
    const file = index + 1;
    const read = readTallyFile(text);
    if (!read.ok) {
      return err({ ...read.error, file, params: { ...read.error.params, file } });
    }
    const { event, eventHash, ballots } = read.value;
    // A void travels with its ballot. Two files voiding one ballot differently: the earliest
    // (then the smallest) record wins, so the merge stays order-independent.
    for (const { ballot, reason, at, by } of read.value.voids) {
      const change = { ballot, reason, at, by };
      keepEarliest(voids, ballot, change, canonicalJson(change));
    }
    // A withdrawal likewise: one per bid, the earliest (then the smallest) record.
    for (const { bid, reason, at, by } of read.value.withdrawals) {
      const change = { bid, reason, at, by };
      keepEarliest(withdrawals, bid, change, canonicalJson(change));
    }
    for (const { sheet, receivedAt, joined } of read.value.closings) {
      const change: ClosingChange = {
        sheet,
        ...(receivedAt === undefined ? {} : { receivedAt }),
        ...(joined === undefined ? {} : { joined }),
      };
      const rank = `${receivedAt === undefined ? 1 : 0}${receivedAt ?? ''}${canonicalJson(change)}`;
      const known = closings.get(sheet.station);
      if (known === undefined || rank < known.rank) closings.set(sheet.station, { change, rank });
    }
    if (first === null) {
      first = { event, eventHash };
    } else if (event.id !== first.event.id) {
      return err({
        code: 'other-event',
        file,
        params: {
          file,
          event: event.id,
          eventName: event.name,
          firstEvent: first.event.id,
          firstEventName: first.event.name,
        },
      });
    } else if (eventHash !== first.eventHash) {
      return err({
        code: 'event-changed',
        file,
        params: { file, event: event.id, eventName: event.name },
      });
    }
    for (const ballot of ballots) {
      const json = canonicalJson(ballot);
      const known = union.get(ballot.id);
      if (known === undefined) union.set(ballot.id, { ballot, json });
      else if (known.json === json) duplicates += 1;
      else conflicts.add(ballot.id);
    }
  }
  if (first === null) throw new Error('mergeTallyFiles: at least one file was read');
  if (conflicts.size > 0) {
    const ids = [...conflicts].sort();
    return err({
      code: 'conflict',
      params: {
        count: ids.length,
        ids: ids.slice(0, LISTED).join(', '),
        more: Math.max(0, ids.length - LISTED),
      },
    });
  }
  const ballots = [...union.values()].map((v) => v.ballot);
  const voided = [...voids.values()].map((v) => v.change);
  return ok({
    text: writeTallyFile(
      first.event,
      ballots,
      voided,
      [...closings.values()].map((c) => c.change),
      [...withdrawals.values()].map((w) => w.change),
    ),
    ballots: ballots.length,
    duplicates,
  });
}
