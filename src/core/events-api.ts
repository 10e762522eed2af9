/**
 * The events API (organisers create and edit events; stations learn an event's state), as zod
 * schemas shared by the tally server and the screens. Prose: docs/events-api.md. These extend the
 * sync protocol (protocol.ts) without changing its version: every new response field is optional
 * for an older client, which drops what it does not know.
 */
import { z } from 'zod';
import { EVENT_STATES } from './event-lifecycle.ts';
import { apiErrorParamsSchema, eventSummarySchema, pushRequestSchema } from './protocol.ts';
import { eventSchema, idSchema } from './schema.ts';

/** Largest event definition (a 5,000-bid event with long texts and translations fits). */
export const MAX_DEFINITION_BYTES = 8 * 1024 * 1024;
/** Largest picture: the organiser's browser resizes and re-encodes before sending. */
export const MAX_PICTURE_BYTES = 200 * 1024;
/** Largest event package (definition plus its pictures as base64). */
export const MAX_PACKAGE_BYTES = 64 * 1024 * 1024;

export const eventStateSchema = z.enum(EVENT_STATES);
const hashSchema = z.string().regex(/^[0-9a-f]{64}$/);
const versionSchema = z.int().min(1).max(Number.MAX_SAFE_INTEGER);

export const eventProblemSchema = z.object({
  code: z.string(),
  level: z.enum(['error', 'warning']),
  params: apiErrorParamsSchema,
});
export type EventProblemResponse = z.infer<typeof eventProblemSchema>;

export const stateChangeSchema = z.object({
  state: eventStateSchema,
  at: z.string(),
  by: z.string(),
  version: versionSchema,
});

// ── Organiser: events ──────────────────────────────────────────────────────────────────────────

/** `GET /events`: the sync protocol's summary plus the lifecycle. */
export const eventListItemSchema = eventSummarySchema.extend({
  state: eventStateSchema,
  version: versionSchema,
  eventHash: hashSchema,
  date: z.string().optional(),
});
/**
 * An event on the server that was not opened: its tally file is damaged (`problem`: a tally-file
 * problem, code and facts with the line) or its folder unreadable. Its stations are told
 * `event-unavailable`.
 */
export const unavailableEventSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  problem: z.object({ code: z.string(), params: apiErrorParamsSchema }).optional(),
});
export type UnavailableEvent = z.infer<typeof unavailableEventSchema>;
export const eventListResponseSchema = z.object({
  events: z.array(eventListItemSchema),
  /** Absent from older servers. */
  unavailable: z.array(unavailableEventSchema).optional(),
});
export type EventListResponse = z.infer<typeof eventListResponseSchema>;

/** `GET /events/:eventId` and the answer to every change. */
export const eventDetailSchema = z.object({
  id: idSchema,
  definition: eventSchema,
  eventHash: hashSchema,
  /** The hash's first 12 hex digits, for people to compare with a station: "3F9A-12BC-77D0". */
  fingerprint: z.string(),
  /** Goes up by one with every saved change; send it back with the next change. */
  version: versionSchema,
  state: eventStateSchema,
  joinCode: z.string(),
  /** Counted ballots in the central tally. */
  ballots: z.int().min(0),
  /** Ballots kept apart as rejected (quarantined). */
  rejected: z.int().min(0),
  /** Rehearsal ballots received while a draft; never counted. */
  rehearsalBallots: z.int().min(0),
  /** Warnings that stop the event opening (errors are never saved). */
  problems: z.array(eventProblemSchema),
  history: z.array(stateChangeSchema),
  /** Why the definition cannot be saved now, or null if it can (draft, or open with no ballot). */
  definitionLocked: z.enum(['needs-new-version', 'has-ballots', 'closed', 'final']).nullable(),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const createEventRequestSchema = z.discriminatedUnion('from', [
  z.object({
    from: z.literal('blank'),
    name: z.string().trim().min(1).max(200),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    locale: z.string().min(2).max(35).optional(),
    date: z.iso.date().optional(),
  }),
  z.object({
    from: z.literal('copy'),
    eventId: idSchema,
    name: z.string().trim().min(1).max(200).optional(),
  }),
  /** A whole definition (e.g. from a spreadsheet or .pb import); its id is kept. */
  z.object({ from: z.literal('definition'), definition: z.unknown() }),
]);
export type CreateEventRequest = z.input<typeof createEventRequestSchema>;

export const updateDefinitionRequestSchema = z.object({
  /** The version this edit started from; a stale one is refused with `edit-conflict`. */
  version: versionSchema,
  definition: z.unknown(),
  /** Needed to change an open event (before any ballot): the organiser confirmed a new version. */
  confirmNewVersion: z.boolean().optional(),
});
export type UpdateDefinitionRequest = z.input<typeof updateDefinitionRequestSchema>;

export const changeStateRequestSchema = z.object({
  version: versionSchema,
  to: eventStateSchema,
});
export type ChangeStateRequest = z.input<typeof changeStateRequestSchema>;

export const pictureResponseSchema = z.object({
  /** What to put in `bid.image`. */
  path: z.string(),
  sha256: hashSchema,
  type: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  bytes: z.int().min(1),
  width: z.int().min(1),
  height: z.int().min(1),
});
export type PictureResponse = z.infer<typeof pictureResponseSchema>;

export const importPackageResponseSchema = z.object({
  /** False when the server already had this exact event (nothing changed). */
  created: z.boolean(),
  event: eventDetailSchema,
});
export type ImportPackageResponse = z.infer<typeof importPackageResponseSchema>;

// ── Stations ────────────────────────────────────────────────────────────────────────────────────

/** Where the station's event stands; in the join and push answers and `GET /stations/event`. */
export const stationEventStatusSchema = z.object({
  state: eventStateSchema,
  eventHash: hashSchema,
  version: versionSchema,
});
export type StationEventStatus = z.infer<typeof stationEventStatusSchema>;

/** A push may say which definition its ballots were cast on; a stale one is `event-changed`. */
export const stationPushRequestSchema = pushRequestSchema.extend({
  eventHash: hashSchema.optional(),
});

/** `GET /stations/event`: the current definition, to fetch after `eventHash` changed. */
export const stationEventResponseSchema = stationEventStatusSchema.extend({ event: eventSchema });
export type StationEventResponse = z.infer<typeof stationEventResponseSchema>;
