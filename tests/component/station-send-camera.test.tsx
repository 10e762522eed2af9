/**
 * "Send the ballots by camera" in the volunteer area: the choice of ballots and their counts, the
 * moving code (read back with the real Receiver from the canvas's data-frame), and the organiser's
 * receipt (a fake camera shows its QR text): it takes exactly the sent ballots out of the outbox;
 * a receipt for another transfer or another event changes nothing.
 */
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { StationDatabase } from '../../src/db/database.ts';
import { forgetShown } from '../../src/app/station/camera/camera-ballots.ts';
import {
  ackText,
  Receiver,
  type Sender,
  type TransferAck,
  type TransferContent,
} from '../../src/sync/transfer/index.ts';
import { approvalBallot, demoBidIds } from '../fixtures/tally/ballots.ts';
import { fakeCamera, resetFakeCamera } from './fake-camera.ts';
import { heading, renderStation, stationWith, unlockVolunteerArea } from './station-harness.tsx';

afterEach(() => {
  resetFakeCamera();
  forgetShown();
});

const ids = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'].map(
  (n) => `00000000-0000-4000-8000-00000000000${n[1]}`,
);

/** Six ballots: three waiting, one rehearsal waiting, one the server rejected, one confirmed. */
async function stationWithBallots(): Promise<StationDatabase> {
  const db = await stationWith(DEMO_EVENT);
  await db.ballots.bulkAdd(
    ids.map((id, i) => approvalBallot(id, [demoBidIds[i % demoBidIds.length] as string])),
  );
  await db.outbox.bulkAdd([
    { ballotId: ids[0], eventId: DEMO_EVENT.id, state: 'waiting' },
    { ballotId: ids[1], eventId: DEMO_EVENT.id, state: 'waiting' },
    { ballotId: ids[2], eventId: DEMO_EVENT.id, state: 'waiting' },
    { ballotId: ids[3], eventId: DEMO_EVENT.id, state: 'waiting', rehearsal: true },
    {
      ballotId: ids[4],
      eventId: DEMO_EVENT.id,
      state: 'rejected',
      rejection: { code: 'conflict' },
    },
  ]);
  return db;
}

/** Something the fake camera holds up: one fixed QR text. */
const still = (text: string): Sender => ({ transferId: '', parts: 1, nextFrame: () => text });

let inView: Sender[] = [];

async function openSendByCamera(user: UserEvent) {
  await heading(DEMO_EVENT.name);
  await unlockVolunteerArea(user);
  // The sync section's content is a chunk of its own: slow on its first load.
  const open = await screen.findByRole(
    'button',
    { name: `Send the ballots for ${DEMO_EVENT.name} by camera` },
    { timeout: 10_000 },
  );
  expect(open).toHaveAttribute('aria-expanded', 'false');
  await user.click(open);
  expect(open).toHaveAttribute('aria-expanded', 'true');
  return screen.findByRole('region', { name: 'Send ballots by camera' }, { timeout: 10_000 });
}

/** Opens "Send by camera", shows the code for the three unconfirmed ballots and reads it whole. */
async function sendUnconfirmed(user: UserEvent) {
  const panel = await openSendByCamera(user);
  await within(panel).findByRole('radio', { name: 'Not yet confirmed by the organiser: 3' });
  await user.click(within(panel).getByRole('button', { name: 'Show the moving code' }));
  const code = await within(panel).findByRole('img', { name: /Moving code/ });
  return { panel, sent: await readMovingCode(code) };
}

/** Reads the moving code off the canvas until the transfer is whole. */
async function readMovingCode(
  canvas: HTMLElement,
): Promise<{ transferId: string; content: TransferContent }> {
  const receiver = new Receiver({ kind: 'ballots', eventId: DEMO_EVENT.id });
  let done: { transferId: string; content: TransferContent } | undefined;
  await waitFor(
    async () => {
      const update = receiver.receive(canvas.dataset['frame'] ?? '');
      if (update.type === 'progress' && update.fraction === 1) await receiver.settled();
      const settled = update.type === 'done' ? update : receiver.receive('');
      if (settled.type === 'done') done = settled;
      expect(done).toBeDefined();
    },
    { timeout: 15_000, interval: 60 },
  );
  if (done === undefined) throw new Error('unreachable');
  return done;
}

const outboxIds = async (db: StationDatabase) =>
  (await db.outbox.toArray()).map((r) => r.ballotId).sort();

describe('Send the ballots by camera', () => {
  it('offers the unconfirmed ballots or all, with their counts, and sends exactly those', async () => {
    fakeCamera(() => inView);
    const db = await stationWithBallots();
    const { user } = renderStation(db);
    const panel = await openSendByCamera(user);
    const unconfirmed = await within(panel).findByRole('radio', {
      name: 'Not yet confirmed by the organiser: 3',
    });
    expect(unconfirmed).toBeChecked();
    const all = within(panel).getByRole('radio', { name: 'All on this tablet: 6' });
    expect(all).not.toBeChecked();

    await user.click(within(panel).getByRole('button', { name: 'Show the moving code' }));
    const code = await within(panel).findByRole('img', {
      name: `Moving code with the ballots for ${DEMO_EVENT.name}: 3`,
    });
    expect(
      within(panel).getByText(/This moving code carries the ballots\. Hold the screen/),
    ).toBeInTheDocument();
    const sent = await readMovingCode(code);
    expect(sent.content.ballots).toBe(3);
    expect(sent.content.text).toContain(ids[0]);
    expect(sent.content.text).toContain(ids[2]);
    expect(sent.content.text).not.toContain(ids[3]);
    expect(sent.content.text).not.toContain(ids[5]);

    // Pause holds the frame; Continue goes on.
    await user.click(within(panel).getByRole('button', { name: 'Pause' }));
    const held = code.dataset['frame'];
    await new Promise((r) => setTimeout(r, 400));
    expect(code.dataset['frame']).toBe(held);
    await user.click(within(panel).getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(code.dataset['frame']).not.toBe(held));

    // All: a new code with the six.
    await user.click(all);
    expect(within(panel).queryByRole('img')).not.toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Show the moving code' }));
    const allCode = await within(panel).findByRole('img', {
      name: `Moving code with the ballots for ${DEMO_EVENT.name}: 6`,
    });
    const everything = await readMovingCode(allCode);
    expect(everything.content.ballots).toBe(6);
    expect(everything.transferId).not.toBe(sent.transferId);
  }, 60_000);

  it("the organiser's receipt confirms exactly the ballots sent", async () => {
    fakeCamera(() => inView);
    const db = await stationWithBallots();
    const { user } = renderStation(db);
    const { panel, sent } = await sendUnconfirmed(user);

    const ack: TransferAck = {
      eventId: DEMO_EVENT.id,
      transferId: sent.transferId,
      stored: 3,
      alreadyHad: 0,
    };
    inView = [still(ackText(ack))];
    await user.click(within(panel).getByRole('button', { name: 'Scan the organiser’s receipt' }));
    expect(
      await within(panel).findByText(
        'The organiser has confirmed the ballots from this tablet: 3.',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    // The three left the outbox; the rehearsal and the rejected ballot stay as they were.
    expect(await outboxIds(db)).toEqual([ids[3], ids[4]]);
    expect((await db.outbox.get(ids[3] as string))?.state).toBe('waiting');
    expect((await db.outbox.get(ids[4] as string))?.state).toBe('rejected');
    await within(panel).findByRole('radio', { name: 'Not yet confirmed by the organiser: 0' });
    expect(within(panel).queryByRole('img')).not.toBeInTheDocument();
    inView = [];
  }, 60_000);

  it('a receipt for another transfer, or another event, changes nothing', async () => {
    fakeCamera(() => inView);
    const db = await stationWithBallots();
    const before = await outboxIds(db);
    const { user } = renderStation(db);
    const { panel, sent } = await sendUnconfirmed(user);
    /** The fake camera shows `text`; the screen says `said` and the outbox is as it was. */
    const scanRefused = async (text: string, said: string) => {
      inView = [still(text)];
      await user.click(within(panel).getByRole('button', { name: 'Scan the organiser’s receipt' }));
      await waitFor(() => expect(within(panel).getByRole('alert')).toHaveTextContent(said), {
        timeout: 10_000,
      });
      expect(await outboxIds(db)).toEqual(before);
    };
    const ack = (eventId: string, transferId: string) =>
      ackText({ eventId, transferId, stored: 3, alreadyHad: 0 });

    await scanRefused(
      ack(DEMO_EVENT.id, 'bffff0000zz'),
      'That receipt is not for the ballots this tablet showed. Nothing was changed.',
    );
    await scanRefused(
      ack('harbour-2026', sent.transferId),
      'That receipt is for another event. Nothing was changed.',
    );
    await scanRefused('https://example.org/not-a-receipt', 'That is not the organiser’s receipt.');
    // The code is still shown: the volunteer can go on sending.
    expect(within(panel).getByRole('img', { name: /Moving code/ })).toBeInTheDocument();
    inView = [];
  }, 60_000);
});
