/**
 * Browser tests run in the system's Chromium against the built app (`npm test` builds dist/
 * first), served by the real tally server with a throw-away data directory — the same process
 * an organiser starts with `npm start`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { LAUNCH_OPTIONS } from './support/chromium.ts';

/**
 * A port no one is listening on, asked of the OS in a child process because the config is
 * synchronous. Several test runs may share this machine, so a fixed port would clash.
 */
function freePort(): string {
  const script =
    "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
}

/** E2E_WORKERS: how many spec files run at once, from 1 to 8. */
function workerCount(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 8) {
    throw new Error(`E2E_WORKERS must be a whole number from 1 to 8, not "${raw}".`);
  }
  return n;
}

// Playwright loads this file in its runner and again in every worker; the workers inherit the
// runner's environment, so the port and the data directory are chosen once and shared.
process.env['E2E_PORT'] ??= freePort();
process.env['E2E_DATA_DIR'] ??= mkdtempSync(join(tmpdir(), 'dd-e2e-data-'));
const PORT = Number(process.env['E2E_PORT']);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const E2E_ORGANISER_PASSWORD = 'e2e-organiser-password';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // E2E_WORKERS browsers at once (spec files in parallel, the tests of a file in order). The
  // shared server below is only read and added to by the specs that use it (stations join the
  // demo event, editors add events of their own ids); specs that stop, crash or inspect a server
  // get one of their own (support/fixtures.ts).
  // Two by default: a whole run uses about 0.7 of a core on average (714 CPU-s against about
  // 1,000 s of wall time with one worker), so one worker leaves most of the second core idle.
  workers: workerCount(process.env['E2E_WORKERS'] ?? '2'),
  fullyParallel: false,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  // The longest flows (three browsers, a station and the organiser, axe on many screens) take
  // 40-60 s on two cores; a CI run on a slower, busier machine (load average 10) took five of
  // them over 60 s at steps that pass. A test that hangs still fails at its step (expect below).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  globalTeardown: './support/global-teardown.ts',
  outputDir: '../../test-results',
  use: {
    baseURL: BASE_URL,
    launchOptions: LAUNCH_OPTIONS,
    trace: 'retain-on-failure',
  },
  webServer: {
    // The built server, as `npm start` runs it; built first (under a second), so never a stale one.
    command: 'node src/build.js && exec node .build/node/server.js',
    cwd: '../..',
    url: `${BASE_URL}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    // SIGTERM lets the server finish and fsync what it is writing, as in production.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: process.env['E2E_DATA_DIR'],
      ORGANISER_PASSWORD: E2E_ORGANISER_PASSWORD,
    },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
