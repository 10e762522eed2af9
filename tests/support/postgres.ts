/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temporary folder, start it on a free
 * port on 127.0.0.1 (its socket in the same folder), and stop and remove it afterwards. Several
 * test runs can share a machine, so nothing is fixed: not the port, not the folder.
 *
 * Real PostgreSQL, as production runs it (fsync on): the tests of the PostgreSQL storage must see
 * what a real server does with transactions, locks and restarts. The binaries come from Debian's
 * `postgresql` package (`npm test` installs it when it can: tests/support/ensure-deps.js), or from
 * PG_BIN. initdb refuses to run as root, so as root the cluster runs as the `postgres` user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The superuser's password: connections over TCP need it (scram-sha-256), as in production. */
export const TEST_PG_PASSWORD = 'throwaway-test-cluster';

export interface TestPostgres {
  /**
   * `postgres://postgres:<password>@127.0.0.1:<port>/postgres`. TCP connections are checked with
   * scram-sha-256, so a wrong password is refused as a real server would; the socket is trusted.
   */
  url: string;
  /** Creates an empty database (a fresh name each call) and returns its URL. */
  createDatabase(): string;
  port: number;
  dataDir: string;
  /** Run SQL with psql against the maintenance database (or `database`), returning its output. */
  psql(sql: string, database?: string): string;
  /** Stop the server (fast shutdown) without removing its data: for restart tests. */
  stopServer(): void;
  /** Start it again on the same port and data. */
  startServer(): void;
  /** Stop it and remove the folder. */
  remove(): void;
}

/** Where the server binaries are: PG_BIN, else the newest Debian install, else the PATH. */
export function postgresBinDir(): string | undefined {
  const fromEnv = process.env['PG_BIN'];
  if (fromEnv !== undefined && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return join(debian, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found !== '' ? join(found, '..') : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the `postgres` user when we are root. */
function run(bin: string, program: string, args: string[]): string {
  const path = join(bin, program);
  const [command, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', path, ...args]]
    : [path, args];
  return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs SQL with psql on the test cluster at `port`, as its superuser over TCP. */
function psqlOn(bin: string, port: number) {
  return (sql: string, database = 'postgres'): string =>
    execFileSync(
      join(bin, 'psql'),
      ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-XAtqc', sql],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, PGPASSWORD: TEST_PG_PASSWORD },
      },
    );
}

/**
 * Databases on a test cluster started by another process (a test run's global set-up), reached
 * by its port: each process names its databases by its own pid, so several test files running at
 * once never make the same one.
 */
export function databasesOn(port: number): {
  create(): string;
  drop(url: string): void;
} {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error('PostgreSQL is not installed.');
  const psql = psqlOn(bin, port);
  let made = 0;
  return {
    create() {
      made += 1;
      const name = `dd_test_${process.pid}_${made}`;
      psql(`CREATE DATABASE ${name}`);
      return `postgres://postgres:${TEST_PG_PASSWORD}@127.0.0.1:${port}/${name}`;
    },
    drop(url) {
      // FORCE: a server killed by its test may leave a connection the cluster has not noticed yet.
      psql(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
    },
  };
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (bin === undefined) {
    throw new Error(
      'PostgreSQL is not installed: run `sudo apt-get install -y postgresql` (or set PG_BIN to its bin folder).',
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'dd-pg-'));
  if (asRoot) {
    const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    chownSync(dataDir, Number(ids), Number(gid));
  }
  chmodSync(dataDir, 0o700);
  const pwfile = join(dataDir, '..', `${dataDir.split('/').pop() ?? 'pg'}.pw`);
  writeFileSync(pwfile, TEST_PG_PASSWORD, { mode: 0o644 });
  run(bin, 'initdb', [
    '-D',
    dataDir,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    `--pwfile=${pwfile}`,
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  rmSync(pwfile, { force: true });
  const port = await freePort();
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1`;
  const startServer = () => {
    run(bin, 'pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dataDir, 'log'), '-w', 'start']);
  };
  const stopServer = () => {
    run(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  };
  startServer();
  let removed = false;
  const urlOf = (database: string) =>
    `postgres://postgres:${TEST_PG_PASSWORD}@127.0.0.1:${port}/${database}`;
  const psql = psqlOn(bin, port);
  let databases = 0;
  return {
    url: urlOf('postgres'),
    createDatabase: () => {
      databases += 1;
      const name = `dd_test_${databases}`;
      psql(`CREATE DATABASE ${name}`);
      return urlOf(name);
    },
    port,
    dataDir,
    psql,
    stopServer,
    startServer,
    remove: () => {
      if (removed) return;
      removed = true;
      try {
        stopServer();
      } catch {
        // Already stopped (a test stopped it): removing the folder is what is left.
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
