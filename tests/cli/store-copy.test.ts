// `decision-day store copy` (issue 12, "Moving"): a data folder written by a real tally server,
// copied to another store and back; differing events, a damaged source and a folder in use are
// refused with nothing written.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import {
  demoBallots,
  joinStation,
  organiserToken,
  push,
  startServer,
  type TallyServer,
} from '../server/support/tally-server.ts';
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
  } finally {
    await server.stop();
  }
  return server.dataDir;
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

describe('store copy between data folders', { timeout: 60_000 }, () => {
  let copied: string;

  it('copies every event line for line, the pictures, accounts and audit trail, and says what', async () => {
    copied = newDir();
    const result = await run('store', 'copy', '--from', source, '--to', copied);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('events: 1 copied (40 ballot(s)), 0 already there');
    expect(result.stdout).toContain('pictures: 1 copied, 0 already there');
    expect(result.stdout).toMatch(/accounts: 1 copied, invites: 0 copied, 0 already there/);
    expect(result.stdout).toMatch(/audit trail: [1-9]\d* record\(s\) copied, 0 already there/);
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
    expect(again.stdout).toContain('events: 0 copied (0 ballot(s)), 1 already there');
    expect(again.stdout).toContain('pictures: 0 copied, 1 already there');
    expect(again.stdout).toMatch(/audit trail: 0 record\(s\) copied, [1-9]\d* already there/);
    expect(filesOf(copied)).toEqual(before);
  });

  it('refuses an event that differs on the target, naming it and what differs, and changes nothing', async () => {
    const moved = join(mkdtempSync(join(tmpdir(), 'decision-day-copy-')), 'data');
    cpSync(source, moved, { recursive: true });
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
    const damaged = join(mkdtempSync(join(tmpdir(), 'decision-day-copy-')), 'data');
    cpSync(source, damaged, { recursive: true });
    const lines = readFileSync(tallyOf(damaged), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('"type":"ballot"'));
    lines[at] = (lines[at] ?? '').replace('"stationId":"', '"stationId":"x');
    writeFileSync(tallyOf(damaged), lines.join('\n'));
    const target = newDir();
    const refused = await run('store', 'copy', '--from', damaged, '--to', target);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Nothing was copied.');
    expect(refused.stderr).toContain(`Event ${DEMO_EVENT.id} on ${damaged} could not be opened`);
    expect(refused.stderr).toContain(`Line ${at + 1} does not fit the chain of hashes`);
    expect(filesOf(target).size).toBe(0);
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
