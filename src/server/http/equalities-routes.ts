/**
 * Equalities answers (docs/sync-protocol.md, "Equalities answers"): stations push them on their
 * own endpoint, apart from ballots, a batch at a time; the organiser reads counts per question
 * and answer with every group under 10 suppressed (core/questions.ts), for the inclusion report.
 */
import type { Hono } from 'hono';
import {
  equalitiesFileSchema,
  equalitiesPushRequestSchema,
  type EqualitiesImportResponse,
  type EqualitiesPushResponse,
} from '../../core/equalities-protocol.ts';
import { API_PREFIX } from '../../core/protocol.ts';
import { summariseEqualities } from '../../core/questions.ts';
import type { EqualitiesStore } from '../store/equalities-store.ts';
import type { TallyStore } from '../store/tally-store.ts';
import { requireOrganiser, requireStation, type AppEnv } from './principal.ts';
import { fail, failure, limitBody, parseWith, readJson } from './respond.ts';
import { readStationPush } from './station-push.ts';

/** 500 answers of at most ~100 bytes each. */
const MAX_EQUALITIES_BYTES = 128 * 1024;
/** A `.ddequalities` file: up to 200 such batches. */
const MAX_EQUALITIES_FILE_BYTES = 200 * MAX_EQUALITIES_BYTES;

export function equalitiesRoutes(
  app: Hono<AppEnv>,
  store: TallyStore,
  equalities: EqualitiesStore,
): void {
  app.post(`${API_PREFIX}/equalities`, async (c, next) => {
    // Who is asking comes before reading their body.
    const station = requireStation(c);
    if (!station.ok) return fail(c, station.error);
    await next();
  });
  app.post(`${API_PREFIX}/equalities`, limitBody(MAX_EQUALITIES_BYTES), async (c) => {
    const station = requireStation(c);
    if (!station.ok) return fail(c, station.error);
    const { eventId } = station.value;
    const body = await readStationPush(c);
    if (!body.ok) return fail(c, body.error);
    // One bad record refuses the batch whole: the station checked each before keeping it, so one
    // that is not a plain set of answers (an id, a time, an unknown answer) is a fault, never
    // something to half-store.
    const request = parseWith(equalitiesPushRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    const push = request.value;
    if (push.eventId !== eventId) {
      return fail(
        c,
        failure(
          403,
          'wrong-event',
          `This station joined event "${eventId}", not "${push.eventId}".`,
          {
            params: { joined: eventId, sent: push.eventId },
          },
        ),
      );
    }
    const outcome = await equalities.push(eventId, push.batch, push.answers);
    const response: EqualitiesPushResponse = { batch: push.batch, ...outcome };
    return c.json(response);
  });

  app.get(`${API_PREFIX}/events/:eventId/equalities`, (c) => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const eventId = c.req.param('eventId');
    const info = store.event(eventId);
    if (info === undefined) {
      return fail(
        c,
        failure(404, 'not-found', `There is no event "${eventId}" on this server.`, {
          params: { event: eventId },
        }),
      );
    }
    const summary = summariseEqualities(
      info.event.checkIn?.equalities ?? [],
      equalities.answers(eventId),
    );
    return c.json(summary);
  });

  // A station's `.ddequalities` file, carried by hand (docs/sync-protocol.md): the organiser
  // imports it. The whole file is checked before anything is stored, so a damaged file or one of
  // another event changes nothing; its batches keep the station's random ids, so a file imported
  // twice, or after the station synced after all, stores nothing twice.
  app.post(
    `${API_PREFIX}/events/:eventId/equalities/import`,
    limitBody(MAX_EQUALITIES_FILE_BYTES),
    async (c) => {
      const denied = requireOrganiser(c);
      if (denied !== null) return fail(c, denied);
      const eventId = c.req.param('eventId');
      if (store.event(eventId) === undefined) {
        return fail(
          c,
          failure(404, 'not-found', `There is no event "${eventId}" on this server.`, {
            params: { event: eventId },
          }),
        );
      }
      const body = await readJson(c);
      if (!body.ok) {
        return fail(c, failure(422, 'invalid-file', 'This is not an equalities file (not JSON).'));
      }
      const parsed = equalitiesFileSchema.safeParse(body.value);
      if (!parsed.success) {
        return fail(
          c,
          failure(422, 'invalid-file', 'This is not an equalities file, or it was damaged.', {
            params: { path: parsed.error.issues[0]?.path.join('.') ?? '' },
          }),
        );
      }
      const file = parsed.data;
      if (file.eventId !== eventId) {
        return fail(
          c,
          failure(409, 'other-event-file', `This equalities file is of event "${file.eventId}".`, {
            params: { event: eventId, file: file.eventId },
          }),
        );
      }
      const response: EqualitiesImportResponse = { added: 0, already: 0 };
      for (const { batch, answers } of file.batches) {
        const outcome = await equalities.push(eventId, batch, answers);
        if (outcome.duplicate) response.already += answers.length;
        else response.added += outcome.stored;
      }
      return c.json(response);
    },
  );
}
