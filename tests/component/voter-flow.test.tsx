import { act, fireEvent, screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { Dexie } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { countBallots, listBallots } from '../../src/db/ballot-repo.ts';
import {
  expectFocusedHeading,
  heading,
  renderStation,
  startAndGoToChoose,
  stationWith,
} from './station-harness.tsx';

// By label rather than by role: the same user-facing name, and far quicker on a long list in jsdom.
const box = (name: RegExp) => screen.getByLabelText<HTMLInputElement>(name, { selector: 'input' });
/** Starts a ballot, ticks one project and moves on to the review. */
async function goToReview(user: UserEvent, project: RegExp) {
  await startAndGoToChoose(user, DEMO_EVENT.name);
  await user.click(box(project));
  await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));
  await heading('Check your choices');
}
/** Moves the faked timers on, letting React render what they set off. */
const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
/** A touch as the browser reports it: pointerdown (which the idle timer watches), then click. */
const tap = (element: HTMLElement) => {
  fireEvent.pointerDown(element);
  fireEvent.click(element);
};

describe('a voter on the demo event', () => {
  it('browses, chooses two projects, checks them and casts a ballot that is stored', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await user.click(screen.getByRole('button', { name: 'Start voting' }));

    await expectFocusedHeading('The projects');
    const cards = screen.getAllByRole('article');
    expect(cards).toHaveLength(DEMO_EVENT.bids.length);
    const yoga = cards.find((c) => within(c).queryByRole('heading', { name: /Chair yoga/ }));
    expect(yoga).toHaveTextContent('£900');
    expect(yoga).toHaveTextContent('Silver Circle');
    await user.click(within(yoga as HTMLElement).getByRole('button', { name: /Read more/ }));
    const details = screen.getByRole('dialog', { name: 'Chair yoga for older people' });
    expect(details).toHaveTextContent('Health and wellbeing');
    await user.click(within(details).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Next: choose projects' }));
    await expectFocusedHeading('Choose projects');
    expect(screen.getByText('Choose 1 to 5 projects.')).toBeInTheDocument();
    await user.click(box(/Chair yoga/));
    await user.click(box(/Youth cooking club/));
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));

    await expectFocusedHeading('Check your choices');
    const list = screen.getByRole('list');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Chair yoga for older people £900', 'Youth cooking club £2,400']);
    expect(await countBallots(db, DEMO_EVENT.id)).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Cast my vote' }));

    await expectFocusedHeading('Thank you. Your vote has been saved.');
    const [ballot, ...more] = await listBallots(db, DEMO_EVENT.id);
    expect(more).toEqual([]);
    expect(ballot?.choice).toEqual({ kind: 'approval', bids: ['chair-yoga', 'cooking-club'] });
    expect(ballot?.castHour).toBe('2026-06-13T10:00Z');
  });

  it('shows the projects in a fresh random order for each ballot', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    const orders = new Set<string>();
    // 12 projects: the chance that three shuffles all give the same order is 1 in (12!)^2.
    for (let i = 0; i < 3; i++) {
      await heading(DEMO_EVENT.name);
      await user.click(screen.getByRole('button', { name: 'Start voting' }));
      await heading('The projects');
      const titles = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
      expect([...titles].sort()).toEqual(DEMO_EVENT.bids.map((b) => b.title).sort());
      orders.add(titles.join('|'));
      await user.click(screen.getByRole('button', { name: 'Cancel my vote' }));
      await user.click(screen.getByRole('button', { name: 'Yes, cancel my vote' }));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('says "thank you" only once the database holds the ballot', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await goToReview(user, /Bike repair/);

    // Hold the ballots table with another transaction, so the cast must wait for it.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const blocker = db.transaction('rw', db.ballots, () => Dexie.waitFor(gate));
    await user.click(screen.getByRole('button', { name: 'Cast my vote' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.getByRole('button', { name: 'Saving your vote…' })).toBeDisabled();
    expect(screen.queryByRole('heading', { name: /Thank you/ })).toBeNull();

    release();
    await blocker;
    await heading(/Thank you/);
    expect(await countBallots(db, DEMO_EVENT.id)).toBe(1);
  });

  it('keeps the review screen and says so when the ballot cannot be saved', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await goToReview(user, /Bike repair/);
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    db.close();
    await user.click(screen.getByRole('button', { name: 'Cast my vote' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/could not be saved/);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Check your choices');
    expect(screen.getByRole('button', { name: 'Try again: cast my vote' })).toBeEnabled();
    log.mockRestore();
  });

  it('goes back to the welcome screen by itself after the thank-you', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db, { timings: { thanksMs: 300 } });
    await goToReview(user, /gala day/i);
    await user.click(screen.getByRole('button', { name: 'Cast my vote' }));
    await heading(/Thank you/);
    await expectFocusedHeading(DEMO_EVENT.name);
    expect(screen.getByRole('button', { name: 'Start voting' })).toBeInTheDocument();
  });
});

describe('a voter using only the keyboard', () => {
  /** Presses Tab until the named control has focus, as a keyboard user would. */
  async function tabTo(user: UserEvent, name: string | RegExp) {
    for (let presses = 0; presses < 40; presses++) {
      await user.tab();
      const focused = document.activeElement;
      const label = focused?.getAttribute('aria-label') ?? focused?.closest('label')?.textContent;
      const text = `${label ?? ''} ${focused?.textContent ?? ''}`;
      if (typeof name === 'string' ? text.trim() === name : name.test(text)) return focused;
    }
    throw new Error(`Tab never reached ${String(name)}`);
  }

  it('can cast a ballot with Tab, Space and Enter', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await tabTo(user, 'Start voting');
    await user.keyboard('{Enter}');
    await heading('The projects');
    await tabTo(user, 'Next: choose projects');
    await user.keyboard('{Enter}');
    await heading('Choose projects');
    await tabTo(user, /Health walks/);
    await user.keyboard(' ');
    expect(box(/Health walks/)).toBeChecked();
    await tabTo(user, 'Next: check your choices');
    await user.keyboard('{Enter}');
    await heading('Check your choices');
    await tabTo(user, 'Cast my vote');
    await user.keyboard('{Enter}');
    await heading(/Thank you/);
    const [ballot] = await listBallots(db, DEMO_EVENT.id);
    expect(ballot?.choice).toEqual({ kind: 'approval', bids: ['walking-group'] });
  });
});

describe('the choice screen', () => {
  it('updates the "£X of £Y chosen" meter as projects are ticked and unticked', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await startAndGoToChoose(user, DEMO_EVENT.name);
    // £30,000 community fund + £4,500 health pot.
    const meter = screen.getByRole('status');
    expect(meter).toHaveTextContent('£0 of £34,500 chosen');
    await user.click(box(/Warm space/));
    expect(meter).toHaveTextContent('£3,600 of £34,500 chosen');
    expect(meter).toHaveTextContent('1 of 5 projects chosen');
    await user.click(box(/Litter picking/));
    expect(meter).toHaveTextContent('£4,250 of £34,500 chosen');
    await user.click(box(/Warm space/));
    expect(meter).toHaveTextContent('£650 of £34,500 chosen');
  });

  it('refuses a sixth project with a reason, and leaves it unticked', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await startAndGoToChoose(user, DEMO_EVENT.name);
    for (const name of [/Chair yoga/, /gala day/i, /Bike repair/, /Warm space/, /Litter/]) {
      await user.click(box(name));
    }
    await user.click(box(/homework club/i));
    expect(screen.getByRole('alert')).toHaveTextContent('You can choose up to 5');
    expect(box(/homework club/i)).not.toBeChecked();
    expect(screen.getByRole('status')).toHaveTextContent('5 of 5 projects chosen');
  });

  it('does not move on with nothing chosen, and says why', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await startAndGoToChoose(user, DEMO_EVENT.name);
    await user.click(screen.getByRole('button', { name: 'Next: check your choices' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose at least 1.');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Choose projects');
  });

  it('keeps the choices when the voter goes back to read the projects again', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await startAndGoToChoose(user, DEMO_EVENT.name);
    await user.click(box(/Dementia/));
    await user.click(screen.getByRole('button', { name: 'Back to the projects' }));
    await user.click(await screen.findByRole('button', { name: 'Next: choose projects' }));
    await heading('Choose projects');
    expect(box(/Dementia/)).toBeChecked();
  });
});

describe('cancelling', () => {
  it('asks first, then clears the choices and stores nothing', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await startAndGoToChoose(user, DEMO_EVENT.name);
    await user.click(box(/Chair yoga/));

    await user.click(screen.getByRole('button', { name: 'Cancel my vote' }));
    const ask = screen.getByRole('alertdialog', { name: 'Cancel your vote?' });
    expect(within(ask).getByRole('button', { name: 'No, keep voting' })).toHaveFocus();
    await user.click(within(ask).getByRole('button', { name: 'No, keep voting' }));
    expect(box(/Chair yoga/)).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Cancel my vote' }));
    await user.click(screen.getByRole('button', { name: 'Yes, cancel my vote' }));
    await heading(DEMO_EVENT.name);
    expect(await countBallots(db, DEMO_EVENT.id)).toBe(0);

    await startAndGoToChoose(user, DEMO_EVENT.name);
    expect(box(/Chair yoga/)).not.toBeChecked();
  });
});

describe('an abandoned ballot', () => {
  it('warns after 70 seconds untouched, resets at 90, and stores nothing', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await startAndGoToChoose(user, DEMO_EVENT.name);
    // Fake only the timers the kiosk uses; IndexedDB (fake-indexeddb) runs on setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      // A tap restarts the count, so the fake clock starts from this one.
      tap(box(/Chair yoga/));
      expect(box(/Chair yoga/)).toBeChecked();
      await wait(69_000);
      expect(screen.queryByRole('alertdialog')).toBeNull();
      await wait(1_000);
      expect(screen.getByRole('alertdialog', { name: 'Are you still there?' })).toBeInTheDocument();
      await wait(20_000);
      expect(screen.queryByRole('alertdialog')).toBeNull();
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(DEMO_EVENT.name);
    } finally {
      vi.useRealTimers();
    }
    expect(await countBallots(db, DEMO_EVENT.id)).toBe(0);
  });

  it('carries on with the choices kept when the voter says they are still there', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await startAndGoToChoose(user, DEMO_EVENT.name);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      tap(box(/gala day/i));
      await wait(75_000);
      tap(screen.getByRole('button', { name: 'Yes, I’m still here' }));
      await wait(60_000);
      expect(screen.queryByRole('alertdialog')).toBeNull();
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Choose projects');
      expect(box(/gala day/i)).toBeChecked();
    } finally {
      vi.useRealTimers();
    }
  });

  it('never times out the welcome screen', async () => {
    const db = await stationWith(DEMO_EVENT);
    renderStation(db);
    await heading(DEMO_EVENT.name);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await wait(10 * 60_000);
      expect(screen.queryByRole('alertdialog')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
