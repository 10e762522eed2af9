/**
 * The organiser withdraws a bid after voting began (docs/events-api.md#withdrawals): found
 * ineligible, say. The withdrawal is appended to the tally file and durable before the 200; every
 * ballot still counts and no pot funds the bid in any count from then on. Refused, with nothing
 * written: not signed in (401), a bid the event does not have (404 `bid-not-found`), withdrawn
 * already (409 `bid-withdrawn`), a draft (409 `event-not-open`: a draft edits its bids instead),
 * an empty or over-long reason or a body that is not JSON (400).
 */
import type { Context, Hono } from 'hono';
import {
  API_PREFIX,
  MAX_SMALL_BODY_BYTES,
  withdrawalRequestSchema,
  type WithdrawalResponse,
} from '../../core/protocol.ts';
import { noSuchEvent } from '../events/event-service.ts';
import type { EventInfo, TallyStore } from '../store/tally-store.ts';
import { WithdrawalRefused } from '../store/withdrawal-book.ts';
import { organiserName, requireOrganiser, type AppEnv } from './principal.ts';
import { fail, failure, limitBody, parseWith, readJson, type Failure } from './respond.ts';

const REFUSED: Record<WithdrawalRefused['code'], { status: 404 | 409; message: string }> = {
  'bid-not-found': {
    status: 404,
    message: "There is no such bid in this event's definition. Nothing was withdrawn.",
  },
  'bid-withdrawn': { status: 409, message: 'This bid is withdrawn already; nothing changed.' },
  'event-not-open': {
    status: 409,
    message: 'The event is a draft: edit its bids instead. Nothing was withdrawn.',
  },
};

function withdrawalRefusal(e: unknown): Failure {
  if (!(e instanceof WithdrawalRefused)) throw e;
  const known = REFUSED[e.code];
  return failure(known.status, e.code, known.message, { params: e.params });
}

export function withdrawalRoutes(app: Hono<AppEnv>, store: TallyStore): void {
  const path = `${API_PREFIX}/events/:eventId/withdrawals`;
  /** Organiser first, then the event; before any body is read. */
  const withEvent = (c: Context<AppEnv>): EventInfo | Response => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const eventId = c.req.param('eventId') ?? '';
    return store.event(eventId) ?? fail(c, noSuchEvent(eventId));
  };

  app.post(path, async (c, next) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    await next();
  });
  app.post(path, limitBody(MAX_SMALL_BODY_BYTES), async (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const request = parseWith(withdrawalRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    try {
      const withdrawal = await store.withdrawBid(info.event.id, {
        bid: request.value.bid,
        reason: request.value.reason,
        by: organiserName(c),
      });
      const response: WithdrawalResponse = { withdrawal };
      return c.json(response);
    } catch (e) {
      return fail(c, withdrawalRefusal(e));
    }
  });
}
