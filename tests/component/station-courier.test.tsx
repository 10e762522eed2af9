/**
 * A lead station receives another station's ballots by camera and carries them (a courier): the
 * camera is faked (getUserMedia and a BarcodeDetector that "sees" the other station's frames, made
 * by the real transfer sender). The transfer is kept whole, once; another event's code is refused
 * with nothing kept; a refused camera says so and points to the file route.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { Receiver } from '../../src/sync/transfer/index.ts';
import { fakeCamera } from './fake-camera.ts';
import { ballotsOf, closeCourier, openCourier, show } from './courier-harness.ts';
import { expectFocusedHeading, renderStation, stationWith } from './station-harness.tsx';

const OTHER: EventDefinition = { ...DEMO_EVENT, id: 'harbour-2026', name: 'Harbour Day 2026' };

afterEach(closeCourier);

describe('receiving another station’s ballots by camera', () => {
  it('keeps the transfer whole, once, and says what happens next', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    const text = await show(DEMO_EVENT, ballotsOf(DEMO_EVENT, 7));
    await openCourier(user);
    const list = screen.getByRole('list', { name: 'Stations in view' });
    expect(
      await within(list).findByText(
        'Ballots received: 7. This tablet will pass them on.',
        {},
        {
          timeout: 10_000,
        },
      ),
    ).toBeInTheDocument();
    const rows = await db.carried.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ eventId: DEMO_EVENT.id, text, ballots: 7, state: 'waiting' });
    // Never among this station's own ballots.
    expect(await db.ballots.count()).toBe(0);
    expect(screen.getByText(/Ballots carried for other stations: 7\./)).toBeInTheDocument();

    // Back in the volunteer area, then the same station again: nothing new.
    await user.click(screen.getByRole('button', { name: 'Back to the volunteer area' }));
    await expectFocusedHeading('Volunteer area');
    expect(screen.getByTestId('carried-summary')).toHaveTextContent(
      'Ballots carried for other stations: 7. Times received: 1.',
    );
    // Passed on by camera: the frames carry the other station's file exactly as received.
    await user.click(screen.getByRole('button', { name: 'Pass these on by camera (ballots: 7)' }));
    const code = await screen.findByRole(
      'img',
      { name: 'Moving code of another station’s ballots (ballots: 7)' },
      { timeout: 10_000 },
    );
    const reader = new Receiver({ kind: 'ballots', eventId: DEMO_EVENT.id });
    let passed: string | null = null;
    await waitFor(
      () => {
        const update = reader.receive(code.getAttribute('data-frame') ?? '');
        if (update.type === 'done') passed = update.content.text;
        expect(passed).toBe(text);
      },
      { timeout: 20_000, interval: 50 },
    );
    await user.click(screen.getByRole('button', { name: 'Stop showing the code' }));
    await user.click(screen.getByRole('button', { name: 'Receive ballots from another station' }));
    expect(
      await screen.findByText(
        'Already received before: nothing new was added.',
        {},
        {
          timeout: 10_000,
        },
      ),
    ).toBeInTheDocument();
    expect(await db.carried.count()).toBe(1);
  }, 30_000);

  it("refuses another event's code and keeps nothing", async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await show(OTHER, ballotsOf(OTHER, 3));
    await openCourier(user);
    expect(await screen.findByRole('alert', {}, { timeout: 10_000 })).toHaveTextContent(
      'This code is for another event. Nothing was taken from it.',
    );
    expect(await db.carried.count()).toBe(0);
  }, 30_000);

  it('says so when the camera is refused, and points to a file', async () => {
    fakeCamera(
      () => [],
      () => Promise.reject(new DOMException('denied', 'NotAllowedError')),
    );
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await openCourier(user);
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'This tablet may not use its camera. Allow the camera for this app',
      ),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('export a file instead');
  }, 30_000);
});
