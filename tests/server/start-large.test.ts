// A restart on a big tally (140,000 ballots, about 45 MB) answers /health at once instead of after
// the whole file is verified (issue 11, fault 6: 13 s with nothing listening, so stations reported
// the server unreachable); other requests are 503 with Retry-After until the events are open. A
// damaged file is still refused.
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { appendBallots, readTallyFile } from '../../src/core/tally-file/index.ts';
import { nativeSha256 } from '../../src/server/store/native-sha256.ts';
import { demoBallots, TEST_PASSWORD } from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';

const BALLOTS = 140_000;
const BATCH = 500;
/**
 * Node starts in about 0.3 s of CPU; on two shared cores under load that can take a few times
 * longer. The old server answered only after verifying every ballot (2 s of CPU, 13 s seen).
 */
const FIRST_HEALTH_WITHIN_MS = 3_000;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const server = useTallyServers();

/** Appends `n` ballots to the demo event's tally file, in sealed batches as pushes write them. */
function growTally(path: string, n: number): void {
  const read = readTallyFile(readFileSync(path, 'utf8'), { sha256: nativeSha256 });
  if (!read.ok) throw new Error('the new tally file does not verify');
  let head = read.value.head;
  const parts: string[] = [];
  for (let from = 0; from < n; from += BATCH) {
    const batch = appendBallots(head, demoBallots('st-hall', BATCH, from), {
      sha256: nativeSha256,
    });
    parts.push(batch.text);
    head = batch.head;
  }
  appendFileSync(path, parts.join(''));
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

interface StartTimes {
  /** ms from spawning the server to its first /health answer. */
  firstHealth: number;
  /** ms from spawning to "listening on": every event open. */
  ready: number;
  /** Answers to an organiser request while starting: 503 with Retry-After. */
  startingAnswers: { status: number; retryAfter: string | null }[];
}

/** Starts the built server on `dataDir` and asks /health every 25 ms from the moment it is spawned. */
async function timeStart(dataDir: string): Promise<StartTimes> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, '.build', 'node', 'server.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIST_DIR: join(dataDir, 'no-dist'),
      ORGANISER_PASSWORD: TEST_PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let ready: number | null = null;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (ready === null && output.includes('listening on')) ready = performance.now() - started;
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  let firstHealth: number | null = null;
  const startingAnswers: StartTimes['startingAnswers'] = [];
  try {
    while (ready === null) {
      if (child.exitCode !== null) throw new Error(`the server stopped:\n${output}`);
      try {
        const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
        await health.arrayBuffer();
        if (health.status === 200) firstHealth ??= performance.now() - started;
        if (ready === null) {
          const events = await fetch(`http://127.0.0.1:${port}/api/v1/events`);
          await events.arrayBuffer();
          if (ready === null) {
            startingAnswers.push({
              status: events.status,
              retryAfter: events.headers.get('Retry-After'),
            });
          }
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  return { firstHealth: firstHealth ?? Infinity, ready: ready ?? Infinity, startingAnswers };
}

describe('starting on a big tally', { timeout: 180_000 }, () => {
  it('answers /health at once with 140,000 ballots, the rest 503 until open, and still refuses a damaged file', async () => {
    const first = await server();
    await first.stop();
    const tally = join(first.dataDir, 'events', DEMO_EVENT.id, 'tally.jsonl');
    growTally(tally, BALLOTS);

    const times = await timeStart(first.dataDir);
    expect(times.firstHealth).toBeLessThan(FIRST_HEALTH_WITHIN_MS);
    // Answered while the events were still being opened, not only once they were.
    expect(times.firstHealth).toBeLessThan(times.ready);
    expect(times.startingAnswers.length).toBeGreaterThan(0);
    for (const answer of times.startingAnswers) {
      expect(answer).toEqual({ status: 503, retryAfter: '2' });
    }

    // Once open, every ballot is there.
    const again = await server({ dataDir: first.dataDir });
    expect(again.output()).toContain(
      `join code ${again.joinCodes.get(DEMO_EVENT.id)}, ${BALLOTS} ballots`,
    );
    await again.stop();

    // An edited line in the middle: the event is not opened, and the file is left as it is.
    const lines = readFileSync(tally, 'utf8').split('\n');
    const middle = Math.floor(lines.length / 2);
    const edited = (lines[middle] ?? '').replace('T14:00Z', 'T15:00Z');
    expect(edited).not.toBe(lines[middle]);
    lines[middle] = edited;
    writeFileSync(tally, lines.join('\n'));
    const damaged = await server({ dataDir: first.dataDir });
    expect(damaged.output()).toMatch(/was not opened: .*damaged/);
    expect(damaged.output()).toContain('broken-chain');
    expect(readFileSync(tally, 'utf8')).toBe(lines.join('\n'));
  });
});
