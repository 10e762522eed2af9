/**
 * Ingest on PostgreSQL (issue 12): 20 stations pushing 500-ballot batches at once to one real
 * tally server instance, then to two instances on one database (the stations split between
 * them), with durable commits (the throwaway cluster runs with fsync and synchronous_commit on:
 * initdb's --no-sync only skips syncing initdb's own files). Then the time to export the 100,000-
 * ballot tally file from PostgreSQL: the organiser's GET of the tally file, downloaded in full.
 * Bodies are built before the clock starts, so the figures are the servers', not the client's.
 * Run: npx tsx tests/bench/run.ts ingest-pg
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { MAX_BATCH_BALLOTS } from '../../src/core/protocol.ts';
import { readTallyFile } from '../../src/core/tally-file/index.ts';
import { startPostgres } from '../support/postgres.ts';
import { downloadTally, startInstances, type Instance } from '../server/support/instances.ts';
import { demoBallots, joinStation, organiserToken } from '../server/support/tally-server.ts';
import { processCpuSeconds } from './process-cpu.ts';

const STATIONS = 20;
const BATCHES_PER_STATION = 10;
const TOTAL = STATIONS * BATCHES_PER_STATION * MAX_BATCH_BALLOTS;

const cpuSeconds = processCpuSeconds;

/**
 * CPU seconds the PostgreSQL cluster has used: the postmaster and its live children (the
 * connections, the WAL writer, …) and the children it has reaped. Linux /proc; null elsewhere.
 */
function postgresCpuSeconds(dataDir: string): number | null {
  try {
    const stat = (pid: string) =>
      readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const main = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '';
    const own = stat(main);
    // utime, stime, cutime, cstime: fields 14 to 17 of the stat line, in ticks (100 a second).
    let ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(own[i]), 0);
    const children = readFileSync(`/proc/${main}/task/${main}/children`, 'utf8').trim();
    for (const child of children === '' ? [] : children.split(' ')) {
      const fields = stat(child);
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / 100;
  } catch {
    return null;
  }
}

let pgDataDir = '';

/** 503s the stations were told to send again (another instance kept writing to the event). */
let retried = 0;

async function send(url: string, token: string, body: string): Promise<number> {
  for (;;) {
    const response = await fetch(`${url}/api/v1/ballots`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body,
    });
    const text = await response.text();
    if (response.status === 200) {
      return ((JSON.parse(text) as { stored?: string[] }).stored ?? []).length;
    }
    // As a station does: a 503 is sent again (the ballots are kept until acknowledged).
    if (response.status !== 503) throw new Error(`push failed: ${response.status} ${text}`);
    retried += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function bodies(stationId: string): string[] {
  return Array.from({ length: BATCHES_PER_STATION }, (_, b) =>
    JSON.stringify({
      protocol: 1,
      eventId: DEMO_EVENT.id,
      castCount: (b + 1) * MAX_BATCH_BALLOTS,
      ballots: demoBallots(stationId, MAX_BATCH_BALLOTS, b * MAX_BATCH_BALLOTS),
    }),
  );
}

/** 20 stations, station i pushing to instance i mod n; prints the rate; resolves with the count. */
async function ingest(instances: Instance[]): Promise<number> {
  const first = instances[0];
  if (first === undefined) throw new Error('no instance');
  const plans = await Promise.all(
    Array.from({ length: STATIONS }, async (_, i) => {
      const st = await joinStation(first.current, `Table ${i + 1}`);
      return { st, to: instances[i % instances.length] ?? first, bodies: bodies(st.stationId) };
    }),
  );
  const cpuBefore = instances.map((s) => cpuSeconds(s.current.process.pid));
  const pgBefore = postgresCpuSeconds(pgDataDir);
  const clientBefore = process.cpuUsage();
  retried = 0;
  const started = performance.now();
  const stored = await Promise.all(
    plans.map(async ({ st, to, bodies: list }) => {
      let n = 0;
      for (const body of list) n += await send(to.url, st.token, body);
      return n;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const client = process.cpuUsage(clientBefore);
  const pgAfter = postgresCpuSeconds(pgDataDir);
  const total = stored.reduce((a, b) => a + b, 0);
  const cpu = instances.map((s, i) => {
    const after = cpuSeconds(s.current.process.pid);
    const before = cpuBefore[i];
    return after === null || before === null || before === undefined ? null : after - before;
  });
  console.log(
    `ingest on ${instances.length} instance${instances.length === 1 ? '' : 's'}, ` +
      `${STATIONS} stations × ${BATCHES_PER_STATION} batches of ${MAX_BATCH_BALLOTS}: ` +
      `${total} ballots in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} ballots/s ` +
      `(target ≥ 20,000/s, durable commits); ${retried} pushes answered 503 and sent again`,
  );
  console.log(
    `  server CPU ${cpu.map((c) => (c === null ? '?' : `${c.toFixed(2)} s`)).join(' + ')}; ` +
      `PostgreSQL CPU ${pgBefore === null || pgAfter === null ? '?' : (pgAfter - pgBefore).toFixed(2)} s; ` +
      `this client's CPU ${((client.user + client.system) / 1e6).toFixed(2)} s; ` +
      `load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
  );
  return total;
}

const pg = await startPostgres();
pgDataDir = pg.dataDir;
const running: Instance[] = [];
try {
  console.log(
    `PostgreSQL: fsync ${pg.psql('SHOW fsync').trim()}, synchronous_commit ` +
      `${pg.psql('SHOW synchronous_commit').trim()}`,
  );
  const env = { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000' };

  const one = await startInstances(pg.createDatabase(), 1, env);
  running.push(...one);
  const total = await ingest(one);

  const two = await startInstances(pg.createDatabase(), 2, env);
  running.push(...two);
  await ingest(two);

  const server = one[0];
  if (server === undefined) throw new Error('no instance');
  const token = await organiserToken(server.current);
  const started = performance.now();
  const cpuBefore = cpuSeconds(server.current.process.pid);
  const text = await downloadTally(server.current, token);
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuSeconds(server.current.process.pid);
  const read = readTallyFile(text);
  const ballots = read.ok ? read.value.ballots.length : -1;
  console.log(
    `export of the tally file from PostgreSQL (${ballots} ballots, ${(text.length / 1e6).toFixed(1)} MB): ` +
      `${seconds.toFixed(2)} s` +
      (cpuBefore !== null && cpuAfter !== null
        ? ` (server CPU ${(cpuAfter - cpuBefore).toFixed(2)} s)`
        : '') +
      (read.ok ? ', verifies' : ', DOES NOT VERIFY'),
  );
  if (!read.ok || total !== TOTAL || ballots !== TOTAL) process.exitCode = 1;
} finally {
  await Promise.all(running.map((s) => s.stop()));
  pg.remove();
}
