/**
 * Paper ballots being keyed in by volunteers, before they are agreed and cast.
 * See docs/check-in.md.
 */
import type { EventDefinition } from '../core/schema.ts';

export interface PaperEntryRow {
  /** Random. */
  id: string;
  eventId: EventDefinition['id'];
}
