/**
 * "No network? Export a file" also saves the other stations' ballots a courier station carries:
 * each transfer its own file, the tally file exactly as received; nothing to save, no button.
 */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { Ballot } from '../../src/core/schema.ts';
import { writeTallyFile } from '../../src/core/tally-file/write.ts';
import { carryTransfer } from '../../src/db/carried-repo.ts';
import type { StationDatabase } from '../../src/db/database.ts';
import type { StationExport } from '../../src/sync/export.ts';
import { CatalogueProvider } from '../../src/app/i18n/react.tsx';
import { DEFAULT_TIMINGS, ServicesProvider } from '../../src/app/shared/services.tsx';
import { CarriedExport } from '../../src/app/station/courier/CarriedExport.tsx';
import type { SyncServices } from '../../src/app/station/SyncServices.ts';
import { setUpDemoStation } from '../support/station-db.ts';

afterEach(cleanup);
const NOW = new Date('2026-06-13T09:47:00Z');

function ballots(n: number, station: string): Ballot[] {
  return Array.from({ length: n }, () => ({
    id: crypto.randomUUID(),
    eventId: DEMO_EVENT.id,
    stationId: station,
    castHour: '2026-06-13T09:00Z',
    choice: { kind: 'approval', bids: [DEMO_EVENT.bids[0]?.id ?? ''] },
  }));
}

function renderExport(db: StationDatabase, fails?: Error) {
  const saved: StationExport[] = [];
  const services = {
    saveFile: (file: StationExport) => {
      if (fails !== undefined) return Promise.reject(fails);
      saved.push(file);
      return Promise.resolve();
    },
    shareFile: null,
  } as unknown as SyncServices;
  render(
    <CatalogueProvider>
      <ServicesProvider
        value={{ db, now: () => NOW, storage: undefined, timings: DEFAULT_TIMINGS }}
      >
        <CarriedExport services={services} />
      </ServicesProvider>
    </CatalogueProvider>,
  );
  return saved;
}

describe('saving carried ballots to files', () => {
  it('saves each transfer as its own file, exactly as received', async () => {
    const { db } = await setUpDemoStation();
    const a = writeTallyFile(DEMO_EVENT, ballots(3, 'st-a'));
    const b = writeTallyFile(DEMO_EVENT, ballots(4, 'st-b'));
    await carryTransfer(
      db,
      { transferId: 'aaaa1111x', eventId: DEMO_EVENT.id, text: a, ballots: 3 },
      NOW,
    );
    await carryTransfer(
      db,
      { transferId: 'bbbb2222x', eventId: DEMO_EVENT.id, text: b, ballots: 4 },
      NOW,
    );
    const saved = renderExport(db);
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Save other stations’ ballots to files' }),
    );
    expect(await screen.findByText(/^Saved\. Files: 2\./)).toBeInTheDocument();
    expect(saved.map((f) => f.text).sort()).toEqual([a, b].sort());
    expect(new Set(saved.map((f) => f.filename)).size).toBe(2);
    expect(saved.every((f) => f.filename.endsWith('.ddtally'))).toBe(true);
    expect((await db.carried.toArray()).every((r) => r.savedAt === NOW.toISOString())).toBe(true);
  });

  it('says so when the tablet is full, and marks nothing saved', async () => {
    const { db } = await setUpDemoStation();
    const text = writeTallyFile(DEMO_EVENT, ballots(2, 'st-a'));
    await carryTransfer(
      db,
      { transferId: 'cccc3333x', eventId: DEMO_EVENT.id, text, ballots: 2 },
      NOW,
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderExport(db, new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Save other stations’ ballots to files' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The file could not be saved. Check the tablet has free space, then try again.',
    );
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(logged).toHaveBeenCalledWith('Carried ballots not saved to files', expect.anything());
    logged.mockRestore();
    expect((await db.carried.get('cccc3333x'))?.savedAt).toBeUndefined();
  });

  it('offers nothing when it carries nothing', async () => {
    const { db } = await setUpDemoStation();
    renderExport(db);
    await new Promise((r) => setTimeout(r, 200));
    expect(screen.queryByRole('button')).toBeNull();
  });
});
