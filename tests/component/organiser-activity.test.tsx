// The organiser's Activity screen: the audit trail newest first, each action and fact in words,
// filtered by event, saved as CSV, and a damaged trail said plainly.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  auditLine,
  emptyAuditTrail,
  type AuditEntry,
  type AuditRecord,
} from '../../src/core/audit.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { fakeServer, renderOrganiser, signInToEvents } from './organiser-fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function records(entries: AuditEntry[]): AuditRecord[] {
  let state = emptyAuditTrail();
  return entries.map((entry) => {
    const next = auditLine(state, entry);
    state = next.state;
    return next.record;
  });
}

const trail = records([
  {
    at: '2026-06-13T08:00:00.000Z',
    by: 'organiser',
    action: 'sign-in',
    details: { address: '10.0.0.7' },
  },
  {
    at: '2026-06-13T09:00:00.000Z',
    by: 'organiser',
    action: 'event-state',
    event: DEMO_EVENT.id,
    details: { to: 'open' },
  },
  {
    at: '2026-06-13T10:00:00.000Z',
    by: 'organiser',
    action: 'event-create',
    event: 'other-event',
    details: {},
  },
  {
    at: '2026-06-13T17:00:00.000Z',
    by: 'Priya',
    action: 'bid-withdraw',
    event: DEMO_EVENT.id,
    details: { bid: 'youth-cooking', reason: 'The group has folded' },
  },
]);

function serveTrail(body: unknown) {
  vi.stubGlobal('fetch', async (url: string) => {
    await Promise.resolve();
    const path = url.replace(/^\/api\/v1/, '');
    const ok = path === '/audit';
    return new Response(
      JSON.stringify(ok ? body : { error: { code: 'not-found', message: 'no', params: {} } }),
      {
        status: ok ? 200 : 404,
        headers: { 'Content-Type': 'application/json' },
      },
    );
  });
}

async function openActivity(saved: { name: string; text: string }[] = []) {
  const user = userEvent.setup();
  const server = fakeServer(DEMO_EVENT, []);
  await renderOrganiser({ api: server.api, saveFile: (name, text) => saved.push({ name, text }) });
  await signInToEvents(user);
  await user.click(screen.getByRole('link', { name: 'Activity' }));
  await screen.findByRole('heading', { level: 1, name: 'Activity log' });
  return user;
}

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );

describe('the Activity screen', { timeout: 30_000 }, () => {
  it('lists who did what, newest first, filters by event and saves CSV', async () => {
    serveTrail({ records: trail });
    const saved: { name: string; text: string }[] = [];
    const user = await openActivity(saved);
    const table = await screen.findByRole('table', { name: 'Organiser actions, newest first' });
    const rows = rowsOf(table);
    expect(rows.map((r) => r.slice(1))).toEqual([
      [
        'Priya',
        'Withdrew a bid',
        DEMO_EVENT.name,
        'Bid: youth-cookingReason: The group has folded',
      ],
      ['organiser', 'Created the event', 'other-event', ''],
      ['organiser', 'Moved the event to another stage', DEMO_EVENT.name, 'To: Voting open'],
      ['organiser', 'Signed in', '', 'From: 10.0.0.7'],
    ]);
    expect(screen.queryByRole('alert')).toBeNull();

    await user.selectOptions(screen.getByLabelText('Event'), DEMO_EVENT.name);
    expect(rowsOf(table).map((r) => r[2])).toEqual([
      'Withdrew a bid',
      'Moved the event to another stage',
    ]);
    await user.click(screen.getByRole('button', { name: 'Save as CSV' }));
    const lines = saved[0]?.text.split('\r\n') ?? [];
    expect(lines[0]).toBe('seq,at,by,action,event,details');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['2', '4']);
  });

  it('says where a damaged trail breaks and still shows what came before', async () => {
    serveTrail({
      records: trail.slice(0, 1),
      problem: { code: 'broken-chain', params: { line: 2 } },
    });
    await openActivity();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The activity log was changed outside Decision Day at line 2.',
    );
    const table = screen.getByRole('table', { name: 'Organiser actions, newest first' });
    expect(rowsOf(table)).toHaveLength(1);
  });

  it('says when nothing has been recorded', async () => {
    serveTrail({ records: [] });
    await openActivity();
    expect(await screen.findByText('Nothing has been recorded yet.')).toBeVisible();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
