#!/usr/bin/env node
// Runs before `npm start` and `npm test` with nothing but Node, so both work on a fresh clone:
// installs the npm packages if they are missing, and with --browser finds (or installs) Chromium.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status === 0;

if (!existsSync(`${root}/node_modules/.package-lock.json`)) {
  console.log('Installing packages (npm ci)…');
  if (!run('npm', ['ci'])) process.exit(1);
}

if (process.argv.includes('--browser')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
    if (canApt) {
      console.log('Installing Chromium for the browser tests (apt-get install chromium)…');
      run('apt-get', ['update', '-qq']);
      run('apt-get', ['install', '-y', '-qq', 'chromium']);
    }
    if (!existsSync(chromium)) {
      console.error(
        'Browser tests need Chromium: run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH).',
      );
      process.exit(1);
    }
  }
}
