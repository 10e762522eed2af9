/**
 * Turns the central tally file into results, with exactly the calls the `decision-day tally` CLI
 * makes (readTallyFile → tally with the content seed), so the projector and the command line can
 * never disagree. Both rules are computed at once: the screen shows the other beside the event's.
 */
import type { EventState } from '../../../core/event-lifecycle.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import type { Ballot, EventDefinition, Rule } from '../../../core/schema.ts';
import { lazySeed, tally } from '../../../core/tally/index.ts';
import type { TallyResult } from '../../../core/tally/types.ts';
import {
  contentSeed,
  countedBallots,
  readTallyFile,
  withdrawnBids,
  type TallyFileContents,
  type TallyFileProblem,
} from '../../../core/tally-file/index.ts';

export const RULES: readonly Rule[] = ['greedy', 'equal-shares'];

/** The catalogue key of each rule's name. */
export const RULE_NAME_KEYS: Record<Rule, string> = {
  greedy: 'organiser.rule.greedy',
  'equal-shares': 'organiser.rule.equal-shares',
};

export interface EventResults {
  event: EventDefinition;
  /** The ballots counted: those in the file minus the voided ones. */
  ballots: readonly Ballot[];
  /** How many ballots of the file the organiser voided (never counted). */
  voided: number;
  /** The event's state as the file records it (a file without state records is open). */
  state: EventState;
  /** Bids the organiser withdrew after voting, in file order: funded by no pot. */
  withdrawals: { bid: string; reason: string; at: string }[];
  /** The file's own text, offered again as a download. */
  fileText: string;
  byRule: Record<Rule, TallyResult>;
}

/** Why the central file cannot be counted: the core's code, facts and line. */
export type ResultsProblem = TallyFileProblem;

export function computeResults(fileText: string): Result<EventResults, ResultsProblem> {
  return resultsOf(readTallyFile(fileText), fileText);
}

/**
 * The results of a file already read (`readTallyFile`, or `tallyFileReader` as it downloaded);
 * `fileText` is only carried along, for the download.
 */
export function resultsOf(
  read: Result<TallyFileContents, TallyFileProblem>,
  fileText: string,
): Result<EventResults, ResultsProblem> {
  // No results at all from a file that fails its checks: they could be wrong.
  if (!read.ok) return err(read.error);
  const { event, eventHash } = read.value;
  // Voided ballots stay in the file but are never counted, nor part of the lot's seed.
  const ballots = countedBallots(read.value);
  // Hashed only if a lot is drawn: most counts never need one, and it reads every ballot.
  const seed = lazySeed(() => contentSeed(eventHash, ballots));
  // Withdrawn bids: every ballot still counts, no pot funds them (nor is the seed changed).
  const withdrawn = withdrawnBids(read.value);
  return ok({
    event,
    ballots,
    voided: read.value.voids.length,
    state: read.value.states.at(-1)?.state ?? 'open',
    withdrawals: read.value.withdrawals.map(({ bid, reason, at }) => ({ bid, reason, at })),
    fileText,
    byRule: {
      // With explanations (why each bid was or was not funded): a few percent of the count.
      greedy: tally(event, ballots, { rule: 'greedy', seed, withdrawn, explain: true }),
      'equal-shares': tally(event, ballots, {
        rule: 'equal-shares',
        seed,
        withdrawn,
        explain: true,
      }),
    },
  });
}

export const otherRule = (rule: Rule): Rule => (rule === 'greedy' ? 'equal-shares' : 'greedy');
