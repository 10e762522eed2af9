#!/usr/bin/env node
/**
 * Builds the two Node programs, the `decision-day` command line (src/cli/main.ts) and the tally
 * server (src/server/main.ts), into plain JavaScript in .build/node/ — outside dist/, which the
 * server serves to the public. They start in a fraction of the time compiling TypeScript on the
 * fly took. `npm ci` (prepare), `npm run build`, `npm start` and the tests run it; it takes well
 * under a second. Plain JavaScript itself, so it runs with nothing but Node and esbuild.
 *
 *   node src/build.js          build
 *   import { buildNode } from './build.js'   the same, from the tests' set-up and the CLI's bin
 *
 * The libraries are bundled in too: one file per command loads faster than hundreds in
 * node_modules. Each command is its own chunk (src/cli/main.ts imports them lazily), so
 * `decision-day --help` loads almost nothing.
 *
 * Several test runs may share one checkout, so files are written under a temporary name and
 * renamed into place (chunks are named by their content's hash): a program never starts half
 * written.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the built programs are: .build/node/cli.js and .build/node/server.js. */
export const NODE_BUILD_DIR = join(ROOT, '.build', 'node');

/**
 * The server finds the app's files at `../../dist` from its own file (src/server/config.ts), so
 * server.js sits two folders below the project, as src/server/main.ts does.
 */
const ENTRY_POINTS = {
  cli: 'src/cli/main.ts',
  server: 'src/server/main.ts',
  // The worker thread `decision-day tally` counts equal shares on (src/cli/mes-parallel.ts).
  'mes-worker': 'src/cli/mes-worker.ts',
  // The worker thread the server reads and verifies large tally files on (src/server/off-thread/).
  'tally-worker': 'src/server/off-thread/tally-worker.ts',
};

/**
 * zod re-exports every language of its own error messages as `z.locales`, so a bundle that uses
 * `z` carries all of them (about 300 KB of the command line's largest chunk, parsed at every
 * start). We only ever use its English default (our words come from our own catalogues), so its
 * list of languages is cut down to that one. The benchmark that times a cold `.pb` read bundles
 * its reader with this too (tests/bench/cli.bench.ts), so it times what the command line runs.
 */
export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, '../locales/index.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: join(args.path, '..'),
    }));
  },
};

/** Chunks of an earlier build are kept this long, in case a program started then still loads one. */
const STALE_MS = 10 * 60 * 1000;

/** Builds both programs; resolves to the folder they are in. */
export async function buildNode() {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir: NODE_BUILD_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
    plugins: [zodEnglishOnly],
    // CommonJS libraries bundled into ES modules still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __ddCreateRequire } from 'node:module'; const require = __ddCreateRequire(import.meta.url);",
    },
  });
  await mkdir(NODE_BUILD_DIR, { recursive: true });
  const written = new Set();
  // Chunks first, entry points last: an entry point never names a chunk not yet there.
  const entries = new Set(Object.keys(ENTRY_POINTS).flatMap((n) => [`${n}.js`, `${n}.js.map`]));
  const ordered = [...result.outputFiles].sort(
    (a, b) => Number(entries.has(basename(a.path))) - Number(entries.has(basename(b.path))),
  );
  for (const file of ordered) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
    written.add(basename(file.path));
  }
  for (const name of await readdir(NODE_BUILD_DIR)) {
    if (written.has(name)) continue;
    const path = join(NODE_BUILD_DIR, name);
    const info = await stat(path).catch(() => null);
    if (info !== null && Date.now() - info.mtimeMs > STALE_MS) await rm(path, { force: true });
  }
  return NODE_BUILD_DIR;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  await buildNode();
  console.log(
    `Built the command line and the server into ${NODE_BUILD_DIR} in ${Math.round(performance.now() - started)} ms`,
  );
}
