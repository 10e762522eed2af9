/**
 * How much a voter's tablet must fetch at first load: the entry chunk plus every chunk it imports
 * statically (JavaScript before the first screen, held to the target: ≤ 120 KB gzip with the
 * default language's words, issues 2, 7 and 8), and beside it the catalogue parts the app fetches
 * in the background as soon as it starts (src/app/i18n/parts.ts BACKGROUND_PARTS: English's
 * station, problems and check-in words), all gzipped as a server would send them. Lazy chunks
 * (the organiser's screens, the camera screens and their own catalogue part) are left out — that
 * is the point of making them lazy — and the benchmark checks they really are lazy.
 *
 * `npx tsx tests/bench/run.ts bundle` builds the app first (run.ts, unless DIST_DIR names a build
 * to measure); run alone (`npx tsx tests/bench/bundle.bench.ts`) it uses dist/ or DIST_DIR if it
 * is there, which may be stale: add `--build`. Needs `build.manifest: true` in vite.config.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BACKGROUND_PARTS, KIOSK_PARTS } from '../../src/app/i18n/parts.ts';

const TARGET_KB = 120;
const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = process.env['DIST_DIR']
  ? `${process.env['DIST_DIR'].replace(/\/$/, '')}/`
  : `${root}dist/`;
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
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dist], {
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
console.log(
  `Voter's first screen: ${kb(firstScreenBytes)} gzip JS in ${firstScreenFiles.length} chunk(s)`,
);
for (const file of firstScreenFiles) console.log(`  ${file}  ${kb(gzipped(file))}`);

/** The chunk of a catalogue part in a language, as the manifest names it. */
const partKey = (language: string, part: string) => `src/app/i18n/locales/${language}/${part}.po`;
const partBytes = (language: string, part: string): number => {
  const chunk = manifest[partKey(language, part)];
  if (chunk === undefined) throw new Error(`No chunk for ${partKey(language, part)} in the build.`);
  return gzipped(chunk.file);
};

// English's background parts: fetched at start by src/app/i18n/catalogue.ts (a part already in
// the first screen's chunks is counted there, not twice).
const background = BACKGROUND_PARTS.filter((part) => !firstScreen.has(partKey('en-GB', part)));
const backgroundBytes = background.reduce((sum, part) => sum + partBytes('en-GB', part), 0);
console.log(`Catalogue parts fetched at start: ${kb(backgroundBytes)} gzip`);
for (const part of background) console.log(`  en-GB/${part}  ${kb(partBytes('en-GB', part))}`);

// The target (issues 2, 7 and 8) is the first screen's JS with the default language's voter
// words, which are in it; the parts above come after, in the background, and are shown beside it.
const verdict = firstScreenBytes <= TARGET_KB * 1024 ? 'within target' : 'OVER TARGET';
console.log(
  `Voter's first-screen JS: ${kb(firstScreenBytes)} gzip (target ≤ ${TARGET_KB} KB: ${verdict}); ` +
    `with the parts fetched in the background, a tablet's first load is ` +
    `${kb(firstScreenBytes + backgroundBytes)}`,
);

// An event in another language: the station also fetches that language's kiosk parts at start
// (src/app/voter/voter-language.ts), English's background parts still coming too.
const otherLanguages = [
  ...new Set(
    Object.keys(manifest)
      .map((key) => /^src\/app\/i18n\/locales\/([^/]+)\/voter\.po$/.exec(key)?.[1])
      .filter((language): language is string => language !== undefined && language !== 'en-GB'),
  ),
].sort();
const extra = otherLanguages.map((language) => {
  const bytes = KIOSK_PARTS.reduce((sum, part) => sum + partBytes(language, part), 0);
  return `${language} +${kb(bytes)}`;
});
console.log(`  an event in another language adds its kiosk parts: ${extra.join(', ')}`);

// Parts of their own for screens a voter never sees: fetched with those screens' lazy chunks.
for (const part of ['camera', 'hall']) {
  const chunk = manifest[partKey('en-GB', part)];
  if (chunk === undefined) {
    console.log(`Catalogue part ${part}: not a part of its own in this build.`);
    continue;
  }
  const eager = firstScreen.has(partKey('en-GB', part)) || BACKGROUND_PARTS.some((p) => p === part);
  console.log(
    `Catalogue part ${part} (${eager ? 'AT FIRST LOAD' : 'lazy'}): ` +
      `en-GB ${kb(gzipped(chunk.file))} gzip`,
  );
}

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
