/**
 * The organisers' audit trail over HTTP. One middleware records every organiser action as it
 * succeeds — in one place, so a new route cannot be forgotten: a change through a route with no
 * name below is still recorded, as `other` with its path — and sign-ins, failed ones included.
 * `GET /audit` (organiser) returns the trail. Nothing of a ballot, a code, a password or a
 * registration is recorded: only which action, by whom, on which event, and a few small facts.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AuditAction, AuditDetails, AuditResponse } from '../../core/audit.ts';
import { API_PREFIX } from '../../core/protocol.ts';
import type { AuditTrail } from '../store/audit-trail.ts';
import { clientAddress, requireOrganiser, organiserName, type AppEnv } from './principal.ts';
import { fail } from './respond.ts';

/** Each organiser route that changes something (or hands out what needs guarding), by name. */
export const AUDITED_ROUTES: Readonly<Record<string, AuditAction>> = {
  'POST /events': 'event-create',
  'POST /event-packages': 'event-create',
  'PUT /events/:eventId/definition': 'event-edit',
  'POST /events/:eventId/state': 'event-state',
  'POST /events/:eventId/pictures': 'event-pictures',
  'POST /events/:eventId/import': 'station-file-import',
  'GET /events/:eventId/tally-file': 'tally-file-download',
  'POST /events/:eventId/voids': 'ballot-void',
  'POST /events/:eventId/withdrawals': 'bid-withdraw',
  'POST /events/:eventId/codes': 'codes-create',
  'GET /events/:eventId/codes/batches/:batchId': 'codes-print',
  'POST /events/:eventId/codes/void': 'codes-void',
  'POST /events/:eventId/codes/decisions': 'codes-decision',
  'POST /events/:eventId/register/import': 'register-import',
  'GET /events/:eventId/register': 'register-export',
  'POST /events/:eventId/register/deletion': 'register-delete',
  'POST /events/:eventId/equalities/import': 'equalities-import',
  'POST /events/:eventId/publication': 'results-publish',
  'DELETE /events/:eventId/publication': 'results-unpublish',
  'POST /events/:eventId/stations/:stationId/revocation': 'station-revoke',
  'POST /organiser/logout': 'sign-out',
  'POST /organiser/logout-everywhere': 'sign-out-everywhere',
  'POST /accounts/invites': 'account-invite',
  'DELETE /accounts/invites/:inviteId': 'account-invite-withdraw',
  'PATCH /accounts/:accountId': 'account-change',
  'POST /accounts/:accountId/reset': 'account-reset',
  'POST /invites/accept': 'account-invite-accept',
};

const LOGIN = 'POST /organiser/login';

/** The route that answered, without the API prefix, e.g. `/events/:eventId/state`. */
function answeringRoute(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const path = matchedRoutes(c)[c.req.routeIndex]?.path ?? '';
  return path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : path;
}

/** A few small facts of the request's JSON body (already read, so cached) for some actions. */
async function detailsOf(
  c: Parameters<MiddlewareHandler<AppEnv>>[0],
  action: AuditAction,
): Promise<AuditDetails> {
  const fields: Partial<Record<AuditAction, string[]>> = {
    'event-state': ['to'],
    'bid-withdraw': ['bid', 'reason'],
    'ballot-void': ['ballot', 'reason'],
  };
  // Which station, from the route itself.
  if (action === 'station-revoke') return { station: c.req.param('stationId') ?? '' };
  const wanted = fields[action];
  if (wanted === undefined) return {};
  try {
    const body = await c.req.json<Record<string, unknown>>();
    const details: Record<string, string> = {};
    for (const key of wanted) {
      const value = body[key];
      if (typeof value === 'string') details[key] = value.slice(0, 500);
    }
    return details;
  } catch {
    return {};
  }
}

export function auditOrganiserActions(
  trail: AuditTrail,
  now: () => Date,
  log: (line: string) => void,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const route = answeringRoute(c);
    const key = `${c.req.method} ${route}`;
    const status = c.res.status;
    let entry: { action: AuditAction; by: string; details: AuditDetails } | undefined;
    if (key === LOGIN) {
      // Only real answers to a password: not a malformed request or a rate-limited one.
      if (status === 200 || status === 401) {
        entry = {
          action: status === 200 ? 'sign-in' : 'sign-in-failed',
          // The name given, right or wrong (account-routes.ts); never the password.
          by: c.get('auditBy') ?? 'unknown',
          details: { address: clientAddress(c) },
        };
      }
    } else if (c.get('principal')?.kind === 'organiser' && status < 400) {
      const named = AUDITED_ROUTES[key];
      const changes = c.req.method !== 'GET' && c.req.method !== 'HEAD';
      if (named !== undefined) {
        // Plus what the route itself adds (account routes: which account, its name and role).
        const details = { ...(await detailsOf(c, named)), ...c.get('auditDetails') };
        entry = { action: named, by: organiserName(c), details };
      } else if (changes) {
        entry = { action: 'other', by: organiserName(c), details: { route: key } };
      }
    }
    if (entry === undefined) return;
    const event = c.req.param('eventId');
    try {
      await trail.record({
        at: now().toISOString(),
        ...entry,
        ...(event === undefined ? {} : { event }),
      });
    } catch (e) {
      // The action itself is done and durable; saying so loudly is all that is left to do.
      log(`Could not record ${entry.action} in the audit trail: ${String(e)}`);
    }
  };
}

export function auditRoutes(app: Hono<AppEnv>, trail: AuditTrail): void {
  app.get(`${API_PREFIX}/audit`, async (c) => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const { records, problem } = await trail.read();
    const event = c.req.query('event');
    const response: AuditResponse = {
      records: event === undefined ? records : records.filter((r) => r.event === event),
      ...(problem === undefined
        ? {}
        : { problem: { code: problem.code, params: { line: Number(problem.params['line']) } } }),
    };
    return c.json(response);
  });
}
