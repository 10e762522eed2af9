/**
 * The ballot step for each method kind. The voter flow knows nothing about methods beyond this
 * table and rules.ts: to support a new kind, write an editor and put it in both. This module and
 * the editors load after the voter's first screen (see BallotSteps.tsx).
 *
 * Every sentence here is worded by the catalogue (voter.po) in the voter's language: the editors
 * get `t` and the formatters, never English.
 */
import type { ComponentType } from 'react';
import type { Bid, BidId, MethodChoice, MethodKind } from '../../../core/schema.ts';
import { CumulativeEditor, cumulativeReviewLines } from './CumulativeEditor.tsx';
import { RankingEditor, rankingReviewLines } from './RankingEditor.tsx';
import type { PartEvent, Words } from './rules.ts';
import { ScoreEditor, scoreReviewLines } from './ScoreEditor.tsx';
import { SelectionEditor, selectionReviewLines } from './SelectionEditor.tsx';
import './editors.css';

export type { PartEvent, Words } from './rules.ts';

export interface EditorProps {
  event: PartEvent;
  /** In this ballot's shuffled order. */
  bids: Bid[];
  choice: MethodChoice;
  onChange: (choice: MethodChoice) => void;
}

export interface ReviewLine {
  bid: Bid;
  /** What the voter gave it beyond choosing it, e.g. "Score: 4". */
  detail?: string;
}

export interface MethodEditor {
  Editor: ComponentType<EditorProps>;
  reviewLines: (choice: MethodChoice, bids: ReadonlyMap<BidId, Bid>, words: Words) => ReviewLine[];
}

export const METHOD_EDITORS: Record<MethodKind, MethodEditor> = {
  approval: { Editor: SelectionEditor, reviewLines: selectionReviewLines },
  knapsack: { Editor: SelectionEditor, reviewLines: selectionReviewLines },
  score: { Editor: ScoreEditor, reviewLines: scoreReviewLines },
  ranking: { Editor: RankingEditor, reviewLines: rankingReviewLines },
  cumulative: { Editor: CumulativeEditor, reviewLines: cumulativeReviewLines },
};
