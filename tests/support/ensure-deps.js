#!/usr/bin/env node
// Runs before `npm start` and `npm test` with nothing but Node, so both work on a fresh clone:
// installs the npm packages if they are missing, with --browser finds (or installs) Chromium, and
// with --postgres finds (or installs) PostgreSQL's server for the storage tests.
import { existsSync, readdirSync } from 'node:fs';
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

if (process.argv.includes('--postgres')) {
  // The same places tests/support/postgres.ts looks: PG_BIN, Debian's folders, the PATH.
  const found = () =>
    (process.env.PG_BIN !== undefined && existsSync(`${process.env.PG_BIN}/initdb`)) ||
    (existsSync('/usr/lib/postgresql') &&
      readdirSync('/usr/lib/postgresql').some((v) =>
        existsSync(`/usr/lib/postgresql/${v}/bin/initdb`),
      )) ||
    spawnSync('sh', ['-c', 'command -v initdb']).status === 0;
  if (!found()) {
    const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
    if (canApt) {
      console.log('Installing PostgreSQL for the storage tests (apt-get install postgresql)…');
      run('apt-get', ['update', '-qq']);
      run('apt-get', ['install', '-y', '-qq', 'postgresql']);
    }
    if (!found()) {
      console.error(
        'The storage tests need PostgreSQL: run `sudo apt-get install -y postgresql` (or set PG_BIN).',
      );
      process.exit(1);
    }
  }
}
