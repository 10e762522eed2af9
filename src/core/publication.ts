/**
 * A published result: the snapshot the organiser makes public once the count is final. It holds
 * what the public page shows and nothing more — the event's definition (public anyway: every
 * station shows it), the result under the event's rule with its explanations, the withdrawals with
 * their reasons, counts, and the tally file's chain head hash, which `decision-day verify FILE`
 * prints, so anyone given the file can check it is the one these results came from and re-count
 * it. Never the ballots: a ballot may carry a voting-code tag, and a public tag would let a voter
 * prove their vote with their card.
 *
 * Counted exactly as `decision-day tally` counts (readTallyFile → countedBallots → contentSeed →
 * tally with the event's rule), so the page, the projector and the command line cannot disagree.
 * Pure: the caller gives the time and, on Node, a faster sha256.
 */
import { z } from 'zod';
import { err, ok, type Result } from './result.ts';
import { bidIdSchema, eventSchema, idSchema, ruleSchema } from './schema.ts';
import type { BidId, EventDefinition, Rule } from './schema.ts';
import { tally } from './tally/index.ts';
import type { TallyResult } from './tally/types.ts';
import {
  contentSeed,
  countedBallots,
  readTallyFile,
  withdrawnBids,
  type Sha256,
  type TallyFileContents,
  type TallyFileProblem,
} from './tally-file/index.ts';

/** Bumped when a field changes meaning; a reader refuses a version it does not know. */
export const PUBLICATION_VERSION = 1;

export interface PublishedWithdrawal {
  bid: BidId;
  reason: string;
  /** ISO time the organiser withdrew it. */
  at: string;
}

export interface Publication {
  version: typeof PUBLICATION_VERSION;
  eventId: string;
  event: EventDefinition;
  rule: Rule;
  /** The count under `rule`, with `explanations`. */
  result: TallyResult;
  withdrawals: PublishedWithdrawal[];
  /** Ballots counted (voided ones left out). */
  ballotsCounted: number;
  /** Ballots in the file the organiser voided: kept, never counted. */
  voided: number;
  /** The tally file's chain head hash: what `decision-day verify FILE` prints as "Head". */
  tallyFileHash: string;
  /** The lot's seed (from the file's content), so anyone can redraw a lot. */
  seed: string;
  /** ISO time of publishing. */
  publishedAt: string;
}

/** Why a publication cannot be made: the file does not read, or the count is not final. */
export type PublicationProblem =
  { code: 'invalid-tally-file'; cause: TallyFileProblem } | { code: 'not-final'; state: string };

/** The state the file last records (a file written before state records is taken as open). */
export function fileState(contents: TallyFileContents): string {
  return contents.states.at(-1)?.state ?? 'open';
}

/**
 * The snapshot of a final count from the tally file's text. Refused (nothing made) if the file
 * fails its checks or its last recorded state is not final.
 */
export function buildPublication(
  fileText: string,
  publishedAt: string,
  sha256?: Sha256,
): Result<Publication, PublicationProblem> {
  const read = readTallyFile(fileText, sha256 === undefined ? {} : { sha256 });
  if (!read.ok) return err({ code: 'invalid-tally-file', cause: read.error });
  const contents = read.value;
  const state = fileState(contents);
  if (state !== 'final') return err({ code: 'not-final', state });
  const { event, eventHash, head } = contents;
  const ballots = countedBallots(contents);
  const seed =
    sha256 === undefined
      ? contentSeed(eventHash, ballots)
      : contentSeed(eventHash, ballots, sha256);
  const withdrawals = contents.withdrawals.map(({ bid, reason, at }) => ({ bid, reason, at }));
  const withdrawn = withdrawnBids(contents);
  const result = tally(event, ballots, {
    rule: event.rule,
    seed,
    explain: true,
    ...(withdrawn.length > 0 ? { withdrawn } : {}),
  });
  return ok({
    version: PUBLICATION_VERSION,
    eventId: event.id,
    event,
    rule: event.rule,
    result,
    withdrawals,
    ballotsCounted: result.ballotsCounted,
    voided: contents.voids.length,
    tallyFileHash: head.hash,
    seed,
    publishedAt,
  });
}

// ── Reading a snapshot back (from disk or from the server): checked, never trusted ─────────────

const minor = z.number().min(0);
const count = z.int().min(0);
const exclusionSchema = z.object({
  code: z.enum(['below-min-support', 'below-min-average-score']),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
const payments = z.array(z.object({ each: minor, voters: z.number().min(0) }));

const reasonSchema = z.discriminatedUnion('code', [
  z.object({
    code: z.literal('greedy-funded'),
    place: count,
    support: z.number(),
    moneyBefore: minor,
    cost: minor,
  }),
  z.object({
    code: z.literal('greedy-too-dear'),
    place: count,
    support: z.number(),
    moneyLeft: minor,
    cost: minor,
  }),
  z.object({
    code: z.literal('shares-funded'),
    round: count,
    supporters: z.number().min(0),
    payments,
  }),
  z.object({
    code: z.literal('shares-short'),
    supporters: z.number().min(0),
    supportersMoney: minor,
    cost: minor,
    usedBy: z.array(z.object({ bidId: bidIdSchema, amount: minor })),
  }),
  z.object({
    code: z.literal('completion-funded'),
    place: count,
    moneyBefore: minor,
    cost: minor,
  }),
  z.object({
    code: z.literal('completion-too-dear'),
    place: count,
    moneyLeft: minor,
    cost: minor,
  }),
  z.object({ code: z.literal('excluded'), problem: exclusionSchema }),
  z.object({ code: z.literal('funded-elsewhere'), potId: idSchema }),
  z.object({ code: z.literal('withdrawn') }),
  z.object({ code: z.literal('no-support') }),
  z.object({ code: z.literal('tie'), tie: count }),
]);

const resultSchema = z.object({
  eventId: idSchema,
  rule: ruleSchema,
  ballotsCounted: count,
  support: z.array(
    z.object({
      bidId: bidIdSchema,
      support: z.number(),
      voters: count,
      weightedSupport: z.string().optional(),
      excludedBy: exclusionSchema.optional(),
    }),
  ),
  pots: z.array(
    z.object({
      potId: idSchema,
      name: z.string(),
      budget: minor,
      rolledIn: minor,
      selected: z.array(bidIdSchema),
      spent: minor,
      left: minor,
      rolledOverTo: idSchema.optional(),
      excluded: z.array(z.object({ bidId: bidIdSchema, problem: exclusionSchema })).optional(),
    }),
  ),
  selected: z.array(bidIdSchema),
  ties: z.array(
    z.object({
      potId: idSchema,
      bids: z.array(bidIdSchema),
      decidedBy: z.enum(['cost', 'votes', 'lot']),
      situation: z.enum(['equal-support', 'equal-value']),
      seed: z.string().optional(),
    }),
  ),
  withdrawn: z.array(bidIdSchema).optional(),
  explanations: z
    .array(
      z.object({
        potId: idSchema,
        rule: ruleSchema,
        ballots: count,
        votersWithFundedBid: count,
        left: minor,
        shares: z.object({ voterBudget: minor, unitsAdded: count }).optional(),
        bids: z.array(
          z.object({ bidId: bidIdSchema, funded: z.boolean(), reasons: z.array(reasonSchema) }),
        ),
      }),
    )
    .optional(),
});

const HASH = /^[0-9a-f]{64}$/;

export const publicationSchema = z.object({
  version: z.literal(PUBLICATION_VERSION),
  eventId: idSchema,
  event: eventSchema,
  rule: ruleSchema,
  result: resultSchema,
  withdrawals: z.array(
    z.object({ bid: bidIdSchema, reason: z.string().max(500), at: z.string().max(40) }),
  ),
  ballotsCounted: count,
  voided: count,
  tallyFileHash: z.string().regex(HASH),
  seed: z.string().regex(/^[0-9a-f]{1,128}$/),
  publishedAt: z.string().max(40),
});

// The schema's output must be a Publication: a field added to one and not the other fails here.
type Checked = z.output<typeof publicationSchema>;
const _sameShape: (p: Checked) => Publication = (p) => p;
void _sameShape;

/** A snapshot read back: the schema's check, and the event it names must be the one asked for. */
export function readPublication(value: unknown, eventId?: string): Publication | null {
  const parsed = publicationSchema.safeParse(value);
  if (!parsed.success) return null;
  if (eventId !== undefined && parsed.data.eventId !== eventId) return null;
  if (parsed.data.event.id !== parsed.data.eventId) return null;
  return parsed.data;
}

// ── What the organiser's Publish screen asks of the server ─────────────────────────────────────

/** Whether an event's results are public, and whether the tally changed since they were. */
export const publicationStatusSchema = z.object({
  eventId: idSchema,
  state: z.enum(['draft', 'open', 'closed', 'final']),
  published: z
    .object({ publishedAt: z.string(), tallyFileHash: z.string(), ballotsCounted: count })
    .nullable(),
  /** The tally file's chain head hash now. */
  currentHash: z.string(),
  /** Published, and the tally file changed since (a withdrawal, say): publish again to show it. */
  changed: z.boolean(),
});
export type PublicationStatus = z.output<typeof publicationStatusSchema>;

/** The public address of an event's published results, under the app's base path. */
export const publicResultsPath = (base: string, eventId: string): string =>
  `${base}results/${encodeURIComponent(eventId)}`;
