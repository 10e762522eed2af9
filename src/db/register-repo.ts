/**
 * The registration desk's register on this device: stored apart from ballots and never linked to
 * one. See docs/check-in.md.
 */
import type { EventDefinition } from '../core/schema.ts';

export interface RegistrationRow {
  /** Random. */
  id: string;
  eventId: EventDefinition['id'];
}
