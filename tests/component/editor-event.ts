/** The small event of one part the editor's component tests start from: two categories, two pots, three bids, Welsh beside English. */
import type { EventDefinition } from '../../src/core/schema.ts';

export const SMALL: EventDefinition = {
  id: 'hawick',
  name: 'Hawick Youth Fund',
  currency: 'GBP',
  locale: 'en-GB',
  languages: ['en-GB', 'cy'],
  method: { kind: 'approval', min: 1, max: 3 },
  rule: 'greedy',
  categories: [
    { id: 'sport', name: 'Sport' },
    { id: 'arts', name: 'Arts' },
  ],
  pots: [
    {
      id: 'arts',
      name: 'Arts pot',
      budget: 100_000,
      eligible: { kind: 'categories', categories: ['arts'] },
      rollOverTo: 'main',
    },
    { id: 'main', name: 'Main pot', budget: 500_000, eligible: { kind: 'all' } },
  ],
  bids: [
    {
      id: 'kit',
      title: 'Football kit',
      group: 'Juniors',
      amount: 95_000,
      summary: 'Kit for 3 teams',
      category: 'sport',
    },
    {
      id: 'mural',
      title: 'Station mural',
      group: 'Art Club',
      amount: 60_000,
      summary: 'A mural',
      category: 'arts',
    },
    {
      id: 'bench',
      title: 'Park benches',
      group: 'Friends of the Park',
      amount: 120_000,
      summary: 'Six benches',
    },
  ],
};
