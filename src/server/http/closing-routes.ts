/**
 * A station sends its closing sheet (docs/sync-protocol.md, "Closing a station"): POST
 * /stations/closing with the station's token. Idempotent: the same sheet again answers
 * `added: false` and writes nothing; a different sheet of a station already closed is refused
 * (409 closing-conflict) and changes nothing. The sheet is recorded in the central tally file
 * with the server's own receipt time, whatever the tablet's clock said.
 */
import type { Hono } from 'hono';
import {
  API_PREFIX,
  closingPushRequestSchema,
  MAX_SMALL_BODY_BYTES,
  type ClosingPushResponse,
} from '../../core/protocol.ts';
import { ClosingRefused } from '../store/closing-book.ts';
import type { TallyStore } from '../store/tally-store.ts';
import { requireStation, type AppEnv } from './principal.ts';
import { fail, failure, limitBody, parseWith, readJson } from './respond.ts';

export function closingRoutes(app: Hono<AppEnv>, store: TallyStore, now: () => Date): void {
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
