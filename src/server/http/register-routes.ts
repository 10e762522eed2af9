/**
 * The registration desks' registers (docs/sync-protocol.md, "Registration desk"): stations push
 * rows on their own endpoint, apart from ballots; the organiser sees the summary (counts per
 * desk, likely duplicates) and deletes the register after the event with one recorded action.
 */
import type { Hono } from 'hono';
import {
  API_PREFIX,
  MAX_SMALL_BODY_BYTES,
  registerDeletionRequestSchema,
  registerFileSchema,
  registrationsPushRequestSchema,
  type RegisterImportResponse,
  type RegisterSummary,
  type RegistrationsPushResponse,
} from '../../core/protocol.ts';
import type { RegisterStore } from '../store/register-store.ts';
import type { TallyStore } from '../store/tally-store.ts';
import { organiserName, requireOrganiser, requireStation, type AppEnv } from './principal.ts';
import { fail, failure, limitBody, parseWith, readJson } from './respond.ts';
import { readStationPush } from './station-push.ts';

/** 500 rows of at most a few hundred bytes each. */
const MAX_REGISTER_BYTES = 1024 * 1024;
/** A register file of 50,000 rows of a few hundred bytes. */
const MAX_REGISTER_FILE_BYTES = 32 * 1024 * 1024;
/** The desk id of rows imported from a file: the desk's name after it. */
const FILE_DESK = 'file:';

export function registerRoutes(
  app: Hono<AppEnv>,
  store: TallyStore,
  registers: RegisterStore,
  now: () => Date,
): void {
  app.post(`${API_PREFIX}/registrations`, async (c, next) => {
    // Who is asking comes before reading their body.
    const station = requireStation(c);
    if (!station.ok) return fail(c, station.error);
    await next();
  });
  app.post(`${API_PREFIX}/registrations`, limitBody(MAX_REGISTER_BYTES), async (c) => {
    const station = requireStation(c);
    if (!station.ok) return fail(c, station.error);
    const { stationId, eventId } = station.value;
    const body = await readStationPush(c);
    if (!body.ok) return fail(c, body.error);
    // A bad row refuses the whole push: rows are checked on the desk before they are kept, so
    // one that is not a register row is a fault to look at, never something to half-store.
    const request = parseWith(registrationsPushRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    const push = request.value;
    const other = push.registrations.find((r) => r.eventId !== eventId);
    if (push.eventId !== eventId || other !== undefined) {
      const sent = other?.eventId ?? push.eventId;
      return fail(
        c,
        failure(403, 'wrong-event', `This station joined event "${eventId}", not "${sent}".`, {
          params: { joined: eventId, sent },
        }),
      );
    }
    if (store.event(eventId)?.state === 'draft') {
      // A rehearsal's registrations are acknowledged and never kept, like its ballots: the
      // register of the real day starts empty when voting opens.
      const response: RegistrationsPushResponse = {
        stored: push.registrations.map((r) => r.id),
        conflicts: [],
        deleted: false,
      };
      return c.json(response);
    }
    const { stored, conflicts, deleted } = await registers.push(
      eventId,
      stationId,
      push.registrations,
    );
    const response: RegistrationsPushResponse = { stored, conflicts, deleted };
    return c.json(response);
  });

  const eventOf = (eventId: string) => store.event(eventId);
  const notFound = (eventId: string) =>
    failure(404, 'not-found', `There is no event "${eventId}" on this server.`, {
      params: { event: eventId },
    });

  app.get(`${API_PREFIX}/events/:eventId/register`, (c) => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const eventId = c.req.param('eventId');
    if (eventOf(eventId) === undefined) return fail(c, notFound(eventId));
    const names = new Map(store.stations(eventId).map((s) => [s.stationId, s.name]));
    // Rows imported from a desk's file are kept under "file:<desk name>".
    const name = (id: string) =>
      id.startsWith(FILE_DESK) ? id.slice(FILE_DESK.length) : (names.get(id) ?? id);
    const response: RegisterSummary = registers.summary(eventId, name);
    return c.json(response);
  });

  app.post(
    `${API_PREFIX}/events/:eventId/register/deletion`,
    limitBody(MAX_SMALL_BODY_BYTES),
    async (c) => {
      const denied = requireOrganiser(c);
      if (denied !== null) return fail(c, denied);
      const eventId = c.req.param('eventId');
      if (eventOf(eventId) === undefined) return fail(c, notFound(eventId));
      const body = await readJson(c);
      if (!body.ok) return fail(c, body.error);
      const request = parseWith(registerDeletionRequestSchema, body.value);
      if (!request.ok) return fail(c, request.error);
      if (request.value.confirm !== eventId) {
        return fail(
          c,
          failure(400, 'invalid-request', 'Confirm the deletion with the event id.', {
            params: { path: 'confirm' },
          }),
        );
      }
      const deletion = await registers.delete(eventId, organiserName(c), now());
      return c.json({ deletion });
    },
  );
  app.post(
    `${API_PREFIX}/events/:eventId/register/import`,
    limitBody(MAX_REGISTER_FILE_BYTES),
    async (c) => {
      const denied = requireOrganiser(c);
      if (denied !== null) return fail(c, denied);
      const eventId = c.req.param('eventId');
      if (eventOf(eventId) === undefined) return fail(c, notFound(eventId));
      const body = await readJson(c);
      if (!body.ok) {
        return fail(c, failure(422, 'invalid-file', 'This is not a register file (not JSON).'));
      }
      const parsed = registerFileSchema.safeParse(body.value);
      if (!parsed.success) {
        return fail(
          c,
          failure(422, 'invalid-file', 'This is not a register file, or it was damaged.', {
            params: { path: parsed.error.issues[0]?.path.join('.') ?? '' },
          }),
        );
      }
      const file = parsed.data;
      const other = file.rows.find((r) => r.eventId !== eventId);
      if (file.eventId !== eventId || other !== undefined) {
        const sent = other?.eventId ?? file.eventId;
        return fail(
          c,
          failure(409, 'other-event-file', `This register file is of event "${sent}".`, {
            params: { event: eventId, file: sent },
          }),
        );
      }
      const outcome = await registers.push(eventId, `${FILE_DESK}${file.desk}`, file.rows);
      const response: RegisterImportResponse = {
        added: outcome.added,
        already: outcome.deleted ? 0 : outcome.stored.length - outcome.added,
        conflicts: outcome.conflicts.length,
        deleted: outcome.deleted,
      };
      return c.json(response);
    },
  );
}
