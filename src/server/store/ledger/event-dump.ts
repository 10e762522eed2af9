/**
 * Checks on an event's records before a store takes them in (`restoreEvent`, tally-store.ts
 * StoreCopying): only known names, a tally file that verifies whole (not merely up to a seal), of
 * the event it claims, with a join code. Shared by the file store and the PostgreSQL store.
 */
import { problemSummary } from '../../../core/problem.ts';
import { readTallyFile } from '../../../core/tally-file/index.ts';
import { nativeSha256 } from '../native-sha256.ts';
import { DamagedTallyFile } from '../recover-tally.ts';
import type { StationRecord } from '../station-book.ts';
import { EVENT_RECORD_NAME, EventChangeRefused, type EventDump } from '../tally-store.ts';
import { LOG_NAMES, META, REGISTRY, TALLY } from './ledger-medium.ts';

/** A dump that cannot be an event's records (an unknown name, a missing part). */
export class BadEventDump extends Error {
  override readonly name = 'BadEventDump';
}

/** The dump's join code and stations, once it is known to be whole and verified. */
export function checkDump(dump: EventDump): {
  joinCode: string;
  stations: StationRecord[];
  /** The tally's ballot ids, in file order. */
  ballotIds: string[];
} {
  const names = Object.keys(dump.files);
  const unknown = names.filter((n) => !EVENT_RECORD_NAME.test(n));
  if (unknown.length > 0) {
    throw new BadEventDump(`Event ${dump.eventId}: unknown records ${unknown.join(', ')}.`);
  }
  const tally = dump.files[TALLY];
  const meta = dump.files[META];
  const registry = dump.files[REGISTRY];
  if (tally === undefined || meta === undefined || registry === undefined) {
    throw new BadEventDump(
      `Event ${dump.eventId}: ${TALLY}, ${META} and ${REGISTRY} are all needed.`,
    );
  }
  const read = readTallyFile(tally, { sha256: nativeSha256 });
  if (!read.ok) {
    throw new DamagedTallyFile(
      `Event ${dump.eventId}: its tally file is damaged (${problemSummary(read.error)}).`,
      read.error,
    );
  }
  if (read.value.event.id !== dump.eventId) {
    throw new BadEventDump(
      `Event ${dump.eventId}: its tally file is of event ${read.value.event.id}.`,
    );
  }
  let joinCode: unknown;
  let stations: unknown;
  try {
    joinCode = (JSON.parse(meta) as { joinCode?: unknown }).joinCode;
    stations = (JSON.parse(registry) as { stations?: unknown }).stations;
  } catch {
    throw new BadEventDump(`Event ${dump.eventId}: ${META} or ${REGISTRY} is not JSON.`);
  }
  if (typeof joinCode !== 'string' || !Array.isArray(stations)) {
    throw new BadEventDump(`Event ${dump.eventId}: ${META} or ${REGISTRY} is malformed.`);
  }
  for (const [name, text] of Object.entries(dump.files)) {
    if (name.endsWith('.jsonl') && text !== '' && !text.endsWith('\n')) {
      throw new BadEventDump(`Event ${dump.eventId}: ${name} ends in the middle of a line.`);
    }
  }
  return {
    joinCode,
    stations: stations as StationRecord[],
    ballotIds: read.value.ballots.map((b) => b.id),
  };
}

/** Names of the records that are not the same in both (missing on one side included). */
export function differingRecords(
  held: Record<string, string>,
  incoming: Record<string, string>,
): string[] {
  const names = new Set([...Object.keys(held), ...Object.keys(incoming)]);
  return [...names].filter((n) => held[n] !== incoming[n]).sort();
}

/** A dump with every log present ('' when it has no line), as the file store's always are. */
export function withEmptyLogs(files: Record<string, string>): Record<string, string> {
  const out = { ...files };
  for (const name of Object.values(LOG_NAMES)) out[name] ??= '';
  return out;
}

/** The refusal for an event held already with different records. */
export function eventDiffers(eventId: string, differs: readonly string[]): EventChangeRefused {
  return new EventChangeRefused('event-exists', { event: eventId, differs: differs.join(',') });
}
