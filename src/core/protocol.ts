/**
 * The sync and organiser HTTP protocol (v1), shared by the tally server, the station's sync client
 * and the organiser screens. One module so both ends parse the same shapes; the prose version with
 * retry advice is docs/sync-protocol.md. Pure: zod and core only, no fetch, no Node.
 *
 * Bump PROTOCOL_VERSION only for a change an old peer would misread; adding an optional response
 * field is not such a change.
 */
import { z } from 'zod';
import {
  AGE_BANDS,
  bidIdSchema,
  choiceSchema,
  eventSchema,
  idSchema,
  languageTagSchema,
} from './schema.ts';
import { ACCOUNT_ERROR_CODES } from './accounts-api.ts';
import { BALLOT_PROBLEM_CODES } from './ballot-problems.ts';
import { CLOSING_NAME_MAX, CLOSING_NOTE_MAX, MAX_COUNTED_LANGUAGES } from './closing.ts';
import {
  CONNECTIONS,
  DUPLICATE_REASONS,
  MAX_NAME_LENGTH,
  MAX_STREET_LENGTH,
  RELEASES,
} from './register.ts';

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
  // Voting codes: voiding a code the event never issued.
  'unknown-code',
  // Closing a station: this station already sent a different closing sheet (params: station,
  // closedAt of the one kept).
  'closing-conflict',
  // Voids (docs/events-api.md#voids): a ballot not in the tally, or voided already.
  'ballot-not-found',
  'ballot-voided',
  // Withdrawals (docs/events-api.md#withdrawals): a bid not in the event, or withdrawn already.
  'bid-not-found',
  'bid-withdrawn',
  // Publishing results (docs/events-api.md#publishing-results): only a final count is published.
  'event-not-final',
  // The station's event is on the server but not opened (its tally file is damaged): 503, try
  // later and tell the organiser; never "join again" (docs/sync-protocol.md#errors).
  'event-unavailable',
  // Hardened HTTP (docs/sync-protocol.md#errors): a JSON endpoint sent something else (415), a
  // state-changing request from a page on another site (403), a body nested over {maxDepth} (400).
  'unsupported-media-type',
  'cross-site-request',
  'too-deeply-nested',
  // Accounts, roles and sessions (core/accounts-api.ts, docs/accounts.md).
  ...ACCOUNT_ERROR_CODES,
  // The organiser removed this station from the event (a lost tablet): its token is refused; the
  // ballots it delivered stay and count (docs/sync-protocol.md#errors).
  'station-revoked',
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
  // Voting codes (core/voting-codes.ts): the tag is no code of this event; the code was voided;
  // a test card's code (never counted); the code already opened a counted ballot (params: first,
  // station, hour); an event with codes on, and a screen ballot without one.
  'code-unknown',
  'code-voided',
  'code-test',
  'code-used',
  'code-missing',
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
  // At most 80 graphemes, checked on the server with core/text/name.ts: a grapheme may be
  // several UTF-16 units (👩‍👩‍👧 is 8), so the bound here is only against abuse.
  stationName: z.string().trim().min(1).max(640),
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
 * Ballots a station cast in each language (language tag → count), sent with its pushes and on its
 * closing sheet for the inclusion report; never on a ballot. Optional everywhere: older stations
 * do not send it.
 */
export const languageCountsSchema = z
  .record(languageTagSchema, z.int().min(0).max(10_000_000))
  .refine((counts) => Object.keys(counts).length <= MAX_COUNTED_LANGUAGES, 'too-many');

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
  /** Optional: this station's screen ballots per language so far (the latest one is kept). */
  languages: languageCountsSchema.optional(),
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
// Signing in, sessions and accounts: core/accounts-api.ts.

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
  /** The station id its ballots carry (its own random id), once it delivered one. */
  ballotStation: z.string().optional(),
  /** When the organiser revoked it (a lost tablet): its pushes are refused, its ballots count. */
  revokedAt: z.string().optional(),
});
export type StationStatus = z.infer<typeof stationStatusSchema>;
/** A station's closing sheet as the tally keeps it (core/closing.ts, closing-record.ts). */
export const closingSheetSchema = z.strictObject({
  station: idSchema,
  stationName: z.string().max(CLOSING_NAME_MAX),
  closedAt: z.iso.datetime(),
  released: z.int().min(0).optional(),
  unused: z.int().min(0).optional(),
  checkIns: z.int().min(0).optional(),
  codesUsed: z.int().min(0),
  screenBallots: z.int().min(0),
  paperBallots: z.int().min(0),
  synced: z.int().min(0),
  waiting: z.int().min(0),
  note: z.string().max(CLOSING_NOTE_MAX).optional(),
  photo: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** Screen ballots cast per language (docs/sync-protocol.md, "Ballots per language"). */
  languages: languageCountsSchema.optional(),
});

/** POST /stations/closing (station token): idempotent by station; see docs/sync-protocol.md. */
export const closingPushRequestSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  eventId: idSchema,
  sheet: closingSheetSchema,
});
export type ClosingPushRequest = z.input<typeof closingPushRequestSchema>;

export const closingPushResponseSchema = z.object({
  /** False when the same sheet was there already (a retry): nothing was written twice. */
  added: z.boolean(),
  /** The server's time when it first took the sheet in. */
  receivedAt: z.string(),
});
export type ClosingPushResponse = z.infer<typeof closingPushResponseSchema>;

/**
 * POST /stations/closing/photo (station token), the photo's bytes as the body: the photo of the
 * paper tally sheet, stored by its SHA-256 like bid pictures (idempotent by content).
 */
export const closingPhotoResponseSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Where the organiser's screen loads it, e.g. `api/pictures/<sha256>.jpg`. */
  path: z.string(),
});
export type ClosingPhotoResponse = z.infer<typeof closingPhotoResponseSchema>;

/** The organiser's view of a closing: the sheet, when the server took it in, which join sent it. */
export const closingViewSchema = z.object({
  sheet: closingSheetSchema,
  receivedAt: z.string().nullable(),
  /** The server's id of the station that pushed it; null when it came in a file. */
  joined: z.string().nullable(),
  /** Where the photo the sheet names is, once the server has it (it comes only by sync). */
  photoPath: z.string().nullable().optional(),
});
export type ClosingView = z.infer<typeof closingViewSchema>;

/** What the central tally holds from one station (by the id its ballots carry). */
export const stationTallySchema = z.object({
  station: z.string(),
  screen: z.int().min(0),
  paper: z.int().min(0),
  voided: z.int().min(0),
  /** Ballots that carry a voting code's tag. */
  codes: z.int().min(0),
  /** The server's id of the joined station that delivered them, when one did. */
  joined: z.string().nullable(),
});
export type StationTally = z.infer<typeof stationTallySchema>;

/** Ballots in the central tally per station and hour (the hour each ballot carries). */
export const turnoutSchema = z.object({
  station: z.string(),
  hour: z.string(),
  ballots: z.int().min(0),
});
export type Turnout = z.infer<typeof turnoutSchema>;

export const stationsResponseSchema = z.object({
  stations: z.array(stationStatusSchema),
  /** Closing sheets, reconciliation and turnout (docs/check-in.md); absent from older servers. */
  closings: z.array(closingViewSchema).optional(),
  tallies: z.array(stationTallySchema).optional(),
  turnout: z.array(turnoutSchema).optional(),
});
export type StationsResponse = z.infer<typeof stationsResponseSchema>;

/** `POST /events/:eventId/stations/:stationId/revocation` (a lost tablet): the station now. */
export const stationRevocationResponseSchema = z.object({ station: stationStatusSchema });
export type StationRevocationResponse = z.infer<typeof stationRevocationResponseSchema>;

export const importResponseSchema = z.object({
  /** The stations' closing sheets the file carried: newly recorded, and left out (a station's
   * other sheet is kept). Absent when the file had none. */
  closings: z.object({ added: z.int().min(0), conflicts: z.int().min(0) }).optional(),
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

// ── Voting codes (docs/check-in.md, docs/events-api.md) ─────────────────────────────────────────

/** Most codes in one batch: each costs the server one slow hash (about 20 ms of one core). */
export const MAX_CODES_PER_BATCH = 5000;

export const codeTagSchema = z.string().regex(/^[0-9a-f]{32}$/);

/** The organiser asks for a batch of codes. */
export const codeBatchRequestSchema = z.object({
  count: z.int().min(1).max(MAX_CODES_PER_BATCH),
  label: z.string().trim().max(80).default(''),
  /** Test cards: for rehearsals; a ballot cast with one is never counted. */
  test: z.boolean().default(false),
});
export type CodeBatchRequest = z.input<typeof codeBatchRequestSchema>;

export const codeBatchSummarySchema = z.object({
  id: idSchema,
  label: z.string(),
  test: z.boolean(),
  createdAt: z.string(),
  issued: z.int().min(0),
  /** Codes of the batch that opened a counted ballot. */
  used: z.int().min(0),
  voided: z.int().min(0),
  /** Later ballots with one of the batch's codes already used: kept apart. */
  duplicates: z.int().min(0),
});
export type CodeBatchSummary = z.infer<typeof codeBatchSummarySchema>;

/** A ballot kept apart because its code had already opened a counted ballot, and its decision. */
export const codeDuplicateSchema = z.object({
  ballot: z.string(),
  /** Which station sent it (null: an imported file) and its hour. */
  stationId: z.string().nullable(),
  castHour: z.string(),
  /** The counted ballot that used the code first. */
  first: z.object({ ballot: z.string(), stationId: z.string().nullable(), castHour: z.string() }),
  decision: z
    .object({
      kind: z.enum(['keep-apart', 'count-instead']),
      at: z.string(),
      by: z.string(),
    })
    .nullable(),
});
export type CodeDuplicate = z.infer<typeof codeDuplicateSchema>;

export const codesResponseSchema = z.object({
  batches: z.array(codeBatchSummarySchema),
  duplicates: z.array(codeDuplicateSchema),
  /** PBKDF2 rounds of this event's tags (fixed by the first batch). */
  iterations: z.int().min(1),
  version: z.int().min(0),
});
export type CodesResponse = z.infer<typeof codesResponseSchema>;

/** One batch's codes, for printing the cards (organiser only: the codes themselves). */
export const codeBatchResponseSchema = z.object({
  batch: codeBatchSummarySchema,
  codes: z.array(z.object({ code: z.string(), voided: z.boolean(), used: z.boolean() })),
});
export type CodeBatchResponse = z.infer<typeof codeBatchResponseSchema>;

/** Void a lost or spoilt card by its code (as typed: case, spaces and dashes forgiven). */
export const voidCodeRequestSchema = z.object({ code: z.string().min(1).max(40) });
export type VoidCodeRequest = z.infer<typeof voidCodeRequestSchema>;

/** The organiser's decision on a kept-apart duplicate. */
export const codeDecisionRequestSchema = z.object({
  ballot: idSchema,
  decision: z.enum(['keep-apart', 'count-instead']),
});
export type CodeDecisionRequest = z.infer<typeof codeDecisionRequestSchema>;

/**
 * What a station holds to check codes offline (GET /stations/codes): tags only (core/voting-codes
 * CodeList). With `?have=<version>` and nothing new, `{ unchanged: true, version }`.
 */
export const codeListSchema = z.object({
  eventId: idSchema,
  version: z.int().min(0),
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  iterations: z.int().min(1).max(10_000_000),
  valid: z.array(codeTagSchema),
  voided: z.array(codeTagSchema),
  test: z.array(codeTagSchema),
});
export const codeListResponseSchema = z.union([
  z.object({ unchanged: z.literal(true), version: z.int().min(0) }),
  codeListSchema,
]);
export type CodeListResponse = z.infer<typeof codeListResponseSchema>;

// ── Registration desk (docs/sync-protocol.md, "Registration desk") ─────────────────────────────

/** Most register rows in one push. */
export const MAX_BATCH_REGISTRATIONS = 500;

/**
 * One register row on the wire (core/register.ts Registration). Strict: a row carrying anything
 * else (a ballot id, a code, a time) is refused whole, so the register can never hold a link to
 * a ballot even from a buggy or hostile station.
 */
export const registrationSchema = z.strictObject({
  id: idSchema,
  eventId: idSchema,
  day: z.iso.date(),
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH).optional(),
  postcode: z
    .string()
    .regex(/^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/)
    .optional(),
  street: z.string().trim().min(1).max(MAX_STREET_LENGTH).optional(),
  ageBand: z.enum(AGE_BANDS).optional(),
  connection: z.enum(CONNECTIONS).optional(),
  overridden: z.literal('area').optional(),
  released: z.enum(RELEASES),
});

/** POST /registrations (station token): idempotent by row id. */
export const registrationsPushRequestSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  eventId: idSchema,
  registrations: z.array(registrationSchema).max(MAX_BATCH_REGISTRATIONS),
});
export type RegistrationsPushRequest = z.input<typeof registrationsPushRequestSchema>;

export const registrationsPushResponseSchema = z.object({
  /** Ids durable on the server (or, once the register was deleted, taken and dropped). */
  stored: z.array(z.string()),
  /** An id the server holds with other answers: never overwritten. */
  conflicts: z.array(z.string()),
  /** The organiser deleted this event's register: the station deletes its copy too. */
  deleted: z.boolean(),
});
export type RegistrationsPushResponse = z.infer<typeof registrationsPushResponseSchema>;

/** A row as the organiser sees it in a likely duplicate. */
export const registerRowViewSchema = z.object({
  id: z.string(),
  desk: z.string(),
  name: z.string().optional(),
  postcode: z.string().optional(),
  street: z.string().optional(),
  ageBand: z.string().optional(),
});

/** GET /events/:eventId/register (organiser). */
export const registerSummarySchema = z.object({
  total: z.int().min(0),
  /** Per desk (station): rows received, and how many the organiser let in from outside the area. */
  desks: z.array(
    z.object({
      stationId: z.string(),
      name: z.string(),
      rows: z.int().min(0),
      overridden: z.int().min(0),
    }),
  ),
  duplicates: z.array(
    z.object({
      reason: z.enum(DUPLICATE_REASONS),
      acrossDesks: z.boolean(),
      a: registerRowViewSchema,
      b: registerRowViewSchema,
    }),
  ),
  /** More likely duplicates were found than are listed (core/register.ts LIKELY_DUPLICATES_SHOWN). */
  duplicatesCut: z.boolean(),
  /** Set once the organiser deleted the register: who, when, how many rows went. */
  deletion: z.object({ at: z.string(), by: z.string(), rows: z.int().min(0) }).nullable(),
});
export type RegisterSummary = z.infer<typeof registerSummarySchema>;

/** POST /events/:eventId/register/deletion (organiser): `confirm` must be the event's id. */
export const registerDeletionRequestSchema = z.object({ confirm: idSchema });

// ── Ballots and voids (organiser; docs/events-api.md#voids) ─────────────────────────────────────

/** A void: which ballot, the organiser's reason, when (ISO, UTC) and who. */
export const ballotVoidSchema = z.object({
  ballot: z.string(),
  reason: z.string(),
  at: z.string(),
  by: z.string(),
});
export type BallotVoid = z.infer<typeof ballotVoidSchema>;

/**
 * One ballot of the central tally as the organiser's Ballots screen lists it: where and in which
 * hour it was cast, whether keyed from paper, its choice, and its void if it has one. Never the
 * voting code's tag (not needed to find a ballot, and kept off screens).
 */
export const ballotRowSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  /** The station's name when it joined this server, else its id. */
  stationName: z.string(),
  castHour: z.string(),
  paper: z.boolean(),
  choice: choiceSchema,
  void: ballotVoidSchema.nullable(),
});
export type BallotRow = z.infer<typeof ballotRowSchema>;

/** GET /events/:eventId/ballots: every ballot in the tally, voided ones included. */
export const ballotsResponseSchema = z.object({
  ballots: z.array(ballotRowSchema),
  /** Ballots in the tally, of them paper, and of them voided (never counted). */
  counts: z.object({
    ballots: z.int().min(0),
    paper: z.int().min(0),
    voided: z.int().min(0),
  }),
});
export type BallotsResponse = z.infer<typeof ballotsResponseSchema>;

/** POST /events/:eventId/voids: void one ballot with a reason (1 to 500 characters, trimmed). */
export const voidRequestSchema = z.object({
  ballot: idSchema,
  reason: z.string().trim().min(1).max(500),
});
export type VoidRequestBody = z.input<typeof voidRequestSchema>;

export const voidResponseSchema = z.object({ void: ballotVoidSchema });
export type VoidResponse = z.infer<typeof voidResponseSchema>;

/**
 * POST /events/:eventId/withdrawals (organiser, docs/events-api.md#withdrawals): withdraw a bid
 * after voting began, with a reason; the tally leaves it out of every pot from then on.
 */
export const withdrawalRequestSchema = z.object({
  bid: bidIdSchema,
  reason: z.string().trim().min(1).max(500),
});
export type WithdrawalRequestBody = z.input<typeof withdrawalRequestSchema>;

export const bidWithdrawalSchema = z.object({
  bid: z.string(),
  reason: z.string(),
  at: z.string(),
  by: z.string(),
});
export type BidWithdrawal = z.infer<typeof bidWithdrawalSchema>;
export const withdrawalResponseSchema = z.object({ withdrawal: bidWithdrawalSchema });
export type WithdrawalResponse = z.infer<typeof withdrawalResponseSchema>;

/**
 * A desk's register carried by hand when it never reaches the tally server (`.ddregister`, JSON):
 * POST /events/:eventId/register/import (organiser) takes it, idempotent by row id like a push.
 */
export const REGISTER_FILE_FORMAT = 'decision-day-register';
export const MAX_REGISTER_FILE_ROWS = 50_000;
export const registerFileSchema = z.object({
  format: z.literal(REGISTER_FILE_FORMAT),
  version: z.literal(1),
  eventId: idSchema,
  /** The desk (station) name, as the volunteer set it up. */
  desk: z.string().trim().min(1).max(80),
  rows: z.array(registrationSchema).max(MAX_REGISTER_FILE_ROWS),
});
export type RegisterFile = z.infer<typeof registerFileSchema>;

export const registerImportResponseSchema = z.object({
  added: z.int().min(0),
  /** Rows the server already had (synced, or the same file imported before). */
  already: z.int().min(0),
  conflicts: z.int().min(0),
  /** The register was deleted: nothing was kept. */
  deleted: z.boolean(),
});
export type RegisterImportResponse = z.infer<typeof registerImportResponseSchema>;
