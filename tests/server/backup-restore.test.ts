// Backups of a running server (docs/backups.md), each taken while two stations push, then a
// restore: `decision-day store backup` of a data folder (a server started on the copy), and
// pg_dump / pg_restore of a PostgreSQL database (a server started on the restored database).
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { problemSummary } from '../../src/core/problem.ts';
import type { JoinResponse } from '../../src/core/protocol.ts';
import { readTallyFile } from '../../src/core/tally-file/index.ts';
import { run } from '../cli/run-cli.ts';
import { postgresBinDir, startPostgres, type TestPostgres } from '../support/postgres.ts';
import {
  call,
  demoBallots,
  joinStation,
  organiserToken,
  push,
  type TallyServer,
} from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';

const server = useTallyServers();

const tallyOf = (dataDir: string) => join(dataDir, 'events', DEMO_EVENT.id, 'tally.jsonl');
const newDir = () => join(mkdtempSync(join(tmpdir(), 'decision-day-backup-')), 'copy');

function idsIn(path: string): Set<string> {
  return idsInText(readFileSync(path, 'utf8'));
}

function idsInText(text: string): Set<string> {
  const read = readTallyFile(text);
  if (!read.ok) throw new Error(problemSummary(read.error));
  return new Set(read.value.ballots.map((b) => b.id));
}

/**
 * Two stations pushing batches of 20 to `live` until `backup` (started once 400 ballots are
 * acknowledged) is done; resolves to its result and the ballots acknowledged before it began.
 */
async function whilePushing<T>(live: TallyServer, backup: () => Promise<T>) {
  const stations = await Promise.all([1, 2].map((i) => joinStation(live, `Table ${i}`)));
  const acked = new Set<string>();
  let stop = false;
  const streams = stations.map(async (station) => {
    for (let i = 0; !stop; i += 1) {
      const reply = await push(
        live,
        station,
        demoBallots(station.stationId, 20, i * 20),
        (i + 1) * 20,
      );
      if (reply.status === 200) for (const id of reply.body.stored) acked.add(id);
    }
  });
  while (acked.size < 400) await new Promise((r) => setTimeout(r, 10));
  const before = new Set(acked);
  const result = await backup();
  const during = acked.size;
  stop = true;
  await Promise.all(streams);
  // Pushes went on while it ran (else the test would not show it is safe while they do).
  expect(acked.size).toBeGreaterThan(before.size);
  expect(during).toBeGreaterThanOrEqual(before.size);
  return { result, before, stations };
}

/** A station that joined before the backup pushes 10 new ballots to the restored server. */
async function takesTenMore(restored: TallyServer, station: JoinResponse | undefined) {
  if (station === undefined) throw new Error('no station');
  const fresh = demoBallots(station.stationId, 10, 1_000_000);
  const reply = await push(restored, station, fresh, 1_000_010);
  expect(reply.status).toBe(200);
  expect(reply.body.stored).toEqual(fresh.map((b) => b.id));
}

describe('store backup', { timeout: 120_000 }, () => {
  it('copies a running server while stations push; the copy verifies, holds every ballot acknowledged before, and serves again', async () => {
    const live = await server();
    const to = newDir();
    const {
      result: backup,
      before,
      stations,
    } = await whilePushing(live, () => run('store', 'backup', '--from', live.dataDir, '--to', to));
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up .* 1 event\(s\) with \d+ ballot\(s\)/);

    const verified = await run('verify', tallyOf(to));
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    const inCopy = idsIn(tallyOf(to));
    expect([...before].filter((id) => !inCopy.has(id))).toEqual([]);
    // The copy holds only ballots the live file holds too.
    const inLive = idsIn(tallyOf(live.dataDir));
    expect([...inCopy].filter((id) => !inLive.has(id))).toEqual([]);

    // Restore: a server started on the copy has the event, its stations and takes new pushes.
    await live.stop();
    const restored = await server({ dataDir: to });
    await takesTenMore(restored, stations[0]);
    const health = await call(restored, '/api/v1/health');
    expect(health.status).toBe(200);
    await restored.stop();
    const after = idsIn(tallyOf(to));
    expect(after.size).toBe(inCopy.size + 10);
    expect((await run('verify', tallyOf(to))).code).toBe(0);
  });

  it('leaves out a torn append and a torn audit line, so the copy verifies before any server starts on it', async () => {
    const live = await server();
    const station = await joinStation(live, 'Table 1');
    expect((await push(live, station, demoBallots(station.stationId, 5), 5)).status).toBe(200);
    await live.stop();
    const tally = tallyOf(live.dataDir);
    const whole = readFileSync(tally, 'utf8');
    // What a kill in the middle of an append leaves: a ballot line with no seal, torn.
    const lastBallot =
      whole
        .split('\n')
        .filter((l) => l.includes('"type":"ballot"'))
        .at(-1) ?? '';
    appendFileSync(tally, `${lastBallot}\n${lastBallot.slice(0, 40)}`);
    const audit = join(live.dataDir, 'audit.jsonl');
    const auditBefore = existsSync(audit) ? readFileSync(audit, 'utf8') : '';
    appendFileSync(audit, '{"seq":');
    expect((await run('verify', tally)).code).toBe(1);

    const to = newDir();
    const backup = await run('store', 'backup', '--from', live.dataDir, '--to', to);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toContain('an append in progress (never acknowledged) was left out');
    expect(readFileSync(tallyOf(to), 'utf8')).toBe(whole);
    expect((await run('verify', tallyOf(to))).code).toBe(0);
    expect(readFileSync(join(to, 'audit.jsonl'), 'utf8')).toBe(auditBefore);
  });

  it('refuses a target that is not empty, and a source that does not exist', async () => {
    const to = newDir();
    const live = await server();
    await live.stop();
    expect((await run('store', 'backup', '--from', live.dataDir, '--to', to)).code).toBe(0);
    const again = await run('store', 'backup', '--from', live.dataDir, '--to', to);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists and is not empty');
    const none = await run('store', 'backup', '--from', join(to, 'nothing'), '--to', newDir());
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('nothing to back up');
  });
});

describe('pg_dump and pg_restore', { timeout: 120_000 }, () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(() => pg.remove());

  const bin = (program: string) => join(postgresBinDir() ?? '', program);
  const tallyFile = async (s: TallyServer) => {
    const reply = await call(s, `/api/v1/events/${DEMO_EVENT.id}/tally-file`, {
      token: await organiserToken(s),
    });
    expect(reply.status).toBe(200);
    return reply.text;
  };

  it('a dump taken while stations push restores into a new database: every ballot acknowledged before is there, the tally file verifies, new pushes are taken', async () => {
    const database = pg.createDatabase();
    const live = await server({ env: { DATABASE_URL: database } });
    const dump = join(mkdtempSync(join(tmpdir(), 'decision-day-dump-')), 'dd.dump');
    // Not execFileSync: the stations' pushes go on from this process while pg_dump runs.
    const { before, stations } = await whilePushing(live, () =>
      promisify(execFile)(bin('pg_dump'), ['--format=custom', `--file=${dump}`, database]),
    );
    await live.stop();

    const restoredDb = pg.createDatabase();
    execFileSync(bin('pg_restore'), ['--no-owner', `--dbname=${restoredDb}`, dump]);
    const restored = await server({ env: { DATABASE_URL: restoredDb } });
    const text = await tallyFile(restored);
    const saved = join(mkdtempSync(join(tmpdir(), 'decision-day-dump-')), 'tally.jsonl');
    writeFileSync(saved, text);
    const verified = await run('verify', saved);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    const held = idsInText(text);
    expect([...before].filter((id) => !held.has(id))).toEqual([]);

    await takesTenMore(restored, stations[0]);
    expect(idsInText(await tallyFile(restored)).size).toBe(held.size + 10);
  });
});
