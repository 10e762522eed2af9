import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { activateLanguage, KIOSK_PARTS } from '../../src/app/i18n/catalogue.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import {
  approvalBallots,
  fakeServer,
  ORGANISER_NAME,
  PASSWORD,
  renderOrganiser,
} from './organiser-fake-api.ts';

afterEach(async () => {
  cleanup();
  localStorage.clear();
  await activateLanguage('en-GB', KIOSK_PARTS);
});

describe('organiser language', () => {
  it('switches every word, the document language and the direction, and remembers the choice', async () => {
    const user = userEvent.setup();
    const server = fakeServer(DEMO_EVENT, approvalBallots(DEMO_EVENT, 12, 3));
    await renderOrganiser({ api: server.api });
    const menu = screen.getByRole('combobox', { name: 'Language' });
    // Each language is named in itself.
    expect(
      within(menu)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['English', 'Cymraeg', 'Gàidhlig', 'Polski', 'العربية']);

    await user.selectOptions(menu, 'cy');
    // A language's catalogues load on first use (compiled on the fly here: allow for it).
    expect(await screen.findByLabelText('Cyfrinair', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('cy');
    expect(document.documentElement.dir).toBe('ltr');
    await user.type(screen.getByLabelText('Eich enw'), ORGANISER_NAME);
    await user.type(screen.getByLabelText('Cyfrinair'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Mewngofnodi' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Nid yw’r enw a’r cyfrinair hwnnw’n cyfateb i gyfrif.',
    );

    await user.selectOptions(screen.getByRole('combobox', { name: 'Iaith' }), 'ar');
    expect(
      await screen.findByLabelText('كلمة المرور', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(document.documentElement.dir).toBe('rtl');
    expect(localStorage.getItem('decision-day.organiser.language')).toBe('ar');
  });

  it('counts in the organiser’s language, with its plural forms', async () => {
    const user = userEvent.setup();
    localStorage.setItem('decision-day.organiser.language', 'pl');
    const server = fakeServer(DEMO_EVENT, approvalBallots(DEMO_EVENT, 12, 3));
    await renderOrganiser({ api: server.api }, '/organiser', 'Zaloguj się jako organizator');
    await user.type(screen.getByLabelText('Twoja nazwa'), ORGANISER_NAME);
    await user.type(screen.getByLabelText('Hasło'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Zaloguj się' }));
    await user.click(await screen.findByRole('link', { name: DEMO_EVENT.name }));
    await screen.findByRole('heading', { level: 1, name: 'Stanowiska' });
    const nav = screen.getByRole('navigation', { name: 'To wydarzenie' });
    await user.click(within(nav).getByRole('link', { name: 'Wyniki' }));
    // Polish "many" form for 12.
    expect(await screen.findByText('Policzono 12 głosów.')).toBeInTheDocument();
    expect(document.title).toBe(`Wyniki — ${DEMO_EVENT.name} · Decision Day`);
  });
});
