/**
 * The station side of the protocol: join an event, push ballots (and heartbeats), and learn where
 * the event stands (`event`: state, definition hash, version) in every answer, so a station knows
 * at its next contact that voting closed or that the definition changed.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import {
  API_PREFIX,
  joinRequestSchema,
  MAX_BATCH_BALLOTS,
  MAX_BATCH_BYTES,
  MAX_SMALL_BODY_BYTES,
  PROTOCOL_VERSION,
  type JoinResponse,
  type PushResponse,
  type StationRevocationResponse,
} from '../../core/protocol.ts';
import {
  stationPushRequestSchema,
  type StationEventResponse,
  type StationEventStatus,
} from '../../core/events-api.ts';
import { problemSummary } from '../../core/problem.ts';
import { checkName, normaliseText } from '../../core/text/name.ts';
import { receivePush } from '../receive.ts';
import type { EventInfo, TallyStore } from '../store/tally-store.ts';
import { organiserName, requireOrganiser, requireStation, type AppEnv } from './principal.ts';
import { fail, failure, limitBody, parseWith, readJson, type Failure } from './respond.ts';
import { hashSecret, newSecret, newStationId } from './secrets.ts';

const statusOf = (info: EventInfo): StationEventStatus => ({
  state: info.state,
  eventHash: info.eventHash,
  version: info.version,
});

/**
 * The station's event is on the server but was not opened (its tally file is damaged): the
 * station keeps its ballots and tries again later, and must not be told to join again.
 */
export const eventUnavailable = (eventId: string): Failure =>
  failure(
    503,
    'event-unavailable',
    `The event "${eventId}" is on this server but cannot be opened (its tally file is damaged; the server log and the organiser's events list say where). Keep the ballots and try again later.`,
    { params: { event: eventId } },
  );

/** Seconds a station is asked to wait before trying an unavailable event again. */
const UNAVAILABLE_RETRY_SECONDS = 60;

/** A station's name at most, as a reader counts characters (the station asks for 60). */
const MAX_STATION_NAME_GRAPHEMES = 80;

export function stationRoutes(app: Hono<AppEnv>, store: TallyStore, now: () => Date): void {
  // Every station request of an event not opened, on any route registered after this one
  // (app.ts registers the station routes first after identifying the caller).
  const refuseUnavailable: MiddlewareHandler<AppEnv> = async (c, next) => {
    const principal = c.get('principal');
    if (principal.kind === 'station' && store.event(principal.station.eventId) === undefined) {
      c.header('Retry-After', String(UNAVAILABLE_RETRY_SECONDS));
      return fail(c, eventUnavailable(principal.station.eventId));
    }
    await next();
  };
  app.use(`${API_PREFIX}/*`, refuseUnavailable);

  app.post(`${API_PREFIX}/stations/join`, limitBody(MAX_SMALL_BODY_BYTES), async (c) => {
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const request = parseWith(joinRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    const { joinCode } = request.value;
    // Names that deceive (issue 11): NFC, no invisible, bidi or control characters, in graphemes.
    const stationName = normaliseText(request.value.stationName);
    const nameProblem = checkName(stationName, MAX_STATION_NAME_GRAPHEMES);
    if (nameProblem !== undefined) {
      return fail(
        c,
        failure(
          400,
          'invalid-request',
          `The station name is refused (${problemSummary(nameProblem)}).`,
          { params: { path: 'stationName' }, cause: nameProblem },
        ),
      );
    }
    const info = store.eventByJoinCode(joinCode);
    const unopened = store.unopened().find((u) => u.joinCode === joinCode);
    if (info === undefined && unopened !== undefined) {
      c.header('Retry-After', String(UNAVAILABLE_RETRY_SECONDS));
      return fail(c, eventUnavailable(unopened.folder));
    }
    if (info === undefined) {
      return fail(
        c,
        failure(
          404,
          'unknown-join-code',
          `No event has the join code ${joinCode}. Check the code on the organiser's screen and type it again.`,
          { params: { joinCode } },
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
    const response: JoinResponse & StationEventStatus = {
      stationId,
      token,
      event: info.event,
      ...statusOf(info),
    };
    return c.json(response, 201);
  });

  /**
   * The organiser revokes a station (a lost tablet): recorded durably in the station registry, and
   * in the audit trail; from then on its token is refused (403 station-revoked, roles.ts), and
   * the ballots it delivered stay and count. Revoking it again changes nothing.
   */
  app.post(`${API_PREFIX}/events/:eventId/stations/:stationId/revocation`, async (c) => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const eventId = c.req.param('eventId');
    const stationId = c.req.param('stationId');
    const notFound = (what: string) =>
      fail(
        c,
        failure(404, 'not-found', `There is no ${what} on this server. Check the address.`, {
          params: { event: eventId, station: stationId },
        }),
      );
    if (store.event(eventId) === undefined) return notFound(`event "${eventId}"`);
    const record = await store.revokeStation(eventId, stationId, {
      at: now().toISOString(),
      by: organiserName(c),
    });
    const station = store.stations(eventId).find((s) => s.stationId === stationId);
    if (record === undefined || station === undefined) {
      return notFound(`station "${stationId}" in this event`);
    }
    const response: StationRevocationResponse = { station };
    return c.json(response);
  });

  /** The event as it stands: fetch it again when a push answers with another `eventHash`. */
  app.get(`${API_PREFIX}/stations/event`, (c) => {
    const station = requireStation(c);
    if (!station.ok) return fail(c, station.error);
    const info = store.event(station.value.eventId);
    if (info === undefined) throw new Error(`Station of unopened event ${station.value.eventId}`);
    const response: StationEventResponse = { event: info.event, ...statusOf(info) };
    return c.json(response);
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
          { params: { protocol: peek.protocol, supported: PROTOCOL_VERSION } },
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
          { params: { max: MAX_BATCH_BALLOTS, sent: peek.ballots.length } },
        ),
      );
    }
    const request = parseWith(stationPushRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    const push = request.value;
    if (push.eventId !== eventId) {
      return fail(
        c,
        failure(
          403,
          'wrong-event',
          `This station joined event "${eventId}", not "${push.eventId}". Join the other event with its own join code.`,
          { params: { joined: eventId, sent: push.eventId } },
        ),
      );
    }
    const current = store.event(eventId);
    if (
      push.eventHash !== undefined &&
      current !== undefined &&
      push.eventHash !== current.eventHash
    ) {
      // Cast on another definition (a draft since saved, or a version since replaced).
      return fail(
        c,
        failure(
          409,
          'event-changed',
          "The event's definition changed since this station fetched it: fetch it again (GET /stations/event).",
          { params: { eventHash: current.eventHash, sent: push.eventHash } },
        ),
      );
    }
    const { outcome, info } = await receivePush(store, eventId, push.ballots, {
      stationId,
      castCount: push.castCount,
      ...(push.languages !== undefined && { languages: push.languages }),
    });
    const response: PushResponse & { event: StationEventStatus } = {
      stored: outcome.stored,
      rejected: outcome.rejected.map(({ id, code, message, params }) =>
        params === undefined ? { id, code, message } : { id, code, message, params },
      ),
      received: outcome.received ?? 0,
      event: statusOf(info),
    };
    return c.json(response);
  });
}
