import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { lingui } from '@lingui/vite-plugin';

/** See test.projects: these run alone. */
const TIMED_TESTS = [
  'tests/server/start-large.test.ts',
  'tests/server/import-large.test.ts',
  'tests/server/hostile-requests.test.ts',
  'tests/unit/bids-import-limits.test.ts',
];

/**
 * See test.projects: server tests run a second time with every server on PostgreSQL (issue 12:
 * the same tests, two backends). Those about what the storage keeps; the rest (HTTP security,
 * configuration, timing, start-up of the tally files) does not depend on where it is kept.
 * Accounts, invites, the audit trail and registers are left out: their store contracts
 * (account-store-contract, register-store-contract) run on both backends already, and their HTTP
 * tests above the store took about 50 s of the suite's time for nothing more.
 */
const POSTGRES_TESTS = [
  'tests/server/sync.test.ts',
  'tests/server/events.test.ts',
  'tests/server/state-records.test.ts',
  'tests/server/voids.test.ts',
  'tests/server/withdrawals.test.ts',
  'tests/server/closing.test.ts',
  'tests/server/closing-photo.test.ts',
  'tests/server/closing-reversion.test.ts',
  'tests/server/import.test.ts',
  'tests/server/station-revoke.test.ts',
  'tests/server/pictures-packages.test.ts',
  'tests/server/voting-codes.test.ts',
  'tests/server/roles.test.ts',
  'tests/server/equalities.test.ts',
  'tests/server/equalities-file.test.ts',
  'tests/server/publication.test.ts',
  'tests/server/crash.test.ts',
  'tests/server/bad-input.test.ts',
  'tests/server/inclusion.test.ts',
];

/** VITEST_WORKERS: how many test files run at once, from 1 to 8. */
function vitestWorkers(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 8) {
    throw new Error(`VITEST_WORKERS must be a whole number from 1 to 8, not "${raw}".`);
  }
  return n;
}

export default defineConfig({
  plugins: [
    react(),
    // Compiles the .po catalogues at build time; a key missing in any language fails the build.
    lingui({ failOnMissing: true, failOnCompileError: true }),
    VitePWA({
      // A volunteer accepts an update; it is never applied in the middle of someone's ballot.
      registerType: 'prompt',
      injectRegister: false,
      // Precached so a station that was online once shows every bid's picture offline.
      includeAssets: ['icons/*.png', 'icons/*.svg', 'images/*.svg'],
      manifest: {
        id: '/',
        name: 'Decision Day',
        short_name: 'Decision Day',
        description: 'Offline voting for participatory budgeting decision days',
        lang: 'en-GB',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        // Stations are tablets stood on a table; either way up must work.
        orientation: 'any',
        background_color: '#ffffff',
        theme_color: '#1d4e89',
        // The PNGs are full-bleed with the picture inside the central 80 % circle, so one file
        // serves as both the plain and the maskable icon.
        icons: [
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Icons and bid images come through includeAssets; listing them here too duplicates entries.
        // wasm: ZXing's QR code reader (1.1 MB, under workbox's 2 MB limit), for scanning with no
        // internet where the browser has no BarcodeDetector.
        globPatterns: ['**/*.{js,css,html,wasm}'],
        // Without this the very first visit stays uncontrolled until a reload, so it would not work offline.
        clientsClaim: true,
        navigateFallback: 'index.html',
        // The sync API must reach the server, never the app shell.
        navigateFallbackDenylist: [/^\/api\//],
        // Bid pictures are named by the hash of their bytes, so a cached one is never stale: served
        // from the cache first, they show offline. A station that loads an event from a file puts
        // its pictures here itself (src/app/station/picture-cache.ts). No other /api/ path is cached.
        runtimeCaching: [
          {
            urlPattern: /\/api\/pictures\/[0-9a-f]{64}\.(?:jpg|png|webp)$/,
            handler: 'CacheFirst',
            options: {
              cacheName: 'decision-day-pictures',
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  build: {
    target: 'es2022',
    // .vite/manifest.json maps each entry to its static imports: the bundle benchmark reads it to
    // measure what the voter's first screen really loads, leaving lazy chunks out.
    manifest: true,
    // Every browser a station or organiser uses has <link rel="modulepreload"> (Chromium 66,
    // Safari 17, Firefox 115): Vite's polyfill for older ones would ride in the first screen.
    modulePreload: { polyfill: false },
    // Everything the first screen loads anyway goes in one chunk (beside the entry, index.html
    // and src/main.tsx, which stay the entry chunk the manifest names). Rolldown's own splitting
    // made about thirty small shared chunks of it (Modal, money, event-repo …, some under 200
    // bytes), each with its own imports and exports and gzipped alone: 127.0 KB gzip of JS for
    // the voter's first screen in 33 chunks, against 117.3 KB in 3. Lazy chunks stay as they
    // were (the organiser's screens, the camera, zod's protocol chunk …): a module only they use
    // has no '$initial' tag.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'first-screen',
              tags: ['$initial'],
              test: (id: string) => !/[\\/](index\.html|src[\\/]main\.tsx)$/.test(id),
            },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev` beside `npm start`: the station's sync and the organiser's screens reach the
    // real tally server on its default port.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    setupFiles: ['tests/support/setup.ts'],
    testTimeout: 20_000,
    // VITEST_WORKERS test files at once. Vitest's own default on two cores is one, which leaves a
    // core idle while a server test waits on its server process.
    maxWorkers: vitestWorkers(process.env['VITEST_WORKERS'] ?? '2'),
    // Playwright specs live in tests/e2e and must not be collected here.
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/{unit,server,cli}/**/*.test.ts'],
          exclude: TIMED_TESTS,
          environment: 'node',
          // The CLI tests run the built command: build it first (src/build.js), never test a stale one.
          globalSetup: ['tests/support/build-node.ts'],
        },
      },
      {
        extends: true,
        test: {
          // Tests that time the server's answers or hold it to a request rate: one at a time, after
          // the rest, so no other test file competes with them for the two cores.
          name: 'node-timed',
          include: TIMED_TESTS,
          environment: 'node',
          maxWorkers: 1,
          globalSetup: ['tests/support/build-node.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The storage's server tests again, each server on a fresh database of one throwaway
          // PostgreSQL cluster for the run (pg-cluster.ts): tests/server/support/test-storage.ts.
          name: 'node-pg',
          include: POSTGRES_TESTS,
          environment: 'node',
          env: { DD_TEST_STORAGE: 'postgres' },
          hookTimeout: 60_000,
          setupFiles: ['tests/server/support/pg-per-file.ts'],
          globalSetup: ['tests/support/build-node.ts', 'tests/server/support/pg-cluster.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['tests/component/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['tests/support/setup-dom.ts'],
        },
      },
    ],
  },
});
