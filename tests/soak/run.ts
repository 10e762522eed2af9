/**
 * `npm run soak`: kills the station's browser mid-cast 50 times on one profile and the tally
 * server mid-ingest 20 times (tests/soak/soak.ts), then reports acknowledged ballots lost and
 * counted twice; both goals are 0, and the command fails otherwise. Not part of `npm test`, which
 * runs a short version (tests/e2e/soak-short.spec.ts).
 *
 *   npm run soak                      50 browser kills, 20 server kills
 *   npm run soak -- --browser 10 --server 5 --seed 7
 *
 * Needs the built app: `npm run build` first (or DIST_DIR pointing at one).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { browserKills, describeReport, serverKills, type SoakReport } from './soak.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} takes a whole number (got ${process.argv[at + 1] ?? 'nothing'}).`);
    process.exit(2);
  }
  return value;
}

const dist = process.env['DIST_DIR'] ?? fileURLToPath(new URL('../../dist', import.meta.url));
if (!existsSync(`${dist}/index.html`)) {
  console.error(`No built app at ${dist}: run npm run build first.`);
  process.exit(2);
}

const seed = option('seed', 2026);
const reports: SoakReport[] = [];
const started = performance.now();
const log = (line: string) => console.log(line);
const browser = option('browser', 50);
const server = option('server', 20);
if (browser > 0) reports.push(await browserKills(browser, log, seed));
if (server > 0) reports.push(await serverKills(server, log, seed));
console.log('');
for (const report of reports) console.log(describeReport(report));
console.log(`${((performance.now() - started) / 1000).toFixed(0)} s in all (seed ${seed}).`);
const sound = (r: SoakReport) =>
  r.lost === 0 && r.duplicates === 0 && (r.kind === 'browser' || r.storedUnacknowledged === 0);
process.exit(reports.every(sound) ? 0 : 1);
