/**
 * Stations' closing sheets on the tally server (docs/check-in.md, "Closing a station"): taking
 * in the sheets a file carries, and the organiser's view of closings, reconciliation and turnout.
 */
import { picturePath, type PictureType } from '../core/event-package.ts';
import type { ClosingView, StationTally, Turnout } from '../core/protocol.ts';
import type { ClosingRecord } from '../core/tally-file/index.ts';
import { ClosingRefused } from './store/closing-book.ts';
import type { TallyStore } from './store/tally-store.ts';

/**
 * Records the closing sheets of an imported file, each with the server's time. A sheet already
 * there is not written again; a different sheet of a station already closed is left out (the
 * first one stays) and counted in `conflicts`. A draft records none.
 */
export async function importClosings(
  store: TallyStore,
  eventId: string,
  closings: readonly ClosingRecord[],
  now: Date,
): Promise<{ added: number; conflicts: number }> {
  let added = 0;
  let conflicts = 0;
  for (const { sheet } of closings) {
    try {
      const outcome = await store.recordClosing(eventId, {
        sheet,
        receivedAt: now.toISOString(),
      });
      if (outcome.added) added += 1;
    } catch (e) {
      if (!(e instanceof ClosingRefused)) throw e;
      if (e.code === 'closing-conflict') conflicts += 1;
    }
  }
  return { added, conflicts };
}

/** Where the photo a sheet names is stored, if the server has it (a tablet sends it as JPEG). */
function photoPathOf(store: TallyStore, sha256: string | undefined): string | null {
  if (sha256 === undefined) return null;
  const type = PHOTO_TYPES.find((t) => store.hasPicture(sha256, t));
  return type === undefined ? null : picturePath(sha256, type);
}
const PHOTO_TYPES: readonly PictureType[] = ['image/jpeg', 'image/png', 'image/webp'];

/** Closing sheets, what the tally holds per station, and ballots per station and hour. */
export function stationReport(
  store: TallyStore,
  eventId: string,
): { closings: ClosingView[]; tallies: StationTally[]; turnout: Turnout[] } {
  const closings = store.closings(eventId).map((c) => ({
    sheet: c.sheet,
    receivedAt: c.receivedAt ?? null,
    joined: c.joined ?? null,
    photoPath: photoPathOf(store, c.sheet.photo),
  }));
  const joinedBy = new Map<string, string>();
  for (const s of store.stations(eventId)) {
    if (s.ballotStation !== undefined) joinedBy.set(s.ballotStation, s.stationId);
  }
  const tallies = new Map<string, StationTally>();
  const hours = new Map<string, Turnout>();
  for (const { ballot, void: voided } of store.ballots(eventId)) {
    const station = ballot.stationId;
    const tally = tallies.get(station) ?? {
      station,
      screen: 0,
      paper: 0,
      voided: 0,
      codes: 0,
      joined: joinedBy.get(station) ?? null,
    };
    if (ballot.paper === true) tally.paper += 1;
    else tally.screen += 1;
    if (voided !== undefined) tally.voided += 1;
    if (ballot.code !== undefined) tally.codes += 1;
    tallies.set(station, tally);
    // Voided ballots were still cast at that hour: turnout counts them (the tally does not).
    const key = `${station}\n${ballot.castHour}`;
    const hour = hours.get(key) ?? { station, hour: ballot.castHour, ballots: 0 };
    hour.ballots += 1;
    hours.set(key, hour);
  }
  const byStation = (a: { station: string }, b: { station: string }) =>
    a.station < b.station ? -1 : a.station > b.station ? 1 : 0;
  return {
    closings: closings.sort((a, b) => byStation(a.sheet, b.sheet)),
    tallies: [...tallies.values()].sort(byStation),
    turnout: [...hours.values()].sort((a, b) => byStation(a, b) || (a.hour < b.hour ? -1 : 1)),
  };
}
