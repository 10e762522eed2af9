/**
 * The ballot step for each method kind. The voter flow knows nothing about methods beyond this
 * table: to support a new kind, write an editor and put it here. A kind mapped to `null` (or whose
 * `supports` says no) makes the station say it cannot take this event's ballots, instead of
 * showing a ballot it cannot fill in.
 */
import type { ComponentType } from 'react';
import { formatMoney } from '../../../core/money.ts';
import { knapsackLimit } from '../../../core/ballot.ts';
import type {
  BallotMethod,
  Bid,
  BidId,
  Choice,
  EventDefinition,
  MethodKind,
} from '../../../core/schema.ts';
import { CUMULATIVE_EDITOR } from './CumulativeEditor.tsx';
import { RANKING_EDITOR } from './RankingEditor.tsx';
import { ScoreEditor, scoreReviewLines } from './ScoreEditor.tsx';
import { SelectionEditor, selectionReviewLines } from './SelectionEditor.tsx';

export interface EditorProps {
  event: EventDefinition;
  /** In this ballot's shuffled order. */
  bids: Bid[];
  choice: Choice;
  onChange: (choice: Choice) => void;
}

export interface ReviewLine {
  bid: Bid;
  /** What the voter gave it beyond choosing it, e.g. "Score: 4 out of 5". */
  detail?: string;
}

export interface MethodEditor {
  /** One plain sentence saying what to do on the ballot. */
  instructions: (event: EventDefinition) => string;
  emptyChoice: () => Choice;
  Editor: ComponentType<EditorProps>;
  reviewLines: (choice: Choice, bids: ReadonlyMap<BidId, Bid>) => ReviewLine[];
  /** For settings this editor cannot show well; absent means every setting is fine. */
  supports?: (method: BallotMethod) => boolean;
}

const projects = (n: number) => (n === 1 ? '1 project' : `${n} projects`);

function approvalInstructions(event: EventDefinition): string {
  const m = event.method;
  if (m.kind !== 'approval') return '';
  if (m.max === null) return `Choose ${projects(Math.max(m.min, 1))} or more.`;
  if (m.min === m.max) return `Choose ${projects(m.max)}.`;
  if (m.min === 0) return `Choose up to ${projects(m.max)}.`;
  return `Choose ${m.min} to ${projects(m.max)}.`;
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
    instructions: (event) =>
      `Choose the projects you would fund, up to ${formatMoney(knapsackLimit(event), event.currency, event.locale)} in total.`,
    emptyChoice: () => ({ kind: 'knapsack', bids: [] }),
    Editor: SelectionEditor,
    reviewLines: selectionReviewLines,
  },
  score: {
    instructions: (event) => {
      const m = event.method;
      if (m.kind !== 'score') return '';
      const skip = m.allowNoOpinion ? ' You can skip any you have no opinion on.' : '';
      return `Give each project a score from ${m.min} (lowest) to ${m.max} (highest).${skip}`;
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
