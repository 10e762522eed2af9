/**
 * The organiser's ballots and voids (docs/events-api.md#voids): list the ballots of the central
 * tally to find one, and void a ballot with a reason. A void is appended to the tally file and
 * durable before the 200; the ballot stays in the file and is no longer counted. Refused, with
 * nothing written: not signed in (401), a ballot not in the tally (404 `ballot-not-found`), voided
 * already (409 `ballot-voided`), a draft (409 `event-not-open`) or a final event (409
 * `event-final`: a sealed count never changes), an empty or over-long reason (400).
 */
import type { Context, Hono } from 'hono';
import {
  API_PREFIX,
  MAX_SMALL_BODY_BYTES,
  voidRequestSchema,
  type BallotsResponse,
  type VoidResponse,
} from '../../core/protocol.ts';
import { noSuchEvent } from '../events/event-service.ts';
import type { EventInfo, TallyStore } from '../store/tally-store.ts';
import { VoidRefused } from '../store/void-book.ts';
import { organiserName, requireOrganiser, type AppEnv } from './principal.ts';
import { fail, failure, limitBody, parseWith, readJson, type Failure } from './respond.ts';

const REFUSED: Record<VoidRefused['code'], { status: 404 | 409; message: string }> = {
  'ballot-not-found': {
    status: 404,
    message: 'There is no such ballot in the tally. Check the list of ballots; nothing was voided.',
  },
  'ballot-voided': { status: 409, message: 'This ballot is voided already; nothing changed.' },
  'event-not-open': {
    status: 409,
    message: 'The event is a draft: it counts no ballots, so there is nothing to void.',
  },
  'event-final': {
    status: 409,
    message: 'The count is final (sealed): voiding a ballot now would change it. Nothing changed.',
  },
};

function voidRefusal(e: unknown): Failure {
  if (!(e instanceof VoidRefused)) throw e;
  const known = REFUSED[e.code];
  return failure(known.status, e.code, known.message, { params: e.params });
}

export function ballotRoutes(app: Hono<AppEnv>, store: TallyStore): void {
  /** Organiser first, then the event; before any body is read. */
  const withEvent = (c: Context<AppEnv>): EventInfo | Response => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const eventId = c.req.param('eventId') ?? '';
    return store.event(eventId) ?? fail(c, noSuchEvent(eventId));
  };

  app.get(`${API_PREFIX}/events/:eventId/ballots`, (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    // A ballot carries the tablet's own station id; the registry knows it once it delivered one.
    const names = new Map<string, string>();
    for (const s of store.stations(info.event.id)) {
      names.set(s.stationId, s.name);
      if (s.ballotStation !== undefined) names.set(s.ballotStation, s.name);
    }
    const rows = store.ballots(info.event.id);
    const response: BallotsResponse = {
      ballots: rows.map(({ ballot, void: v }) => ({
        id: ballot.id,
        stationId: ballot.stationId,
        stationName: names.get(ballot.stationId) ?? ballot.stationId,
        castHour: ballot.castHour,
        paper: ballot.paper === true,
        choice: ballot.choice,
        void: v ?? null,
      })),
      counts: {
        ballots: rows.length,
        paper: rows.filter((r) => r.ballot.paper === true).length,
        voided: rows.filter((r) => r.void !== undefined).length,
      },
    };
    return c.json(response);
  });

  app.post(`${API_PREFIX}/events/:eventId/voids`, async (c, next) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    await next();
  });
  app.post(`${API_PREFIX}/events/:eventId/voids`, limitBody(MAX_SMALL_BODY_BYTES), async (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const request = parseWith(voidRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    try {
      const change = await store.voidBallot(info.event.id, {
        ballot: request.value.ballot,
        reason: request.value.reason,
        by: organiserName(c),
      });
      const response: VoidResponse = { void: change };
      return c.json(response);
    } catch (e) {
      return fail(c, voidRefusal(e));
    }
  });
}
