/**
 * Voting codes on a station: the tags of the event's codes (to check a typed code offline) and
 * the tags of codes used on this tablet. See docs/check-in.md.
 */
import type { EventDefinition } from '../core/schema.ts';

/** What a station holds to check codes: tags only, so it cannot make a valid code. */
export interface CodeListRow {
  eventId: EventDefinition['id'];
}

/** A code used on this tablet: its tag, never the ballot it opened. */
export interface UsedCodeRow {
  eventId: EventDefinition['id'];
  tag: string;
}
