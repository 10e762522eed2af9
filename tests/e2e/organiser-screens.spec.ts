/**
 * The organiser's screens in the browser against a real tally server that stations have pushed
 * to: a wrong password is refused and changes nothing, the stations table shows what is still
 * missing until it arrives, the reveal walks through exactly the bids the command line funds, and
 * axe finds no WCAG 2.2 A/AA violation on the sign-in, stations, results or reveal screens. On a
 * phone the event's screens and the account's tools fold behind a button each.
 */
import type { Page } from '@playwright/test';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { demoBallots, push } from '../server/support/tally-server.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { cliTally } from './support/cli.ts';
import { expect, test } from './support/fixtures.ts';
import { openEventScreen, pence, showResultsFor, signIn } from './support/organiser.ts';
import type { TallyServerProcess } from './support/server.ts';

/** A station that has cast `cast` ballots but delivered only the first `delivered`. */
async function stationWithBallots(
  server: TallyServerProcess,
  name: string,
  cast: number,
  delivered: number,
  seed: number,
) {
  const joined = await server.joinAsStation(name);
  const ballots = demoBallots(joined.stationId, cast, seed);
  const reply = await push(server, joined, ballots.slice(0, delivered), cast);
  expect(reply.status, reply.text).toBe(200);
  return { joined, ballots };
}

const stationRow = (page: Page, name: string) =>
  page
    .getByRole('table', { name: 'Ballots per station' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });

test('an organiser signs in, watches the stations catch up and reveals the results', async ({
  page,
  server,
}) => {
  // Four axe runs over full screens: on a loaded two-core machine each can take over ten seconds.
  test.slow();
  const hall = await stationWithBallots(server, 'Church hall', 40, 37, 0);
  await stationWithBallots(server, 'Library', 25, 25, 1000);

  // A projector laptop whose browser refuses full screen, which the reveal allows for. With full
  // screen granted, axe's own helper page would take it away and so end the reveal, by design.
  await page.addInitScript(() => {
    Element.prototype.requestFullscreen = () =>
      Promise.reject(new TypeError('Full screen is not allowed here'));
  });
  await page.goto(`${server.url}/organiser`);
  await expect(page.getByLabel('Password', { exact: true })).toBeVisible();

  // A wrong password: a sentence saying so, the form kept, nothing else shown.
  await page.getByLabel('Your name', { exact: true }).fill('organiser');
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(/name and password do not match/);
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await expect(page.getByRole('heading', { name: DEMO_EVENT.name })).toHaveCount(0);
  await expectNoAxeViolations(page, 'organiser sign-in with an error');

  await signIn(page, server.url);

  // Stations: the hall's three undelivered ballots are flagged as missing.
  await expect(stationRow(page, 'Church hall').getByRole('cell')).toHaveText([
    '40',
    '37',
    /^3\s*missing$/,
    /^just now/,
    'Remove this tablet',
  ]);
  await expect(stationRow(page, 'Library').getByRole('cell')).toHaveText([
    '25',
    '25',
    '0',
    /^just now/,
    'Remove this tablet',
  ]);
  await expect(page.getByText('Warning: 3 ballots are still on stations')).toBeVisible();
  await expectNoAxeViolations(page, 'organiser stations');

  // On a phone the event's screens and the account's tools fold behind a button each, so the
  // screen itself starts on the first screenful; each folds again once it has been used.
  await page.setViewportSize({ width: 390, height: 844 });
  const nav = page.getByRole('navigation', { name: 'This event' });
  const navLink = (name: string) => nav.getByRole('link', { name, exact: true });
  const account = page.getByRole('banner').getByRole('button', { name: 'Account', exact: true });
  const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
  await expect(navLink('Results')).toBeHidden();
  await expect(signOut).toBeHidden();
  const heading = await page.getByRole('heading', { level: 1, name: 'Stations' }).boundingBox();
  expect(heading?.y ?? Infinity).toBeLessThan(844);
  // The lifecycle's actions fold too; its state stays in view.
  const lifecycleFold = page.getByRole('button', {
    name: 'Next step and the event package',
    exact: true,
  });
  const closeVoting = page.getByRole('button', { name: 'Close voting', exact: true });
  await expect(page.getByText('State: Voting open')).toBeVisible();
  await expect(closeVoting).toBeHidden();
  await lifecycleFold.click();
  await expect(closeVoting).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(lifecycleFold).toBeFocused();
  await expect(closeVoting).toBeHidden();
  await account.click();
  await expect(account).toHaveAttribute('aria-expanded', 'true');
  await expect(signOut).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(account).toBeFocused();
  await expect(signOut).toBeHidden();
  await nav.getByRole('button', { name: 'This event: Stations', exact: true }).click();
  await navLink('Results').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Results' })).toBeVisible();
  await expect(
    nav.getByRole('button', { name: 'This event: Results', exact: true }),
  ).toHaveAttribute('aria-expanded', 'false');
  await expect(navLink('Stations')).toBeHidden();
  // Wide enough for everything: no buttons, every link shown.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(nav.getByRole('button')).toBeHidden();
  await expect(account).toBeHidden();
  await expect(lifecycleFold).toBeHidden();
  await expect(closeVoting).toBeVisible();
  await expect(navLink('Stations')).toBeVisible();
  await showResultsFor(page, 62);
  // Counted in a Web Worker, not on the page's main thread (the measure count-in-worker.ts leaves).
  const countedIn = await page.evaluate(() =>
    performance
      .getEntriesByName('decision-day:count')
      .map((m) => ((m as PerformanceMeasure).detail as { where: string }).where),
  );
  expect(countedIn).toContain('worker');
  expect(countedIn).not.toContain('inline');
  await expectNoAxeViolations(page, 'organiser results');

  // The hall delivers the rest; the organiser refreshes and sees nothing missing.
  const rest = await push(server, hall.joined, hall.ballots.slice(37), 40);
  expect(rest.status, rest.text).toBe(200);
  await openEventScreen(page, 'Stations');
  await page.getByRole('button', { name: 'Refresh stations' }).click();
  await expect(
    page.getByText('Every ballot cast on a station is in the central file.'),
  ).toBeVisible();
  await expect(stationRow(page, 'Church hall').getByRole('cell')).toHaveText([
    '40',
    '40',
    '0',
    /^just now/,
    'Remove this tablet',
  ]);
  await showResultsFor(page, 65);

  // The reveal shows, one by one, the bids the command line funds from the same file.
  const cli = await cliTally(server.tallyFilePath);
  expect(cli.ballots).toBe(65);
  const funded = cli.pots.flatMap((pot) =>
    pot.selected.map((id) => ({ pot: pot.name, bid: DEMO_EVENT.bids.find((b) => b.id === id) })),
  );
  expect(funded.length).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Start the reveal' }).click();
  const reveal = page.getByRole('dialog', { name: 'Results reveal' });
  await expect(reveal.getByRole('heading', { name: DEMO_EVENT.name })).toBeVisible();
  await expect(reveal.getByText('65 ballots counted.')).toBeVisible();
  for (const [i, { pot, bid }] of funded.entries()) {
    await reveal.getByRole('button', { name: i === 0 ? 'Reveal the first bid' : 'Next' }).click();
    await expect(
      reveal.getByText(`Funded bid ${i + 1} of ${funded.length} · ${pot}`),
    ).toBeVisible();
    await expect(reveal.getByRole('heading', { name: bid?.title ?? 'unknown bid' })).toBeVisible();
  }
  await expectNoAxeViolations(page, 'reveal, a funded bid');
  await reveal.getByRole('button', { name: 'Next' }).click();
  await expect(reveal.getByRole('heading', { name: 'Thank you for voting!' })).toBeVisible();
  const totals = (await reveal.getByText(/bids? funded, /).textContent()) ?? '';
  const cliSpent = cli.pots.reduce((sum, pot) => sum + Math.round(pot.spent * 100), 0);
  expect(pence(totals)).toBe(cliSpent);
  await reveal.getByRole('button', { name: 'End the reveal' }).click();
  await expect(reveal).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start the reveal' })).toBeFocused();
});
