/**
 * The shapes of an event and a ballot, as zod schemas; the TypeScript types are derived from them
 * so the two can never drift. Parse untrusted input (files, requests) with these; code on the
 * voter's path imports only the types (`import type`), which keeps zod out of the voter's bundle.
 */
import { z } from 'zod';
import { bidsInScope } from './ballot-sections.ts';
import { problemOf, type Problem, type ProblemParams } from './problem.ts';
import { AGE_BANDS, EQUALITIES_QUESTIONS } from './questions-constants.ts';
import { checkText, normaliseText, type TextRules } from './text/name.ts';
import { TEXT_PROBLEM_CODES } from './text/text-problems.ts';

/** Ids appear in file names, URLs and Pabulib files: keep them plain. */
export const idSchema = z.string().regex(
  /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/,
  // A code, not a sentence: see schemaProblem below.
  'bad-id',
);

/**
 * A bid's id. Looser than `idSchema` because Pabulib files name projects like "M/01/X" and an
 * import must keep them exactly as written; bid ids never become file names or URL paths.
 */
export const bidIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/+#-]{0,63}$/, 'bad-id');

/**
 * A text a person sets, stored in NFC and checked by core/text/name.ts (issue 11: names that
 * deceive): one-line names refuse controls, bidi controls, invisible characters and blank text;
 * summaries keep their line breaks. `max` counts graphemes, what a reader sees as characters.
 */
const textOf = (rules: TextRules, schema = z.string()) =>
  schema.overwrite(normaliseText).superRefine((text, ctx) => {
    const problem = checkText(text, rules);
    if (problem === undefined) return;
    ctx.addIssue(
      problem.code === 'text-too-long'
        ? { code: 'custom', message: 'too-big', params: { maximum: rules.max } }
        : { code: 'custom', message: problem.code, params: { ...problem.params } },
    );
  });
/** A one-line name: a title, a pot's or group's name; `.min(1)` where it may not be empty. */
const nameText = (max: number) => textOf({ max });
/** A summary, description or welcome: may run over several lines. */
const longText = (max: number) => textOf({ max, multiline: true });

/** A ward or area, as the organiser writes it ("Burnfoot", "North ward"). */
export const wardSchema = textOf({ max: 100 }, z.string().trim().min(1));

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
  name: nameText(100).min(1),
  translations: translationsOf({ name: nameText(100).min(1) }),
});

export const bidSchema = z.object({
  id: bidIdSchema,
  title: nameText(200).min(1),
  group: nameText(200),
  amount: moneySchema.min(1),
  summary: longText(1000),
  details: longText(5000).optional(),
  /** The bid's main category: shown on its card and used by the voter's filter. */
  category: idSchema.optional(),
  /** Further categories the bid belongs to, for pots and ballot sections (never shown twice). */
  tags: z.array(idSchema).max(20).optional(),
  /** The ward or area the bid serves, for pots and ballot sections over wards. */
  ward: wardSchema.optional(),
  /**
   * A path under the app's origin, e.g. "images/cooking-club.svg". Never a remote URL: shown as
   * `/` + image, so no leading or doubled slash ("//evil.example/x.png") and no segment starting
   * with a dot ("../api/…").
   */
  image: z
    .string()
    .regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/)
    .optional(),
  imageAlt: longText(300).optional(),
  /** Short sentences for voters who want easy read; shown with the picture large. */
  easyRead: longText(1000).optional(),
  translations: translationsOf({
    title: nameText(200).min(1),
    summary: longText(1000),
    details: longText(5000),
    easyRead: longText(1000),
    imageAlt: longText(300),
  }),
});

export const ruleSchema = z.enum(['greedy', 'equal-shares']);

export const potEligibilitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('categories'), categories: z.array(idSchema).min(1) }),
  z.object({ kind: z.literal('wards'), wards: z.array(wardSchema).min(1) }),
  z.object({ kind: z.literal('bids'), bids: z.array(bidIdSchema).min(1) }),
]);

export const thresholdsSchema = z.object({
  /** A bid supported by fewer than this share (0–1) of counted ballots is not funded. */
  minSupportShare: z.number().min(0).max(1).optional(),
  /** Score ballots: a bid whose average given score is below this share of the maximum is not funded. */
  minAverageScoreShare: z.number().min(0).max(1).optional(),
});

export const potSchema = z.object({
  id: idSchema,
  name: nameText(200).min(1),
  translations: translationsOf({ name: nameText(200).min(1) }),
  funder: nameText(200).optional(),
  budget: moneySchema,
  eligible: potEligibilitySchema,
  /** Unspent money moves to this pot, which must come later in the event's pot order. */
  rollOverTo: idSchema.optional(),
  /** This pot's own rule; absent means the event's. */
  rule: ruleSchema.optional(),
  /**
   * This pot's own thresholds: they replace the event's `thresholds` (all of them) for this pot
   * only; absent means the event's. `{ minSupportShare: 0 }` counts this pot with no threshold.
   */
  thresholds: thresholdsSchema.optional(),
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

/**
 * The tie-break policy (see tally/tie-break.ts): which fact decides first between two bids the rule
 * cannot separate. Both end with the published lot.
 */
export const tieBreakSchema = z.enum(['cheaper-first', 'more-voters-first']);

/**
 * The bids a ballot section is over. `own-ward`: the voter says which ward they live in and chooses
 * among that ward's bids only (bids without a ward are not in it).
 */
export const sectionScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('categories'), categories: z.array(idSchema).min(1) }),
  z.object({ kind: z.literal('wards'), wards: z.array(wardSchema).min(1) }),
  z.object({ kind: z.literal('own-ward') }),
  z.object({ kind: z.literal('bids'), bids: z.array(bidIdSchema).min(1) }),
]);

/**
 * One part of a ballot, shown to the voter as its own step with its own meter. How pots count
 * sections is in docs/ballot-sections.md: a bid's support sums what every section gave it.
 */
export const ballotSectionSchema = z.object({
  id: idSchema,
  title: nameText(200).min(1),
  /** One or two sentences telling the voter what this part asks. */
  intro: longText(1000).optional(),
  translations: translationsOf({
    title: nameText(200).min(1),
    intro: longText(1000),
  }),
  scope: sectionScopeSchema,
  method: ballotMethodSchema,
});

/** What a registration desk may ask each voter (core/register.ts, docs/check-in.md). */
export const DESK_FIELDS = ['name', 'postcode', 'street', 'ageBand', 'connection'] as const;
/** A desk's minimum age: the lower end of one of AGE_BANDS (below), so no band straddles it. */
export const MINIMUM_AGES = [8, 16, 18] as const;
/** A whole UK postcode or its start: area ("TD"), district ("TD9") or sector ("TD9 8"). */
export const AREA_POSTCODE_PATTERN = /^[A-Za-z]{1,2}(?:\d[A-Za-z\d]?(?: ?\d(?:[A-Za-z]{2})?)?)?$/;

/** The registration desk: what it asks, the organiser's area and the minimum age. */
export const deskSchema = z.object({
  fields: z.array(z.enum(DESK_FIELDS)).min(1).max(DESK_FIELDS.length),
  /** Postcodes in the area, whole or started ("TD9", "TD9 8"); empty or absent: not checked. */
  postcodes: z.array(z.string().trim().regex(AREA_POSTCODE_PATTERN)).max(5000).optional(),
  /** Street names in the area; matched ignoring case, accents and "Rd"/"Road". */
  streets: z
    .array(textOf({ max: 100 }, z.string().trim().min(1)))
    .max(5000)
    .optional(),
  minimumAge: z.literal(MINIMUM_AGES).optional(),
});

// Defined beside the questions (no zod there), so voter screens can use them: re-exported here.
export { AGE_BANDS, EQUALITIES_QUESTIONS };
export const ageBandSchema = z.enum(AGE_BANDS);

/**
 * An area's weight: a decimal of up to 3 places, from 0.001 to 100, kept as written so the tally
 * can use it exactly (core/questions.ts turns it into integers; never a float deciding winners).
 */
export const weightSchema = z
  .string()
  .regex(/^(?:100(?:\.0{1,3})?|\d{1,2}(?:\.\d{1,3})?)$/, 'bad-format')
  .refine((w) => /[1-9]/.test(w), 'bad-value');

/** Eligibility questions asked after the voter starts, before the bids (docs/check-in.md). */
export const eligibilityQuestionsSchema = z.object({
  /** "How old are you?" in AGE_BANDS; never stored on the ballot. */
  ageBand: z
    .object({
      /** No "prefer not to say". */
      required: z.boolean().optional(),
      /** The youngest band that may vote: a younger answer is told so and no ballot starts. */
      minimum: ageBandSchema.optional(),
    })
    .optional(),
  /**
   * "Which area do you live in?" among the event's wards. It answers every own-ward part of the
   * ballot (then required), and with `weights` is stored on the ballot as `area`.
   */
  area: z
    .object({
      required: z.boolean().optional(),
      /** Ward → weight; a ward not listed, or no answer, counts 1. */
      weights: z.record(wardSchema, weightSchema).optional(),
    })
    .optional(),
});

export const equalitiesQuestionSchema = z.enum(EQUALITIES_QUESTIONS);

/** The ways a station checks that each eligible person votes once; any of them may combine. */
export const checkInSchema = z.object({
  /** A registration desk registers each voter before a ballot is released (core/register.ts). */
  desk: deskSchema.optional(),
  /** A volunteer releases each ballot on the tablet (PIN "next voter"); the station counts them. */
  attended: z.boolean().optional(),
  /** Each voter types or scans a single-use voting code (core/voting-codes.ts). */
  codes: z.boolean().optional(),
  /** Questions at the start of a ballot: age band and area (core/questions.ts). */
  questions: eligibilityQuestionsSchema.optional(),
  /** Optional equalities questions after the ballot, stored apart from ballots. */
  equalities: z.array(equalitiesQuestionSchema).max(4).optional(),
});

export const eventSchema = z
  .object({
    id: idSchema,
    name: nameText(200).min(1),
    /** ISO 4217 code, e.g. "GBP". */
    currency: z.string().regex(/^[A-Z]{3}$/),
    locale: z.string().min(2).max(35),
    /** Where voting happens ("Burnfoot Community Hall"), shown to voters and on results. */
    place: nameText(200).optional(),
    /** The first day of voting (YYYY-MM-DD), shown to people; never used to order ballots. */
    date: z.iso.date().optional(),
    /** The last day of voting when it runs over several days; absent means `date` only. */
    endDate: z.iso.date().optional(),
    /**
     * The languages a voter may choose, the event's own first: its texts are written in that one.
     * Absent means just the language of `locale`.
     */
    languages: z.array(languageTagSchema).min(1).max(20).optional(),
    /** Shown to voters on the welcome screen, in the event's first language. */
    welcome: longText(2000).optional(),
    /** Who may vote, shown to voters on the welcome screen. */
    eligibility: longText(2000).optional(),
    translations: translationsOf({
      name: nameText(200).min(1),
      welcome: longText(2000),
      eligibility: longText(2000),
    }),
    /** A ballot of one part. Exactly one of `method` and `sections` is given. */
    method: ballotMethodSchema.optional(),
    /** A ballot of several parts, shown one after another; see `ballotSections`. */
    sections: z.array(ballotSectionSchema).min(1).max(10).optional(),
    rule: ruleSchema,
    /** Absent means 'cheaper-first', the policy of every event made before it could be chosen. */
    tieBreak: tieBreakSchema.optional(),
    thresholds: thresholdsSchema.optional(),
    categories: z.array(categorySchema),
    /**
     * How voters are checked before they vote (docs/check-in.md); modes combine. Absent: anyone
     * at a station may start a ballot, as at a drop-in fun day with a volunteer watching.
     */
    checkIn: checkInSchema.optional(),
    /** In order of allocation: the first pot is filled first. */
    pots: z.array(potSchema).min(1).max(50),
    bids: z.array(bidSchema).min(1).max(5000),
  })
  .superRefine((event, ctx) => {
    // Each issue's message is an EventProblemCode and its params the facts (see schemaProblem).
    const issue = (
      path: string | (string | number)[],
      code: EventProblemCode,
      params: ProblemParams,
    ) => {
      const at = typeof path === 'string' ? [path] : path;
      ctx.addIssue({ code: 'custom', path: at, message: code, params });
    };
    const dup = (ids: string[], code: EventProblemCode, path: string) => {
      const seen = new Set<string>();
      for (const id of ids) {
        if (seen.has(id)) issue(path, code, { id });
        seen.add(id);
      }
    };
    dup(
      event.bids.map((b) => b.id),
      'duplicate-bid',
      'bids',
    );
    dup(
      event.pots.map((p) => p.id),
      'duplicate-pot',
      'pots',
    );
    dup(
      event.categories.map((c) => c.id),
      'duplicate-category',
      'categories',
    );
    const categories = new Set(event.categories.map((c) => c.id));
    const bids = new Set(event.bids.map((b) => b.id));
    const wards = new Set(event.bids.flatMap((b) => (b.ward === undefined ? [] : [b.ward])));
    for (const bid of event.bids) {
      for (const category of [bid.category, ...(bid.tags ?? [])]) {
        if (category !== undefined && !categories.has(category)) {
          issue('bids', 'unknown-category', { bid: bid.id, category });
        }
      }
    }
    /** Names in a pot's or section's list that the event does not have. */
    const unknown = {
      pots: ['pot-unknown-category', 'pot-unknown-bid', 'pot-unknown-ward'],
      sections: ['section-unknown-category', 'section-unknown-bid', 'section-unknown-ward'],
    } as const;
    const checkList = (
      path: keyof typeof unknown,
      owner: Record<string, string>,
      list: ListScope,
    ) => {
      const [category, bid, ward] = unknown[path];
      if (list.kind === 'categories') {
        for (const c of list.categories) {
          if (!categories.has(c)) issue(path, category, { ...owner, category: c });
        }
      }
      if (list.kind === 'bids') {
        for (const b of list.bids) if (!bids.has(b)) issue(path, bid, { ...owner, bid: b });
      }
      if (list.kind === 'wards') {
        for (const w of list.wards) if (!wards.has(w)) issue(path, ward, { ...owner, ward: w });
      }
    };
    event.pots.forEach((pot, index) => {
      checkList('pots', { pot: pot.id }, pot.eligible);
      if (pot.rollOverTo !== undefined) {
        const target = event.pots.findIndex((p) => p.id === pot.rollOverTo);
        if (target <= index) {
          issue('pots', 'roll-over-backwards', { pot: pot.id, target: pot.rollOverTo });
        }
      }
    });
    const checkMethod = (
      path: (string | number)[],
      m: BallotMethod,
      owner: Record<string, string> = {},
    ) => {
      if (m.kind === 'approval' && m.max !== null && m.max < m.min) {
        issue(path, 'approval-max-below-min', { ...owner, min: m.min, max: m.max });
      }
      if (m.kind === 'score' && m.max <= m.min) {
        issue(path, 'score-max-not-above-min', { ...owner, min: m.min, max: m.max });
      }
    };
    // An area weight names a ward some bid serves (the area question offers only those).
    for (const ward of Object.keys(event.checkIn?.questions?.area?.weights ?? {})) {
      if (!wards.has(ward)) {
        issue(['checkIn', 'questions', 'area', 'weights', ward], 'weight-unknown-ward', { ward });
      }
    }
    if (event.date !== undefined && event.endDate !== undefined && event.endDate < event.date) {
      issue('endDate', 'end-before-start', { date: event.date, endDate: event.endDate });
    }
    if ((event.method === undefined) === (event.sections === undefined)) {
      issue('method', 'method-or-sections', {});
    }
    if (event.method !== undefined) checkMethod(['method'], event.method);
    if (event.sections !== undefined) {
      dup(
        event.sections.map((section) => section.id),
        'duplicate-section',
        'sections',
      );
      for (const [index, section] of event.sections.entries()) {
        checkList('sections', { section: section.id }, section.scope);
        checkMethod(['sections', index, 'method'], section.method, { section: section.id });
        if (section.scope.kind === 'own-ward' && wards.size === 0) {
          issue('sections', 'section-no-wards', { section: section.id });
        } else if (bidsInScope(event, section.scope).length === 0) {
          issue('sections', 'section-empty', { section: section.id });
        }
      }
    }
  });

/** What a pot's eligibility and a section's scope have in common: lists checked the same way. */
type ListScope =
  | { kind: 'all' | 'own-ward' }
  | { kind: 'categories'; categories: string[] }
  | { kind: 'wards'; wards: string[] }
  | { kind: 'bids'; bids: string[] };

/** A ballot's answer to one method: the shape each section's part takes. */
export const methodChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approval'), bids: z.array(bidIdSchema).max(5000) }),
  z.object({ kind: z.literal('knapsack'), bids: z.array(bidIdSchema).max(5000) }),
  z.object({
    kind: z.literal('score'),
    /** `score: null` is an explicit "no opinion". */
    scores: z.array(z.object({ bid: bidIdSchema, score: z.int().nullable() })).max(5000),
  }),
  /** Most preferred first. */
  z.object({ kind: z.literal('ranking'), ranking: z.array(bidIdSchema).max(100) }),
  z.object({
    kind: z.literal('cumulative'),
    points: z.array(z.object({ bid: bidIdSchema, points: z.int().min(1) })).max(5000),
  }),
]);

/** A ballot with sections: one part per section, in the event's section order. */
export const sectionsChoiceSchema = z.object({
  kind: z.literal('sections'),
  parts: z
    .array(
      z.object({
        section: idSchema,
        /** For an `own-ward` section: the ward the voter chose. */
        ward: wardSchema.optional(),
        choice: methodChoiceSchema,
      }),
    )
    .max(10),
});

export const choiceSchema = z.discriminatedUnion('kind', [
  ...methodChoiceSchema.options,
  sectionsChoiceSchema,
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
  /** Keyed in by a volunteer from a paper ballot; absent: cast on the screen by the voter. */
  paper: z.literal(true).optional(),
  /**
   * The tag of the voting code the voter used (a salted slow hash, never the code itself; see
   * docs/check-in.md): what lets the tally keep a second use of one code apart.
   */
  code: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  /**
   * The voter's answer to the area question, only on an event that weights areas: what the tally
   * weights this ballot by (docs/check-in.md). Never the age band or any other answer.
   */
  area: wardSchema.optional(),
});

export type Category = z.infer<typeof categorySchema>;
export type Bid = z.infer<typeof bidSchema>;
export type PotEligibility = z.infer<typeof potEligibilitySchema>;
export type Pot = z.infer<typeof potSchema>;
export type BallotMethod = z.infer<typeof ballotMethodSchema>;
export type SectionScope = z.infer<typeof sectionScopeSchema>;
export type BallotSection = z.infer<typeof ballotSectionSchema>;
export type TieBreakPolicy = z.infer<typeof tieBreakSchema>;
export type MethodChoice = z.infer<typeof methodChoiceSchema>;
export type SectionsChoice = z.infer<typeof sectionsChoiceSchema>;
export type MethodKind = BallotMethod['kind'];
export type Rule = z.infer<typeof ruleSchema>;
export type Thresholds = z.infer<typeof thresholdsSchema>;
export type EventDefinition = z.infer<typeof eventSchema>;
export type Choice = z.infer<typeof choiceSchema>;
export type Ballot = z.infer<typeof ballotSchema>;
export type CheckIn = z.infer<typeof checkInSchema>;
export type EligibilityQuestions = z.infer<typeof eligibilityQuestionsSchema>;
export type AgeBand = z.infer<typeof ageBandSchema>;
export type EqualitiesQuestion = z.infer<typeof equalitiesQuestionSchema>;
export type Desk = z.infer<typeof deskSchema>;
export type DeskField = (typeof DESK_FIELDS)[number];
export type BidId = Bid['id'];
export type PotId = Pot['id'];

/**
 * What can be wrong with an event definition (or any value checked with these schemas). The
 * refinements above name their own code; zod's built-in checks are mapped by `schemaProblem`.
 * Params: every problem has {path} ("bids.3.amount", "" for the whole); duplicate-* {id};
 * unknown-category {bid, category}; pot-unknown-category {pot, category}; pot-unknown-bid
 * {pot, bid}; pot-unknown-ward {pot, ward}; section-unknown-category, section-unknown-bid and
 * section-unknown-ward {section, category|bid|ward}; section-empty and section-no-wards {section};
 * weight-unknown-ward {ward} (an area weight for a ward no bid serves);
 * method-or-sections {} (exactly one is needed); end-before-start {date, endDate};
 * approval-max-below-min and score-max-not-above-min in a section also have {section}; roll-over-backwards {pot, target}; approval-max-below-min and
 * score-max-not-above-min {min, max}; too-small {minimum}; too-big {maximum}.
 */
export const EVENT_PROBLEM_CODES = [
  'duplicate-bid',
  'duplicate-pot',
  'duplicate-category',
  'unknown-category',
  'pot-unknown-category',
  'pot-unknown-bid',
  'pot-unknown-ward',
  'duplicate-section',
  'section-unknown-category',
  'section-unknown-bid',
  'section-unknown-ward',
  'section-empty',
  'section-no-wards',
  'weight-unknown-ward',
  'method-or-sections',
  'end-before-start',
  'roll-over-backwards',
  'approval-max-below-min',
  'score-max-not-above-min',
  'bad-id',
  'too-small',
  'too-big',
  'bad-format',
  'bad-type',
  'bad-value',
  // A text people set (core/text/name.ts); worded as `problem.text.*` wherever it turns up.
  ...TEXT_PROBLEM_CODES,
] as const;
export type EventProblemCode = (typeof EVENT_PROBLEM_CODES)[number];
export type EventProblem = Problem<EventProblemCode>;

const isEventProblemCode = (text: string): text is EventProblemCode =>
  (EVENT_PROBLEM_CODES as readonly string[]).includes(text);

/** A zod issue from these schemas as a code with facts, never zod's English. */
export function schemaProblem(issue: z.core.$ZodIssue | undefined): EventProblem {
  if (issue === undefined) return problemOf('bad-value', { path: '' });
  const path = issue.path.map(String).join('.');
  const facts: Record<string, string | number> = { path };
  if (issue.code === 'custom') {
    for (const [key, value] of Object.entries(issue.params ?? {})) {
      if (typeof value === 'string' || typeof value === 'number') facts[key] = value;
    }
  }
  if (isEventProblemCode(issue.message)) return problemOf(issue.message, facts);
  if (issue.code === 'too_small') {
    return problemOf('too-small', { ...facts, minimum: Number(issue.minimum) });
  }
  if (issue.code === 'too_big') {
    return problemOf('too-big', { ...facts, maximum: Number(issue.maximum) });
  }
  if (issue.code === 'invalid_format') return problemOf('bad-format', facts);
  if (issue.code === 'invalid_type') return problemOf('bad-type', facts);
  return problemOf('bad-value', facts);
}
