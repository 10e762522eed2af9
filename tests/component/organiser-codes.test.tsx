// The organiser's Codes screen: it says when the event does not ask voters for a code (with the way
// to the Check-in screen, cards can still be made in advance); making a batch shows it in the
// batches table and its cards; voiding a code typed wrongly is refused in words and changes nothing.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { CodeBatchSummary, CodesResponse } from '../../src/core/protocol.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { fakeEditorServer } from './editor-fake-api.tsx';
import { fakeServer, openScreen, renderOrganiser, signIn } from './organiser-fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const CARD = 'KFQ7-M4TX-9CJR';

/**
 * The codes routes (src/server/http/code-routes.ts) over a batch list in memory, and the event's
 * detail from the editor's fake server (for its check-in settings). Records each write.
 */
function serveCodes(event: EventDefinition) {
  const editor = fakeEditorServer([event]);
  const batches: CodeBatchSummary[] = [];
  const voided = new Set<string>();
  const writes: { path: string; body: unknown }[] = [];
  const overview = (): CodesResponse => ({ batches, duplicates: [], iterations: 1000, version: 1 });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    await Promise.resolve();
    const path = url.replace(/^\/api\/v1/, '');
    const base = `/events/${event.id}`;
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    if (init.method === 'POST') writes.push({ path, body });
    if (path === base) {
      const detail = await editor.api.getEvent('token-1', event.id);
      return detail.ok ? json(detail.value) : json({ error: { code: 'not-found' } }, 404);
    }
    if (path === `${base}/codes` && init.method === 'POST') {
      const request = body as { count: number; label: string; test: boolean };
      const batch: CodeBatchSummary = {
        id: `batch-${batches.length + 1}`,
        label: request.label,
        test: request.test,
        createdAt: '2026-06-01T09:00:00.000Z',
        issued: request.count,
        used: 0,
        voided: 0,
        duplicates: 0,
      };
      batches.push(batch);
      return json(batch);
    }
    if (path === `${base}/codes`) return json(overview());
    if (path === `${base}/codes/batches/batch-1`) {
      return json({
        batch: batches[0],
        codes: [{ code: CARD, voided: voided.has(CARD), used: false }],
      });
    }
    if (path === `${base}/codes/void`) {
      const { code } = body as { code: string };
      if (code.toUpperCase().replace(/[\s-]/g, '') !== CARD.replace(/-/g, '')) {
        const message = 'This event has no such voting code; nothing was voided.';
        return json({ error: { code: 'unknown-code', message, params: {} } }, 404);
      }
      voided.add(CARD);
      return json(overview());
    }
    return json({ error: { code: 'not-found', message: 'no', params: {} } }, 404);
  });
  return { writes, batches };
}

async function openCodes(event: EventDefinition) {
  const user = userEvent.setup();
  const server = fakeServer(event, []);
  const fake = serveCodes(event);
  await renderOrganiser({ api: server.api });
  await signIn(user, event.name);
  await openScreen(user, 'Voting codes');
  return { user, ...fake };
}

describe('the organiser’s Codes screen', { timeout: 30_000 }, () => {
  it('says when the event does not ask for codes, with a link to the Check-in screen', async () => {
    const { user } = await openCodes(DEMO_EVENT);
    const link = await screen.findByRole('link', { name: 'Switch codes on in Check-in' });
    expect(screen.getByText(/does not ask voters for a code yet/)).toHaveTextContent(
      'You can still make and print cards in advance.',
    );
    // Cards can still be made in advance.
    expect(screen.getByRole('button', { name: 'Make the codes' })).toBeEnabled();
    await user.click(link);
    await screen.findByRole('heading', { level: 1, name: /Check-in/ });
  });

  it('makes a batch, lists it, and refuses to void a code typed wrongly', async () => {
    const event: EventDefinition = { ...DEMO_EVENT, checkIn: { codes: true } };
    const { user, writes } = await openCodes(event);
    expect(await screen.findByText('No codes yet: make a batch above.')).toBeInTheDocument();
    expect(screen.queryByText(/does not ask voters for a code/)).toBeNull();

    const count = screen.getByLabelText(/^How many cards/);
    await user.clear(count);
    await user.type(count, '25');
    await user.type(screen.getByLabelText(/^Label/), 'Library, Saturday');
    await user.click(screen.getByRole('button', { name: 'Make the codes' }));
    expect(await screen.findByText('25 codes made and saved.')).toBeInTheDocument();
    expect(writes).toEqual([
      {
        path: `/events/${event.id}/codes`,
        body: { count: 25, label: 'Library, Saturday', test: false },
      },
    ]);

    const table = await screen.findByRole('table', {
      name: 'Batches of cards: how many were used, voided and used twice',
    });
    const row = within(table).getByRole('row', { name: /Library, Saturday/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(expect.arrayContaining(['25', '0']));

    // The cards: the code on each, with its QR code.
    await user.click(within(row).getByRole('button', { name: /Show the cards/ }));
    const cards = await screen.findByRole('list', { name: 'Voting cards' });
    expect(within(cards).getByText(CARD)).toBeInTheDocument();

    // A code typed with a look-alike letter: refused in words, and nothing is voided.
    const field = screen.getByLabelText('Code on the card');
    await user.type(field, 'KFQ7-M4TX-9CJO');
    await user.click(screen.getByRole('button', { name: 'Void this code' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This event has no such voting code',
    );
    expect(field).toHaveValue('KFQ7-M4TX-9CJO');
    // Cells: made, cards, used, voided, used twice, print.
    expect(within(row).getAllByRole('cell')[3]).toHaveTextContent('0');
    expect(writes.map((w) => w.path)).toEqual([
      `/events/${event.id}/codes`,
      `/events/${event.id}/codes/void`,
    ]);
    expect(screen.queryByText(/The code is voided/)).toBeNull();
  });
});
