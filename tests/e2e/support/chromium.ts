/**
 * How every browser test and benchmark starts Chromium: the system's Chromium (Playwright's own
 * download cannot run here), headless, with the background services switched off so a closed
 * network is not flooded and timings are not disturbed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type LaunchOptions } from '@playwright/test';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
  headless: true,
};

/** A fresh, empty browser profile: a station tablet that has never opened the app. */
export function newProfileDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dd-station-profile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Opens the browser on a profile kept on disk, as a tablet's browser is: close it and launch
 * again on the same directory to check what survives a restart (IndexedDB, the service worker).
 */
export function launchStation(profileDir: string, baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { ...LAUNCH_OPTIONS, baseURL });
}
