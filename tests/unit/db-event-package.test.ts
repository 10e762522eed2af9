// Loading an event package on a station: verified with the core's own checks (a bad file changes
// nothing), stored with its pictures and hash, and refused while the current event's ballots are
// neither synced nor exported.
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { eventFingerprint } from '../../src/core/event-package.ts';
import { MAX_PACKAGE_BYTES } from '../../src/core/events-api.ts';
import { eventHash } from '../../src/core/tally-file/format.ts';
import { castBallot } from '../../src/db/ballot-repo.ts';
import { getEvent } from '../../src/db/event-repo.ts';
import { markExported, unsavedBallots } from '../../src/db/event-status.ts';
import type { StationDatabase } from '../../src/db/database.ts';
import { readPackageFile, storePackage } from '../../src/sync/event-package.ts';
import { reopen, setUpDemoStation } from '../support/station-db.ts';
import {
  fileOf,
  PACKAGE_EVENT,
  packageText,
  PICTURE_BYTES,
  PICTURE_PATH,
  tamperedPackageText,
} from './sync-package-fixture.ts';

const NOW = new Date('2026-06-13T10:00:00Z');

async function read(text: string) {
  return readPackageFile(fileOf(text));
}

async function castDemo(db: StationDatabase, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const cast = await castBallot(db, {
      event: DEMO_EVENT,
      choice: { kind: 'approval', bids: [DEMO_EVENT.bids[i]!.id] },
      now: NOW,
    });
    if (!cast.ok) throw new Error(cast.error.code);
    ids.push(cast.value.id);
  }
  return ids;
}

describe('reading an event package file', () => {
  it('accepts the file the server makes, with its hash, fingerprint and picture', async () => {
    const pkg = await read(packageText());
    expect(pkg.ok).toBe(true);
    if (!pkg.ok) return;
    expect(pkg.value.event).toEqual(PACKAGE_EVENT);
    expect(pkg.value.eventHash).toBe(eventHash(PACKAGE_EVENT));
    expect(pkg.value.fingerprint).toBe(eventFingerprint(eventHash(PACKAGE_EVENT)));
    expect(pkg.value.fingerprint).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(pkg.value.pictures).toEqual([
      { path: PICTURE_PATH, type: 'image/png', bytes: PICTURE_BYTES },
    ]);
  });

  it('names what is wrong with a bad file', async () => {
    const file = JSON.parse(packageText()) as Record<string, unknown>;
    const picture = (file['pictures'] as { base64: string }[])[0]!;
    const changedPicture = {
      ...file,
      pictures: [{ ...picture, base64: btoa('not the same bytes') }],
    };
    const cases: [string, string][] = [
      [tamperedPackageText(), 'event-hash-mismatch'],
      [JSON.stringify(changedPicture), 'picture-hash-mismatch'],
      [JSON.stringify({ ...file, version: 2 }), 'unsupported-version'],
      [JSON.stringify({ ballots: [] }), 'not-a-package'],
      ['{"format":"decision-day-event-package", "version": 1, "eventHash": "', 'unreadable'],
      ['id,title\nb1,Bench', 'unreadable'],
      [JSON.stringify({ ...file, pictures: [] }), 'picture-missing'],
    ];
    for (const [text, code] of cases) {
      const result = await read(text);
      expect(result.ok ? 'ok' : result.error.code, code).toBe(code);
    }
  });

  it('refuses a file too large to be a package without reading it', async () => {
    let readIt = false;
    const huge = {
      size: MAX_PACKAGE_BYTES + 1,
      text: () => {
        readIt = true;
        return Promise.resolve('');
      },
    };
    const result = await readPackageFile(huge);
    expect(!result.ok && result.error).toMatchObject({
      code: 'too-large',
      params: { maxMegabytes: 64 },
    });
    expect(readIt).toBe(false);
  });
});

describe('storing an event package', () => {
  it('makes it the station’s event with its pictures and hash, kept through a reload', async () => {
    const { db } = await setUpDemoStation();
    const pkg = await read(packageText());
    if (!pkg.ok) throw new Error(pkg.error.code);
    expect((await storePackage(db, pkg.value)).ok).toBe(true);

    const again = reopen(db);
    expect((await again.station.get('this'))?.eventId).toBe(PACKAGE_EVENT.id);
    expect(await getEvent(again, PACKAGE_EVENT.id)).toEqual(PACKAGE_EVENT);
    const picture = await again.pictures.get(PICTURE_PATH);
    expect(picture?.type).toBe('image/png');
    expect([...(picture?.bytes ?? [])]).toEqual([...PICTURE_BYTES]);
    expect(await again.eventStatus.get(PACKAGE_EVENT.id)).toMatchObject({
      eventHash: eventHash(PACKAGE_EVENT),
      state: null,
      source: 'package',
    });
    // Ballots cast now carry the definition they were cast on.
    const cast = await castBallot(again, {
      event: PACKAGE_EVENT,
      choice: { kind: 'approval', bids: [PACKAGE_EVENT.bids[0]!.id] },
      now: NOW,
    });
    if (!cast.ok) throw new Error(cast.error.code);
    expect(await again.outbox.get(cast.value.id)).toMatchObject({
      eventHash: eventHash(PACKAGE_EVENT),
      state: 'waiting',
    });
    expect((await again.outbox.get(cast.value.id))?.rehearsal).toBeUndefined();
  });

  it('refuses to switch while ballots are unsynced and unexported, and allows it once exported', async () => {
    const { db } = await setUpDemoStation();
    const ids = await castDemo(db, 2);
    const pkg = await read(packageText());
    if (!pkg.ok) throw new Error(pkg.error.code);

    const refused = await storePackage(db, pkg.value);
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'unsaved-ballots',
      params: { count: 2, event: DEMO_EVENT.name },
    });
    // Nothing changed.
    expect((await db.station.get('this'))?.eventId).toBe(DEMO_EVENT.id);
    expect(await getEvent(db, PACKAGE_EVENT.id)).toBeUndefined();
    expect(await db.pictures.count()).toBe(0);

    await markExported(db, ids.slice(0, 1), NOW);
    expect(await unsavedBallots(db, DEMO_EVENT.id)).toBe(1);
    expect((await storePackage(db, pkg.value)).ok).toBe(false);

    await markExported(db, ids, NOW);
    expect((await storePackage(db, pkg.value)).ok).toBe(true);
    expect((await db.station.get('this'))?.eventId).toBe(PACKAGE_EVENT.id);
    // The demo's ballots stay on the tablet, still waiting for a sync.
    expect(await db.ballots.where('eventId').equals(DEMO_EVENT.id).count()).toBe(2);
  });

  it('loading the same event again is not a switch, even with ballots waiting', async () => {
    const { db } = await setUpDemoStation();
    const pkg = await read(packageText());
    if (!pkg.ok) throw new Error(pkg.error.code);
    expect((await storePackage(db, pkg.value)).ok).toBe(true);
    await castBallot(db, {
      event: PACKAGE_EVENT,
      choice: { kind: 'approval', bids: [PACKAGE_EVENT.bids[1]!.id] },
      now: NOW,
    });
    expect((await storePackage(db, pkg.value)).ok).toBe(true);
  });
});
