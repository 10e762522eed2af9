/**
 * The command line's own English for the codes core returns (ballot, event, tally-file and Pabulib
 * problems, ties, thresholds). Screens word the same codes through the app's message catalogue;
 * this is for `decision-day` output and logs, so it needs no catalogue and no browser.
 *
 * Every code of every area has a sentence here: the switches are exhaustive, so a new code does
 * not compile until it is worded (tests/unit/english.test.ts also words every code).
 */
import type { BallotProblem } from '../core/ballot.ts';
import type { PabulibProblem, SkippedVoter } from '../core/pabulib/index.ts';
import type { Problem, ProblemParams } from '../core/problem.ts';
import { assertNever } from '../core/result.ts';
import type { EventProblem, EventProblemCode } from '../core/schema.ts';
import type { TallyFileProblem } from '../core/tally-file/index.ts';
import type { Exclusion, TieRecord } from '../core/tally/types.ts';

/** A param as text ('' when absent, which only a bug upstream causes). */
const str = (params: ProblemParams, key: string): string => String(params[key] ?? '');
const num = (params: ProblemParams, key: string): number => Number(params[key] ?? 0);
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** "a", "a and b", "a, b and c". */
export function englishList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** A problem inside one part of a ballot with sections names that part first. */
export function englishBallotProblem(problem: BallotProblem): string {
  const sentence = ballotSentence(problem);
  const section = problem.params['section'];
  return section === undefined ? sentence : `Ballot section "${String(section)}": ${sentence}`;
}

function ballotSentence({ code, params: p }: BallotProblem): string {
  switch (code) {
    case 'wrong-event':
      return `This ballot is for event "${str(p, 'ballotEvent')}", not "${str(p, 'event')}".`;
    case 'wrong-method':
      return `This event uses ${str(p, 'method')} ballots, not ${str(p, 'kind')}.`;
    case 'unknown-bid':
      return p['section'] === undefined
        ? `There is no bid "${str(p, 'bid')}" in this event.`
        : `Bid "${str(p, 'bid')}" is not one this part of the ballot offers.`;
    case 'repeated-bid':
      return `Bid "${str(p, 'bid')}" appears more than once.`;
    case 'too-few':
      return `Choose at least ${num(p, 'min')}.`;
    case 'too-many':
      return p['method'] === 'ranking'
        ? `Rank at most ${num(p, 'max')}.`
        : `Choose at most ${num(p, 'max')}.`;
    case 'over-limit':
      return 'The chosen bids cost more than the money available.';
    case 'score-out-of-range':
      return `Scores go from ${num(p, 'min')} to ${num(p, 'max')}.`;
    case 'missing-score':
      return 'Every bid needs a score.';
    case 'points-over-total':
      return `You have ${num(p, 'points')} points to share.`;
    case 'points-over-bid-limit':
      return `At most ${num(p, 'max')} points on one bid.`;
    case 'wrong-sections':
      return `This ballot's parts do not match the event's sections (${str(p, 'expected')}).`;
    case 'missing-ward':
      return 'This part of the ballot needs the ward the voter lives in.';
    case 'unknown-ward':
      return `"${str(p, 'ward')}" is not a ward this part of the ballot offers.`;
    default:
      return assertNever(code);
  }
}

const EVENT_SENTENCES: Record<EventProblemCode, (p: ProblemParams) => string> = {
  'duplicate-bid': (p) => `Bid "${str(p, 'id')}" appears twice.`,
  'duplicate-pot': (p) => `Pot "${str(p, 'id')}" appears twice.`,
  'duplicate-category': (p) => `Category "${str(p, 'id')}" appears twice.`,
  'unknown-category': (p) => `Bid "${str(p, 'bid')}" has unknown category "${str(p, 'category')}".`,
  'pot-unknown-category': (p) =>
    `Pot "${str(p, 'pot')}" names unknown category "${str(p, 'category')}".`,
  'pot-unknown-bid': (p) => `Pot "${str(p, 'pot')}" names unknown bid "${str(p, 'bid')}".`,
  'pot-unknown-ward': (p) =>
    `Pot "${str(p, 'pot')}" names ward "${str(p, 'ward')}", which no bid serves.`,
  'duplicate-section': (p) => `Ballot section "${str(p, 'id')}" appears twice.`,
  'section-unknown-category': (p) =>
    `Ballot section "${str(p, 'section')}" names unknown category "${str(p, 'category')}".`,
  'section-unknown-bid': (p) =>
    `Ballot section "${str(p, 'section')}" names unknown bid "${str(p, 'bid')}".`,
  'section-unknown-ward': (p) =>
    `Ballot section "${str(p, 'section')}" names ward "${str(p, 'ward')}", which no bid serves.`,
  'section-empty': (p) => `Ballot section "${str(p, 'section')}" has no bids to choose from.`,
  'section-no-wards': (p) =>
    `Ballot section "${str(p, 'section')}" asks for the voter's ward, but no bid has a ward.`,
  'weight-unknown-ward': (p) =>
    `An area weight names ward "${str(p, 'ward')}", which no bid serves.`,
  'method-or-sections': () =>
    'The ballot needs either one voting method or a list of sections, not both or neither.',
  'end-before-start': (p) =>
    `The last day of voting (${str(p, 'endDate')}) is before the first (${str(p, 'date')}).`,
  'roll-over-backwards': (p) => `Pot "${str(p, 'pot')}" can only roll over into a later pot.`,
  'approval-max-below-min': () => 'The most bids a voter may choose is below the fewest.',
  'score-max-not-above-min': () => 'The highest score must be above the lowest.',
  'bad-id': () =>
    'Use 1–64 letters, digits, dot, dash, colon or underscore (bid ids may also have / + #).',
  'too-small': (p) => `The value is too small or too short (at least ${num(p, 'minimum')}).`,
  'too-big': (p) => `The value is too big or too long (at most ${num(p, 'maximum')}).`,
  'bad-format': () => 'The value is not in the expected format.',
  'bad-type': () => 'The value is missing or of the wrong type.',
  'bad-value': () => 'The value is not allowed.',
  // Texts people set (core/text/name.ts).
  'text-blank': () => 'The text shows nothing: only spaces or invisible characters.',
  'text-line-break': () => 'A name must be on one line.',
  'text-control': (p) => `The text holds a control character (${str(p, 'char')}).`,
  'text-bidi': (p) => `The text holds a character that reorders how it reads (${str(p, 'char')}).`,
  'text-invisible': (p) => `The text holds an invisible character (${str(p, 'char')}).`,
  'text-marks': (p) => `A letter carries more than ${num(p, 'max')} accents or marks.`,
  'text-too-long': (p) => `The text is too long (at most ${num(p, 'max')} characters).`,
};

/** "Bid "x" appears twice." or "At bids.2.amount: the value is too small (at least 1)." */
export function englishEventProblem({ code, params }: EventProblem): string {
  const sentence = EVENT_SENTENCES[code](params);
  const path = str(params, 'path');
  // The refinements name what they mean; a bare field check needs to say where it is.
  const generic = ['bad-id', 'too-small', 'too-big', 'bad-format', 'bad-type', 'bad-value'];
  if (!(generic.includes(code) || code.startsWith('text-')) || path === '') return sentence;
  return `At ${path}: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
}

/** "The ballot on line 4 is not valid: <the ballot problem>", or just "… is not valid." */
const withCause = <P extends Problem>(
  sentence: string,
  cause: Problem | undefined,
  word: (problem: P) => string,
): string => (cause === undefined ? `${sentence}.` : `${sentence}: ${word(cause as P)}`);

export function englishTallyFileProblem(problem: TallyFileProblem): string {
  const sentence = tallyFileSentence(problem);
  return problem.file === undefined ? sentence : `File ${problem.file}: ${sentence}`;
}

function tallyFileSentence({ code, params: p, cause }: TallyFileProblem): string {
  const line = num(p, 'line');
  switch (code) {
    case 'empty':
      return 'The file is empty: it holds no tally records.';
    case 'not-json':
      return p['blank'] === 'yes'
        ? `Line ${line} is empty.`
        : `Line ${line} is not valid JSON: it was damaged or edited.`;
    case 'not-tally-file':
      return 'This is not a Decision Day tally file (line 1 is no header).';
    case 'too-deep':
      return (
        `Line ${line} is nested more than ${num(p, 'max')} levels deep: no tally record is. ` +
        'The file was damaged or made to break the program.'
      );
    case 'unsupported-version':
      return (
        `This tally file is format version ${str(p, 'version')}; this program reads version ` +
        `${num(p, 'supported')}. Use the Decision Day release that wrote it.`
      );
    case 'bad-record':
      if (p['record'] === 'header') return 'Line 1 is not a valid tally-file header.';
      if (p['record'] === 'seal') return `Line ${line} is not a valid seal.`;
      if (p['record'] === 'unknown') {
        return `Line ${line} is not a kind of record this program knows.`;
      }
      return `Line ${line} is not a tally-file record.`;
    case 'bad-event':
      return p['kind'] === 'extra'
        ? 'The event definition on line 1 has fields this program does not know.'
        : withCause('The event definition on line 1 is not valid', cause, englishEventProblem);
    case 'event-hash-mismatch':
      return 'The event definition on line 1 does not match its recorded hash: it was edited.';
    case 'broken-chain':
      return (
        `Line ${line} does not fit the chain of hashes: it was changed, or a line before it was ` +
        'removed, added or moved.'
      );
    case 'invalid-ballot':
      if (p['kind'] === 'malformed') return `Line ${line} does not hold a well-formed ballot.`;
      if (p['kind'] === 'extra') {
        return `The ballot on line ${line} has fields a ballot does not have.`;
      }
      return withCause(`The ballot on line ${line} is not valid`, cause, englishBallotProblem);
    case 'duplicate-ballot':
      return `Line ${line} repeats ballot "${str(p, 'ballot')}" from line ${num(p, 'first')}.`;
    case 'seal-mismatch':
      return (
        `The seal on line ${line} counts ${num(p, 'counted')} ballots, but the file holds ` +
        `${num(p, 'held')} up to there.`
      );
    case 'truncated':
      return (
        `Line ${line} is incomplete: the file ends part-way through a record. It was cut off ` +
        'while being written or copied.'
      );
    case 'unsealed':
      return (
        `The file ends at line ${line} without a seal: it was cut short, or a write was ` +
        'interrupted. The complete part ends at the last seal.'
      );
    case 'head-mismatch':
      return p['kind'] === 'later'
        ? `The published head is the seal on line ${num(p, 'sealLine')}; this file goes on to ` +
            `line ${num(p, 'records')}. It holds ballots added after the head was published.`
        : `The file ends with hash ${str(p, 'head')}, not the published ${str(p, 'expected')}: ` +
            'it is not the published file (cut short at an earlier seal, or rewritten).';
    case 'no-files':
      return 'There are no files to merge.';
    case 'other-event':
      return (
        `This file is from another event: ${str(p, 'eventName')} (${str(p, 'event')}). The ` +
        `first file is from ${str(p, 'firstEventName')} (${str(p, 'firstEvent')}). Merge only ` +
        'files of the same event.'
      );
    case 'event-changed':
      return (
        `File ${num(p, 'file')} holds a different definition of ${str(p, 'eventName')} ` +
        `(${str(p, 'event')}) than the first file (the bids, pots or rules were changed). Merge ` +
        'only files of the same definition.'
      );
    case 'conflict': {
      const more = num(p, 'more') > 0 ? ` and ${num(p, 'more')} more` : '';
      return (
        `${num(p, 'count')} ballot id(s) appear with different contents in different files: ` +
        `${str(p, 'ids')}${more}. Nothing was merged; find out which file is right.`
      );
    }
    case 'bad-state':
      if (p['kind'] === 'order') {
        return `Line ${line} moves the event to a stage it cannot reach from the one before.`;
      }
      if (p['kind'] === 'ballot') {
        return `Line ${line} holds a ballot at a stage of the event that takes no ballots.`;
      }
      return `Line ${line} is not a valid record of the event's stage.`;
    case 'bad-void':
      if (p['kind'] === 'unknown') {
        return `Line ${line} voids ballot "${str(p, 'ballot')}", which is not in the file before it.`;
      }
      if (p['kind'] === 'again') {
        return `Line ${line} voids ballot "${str(p, 'ballot')}" again (it was voided on line ${num(p, 'first')}).`;
      }
      if (p['kind'] === 'state') {
        return `Line ${line} voids a ballot at a stage of the event when nothing may be voided.`;
      }
      return `Line ${line} is not a valid void record (a ballot id, a reason of 1 to 500 characters, a time and who).`;
    case 'bad-closing':
      if (p['kind'] === 'duplicate') {
        return `Line ${line} is a second closing sheet of station "${str(p, 'station')}" (its first is on line ${num(p, 'first')}).`;
      }
      if (p['kind'] === 'state') {
        return `Line ${line} closes a station while the event is a draft.`;
      }
      return `Line ${line} is not a valid closing sheet of a station.`;
    case 'bad-withdrawal':
      if (p['kind'] === 'unknown') {
        return `Line ${line} withdraws bid "${str(p, 'bid')}", which is not one of the event's bids.`;
      }
      if (p['kind'] === 'again') {
        return `Line ${line} withdraws bid "${str(p, 'bid')}" again (it was withdrawn on line ${num(p, 'first')}).`;
      }
      if (p['kind'] === 'state') {
        return `Line ${line} withdraws a bid while the event is a draft (a draft edits its bids instead).`;
      }
      return `Line ${line} is not a valid withdrawal record (a bid id, a reason of 1 to 500 characters, a time and who).`;
    default:
      return assertNever(code);
  }
}

export function englishPabulibProblem({ code, params: p, cause }: PabulibProblem): string {
  const at = p['line'] === undefined ? '' : `Line ${num(p, 'line')}: `;
  switch (code) {
    case 'empty':
      return 'This file has no META, PROJECTS or VOTES section, so it is not a Pabulib file.';
    case 'missing-section':
      return p['kind'] === 'before-any'
        ? `Line ${num(p, 'line')} comes before any section. A Pabulib file starts with "META".`
        : `This Pabulib file has no ${str(p, 'section')} section; it needs META, PROJECTS and VOTES.`;
    case 'missing-column':
      return `${at}the ${str(p, 'section')} section has no "${str(p, 'column')}" column.`;
    case 'bad-row':
      return p['kind'] === 'second-section'
        ? `Line ${num(p, 'line')} starts a second ${str(p, 'section')} section; a Pabulib file ` +
            'has one of each.'
        : `Line ${num(p, 'line')} has a quoted field that is not closed, so its columns cannot ` +
            'be read.';
    case 'bad-number':
      return p['kind'] === 'budget'
        ? `The META budget "${str(p, 'budget')}" is not an amount of money.`
        : `${at}the cost "${str(p, 'cost')}" of project "${str(p, 'project')}" is not an ` +
            'amount above zero.';
    case 'bad-id':
      return `${at}the project id "${str(p, 'project')}" cannot be used as a bid id.`;
    case 'duplicate-project':
      return `${at}project "${str(p, 'project')}" is listed twice.`;
    case 'unsupported':
      return englishUnsupported(p);
    case 'invalid-event': {
      const inner = cause as EventProblem | undefined;
      const why = inner === undefined ? 'unknown problem' : englishEventProblem(inner);
      const path = inner === undefined ? '?' : str(inner.params, 'path');
      return `This file does not make a valid event: ${why} (at ${path}).`;
    }
    default:
      return assertNever(code);
  }
}

const UNSUPPORTED: Record<string, (p: ProblemParams) => string> = {
  'vote-type': (p) =>
    `The vote_type "${str(p, 'voteType')}" is not one we can count (approval, choose-1, ` +
    'cumulative, scoring or ordinal).',
  'project-count': (p) =>
    `The file lists ${num(p, 'count')} projects; an event needs 1 to ${num(p, 'max')}.`,
  'knapsack-limit': (p) => `The knapsack_limit "${str(p, 'limit')}" is not an amount of money.`,
  'too-many-points': () => 'Cumulative ballots with more than 10,000 points are not supported.',
  'negative-scores': () => 'Negative scores are not supported.',
  'scores-over-100': () => 'Scores above 100 are not supported.',
  'long-rankings': () => 'Rankings longer than 100 are not supported.',
};

function englishUnsupported(p: ProblemParams): string {
  const sentence = UNSUPPORTED[str(p, 'kind')];
  return sentence ? sentence(p) : 'This Pabulib file uses something this program cannot count.';
}

/** "Line 17: the vote names project "99", which is not in PROJECTS." */
export function englishSkippedVoter({ code, params: p, line, voterId }: SkippedVoter): string {
  const why = (() => {
    switch (code) {
      case 'no-voter-id':
        return 'the voter has no id.';
      case 'repeated-voter':
        return `voter "${voterId}" appears twice; the first vote was kept.`;
      case 'unknown-project':
        return `the vote names project "${str(p, 'project')}", which is not in PROJECTS.`;
      case 'points-count':
        return `${num(p, 'projects')} projects but ${num(p, 'points')} points.`;
      case 'bad-points':
        return 'the points are not all whole numbers of zero or more.';
      default:
        return assertNever(code);
    }
  })();
  return `Line ${line}: ${why}`;
}

/** "Bids y and x had equal support; y is cheaper." */
export function englishTie({ bids, decidedBy, situation, seed }: TieRecord): string {
  const what =
    situation === 'equal-support'
      ? 'had equal support'
      : 'gave equal value for money under equal shares';
  const winner = bids[0] ?? '';
  const reason =
    decidedBy === 'cost'
      ? `${winner} is cheaper`
      : decidedBy === 'votes'
        ? `${winner} had more voters`
        : `they cost the same and had as many voters, so the lot (seed ${seed ?? ''}) put ` +
          `${winner} first`;
  return `Bids ${englishList(bids)} ${what}; ${reason}.`;
}

/** "Supported on 1 of 4 ballots, below the 50% threshold." */
export function englishExclusion({ code, params: p }: Exclusion): string {
  switch (code) {
    case 'below-min-support':
      return (
        `Supported on ${num(p, 'voters')} of ${num(p, 'ballots')} ballots, ` +
        `below the ${percent(num(p, 'share'))} threshold.`
      );
    case 'below-min-average-score':
      return (
        `Average score ${num(p, 'average')} out of ${num(p, 'max')}, below the ` +
        `${percent(num(p, 'share'))} threshold.`
      );
    default:
      return assertNever(code);
  }
}
