/**
 * How the lower layers (core, db, sync) say what went wrong: a stable code and the facts a sentence
 * needs, never the sentence itself. The app words a problem through the message catalogue
 * (`problem.<area>.<code>` in src/app/i18n/locales/*\/problems.po); the command line and the
 * server's logs through their own English formatter (src/cli/english). So a Welsh volunteer and an
 * English log read the same problem, each in their own words.
 */

/** What a sentence may interpolate: ids, counts, line numbers, shares (0–1), host names. */
export type ProblemParams = Readonly<Record<string, string | number>>;

export interface Problem<Code extends string = string> {
  readonly code: Code;
  /** Always present (maybe empty), so a formatter never has to ask. */
  readonly params: ProblemParams;
  /** The problem beneath this one, worded first and put into this one's sentence. */
  readonly cause?: Problem;
}

export const problemOf = <Code extends string>(
  code: Code,
  params: ProblemParams = {},
  cause?: Problem,
): Problem<Code> => (cause === undefined ? { code, params } : { code, params, cause });

/**
 * The code and facts on one line, for a log or a protocol field where no formatter is at hand:
 * "invalid-ballot line=5 < unknown-bid bid=zzz". Not for people's screens.
 */
export function problemSummary(problem: Problem): string {
  const facts = Object.entries(problem.params).map(([key, value]) => `${key}=${value}`);
  const own = [problem.code, ...facts].join(' ');
  return problem.cause === undefined ? own : `${own} < ${problemSummary(problem.cause)}`;
}
