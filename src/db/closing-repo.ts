/**
 * The station's own counts (ballots released by a volunteer) and its closing sheet.
 * See docs/check-in.md.
 */
import type { EventDefinition } from '../core/schema.ts';

/** A running count no ballot records, e.g. `released`. */
export interface CounterRow {
  eventId: EventDefinition['id'];
  name: string;
  value: number;
}

/** The closing sheet a volunteer made when closing this station. */
export interface ClosingRow {
  eventId: EventDefinition['id'];
}
