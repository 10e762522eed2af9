/**
 * The codes a ballot can fail with, apart from the checks that return them (ballot.ts): the voter's
 * first screen and the catalogue need the codes, not the checks, which load when a ballot is made.
 */
import type { Problem } from './problem.ts';

/** Every code a ballot can fail with (the protocol's rejection codes include them all). */
export const BALLOT_PROBLEM_CODES = [
  'wrong-event',
  'wrong-method',
  'unknown-bid',
  'repeated-bid',
  'too-few',
  'too-many',
  'over-limit',
  'score-out-of-range',
  'missing-score',
  'points-over-total',
  'points-over-bid-limit',
  'wrong-sections',
  'missing-ward',
  'unknown-ward',
] as const;
export type BallotProblemCode = (typeof BALLOT_PROBLEM_CODES)[number];

/**
 * Params by code: wrong-event {ballotEvent, event}; wrong-method {method, kind}; unknown-bid and
 * repeated-bid {bid}; too-few {min}; too-many {max, method} ("approval" or "ranking");
 * score-out-of-range {min, max}; points-over-total {points}; points-over-bid-limit {max};
 * wrong-sections {expected} (the section ids in order, comma-separated); missing-ward {};
 * unknown-ward {ward} (also a ballot's `area` that is not one of the event's wards). A problem inside one part of a ballot with sections also has {section}.
 */
export type BallotProblem = Problem<BallotProblemCode>;
