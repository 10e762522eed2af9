// A large station file (a USB stick after a day offline) is imported without freezing the server:
// stations, /health and other organisers are answered while it is read, verified and written
// (issue 11, fault 6). Before, a 50 MB file held the event loop for 13 s, a refused one for 3 s.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { appendBallots, readTallyFile, startTallyFile } from '../../src/core/tally-file/index.ts';
import { nativeSha256 } from '../../src/server/store/native-sha256.ts';
import {
  appendBallotLines,
  BALLOTS_PER_SLICE,
} from '../../src/server/store/ledger/ballot-lines.ts';
import { demoBallots, organiserToken, type TallyServer } from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';

/** About 12.5 MB: a few seconds of reading on the old code, all of it with the loop held. */
const BALLOTS = 40_000;
/** The longest a /health request may wait while the import runs (2 cores, shared). */
const HEALTH_WITHIN_MS = 500;

/** A station's file as the core writer makes it (native SHA-256 to build it quickly). */
function stationFile(n: number, from: number): string {
  const start = startTallyFile(DEMO_EVENT);
  const body = appendBallots(start.head, demoBallots('st-usb', n, from), { sha256: nativeSha256 });
  return start.text + body.text;
}

const server = useTallyServers({ stopAfter: 'all' });
let s: TallyServer;
let organiser: string;
beforeAll(async () => {
  s = await server();
  organiser = await organiserToken(s);
}, 30_000);

const tallyPath = () => join(s.dataDir, 'events', DEMO_EVENT.id, 'tally.jsonl');

/**
 * Sends the file (already bytes, so this process does no work while it goes) and asks /health every
 * 25 ms meanwhile; resolves with the import's answer and the slowest /health answer.
 */
async function importWhileProbing(
  file: string,
): Promise<{ status: number; body: unknown; slowestHealth: number; probes: number }> {
  const bytes = Buffer.from(file, 'utf8');
  let done = false;
  let slowest = 0;
  let probes = 0;
  const probe = (async () => {
    while (!done) {
      const sent = performance.now();
      const reply = await fetch(`${s.url}/api/v1/health`);
      await reply.arrayBuffer();
      slowest = Math.max(slowest, performance.now() - sent);
      probes += 1;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  const response = await fetch(`${s.url}/api/v1/events/${DEMO_EVENT.id}/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${organiser}`, 'Content-Type': 'application/json' },
    body: bytes,
  });
  const body: unknown = await response.json();
  done = true;
  await probe;
  return { status: response.status, body, slowestHealth: slowest, probes };
}

describe('large imports keep the server answering', { timeout: 60_000 }, () => {
  it('answers /health within 500 ms while a 12 MB station file is imported, and imports all of it', async () => {
    const before = readFileSync(tallyPath(), 'utf8');
    const reply = await importWhileProbing(stationFile(BALLOTS, 0));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ added: BALLOTS, duplicates: 0, rejected: [] });
    expect(reply.probes).toBeGreaterThan(1);
    expect(reply.slowestHealth).toBeLessThan(HEALTH_WITHIN_MS);
    // Durable before the 200, and in one append: the old file, then the ballots and one seal.
    const after = readFileSync(tallyPath(), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    const added = after.slice(before.length).trimEnd().split('\n');
    expect(added).toHaveLength(BALLOTS + 1);
    expect(added.filter((line) => line.includes('"type":"seal"'))).toHaveLength(1);
    const read = readTallyFile(after, { sha256: nativeSha256 });
    expect(read.ok && read.value.ballots.length).toBe(BALLOTS);
  });

  it('answers /health within 500 ms while refusing a damaged 12 MB file, and changes nothing', async () => {
    const file = stationFile(BALLOTS, 100_000);
    // The last ballot's line edited: only the hash chain, read to the end, can tell.
    const lines = file.split('\n');
    const last = lines.length - 3;
    lines[last] = (lines[last] ?? '').replace('T14:00Z', 'T15:00Z');
    const before = readFileSync(tallyPath(), 'utf8');
    const reply = await importWhileProbing(lines.join('\n'));
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({
      error: { code: 'invalid-file', params: { problem: 'broken-chain', line: last + 1 } },
    });
    expect(reply.slowestHealth).toBeLessThan(HEALTH_WITHIN_MS);
    expect(readFileSync(tallyPath(), 'utf8')).toBe(before);
  });
});

describe('a large group’s lines worked out a slice at a time (as the import writes them)', () => {
  it('lets the event loop serve others between slices, and writes what one appendBallots call writes', async () => {
    const start = startTallyFile(DEMO_EVENT);
    // Three slices: two turns of the event loop given away at the least.
    const ballots = demoBallots('st-usb', BALLOTS_PER_SLICE * 2 + 500);
    let turns = 0;
    let writing = true;
    const other = () => {
      if (!writing) return;
      turns += 1;
      setImmediate(other);
    };
    setImmediate(other);
    const lines = await appendBallotLines(start.head, ballots);
    writing = false;
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(lines).toEqual(appendBallots(start.head, ballots, { sha256: nativeSha256 }));
  });
});
