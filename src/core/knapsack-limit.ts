/**
 * Apart from the ballot checks (ballot.ts) because the voter's welcome screen shows this limit
 * before any ballot exists, and should not download the checks to do so.
 */
import type { EventDefinition } from './schema.ts';

/**
 * The spending limit of a knapsack ballot (or of one section, through `sectionEvent`): its own, or
 * every pot together.
 */
export function knapsackLimit(event: EventDefinition): number {
  const m = event.method;
  if (m?.kind === 'knapsack' && m.limit !== null) return m.limit;
  return event.pots.reduce((sum, pot) => sum + pot.budget, 0);
}
