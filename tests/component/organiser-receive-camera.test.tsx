// The organiser's "Receive ballots by camera" (issue 13), with a fake camera whose code reader
// "sees" the frames of real transfer senders (src/sync/transfer on a real station tally file):
// progress per station, the import through the file import's path called once per transfer
// though frames keep coming, the outcome and the receipt QR, a second pass that adds nothing,
// two stations in view at once, another event's code refused, and the camera refused or absent.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { writeTallyFile } from '../../src/core/tally-file/index.ts';
import { createSender, type Sender } from '../../src/sync/transfer/index.ts';
import { fakeCamera, resetFakeCamera } from './fake-camera.ts';
import {
  approvalBallots,
  bloc,
  fakeServer,
  openScreen,
  renderOrganiser,
  signIn,
} from './organiser-fake-api.ts';

const OTHER_EVENT: EventDefinition = { ...DEMO_EVENT, id: 'other-day-2026', name: 'Other day' };

afterEach(() => {
  cleanup();
  resetFakeCamera();
});

async function stationSender(event: EventDefinition, prefix: string, count: number) {
  const text = writeTallyFile(event, bloc(event, prefix, count, ['chair-yoga']));
  return createSender({ kind: 'ballots', eventId: event.id, text, ballots: count });
}

/** `importMs`: how long each import takes to answer (imports in flight together). */
async function openReceive(importMs = 0) {
  const user = userEvent.setup();
  const server = fakeServer(DEMO_EVENT, approvalBallots(DEMO_EVENT, 5, 3));
  const api = server.api;
  const importFile = api.importFile.bind(api);
  api.importFile = async (...args) => {
    await new Promise((r) => setTimeout(r, importMs));
    return importFile(...args);
  };
  await renderOrganiser({ api: server.api });
  await signIn(user, DEMO_EVENT.name);
  await openScreen(user, 'Import a station file', 'Import a station’s tally file');
  const section = screen.getByRole('region', { name: 'Receive ballots by camera' });
  await user.click(within(section).getByRole('button', { name: 'Turn the camera on' }));
  return { user, server, section };
}

const imports = (server: ReturnType<typeof fakeServer>) =>
  server.calls.filter((c) => c === 'import').length;

describe('receiving ballots by camera', { timeout: 60_000 }, () => {
  it('shows progress, imports once, shows the receipt; a second pass adds nothing', async () => {
    const sender = await stationSender(DEMO_EVENT, 'cam', 40);
    expect(sender.parts).toBeGreaterThan(1);
    let shown: Sender[] = [];
    const { stop } = fakeCamera(() => shown);
    const { user, server, section } = await openReceive();
    expect(
      await within(section).findByText(/moving QR code up to the camera/, {}, { timeout: 10_000 }),
    ).toBeVisible();
    expect(within(section).getByLabelText('Camera view')).toBeInTheDocument();

    shown = [sender];
    expect(
      await within(section).findByText(
        /^Station 1: about \d+ of 40 ballots$/,
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await within(section).findByText(
        '40 ballots added, 0 ballots were already there, 0 ballots refused.',
        {},
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    // The receipt's picture is drawn by the lazily loaded QR code library, just after the text.
    expect(
      await within(section).findByRole('img', { name: 'Receipt QR code for station 1' }),
    ).toBeVisible();
    // The station stays in view for a while longer: nothing is imported again.
    await new Promise((r) => setTimeout(r, 600));
    expect(imports(server)).toBe(1);

    // The camera off and on again, the same station held up: the import says nothing is new.
    await user.click(within(section).getByRole('button', { name: 'Turn the camera off' }));
    expect(stop).toHaveBeenCalled();
    await user.click(within(section).getByRole('button', { name: 'Turn the camera on' }));
    expect(
      await within(section).findByText(
        'Nothing new: the tally already had all 40 of these ballots.',
        {},
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    expect(imports(server)).toBe(2);
  });

  it('receives two stations in view at once, each once', async () => {
    const a = await stationSender(DEMO_EVENT, 'left', 12);
    const b = await stationSender(DEMO_EVENT, 'right', 7);
    fakeCamera(() => [a, b]);
    const { server, section } = await openReceive();
    expect(
      await within(section).findByText(/^12 ballots added/, {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(
      await within(section).findByText(/^7 ballots added/, {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(section).getAllByRole('img', { name: /^Receipt QR code for station [12]$/ }),
      ).toHaveLength(2),
    );
    await new Promise((r) => setTimeout(r, 400));
    expect(imports(server)).toBe(2);
  });

  it('gives each of two imports in flight together its own outcome', async () => {
    const a = await stationSender(DEMO_EVENT, 'near', 9);
    const b = await stationSender(DEMO_EVENT, 'far', 11);
    fakeCamera(() => [a, b]);
    // Slow answers: the second import starts before the first is answered.
    const { server, section } = await openReceive(1_500);
    expect(
      await within(section).findByText(/^9 ballots added/, {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(
      await within(section).findByText(/^11 ballots added/, {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(within(section).queryByText(/all received, adding its ballots/)).toBeNull();
    expect(imports(server)).toBe(2);
  });

  it('refuses another event’s code, naming this event, and imports nothing', async () => {
    const other = await stationSender(OTHER_EVENT, 'far', 5);
    fakeCamera(() => [other]);
    const { server, section } = await openReceive();
    expect(await within(section).findByRole('alert', {}, { timeout: 10_000 })).toHaveTextContent(
      `This QR code is from a station of another event. Only ballots for ${DEMO_EVENT.name} can be received here.`,
    );
    expect(imports(server)).toBe(0);
  });

  it('says how to allow the camera again when it is refused', async () => {
    fakeCamera(
      () => [],
      () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')),
    );
    const { section } = await openReceive();
    expect(await within(section).findByRole('alert', {}, { timeout: 10_000 })).toHaveTextContent(
      /not allowed to use the camera\. To allow it, .*import it above\./,
    );
    expect(within(section).getByLabelText('Camera view')).not.toBeVisible();
  });

  it('says there is no camera on a device without one, and points to the file', async () => {
    const { section } = await openReceive();
    await waitFor(() =>
      expect(within(section).getByRole('alert')).toHaveTextContent(
        'This device has no camera. Save the station’s file and import it above instead.',
      ),
    );
  });
});
