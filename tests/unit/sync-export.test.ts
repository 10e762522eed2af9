// With no network, a volunteer exports the station's ballots as a tally file; the organiser
// imports it on the server, as often as they like, without counting anything twice.
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { ImportResponse } from '../../src/core/protocol.ts';
import { readTallyFile } from '../../src/core/tally-file/index.ts';
import { exportFileName, exportStationBallots } from '../../src/sync/export.ts';
import { freshDatabase, setUpDemoStation } from '../support/station-db.ts';
import { castMany, SERVER_URL, startTestServer } from './sync-harness.ts';

const NOW = new Date(2026, 5, 13, 16, 45);

describe('exporting the station’s ballots', () => {
  it('writes a tally file that reads back with exactly the station’s ballots', async () => {
    const { db, station } = await setUpDemoStation();
    const cast = await castMany(db, station.stationId, 25);

    const exported = await exportStationBallots(db, DEMO_EVENT.id, NOW);

    if (!exported.ok) throw new Error(exported.error.code);
    expect(exported.value.ballots).toBe(25);
    expect(exported.value.filename).toBe(
      'burnfoot-2026-demo-station-church-hall-2026-06-13.ddtally',
    );
    const read = readTallyFile(exported.value.text);
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.event).toEqual(DEMO_EVENT);
    expect(read.value.ballots.map((b) => b.id).sort()).toEqual(cast.map((b) => b.id).sort());
  });

  it('is imported on the server once, however often the organiser imports it', async () => {
    const server = await startTestServer();
    const { db, station } = await setUpDemoStation();
    await castMany(db, station.stationId, 12);
    const exported = await exportStationBallots(db, DEMO_EVENT.id, NOW);
    if (!exported.ok) throw new Error(exported.error.code);
    const token = server.organiserToken();
    const importFile = async (text: string) => {
      const response = await server.fetch(`${SERVER_URL}/api/v1/events/${DEMO_EVENT.id}/import`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: text,
      });
      return { status: response.status, body: (await response.json()) as ImportResponse };
    };

    expect(await importFile(exported.value.text)).toMatchObject({
      status: 200,
      body: { added: 12, duplicates: 0, rejected: [] },
    });
    expect(await importFile(exported.value.text)).toMatchObject({
      status: 200,
      body: { added: 0, duplicates: 12 },
    });

    // One changed character in a ballot breaks the hash chain: refused, nothing added.
    const tampered = exported.value.text.replace('"gala-day"', '"warm-space"');
    expect(tampered).not.toBe(exported.value.text);
    expect((await importFile(tampered)).status).toBeGreaterThanOrEqual(400);
    expect(server.store.event(DEMO_EVENT.id)?.ballots).toBe(12);
  });

  it('says there is nothing to export before the first ballot', async () => {
    const { db } = await setUpDemoStation();
    const exported = await exportStationBallots(db, DEMO_EVENT.id, NOW);
    expect(exported).toMatchObject({ ok: false, error: { code: 'no-ballots' } });
  });

  it('says so for an event the station does not have', async () => {
    const exported = await exportStationBallots(freshDatabase(), 'nowhere', NOW);
    expect(exported).toMatchObject({ ok: false, error: { code: 'no-event' } });
  });

  it('names the file safely whatever the station is called', () => {
    expect(exportFileName('burnfoot-2026-demo', 'Hall 1', NOW)).toBe(
      'burnfoot-2026-demo-station-hall-1-2026-06-13.ddtally',
    );
    expect(exportFileName('e', 'Église / Café: “Table” #2', NOW)).toBe(
      'e-station-eglise-cafe-table-2-2026-06-13.ddtally',
    );
    expect(exportFileName('e', '../../', NOW)).toBe('e-station-unnamed-2026-06-13.ddtally');
  });
});
