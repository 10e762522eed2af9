/**
 * Words for a problem that a lower layer (db, sync) returned. One place, so the station words every
 * problem the same way while those layers move from English sentences to codes with parameters.
 */
import type { ProblemParams } from '../../core/problem.ts';

export interface ReportedProblem {
  code: string;
  params?: ProblemParams;
  /** Older problems (and rows stored before codes) may still carry an English sentence. */
  message?: string;
}

export function problemText(problem: ReportedProblem): string {
  return problem.message ?? problem.code;
}
