/**
 * A problem from the tally server (or from reaching it), in the organiser's language. The
 * organiser's client has a few codes of its own (the server could not be reached, or something
 * else answered); everything the server says is a code with facts, worded by the shared problems
 * catalogue (src/app/i18n/problems.ts), its cause included (a refused file's bad line). The
 * server's English `message` is for logs and is never shown.
 */
import type { ApiProblem } from '../api.ts';
import { describeProblem, type ProblemArea } from '../../i18n/problems.ts';
import { useT, type Translate } from '../../i18n/react.tsx';

/** Codes the organiser's own catalogue words: the client's own, and one it can say more about. */
const OWN_PROBLEM_KEYS: Partial<Record<string, string>> = {
  unreachable: 'organiser.problem.unreachable',
  'bad-response': 'organiser.problem.bad-response',
  'http-error': 'organiser.problem.http-error',
  // The results screen's count in a Web Worker failed (results/count-in-worker.ts).
  'count-failed': 'organiser.problem.count-failed',
  // The shared words cannot name the other event; the server's facts can.
  'other-event-file': 'organiser.problem.other-event-file',
  // The signed-in role may not do this, or not before the count is final (core/roles.ts).
  forbidden: 'organiser.problem.forbidden',
  'not-final-yet': 'organiser.problem.not-final-yet',
};

export function problemWords(t: Translate, problem: ApiProblem, area: ProblemArea = 'api'): string {
  const own = area === 'api' ? OWN_PROBLEM_KEYS[problem.code] : undefined;
  if (own !== undefined && (problem.code !== 'other-event-file' || problem.params !== undefined)) {
    return t(own, problem.params);
  }
  return describeProblem(t, area, problem);
}

/**
 * The problem's words as inline text. `area` is where the code comes from: the server's refusals
 * by default, or e.g. 'rejection' for why a ballot was kept apart.
 */
export function ProblemText({ problem, area }: { problem: ApiProblem; area?: ProblemArea }) {
  const t = useT();
  return <>{problemWords(t, problem, area)}</>;
}
