/**
 * Answers to the optional equalities questions: stored apart from ballots, with random ids that
 * say nothing about order. See docs/check-in.md.
 */
import type { EventDefinition } from '../core/schema.ts';

export interface EqualitiesRow {
  /** Random: never a sequence, never a ballot's id. */
  id: string;
  eventId: EventDefinition['id'];
}
