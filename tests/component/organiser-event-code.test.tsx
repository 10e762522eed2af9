// "Show the event as a moving code" on the organiser's Stations screen: the event package from
// the server, drawn as an animated QR (frames a station's receiver reads back to the same text);
// an event too big for the camera says so and points to the join code or the file; a refusal of
// the package route is worded.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { Receiver } from '../../src/sync/transfer/index.ts';
import { packageText } from '../unit/sync-package-fixture.ts';
import { fakeServer, renderOrganiser, signIn } from './organiser-fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function servePackage(answer: () => Response) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    await Promise.resolve();
    asked.push(url);
    if (url.endsWith(`/events/${DEMO_EVENT.id}/package`)) return answer();
    return new Response(JSON.stringify({ error: { code: 'not-found', message: 'no' } }), {
      status: 404,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return asked;
}

async function openStations() {
  const user = userEvent.setup();
  await renderOrganiser({ api: fakeServer(DEMO_EVENT, []).api });
  await signIn(user, DEMO_EVENT.name);
  const section = screen.getByRole('region', { name: 'The event by camera (small events)' });
  await user.click(
    within(section).getByRole('button', { name: 'Show the event as a moving code' }),
  );
  return { user, section };
}

describe('the event as a moving code', { timeout: 60_000 }, () => {
  it('shows the package as frames a station reads back whole', async () => {
    const text = packageText();
    servePackage(() => new Response(text, { headers: { 'Content-Type': 'application/json' } }));
    const { section } = await openStations();
    const code = await within(section).findByRole(
      'img',
      { name: `Moving code of the event ${DEMO_EVENT.name}` },
      { timeout: 10_000 },
    );
    expect(within(section).getByText(/This moving code is the event\./)).toBeInTheDocument();
    // The frames drawn are the package: a station's receiver gets exactly the text.
    const receiver = new Receiver({ kind: 'event' });
    let done: string | null = null;
    await waitFor(
      () => {
        const frame = code.getAttribute('data-frame') ?? '';
        const update = receiver.receive(frame);
        if (update.type === 'done') done = update.content.text;
        expect(done).toBe(text);
      },
      { timeout: 20_000, interval: 50 },
    );
  });

  it('says an event too big for the camera is too big, and points to the join code', async () => {
    // Pictures do not compress: 250 KB of random bytes is far beyond a minute of frames.
    let binary = '';
    for (let i = 0; i < 5; i++) {
      for (const byte of crypto.getRandomValues(new Uint8Array(50_000))) {
        binary += String.fromCharCode(byte);
      }
    }
    const huge = JSON.stringify({ pictures: [btoa(binary)] });
    servePackage(() => new Response(huge, { headers: { 'Content-Type': 'application/json' } }));
    const { section } = await openStations();
    const alert = await within(section).findByRole('alert', {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent(/too big to show as a moving code/);
    expect(alert).toHaveTextContent(/join code above/);
    expect(within(section).queryByRole('img')).toBeNull();
  });

  it('words a refusal of the package', async () => {
    servePackage(
      () =>
        new Response(
          JSON.stringify({
            error: { code: 'forbidden', params: { capability: 'events' }, message: 'no' },
          }),
          { status: 403, headers: { 'Content-Type': 'application/json' } },
        ),
    );
    const { section } = await openStations();
    expect(await within(section).findByRole('alert')).not.toHaveTextContent(/^$/);
    expect(within(section).queryByRole('img')).toBeNull();
  });
});
