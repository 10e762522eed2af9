/**
 * The inclusion report (docs/results.md, "Inclusion report"; docs/events-api.md): built here from
 * the counted ballots, the stations' ballots per language and the equalities answers, with every
 * small group hidden (core/inclusion.ts), so no figure of 1 to 9 ever leaves the server.
 */
import type { Hono } from 'hono';
import { eventWards } from '../../core/ballot-sections.ts';
import { eventLanguages } from '../../core/event-text.ts';
import { inclusionReport, type InclusionReport } from '../../core/inclusion.ts';
import { API_PREFIX } from '../../core/protocol.ts';
import { weightsAreas } from '../../core/questions.ts';
import { noSuchEvent } from '../events/event-service.ts';
import type { EqualitiesStore } from '../store/equalities-store.ts';
import type { TallyStore } from '../store/tally-store.ts';
import { requireOrganiser, type AppEnv } from './principal.ts';
import { fail } from './respond.ts';

export function inclusionRoutes(
  app: Hono<AppEnv>,
  store: TallyStore,
  equalities: EqualitiesStore | undefined,
): void {
  app.get(`${API_PREFIX}/events/:eventId/inclusion`, (c) => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const eventId = c.req.param('eventId');
    const info = store.event(eventId);
    if (info === undefined) return fail(c, noSuchEvent(eventId));
    const { event } = info;
    const stationNames = new Map<string, string>();
    for (const s of store.stations(eventId)) {
      if (s.ballotStation !== undefined) stationNames.set(s.ballotStation, s.name);
    }
    const closings = store.closings(eventId);
    for (const { sheet } of closings) stationNames.set(sheet.station, sheet.stationName);
    const asksAge = event.checkIn?.equalities?.includes('age-band') === true;
    const report: InclusionReport = inclusionReport({
      ballots: store
        .ballots(eventId)
        .filter((b) => b.void === undefined)
        .map((b) => b.ballot),
      languages: languageCounts(store, eventId),
      eventLanguages: eventLanguages(event),
      stationNames,
      ...(asksAge && equalities !== undefined && { equalities: equalities.answers(eventId) }),
      ...(weightsAreas(event) && { areas: eventWards(event) }),
    });
    return c.json(report);
  });
}

/**
 * Each station's ballots per language, once: a closing sheet's count (final, and the only one a
 * station that never synced sends, in its file) wins over the station's latest push.
 */
function languageCounts(store: TallyStore, eventId: string): Record<string, number>[] {
  const closings = store.closings(eventId);
  const closed = new Set<string>();
  const out: Record<string, number>[] = [];
  for (const { sheet, joined } of closings) {
    if (sheet.languages === undefined) continue;
    closed.add(sheet.station);
    if (joined !== undefined) closed.add(joined);
    out.push(sheet.languages);
  }
  const ballotStation = new Map(store.stations(eventId).map((s) => [s.stationId, s.ballotStation]));
  for (const { stationId, languages } of store.stationLanguages(eventId)) {
    const own = ballotStation.get(stationId);
    if (closed.has(stationId) || (own !== undefined && closed.has(own))) continue;
    out.push(languages);
  }
  return out;
}
