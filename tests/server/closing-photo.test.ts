// The photo of a station's paper tally sheet on a real tally server: stored by its SHA-256 like a
// bid picture (the same photo again is the same answer, one file), anything that is not a whole
// picture within the limits refused with a clear 4xx and nothing written, and the organiser's
// stations answer says where the photo a closing sheet names is.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClosingSheet } from '../../src/core/closing.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type {
  ApiError,
  ClosingPhotoResponse,
  JoinResponse,
  StationsResponse,
} from '../../src/core/protocol.ts';
import {
  call,
  fetchResending,
  joinStation,
  organiserToken,
  type TallyServer,
} from './support/tally-server.ts';
import { useTallyServers } from './support/use-tally-servers.ts';
import { storedPictures } from './support/stored.ts';

const servers = useTallyServers({ stopAfter: 'all' });
let s: TallyServer;
let token: string;
let station: JoinResponse;

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`fixtures/${name}`, import.meta.url)));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const pictureFiles = () => storedPictures(s);

async function upload(body: Uint8Array, t: string | null = station.token) {
  const response = await fetchResending(`${s.url}/api/v1/stations/closing/photo`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/octet-stream',
      ...(t === null ? {} : { Authorization: `Bearer ${t}` }),
    },
    body: body as Uint8Array<ArrayBuffer>,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('the photo of a paper tally sheet', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    s = await servers();
    token = await organiserToken(s);
    station = await joinStation(s, 'Hall');
  });

  it('is refused unless it is a whole picture within the limits, writing nothing', async () => {
    const before = pictureFiles();
    const jpeg = fixture('picture.jpg');
    const cases: [Uint8Array, number, string][] = [
      [new Uint8Array(0), 415, 'unsupported-picture'],
      [
        new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        415,
        'unsupported-picture',
      ],
      [jpeg.subarray(0, Math.floor(jpeg.length / 2)), 422, 'corrupt-picture'],
      [new Uint8Array(200 * 1024 + 1), 413, 'picture-too-large'],
    ];
    for (const [bytes, status, code] of cases) {
      const reply = await upload(bytes);
      expect(reply.status, code).toBe(status);
      expect((reply.body as ApiError).error.code).toBe(code);
    }
    // Nobody but a joined station may store one.
    expect((await upload(jpeg, null)).status).toBe(401);
    expect((await upload(jpeg, token)).status).toBe(401);
    expect(pictureFiles()).toEqual(before);
  });

  it('is stored by its hash, once, and the organiser sees where it is', async () => {
    const jpeg = fixture('picture.jpg');
    const hash = sha256(jpeg);
    const first = await upload(jpeg);
    expect(first.status).toBe(201);
    const stored: ClosingPhotoResponse = { sha256: hash, path: `api/pictures/${hash}.jpg` };
    expect(first.body).toEqual(stored);
    // The same photo again (a reply lost on the way): the same answer, still one file.
    const again = await upload(jpeg);
    expect(again).toEqual(first);
    expect(pictureFiles().filter((f) => f.startsWith(hash))).toHaveLength(1);
    const served = await fetch(`${s.url}/api/pictures/${hash}.jpg`);
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(jpeg);

    const sheet: ClosingSheet = {
      station: 'tablet-hall',
      stationName: 'Hall',
      closedAt: '2026-06-13T17:00:00.000Z',
      codesUsed: 0,
      screenBallots: 0,
      paperBallots: 0,
      synced: 0,
      waiting: 0,
      photo: hash,
    };
    const closed = await call(s, '/api/v1/stations/closing', {
      body: { protocol: 1, eventId: DEMO_EVENT.id, sheet },
      token: station.token,
    });
    expect(closed.status).toBe(200);
    const view = await call<StationsResponse>(s, `/api/v1/events/${DEMO_EVENT.id}/stations`, {
      token,
    });
    expect(view.body.closings).toEqual([
      expect.objectContaining({ sheet, photoPath: `api/pictures/${hash}.jpg` }),
    ]);
  });
});
