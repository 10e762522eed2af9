/**
 * A tally server of a spec's own: the real built process (`.build/node/server.js`) on 127.0.0.1
 * with a fresh data folder, serving the built app, so a spec can kill it with SIGKILL, start it
 * again on the same folder and port (the stations keep the address they joined), and read the
 * central tally file straight from disk. Built on the server tests' process helper.
 */
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_EVENT } from '../../../src/core/demo-event.ts';
import type { JoinResponse } from '../../../src/core/protocol.ts';
import {
  call,
  startServer,
  tempDataDir,
  TEST_PASSWORD,
  type TallyServer,
} from '../../server/support/tally-server.ts';

/** The built app `npm test` makes before the browser tests; DIST_DIR points elsewhere if set. */
const DIST_DIR =
  process.env['DIST_DIR'] ?? fileURLToPath(new URL('../../../dist', import.meta.url));

export const ORGANISER_PASSWORD = TEST_PASSWORD;

export class TallyServerProcess {
  private constructor(
    private current: TallyServer,
    /** Stays the same across restarts: the address the stations joined. */
    readonly url: string,
    readonly dataDir: string,
    readonly joinCode: string,
  ) {}

  /** Starts on a free port with an empty data folder, which makes the demo event. */
  static async start(): Promise<TallyServerProcess> {
    const dataDir = tempDataDir();
    // The production rate limit stays on: the flapping and crash specs retry within it.
    const server = await startServer({ dataDir, env: serverEnv('0') });
    const joinCode = server.joinCodes.get(DEMO_EVENT.id);
    if (joinCode === undefined) {
      await server.stop('SIGKILL');
      throw new Error(`The server printed no join code for the demo event:\n${server.output()}`);
    }
    return new TallyServerProcess(server, server.url, dataDir, joinCode);
  }

  get port(): string {
    return new URL(this.url).port;
  }

  /** What the server printed since its last start. */
  output(): string {
    return this.current.output();
  }

  /** A power cut: no chance to finish writing or close files. */
  async kill(): Promise<void> {
    await this.current.stop('SIGKILL');
  }

  /** Starts again on the same data folder and port, as an organiser would after a crash. */
  async restart(): Promise<void> {
    await this.current.stop('SIGKILL');
    this.current = await startServer({ dataDir: this.dataDir, env: serverEnv(this.port) });
    if (this.current.url !== this.url) {
      throw new Error(`The restarted server is at ${this.current.url}, not ${this.url}`);
    }
  }

  /** Ends the server politely and removes its data folder. */
  async close(): Promise<void> {
    await this.current.stop('SIGTERM');
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Joins the demo event as a station over the API, without a browser. */
  async joinAsStation(stationName: string): Promise<JoinResponse> {
    const reply = await call<JoinResponse>(this, '/api/v1/stations/join', {
      body: { joinCode: this.joinCode, stationName },
    });
    if (reply.status !== 201) throw new Error(`Join failed: ${reply.status} ${reply.text}`);
    return reply.body;
  }

  /** Where the server keeps the demo event's central tally file. */
  get tallyFilePath(): string {
    return join(this.dataDir, 'events', DEMO_EVENT.id, 'tally.jsonl');
  }

  readTallyFile(): Promise<string> {
    return readFile(this.tallyFilePath, 'utf8');
  }

  /**
   * The ballot ids in the central file, in file order and with any repeats, read line by line
   * without the app's reader, so a duplicate the reader would refuse is still seen and counted.
   */
  async ballotIdsOnDisk(): Promise<string[]> {
    const text = await this.readTallyFile();
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { type?: string; ballot?: { id?: string } })
      .filter((record) => record.type === 'ballot')
      .map((record) => record.ballot?.id ?? '');
  }
}

function serverEnv(port: string): Record<string, string> {
  return { PORT: port, DIST_DIR };
}
