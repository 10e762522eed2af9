// Pictures an organiser uploads (already resized in the browser) and the event package a volunteer
// carries to a station with no network, against real servers over real HTTP. The picture fixtures
// were encoded by Chromium's canvas (toBlob), exactly as the organiser's browser sends them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import {
  buildEventPackage,
  readEventPackage,
  type EventPackageFile,
} from '../../src/core/event-package.ts';
import type {
  EventDetail,
  ImportPackageResponse,
  PictureResponse,
} from '../../src/core/events-api.ts';
import type { ApiError } from '../../src/core/protocol.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import {
  fetchResending,
  organiserToken,
  type Reply,
  type TallyServer,
} from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedPictures } from './support/stored.ts';

const server = useTallyServers({ stopAfter: 'all' });
const FAST = { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000' };
let s: TallyServer;
let organiser: string;
let other: TallyServer;
let otherOrganiser: string;

beforeAll(async () => {
  [s, other] = await Promise.all([server({ env: FAST }), server({ env: FAST })]);
  [organiser, otherOrganiser] = await Promise.all([organiserToken(s), organiserToken(other)]);
}, 30_000);

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`fixtures/${name}`, import.meta.url)));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function send<T>(
  to: TallyServer,
  path: string,
  init: { method?: string; token?: string; body?: BodyInit; type?: string },
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers['Authorization'] = `Bearer ${init.token}`;
  if (init.type !== undefined) headers['Content-Type'] = init.type;
  const response = await fetchResending(`${to.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body,
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body: body as T, text, headers: response.headers };
}

const json = (value: unknown) => JSON.stringify(value);
const errorOf = (reply: Reply) => (reply.body as ApiError).error;

const upload = (bytes: BodyInit, type = 'image/jpeg', eventId = DEMO_EVENT.id) =>
  send<PictureResponse>(s, `/api/v1/events/${eventId}/pictures`, {
    token: organiser,
    body: bytes,
    type,
  });

const pictureFiles = () => storedPictures(s);

async function createEvent(
  to: TallyServer,
  token: string,
  definition: EventDefinition,
): Promise<EventDetail> {
  const reply = await send<EventDetail>(to, '/api/v1/events', {
    token,
    body: json({ from: 'definition', definition }),
    type: 'application/json',
  });
  if (reply.status !== 201) throw new Error(`create: ${reply.status} ${reply.text}`);
  return reply.body;
}

describe('pictures', { timeout: 60_000 }, () => {
  it.each([
    ['picture.jpg', 'image/jpeg', 'jpg'],
    ['picture.png', 'image/png', 'png'],
    ['picture.webp', 'image/webp', 'webp'],
  ])(
    'stores %s by its content hash and serves it for a year, immutable',
    async (name, type, ext) => {
      const bytes = fixture(name);
      // The type comes from the bytes, not from what the client says it sent.
      const reply = await upload(bytes, 'application/octet-stream');
      expect(reply.status).toBe(201);
      const hash = sha256(bytes);
      expect(reply.body).toEqual({
        path: `api/pictures/${hash}.${ext}`,
        sha256: hash,
        type,
        bytes: bytes.length,
        width: 120,
        height: 80,
      });
      const served = await fetch(`${s.url}/${reply.body.path}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe(type);
      expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
      // The same picture again is the same file.
      const again = await upload(bytes);
      expect(again.body.path).toBe(reply.body.path);
      expect(pictureFiles().filter((f) => f.startsWith(hash))).toEqual([`${hash}.${ext}`]);
    },
  );

  it('refuses what is too big, not a picture, or damaged, each with its code, storing nothing', async () => {
    const before = pictureFiles();
    const jpeg = fixture('picture.jpg');
    const png = fixture('picture.png');
    const flipped = png.slice();
    flipped[40] = (flipped[40] ?? 0) ^ 0xff;
    const cases: [string, BodyInit, number, string][] = [
      ['30 MB', new Uint8Array(30 * 1024 * 1024).fill(0xff), 413, 'picture-too-large'],
      ['just over 200 KB', new Uint8Array(200 * 1024 + 1), 413, 'picture-too-large'],
      ['text', 'hello, this is not a picture', 415, 'unsupported-picture'],
      [
        'an SVG',
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        415,
        'unsupported-picture',
      ],
      [
        'a GIF',
        new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0]),
        415,
        'unsupported-picture',
      ],
      ['empty', new Uint8Array(0), 415, 'unsupported-picture'],
      ['a JPEG cut in half', jpeg.subarray(0, jpeg.length >> 1), 422, 'corrupt-picture'],
      ['a PNG with a changed byte', flipped, 422, 'corrupt-picture'],
      ['only a JPEG signature', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 422, 'corrupt-picture'],
    ];
    for (const [label, body, status, code] of cases) {
      const reply = await upload(body);
      expect(reply.status, label).toBe(status);
      expect(errorOf(reply).code, label).toBe(code);
    }
    const anonymous = await send(s, `/api/v1/events/${DEMO_EVENT.id}/pictures`, { body: jpeg });
    expect(anonymous.status).toBe(401);
    const noEvent = await upload(jpeg, 'image/jpeg', 'no-such-event');
    expect(noEvent.status).toBe(404);
    expect(pictureFiles()).toEqual(before);
    const unknown = await fetch(`${s.url}/api/pictures/${'0'.repeat(64)}.png`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('cache-control')).toBe('no-store');
    const traversal = await fetch(`${s.url}/api/pictures/..%2F..%2Forganiser-password.txt`);
    expect(traversal.status).toBe(404);
  });
});

describe('event packages', { timeout: 60_000 }, () => {
  let definition: EventDefinition;
  let packageText: string;

  beforeAll(async () => {
    const picture = await upload(fixture('picture.webp'));
    definition = {
      ...DEMO_EVENT,
      id: 'package-trip-2026',
      name: 'Package trip',
      bids: DEMO_EVENT.bids.map((bid, i) =>
        i === 0 ? { ...bid, image: picture.body.path, imageAlt: 'A test card' } : bid,
      ),
    };
    await createEvent(s, organiser, definition);
    const reply = await send<string>(s, `/api/v1/events/${definition.id}/package`, {
      token: organiser,
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toMatch(/package-trip-2026-v1\.event\.json/);
    packageText = reply.text;
  });

  const importInto = (to: TallyServer, token: string, text: string) =>
    send<ImportPackageResponse>(to, '/api/v1/event-packages', {
      token,
      body: text,
      type: 'application/json',
    });

  it('holds the definition, its pictures and the hash, and verifies offline with core alone', () => {
    const read = readEventPackage(JSON.parse(packageText));
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.event).toEqual(definition);
    expect(read.value.pictures.map((p) => p.bytes)).toEqual([fixture('picture.webp')]);
    expect(read.value.fingerprint).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
  });

  it('loads on another server as the same event, pictures included; again, changes nothing', async () => {
    const first = await importInto(other, otherOrganiser, packageText);
    expect(first.status).toBe(201);
    expect(first.body.created).toBe(true);
    expect(first.body.event).toMatchObject({ id: definition.id, state: 'draft', problems: [] });
    const onS = await send<EventDetail>(s, `/api/v1/events/${definition.id}`, { token: organiser });
    expect(first.body.event.eventHash).toBe(onS.body.eventHash);
    expect(first.body.event.fingerprint).toBe(onS.body.fingerprint);
    const image = definition.bids[0]?.image ?? '';
    const served = await fetch(`${other.url}/${image}`);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(fixture('picture.webp'));
    const second = await importInto(other, otherOrganiser, packageText);
    expect(second.status).toBe(200);
    expect(second.body.created).toBe(false);
    expect(second.body.event.version).toBe(first.body.event.version);
  });

  it('refuses a package edited by hand, or another content for an event it has, changing nothing', async () => {
    const file = JSON.parse(packageText) as EventPackageFile;
    const renamed = structuredClone(file);
    renamed.event.bids[1] = { ...(renamed.event.bids[1] ?? DEMO_EVENT.bids[1]!), amount: 1 };
    const picture = structuredClone(file);
    const bytes = Buffer.from(picture.pictures[0]?.base64 ?? '', 'base64');
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 1;
    picture.pictures[0] = { ...picture.pictures[0]!, base64: bytes.toString('base64') };
    const dropped = { ...structuredClone(file), pictures: [] };
    const rehashed = structuredClone(file);
    rehashed.eventHash = '0'.repeat(64);
    const cases: [string, string, number, string, string?][] = [
      ['a bid edited', json(renamed), 422, 'invalid-package', 'event-hash-mismatch'],
      ['a picture edited', json(picture), 422, 'invalid-package', 'picture-hash-mismatch'],
      ['a picture left out', json(dropped), 422, 'invalid-package', 'picture-missing'],
      ['the hash replaced', json(rehashed), 422, 'invalid-package', 'event-hash-mismatch'],
      ['not a package', json({ hello: 'world' }), 422, 'invalid-package', 'not-a-package'],
      ['not JSON', packageText.slice(0, 100), 400, 'bad-json'],
    ];
    const eventsBefore = await send<{ events: unknown[] }>(other, '/api/v1/events', {
      token: otherOrganiser,
    });
    for (const [label, text, status, code, problem] of cases) {
      const reply = await importInto(other, otherOrganiser, text);
      expect(reply.status, label).toBe(status);
      expect(errorOf(reply).code, label).toBe(code);
      if (problem !== undefined) expect(errorOf(reply).params?.['problem'], label).toBe(problem);
    }
    // A true, valid package of the same event id with other content: the server keeps its own.
    const read = readEventPackage(JSON.parse(packageText));
    if (!read.ok) throw new Error('package');
    const clash = buildEventPackage(
      { ...definition, name: 'Package trip (changed elsewhere)' },
      read.value.pictures,
    );
    expect(readEventPackage(JSON.parse(clash)).ok).toBe(true);
    const refused = await importInto(other, otherOrganiser, clash);
    expect(refused.status).toBe(409);
    expect(errorOf(refused)).toMatchObject({
      code: 'package-conflict',
      params: { event: definition.id },
    });
    const eventsAfter = await send<{ events: unknown[] }>(other, '/api/v1/events', {
      token: otherOrganiser,
    });
    expect(eventsAfter.body).toEqual(eventsBefore.body);
  });

  it('refuses to make a package while a picture it names is missing', async () => {
    const missing = {
      ...DEMO_EVENT,
      id: 'missing-picture-2026',
      bids: DEMO_EVENT.bids.map((bid, i) =>
        i === 0 ? { ...bid, image: `api/pictures/${'a'.repeat(64)}.png` } : bid,
      ),
    };
    const event = await createEvent(s, organiser, missing);
    expect(event.problems).toEqual([
      expect.objectContaining({ code: 'picture-missing', level: 'warning' }),
    ]);
    const reply = await send(s, `/api/v1/events/${event.id}/package`, { token: organiser });
    expect(reply.status).toBe(422);
    expect(errorOf(reply).code).toBe('event-has-problems');
  });
});
