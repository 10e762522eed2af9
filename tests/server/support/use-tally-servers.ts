/**
 * Starts real tally servers for a vitest file and stops every one of them after each test (or after
 * the file), whether the test passed or not, so no server process outlives its test.
 *
 * Kept apart from tally-server.ts because that module is also loaded by Playwright and the tsx
 * benchmarks, where vitest's hooks cannot be imported.
 */
import { afterAll, afterEach } from 'vitest';
import { startServer, type StartOptions, type TallyServer } from './tally-server.ts';

interface UseTallyServers {
  /** How servers still running are ended: SIGTERM shuts down cleanly, SIGKILL at once, as a crash. */
  stopWith?: 'SIGTERM' | 'SIGKILL';
  /** 'all' for a file whose tests share one server started in beforeAll. */
  stopAfter?: 'each' | 'all';
}

export function useTallyServers({
  stopWith = 'SIGTERM',
  stopAfter = 'each',
}: UseTallyServers = {}) {
  const running: TallyServer[] = [];
  (stopAfter === 'each' ? afterEach : afterAll)(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop(stopWith)));
  });
  return async function server(options?: StartOptions): Promise<TallyServer> {
    const s = await startServer(options);
    running.push(s);
    return s;
  };
}
