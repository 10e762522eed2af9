// A fresh, uniquely named station database per test, on fake-indexeddb; deleted afterwards.
import { afterEach } from 'vitest';
import { StationDatabase } from '../../src/db/database.ts';
import { ensureEventLoaded } from '../../src/db/event-repo.ts';
import { setUpStation } from '../../src/db/station-setup.ts';

const opened: StationDatabase[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.delete()));
});

export function freshDatabase(): StationDatabase {
  const db = new StationDatabase(`test-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

/** Another connection to the same database, as after a reload or a browser restart. */
export function reopen(db: StationDatabase): StationDatabase {
  db.close();
  const again = new StationDatabase(db.name);
  opened.push(again);
  return again;
}

export const TEST_PIN = '271828';

/** A station as it is after a volunteer's first-start set-up with the demo event. */
export async function setUpDemoStation(db: StationDatabase = freshDatabase()) {
  const eventId = await ensureEventLoaded(db);
  const station = await setUpStation(db, {
    name: 'Church hall',
    pin: TEST_PIN,
    pinAgain: TEST_PIN,
    eventId,
  });
  if (!station.ok) throw new Error(station.error.code);
  return { db, station: station.value };
}
