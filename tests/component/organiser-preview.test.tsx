import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPreviewDatabase } from '../../src/app/organiser/preview/preview-database.ts';
import { VoterPreview } from '../../src/app/organiser/preview/VoterPreview.tsx';
import { CatalogueProvider } from '../../src/app/i18n/react.tsx';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { listBallots } from '../../src/db/ballot-repo.ts';
import { StationDatabase } from '../../src/db/database.ts';

afterEach(cleanup);

describe('the organiser’s preview of the voter’s screens', () => {
  it('runs the real voter flow, and a ballot cast there is checked, then stored nowhere', async () => {
    const user = userEvent.setup();
    const dropped = vi.fn();
    const db = createPreviewDatabase(dropped);
    render(
      <CatalogueProvider>
        <VoterPreview event={DEMO_EVENT} db={db} now={() => new Date('2026-06-13T10:47:00Z')} />
      </CatalogueProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Start voting' }));
    await user.click(await screen.findByRole('button', { name: 'Next: choose projects' }));
    await user.click(await screen.findByLabelText(/Chair yoga/, { selector: 'input' }));
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));
    await user.click(await screen.findByRole('button', { name: 'Cast my vote' }));

    expect(await screen.findByRole('heading', { level: 1, name: /Thank you/ })).toBeInTheDocument();
    expect(dropped).toHaveBeenCalledTimes(1);
    // Nothing in the preview's database, nor in a station's on this computer.
    expect(await listBallots(db, DEMO_EVENT.id)).toEqual([]);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.station.count()).toBe(0);
    const station = new StationDatabase();
    expect(await listBallots(station, DEMO_EVENT.id)).toEqual([]);
    await Promise.all([db.delete(), station.delete()]);
  });

  it('still refuses a ballot the event does not allow, as a station would', async () => {
    const dropped = vi.fn();
    const db = createPreviewDatabase(dropped);
    const { castBallot } = await import('../../src/db/ballot-repo.ts');
    const result = await castBallot(db, {
      event: DEMO_EVENT,
      choice: { kind: 'approval', bids: ['no-such-bid'] },
      now: new Date('2026-06-13T10:47:00Z'),
    });
    expect(result.ok).toBe(false);
    expect(dropped).not.toHaveBeenCalled();
    await db.delete();
  });
});
