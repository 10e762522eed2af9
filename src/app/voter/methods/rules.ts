/**
 * What the voter's first screen needs to know of each method, without its editor: the sentence
 * saying what to do, an empty answer, and whether this station can show a ballot of it. The
 * editors themselves (registry.ts) load after the first screen.
 *
 * Every sentence is worded by the catalogue (voter.po) in the voter's language.
 */
import { knapsackLimit } from '../../../core/knapsack-limit.ts';
import type {
  BallotMethod,
  EventDefinition,
  MethodChoice,
  MethodKind,
} from '../../../core/schema.ts';
import type { Formatters, Translate } from '../../i18n/react.tsx';

/** What a method needs to word its sentences in the voter's language. */
export interface Words {
  t: Translate;
  f: Formatters;
}

/**
 * The event as one part of the ballot sees it (`sectionEvent`): that part's method over the bids
 * in its scope. A ballot of one part is the event itself.
 */
export type PartEvent = EventDefinition & { method: BallotMethod };

export interface MethodRules {
  /** One plain sentence (or two) saying what to do on the ballot. */
  instructions: (event: PartEvent, words: Words) => string;
  emptyChoice: () => MethodChoice;
  /** For settings this station cannot show well; absent means every setting is fine. */
  supports?: (method: BallotMethod) => boolean;
}

/** Radio buttons stay usable up to about eleven options a row; wider scales need another editor. */
const MAX_SCORE_OPTIONS = 11;
/** One tap per point: beyond this many, tapping "+" gets tiring and another editor is needed. */
const MAX_STEPPER_POINTS = 20;

/** The places a voter can actually fill: an event may allow more ranks than it has projects. */
export function rankingPlaces(event: PartEvent): number {
  const m = event.method;
  return m.kind === 'ranking' ? Math.min(m.maxRanks, event.bids.length) : 0;
}

export const METHOD_RULES: Record<MethodKind, MethodRules> = {
  approval: {
    instructions: ({ method: m }, { t, f }) => {
      if (m.kind !== 'approval') return '';
      if (m.max === null)
        return t('voter.instructions.approval.at-least', { count: Math.max(m.min, 1) });
      if (m.min === m.max) return t('voter.instructions.approval.exactly', { count: m.max });
      if (m.min === 0) return t('voter.instructions.approval.up-to', { count: m.max });
      return t('voter.instructions.approval.range', { min: f.number(m.min), max: m.max });
    },
    emptyChoice: () => ({ kind: 'approval', bids: [] }),
  },
  knapsack: {
    instructions: (event, { t, f }) =>
      t('voter.instructions.knapsack', { limit: f.money(knapsackLimit(event), event.currency) }),
    emptyChoice: () => ({ kind: 'knapsack', bids: [] }),
  },
  score: {
    instructions: ({ method: m }, { t, f }) => {
      if (m.kind !== 'score') return '';
      const main = t('voter.instructions.score', { min: f.number(m.min), max: f.number(m.max) });
      return m.allowNoOpinion ? `${main} ${t('voter.instructions.score.skip')}` : main;
    },
    emptyChoice: () => ({ kind: 'score', scores: [] }),
    supports: (m) => m.kind === 'score' && m.max - m.min + 1 <= MAX_SCORE_OPTIONS,
  },
  ranking: {
    instructions: (event, { t }) => {
      const places = rankingPlaces(event);
      if (places === 1) return t('voter.instructions.ranking.one');
      return t('voter.instructions.ranking', { count: places });
    },
    emptyChoice: () => ({ kind: 'ranking', ranking: [] }),
  },
  cumulative: {
    instructions: ({ method: m }, { t }) => {
      if (m.kind !== 'cumulative') return '';
      const main = t('voter.instructions.cumulative', { count: m.points });
      if (m.maxPerBid >= m.points) return main;
      return `${main} ${t('voter.instructions.cumulative.cap', { count: m.maxPerBid })}`;
    },
    emptyChoice: () => ({ kind: 'cumulative', points: [] }),
    supports: (m) => m.kind === 'cumulative' && m.points <= MAX_STEPPER_POINTS,
  },
};

/** The rules of a method, or null if this station cannot take ballots of it. */
export function rulesFor(method: BallotMethod): MethodRules | null {
  const rules = METHOD_RULES[method.kind];
  return rules.supports && !rules.supports(method) ? null : rules;
}
