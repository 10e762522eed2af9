/**
 * Valid approval ballots of an event as a station makes them (random ids, one bid each, in turn):
 * another station's ballots for the courier and camera tests.
 */
import type { Ballot, EventDefinition } from '../../src/core/schema.ts';

export function stationBallots(
  event: EventDefinition,
  count: number,
  stationId = 'st-other-table',
  castHour = '2026-06-13T10:00Z',
): Ballot[] {
  const bids = event.bids.map((b) => b.id);
  return Array.from({ length: count }, (_, i) => ({
    id: crypto.randomUUID(),
    eventId: event.id,
    stationId,
    castHour,
    choice: { kind: 'approval', bids: [bids[i % bids.length] ?? ''] },
  }));
}
