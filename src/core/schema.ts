/**
 * The shapes of an event and a ballot, as zod schemas; the TypeScript types are derived from them
 * so the two can never drift. Parse untrusted input (files, requests) with these; code on the
 * voter's path imports only the types (`import type`), which keeps zod out of the voter's bundle.
 */
import { z } from 'zod';

/** Ids appear in file names, URLs and Pabulib files: keep them plain. */
export const idSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/,
    'Use 1–64 letters, digits, dot, dash, colon or underscore.',
  );

/** Integer minor units (pence). Bounded so every sum of them stays an exact double. */
export const moneySchema = z.int().min(0).max(1e13);

/** A BCP 47 language tag, e.g. "en-GB", "cy", "ar". */
export const languageTagSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);

/**
 * A text's versions in other languages, by language tag. The text itself is in the event's first
 * language; where a language has no version, the voter sees that text, marked with its language.
 */
const translationsOf = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.record(languageTagSchema, z.object(shape).partial()).optional();

export const categorySchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(100),
  translations: translationsOf({ name: z.string().min(1).max(100) }),
});

export const bidSchema = z.object({
  id: idSchema,
  title: z.string().min(1).max(200),
  group: z.string().max(200),
  amount: moneySchema.min(1),
  summary: z.string().max(1000),
  details: z.string().max(5000).optional(),
  category: idSchema.optional(),
  /** A path under the app's origin, e.g. "images/cooking-club.svg". Never a remote URL. */
  image: z
    .string()
    .regex(/^[A-Za-z0-9/_.-]+$/)
    .optional(),
  imageAlt: z.string().max(300).optional(),
  /** Short sentences for voters who want easy read; shown with the picture large. */
  easyRead: z.string().max(1000).optional(),
  translations: translationsOf({
    title: z.string().min(1).max(200),
    summary: z.string().max(1000),
    details: z.string().max(5000),
    easyRead: z.string().max(1000),
    imageAlt: z.string().max(300),
  }),
});

export const potEligibilitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('categories'), categories: z.array(idSchema).min(1) }),
  z.object({ kind: z.literal('bids'), bids: z.array(idSchema).min(1) }),
]);

export const potSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  funder: z.string().max(200).optional(),
  budget: moneySchema,
  eligible: potEligibilitySchema,
  /** Unspent money moves to this pot, which must come later in the event's pot order. */
  rollOverTo: idSchema.optional(),
});

export const ballotMethodSchema = z.discriminatedUnion('kind', [
  /** Choose between `min` and `max` bids; `max: null` means no limit. */
  z.object({ kind: z.literal('approval'), min: z.int().min(0), max: z.int().min(1).nullable() }),
  /** Choose bids whose total cost fits `limit`; `null` means the sum of all pots' budgets. */
  z.object({ kind: z.literal('knapsack'), limit: moneySchema.min(1).nullable() }),
  /** Give each bid a whole score from `min` to `max`; with `allowNoOpinion` a bid may be skipped. */
  z.object({
    kind: z.literal('score'),
    min: z.int().min(0),
    max: z.int().min(1).max(100),
    allowNoOpinion: z.boolean(),
  }),
  /** Order up to `maxRanks` bids; support is Borda points (first place gets `maxRanks`). */
  z.object({ kind: z.literal('ranking'), maxRanks: z.int().min(1).max(100) }),
  /** Share `points` whole points between bids, at most `maxPerBid` on one bid. */
  z.object({
    kind: z.literal('cumulative'),
    points: z.int().min(1).max(10_000),
    maxPerBid: z.int().min(1).max(10_000),
  }),
]);

export const ruleSchema = z.enum(['greedy', 'equal-shares']);

export const thresholdsSchema = z.object({
  /** A bid supported by fewer than this share (0–1) of counted ballots is not funded. */
  minSupportShare: z.number().min(0).max(1).optional(),
  /** Score ballots: a bid whose average given score is below this share of the maximum is not funded. */
  minAverageScoreShare: z.number().min(0).max(1).optional(),
});

export const eventSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    /** ISO 4217 code, e.g. "GBP". */
    currency: z.string().regex(/^[A-Z]{3}$/),
    locale: z.string().min(2).max(35),
    /** The first day of voting (YYYY-MM-DD), shown to people; never used to order ballots. */
    date: z.iso.date().optional(),
    /**
     * The languages a voter may choose, the event's own first: its texts are written in that one.
     * Absent means just the language of `locale`.
     */
    languages: z.array(languageTagSchema).min(1).max(20).optional(),
    /** Shown to voters on the welcome screen, in the event's first language. */
    welcome: z.string().max(2000).optional(),
    /** Who may vote, shown to voters on the welcome screen. */
    eligibility: z.string().max(2000).optional(),
    translations: translationsOf({
      name: z.string().min(1).max(200),
      welcome: z.string().max(2000),
      eligibility: z.string().max(2000),
    }),
    method: ballotMethodSchema,
    rule: ruleSchema,
    thresholds: thresholdsSchema.optional(),
    categories: z.array(categorySchema),
    /** In order of allocation: the first pot is filled first. */
    pots: z.array(potSchema).min(1).max(50),
    bids: z.array(bidSchema).min(1).max(5000),
  })
  .superRefine((event, ctx) => {
    const dup = (ids: string[], what: string, path: string) => {
      const seen = new Set<string>();
      for (const id of ids) {
        if (seen.has(id))
          ctx.addIssue({ code: 'custom', path: [path], message: `${what} "${id}" appears twice.` });
        seen.add(id);
      }
    };
    dup(
      event.bids.map((b) => b.id),
      'Bid',
      'bids',
    );
    dup(
      event.pots.map((p) => p.id),
      'Pot',
      'pots',
    );
    dup(
      event.categories.map((c) => c.id),
      'Category',
      'categories',
    );
    const categories = new Set(event.categories.map((c) => c.id));
    const bids = new Set(event.bids.map((b) => b.id));
    for (const bid of event.bids) {
      if (bid.category !== undefined && !categories.has(bid.category)) {
        ctx.addIssue({
          code: 'custom',
          path: ['bids'],
          message: `Bid "${bid.id}" has unknown category "${bid.category}".`,
        });
      }
    }
    event.pots.forEach((pot, index) => {
      if (pot.eligible.kind === 'categories') {
        for (const c of pot.eligible.categories) {
          if (!categories.has(c))
            ctx.addIssue({
              code: 'custom',
              path: ['pots'],
              message: `Pot "${pot.id}" names unknown category "${c}".`,
            });
        }
      }
      if (pot.eligible.kind === 'bids') {
        for (const b of pot.eligible.bids) {
          if (!bids.has(b))
            ctx.addIssue({
              code: 'custom',
              path: ['pots'],
              message: `Pot "${pot.id}" names unknown bid "${b}".`,
            });
        }
      }
      if (pot.rollOverTo !== undefined) {
        const target = event.pots.findIndex((p) => p.id === pot.rollOverTo);
        if (target <= index) {
          ctx.addIssue({
            code: 'custom',
            path: ['pots'],
            message: `Pot "${pot.id}" can only roll over into a later pot.`,
          });
        }
      }
    });
    const m = event.method;
    if (m.kind === 'approval' && m.max !== null && m.max < m.min) {
      ctx.addIssue({
        code: 'custom',
        path: ['method'],
        message: 'The most bids a voter may choose is below the fewest.',
      });
    }
    if (m.kind === 'score' && m.max <= m.min) {
      ctx.addIssue({
        code: 'custom',
        path: ['method'],
        message: 'The highest score must be above the lowest.',
      });
    }
  });

export const choiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approval'), bids: z.array(idSchema).max(5000) }),
  z.object({ kind: z.literal('knapsack'), bids: z.array(idSchema).max(5000) }),
  z.object({
    kind: z.literal('score'),
    /** `score: null` is an explicit "no opinion". */
    scores: z.array(z.object({ bid: idSchema, score: z.int().nullable() })).max(5000),
  }),
  /** Most preferred first. */
  z.object({ kind: z.literal('ranking'), ranking: z.array(idSchema).max(100) }),
  z.object({
    kind: z.literal('cumulative'),
    points: z.array(z.object({ bid: idSchema, points: z.int().min(1) })).max(5000),
  }),
]);

/** "2026-06-13T14:00Z": ballots are timed no finer than the hour, so time cannot link a voter. */
export const castHourSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:00Z$/);

export const ballotSchema = z.object({
  /** Random (UUID v4 on stations), never time-ordered: the id must not reveal casting order. */
  id: idSchema,
  eventId: idSchema,
  stationId: idSchema,
  castHour: castHourSchema,
  choice: choiceSchema,
});

export type Category = z.infer<typeof categorySchema>;
export type Bid = z.infer<typeof bidSchema>;
export type PotEligibility = z.infer<typeof potEligibilitySchema>;
export type Pot = z.infer<typeof potSchema>;
export type BallotMethod = z.infer<typeof ballotMethodSchema>;
export type MethodKind = BallotMethod['kind'];
export type Rule = z.infer<typeof ruleSchema>;
export type Thresholds = z.infer<typeof thresholdsSchema>;
export type EventDefinition = z.infer<typeof eventSchema>;
export type Choice = z.infer<typeof choiceSchema>;
export type Ballot = z.infer<typeof ballotSchema>;
export type BidId = Bid['id'];
export type PotId = Pot['id'];
