/**
 * The organiser side: see events and stations, download the central tally file, import a
 * station's exported file, and inspect quarantined ballots. Signing in: account-routes.ts.
 */
import type { Context, Hono } from 'hono';
import {
  API_PREFIX,
  MAX_IMPORT_BYTES,
  type EventsResponse,
  type ImportResponse,
  type RejectedResponse,
  type StationsResponse,
} from '../../core/protocol.ts';
import { problemSummary } from '../../core/problem.ts';
import type { EventListResponse } from '../../core/events-api.ts';
import { refusal } from '../events/event-service.ts';
import { importClosings, stationReport } from '../closings.ts';
import { runOffThread } from '../off-thread/run-off-thread.ts';
import type { EventInfo, TallyStore } from '../store/tally-store.ts';
import { compressedBody } from './compressed-body.ts';
import { requireOrganiser, type AppEnv } from './principal.ts';
import { fail, failure, limitBody } from './respond.ts';

export interface OrganiserDeps {
  store: TallyStore;
}

export function organiserRoutes(app: Hono<AppEnv>, deps: OrganiserDeps): void {
  const { store } = deps;

  /** Every route below needs the organiser and, where it names one, an open event. */
  const withEvent = (c: Context<AppEnv>): EventInfo | Response => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const eventId = c.req.param('eventId') ?? '';
    const info = store.event(eventId);
    if (info === undefined) {
      return fail(
        c,
        failure(
          404,
          'not-found',
          `There is no event "${eventId}" on this server. Check the address.`,
          { params: { event: eventId } },
        ),
      );
    }
    return info;
  };

  app.get(`${API_PREFIX}/events`, (c) => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const response: EventsResponse & EventListResponse = {
      events: store.events().map((e) => ({
        id: e.event.id,
        name: e.event.name,
        joinCode: e.joinCode,
        ballots: e.ballots,
        state: e.state,
        version: e.version,
        eventHash: e.eventHash,
        ...(e.event.date === undefined ? {} : { date: e.event.date }),
      })),
      // Events not opened: which, and what is wrong with the tally file (and on which line).
      unavailable: store.unopened().map((u) => ({
        id: u.folder,
        ...(u.name !== undefined && { name: u.name }),
        ...(u.problem !== undefined && {
          problem: { code: u.problem.code, params: { ...u.problem.params } },
        }),
      })),
    };
    return c.json(response);
  });

  app.get(`${API_PREFIX}/events/:eventId/stations`, (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    const response: StationsResponse = {
      stations: store.stations(info.event.id),
      ...stationReport(store, info.event.id),
    };
    return c.json(response);
  });

  app.get(`${API_PREFIX}/events/:eventId/tally-file`, async (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    const text = await store.tallyFile(info.event.id);
    c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${info.event.id}-tally.jsonl"`);
    // 32 MB for 100,000 ballots: compressed for the venue's Wi-Fi, streamed as it is made.
    return compressedBody(c, text);
  });

  app.get(`${API_PREFIX}/events/:eventId/rejected`, (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    const response: RejectedResponse = { rejected: store.quarantine(info.event.id) };
    return c.json(response);
  });

  app.post(`${API_PREFIX}/events/:eventId/import`, async (c, next) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    await next();
  });
  app.post(`${API_PREFIX}/events/:eventId/import`, limitBody(MAX_IMPORT_BYTES), async (c) => {
    const before = withEvent(c);
    if (before instanceof Response) return before;
    // Read and verified on a worker thread: a 50 MB file takes seconds, and stations, /health and
    // other organisers are answered meanwhile. The event is looked up again afterwards.
    const file = await runOffThread({
      task: 'import',
      bytes: new Uint8Array(await c.req.arrayBuffer()),
      event: before.event,
      eventHash: before.eventHash,
    });
    const info = withEvent(c);
    if (info instanceof Response) return info;
    if (!file.ok) {
      return fail(
        c,
        failure(
          422,
          'invalid-file',
          `This file cannot be imported (${problemSummary(file.problem)}). Nothing was imported.`,
          { params: { problem: file.problem.code, ...file.problem.params }, cause: file.problem },
        ),
      );
    }
    const { event, eventHash } = file;
    if (event.id !== info.event.id || eventHash !== info.eventHash) {
      const other =
        event.id === info.event.id
          ? `a different version of "${event.name}" (its bids or rules differ)`
          : `another event: ${event.name}`;
      return fail(
        c,
        failure(
          409,
          'other-event-file',
          `This file is from ${other}. Import it into that event instead; nothing was imported.`,
          {
            params: {
              event: event.id,
              eventName: event.name,
              sameEvent: event.id === info.event.id ? 1 : 0,
            },
          },
        ),
      );
    }
    if (info.state === 'draft' || info.state === 'final') {
      // A draft counts nothing yet; a final count is sealed.
      const code = info.state === 'draft' ? 'event-not-open' : 'event-final';
      return fail(
        c,
        failure(409, code, `The event is ${info.state}: nothing can be imported into it.`, {
          params: { state: info.state },
        }),
      );
    }
    let outcome;
    try {
      outcome = await store.store(info.event.id, {
        eventHash,
        ballots: file.valid,
        rejected: file.rejected,
        station: null,
      });
    } catch (e) {
      return fail(c, refusal(e));
    }
    // The stations' closing sheets the file carries, after their ballots.
    const closings = await importClosings(store, info.event.id, file.closings, new Date());
    const response: ImportResponse = {
      ...(file.closings.length > 0 ? { closings } : {}),
      added: outcome.added,
      duplicates: outcome.duplicates,
      rejected: outcome.rejected.map(({ id, code, message, params }) =>
        params === undefined ? { id, code, message } : { id, code, message, params },
      ),
    };
    return c.json(response);
  });
}
