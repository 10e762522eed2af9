/**
 * A problem from the tally server (or from reaching it), in the organiser's language. The words
 * for a code come from the catalogue: the organiser's own (`organiser.problem.…`) or the shared
 * ones for codes the lower layers return (`problem.<area>.<code>`, problems.po), with the facts
 * the server sent. Only when the catalogue has none is the server's own English detail shown,
 * marked as English so a screen reader reads it with the right voice.
 */
import type { ApiProblem } from '../api.ts';
import { formattersFor, useT, type Translate } from '../../i18n/react.tsx';
import { useLingui } from '@lingui/react';

export interface ProblemWords {
  text: string;
  /** Set when the words are not in the active language (the server's own English). */
  lang?: string;
}

/** Codes the organiser's own catalogue words (the client's own, and the server's generic ones). */
const OWN_PROBLEM_KEYS: Partial<Record<string, string>> = {
  'wrong-password': 'organiser.problem.wrong-password',
  unreachable: 'organiser.problem.unreachable',
  'bad-response': 'organiser.problem.bad-response',
  'http-error': 'organiser.problem.http-error',
  'rate-limited': 'organiser.problem.rate-limited',
  'server-error': 'organiser.problem.server-error',
  'storage-failed': 'organiser.problem.storage-failed',
  'payload-too-large': 'organiser.problem.payload-too-large',
  'not-found': 'organiser.problem.not-found',
  'other-event-file': 'organiser.problem.other-event-file',
  'event-not-open': 'organiser.problem.event-not-open',
  'event-final': 'organiser.problem.event-final',
};

/** The server's sentences are written in English (src/server). */
const SERVER_LANGUAGE = 'en';

function known(
  t: Translate,
  key: string,
  values: Readonly<Record<string, string | number>> | undefined,
): string | null {
  const text = t(key, values);
  return text === key ? null : text;
}

/** A station's tally file the server refused: the line, what was wrong with it, and that nothing changed. */
function invalidFile(t: Translate, problem: ApiProblem, locale: string): string {
  const line = problem.params?.['line'];
  const head =
    typeof line === 'number'
      ? t('organiser.problem.invalid-file-line', { line: formattersFor(locale).number(line) })
      : t('organiser.problem.invalid-file');
  const cause =
    problem.cause === undefined
      ? null
      : known(t, `problem.tally-file.${problem.cause.code}`, problem.cause.params);
  return [head, cause, t('organiser.problem.nothing-imported')].filter(Boolean).join(' ');
}

export function problemWords(t: Translate, problem: ApiProblem, locale: string): ProblemWords {
  if (problem.code === 'invalid-file') return { text: invalidFile(t, problem, locale) };
  const ownKey = OWN_PROBLEM_KEYS[problem.code];
  if (ownKey !== undefined) return { text: t(ownKey, problem.params) };
  // Codes the server shares with the lower layers (a ballot's problem, an event's state…).
  const shared = known(t, `problem.api.${problem.code}`, problem.params);
  if (shared !== null) return { text: shared };
  if (problem.message !== undefined) {
    return locale.startsWith(SERVER_LANGUAGE)
      ? { text: problem.message }
      : { text: problem.message, lang: SERVER_LANGUAGE };
  }
  return { text: t('organiser.problem.unknown', { code: problem.code }) };
}

export function useProblemWords(): (problem: ApiProblem) => ProblemWords {
  const t = useT();
  const { i18n } = useLingui();
  return (problem) => problemWords(t, problem, i18n.locale);
}

/** The problem's words as inline text. */
export function ProblemText({ problem }: { problem: ApiProblem }) {
  const { text, lang } = useProblemWords()(problem);
  return lang === undefined ? <>{text}</> : <span lang={lang}>{text}</span>;
}

/**
 * A problem returned by src/core (a code with facts), worded from problems.po as
 * `problem.<area>.<code>`; null when the catalogue has no words for it, so the caller's own
 * sentence stands alone rather than showing a code.
 */
export function useCoreProblemText(): (
  area: string,
  problem: { code: string; params?: Readonly<Record<string, string | number>> },
) => string | null {
  const t = useT();
  return (area, problem) => known(t, `problem.${area}.${problem.code}`, problem.params);
}
