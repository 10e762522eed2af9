/** The station side of the protocol: join an event, push ballots (and heartbeats). */
import type { Hono } from 'hono';
import {
  API_PREFIX,
  joinRequestSchema,
  MAX_BATCH_BALLOTS,
  MAX_BATCH_BYTES,
  MAX_SMALL_BODY_BYTES,
  PROTOCOL_VERSION,
  pushRequestSchema,
  type JoinResponse,
  type PushResponse,
} from '../../core/protocol.ts';
import { checkBallots } from '../ingest.ts';
import type { TallyStore } from '../store/tally-store.ts';
import { requireStation, type AppEnv } from './principal.ts';
import { fail, failure, limitBody, parseWith, readJson } from './respond.ts';
import { hashSecret, newSecret, newStationId } from './secrets.ts';

export function stationRoutes(app: Hono<AppEnv>, store: TallyStore, now: () => Date): void {
  app.post(`${API_PREFIX}/stations/join`, limitBody(MAX_SMALL_BODY_BYTES), async (c) => {
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const request = parseWith(joinRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    const { joinCode, stationName } = request.value;
    const info = store.eventByJoinCode(joinCode);
    if (info === undefined) {
      return fail(
        c,
        failure(
          404,
          'unknown-join-code',
          `No event has the join code ${joinCode}. Check the code on the organiser's screen and type it again.`,
        ),
      );
    }
    const token = newSecret();
    const stationId = newStationId();
    await store.addStation({
      stationId,
      eventId: info.event.id,
      name: stationName,
      tokenHash: hashSecret(token),
      joinedAt: now().toISOString(),
    });
    const response: JoinResponse = { stationId, token, event: info.event };
    return c.json(response, 201);
  });

  app.post(`${API_PREFIX}/ballots`, async (c, next) => {
    // Who is asking comes before reading a large body from them.
    const station = requireStation(c);
    if (!station.ok) return fail(c, station.error);
    await next();
  });
  app.post(`${API_PREFIX}/ballots`, limitBody(MAX_BATCH_BYTES), async (c) => {
    const station = requireStation(c);
    if (!station.ok) return fail(c, station.error);
    const { stationId, eventId } = station.value;
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    // Looked at before the schema, so an over-long batch or a newer client gets the precise reason.
    const peek = body.value as { ballots?: unknown; protocol?: unknown } | null;
    if (typeof peek?.protocol === 'number' && peek.protocol !== PROTOCOL_VERSION) {
      return fail(
        c,
        failure(
          400,
          'unsupported-protocol',
          `This station speaks sync protocol ${peek.protocol}; the server speaks ${PROTOCOL_VERSION}. Reload the app on the station while online to update it.`,
        ),
      );
    }
    if (Array.isArray(peek?.ballots) && peek.ballots.length > MAX_BATCH_BALLOTS) {
      return fail(
        c,
        failure(
          413,
          'batch-too-large',
          `A push holds at most ${MAX_BATCH_BALLOTS} ballots, this one ${peek.ballots.length}. Send them in batches.`,
        ),
      );
    }
    const request = parseWith(pushRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    const push = request.value;
    if (push.eventId !== eventId) {
      return fail(
        c,
        failure(
          403,
          'wrong-event',
          `This station joined event "${eventId}", not "${push.eventId}". Join the other event with its own join code.`,
        ),
      );
    }
    const info = store.event(eventId);
    // Station tokens are only known for events that are open, so this is a bug, not bad input.
    if (info === undefined)
      throw new Error(`Station ${stationId} belongs to unopened event ${eventId}`);
    const checked = checkBallots(info.event, push.ballots, stationId);
    const outcome = await store.store(eventId, {
      ballots: checked.valid,
      rejected: checked.rejected,
      station: { stationId, castCount: push.castCount },
    });
    const response: PushResponse = {
      stored: outcome.stored,
      rejected: outcome.rejected.map(({ id, code, message }) => ({ id, code, message })),
      received: outcome.received ?? 0,
    };
    return c.json(response);
  });
}
