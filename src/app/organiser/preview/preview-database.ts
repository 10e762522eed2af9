/**
 * The station database as the organiser's preview uses it: the real StationDatabase (so the voter's
 * screens and `castBallot` run unchanged: validation, transaction, outbox), under a name of its
 * own, with a layer under Dexie that stores nothing. Every write is answered "done" without
 * touching the disk, and the station's settings are a made-up preview station, so a cast ballot is
 * checked exactly as on a tablet and then dropped: nothing reaches the tablet's ballots, its
 * outbox or the tally server. Each dropped ballot is reported to `onBallotDropped`.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable } from 'dexie';
import { StationDatabase, type StationRow } from '../../../db/database.ts';

export const PREVIEW_DATABASE_NAME = 'decision-day-preview';

/** The preview's station: never stored, and its PIN (a hash of nothing) opens nothing. */
const PREVIEW_STATION: StationRow = {
  key: 'this',
  stationId: 'preview',
  name: 'Preview',
  eventId: 'preview',
  pin: { algorithm: 'PBKDF2-SHA-256', iterations: 1000, salt: '', hash: '' },
  failedPinAttempts: 0,
  pinLockedUntil: 0,
};

/** The primary key of each value a write would have stored, as IndexedDB would answer. */
function keysOf(table: DBCoreTable, req: DBCoreMutateRequest): unknown[] {
  if (req.type === 'add' || req.type === 'put') {
    const path = table.schema.primaryKey.keyPath;
    const given: readonly unknown[] = req.keys ?? [];
    return req.values.map((value: Record<string, unknown>, i): unknown =>
      typeof path === 'string' ? value[path] : (given[i] ?? i),
    );
  }
  return req.type === 'delete' ? req.keys : [];
}

export function createPreviewDatabase(onBallotDropped: () => void): StationDatabase {
  const db = new StationDatabase(PREVIEW_DATABASE_NAME);
  db.use({
    stack: 'dbcore',
    name: 'preview-stores-nothing',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req): Promise<DBCoreMutateResponse> => {
            if (name === 'ballots' && req.type === 'add') onBallotDropped();
            const results = keysOf(table, req);
            return Promise.resolve({
              numFailures: 0,
              failures: {},
              results,
              lastResult: results[results.length - 1],
            });
          },
          get: (req) =>
            name === 'station'
              ? Promise.resolve(req.key === 'this' ? { ...PREVIEW_STATION } : undefined)
              : table.get(req),
        };
      },
    }),
  });
  return db;
}
