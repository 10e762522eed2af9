/**
 * The ballot step for each method kind. The voter flow knows nothing about methods beyond this
 * table: to support a new kind, write an editor and put it here. A kind mapped to `null` (or whose
 * `supports` says no) makes the station say it cannot take this event's ballots, instead of
 * showing a ballot it cannot fill in.
 *
 * Every sentence here is worded by the catalogue (voter.po) in the voter's language: the editors
 * get `t` and the formatters, never English.
 */
import type { ComponentType } from 'react';
import { knapsackLimit } from '../../../core/ballot.ts';
import type {
  BallotMethod,
  Bid,
  BidId,
  Choice,
  EventDefinition,
  MethodKind,
} from '../../../core/schema.ts';
import type { Formatters, Translate } from '../../i18n/react.tsx';
import { CUMULATIVE_EDITOR } from './CumulativeEditor.tsx';
import { RANKING_EDITOR } from './RankingEditor.tsx';
import { ScoreEditor, scoreReviewLines } from './ScoreEditor.tsx';
import { SelectionEditor, selectionReviewLines } from './SelectionEditor.tsx';
import './editors.css';

/** What a method needs to word its sentences in the voter's language. */
export interface Words {
  t: Translate;
  f: Formatters;
}

export interface EditorProps {
  event: EventDefinition;
  /** In this ballot's shuffled order. */
  bids: Bid[];
  choice: Choice;
  onChange: (choice: Choice) => void;
}

export interface ReviewLine {
  bid: Bid;
  /** What the voter gave it beyond choosing it, e.g. "Score: 4". */
  detail?: string;
}

export interface MethodEditor {
  /** One plain sentence (or two) saying what to do on the ballot. */
  instructions: (event: EventDefinition, words: Words) => string;
  emptyChoice: () => Choice;
  Editor: ComponentType<EditorProps>;
  reviewLines: (choice: Choice, bids: ReadonlyMap<BidId, Bid>, words: Words) => ReviewLine[];
  /** For settings this editor cannot show well; absent means every setting is fine. */
  supports?: (method: BallotMethod) => boolean;
}

function approvalInstructions(event: EventDefinition, { t, f }: Words): string {
  const m = event.method;
  if (m.kind !== 'approval') return '';
  if (m.max === null)
    return t('voter.instructions.approval.at-least', { count: Math.max(m.min, 1) });
  if (m.min === m.max) return t('voter.instructions.approval.exactly', { count: m.max });
  if (m.min === 0) return t('voter.instructions.approval.up-to', { count: m.max });
  return t('voter.instructions.approval.range', { min: f.number(m.min), max: m.max });
}

/** Radio buttons stay usable up to about eleven options a row; wider scales need another editor. */
const MAX_SCORE_OPTIONS = 11;

export const METHOD_EDITORS: Record<MethodKind, MethodEditor | null> = {
  approval: {
    instructions: approvalInstructions,
    emptyChoice: () => ({ kind: 'approval', bids: [] }),
    Editor: SelectionEditor,
    reviewLines: selectionReviewLines,
  },
  knapsack: {
    instructions: (event, { t, f }) =>
      t('voter.instructions.knapsack', { limit: f.money(knapsackLimit(event), event.currency) }),
    emptyChoice: () => ({ kind: 'knapsack', bids: [] }),
    Editor: SelectionEditor,
    reviewLines: selectionReviewLines,
  },
  score: {
    instructions: (event, { t, f }) => {
      const m = event.method;
      if (m.kind !== 'score') return '';
      const main = t('voter.instructions.score', { min: f.number(m.min), max: f.number(m.max) });
      return m.allowNoOpinion ? `${main} ${t('voter.instructions.score.skip')}` : main;
    },
    emptyChoice: () => ({ kind: 'score', scores: [] }),
    Editor: ScoreEditor,
    reviewLines: scoreReviewLines,
    supports: (m) => m.kind === 'score' && m.max - m.min + 1 <= MAX_SCORE_OPTIONS,
  },
  ranking: RANKING_EDITOR,
  cumulative: CUMULATIVE_EDITOR,
};

/** The editor for this event's method, or null if this station cannot take its ballots. */
export function editorFor(event: EventDefinition): MethodEditor | null {
  const editor = METHOD_EDITORS[event.method.kind];
  if (!editor || (editor.supports && !editor.supports(event.method))) return null;
  return editor;
}
