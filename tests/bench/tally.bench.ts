/**
 * How long a tally takes on the biggest real instance we have and on a generated city-scale one.
 *
 * 1. Poland_Warszawa_2026.pb (61,668 voters, 83 projects) from ../shared/pabulib when present:
 *    parse, greedy and equal shares (target: equal shares ≤ 2 s).
 * 2. 1,000,000 approval ballots over 100 bids, streamed into `createProfile` so they never exist
 *    as objects: building the profile, then greedy (target ≤ 1 s) and equal shares (≤ 5 s),
 *    peak memory ≤ 500 MB.
 *
 * Wall time and CPU time are both printed: the machine is shared, and CPU time is the figure that
 * does not depend on what else is running. `npx tsx tests/bench/run.ts tally`; to time only the
 * generated event: `node --import tsx --expose-gc tests/bench/tally.bench.ts --skip-warsaw`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { englishPabulibProblem } from '../../src/cli/english.ts';
import { parsePabulib } from '../../src/core/pabulib/index.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { createProfile, tallyProfile, type Profile } from '../../src/core/tally/index.ts';

const seed = 'bench';
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const peak = () => mb(process.resourceUsage().maxRSS * 1024);

function time<T>(label: string, target: string, work: () => T): T {
  global.gc?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = work();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(
    `${label.padEnd(34)} ${wall.toFixed(0).padStart(6)} ms wall ${cpuMs.toFixed(0).padStart(6)} ms cpu   ` +
      `(target ${target}; peak RSS so far ${peak()})`,
  );
  return result;
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on this machine`,
);

const warsaw = new URL('../../../shared/pabulib/Poland_Warszawa_2026.pb', import.meta.url);
if (process.argv.includes('--skip-warsaw')) {
  console.log('Warszawa skipped (--skip-warsaw).');
} else if (existsSync(warsaw)) {
  const text = readFileSync(warsaw, 'utf8');
  const pb = time('Warszawa 2026: parse', '—', () => parsePabulib(text));
  if (!pb.ok) throw new Error(englishPabulibProblem(pb.error));
  const { event, ballots, selected } = pb.value;
  const profile = time('Warszawa 2026: profile', '—', () => {
    const builder = createProfile(event);
    for (const b of ballots) builder.add(b.choice);
    return builder.build();
  });
  const greedy = time('Warszawa 2026: greedy', '—', () =>
    tallyProfile(event, profile, { seed, rule: 'greedy' }),
  );
  const mes = time('Warszawa 2026: equal shares', '≤ 2000 ms', () =>
    tallyProfile(event, profile, { seed, rule: 'equal-shares' }),
  );
  console.log(
    `  ${ballots.length} ballots, ${profile.groups.count} distinct; greedy funds ` +
      `${greedy.selected.length}, equal shares ${mes.selected.length}; official (greedy-threshold) ${selected?.length ?? '?'}`,
  );
} else {
  console.log('Poland_Warszawa_2026.pb not found next to the repo: skipped.');
}

/** Mulberry32: a small, well-mixed deterministic generator (a plain LCG in doubles repeats). */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A deterministic city: 100 bids from £5k to £500k, popularity falling with the bid's index. */
function generatedEvent(): EventDefinition {
  const random = generator(12345);
  const bids = Array.from({ length: 100 }, (_, i) => ({
    id: `bid-${i}`,
    title: `Bid ${i}`,
    group: '',
    amount: Math.round(5_000 + random() * 495_000) * 100,
    summary: '',
  }));
  const total = bids.reduce((s, b) => s + b.amount, 0);
  return {
    id: 'bench-city',
    name: 'Bench city',
    currency: 'GBP',
    locale: 'en-GB',
    method: { kind: 'approval', min: 1, max: 5 },
    rule: 'greedy',
    categories: [],
    pots: [{ id: 'main', name: 'City', budget: Math.round(total / 3), eligible: { kind: 'all' } }],
    bids,
  };
}

function millionBallots(event: EventDefinition): Profile {
  const ids = event.bids.map((b) => b.id);
  // Zipf-like weights so some bids are far more popular than others, as in real cities.
  const weights = ids.map((_, i) => 1 / (i + 1) ** 0.7);
  const cumulative: number[] = [];
  weights.reduce((s, w, i) => (cumulative[i] = s + w), 0);
  const sum = cumulative.at(-1) ?? 1;
  const random = generator(987654321);
  const pick = () => {
    const r = random() * sum;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < r) lo = mid + 1;
      else hi = mid;
    }
    return ids[lo] ?? '';
  };
  const builder = createProfile(event);
  for (let v = 0; v < 1_000_000; v++) {
    const chosen = new Set<string>();
    const size = 1 + Math.floor(random() * 5);
    while (chosen.size < size) chosen.add(pick());
    builder.add({ kind: 'approval', bids: [...chosen] });
  }
  return builder.build();
}

const city = generatedEvent();
const profile = time('1M ballots: generate + profile', '—', () => millionBallots(city));
console.log(`  ${profile.ballots} ballots, ${profile.groups.count} distinct choices`);
const g = time('1M ballots: greedy', '≤ 1000 ms', () =>
  tallyProfile(city, profile, { seed, rule: 'greedy' }),
);
const m = time('1M ballots: equal shares', '≤ 5000 ms', () =>
  tallyProfile(city, profile, { seed, rule: 'equal-shares' }),
);
console.log(
  `  greedy funds ${g.selected.length} bids, equal shares ${m.selected.length}; ` +
    `peak RSS ${peak()} (target ≤ 500 MB)`,
);
