import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // A volunteer accepts an update; it is never applied in the middle of someone's ballot.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png', 'icons/*.svg', 'images/*.svg'],
      manifest: {
        name: 'Decision Day',
        short_name: 'Decision Day',
        description: 'Offline voting for participatory budgeting decision days',
        lang: 'en-GB',
        start_url: '.',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d4e89',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Icons and bid images come through includeAssets; listing them here too duplicates entries.
        globPatterns: ['**/*.{js,css,html}'],
        // Without this the very first visit stays uncontrolled until a reload, so it would not work offline.
        clientsClaim: true,
        navigateFallback: 'index.html',
        // The sync API must reach the server, never the app shell.
        navigateFallbackDenylist: [/^\/api\//],
      },
    }),
  ],
  build: { target: 'es2022' },
  test: {
    setupFiles: ['tests/support/setup.ts'],
    testTimeout: 20_000,
    // Playwright specs live in tests/e2e and must not be collected here.
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/{unit,server,cli}/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['tests/component/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.tsx'],
          environment: 'jsdom',
        },
      },
    ],
  },
});
