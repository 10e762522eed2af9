// Paper ballots in the volunteer area: keying one at a time with the voter's own ballot cards and
// limits, double entry of a pile with a mismatch shown side by side and decided before anything is
// cast, and a pile left halfway that is offered again with nothing lost.
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { listBallots } from '../../src/db/ballot-repo.ts';
import { paperStore } from '../../src/app/station/paper/paper-store.ts';
import { closeStation } from '../../src/db/closing-repo.ts';
import type { StationDatabase } from '../../src/db/database.ts';
import { castPaperBallot, openPiles } from '../../src/db/paper-repo.ts';
import {
  expectFocusedHeading,
  heading,
  renderStation,
  stationWith,
  unlockVolunteerArea,
} from './station-harness.tsx';

afterEach(() => paperStore.setState({ open: false }));

const box = (name: RegExp) => screen.getByLabelText<HTMLInputElement>(name, { selector: 'input' });

async function openPaper(user: UserEvent) {
  await heading(DEMO_EVENT.name);
  await unlockVolunteerArea(user);
  await user.click(screen.getByRole('button', { name: 'Enter paper ballots' }));
  await expectFocusedHeading('Enter paper ballots');
}

async function key(user: UserEvent, titles: RegExp[], save: string) {
  for (const title of titles) await user.click(box(title));
  await user.click(screen.getByRole('button', { name: save }));
}

describe('paper ballots on the station', () => {
  it('keys single paper ballots, refusing one that breaks the rules as the screen does', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await openPaper(user);
    await user.click(screen.getByRole('button', { name: 'Start keying' }));
    // Nothing chosen: the same message as on the voter's screen, and nothing cast.
    await user.click(screen.getByRole('button', { name: 'Cast this paper ballot' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose at least 1');
    // A sixth choice is refused beside its card, as on screen (at most 5).
    for (const t of [/cooking club/, /Health walks/, /Raised beds/, /Chair yoga/, /under-11s/])
      await user.click(box(t));
    await user.click(box(/Litter picking/));
    expect(box(/Litter picking/)).not.toBeChecked();
    expect(screen.getByRole('alert')).toHaveTextContent('You can choose up to 5.');
    await user.click(screen.getByRole('button', { name: 'Cast this paper ballot' }));
    expect(await screen.findByText(/Paper ballot saved on this tablet/)).toBeInTheDocument();
    const ballots = await listBallots(db, DEMO_EVENT.id);
    expect(ballots).toHaveLength(1);
    expect(ballots[0]?.paper).toBe(true);
    expect(screen.getByTestId('paper-count')).toHaveTextContent('1');
    // The form is empty again for the next ballot.
    expect(box(/cooking club/)).not.toBeChecked();
  });

  it('double entry: a mismatch is shown side by side and decided before anything is cast', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await openPaper(user);
    await user.click(screen.getByLabelText(/Double entry/));
    await user.click(screen.getByRole('button', { name: 'Start keying' }));
    await screen.findByRole('heading', { name: 'First entry: ballot 1' });
    await key(user, [/cooking club/], 'Save and key the next');
    await screen.findByRole('heading', { name: 'First entry: ballot 2' });
    await key(user, [/Chair yoga/], 'Save and key the next');
    await screen.findByRole('heading', { name: 'First entry: ballot 3' });
    await user.click(screen.getByRole('button', { name: 'First entry done: hand the pile over' }));

    await screen.findByRole('heading', { name: 'Second entry: ballot 1 of 2' });
    await key(user, [/cooking club/], 'Save and key the next');
    await screen.findByRole('heading', { name: 'Second entry: ballot 2 of 2' });
    await key(user, [/Health walks/], 'Save and key the next');

    await screen.findByRole('heading', { name: 'Compare the two entries' });
    expect(screen.getByText('Both entries agree on 1 of 2 ballots.')).toBeInTheDocument();
    const mismatch = screen.getByRole('region', { name: 'Ballot 2: the entries differ' });
    expect(within(mismatch).getByText('Chair yoga for older people')).toBeInTheDocument();
    expect(within(mismatch).getByText('Health walks for all ages')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Cast the pile/ })).toBeNull();
    expect(await listBallots(db, DEMO_EVENT.id)).toEqual([]);

    await user.click(
      within(mismatch).getByRole('button', { name: 'Ballot 2: the first entry is right' }),
    );
    await user.click(await screen.findByRole('button', { name: 'Cast the pile’s 2 ballots' }));
    expect(await screen.findByText(/Paper ballots cast from this pile: 2/)).toBeInTheDocument();
    const ballots = await listBallots(db, DEMO_EVENT.id);
    expect(ballots.map((b) => b.paper)).toEqual([true, true]);
    expect(
      ballots.map((b) => b.choice).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    ).toEqual([
      { kind: 'approval', bids: ['chair-yoga'] },
      { kind: 'approval', bids: ['cooking-club'] },
    ]);
  });

  it('a pile left halfway is offered again, with what was keyed kept', async () => {
    const db = await stationWith(DEMO_EVENT);
    const first = renderStation(db);
    await openPaper(first.user);
    await first.user.click(screen.getByLabelText(/Double entry/));
    await first.user.click(screen.getByRole('button', { name: 'Start keying' }));
    await screen.findByRole('heading', { name: 'First entry: ballot 1' });
    await key(first.user, [/cooking club/], 'Save and key the next');
    await screen.findByRole('heading', { name: 'First entry: ballot 2' });
    // The volunteer goes back (or the tablet locks): the pile waits.
    await first.user.click(screen.getByRole('button', { name: 'Back to the volunteer area' }));
    await expectFocusedHeading('Volunteer area');
    expect(
      await screen.findByText(/Piles of paper ballots not finished yet: 1/),
    ).toBeInTheDocument();
    first.unmount();
    paperStore.setState({ open: false });

    const again = renderStation(db);
    await openPaper(again.user);
    await again.user.click(screen.getByRole('button', { name: 'Carry on with this pile' }));
    await screen.findByRole('heading', { name: 'First entry: ballot 2' });
    expect(screen.getByText(/Keyed so far: 1/)).toBeInTheDocument();
    await waitFor(async () => expect(await listBallots(db, DEMO_EVENT.id)).toEqual([]));
  });

  it('a pile keyed by mistake is discarded after a question, with nothing cast', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await openPaper(user);
    await user.click(screen.getByLabelText(/Double entry/));
    await user.click(screen.getByRole('button', { name: 'Start keying' }));
    await screen.findByRole('heading', { name: 'First entry: ballot 1' });
    await key(user, [/cooking club/], 'Save and key the next');
    await screen.findByRole('heading', { name: 'First entry: ballot 2' });
    await user.click(screen.getByRole('button', { name: 'Discard this pile' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Discard this pile?' });
    expect(within(dialog).getByRole('button', { name: 'Keep the pile' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Discard the pile' }));
    expect(
      await screen.findByText('The pile was discarded. Nothing of it was cast.'),
    ).toBeInTheDocument();
    expect(await openPiles(db, DEMO_EVENT.id)).toEqual([]);
    expect(await db.paperEntries.count()).toBe(0);
    expect(await listBallots(db, DEMO_EVENT.id)).toEqual([]);
  });

  it('refuses, in words, once the station has closed: nothing is cast after the closing sheet', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await openPaper(user);
    await user.click(screen.getByRole('button', { name: 'Start keying' }));
    await user.click(box(/cooking club/));
    await closeHere(db);
    // The entry gives way to the reason; no form is left to cast from.
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This station is closed: no more paper ballots can be entered on it.',
    );
    expect(screen.queryByRole('button', { name: 'Cast this paper ballot' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Start keying' })).toBeNull();
    // Nor may anything reach the database by another way in (another tab's form, a pile).
    const choice = { kind: 'approval' as const, bids: ['gala-day'] };
    const cast = await castPaperBallot(db, DEMO_EVENT, choice, new Date());
    expect(cast.ok ? 'cast' : cast.error.code).toBe('station-closed');
    expect(await listBallots(db, DEMO_EVENT.id)).toHaveLength(0);
    // Back in the volunteer area, the paper section says so instead of offering entry.
    await user.click(screen.getByRole('button', { name: 'Back to the volunteer area' }));
    await expectFocusedHeading('Volunteer area');
    expect(screen.queryByRole('button', { name: 'Enter paper ballots' })).toBeNull();
    expect(screen.getByText(/no more paper ballots can be entered/)).toBeInTheDocument();
  });
});

async function closeHere(db: StationDatabase) {
  const closed = await closeStation(db, DEMO_EVENT.id, {
    station: 'station-test',
    stationName: 'Hall',
    closedAt: '2026-06-13T18:00:00.000Z',
    codesUsed: 0,
    screenBallots: 0,
    paperBallots: 0,
    synced: 0,
    waiting: 0,
  });
  expect(closed.ok).toBe(true);
}
