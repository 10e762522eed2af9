// Equal shares with "add one unit" run on two cores (src/cli/mes-parallel.ts and the built worker,
// .build/node/mes-worker.js, which the Node tests' global set-up builds): the same results as
// the steps run in turn, on every Pabulib fixture and on random events, under both tie-break
// policies; and the worker really did run some of the steps the search took.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startMesWorker,
  warmUp,
  warmUpInstance,
  type MesWorker,
} from '../../src/cli/mes-parallel.ts';
import { fastScratch, runFast } from '../../src/core/tally/mes-fast.ts';
import { parsePabulib } from '../../src/core/pabulib/index.ts';
import type { Ballot, EventDefinition } from '../../src/core/schema.ts';
import { createProfile, tallyProfile, type TallyOptions } from '../../src/core/tally/index.ts';
import type { MesInstance } from '../../src/core/tally/mes-instance.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/pabulib');
const WORKER = new URL('../../.build/node/mes-worker.js', import.meta.url);

let worker: MesWorker;
let fromWorker = 0;
const parallel: TallyOptions['fastSteps'] = (inst: MesInstance) => {
  const steps = worker.fastSteps(inst);
  if (steps === undefined) throw new Error('expected the worker to take every pot');
  return {
    run: (step) => steps.run(step),
    close: () => {
      steps.close();
      fromWorker += steps.fromWorker;
    },
  };
};

beforeAll(async () => {
  // Every pot, however small, and patience enough that a step the worker took is waited for.
  const started = startMesWorker({
    minEntries: 0,
    patienceMs: 10_000,
    url: WORKER,
  });
  if (started === undefined) throw new Error('the built worker is missing, or one core only');
  worker = started;
  await worker.ready;
});
afterAll(() => worker.close());

function both(event: EventDefinition, ballots: readonly Ballot[]) {
  const builder = createProfile(event);
  for (const b of ballots) builder.add(b.choice, b.area);
  const profile = builder.build();
  const options = { seed: 'parallel', rule: 'equal-shares', explain: true } as const;
  return {
    inTurn: tallyProfile(event, profile, options),
    twoCores: tallyProfile(event, profile, { ...options, fastSteps: parallel }),
  };
}

describe("the worker's warm-up pot", () => {
  it('is a real count where voters run short: some bids funded, not all', () => {
    const inst = structuredClone(warmUpInstance());
    const run = runFast(inst, 0, fastScratch(inst));
    if (run === 'ambiguous') throw new Error('the made-up pot should need no exact count');
    expect(run.selected.length).toBeGreaterThan(3);
    expect(run.selected.length).toBeLessThan(inst.projects.length);
    // Steps of "add one unit" fund more as the money grows.
    const later = runFast(inst, 150, fastScratch(inst));
    expect(later !== 'ambiguous' && later.selected.length).toBeGreaterThan(run.selected.length);
    expect(warmUp(inst, 5)).toBeGreaterThan(0);
  });
});

describe('equal shares on two cores', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.pb'));

  it.each(files)('%s: the same winners, ties and explanations as step by step', (file) => {
    const pb = parsePabulib(readFileSync(join(FIXTURES, file), 'utf8'));
    if (!pb.ok) throw new Error(`${file} did not parse`);
    const { inTurn, twoCores } = both(pb.value.event, pb.value.ballots);
    expect(twoCores).toEqual(inTurn);
    expect(inTurn.pots[0]?.selected.length).toBeGreaterThan(0);
  });

  it('gives the same results on random events, by approval or score, either tie-break', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 7 }),
        fc.array(fc.array(fc.nat(4), { minLength: 7, maxLength: 7 }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 150 }),
        fc.boolean(),
        fc.constantFrom('cheaper-first', 'more-voters-first'),
        (costs, draws, budget, score, tieBreak) => {
          const ids = costs.map((_, i) => `bid${i}`);
          const event: EventDefinition = {
            id: 'parallel',
            name: 'Parallel',
            currency: 'GBP',
            locale: 'en-GB',
            method: score
              ? { kind: 'score', min: 0, max: 4, allowNoOpinion: true }
              : { kind: 'approval', min: 0, max: null },
            rule: 'equal-shares',
            tieBreak,
            categories: [],
            pots: [{ id: 'main', name: 'Main', budget: budget * 100, eligible: { kind: 'all' } }],
            bids: ids.map((id, i) => ({
              id,
              title: id,
              group: '',
              amount: (costs[i] ?? 1) * 100,
              summary: '',
            })),
          };
          const ballots: Ballot[] = draws.map((draw, i) => ({
            id: `v${i}`,
            eventId: event.id,
            stationId: 's',
            castHour: '2026-06-13T10:00Z',
            choice: score
              ? {
                  kind: 'score',
                  scores: ids.flatMap((bid, j) => (draw[j] ? [{ bid, score: draw[j] ?? 0 }] : [])),
                }
              : { kind: 'approval', bids: ids.filter((_, j) => (draw[j] ?? 0) % 2 === 1) },
          }));
          const { inTurn, twoCores } = both(event, ballots);
          expect(twoCores).toEqual(inTurn);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('had the worker run some of the steps the search took', () => {
    expect(fromWorker).toBeGreaterThan(0);
  });
});
