/**
 * How long an organiser waits for a bids import: a generated 2,000-row sheet (and the 5,000-row
 * limit) as CSV and as an .xlsx compressed the way Excel writes it, read, matched, checked and
 * drafted (`importBids`). Files are built before the clock starts. Each case runs once cold (the
 * xlsx reader's first load included) then 5 times; the median is the figure. Target: ≤ 1 s for
 * 2,000 rows, so the preview follows the file choice without a progress bar.
 * Run: npx tsx tests/bench/run.ts import
 */
import { loadavg } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import { importBids } from '../../src/core/bids-import/index.ts';
import { bidsCsv, bidsXlsx } from '../fixtures/bids/xlsx.ts';

const deflate = (data: Uint8Array) => new Uint8Array(deflateRawSync(data));
const RUNS = 5;

async function bench(label: string, bytes: Uint8Array, rows: number): Promise<void> {
  const once = async () => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const outcome = await importBids({ bytes, fileName: label }, { budget: 1 });
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (!outcome.ok || outcome.preview.draft?.bids.length !== rows) {
      throw new Error(`${label}: the import did not give ${rows} bids`);
    }
    return { wall, cpu: (used.user + used.system) / 1000 };
  };
  const cold = await once();
  const warm: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    global.gc?.();
    warm.push(await once());
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(
    `${label.padEnd(30)} ${(bytes.length / 1024).toFixed(0).padStart(5)} KB  ` +
      `median ${median(warm.map((w) => w.wall))
        .toFixed(0)
        .padStart(5)} ms wall ` +
      `${median(warm.map((w) => w.cpu))
        .toFixed(0)
        .padStart(5)} ms cpu   ` +
      `(cold ${cold.wall.toFixed(0)} ms; target ≤ 1000 ms for 2,000 rows)`,
  );
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on this machine`,
);
for (const rows of [2000, 5000]) {
  await bench(`${rows} rows, CSV`, new TextEncoder().encode(bidsCsv(rows)), rows);
  await bench(`${rows} rows, xlsx (deflated)`, bidsXlsx(rows, deflate), rows);
}
