/**
 * Which stations joined an event and what each has reported: the registry (name and token hash,
 * rewritten whole and atomically on each join, which is rare) and the activity that every push
 * appends to a log (cast count, time, ids delivered). From these come cast / received / missing.
 * Only the SHA-256 of a station token is ever stored.
 */
import { checkLanguageCounts } from '../../core/closing.ts';
import type { StationStatus } from '../../core/protocol.ts';

export interface StationRecord {
  stationId: string;
  eventId: string;
  name: string;
  tokenHash: string;
  joinedAt: string;
  /**
   * When the organiser removed this station from the event (a lost tablet), and who: its token
   * is refused from then on (403 station-revoked); the ballots it delivered stay and count.
   */
  revokedAt?: string;
  revokedBy?: string;
}

/** One line of the activity log. */
export interface StationActivity {
  station: string;
  cast: number;
  at: string;
  /** Ids this push stored (new or already there): what the station has now delivered. */
  ids: string[];
  /** Its screen ballots per language so far, when it counts them (absent from older stations). */
  languages?: Record<string, number>;
}

interface Tally {
  cast: number;
  lastContact: string | null;
  received: Set<string>;
  languages?: Record<string, number>;
}

export class StationBook {
  private readonly records = new Map<string, StationRecord>();
  private readonly tallies = new Map<string, Tally>();

  constructor(records: readonly StationRecord[]) {
    for (const record of records) this.add(record);
  }

  add(record: StationRecord): void {
    this.records.set(record.stationId, record);
    this.tallies.set(record.stationId, { cast: 0, lastContact: null, received: new Set() });
  }

  record(stationId: string): StationRecord | undefined {
    return this.records.get(stationId);
  }

  /** Marks a station revoked (its tally of deliveries stays); the record as it now stands. */
  revoke(stationId: string, at: string, by: string): StationRecord | undefined {
    const current = this.records.get(stationId);
    if (current === undefined || current.revokedAt !== undefined) return current;
    const revoked: StationRecord = { ...current, revokedAt: at, revokedBy: by };
    this.records.set(stationId, revoked);
    return revoked;
  }

  all(): StationRecord[] {
    return [...this.records.values()];
  }

  /**
   * Replays a line of the log, or applies a new push once it is durable. Ids are counted only if
   * `isStored` confirms them: after a crash the log may name ballots whose append was cut.
   */
  apply(activity: StationActivity, isStored: (id: string) => boolean): number {
    const tally = this.tallies.get(activity.station);
    if (tally === undefined) return 0;
    tally.cast = activity.cast;
    tally.lastContact = activity.at;
    // The latest count replaces the last (a push without one, from an older app, keeps it).
    if (activity.languages !== undefined) tally.languages = activity.languages;
    for (const id of activity.ids) if (isStored(id)) tally.received.add(id);
    return tally.received.size;
  }

  /** One ballot id this station delivered, if any. */
  anyReceived(stationId: string): string | undefined {
    const received = this.tallies.get(stationId)?.received;
    if (received === undefined) return undefined;
    for (const id of received) return id;
    return undefined;
  }

  received(stationId: string): number {
    return this.tallies.get(stationId)?.received.size ?? 0;
  }

  /** Each station's latest ballots per language, for the inclusion report (never shown raw). */
  languages(): { stationId: string; languages: Record<string, number> }[] {
    return this.all().flatMap(({ stationId }) => {
      const languages = this.tallies.get(stationId)?.languages;
      return languages === undefined ? [] : [{ stationId, languages }];
    });
  }

  status(): StationStatus[] {
    return this.all().map((record) => {
      const tally = this.tallies.get(record.stationId);
      const cast = tally?.cast ?? 0;
      const received = tally?.received.size ?? 0;
      return {
        stationId: record.stationId,
        name: record.name,
        cast,
        received,
        missing: Math.max(0, cast - received),
        lastContact: tally?.lastContact ?? null,
        ...(record.revokedAt !== undefined && { revokedAt: record.revokedAt }),
      };
    });
  }
}

/** Parses the activity log, skipping a torn last line (a crash mid-append) or a damaged one. */
export function parseActivityLog(text: string, warn: (message: string) => void): StationActivity[] {
  const out: StationActivity[] = [];
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    try {
      const value = JSON.parse(line) as Partial<StationActivity>;
      if (
        typeof value.station === 'string' &&
        typeof value.cast === 'number' &&
        typeof value.at === 'string' &&
        Array.isArray(value.ids) &&
        (value.languages === undefined || checkLanguageCounts(value.languages))
      ) {
        out.push(value as StationActivity);
        return;
      }
    } catch {
      // Reported below, like a line of the wrong shape.
    }
    warn(`station activity log line ${index + 1} is unreadable and was skipped`);
  });
  return out;
}
