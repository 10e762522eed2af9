// A voter chooses their language and display options; the next voter starts fresh.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { expectFocusedHeading, heading, renderStation, stationWith } from './station-harness.tsx';

const WELSH_NAME = 'Dewisiadau Cymunedol Burnfoot (demo)';
const html = document.documentElement;

describe('the voter’s language', () => {
  it('lists the event’s languages, each in itself, the event’s own first and chosen', async () => {
    const db = await stationWith(DEMO_EVENT);
    renderStation(db);
    await heading(DEMO_EVENT.name);
    const list = screen.getByRole('list', { name: 'Language' });
    const buttons = within(list).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual([
      'English',
      'Cymraeg',
      'Gàidhlig',
      'Polski',
      'العربية',
    ]);
    expect(buttons.map((b) => b.getAttribute('lang'))).toEqual(['en-GB', 'cy', 'gd', 'pl', 'ar']);
    expect(buttons[0]).toHaveAttribute('aria-pressed', 'true');
  });

  it('switches to Welsh at once, keeps it through the ballot, and the next voter starts in English', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await user.click(screen.getByRole('button', { name: 'Cymraeg' }));

    await heading(WELSH_NAME);
    await waitFor(() => expect(html).toHaveAttribute('lang', 'cy'));
    expect(html).toHaveAttribute('dir', 'ltr');
    expect(screen.getByRole('button', { name: 'Cymraeg' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText(/Helpwch i benderfynu sut mae £34,500/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Dechrau pleidleisio' }));
    await expectFocusedHeading('Y prosiectau');
    expect(document.title).toBe('Y prosiectau · Decision Day');
    // A Welsh title where the organiser gave one; the English group name marked as English.
    expect(screen.getByRole('heading', { name: 'Ioga cadair i bobl hŷn' })).toBeInTheDocument();
    expect(screen.getByText('Silver Circle')).toHaveAttribute('lang', 'en-GB');
    // The compact control on every step names the language in itself.
    expect(screen.getByRole('button', { name: 'Iaith: Cymraeg' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Canslo fy mhleidlais' }));
    await user.click(screen.getByRole('button', { name: 'Ie, canslo fy mhleidlais' }));
    await heading(DEMO_EVENT.name);
    await waitFor(() => expect(html).toHaveAttribute('lang', 'en-GB'));
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('can be changed in the middle of a ballot without losing the choices', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await user.click(screen.getByRole('button', { name: 'Start voting' }));
    await user.click(await screen.findByRole('button', { name: 'Next: choose projects' }));
    await heading('Choose projects');
    await user.click(screen.getByLabelText(/Chair yoga/));

    await user.click(screen.getByRole('button', { name: 'Language: English' }));
    const dialog = screen.getByRole('dialog', { name: 'Language' });
    await user.click(within(dialog).getByRole('button', { name: 'العربية' }));
    await heading('اختر المشاريع');
    await waitFor(() => expect(html).toHaveAttribute('dir', 'rtl'));
    expect(html).toHaveAttribute('lang', 'ar');
    expect(
      screen.getByLabelText(/يوغا على الكرسي لكبار السن/, { selector: 'input' }),
    ).toBeChecked();
  });

  it('offers only the languages this app ships, in the event’s order', async () => {
    const event: EventDefinition = {
      ...DEMO_EVENT,
      id: 'other-day',
      languages: ['cy', 'ur', 'en'],
    };
    const db = await stationWith(event);
    renderStation(db);
    // The event's own language is Welsh now: its own texts are shown as they are written.
    await heading(DEMO_EVENT.name);
    await waitFor(() => expect(html).toHaveAttribute('lang', 'cy'));
    const list = screen.getByRole('list', { name: 'Iaith' });
    expect(
      within(list)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Cymraeg', 'English']);
  });
});

describe('the voter’s display options', () => {
  it('grow the text, set high contrast and less movement, and reset when the ballot ends', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    expect(html.dataset['textSize']).toBe('100');
    await user.click(screen.getByRole('button', { name: 'Text and display' }));
    const dialog = await screen.findByRole('dialog', { name: 'Text and display' });
    expect(dialog).toHaveAccessibleDescription('These go back to normal when your vote ends.');
    await user.click(within(dialog).getByRole('radio', { name: 'Largest' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'High contrast' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Less movement' }));
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(html.dataset['textSize']).toBe('150');
    expect(html.dataset['contrast']).toBe('high');
    expect(html.dataset['motion']).toBe('reduced');

    await user.click(screen.getByRole('button', { name: 'Start voting' }));
    await heading('The projects');
    expect(html.dataset['textSize']).toBe('150');
    await user.click(screen.getByRole('button', { name: 'Cancel my vote' }));
    await user.click(screen.getByRole('button', { name: 'Yes, cancel my vote' }));
    await heading(DEMO_EVENT.name);
    expect(html.dataset['textSize']).toBe('100');
    expect(html.dataset['contrast']).toBe('normal');
    expect(html.dataset['motion']).toBe('normal');
  });

  it('shows easy-read texts where the event has them', async () => {
    const db = await stationWith(DEMO_EVENT);
    const { user } = renderStation(db);
    await heading(DEMO_EVENT.name);
    await user.click(screen.getByRole('button', { name: 'Start voting' }));
    await heading('The projects');
    const easy = 'Older people do gentle exercise sitting on a chair. Then they have tea.';
    expect(screen.queryByText(easy)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Text and display' }));
    await user.click(await screen.findByRole('checkbox', { name: /Easy read/ }));
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.getByText(easy)).toBeInTheDocument();
    // A bid with no easy read keeps its summary.
    expect(
      screen.getByText('Shirts, shorts and goalkeeper gloves for two junior football teams.'),
    ).toBeInTheDocument();
  });
});
