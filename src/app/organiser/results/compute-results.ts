/**
 * Turns the central tally file into results, with exactly the calls the `decision-day tally` CLI
 * makes (readTallyFile → tally with the content seed), so the projector and the command line can
 * never disagree. Both rules are computed at once: the screen shows the other beside the event's.
 */
import { err, ok, type Result } from '../../../core/result.ts';
import type { Ballot, EventDefinition, Rule } from '../../../core/schema.ts';
import { tally } from '../../../core/tally/index.ts';
import type { TallyResult } from '../../../core/tally/types.ts';
import { contentSeed, readTallyFile } from '../../../core/tally-file/index.ts';

export const RULES: readonly Rule[] = ['greedy', 'equal-shares'];

export const RULE_NAMES: Record<Rule, string> = {
  greedy: 'Greedy (most support first)',
  'equal-shares': 'Method of Equal Shares',
};

export interface EventResults {
  event: EventDefinition;
  ballots: readonly Ballot[];
  /** The file's own text, offered again as a download. */
  fileText: string;
  byRule: Record<Rule, TallyResult>;
}

export interface ResultsProblem {
  code: string;
  message: string;
}

export function computeResults(fileText: string): Result<EventResults, ResultsProblem> {
  const read = readTallyFile(fileText);
  if (!read.ok) {
    // The core's message already names the line; add what it means here and what to do next.
    return err({
      code: read.error.code,
      message: `The central tally file failed its checks. ${read.error.message} No results are shown, because they could be wrong. Check the file on the server with "decision-day verify".`,
    });
  }
  const { event, ballots, eventHash } = read.value;
  const seed = contentSeed(eventHash, ballots);
  return ok({
    event,
    ballots,
    fileText,
    byRule: {
      greedy: tally(event, ballots, { rule: 'greedy', seed }),
      'equal-shares': tally(event, ballots, { rule: 'equal-shares', seed }),
    },
  });
}

export const otherRule = (rule: Rule): Rule => (rule === 'greedy' ? 'equal-shares' : 'greedy');
