/**
 * Runs the real tally server (the built `.build/node/server.js`, as `npm start` does) on 127.0.0.1
 * with a free port and a temporary data folder, and talks to it with real fetch. Shared by the
 * server tests, the browser tests and the ingest benchmark.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_EVENT } from '../../../src/core/demo-event.ts';
import type { JoinResponse, PushResponse } from '../../../src/core/protocol.ts';
import type { Ballot } from '../../../src/core/schema.ts';
import { databaseFor, onPostgres } from './test-storage.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BUILT_SERVER = join(ROOT, '.build', 'node', 'server.js');
export const TEST_PASSWORD = 'correct horse battery staple';

export interface TallyServer {
  url: string;
  dataDir: string;
  /** Join codes printed at start, by event id. */
  joinCodes: Map<string, string>;
  /** Everything the server printed so far. */
  output: () => string;
  process: ChildProcess;
  /** Sends a signal and waits for the process to end; resolves with its exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'decision-day-server-'));
}

export interface StartOptions {
  /** An existing data folder, to restart on what an earlier server wrote. */
  dataDir?: string;
  /** Environment overrides; undefined removes a variable. */
  env?: Record<string, string | undefined>;
}

export async function startServer(options: StartOptions = {}): Promise<TallyServer> {
  // The tests build it before they start; a benchmark run on a checkout never built builds it here.
  if (!existsSync(BUILT_SERVER)) execFileSync(process.execPath, [join(ROOT, 'src', 'build.js')]);
  const dataDir = options.dataDir ?? tempDataDir();
  // DD_TEST_STORAGE=postgres: the same server on a database of its own (test-storage.ts), unless
  // the test chose its DATABASE_URL itself.
  const database =
    onPostgres && !(options.env !== undefined && 'DATABASE_URL' in options.env)
      ? { DATABASE_URL: await databaseFor(dataDir) }
      : {};
  // The built server (src/build.js), as `npm start` runs it: the Vitest set-up and the browser
  // tests' web server build it first, so it is never older than the source. Compiling the
  // TypeScript on every start instead cost each of the suite's hundreds of starts a second or two.
  const child = spawn(process.execPath, [BUILT_SERVER], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIST_DIR: join(dataDir, 'no-dist'),
      ORGANISER_PASSWORD: TEST_PASSWORD,
      ...database,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (https?:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening:\n${output}`)),
    );
  });
  const joinCodes = new Map<string, string>();
  for (const m of output.matchAll(/\((\S+)\): join code (\S+),/g)) {
    if (m[1] !== undefined && m[2] !== undefined) joinCodes.set(m[1], m[2]);
  }
  return {
    url,
    dataDir,
    joinCodes,
    output: () => output,
    process: child,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/**
 * `fetch`, sent again once when it fails on a connection the server had closed. A body over a
 * limit is refused while it streams in (413), and the server then closes that connection; Node's
 * fetch may still hand it to the next request, which fails before any answer ("other side
 * closed": CI runs of 2 December 2026, in pictures-packages and closing-photo). A browser sends
 * such a request again on a new connection; Node's fetch does not, so the tests' clients do.
 */
export async function fetchResending(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    const cause = e instanceof TypeError ? (e.cause as { code?: string } | undefined) : undefined;
    if (cause?.code !== 'UND_ERR_SOCKET') throw e;
    return fetch(url, init);
  }
}

export async function call<T = unknown>(
  server: { url: string },
  path: string,
  init: { method?: string; token?: string; body?: unknown; raw?: string } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers['Authorization'] = `Bearer ${init.token}`;
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetchResending(`${server.url}${path}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed as T, text, headers: response.headers };
}

export async function joinStation(
  server: TallyServer,
  name: string,
  eventId = DEMO_EVENT.id,
): Promise<JoinResponse> {
  const joinCode = server.joinCodes.get(eventId);
  const reply = await call<JoinResponse>(server, '/api/v1/stations/join', {
    body: { joinCode, stationName: name },
  });
  if (reply.status !== 201) throw new Error(`join failed: ${reply.status} ${reply.text}`);
  return reply.body;
}

export async function push(
  server: { url: string },
  station: { token: string },
  ballots: readonly unknown[],
  castCount: number,
  eventId = DEMO_EVENT.id,
): Promise<Reply<PushResponse>> {
  return call<PushResponse>(server, '/api/v1/ballots', {
    token: station.token,
    body: { protocol: 1, eventId, castCount, ballots },
  });
}

/**
 * Signs in as the first account, `organiser` (or `name`), and returns the session token from the
 * `dd_session` cookie, for use as a bearer token (as the CLI and other programs do).
 */
export async function organiserToken(
  server: { url: string },
  password = TEST_PASSWORD,
  name = 'organiser',
) {
  const reply = await call(server, '/api/v1/organiser/login', { body: { name, password } });
  if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${reply.text}`);
  const token = sessionCookie(reply.headers);
  if (token === undefined) throw new Error(`login set no dd_session cookie: ${reply.text}`);
  return token;
}

/** The `dd_session` token a response's Set-Cookie sets, if any. */
export function sessionCookie(headers: Headers): string | undefined {
  for (const cookie of headers.getSetCookie()) {
    const match = /^dd_session=([^;]*)/.exec(cookie);
    if (match?.[1] !== undefined && match[1] !== '') return match[1];
  }
  return undefined;
}

const DEMO_BIDS = DEMO_EVENT.bids.map((b) => b.id);

/** A valid demo-event ballot approving 1–5 bids picked from `seed`. */
export function demoBallot(stationId: string, seed: number, id: string = randomUUID()): Ballot {
  const count = 1 + (seed % 5);
  const bids = Array.from(
    { length: count },
    (_, k) => DEMO_BIDS[(seed + k * 3) % DEMO_BIDS.length] ?? '',
  );
  return {
    id,
    eventId: DEMO_EVENT.id,
    stationId,
    castHour: '2026-06-13T14:00Z',
    choice: { kind: 'approval', bids: [...new Set(bids)] },
  };
}

export const demoBallots = (stationId: string, n: number, from = 0): Ballot[] =>
  Array.from({ length: n }, (_, i) => demoBallot(stationId, from + i));
