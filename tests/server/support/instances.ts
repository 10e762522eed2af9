/**
 * Several real tally servers on one PostgreSQL database (issue 12), and stations that push to them
 * the way a tablet does: a batch is sent until some instance acknowledges it, through refused
 * connections (an instance killed), 503 (the database restarting) and 429 — so what the test counts
 * as acknowledged is exactly what a server answered 200 for. Shared by the multi-instance server
 * test and the PostgreSQL ingest benchmark; no Vitest import (the benchmark runs under tsx).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_EVENT } from '../../../src/core/demo-event.ts';
import type { JoinResponse, PushResponse } from '../../../src/core/protocol.ts';
import type { Ballot } from '../../../src/core/schema.ts';
import { call, startServer, tempDataDir, type TallyServer } from './tally-server.ts';

/** One server instance: restarted on the same data folder and port, so its address stays. */
export class Instance {
  private constructor(
    public current: TallyServer,
    readonly url: string,
    private readonly env: Record<string, string | undefined>,
  ) {}

  static async start(env: Record<string, string | undefined>): Promise<Instance> {
    const server = await startServer({ dataDir: tempDataDir(), env });
    return new Instance(server, server.url, env);
  }

  get port(): string {
    return new URL(this.url).port;
  }

  /** A crash: SIGKILL, no chance to finish anything. */
  kill(): Promise<number | null> {
    return this.current.stop('SIGKILL');
  }

  async restart(): Promise<void> {
    this.current = await startServer({
      dataDir: this.current.dataDir,
      env: { ...this.env, PORT: this.port },
    });
  }

  stop(): Promise<number | null> {
    return this.current.stop('SIGTERM');
  }
}

/** Several instances on the database at `databaseUrl`, started one after the other. */
export async function startInstances(
  databaseUrl: string,
  count: number,
  env: Record<string, string | undefined> = {},
): Promise<Instance[]> {
  const started: Instance[] = [];
  for (let i = 0; i < count; i += 1) {
    started.push(await Instance.start({ DATABASE_URL: databaseUrl, ...env }));
  }
  return started;
}

/** What the stations saw on their way: every status answered, and refused connections. */
export interface PushLog {
  acknowledged: Set<string>;
  statuses: Map<string, number>;
  /** Bodies of 5xx answers (their codes), to check the database outage was told as such. */
  failures: { status: number; code: string | undefined; retryAfter: string | null }[];
}

export function pushLog(): PushLog {
  return { acknowledged: new Set(), statuses: new Map(), failures: [] };
}

const note = (log: PushLog, what: string) =>
  log.statuses.set(what, (log.statuses.get(what) ?? 0) + 1);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Pushes one batch until an instance answers 200, starting with `first` and turning to the next
 * instance after each failure; resolves when it is acknowledged (and every id in it is stored).
 */
export async function pushUntilStored(
  instances: readonly Instance[],
  first: number,
  station: JoinResponse,
  ballots: readonly Ballot[],
  castCount: number,
  log: PushLog,
  deadlineMs = 60_000,
): Promise<void> {
  const body = { protocol: 1, eventId: DEMO_EVENT.id, castCount, ballots };
  const giveUp = Date.now() + deadlineMs;
  for (let attempt = 0; Date.now() < giveUp; attempt += 1) {
    const target = instances[(first + attempt) % instances.length];
    if (target === undefined) throw new Error('no instances');
    let wait = 100;
    try {
      const reply = await call<PushResponse>(target, '/api/v1/ballots', {
        token: station.token,
        body,
      });
      note(log, String(reply.status));
      if (reply.status === 200) {
        if (reply.body.rejected.length > 0) {
          throw new Error(`ballots rejected: ${JSON.stringify(reply.body.rejected)}`);
        }
        const stored = new Set(reply.body.stored);
        const missing = ballots.filter((b) => !stored.has(b.id));
        if (missing.length > 0) throw new Error(`200 without ${missing.length} of the ballots`);
        for (const id of stored) log.acknowledged.add(id);
        return;
      }
      if (reply.status >= 500) {
        const code = (reply.body as { error?: { code?: string } } | undefined)?.error?.code;
        log.failures.push({
          status: reply.status,
          code,
          retryAfter: reply.headers.get('Retry-After'),
        });
      }
      if (reply.status !== 503 && reply.status !== 429 && reply.status !== 500) {
        throw new Error(`push answered ${reply.status}: ${reply.text}`);
      }
      const after = Number(reply.headers.get('Retry-After'));
      if (Number.isFinite(after) && after > 0) wait = Math.min(after * 1000, 1000);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      // fetch failed: the instance is down (killed, restarting).
      note(log, 'refused');
    }
    await sleep(wait);
  }
  throw new Error(`a batch of station ${station.stationId} was never acknowledged`);
}

/** The tally file as the organiser downloads it from `instance`. */
export async function downloadTally(instance: { url: string }, token: string): Promise<string> {
  const reply = await call(instance, `/api/v1/events/${DEMO_EVENT.id}/tally-file`, { token });
  if (reply.status !== 200) throw new Error(`tally-file: ${reply.status} ${reply.text}`);
  return reply.text;
}

const CLI = fileURLToPath(new URL('../../../src/cli/decision-day.js', import.meta.url));

/** `decision-day verify` on `text`: its exit code and what it printed. */
export function verifyWithCli(text: string): { code: number; output: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'dd-verify-')), 'tally.jsonl');
  writeFileSync(file, text);
  try {
    const output = execFileSync(process.execPath, [CLI, 'verify', file], { encoding: 'utf8' });
    return { code: 0, output };
  } catch (error) {
    const e = error as { status?: number; stdout?: string; stderr?: string };
    return { code: e.status ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}
