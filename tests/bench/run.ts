/**
 * `npm run bench`: runs every tests/bench/*.bench.ts in its own Node process (so each one's peak
 * memory is its own) and prints what each measured. Targets are printed beside the figures;
 * benchmarks report, they do not fail the test suite.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

// The benchmarks that measure the built app (bundle, browser-results, camera) read dist/: built
// here first, so they never measure a stale build (Rolldown takes seconds). DIST_DIR: measure
// that build instead.
if (process.env['DIST_DIR'] === undefined) {
  console.log('Building the app (npx vite build) for the benchmarks that read dist/…');
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(1);
}

let failed = 0;
for (const file of files) {
  console.log(`\n── ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${dir}${file}`], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
