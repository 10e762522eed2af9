/**
 * Eligibility questions (asked after the voter starts, before the bids), area weights, and the
 * optional equalities questions (asked after the ballot, stored apart from it). Pure: the station,
 * the server and the tally all use these. How and why: docs/check-in.md.
 */
import { ballotSections, eventWards } from './ballot-sections.ts';
import { AGE_BANDS } from './questions-constants.ts';
import { hiddenGroups, SUPPRESS_BELOW } from './small-groups.ts';
import type {
  AgeBand,
  Choice,
  EligibilityQuestions,
  EqualitiesQuestion,
  EventDefinition,
} from './schema.ts';

/** The event's eligibility questions, or undefined when it asks none. */
export function eligibilityQuestions(event: EventDefinition): EligibilityQuestions | undefined {
  const questions = event.checkIn?.questions;
  if (questions === undefined) return undefined;
  return questions.ageBand === undefined && questions.area === undefined ? undefined : questions;
}

/** The questions a voter is asked, in order: age band first, then area. */
export type EligibilityStep = 'age-band' | 'area';

export function eligibilitySteps(event: EventDefinition): EligibilityStep[] {
  const questions = eligibilityQuestions(event);
  const steps: EligibilityStep[] = [];
  if (questions?.ageBand !== undefined) steps.push('age-band');
  if (questions?.area !== undefined && eventWards(event).length > 0) steps.push('area');
  return steps;
}

/** Whether some part of the ballot is over the voter's own ward (the area answer fills it). */
export function hasOwnWardPart(event: EventDefinition): boolean {
  return ballotSections(event).some((section) => section.scope.kind === 'own-ward');
}

/**
 * Whether the voter must answer (no "prefer not to say"). The area question is required when it
 * answers an own-ward part: that part cannot be shown without a ward, and asking twice is worse.
 */
export function questionRequired(event: EventDefinition, step: EligibilityStep): boolean {
  const questions = eligibilityQuestions(event);
  if (step === 'age-band') return questions?.ageBand?.required === true;
  return questions?.area?.required === true || hasOwnWardPart(event);
}

/** Whether a voter who gives `band` may vote (true when the event sets no minimum). */
export function oldEnough(event: EventDefinition, band: AgeBand): boolean {
  const minimum = eligibilityQuestions(event)?.ageBand?.minimum;
  return minimum === undefined || AGE_BANDS.indexOf(band) >= AGE_BANDS.indexOf(minimum);
}

/** Whether ballots carry the area answer: only when the event weights some area. */
export function weightsAreas(event: EventDefinition): boolean {
  return Object.keys(event.checkIn?.questions?.area?.weights ?? {}).length > 0;
}

/**
 * Weights as integers: a ballot of area `a` counts `units(a)` where one ordinary ballot counts
 * `scale`. Weights are decimals of up to 3 places, so in thousandths they are integers; dividing
 * them all (and 1000, an ordinary ballot) by their greatest common divisor keeps the integers
 * small. With no weights `scale` is 1 and every ballot counts 1: exactly the unweighted tally.
 */
export interface AreaWeights {
  /** What one unweighted ballot counts, in units. */
  readonly scale: number;
  units(area: string | undefined): number;
}

export const UNWEIGHTED: AreaWeights = { scale: 1, units: () => 1 };

/** "1.5" → 1500; a weight the schema let through is always 1 to 100 000 thousandths. */
export function thousandths(weight: string): number {
  const [whole = '0', fraction = ''] = weight.split('.');
  return Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export function areaWeights(event: EventDefinition): AreaWeights {
  const weights = event.checkIn?.questions?.area?.weights ?? {};
  const entries = Object.entries(weights).map(([area, w]) => [area, thousandths(w)] as const);
  if (entries.length === 0) return UNWEIGHTED;
  const divisor = entries.reduce((g, [, t]) => gcd(g, t), 1000);
  const scale = 1000 / divisor;
  const byArea = new Map(entries.map(([area, t]) => [area, t / divisor]));
  return {
    scale,
    units: (area) => (area === undefined ? scale : (byArea.get(area) ?? scale)),
  };
}

/**
 * `units ÷ scale` as an exact decimal string ("7.5", "12", "0.333…" never: scale divides a power
 * of ten's multiple, 1000, so every value has at most 3 places). For showing weighted support.
 */
export function unitsAsDecimal(units: number, scale: number): string {
  const thousandthsOf = (units * 1000) / scale;
  const whole = Math.trunc(thousandthsOf / 1000);
  const rest = thousandthsOf - whole * 1000;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(3, '0').replace(/0+$/, '')}`;
}

/** Each equalities question's answers, in the order a voter sees them; always skippable. */
export const EQUALITIES_ANSWERS = {
  'age-band': [...AGE_BANDS, 'prefer-not-to-say'],
  disability: ['yes', 'no', 'prefer-not-to-say'],
  // The five broad groups of the 2021 census in England and Wales (Scotland's differ in detail).
  ethnicity: ['asian', 'black', 'mixed', 'white', 'other', 'prefer-not-to-say'],
  gender: ['woman', 'man', 'another-way', 'prefer-not-to-say'],
} as const satisfies Record<EqualitiesQuestion, readonly string[]>;

export type EqualitiesAnswers = Partial<Record<EqualitiesQuestion, string>>;

/**
 * One voter's equalities answers as stored and sent: a random id, the event, the answers given.
 * Nothing else — no station, no time, no ballot id — so it cannot be joined to a ballot.
 */
export interface EqualitiesRecord {
  id: string;
  eventId: string;
  answers: EqualitiesAnswers;
}

/** The answers kept from what a voter gave: known questions the event asks, known answers. */
export function cleanAnswers(event: EventDefinition, given: EqualitiesAnswers): EqualitiesAnswers {
  const asked = new Set(event.checkIn?.equalities ?? []);
  const kept: EqualitiesAnswers = {};
  for (const [question, answers] of Object.entries(EQUALITIES_ANSWERS)) {
    const q = question as EqualitiesQuestion;
    const answer = given[q];
    if (answer !== undefined && asked.has(q) && (answers as readonly string[]).includes(answer)) {
      kept[q] = answer;
    }
  }
  return kept;
}

export { SUPPRESS_BELOW };

/** One answer's count, or `suppressed` when fewer than SUPPRESS_BELOW gave it (but some did). */
export type EqualitiesCount =
  { answer: string; count: number } | { answer: string; suppressed: true };

export interface EqualitiesSummary {
  /** Records received (voters who answered at least one question). */
  responses: number | 'suppressed';
  questions: {
    question: EqualitiesQuestion;
    counts: EqualitiesCount[];
    skipped: EqualitiesCount;
  }[];
}

/**
 * Counts per question and answer for the inclusion report. Any group of 1 to 9 is suppressed; a
 * group of 0 shows 0; when a question has just one such group, its next smallest group is
 * suppressed too, so no one can subtract their way to it. "Skipped" counts those who answered
 * something else but not this question. When fewer than 10 responded at all, nothing is shown.
 */
export function summariseEqualities(
  questions: readonly EqualitiesQuestion[],
  records: readonly EqualitiesAnswers[],
): EqualitiesSummary {
  return {
    responses:
      records.length < SUPPRESS_BELOW && records.length > 0 ? 'suppressed' : records.length,
    questions: questions.map((question) => {
      const tally = new Map<string, number>();
      let skipped = 0;
      for (const record of records) {
        const answer = record[question];
        if (answer === undefined) skipped += 1;
        else tally.set(answer, (tally.get(answer) ?? 0) + 1);
      }
      const groups = [
        ...EQUALITIES_ANSWERS[question].map((answer) => [answer, tally.get(answer) ?? 0] as const),
        ['skipped', skipped] as const,
      ];
      // Small groups hidden (core/small-groups.ts); the groups add up to the responses.
      const hidden = hiddenGroups(groups.map(([, n]) => n));
      const counts = groups.map(([answer, count], i): EqualitiesCount =>
        hidden.has(i) ? { answer, suppressed: true } : { answer, count },
      );
      const skippedCount = counts.pop() ?? { answer: 'skipped', count: 0 };
      return { question, counts, skipped: skippedCount };
    }),
  };
}

/**
 * The area a ballot carries: none unless the event weights areas. An own-ward part's ward wins
 * over the area question's answer: the voter may have changed it on that part, and the ward they
 * chose bids in is the one they said they live in.
 */
export function ballotArea(
  event: EventDefinition,
  choice: Choice,
  answered: string | null,
): string | undefined {
  if (!weightsAreas(event)) return undefined;
  const ward = choice.kind === 'sections' ? choice.parts.find((p) => p.ward)?.ward : undefined;
  return ward ?? answered ?? undefined;
}
