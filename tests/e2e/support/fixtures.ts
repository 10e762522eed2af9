/**
 * The sync and organiser specs' `test`: each test gets a tally server process of its own (a fresh
 * data folder, killed and restarted at will), station tablets opened on it, and a signed-in
 * organiser — all closed and removed when the test ends, pass or fail.
 */
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { signIn } from './organiser.ts';
import { TallyServerProcess } from './server.ts';
import { openStation, type Station } from './sync.ts';

interface SyncFixtures {
  server: TallyServerProcess;
  /** Opens a new, set-up station tablet on the test's server. */
  newStation: (name: string) => Promise<Station>;
  /** The organiser screens in a browser of their own, signed in. */
  organiser: Page;
}

export const test = base.extend<SyncFixtures>({
  server: [
    // Playwright requires the fixtures argument to be destructured, even when empty.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await TallyServerProcess.start();
      await use(server);
      await server.close();
    },
    // Starting node with tsx takes seconds on a busy machine: not the test's time.
    { timeout: 30_000 },
  ],
  newStation: async ({ browser, server }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (name) => {
      const context = await browser.newContext({ baseURL: server.url });
      opened.push(context);
      return openStation(context, name);
    });
    for (const context of opened) await context.close();
  },
  organiser: async ({ browser, server }, use) => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await signIn(page, server.url);
    await use(page);
    await context.close();
  },
});

export { expect } from '@playwright/test';
