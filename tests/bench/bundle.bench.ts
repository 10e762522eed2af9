/**
 * How much JavaScript a voter's tablet must fetch and parse before the first screen: the entry
 * chunk plus every chunk it imports statically, gzipped as a server would send them. Lazy chunks
 * (the organiser's screens) are left out — that is the point of making them lazy — and the
 * benchmark checks they really are lazy.
 *
 * `npx tsx tests/bench/run.ts bundle` uses dist/ if it is there; add `--build` to build first.
 * Needs `build.manifest: true` in vite.config.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const TARGET_KB = 120;
const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = `${root}dist/`;
const manifestPath = `${dist}.vite/manifest.json`;

/** The fields of Vite's build manifest this benchmark reads. */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

if (process.argv.includes('--build') || !existsSync(manifestPath)) {
  console.log('Building (npx vite build)…');
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0 || !existsSync(manifestPath)) {
    console.error('The build failed or wrote no .vite/manifest.json: nothing to measure.');
    process.exit(1);
  }
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipped = (file: string) => gzipSync(readFileSync(`${dist}${file}`)).length;

const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
if (entryKey === undefined) {
  console.error('The build manifest has no entry chunk.');
  process.exit(1);
}

/** Manifest keys loaded before the first screen: the entry and, recursively, its static imports. */
const firstScreen = new Set<string>();
const visit = (key: string) => {
  if (firstScreen.has(key)) return;
  firstScreen.add(key);
  for (const imported of manifest[key]?.imports ?? []) visit(imported);
};
visit(entryKey);

const firstScreenFiles = [...firstScreen].map((key) => manifest[key]?.file ?? key);
const firstScreenBytes = firstScreenFiles
  .filter((file) => file.endsWith('.js'))
  .reduce((sum, file) => sum + gzipped(file), 0);
const verdict = firstScreenBytes <= TARGET_KB * 1024 ? 'within target' : 'OVER TARGET';
console.log(
  `Voter's first screen: ${kb(firstScreenBytes)} gzip JS in ${firstScreenFiles.length} chunk(s) ` +
    `(target ≤ ${TARGET_KB} KB: ${verdict})`,
);
for (const file of firstScreenFiles) console.log(`  ${file}  ${kb(gzipped(file))}`);

const chunks = readdirSync(`${dist}assets`)
  .filter((file) => file.endsWith('.js'))
  .map((file) => ({ file: `assets/${file}`, bytes: gzipped(`assets/${file}`) }))
  .sort((a, b) => b.bytes - a.bytes);
console.log(`\nBiggest chunks (gzip), ${chunks.length} in all:`);
for (const { file, bytes } of chunks.slice(0, 8)) {
  const lazy = firstScreenFiles.includes(file) ? 'first screen' : 'lazy';
  console.log(`  ${kb(bytes).padStart(9)}  ${lazy.padEnd(12)}  ${file}`);
}

// Organiser modules that are their own dynamic entries must not be pulled in statically; if the
// organiser app were imported statically it would not be a dynamic entry at all.
const organiser = Object.entries(manifest).filter(([key]) => key.startsWith('src/app/organiser/'));
const organiserEager = organiser.filter(([key]) => firstScreen.has(key));
const organiserLazy = organiser.filter(([, chunk]) => chunk.isDynamicEntry);
if (organiserLazy.length === 0) {
  console.log('\nOrganiser code: NOT in a lazy chunk (no dynamic entry under src/app/organiser).');
} else if (organiserEager.length > 0) {
  console.log(`\nOrganiser code: ${organiserEager.map(([k]) => k).join(', ')} load eagerly.`);
} else {
  const lazy = organiserLazy.map(([key, chunk]) => `${key} → ${chunk.file}`).join(', ');
  console.log(`\nOrganiser code is lazy: ${lazy}`);
}

// The QR code reader for browsers without BarcodeDetector (issue 13): ZXing's chunk and its .wasm,
// loaded only when a scanner opens, never on the voter's first screen.
const zxingKey = 'src/app/shared/transfer/zxing-detector.ts';
const zxing = manifest[zxingKey];
if (zxing === undefined) {
  console.log(`\nQR code reader: ${zxingKey} is not a chunk of its own.`);
} else {
  const wasm = readdirSync(`${dist}assets`).find((f) => /^zxing_reader-.*\.wasm$/.test(f));
  const where = firstScreen.has(zxingKey) ? 'IN THE FIRST SCREEN' : 'lazy';
  console.log(
    `\nQR code reader (${where}): ${zxing.file} ${kb(gzipped(zxing.file))} gzip JS` +
      (wasm === undefined
        ? ', no .wasm found'
        : ` + ${wasm} ${kb(gzipped(`assets/${wasm}`))} gzip`),
  );
}
