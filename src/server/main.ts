/**
 * `npm start`: the tally server. Opens (or, on first start, creates) the data folder, serves the
 * app and the sync API on one port, and shuts down cleanly on SIGTERM/SIGINT: no new requests,
 * writes in progress finished and fsynced, files closed.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { readConfig } from './config.ts';
import { ensureAnEvent, ensureFirstAccount } from './first-run.ts';
import { createApp } from './http/app.ts';
import { openStorage, type Storage } from './storage.ts';
import { openLimits } from './limits.ts';
import { terminalSafe } from '../core/terminal-safe.ts';
import { dropStalledBodies, SERVER_TIMEOUTS } from './slow-clients.ts';
import { startingApp } from './starting.ts';
import { API_PREFIX } from '../core/protocol.ts';

const SHUTDOWN_GRACE_MS = 10_000;

// Names in the log (events, stations) are organisers' and stations' text: no terminal escapes.
const log = (line: string) => console.log(terminalSafe(line));
const now = () => new Date();

const config = readConfig(process.env);
if (!config.ok) {
  console.error(`Cannot start: ${config.error}`);
  process.exit(2);
}
const { port, host, dataDir, distDir, tls, rateLimit } = config.value;

// Listening before the events are opened: /health is answered at once and everything else is 503
// with Retry-After (src/server/starting.ts) until the app takes over below. Opening 140,000 ballots
// takes seconds; stations must not find the server unreachable meanwhile.
const starting = startingApp({ distDir, tls: tls !== null });
let handle: (request: Request, env: unknown) => Response | Promise<Response> = (request, env) =>
  starting.fetch(request, env);
const scheme = tls === null ? 'http' : 'https';
let listened: (port: number) => void = () => {};
const listeningPort = new Promise<number>((resolve) => (listened = resolve));
const server = serve(
  {
    fetch: (request, env) => handle(request, env),
    port,
    hostname: host,
    ...(tls === null
      ? { serverOptions: SERVER_TIMEOUTS }
      : {
          createServer: createHttpsServer,
          serverOptions: {
            ...SERVER_TIMEOUTS,
            cert: readFileSync(tls.certPath),
            key: readFileSync(tls.keyPath),
          },
        }),
  },
  (info: AddressInfo) => {
    log(
      `Opening the events; answering ${API_PREFIX}/health on ${scheme}://${host}:${info.port} meanwhile`,
    );
    listened(info.port);
  },
);

let storage: Storage;
try {
  storage = await openStorage({
    dataDir,
    databaseUrl: config.value.databaseUrl,
    sessions: config.value.sessions,
    log,
    now,
  });
} catch (e) {
  // A database that cannot be used is one sentence, not a stack trace (store/pg/database.ts). By
  // name: importing the classes here would load the PostgreSQL client on every start.
  if (e instanceof Error && (e.name === 'DatabaseUnavailable' || e.name === 'MigrationFailed')) {
    console.error(`Cannot start: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
const { store, registers, equalities, publications, audit, accounts, sessions } = storage;
await ensureAnEvent(store, log);
await ensureFirstAccount(accounts, dataDir, config.value.organiserPassword, log, now);
for (const info of store.events()) {
  log(
    `Event "${info.event.name}" (${info.event.id}): join code ${info.joinCode}, ${info.ballots} ballots`,
  );
}

const app = createApp({
  store,
  sessions,
  accounts,
  rateLimit,
  // Counted in PostgreSQL with DATABASE_URL, so every instance counts against the same numbers.
  limits: openLimits({ pool: storage.pool, rateLimit }),
  now,
  refresh: () => storage.refresh(),
  distDir,
  registers,
  equalities,
  publications,
  audit,
  tls: tls !== null,
  log,
});
handle = (request, env) => app.fetch(request, env);
const listening = await listeningPort;
log(`Decision Day tally server listening on ${scheme}://${host}:${listening}`);
if (host === '0.0.0.0') {
  for (const address of lanAddresses())
    log(`  Stations on this network: ${scheme}://${address}:${listening}`);
  if (tls === null) {
    log('  Tablets need HTTPS (TLS_CERT, TLS_KEY) to work offline unless they use localhost.');
  }
}

// Slow clients: Node's limits bound the headers and the whole request (SERVER_TIMEOUTS); this
// bounds how slowly a body may trickle in.
if ('requestTimeout' in server) dropStalledBodies(server);

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a?.address ?? '');
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping. Finishing the requests in progress…`);
  setTimeout(() => {
    log('Requests still open after 10 s: closing them.');
    if ('closeAllConnections' in server) server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS).unref();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
  await storage.close();
  log('Stopped. Every acknowledged ballot is on disk.');
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
