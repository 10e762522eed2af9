import { DEMO_EVENT } from '../../../src/core/demo-event.ts';
import type { EventDefinition } from '../../../src/core/schema.ts';

/** A small event a station can vote on: two bids, one pot that can fund both. */
export function smallEvent(id: string): EventDefinition {
  return {
    ...DEMO_EVENT,
    id,
    name: `Small event ${id}`,
    categories: [],
    method: { kind: 'approval', min: 1, max: 2 },
    pots: [{ id: 'main', name: 'Main pot', budget: 5000_00, eligible: { kind: 'all' } }],
    bids: [
      { id: 'garden', title: 'Garden', group: 'Friends', amount: 1000_00, summary: 'Plants' },
      { id: 'bus', title: 'Bus', group: 'Elders', amount: 2000_00, summary: 'Trips' },
    ],
  };
}
