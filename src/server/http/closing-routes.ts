/**
 * A station sends its closing sheet (docs/sync-protocol.md, "Closing a station"): POST
 * /stations/closing with the station's token. Idempotent: the same sheet again answers
 * `added: false` and writes nothing; a different sheet of a station already closed is refused
 * (409 closing-conflict) and changes nothing. The sheet is recorded in the central tally file
 * with the server's own receipt time, whatever the tablet's clock said.
 */
import type { Hono } from 'hono';
import { picturePath } from '../../core/event-package.ts';
import { MAX_PICTURE_BYTES } from '../../core/events-api.ts';
import {
  API_PREFIX,
  closingPushRequestSchema,
  MAX_SMALL_BODY_BYTES,
  type ClosingPhotoResponse,
  type ClosingPushResponse,
} from '../../core/protocol.ts';
import { checkImage } from '../events/image-check.ts';
import { MAX_PICTURE_EDGE } from './event-routes.ts';
import { ClosingRefused } from '../store/closing-book.ts';
import type { TallyStore } from '../store/tally-store.ts';
import { requireStation, type AppEnv } from './principal.ts';
import { fail, failure, limitBody, parseWith, readJson } from './respond.ts';

export function closingRoutes(app: Hono<AppEnv>, store: TallyStore, now: () => Date): void {
  closingPhotoRoute(app, store);
  app.post(`${API_PREFIX}/stations/closing`, async (c, next) => {
    // Who is asking comes before reading their body.
    const station = requireStation(c);
    if (!station.ok) return fail(c, station.error);
    await next();
  });
  app.post(`${API_PREFIX}/stations/closing`, limitBody(MAX_SMALL_BODY_BYTES), async (c) => {
    const station = requireStation(c);
    if (!station.ok) return fail(c, station.error);
    const { stationId, eventId } = station.value;
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const request = parseWith(closingPushRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    if (request.value.eventId !== eventId) {
      return fail(
        c,
        failure(
          403,
          'wrong-event',
          `This station joined event "${eventId}", not "${request.value.eventId}".`,
          { params: { joined: eventId, sent: request.value.eventId } },
        ),
      );
    }
    try {
      const outcome = await store.recordClosing(eventId, {
        sheet: request.value.sheet,
        receivedAt: now().toISOString(),
        joined: stationId,
      });
      const response: ClosingPushResponse = {
        added: outcome.added,
        receivedAt: outcome.held.receivedAt ?? now().toISOString(),
      };
      return c.json(response);
    } catch (e) {
      if (!(e instanceof ClosingRefused)) throw e;
      const message =
        e.code === 'closing-conflict'
          ? 'This station already sent a different closing sheet; the first one is kept. Nothing changed.'
          : 'The event is a draft: a rehearsal closing is not recorded. Nothing changed.';
      return fail(c, failure(409, e.code, message, { params: e.params }));
    }
  });
}

/**
 * POST /stations/closing/photo with the station's token and the photo's bytes: the photo of the
 * paper tally sheet, checked like a bid picture (a whole JPEG, PNG or WebP by its bytes, at most
 * MAX_PICTURE_BYTES and MAX_PICTURE_EDGE px) and stored by its SHA-256, so the same photo again
 * is the same answer and writes nothing new. Anything else is a 4xx and nothing is written.
 */
function closingPhotoRoute(app: Hono<AppEnv>, store: TallyStore): void {
  const path = `${API_PREFIX}/stations/closing/photo`;
  app.post(path, async (c, next) => {
    // Who is asking comes before reading their body.
    const station = requireStation(c);
    if (!station.ok) return fail(c, station.error);
    await next();
  });
  app.post(path, limitBody(MAX_PICTURE_BYTES, 'picture-too-large'), async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const image = bytes.length === 0 ? null : checkImage(bytes);
    if (image === null || !image.ok) {
      return fail(
        c,
        image?.ok === false && image.problem === 'corrupt'
          ? failure(422, 'corrupt-picture', 'The photo is damaged or cut short.', {
              params: { bytes: bytes.length },
            })
          : failure(415, 'unsupported-picture', 'Send a JPEG, PNG or WebP photo.', {
              params: { accepted: 'image/jpeg, image/png, image/webp' },
            }),
      );
    }
    if (image.width > MAX_PICTURE_EDGE || image.height > MAX_PICTURE_EDGE) {
      return fail(
        c,
        failure(
          413,
          'picture-too-large',
          `A photo's longest edge is at most ${MAX_PICTURE_EDGE} px.`,
          {
            params: { width: image.width, height: image.height, maxEdge: MAX_PICTURE_EDGE },
          },
        ),
      );
    }
    const sha256 = await store.putPicture(bytes, image.type);
    const response: ClosingPhotoResponse = { sha256, path: picturePath(sha256, image.type) };
    return c.json(response, 201);
  });
}
