/** What reading a Pabulib (.pb) file gives, and how it can fail. Format: pabulib.org/format. */
import type { Problem } from '../problem.ts';
import type { Ballot, BallotMethod, EventDefinition } from '../schema.ts';
import type { ReadVotes } from './votes.ts';

export interface PabulibInstance {
  /** One event with one pot holding the file's budget; every project is a bid. */
  event: EventDefinition;
  ballots: Ballot[];
  /** Ids of the official winners, from a `selected` column in PROJECTS, when the file has one. */
  selected?: string[];
  /** The META section as written, key by key. */
  meta: Record<string, string>;
  /** Voters left out, each with the reason as a code. */
  skipped: SkippedVoter[];
}

/**
 * A file read without making its ballots (`readPabulib`): the instance but for `ballots`, and the
 * votes as the reader keeps them (votes.ts), which `pabulibBallots` and `pabulibProfile` read.
 */
export interface PabulibRead extends Omit<PabulibInstance, 'ballots'> {
  votes: ReadVotes;
  /** The event's one ballot method (`event.method`, which a Pabulib event always has). */
  method: BallotMethod;
}

/**
 * A voter left out: no-voter-id; repeated-voter; unknown-project {project}; points-count
 * {projects, points}; bad-points. Every one has {line}.
 */
export type SkipCode =
  'no-voter-id' | 'repeated-voter' | 'unknown-project' | 'points-count' | 'bad-points';
export const SKIP_CODES: readonly SkipCode[] = [
  'no-voter-id',
  'repeated-voter',
  'unknown-project',
  'points-count',
  'bad-points',
];

export interface SkippedVoter extends Problem<SkipCode> {
  voterId: string;
  line: number;
}

export type PabulibProblemCode =
  | 'empty'
  | 'missing-section'
  | 'missing-column'
  | 'bad-row'
  | 'bad-number'
  | 'bad-id'
  | 'duplicate-project'
  | 'unsupported'
  | 'invalid-event';

export const PABULIB_PROBLEM_CODES: readonly PabulibProblemCode[] = [
  'empty',
  'missing-section',
  'missing-column',
  'bad-row',
  'bad-number',
  'bad-id',
  'duplicate-project',
  'unsupported',
  'invalid-event',
];

/**
 * Params by code (with {line} whenever one line is to blame): missing-section {kind: before-any}
 * or {kind: missing, section}; missing-column {section, column}; bad-row {kind: quote} or
 * {kind: second-section, section}; bad-number {kind: budget, budget} or {kind: cost, cost,
 * project}; bad-id and duplicate-project {project}; unsupported {kind: vote-type, voteType},
 * {kind: project-count, count, max}, {kind: knapsack-limit, limit}, or {kind: too-many-points |
 * negative-scores | scores-over-100 | long-rankings}; invalid-event: the schema problem is the cause.
 */
export interface PabulibProblem extends Problem<PabulibProblemCode> {
  /** 1-based line in the file, when the problem sits on one line. */
  line?: number;
}
