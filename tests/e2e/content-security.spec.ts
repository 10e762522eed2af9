/**
 * The Content-Security-Policy the server sends (src/server/http/security.ts) against the real
 * built app in Chromium: a station set up and a ballot cast, the organiser's screens (the count in
 * its Web Worker, the voter preview in its iframe, the publish screen) and the public results page
 * all work with no violation reported (a `securitypolicyviolation` event or a "Content Security
 * Policy" console message fails the test); and a page on another site cannot frame the organiser.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { expect, test } from './support/fixtures.ts';
import { openEventScreen, signIn } from './support/organiser.ts';
import { watchViolations } from './support/page-watch.ts';
import { castBallot } from './support/station.ts';

test('the station, the organiser and the public page work under the CSP with no violation', async ({
  newStation,
  browser,
  server,
}) => {
  test.slow();
  // The organiser in a context watched from its first page load.
  const organiserContext = await browser.newContext({ baseURL: server.url });
  const organiserViolations = await watchViolations(organiserContext);
  const organiser = await organiserContext.newPage();
  const station = await newStation('CSP hall');
  const stationViolations = await watchViolations(station.context);
  // A reload so the watch sees the station's first page load too, then a whole ballot.
  await station.page.reload();
  await castBallot(station.page, ['Youth cooking club', 'Chair yoga for older people']);
  expect(stationViolations).toEqual([]);

  await signIn(organiser, server.url);
  await openEventScreen(organiser, 'Results');
  await expect(organiser.getByText('Community fund').first()).toBeVisible();
  const nav = organiser.getByRole('navigation', { name: 'This event' });
  for (const [link, heading] of [
    ['Publish', 'Publish the results'],
    ['Inclusion', 'Inclusion'],
  ] as const) {
    await nav.getByRole('link', { name: link, exact: true }).click();
    await expect(organiser.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  // The voter preview in its iframe (framed by its own origin only).
  await nav.getByRole('link', { name: 'Preview', exact: true }).click();
  const frame = organiser.frameLocator('iframe').first();
  await expect(frame.getByRole('heading', { level: 1 }).first()).toBeVisible();

  // The public page of an event not published: its own bundle, its own words.
  const visitor = await browser.newContext({ baseURL: server.url });
  const visitorViolations = await watchViolations(visitor);
  const page = await visitor.newPage();
  await page.goto(`/results/${DEMO_EVENT.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await visitor.close();

  await organiserContext.close();
  expect(organiserViolations).toEqual([]);
  expect(visitorViolations).toEqual([]);
});

test('a page on another site cannot frame the organiser area', async ({ browser, server }) => {
  // Another origin on this machine (another port): a page there frames /organiser. (A made-up
  // public address would be stopped by Chromium's local-network checks, whatever the headers.)
  const other = createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html');
    response.end(
      `<!doctype html><title>Elsewhere</title><iframe src="${server.url}/organiser" width="800" height="600"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const { port } = other.address() as AddressInfo;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    // Chromium shows its own error page in the frame instead of the organiser's sign-in (which
    // loaded there before the fix).
    const framed = () => page.frames().find((f) => f !== page.mainFrame());
    await expect.poll(() => framed()?.url(), { timeout: 10_000 }).toMatch(/^chrome-error:/);
    const signIn = framed()?.getByRole('heading', { name: 'Sign in to organise' });
    expect(await signIn?.count()).toBe(0);
  } finally {
    await context.close();
    other.close();
  }
});
