// Issue 7, "bad input gets a clear error and changes nothing", against a real server over real HTTP:
// each refusal carries its code and params, and every file in the server's data directory is
// byte-for-byte what it was before the request.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { buildEventPackage, readEventPackage } from '../../src/core/event-package.ts';
import type { ImportPackageResponse } from '../../src/core/events-api.ts';
import type { ApiError } from '../../src/core/protocol.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { call, organiserToken, type Reply, type TallyServer } from './support/tally-server.ts';
import { organiserApi } from './support/organiser-api.ts';
import { smallEvent } from './support/small-event.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedSnapshot } from './support/stored.ts';
import { onPostgres } from './support/test-storage.ts';

const server = useTallyServers({ stopAfter: 'all' });
const FAST = { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000' };
let s: TallyServer;
let organiser: string;

beforeAll(async () => {
  s = await server({ env: FAST });
  organiser = await organiserToken(s);
}, 30_000);

/** Everything the server keeps (its files; on PostgreSQL its rows too), as fingerprints. */
const snapshot = (to: TallyServer) => storedSnapshot(to);

const errorOf = (reply: Reply) => (reply.body as ApiError).error;

const { api, save, ...calls } = organiserApi(() => ({ server: s, token: organiser }));
const create = (definition: EventDefinition) => calls.create({ from: 'definition', definition });

async function uploadPicture(body: BodyInit) {
  const response = await fetch(`${s.url}/api/v1/events/${DEMO_EVENT.id}/pictures`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${organiser}`, 'Content-Type': 'image/jpeg' },
    body,
  });
  return { status: response.status, body: (await response.json()) as ApiError };
}

describe('bad input gets a clear error and changes nothing', { timeout: 90_000 }, () => {
  it('a 30 MB, corrupt or non-image picture', async () => {
    const before = snapshot(s);
    const png = new Uint8Array(
      readFileSync(new URL('fixtures/picture.png', import.meta.url)),
    ).slice();
    png[40] = (png[40] ?? 0) ^ 0xff;
    const cases: [string, BodyInit, number, string][] = [
      ['30 MB', new Uint8Array(30 * 1024 * 1024).fill(0xff), 413, 'picture-too-large'],
      ['a PNG with a changed byte', png, 422, 'corrupt-picture'],
      ['a PDF', '%PDF-1.7\n1 0 obj', 415, 'unsupported-picture'],
    ];
    for (const [label, body, status, code] of cases) {
      const reply = await uploadPicture(body);
      expect(reply.status, label).toBe(status);
      expect(reply.body.error.code, label).toBe(code);
    }
    expect(snapshot(s)).toEqual(before);
  });

  it('duplicate bid ids are refused; a duplicate title is saved only with a warning', async () => {
    const event = await create(smallEvent('duplicate-bids'));
    const before = snapshot(s);
    const twice = {
      ...event.definition,
      bids: [...event.definition.bids, { ...event.definition.bids[0]!, title: 'Garden again' }],
    };
    const refused = await save(event, twice);
    expect(refused.status).toBe(422);
    expect(errorOf(refused).code).toBe('invalid-event');
    expect(errorOf(refused).problems).toEqual([
      { code: 'duplicate-bid', level: 'error', params: { path: 'bids', id: 'garden' } },
    ]);
    expect(snapshot(s)).toEqual(before);
    expect((await api(`/events/${event.id}`)).body).toMatchObject({
      version: 1,
      definition: event.definition,
    });
    // Two bids may share a title (benches in two wards): saved, and the organiser is told.
    const sameTitle = {
      ...event.definition,
      bids: [...event.definition.bids, { ...event.definition.bids[0]!, id: 'garden-2' }],
    };
    const saved = await save(event, sameTitle);
    expect(saved.status).toBe(200);
    expect(saved.body.problems.find((p) => p.code === 'duplicate-title')).toMatchObject({
      level: 'warning',
      params: { bid: 'garden-2', other: 'garden', title: 'Garden' },
    });
  });

  it('a package edited by hand, or another content for an event the server has', async () => {
    const definition = smallEvent('package-clash');
    await create(definition);
    const packageText = (
      await call<string>(s, `/api/v1/events/${definition.id}/package`, {
        token: organiser,
      })
    ).text;
    // A second server, where a volunteer's package is loaded.
    const other = await server({ env: FAST });
    const otherOrganiser = await organiserToken(other);
    const load = (text: string) =>
      call<ImportPackageResponse>(other, '/api/v1/event-packages', {
        token: otherOrganiser,
        raw: text,
      });
    expect((await load(packageText)).status).toBe(201);
    const before = snapshot(other);
    const edited = JSON.parse(packageText) as { event: EventDefinition };
    edited.event.bids[0] = { ...edited.event.bids[0]!, amount: 1 };
    const tampered = await load(JSON.stringify(edited));
    expect(tampered.status).toBe(422);
    expect(errorOf(tampered)).toMatchObject({
      code: 'invalid-package',
      params: { problem: 'event-hash-mismatch' },
    });
    const read = readEventPackage(JSON.parse(packageText));
    if (!read.ok) throw new Error(read.error.code);
    const clash = buildEventPackage(
      { ...definition, name: 'Changed elsewhere' },
      read.value.pictures,
    );
    const conflict = await load(clash);
    expect(conflict.status).toBe(409);
    expect(errorOf(conflict)).toMatchObject({
      code: 'package-conflict',
      params: { event: definition.id },
    });
    expect(snapshot(other)).toEqual(before);
  });

  it('editing a frozen event: open, then final', async () => {
    const event = await create(smallEvent('frozen-edits'));
    const opened = await api(`/events/${event.id}/state`, {
      body: { version: event.version, to: 'open' },
    });
    expect(opened.status).toBe(200);
    const before = snapshot(s);
    const frozen = await save(opened.body, { ...opened.body.definition, name: 'Changed' });
    expect(frozen.status).toBe(409);
    expect(errorOf(frozen)).toMatchObject({ code: 'event-frozen', params: { state: 'open' } });
    expect(snapshot(s)).toEqual(before);

    let detail = opened.body;
    for (const to of ['closed', 'final']) {
      const moved = await api(`/events/${event.id}/state`, {
        body: { version: detail.version, to },
      });
      expect(moved.status, to).toBe(200);
      detail = moved.body;
    }
    const sealed = snapshot(s);
    const late = await save(
      detail,
      { ...detail.definition, name: 'After the count' },
      { confirmNewVersion: true },
    );
    expect(late.status).toBe(409);
    expect(errorOf(late)).toMatchObject({ code: 'event-frozen', params: { state: 'final' } });
    expect(snapshot(s)).toEqual(sealed);
  });

  it('two organisers editing the same bid at once: the later save is told, never overwrites', async () => {
    const event = await create(smallEvent('same-bid'));
    const withCost = (amount: number) => ({
      ...event.definition,
      bids: event.definition.bids.map((b) => (b.id === 'garden' ? { ...b, amount } : b)),
    });
    // Both opened version 1; Ann saves first.
    const start = snapshot(s);
    const ann = await save(event, withCost(1500_00));
    expect(ann.status).toBe(200);
    const before = snapshot(s);
    // The snapshot sees a save: Ann's changed the event's file.
    expect(before).not.toEqual(start);
    expect(Object.keys(before)).toContain(
      onPostgres ? '(database) public.ledger_line' : join('events', event.id, 'tally.jsonl'),
    );
    const bob = await save(event, withCost(900_00));
    expect(bob.status).toBe(409);
    expect(errorOf(bob)).toMatchObject({ code: 'edit-conflict', params: { version: 2, yours: 1 } });
    expect(snapshot(s)).toEqual(before);
    const now = (await api(`/events/${event.id}`)).body;
    expect(now.version).toBe(2);
    expect(now.definition.bids.find((b) => b.id === 'garden')?.amount).toBe(1500_00);
  });
});
