/** What reading a Pabulib (.pb) file gives, and how it can fail. Format: pabulib.org/format. */
import type { Ballot, EventDefinition } from '../schema.ts';

export interface PabulibInstance {
  /** One event with one pot holding the file's budget; every project is a bid. */
  event: EventDefinition;
  ballots: Ballot[];
  /** Ids of the official winners, from a `selected` column in PROJECTS, when the file has one. */
  selected?: string[];
  /** The META section as written, key by key. */
  meta: Record<string, string>;
  /** Voters left out, each with the reason in words. */
  skipped: { voterId: string; reason: string }[];
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

export interface PabulibProblem {
  code: PabulibProblemCode;
  /** 1-based line in the file, when the problem sits on one line. */
  line?: number;
  message: string;
}
