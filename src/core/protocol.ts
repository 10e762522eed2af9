/**
 * The sync and organiser HTTP protocol (v1), shared by the tally server, the station's sync client
 * and the organiser screens. One module so both ends parse the same shapes; the prose version with
 * retry advice is docs/sync-protocol.md. Pure: zod and core only, no fetch, no Node.
 *
 * Bump PROTOCOL_VERSION only for a change an old peer would misread; adding an optional response
 * field is not such a change.
 */
import { z } from 'zod';
import { eventSchema, idSchema } from './schema.ts';
import { BALLOT_PROBLEM_CODES } from './ballot.ts';

export const PROTOCOL_VERSION = 1;
export const API_PREFIX = '/api/v1';

/** Most ballots in one push. A station with more sends several batches. */
export const MAX_BATCH_BALLOTS = 500;
/** Largest push body. 500 ballots of a long score or ranking ballot fit well inside it. */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;
/** Largest imported tally file (a whole day's station export is a few MB). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Largest body of every other request (join, login). */
export const MAX_SMALL_BODY_BYTES = 16 * 1024;

/**
 * Join codes avoid characters people confuse when reading them off a screen or paper
 * (0/O, 1/I/L, 5/S, 2/Z, 8/B): "K7QF-M4".
 */
export const JOIN_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const JOIN_CODE_PATTERN = /^[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{2}$/;

/** What a person typed: case, spaces and a missing dash are forgiven. */
export function normaliseJoinCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return plain.length === 6 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

export const joinCodeSchema = z
  .string()
  .max(32)
  .transform(normaliseJoinCode)
  .pipe(z.string().regex(JOIN_CODE_PATTERN));

// ── Errors ──────────────────────────────────────────────────────────────────────────────────────

/** Every error response is `{ error: { code, message, params?, cause? } }` (see apiErrorSchema). */
export const API_ERROR_CODES = [
  'bad-json',
  'invalid-request',
  'unsupported-protocol',
  'payload-too-large',
  'batch-too-large',
  'unauthorized',
  'wrong-event',
  'unknown-join-code',
  'wrong-password',
  'not-found',
  'method-not-allowed',
  'rate-limited',
  'invalid-file',
  'other-event-file',
  'storage-failed',
  'server-error',
  // Events (docs/events-api.md): definitions, lifecycle, pictures, packages.
  'edit-conflict',
  'invalid-event',
  'event-has-problems',
  'event-frozen',
  'event-has-ballots',
  'bad-transition',
  'event-exists',
  'event-not-open',
  'event-final',
  'event-changed',
  'picture-too-large',
  'unsupported-picture',
  'corrupt-picture',
  'invalid-package',
  'package-conflict',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The facts a code's sentence needs (ids, counts, states): the app words them from its catalogue. */
export const apiErrorParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** A problem on the wire (see core/problem.ts): a code, its facts, and the problem beneath it. */
export interface WireProblem {
  code: string;
  params?: Record<string, string | number>;
  cause?: WireProblem;
}
export const wireProblemSchema: z.ZodType<WireProblem> = z.object({
  code: z.string().max(64),
  params: apiErrorParamsSchema.optional(),
  get cause() {
    return wireProblemSchema.optional();
  },
});

/**
 * `message` is an English detail for developers and logs only: the app never shows it, it words
 * `code` with `params` from its message catalogue. `problems` lists what is wrong with a refused
 * event definition or package, each a code with facts (see src/core/event-check.ts).
 */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    params: apiErrorParamsSchema.optional(),
    /** The problem beneath, e.g. what is wrong with a refused tally file (core/tally-file). */
    cause: wireProblemSchema.optional(),
    problems: z
      .array(
        z.object({
          code: z.string(),
          level: z.enum(['error', 'warning']),
          params: apiErrorParamsSchema,
        }),
      )
      .optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/**
 * Why one ballot of a push or import was kept apart (quarantined) instead of counted.
 * `invalid-ballot`: not a ballot at all (schema); `conflict`: its id is already in the tally with
 * different content (never overwritten); the rest come from validateBallot.
 */
export const REJECTION_CODES = [
  'invalid-ballot',
  'conflict',
  ...BALLOT_PROBLEM_CODES,
  // Cast while the event was a draft (a rehearsal), arriving after it opened: never counted.
  'rehearsal-ballot',
  // Arrived after the count was sealed (final): kept apart, never counted.
  'event-final',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** `params`: the ballot problem's facts (core/ballot.ts); `message`: English, for logs only. */
export const rejectionSchema = z.object({
  id: z.string(),
  code: z.enum(REJECTION_CODES),
  message: z.string(),
  params: apiErrorParamsSchema.optional(),
});
export type Rejection = z.infer<typeof rejectionSchema>;

// ── Health ──────────────────────────────────────────────────────────────────────────────────────

export const healthResponseSchema = z.object({ ok: z.literal(true), protocol: z.number() });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

// ── Stations ────────────────────────────────────────────────────────────────────────────────────

export const joinRequestSchema = z.object({
  joinCode: joinCodeSchema,
  stationName: z.string().trim().min(1).max(80),
});
export type JoinRequest = z.input<typeof joinRequestSchema>;

export const joinResponseSchema = z.object({
  stationId: idSchema,
  /** A bearer secret: keep it on the station, send it with every push. */
  token: z.string().min(32),
  event: eventSchema,
});
export type JoinResponse = z.infer<typeof joinResponseSchema>;

/**
 * A pushed ballot is checked one by one (ballotSchema, then validateBallot) so that one bad ballot
 * is quarantined with its reason instead of failing its 499 neighbours. The envelope only insists
 * on an id, without which a rejection could not be reported back. (A check rather than an object
 * schema: it runs 500 times a push and must not copy each ballot.)
 */
export const pushedBallotSchema = z.custom<{ id: string; [key: string]: unknown }>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    idSchema.safeParse((value as { id?: unknown }).id).success,
  // A code, not a sentence (see schemaProblem): every ballot needs a plain id.
  'bad-id',
);

export const pushRequestSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  eventId: idSchema,
  /** How many ballots this station has cast in total, delivered or not. */
  castCount: z.int().min(0).max(10_000_000),
  /** Up to MAX_BATCH_BALLOTS; an empty array is a heartbeat. */
  ballots: z.array(pushedBallotSchema),
});
export type PushRequest = z.input<typeof pushRequestSchema>;

export const pushResponseSchema = z.object({
  /** Ids now durable in the central tally file, including ones that were already there. */
  stored: z.array(z.string()),
  rejected: z.array(rejectionSchema),
  /** Distinct ballots this station has delivered so far. */
  received: z.int().min(0),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ── Organiser ───────────────────────────────────────────────────────────────────────────────────

export const loginRequestSchema = z.object({ password: z.string().min(1).max(1000) });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.object({
  token: z.string().min(32),
  /** ISO time after which the token stops working; log in again. */
  expiresAt: z.string(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const eventSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  joinCode: z.string(),
  ballots: z.int().min(0),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;
export const eventsResponseSchema = z.object({ events: z.array(eventSummarySchema) });
export type EventsResponse = z.infer<typeof eventsResponseSchema>;

export const stationStatusSchema = z.object({
  stationId: idSchema,
  name: z.string(),
  cast: z.int().min(0),
  received: z.int().min(0),
  /** cast − received, never negative. */
  missing: z.int().min(0),
  /** ISO time of the last push or heartbeat; null if it never synced since joining. */
  lastContact: z.string().nullable(),
});
export type StationStatus = z.infer<typeof stationStatusSchema>;
export const stationsResponseSchema = z.object({ stations: z.array(stationStatusSchema) });
export type StationsResponse = z.infer<typeof stationsResponseSchema>;

export const importResponseSchema = z.object({
  added: z.int().min(0),
  duplicates: z.int().min(0),
  rejected: z.array(rejectionSchema),
});
export type ImportResponse = z.infer<typeof importResponseSchema>;

export const quarantinedBallotSchema = z.object({
  id: z.string(),
  code: z.enum(REJECTION_CODES),
  message: z.string(),
  params: apiErrorParamsSchema.optional(),
  /** Which station pushed it, or null when it came in an imported file. */
  stationId: z.string().nullable(),
  /** Exactly what arrived, for a person to inspect. */
  ballot: z.unknown(),
});
export type QuarantinedBallot = z.infer<typeof quarantinedBallotSchema>;
export const rejectedResponseSchema = z.object({ rejected: z.array(quarantinedBallotSchema) });
export type RejectedResponse = z.infer<typeof rejectedResponseSchema>;
