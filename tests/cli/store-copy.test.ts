// `decision-day store copy` (issue 12, "Moving"): a data folder written by a real tally server,
// copied to another store and back; differing events, a damaged source and a folder in use are
// refused with nothing written.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { EventDetail } from '../../src/core/events-api.ts';
import { smallEvent } from '../server/support/small-event.ts';
import {
  call,
  demoBallots,
  joinStation,
  organiserToken,
  push,
  startServer,
  type Reply,
  type TallyServer,
} from '../server/support/tally-server.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { run } from './run-cli.ts';

const tallyOf = (dataDir: string) => join(dataDir, 'events', DEMO_EVENT.id, 'tally.jsonl');
const newDir = () => join(mkdtempSync(join(tmpdir(), 'decision-day-copy-')), 'data');

/** Every file under `dir` and its bytes, to tell that nothing changed. */
function filesOf(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(join(dir, prefix));
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    const path = prefix === '' ? name : `${prefix}/${name}`;
    if (statSync(join(dir, path)).isDirectory()) {
      for (const [p, b] of filesOf(dir, path)) out.set(p, b);
    } else out.set(path, readFileSync(join(dir, path)).toString('base64'));
  }
  return out;
}

let source: string;

/** A data folder as a real server leaves it: ballots from two stations, a picture, sign-ins. */
async function serverData(): Promise<string> {
  const server = await startServer();
  try {
    const token = await organiserToken(server);
    const picture = readFileSync(join(import.meta.dirname, '../server/fixtures/picture.jpg'));
    const uploaded = await fetch(`${server.url}/api/v1/events/${DEMO_EVENT.id}/pictures`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/jpeg' },
      body: picture,
    });
    if (uploaded.status !== 200 && uploaded.status !== 201) {
      throw new Error(`picture: ${uploaded.status} ${await uploaded.text()}`);
    }
    for (const name of ['Hall', 'Library']) {
      const station = await joinStation(server, name);
      const reply = await push(server, station, demoBallots(station.stationId, 20), 20);
      if (reply.status !== 200) throw new Error(`push: ${reply.status} ${reply.text}`);
    }
    // A check-in desk's register (two rows) and another event's equalities answers (one batch).
    const desk = await joinStation(server, 'Desk');
    const registrations = ['r1', 'r2'].map((id) => ({
      id,
      eventId: DEMO_EVENT.id,
      day: '2026-06-13',
      name: `Jo ${id}`,
      postcode: 'TD9 8AB',
      released: 'tablet',
    }));
    await expectOk(
      call(server, '/api/v1/registrations', {
        token: desk.token,
        body: { protocol: 1, eventId: DEMO_EVENT.id, registrations },
      }),
    );
    const created = await call<EventDetail>(server, '/api/v1/events', {
      token,
      body: {
        from: 'definition',
        definition: { ...smallEvent('equal'), checkIn: { equalities: ['age-band'] } },
      },
    });
    server.joinCodes.set('equal', created.body.joinCode);
    const asker = await joinStation(server, 'Hall', 'equal');
    await expectOk(
      call(server, '/api/v1/equalities', {
        token: asker.token,
        body: {
          protocol: 1,
          eventId: 'equal',
          batch: '0d9b6c1e-58a1-4a5e-9f3c-2f1d3a4b5c6d',
          answers: [{ 'age-band': '25-44' }, { 'age-band': '45-64' }],
        },
      }),
    );
  } finally {
    await server.stop();
  }
  return server.dataDir;
}

async function expectOk(reply: Promise<Reply>): Promise<void> {
  const { status, text } = await reply;
  if (status !== 200 && status !== 201) throw new Error(`${status} ${text}`);
}

async function pushOneMore(dataDir: string): Promise<void> {
  const server: TallyServer = await startServer({ dataDir });
  try {
    const station = await joinStation(server, 'Late desk');
    expect((await push(server, station, demoBallots(station.stationId, 1), 1)).status).toBe(200);
  } finally {
    await server.stop();
  }
}

beforeAll(async () => {
  source = await serverData();
}, 60_000);

/** A copy of the source data folder, to change without touching the source. */
function copyOfSource(): string {
  const dir = newDir();
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** A copy of the source whose demo event's tally file is damaged at its first ballot (its line). */
function damagedSource(): { dir: string; line: number } {
  const dir = copyOfSource();
  const lines = readFileSync(tallyOf(dir), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes('"type":"ballot"'));
  lines[at] = (lines[at] ?? '').replace('"stationId":"', '"stationId":"x');
  writeFileSync(tallyOf(dir), lines.join('\n'));
  return { dir, line: at + 1 };
}

describe('store copy between data folders', { timeout: 60_000 }, () => {
  let copied: string;

  it('copies every event line for line, the pictures, accounts and audit trail, and says what', async () => {
    copied = newDir();
    const result = await run('store', 'copy', '--from', source, '--to', copied);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('events: 2 copied (40 ballot(s)), 0 already there');
    expect(result.stdout).toContain('pictures: 1 copied, 0 already there');
    expect(result.stdout).toMatch(/accounts: 1 copied, invites: 0 copied, 0 already there/);
    expect(result.stdout).toMatch(/audit trail: [1-9]\d* record\(s\) copied, 0 already there/);
    expect(result.stdout).toContain(
      'check-in registers: 2 row(s) and 0 deletion record(s) copied, 0 already there',
    );
    expect(result.stdout).toContain(
      'equalities answers: 1 batch(es) (2 answer(s)) copied, 0 already there',
    );
    expect(result.stdout).toContain('Not copied: sessions');
    expect(readFileSync(tallyOf(copied), 'utf8')).toBe(readFileSync(tallyOf(source), 'utf8'));
    expect(readFileSync(join(copied, 'audit.jsonl'), 'utf8')).toBe(
      readFileSync(join(source, 'audit.jsonl'), 'utf8'),
    );
    expect(readdirSync(join(copied, 'pictures'))).toEqual(readdirSync(join(source, 'pictures')));
    const verified = await run('verify', tallyOf(copied));
    expect(verified.code).toBe(0);
  });

  it('adds nothing the second time: everything is already there', async () => {
    const before = filesOf(copied);
    const again = await run('store', 'copy', '--from', source, '--to', copied);
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('events: 0 copied (0 ballot(s)), 2 already there');
    expect(again.stdout).toContain('pictures: 0 copied, 1 already there');
    expect(again.stdout).toContain(
      'check-in registers: 0 row(s) and 0 deletion record(s) copied, 2 already there',
    );
    expect(again.stdout).toContain(
      'equalities answers: 0 batch(es) (0 answer(s)) copied, 1 already there',
    );
    expect(again.stdout).toMatch(/audit trail: 0 record\(s\) copied, [1-9]\d* already there/);
    expect(filesOf(copied)).toEqual(before);
  });

  it('refuses an event that differs on the target, naming it and what differs, and changes nothing', async () => {
    const moved = copyOfSource();
    await pushOneMore(moved);
    const before = filesOf(copied);
    const refused = await run('store', 'copy', '--from', moved, '--to', copied);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('Nothing was copied.');
    expect(refused.stderr).toContain(`Event ${DEMO_EVENT.id} is on ${copied} already and differs`);
    expect(refused.stderr).toContain('tally.jsonl');
    expect(filesOf(copied)).toEqual(before);
  });

  it('refuses a damaged source, saying which event and line, and leaves no target', async () => {
    const damaged = damagedSource();
    const target = newDir();
    const refused = await run('store', 'copy', '--from', damaged.dir, '--to', target);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Nothing was copied.');
    expect(refused.stderr).toContain(
      `Event ${DEMO_EVENT.id} on ${damaged.dir} could not be opened`,
    );
    expect(refused.stderr).toContain(`Line ${damaged.line} does not fit the chain of hashes`);
    expect(filesOf(target).size).toBe(0);
  });

  it('refuses a folder that is not a data folder, and leaves it as it was', async () => {
    const stray = newDir();
    mkdirSync(stray);
    writeFileSync(join(stray, 'notes.txt'), 'not an event');
    const refused = await run('store', 'copy', '--from', stray, '--to', newDir());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not a Decision Day data folder');
    expect([...filesOf(stray).keys()]).toEqual(['notes.txt']);
  });

  it('refuses a data folder a running server uses', async () => {
    const server = await startServer({ dataDir: copied });
    try {
      const refused = await run('store', 'copy', '--from', copied, '--to', newDir());
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`is in use by process ${server.process.pid}`);
    } finally {
      await server.stop();
    }
  });
});

describe('store copy through PostgreSQL', { timeout: 90_000 }, () => {
  let pg: TestPostgres;
  let database: string;
  beforeAll(async () => {
    pg = await startPostgres();
    database = pg.createDatabase();
  }, 60_000);
  afterAll(() => pg.remove());

  /** What a database holds, as a data folder: copied out into a new one. */
  async function outOf(url: string): Promise<string> {
    const out = newDir();
    const result = await run('store', 'copy', '--from', url, '--to', out);
    expect(result.stderr).toBe('');
    return out;
  }

  it('data folder → PostgreSQL → data folder gives the same tally file byte for byte, which verifies and counts the same', async () => {
    const into = await run('store', 'copy', '--from', source, '--to', database);
    expect(into.stderr).toBe('');
    expect(into.code).toBe(0);
    expect(into.stdout).toContain('events: 2 copied (40 ballot(s)), 0 already there');
    expect(into.stdout).toContain('pictures: 1 copied');
    expect(into.stdout).not.toContain(pg.url.split('@')[0] ?? 'postgres://');
    const back = await outOf(database);
    for (const name of readdirSync(join(source, 'events', DEMO_EVENT.id))) {
      expect(readFileSync(join(back, 'events', DEMO_EVENT.id, name), 'utf8'), name).toBe(
        readFileSync(join(source, 'events', DEMO_EVENT.id, name), 'utf8'),
      );
    }
    expect(readFileSync(join(back, 'audit.jsonl'), 'utf8')).toBe(
      readFileSync(join(source, 'audit.jsonl'), 'utf8'),
    );
    expect(readdirSync(join(back, 'pictures'))).toEqual(readdirSync(join(source, 'pictures')));
    for (const log of [`registers/${DEMO_EVENT.id}.ndjson`, 'equalities/equal.ndjson']) {
      expect(readFileSync(join(back, log), 'utf8'), log).toBe(
        readFileSync(join(source, log), 'utf8'),
      );
    }
    expect(JSON.parse(readFileSync(join(back, 'accounts.json'), 'utf8'))).toEqual(
      JSON.parse(readFileSync(join(source, 'accounts.json'), 'utf8')),
    );
    expect((await run('verify', tallyOf(back))).code).toBe(0);
    const counted = await run('tally', tallyOf(back), '--json');
    expect(counted.code).toBe(0);
    expect(counted.stdout).toBe((await run('tally', tallyOf(source), '--json')).stdout);
  });

  it('a second copy into the database adds nothing', async () => {
    const again = await run('store', 'copy', '--from', source, '--to', database);
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('events: 0 copied (0 ballot(s)), 2 already there');
    expect(again.stdout).toContain('accounts: 0 copied, invites: 0 copied, 1 already there');
    expect(again.stdout).toMatch(/audit trail: 0 record\(s\) copied, [1-9]\d* already there/);
  });

  it('refuses an event that differs in the database, and changes nothing there', async () => {
    const moved = copyOfSource();
    await pushOneMore(moved);
    const refused = await run('store', 'copy', '--from', moved, '--to', database);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Nothing was copied.');
    expect(refused.stderr).toMatch(/is on postgres:\/\/\S+ already and differs \(.*tally\.jsonl/);
    const back = await outOf(database);
    expect(readFileSync(tallyOf(back), 'utf8')).toBe(readFileSync(tallyOf(source), 'utf8'));
  });

  it('refuses a damaged source and leaves nothing in a fresh database', async () => {
    const damaged = damagedSource();
    const fresh = pg.createDatabase();
    const refused = await run('store', 'copy', '--from', damaged.dir, '--to', fresh);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Line ${damaged.line} does not fit the chain of hashes`);
    const back = await run('store', 'copy', '--from', fresh, '--to', newDir());
    expect(back.stdout).toContain('events: 0 copied (0 ballot(s))');
    expect(back.stdout).toContain('pictures: 0 copied');
    expect(back.stdout).toContain('audit trail: 0 record(s) copied');
  });
});
