// The organiser's Inclusion screen: each breakdown as a table with its figures (and a bar beside
// each), hidden groups said in words, why small groups are hidden, and a CSV of the same figures
// with no figure from 1 to 9.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { inclusionReport, type InclusionBallot } from '../../src/core/inclusion.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { fakeEditorServer } from './editor-fake-api.tsx';
import { fakeServer, openScreen, renderOrganiser, signIn } from './organiser-fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const event: EventDefinition = { ...DEMO_EVENT, checkIn: { equalities: ['age-band'] } };

const ballots = (n: number, ballot: Partial<InclusionBallot> = {}): InclusionBallot[] =>
  Array.from({ length: n }, () => ({
    stationId: 'tablet-hall',
    castHour: '2026-06-13T10:00Z',
    ...ballot,
  }));

// What the server answers (src/server/http/inclusion-routes.ts): the report, built by core.
const report = inclusionReport({
  ballots: [
    ...ballots(32),
    ...ballots(13, { stationId: 'tablet-library', castHour: '2026-06-13T11:00Z', paper: true }),
  ],
  languages: [{ 'en-GB': 31, gd: 1 }],
  eventLanguages: ['en-GB', 'cy', 'gd', 'pl', 'ar'],
  stationNames: new Map([
    ['tablet-hall', 'Community Hall'],
    ['tablet-library', 'Library'],
  ]),
  equalities: [
    ...Array.from({ length: 14 }, () => ({ 'age-band': '25-44' })),
    ...Array.from({ length: 2 }, () => ({ 'age-band': '65-plus' })),
  ],
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function serveInclusion() {
  const editor = fakeEditorServer([event]);
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    await Promise.resolve();
    const path = url.replace(/^\/api\/v1/, '');
    asked.push(path);
    if (path === `/events/${event.id}`) {
      const detail = await editor.api.getEvent('token-1', event.id);
      return detail.ok ? json(detail.value) : json({ error: { code: 'not-found' } }, 404);
    }
    if (path === `/events/${event.id}/inclusion`) return json(report);
    return json({ error: { code: 'not-found', message: 'no', params: {} } }, 404);
  });
  return asked;
}

const figures = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [
      within(row).getByRole('rowheader').textContent,
      within(row).getByRole('cell').textContent,
    ]);

describe('the Inclusion screen', { timeout: 30_000 }, () => {
  it('shows each breakdown with hidden groups in words, and saves the same figures as CSV', async () => {
    const asked = serveInclusion();
    const saved: { name: string; text: string; type: string }[] = [];
    const user = userEvent.setup();
    const server = fakeServer(event, []);
    await renderOrganiser({
      api: server.api,
      saveFile: (name, text, type) => saved.push({ name, text, type }),
    });
    await signIn(user, event.name);
    await openScreen(user, 'Inclusion', 'Inclusion report');
    expect(asked).toContain(`/events/${event.id}/inclusion`);

    // Why small groups are hidden, with an example.
    expect(screen.getByRole('heading', { name: 'Why some figures are hidden' })).toBeVisible();
    expect(screen.getByText(/A group of fewer than 10 people is never shown/)).toBeVisible();

    const stations = await screen.findByRole('table', { name: 'By polling station' });
    expect(figures(stations)).toEqual([
      ['Community Hall', '32'],
      ['Library', '13'],
      ['Total', '45'],
    ]);
    // The 13 paper ballots were counted in no language; the lone Gaelic voter is hidden, and the
    // next smallest group with it.
    const languages = screen.getByRole('table', { name: 'By language used' });
    expect(figures(languages)).toEqual([
      ['British English', '31'],
      ['Welsh', '0'],
      ['Scottish Gaelic', 'hidden'],
      ['Polish', '0'],
      ['Arabic', '0'],
      ['Not recorded (paper ballots, or a station with an older app)', 'hidden'],
      ['Total', '45'],
    ]);
    expect(figures(screen.getByRole('table', { name: 'Paper or screen' }))).toEqual([
      ['On the screen', '32'],
      ['Paper ballot, keyed in', '13'],
      ['Total', '45'],
    ]);
    const hours = screen.getByRole('table', { name: 'By hour' });
    expect(within(hours).getAllByRole('row')).toHaveLength(4);
    const age = screen.getByRole('table', { name: 'By age band' });
    expect(within(age).getByRole('columnheader', { name: 'People' })).toBeVisible();
    expect(within(age).getByRole('row', { name: /65 or over/ })).toHaveTextContent('hidden');
    // The event weights no area: no area breakdown.
    expect(screen.queryByRole('table', { name: 'By area' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(saved).toHaveLength(1);
    const csv = saved[0];
    expect(csv?.name).toMatch(/-inclusion\.csv$/);
    expect(csv?.type).toBe('text/csv');
    const lines = csv?.text.split('\r\n') ?? [];
    expect(lines).toContain('station,tablet-hall,Community Hall,32');
    expect(lines).toContain('language,gd,,hidden');
    for (const line of lines.slice(1)) expect(line).not.toMatch(/,[1-9]$/);
  });
});
