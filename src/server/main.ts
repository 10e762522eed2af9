/**
 * `npm start`: the tally server. Opens (or, on first start, creates) the data folder, serves the
 * app and the sync API on one port, and shuts down cleanly on SIGTERM/SIGINT: no new requests,
 * writes in progress finished and fsynced, files closed.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { hostname } from 'node:os';
import { join } from 'node:path';
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
import { lanAddresses } from './tls/addresses.ts';
import { ensureHallTls, type HallTls } from './tls/hall-tls.ts';
import { trustApp } from './tls/trust-listener.ts';
import type { HallState } from './http/hall-routes.ts';
import { HALL_TRUST_PATH, type HallResponse } from '../core/hall-api.ts';

const SHUTDOWN_GRACE_MS = 10_000;

// Names in the log (events, stations) are organisers' and stations' text: no terminal escapes.
const log = (line: string) => console.log(terminalSafe(line));
const now = () => new Date();

// `npm run start:hall` (`--hall`): LOCAL_TLS=on, on every system (no shell syntax for variables).
const config = readConfig(
  process.argv.includes('--hall') ? { ...process.env, LOCAL_TLS: 'on' } : process.env,
);
if (!config.ok) {
  console.error(`Cannot start: ${config.error}`);
  process.exit(2);
}
const { port, host, dataDir, distDir, tls, rateLimit, localTls } = config.value;

// LOCAL_TLS=on: the hall laptop's own certificate authority and server certificate, made on first
// start and kept in DATA_DIR/tls (tls/hall-tls.ts, docs/deploying.md).
let hallTls: HallTls | null = null;
if (localTls !== null) {
  const dir = join(dataDir, 'tls');
  try {
    hallTls = await ensureHallTls({
      dir,
      hostname: hostname(),
      addresses: lanAddresses(),
      now: now(),
    });
  } catch (e) {
    console.error(
      `Cannot start: the hall's certificates in ${dir} could not be made or read: ${e instanceof Error ? e.message : String(e)}`,
    );
    process.exit(1);
  }
  if (hallTls.made === 'new-ca')
    log(`Made a certificate authority for this laptop: "${hallTls.caName}"`);
  if (hallTls.made === 'new-server-cert')
    log(`Issued a new server certificate (${hallTls.why ?? 'renewed'})`);
}
const secure = tls !== null || hallTls !== null;

// Listening before the events are opened: /health is answered at once and everything else is 503
// with Retry-After (src/server/starting.ts) until the app takes over below. Opening 140,000 ballots
// takes seconds; stations must not find the server unreachable meanwhile.
const starting = startingApp({ distDir, tls: secure });
let handle: (request: Request, env: unknown) => Response | Promise<Response> = (request, env) =>
  starting.fetch(request, env);
const scheme = secure ? 'https' : 'http';
let httpsPort = port;
let trustPort: number | null = null;
let listened: (port: number) => void = () => {};
const listeningPort = new Promise<number>((resolve) => (listened = resolve));
const server = serve(
  {
    fetch: (request, env) => handle(request, env),
    port,
    hostname: host,
    ...(!secure
      ? { serverOptions: SERVER_TIMEOUTS }
      : {
          createServer: createHttpsServer,
          serverOptions: {
            ...SERVER_TIMEOUTS,
            ...(hallTls !== null
              ? { cert: hallTls.cert, key: hallTls.key }
              : { cert: readFileSync(tls?.certPath ?? ''), key: readFileSync(tls?.keyPath ?? '') }),
          },
        }),
  },
  (info: AddressInfo) => {
    log(
      `Opening the events; answering ${API_PREFIX}/health on ${scheme}://${host}:${info.port} meanwhile`,
    );
    httpsPort = info.port;
    listened(info.port);
  },
);

/** The host names tablets type: this machine's LAN addresses when listening on all of them. */
function tabletHosts(): string[] {
  if (host !== '0.0.0.0') return [host];
  const ips = hallTls?.names.ips.filter((ip) => ip !== '127.0.0.1') ?? lanAddresses();
  const local = hallTls?.names.dns.find((name) => name.endsWith('.local'));
  return [...ips, ...(local === undefined ? [] : [local])];
}

const hall: HallState = {
  info: (): HallResponse => {
    if (hallTls === null) {
      return {
        tls: tls !== null ? 'configured' : 'none',
        addresses: [],
        trustUrl: null,
        caFingerprint: null,
        caName: null,
      };
    }
    const hosts = tabletHosts();
    return {
      tls: 'local',
      addresses: hosts.map((h) => `https://${h}:${httpsPort}/`),
      trustUrl:
        trustPort === null || hosts[0] === undefined
          ? null
          : `http://${hosts[0]}:${trustPort}${HALL_TRUST_PATH}`,
      caFingerprint: hallTls.caFingerprint,
      caName: hallTls.caName,
    };
  },
  caCert: hallTls?.caCert ?? null,
  about: () =>
    hallTls === null
      ? null
      : { caFingerprint: hallTls.caFingerprint, caName: hallTls.caName, httpsPort },
};

let trustListened: () => void = () => {};
const trustListening = new Promise<void>((resolve) => (trustListened = resolve));
// The plain-HTTP port where a tablet that does not trust the laptop yet finds the trust page and
// the CA certificate, and nothing else (tls/trust-listener.ts).
const trustServer =
  hallTls === null || localTls === null
    ? null
    : serve(
        {
          fetch: trustApp({
            distDir,
            hall,
            httpsPort: () => httpsPort,
            fallbackHost: tabletHosts()[0] ?? 'localhost',
          }).fetch,
          port: localTls.httpPort,
          hostname: host,
          serverOptions: SERVER_TIMEOUTS,
        },
        (info: AddressInfo) => {
          trustPort = info.port;
          trustListened();
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
  tls: secure,
  hall,
  log,
});
handle = (request, env) => app.fetch(request, env);
const listening = await listeningPort;
log(`Decision Day tally server listening on ${scheme}://${host}:${listening}`);
if (hallTls !== null) {
  await trustListening;
  const info = hall.info();
  log('Tablets in this hall (LOCAL_TLS):');
  log(
    `  1. On each tablet, open ${info.trustUrl ?? '(the trust page did not start)'} and trust this laptop`,
  );
  log(`  2. Then open the app at ${info.addresses.join(' or ')}`);
  log(`  Certificate fingerprint (SHA-256): ${hallTls.caFingerprint}`);
  if (host === '0.0.0.0' && lanAddresses().length === 0) {
    log(
      "  No network address yet: join the hall's Wi-Fi, then restart so tablets can reach this laptop.",
    );
  }
} else if (host === '0.0.0.0') {
  for (const address of lanAddresses())
    log(`  Stations on this network: ${scheme}://${address}:${listening}`);
  if (tls === null) {
    log(
      '  Tablets need HTTPS to work offline: npm run start:hall (LOCAL_TLS=on), docs/deploying.md.',
    );
  }
}

// Slow clients: Node's limits bound the headers and the whole request (SERVER_TIMEOUTS); this
// bounds how slowly a body may trickle in.
if ('requestTimeout' in server) dropStalledBodies(server);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping. Finishing the requests in progress…`);
  setTimeout(() => {
    log('Requests still open after 10 s: closing them.');
    if ('closeAllConnections' in server) server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS).unref();
  trustServer?.close();
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
