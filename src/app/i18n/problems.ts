/**
 * Words for the codes the lower layers return (core, db, sync, and the tally server's errors), from
 * the `problems` catalogue: a problem of area A with code C is the message `problem.A.C`, given the
 * problem's params. A problem with a cause (the server's reason under a refused sync, the ballot
 * problem under a bad line of a tally file) is its own sentence followed by its cause's.
 *
 * Keys are built from codes, so the catalogue's tests check them against the code lists
 * (tests/unit/catalogue.test.ts): every code has words, and every word has a code.
 */
import { useCallback } from 'react';
import { BALLOT_PROBLEM_CODES } from '../../core/ballot-problems.ts';
import type { ProblemParams } from '../../core/problem.ts';
import { isTextProblemCode } from '../../core/text/text-problems.ts';
import type { Exclusion, TieRecord } from '../../core/tally/types.ts';
import { i18n } from './catalogue.ts';
import { useT, type Translate } from './react.tsx';

/**
 * Where a problem came from, which is also its catalogue area. `cast` and `rejection` hold ballot
 * problems too (worded as `problem.ballot.*`).
 */
export type ProblemArea =
  /** core/ballot.ts: a choice that breaks the event's rules. */
  | 'ballot'
  /** db/ballot-repo.ts: casting (a ballot problem, or the station's). */
  | 'cast'
  /** core/schema.ts (schemaProblem) and core/event-check.ts: an event definition. */
  | 'event'
  /** core/tally-file: reading or verifying a tally file. */
  | 'tally-file'
  /** db/station-repo.ts: the station's set-up form. */
  | 'set-up'
  /** db/station-repo.ts: the volunteer PIN. */
  | 'pin'
  /** sync/join.ts and sync/server-url.ts: joining an event. */
  | 'join'
  /** sync/export.ts: saving a station's ballots to a file. */
  | 'export'
  /** sync/problems.ts: why a sync did not go through. */
  | 'sync'
  /** core/protocol.ts API_ERROR_CODES: the tally server's refusals. */
  | 'api'
  /** core/protocol.ts REJECTION_CODES: why the server kept a ballot apart. */
  | 'rejection'
  /** core/tally: why a threshold ruled a bid out. */
  | 'exclusion'
  /** core/text/name.ts: a name or text someone set; worded the same from every area. */
  | 'text'
  /** sync/transfer: a camera transfer (moving QR code) refused. */
  | 'transfer'
  /** sync/transfer/ack.ts: the organiser's receipt, as a station reads it. */
  | 'transfer-ack';

/** Codes worded under another area's keys: a ballot's problems keep their own words everywhere. */
const BALLOT_CODES = new Set<string>(BALLOT_PROBLEM_CODES);

/** The catalogue key for a code of an area. */
export function problemKey(area: ProblemArea, code: string): string {
  if ((area === 'cast' || area === 'rejection') && BALLOT_CODES.has(code)) {
    return `problem.ballot.${code}`;
  }
  if (isTextProblemCode(code)) return `problem.text.${code}`;
  return `problem.${area}.${code}`;
}

/** The area of a problem's cause, which follows from the problem's own area. */
const CAUSE_AREA: Partial<Record<ProblemArea, ProblemArea>> = {
  join: 'api',
  sync: 'api',
  api: 'tally-file',
  transfer: 'tally-file',
};

function causeArea(area: ProblemArea, code: string): ProblemArea {
  if (area === 'tally-file') return code === 'bad-event' ? 'event' : 'ballot';
  return CAUSE_AREA[area] ?? area;
}

/** A problem's shape as it may arrive: from a lower layer, or from the wire without params. */
export interface ProblemLike {
  code: string;
  params?: ProblemParams;
  cause?: ProblemLike;
}

/**
 * The problem in the active language. A code the catalogue does not know (a newer server's) is
 * still said, as "something went wrong" with the code, never as a raw key.
 */
export function describeProblem(t: Translate, area: ProblemArea, problem: ProblemLike): string {
  return describe(t, area, problem, false);
}

/**
 * A ballot problem inside one part of a ballot with sections has {section}. Where the reader sees
 * the ballot from outside (a rejected ballot, a bad line of a tally file) its words name that part;
 * a voter, who is in that part, sees the problem's own words.
 */
function namesSection(area: ProblemArea, nested: boolean, problem: ProblemLike): boolean {
  return (
    (area === 'rejection' || (area === 'ballot' && nested)) &&
    BALLOT_CODES.has(problem.code) &&
    typeof problem.params?.['section'] === 'string'
  );
}

function describe(t: Translate, area: ProblemArea, problem: ProblemLike, nested: boolean): string {
  const key = problemKey(area, problem.code);
  const own = t(key, { ...problem.params });
  const said = own === key ? t('problem.unknown', { code: problem.code }) : own;
  const text = namesSection(area, nested, problem)
    ? t('problem.ballot.in-section', { section: problem.params?.['section'] ?? '', problem: said })
    : said;
  if (problem.cause === undefined) return text;
  return `${text} ${describe(t, causeArea(area, problem.code), problem.cause, true)}`;
}

/** The same without React, for code that runs outside a component (the active language). */
export function problemText(area: ProblemArea, problem: ProblemLike): string {
  return describeProblem((key, values) => i18n._(key, values), area, problem);
}

/** `const say = useProblemText(); say('sync', problem)`: re-renders with the language. */
export function useProblemText(): (area: ProblemArea, problem: ProblemLike) => string {
  const t = useT();
  return useCallback((area, problem) => describeProblem(t, area, problem), [t]);
}

/** Why a threshold ruled a bid out, e.g. "Supported on 1 of 4 ballots, below the 50% threshold." */
export function exclusionText(t: Translate, exclusion: Exclusion): string {
  return describeProblem(t, 'exclusion', exclusion);
}

/**
 * How a tie was broken, naming the bids by `name` (their titles, say) in a list of the active
 * language: "Bids Gala day and Chair yoga had equal support; Gala day is cheaper."
 */
export function tieText(
  t: Translate,
  tie: TieRecord,
  name: (bidId: string) => string = (id) => id,
  locale: string = i18n.locale,
): string {
  const names = tie.bids.map(name);
  return t(`problem.tie.${tie.decidedBy}`, {
    bids: new Intl.ListFormat(locale, { type: 'conjunction' }).format(names),
    winner: names[0] ?? '',
    // Select keys cannot hold a dash.
    situation: tie.situation === 'equal-value' ? 'value' : 'support',
    seed: tie.seed ?? '',
  });
}
