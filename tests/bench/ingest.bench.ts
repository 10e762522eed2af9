/**
 * Ingest throughput of the real tally server process on 127.0.0.1 (fsync before every answer):
 * 20 stations pushing 500-ballot batches at once, then one station syncing 5,000 ballots.
 * Bodies are built before the clock starts, so the figures are the server's, not the client's.
 * Then a 50 MB station file (160,000 ballots) imported while /health is asked every 25 ms (the
 * slowest answer is how long the event loop was held), and a restart on the 160,000 ballots: when
 * /health first answers, and when the event is open (issue 11, fault 6).
 * Run: npx tsx tests/bench/run.ts ingest
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { englishTallyFileProblem } from '../../src/cli/english.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { MAX_BATCH_BALLOTS } from '../../src/core/protocol.ts';
import { verifyTallyFile } from '../../src/core/tally-file/index.ts';
import {
  demoBallots,
  joinStation,
  organiserToken,
  startServer,
} from '../server/support/tally-server.ts';
import { appendBallots, startTallyFile } from '../../src/core/tally-file/index.ts';
import { nativeSha256 } from '../../src/server/store/native-sha256.ts';
import { processCpuSeconds } from './process-cpu.ts';

const STATIONS = 20;
const BATCHES_PER_STATION = 10;
const ONE_STATION_BALLOTS = 5_000;

const serverCpuSeconds = processCpuSeconds;

async function send(url: string, token: string, body: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/ballots`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body,
  });
  const reply = (await response.json()) as { stored?: string[] };
  if (response.status !== 200) throw new Error(`push failed: ${response.status}`);
  return reply.stored?.length ?? 0;
}

function bodies(stationId: string, batches: number, from: number): string[] {
  return Array.from({ length: batches }, (_, b) =>
    JSON.stringify({
      protocol: 1,
      eventId: DEMO_EVENT.id,
      castCount: (b + 1) * MAX_BATCH_BALLOTS,
      ballots: demoBallots(stationId, MAX_BATCH_BALLOTS, from + b * MAX_BATCH_BALLOTS),
    }),
  );
}

const server = await startServer({ env: { RATE_LIMIT_BURST: '1000' } });
try {
  const stations = await Promise.all(
    Array.from({ length: STATIONS }, (_, i) => joinStation(server, `Table ${i + 1}`)),
  );
  const plans = stations.map((st) => ({
    st,
    bodies: bodies(st.stationId, BATCHES_PER_STATION, 0),
  }));
  const cpuBefore = serverCpuSeconds(server.process.pid);
  const started = performance.now();
  const stored = await Promise.all(
    plans.map(async ({ st, bodies: list }) => {
      let n = 0;
      for (const body of list) n += await send(server.url, st.token, body);
      return n;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const total = stored.reduce((a, b) => a + b, 0);
  console.log(
    `ingest, ${STATIONS} stations × ${BATCHES_PER_STATION} batches of ${MAX_BATCH_BALLOTS}: ` +
      `${total} ballots in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} ballots/s ` +
      '(target ≥ 20,000/s, fsync per append)',
  );
  const cpuAfter = serverCpuSeconds(server.process.pid);
  if (cpuBefore !== null && cpuAfter !== null) {
    const perBallot = ((cpuAfter - cpuBefore) / total) * 1e6;
    console.log(
      `server CPU: ${(cpuAfter - cpuBefore).toFixed(2)} s = ${perBallot.toFixed(0)} µs a ballot ` +
        `(${Math.round(1e6 / perBallot)} ballots/s for one busy core); load average ` +
        `${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
    );
  }

  const solo = await joinStation(server, 'Late table');
  const soloBodies = bodies(solo.stationId, ONE_STATION_BALLOTS / MAX_BATCH_BALLOTS, 1_000_000);
  const soloStart = performance.now();
  let soloStored = 0;
  for (const body of soloBodies) soloStored += await send(server.url, solo.token, body);
  const soloSeconds = (performance.now() - soloStart) / 1000;
  console.log(
    `one station syncing ${soloStored} ballots in batches of ${MAX_BATCH_BALLOTS}: ` +
      `${soloSeconds.toFixed(2)} s (target ≤ 5 s)`,
  );

  const file = readFileSync(join(server.dataDir, 'events', DEMO_EVENT.id, 'tally.jsonl'), 'utf8');
  const verified = verifyTallyFile(file);
  console.log(
    `central file: ${(file.length / 1e6).toFixed(1)} MB, ` +
      (verified.ok
        ? `verifies, ${verified.value.ballots} ballots`
        : `FAILS: ${englishTallyFileProblem(verified.error)}`),
  );
  if (!verified.ok || verified.value.ballots !== total + soloStored) process.exitCode = 1;
} finally {
  await server.stop();
}

const IMPORT_BALLOTS = 160_000;

/** Asks /health every 25 ms until `until` settles; resolves with the slowest answer (ms). */
async function slowestHealth(url: string, until: Promise<unknown>): Promise<number> {
  let done = false;
  void until.finally(() => (done = true));
  let slowest = 0;
  while (!done) {
    const sent = performance.now();
    try {
      await (await fetch(`${url}/api/v1/health`)).arrayBuffer();
      slowest = Math.max(slowest, performance.now() - sent);
    } catch {
      // Not listening yet (a restart).
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return slowest;
}

const start = startTallyFile(DEMO_EVENT);
const stationFile = Buffer.from(
  start.text +
    appendBallots(start.head, demoBallots('st-usb', IMPORT_BALLOTS, 5_000_000), {
      sha256: nativeSha256,
    }).text,
);
const importer = await startServer();
try {
  const token = await organiserToken(importer);
  const cpuBefore = serverCpuSeconds(importer.process.pid);
  const started = performance.now();
  const reply = fetch(`${importer.url}/api/v1/events/${DEMO_EVENT.id}/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: stationFile,
  }).then(async (r) => ({ status: r.status, body: await r.text() }));
  const slowest = await slowestHealth(importer.url, reply);
  const { status } = await reply;
  const cpuAfter = serverCpuSeconds(importer.process.pid);
  console.log(
    `import of a ${(stationFile.length / 1e6).toFixed(0)} MB station file (${IMPORT_BALLOTS} ballots): ` +
      `${status}, ${((performance.now() - started) / 1000).toFixed(1)} s` +
      (cpuBefore !== null && cpuAfter !== null
        ? ` (server CPU ${(cpuAfter - cpuBefore).toFixed(1)} s, main thread and worker)`
        : '') +
      `; slowest /health meanwhile ${Math.round(slowest)} ms (target ≤ 500 ms)`,
  );
  if (status !== 200) process.exitCode = 1;
} finally {
  await importer.stop();
}

let opened = false;
const restartedAt = performance.now();
let firstHealth: number | null = null;
// The same port, so that /health can be asked before the server says it is listening.
const restarted = startServer({
  dataDir: importer.dataDir,
  env: { PORT: new URL(importer.url).port },
}).then((s) => {
  opened = true;
  return s;
});
while (!opened) {
  try {
    await (await fetch(`${importer.url}/api/v1/health`)).arrayBuffer();
    firstHealth ??= performance.now() - restartedAt;
  } catch {
    // Not listening yet.
  }
  await new Promise((resolve) => setTimeout(resolve, 25));
}
const open = performance.now() - restartedAt;
const again = await restarted;
console.log(
  `restart on ${IMPORT_BALLOTS} ballots: /health answered after ${
    firstHealth === null ? 'the event was open' : `${Math.round(firstHealth)} ms`
  }, event open after ${(open / 1000).toFixed(1)} s (target: /health ≤ 1 s)`,
);
await again.stop();
