/**
 * The organiser side: see events and stations, download the central tally file, import a
 * station's exported file, and inspect quarantined ballots. Signing in: account-routes.ts.
 */
import type { Context, Hono } from 'hono';
import {
  API_PREFIX,
  MAX_IMPORT_BYTES,
  type EventsResponse,
  type RejectedResponse,
  type StationsResponse,
} from '../../core/protocol.ts';
import type { EventListResponse } from '../../core/events-api.ts';
import { stationReport } from '../closings.ts';
import type { EventInfo, TallyStore } from '../store/tally-store.ts';
import { compressedBody } from './compressed-body.ts';
import { importStationFile } from './file-import.ts';
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

  app.get(`${API_PREFIX}/events/:eventId/tally-file`, (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${info.event.id}-tally.jsonl"`);
    // 32 MB for 100,000 ballots: compressed for the venue's Wi-Fi, streamed as it is read.
    return compressedBody(c, store.tallyFilePieces(info.event.id));
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
  app.post(`${API_PREFIX}/events/:eventId/import`, limitBody(MAX_IMPORT_BYTES), (c) =>
    importStationFile(c, store, () => withEvent(c)),
  );
}
