/**
 * A courier station delivers another station's tally file (docs/sync-protocol.md, "Carried tally
 * files"): POST /stations/carried with the carrying station's own token and the file as the body.
 * Imported exactly as the organiser's file import (file-import.ts): the whole file checked first,
 * nothing stored when it is damaged or of another event, a file delivered twice adds nothing.
 * Only into the carrying station's own event; a revoked station is refused before this (roles.ts).
 */
import type { Context, Hono } from 'hono';
import { API_PREFIX, MAX_IMPORT_BYTES } from '../../core/protocol.ts';
import type { EventInfo, TallyStore } from '../store/tally-store.ts';
import { importStationFile } from './file-import.ts';
import { requireStation, type AppEnv } from './principal.ts';
import { fail, limitBody } from './respond.ts';
import { eventUnavailable } from './station-routes.ts';

export const CARRIED_ROUTE = '/stations/carried';

export function carriedRoutes(app: Hono<AppEnv>, store: TallyStore): void {
  const stationEvent = (c: Context<AppEnv>): EventInfo | Response => {
    const station = requireStation(c);
    if (!station.ok) return fail(c, station.error);
    const info = store.event(station.value.eventId);
    if (info === undefined) {
      return fail(c, eventUnavailable(station.value.eventId));
    }
    return info;
  };
  app.post(`${API_PREFIX}${CARRIED_ROUTE}`, async (c, next) => {
    // Who is asking comes before reading their body.
    const info = stationEvent(c);
    if (info instanceof Response) return info;
    await next();
  });
  app.post(`${API_PREFIX}${CARRIED_ROUTE}`, limitBody(MAX_IMPORT_BYTES), (c) =>
    importStationFile(c, store, () => stationEvent(c)),
  );
}
