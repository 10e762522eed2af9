/**
 * The short soak in every test run (the long one is `npm run soak`, tests/soak/run.ts): four
 * browser kills around "Cast my vote" on one station profile and three server kills mid-ingest.
 * Nothing acknowledged is lost and nothing is counted twice; the rounds must also have reached
 * an acknowledgement, or the check would prove nothing.
 */
import { expect, test } from '@playwright/test';
import { browserKills, describeReport, serverKills } from '../soak/soak.ts';

test('a browser killed mid-cast and a server killed mid-ingest lose and double nothing', async () => {
  test.setTimeout(240_000);
  const log = (line: string) => test.info().annotations.push({ type: 'soak', description: line });
  const browser = await browserKills(4, log);
  console.log(describeReport(browser));
  expect(browser.acknowledged, 'no round reached the thank-you').toBeGreaterThan(0);
  expect(browser.lost).toBe(0);
  expect(browser.duplicates).toBe(0);

  const server = await serverKills(3, log);
  console.log(describeReport(server));
  expect(server.acknowledged).toBeGreaterThan(0);
  expect(server.lost).toBe(0);
  expect(server.duplicates).toBe(0);
  // Every station re-sent until acknowledged: the file holds exactly what was acknowledged.
  expect(server.storedUnacknowledged).toBe(0);
  expect(server.stored).toBe(server.acknowledged);
});
