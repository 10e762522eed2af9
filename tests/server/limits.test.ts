/**
 * The request limit and the sign-in throttle (src/server/limits.ts) on rate-limiter-flexible: the
 * same tests on both backends, counters in memory (the file store) and in a real PostgreSQL
 * (DATABASE_URL), on a clock the test moves (vi.useFakeTimers: the library reads Date.now). Then,
 * PostgreSQL only: two instances share the counts, and what happens when PostgreSQL is stopped.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { usePostgres } from '../support/use-postgres.ts';
import type { Pool } from '../../src/server/store/pg/database.ts';
import { migrate } from '../../src/server/store/pg/migrate.ts';
import { rateLimits } from '../../src/server/store/pg/migrations/005-rate-limits.ts';
import { memoryCounters, openLimits, type Limits } from '../../src/server/limits.ts';
import { LoginThrottle } from '../../src/server/accounts/throttle.ts';
import { rateWindow, type RateLimit } from '../../src/server/http/rate-limit.ts';
import { StorageError } from '../../src/server/store/tally-store.ts';

const MIN = 60_000;
const START = Date.parse('2026-05-01T09:00:00Z');

const cluster = usePostgres();
afterEach(() => {
  vi.useRealTimers();
});

/** A fresh database with migration 5; `instances` pools on it, as separate servers would have. */
async function database(instances = 1): Promise<Pool[]> {
  const opened = await cluster.pools(instances);
  await migrate(opened[0] as Pool, [rateLimits]);
  return opened;
}

interface Backend {
  name: string;
  open(rateLimit?: RateLimit): Promise<Limits>;
  /** Moves the clock on. */
  later(ms: number): Promise<void>;
}

const FAST: RateLimit = { burst: 1_000_000, perSecond: 1_000_000 };

const memory: Backend = {
  name: 'in memory',
  open: (rateLimit = FAST) => {
    // The in-memory counters forget a key with a timer: those are the test's too.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(START);
    return Promise.resolve(openLimits({ pool: null, rateLimit }));
  },
  later: (ms) => {
    vi.advanceTimersByTime(ms);
    return Promise.resolve();
  },
};

const postgres: Backend = {
  name: 'in PostgreSQL',
  open: async (rateLimit = FAST) => {
    const [pool] = await database();
    // Only the clock: the PostgreSQL client's own timers stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(START);
    return openLimits({ pool: pool as Pool, rateLimit });
  },
  later: (ms) => {
    vi.setSystemTime(Date.now() + ms);
    return Promise.resolve();
  },
};

const waits = (limits: Limits, keys: string[]) => limits.signIn.attempt(keys).then((a) => a.wait);

describe.each([memory, postgres])('the sign-in throttle, $name', (backend) => {
  it('lets five failures through, then doubles the wait from 1 s up to 15 minutes', async () => {
    const limits = await backend.open();
    const keys = ['name:ann', 'address:10.0.0.1'];
    for (let i = 0; i < 5; i += 1) expect(await waits(limits, keys)).toBe(0);
    const seen: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const wait = await waits(limits, keys);
      seen.push(wait);
      // Refused attempts count nothing: asking again a little early is refused the same.
      await backend.later(wait * 1000 - 200);
      expect(await waits(limits, keys)).toBeGreaterThan(0);
      await backend.later(200);
      expect(await waits(limits, keys)).toBe(0);
    }
    expect(seen).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
  });

  it('counts guesses sent all at once before any is checked: five go ahead', async () => {
    const limits = await backend.open();
    const keys = ['name:ann', 'address:a'];
    const attempts = await Promise.all(
      Array.from({ length: 12 }, () => limits.signIn.attempt(keys)),
    );
    expect(attempts.filter((a) => a.wait === 0)).toHaveLength(5);
    expect(attempts.filter((a) => a.wait === 1)).toHaveLength(7);
    // Once the wait is over, guesses at once again: one goes ahead.
    await backend.later(1000);
    const again = await Promise.all(Array.from({ length: 6 }, () => limits.signIn.attempt(keys)));
    expect(again.filter((a) => a.wait === 0)).toHaveLength(1);
    expect(again.filter((a) => a.wait === 2)).toHaveLength(5);
  });

  it('gives the attempt back on a right password, and clears the name only', async () => {
    const limits = await backend.open();
    const other = ['name:bo', 'address:b'];
    await limits.signIn.succeeded(await limits.signIn.attempt(other));
    // Nothing held against either key after a right password.
    for (let i = 0; i < 5; i += 1) expect(await waits(limits, other)).toBe(0);
    expect(await waits(limits, other)).toBe(1);
    await backend.later(1000);
    const right = await limits.signIn.attempt(['name:bo', 'address:b']);
    expect(right.wait).toBe(0);
    await limits.signIn.succeeded(right);
    // The name starts afresh; the address keeps its five earlier failures (and its wait).
    expect(await waits(limits, ['name:bo', 'address:c'])).toBe(0);
    expect(await waits(limits, ['name:cy', 'address:b'])).toBe(1);
  });

  it('counts per key, and either key throttles', async () => {
    const limits = await backend.open();
    for (let i = 0; i < 5; i += 1) await waits(limits, ['name:ann', 'address:a']);
    expect(await waits(limits, ['name:ann', 'address:z'])).toBe(1);
    expect(await waits(limits, ['name:zoe', 'address:a'])).toBe(1);
    // Refused by the address: nothing counted against zoe (five free ones left).
    for (let i = 0; i < 5; i += 1)
      expect(await waits(limits, ['name:zoe', `address:${i}`])).toBe(0);
    expect(await waits(limits, ['name:zoe', 'address:y'])).toBe(1);
    expect(await waits(limits, ['name:bo', 'address:b'])).toBe(0);
  });

  it('forgets failures after a quiet window, a streak only 15 minutes beyond its wait', async () => {
    const limits = await backend.open();
    // Four failures, then 15 minutes of quiet: five free ones again.
    for (let i = 0; i < 4; i += 1) await waits(limits, ['name:ann']);
    await backend.later(15 * MIN);
    for (let i = 0; i < 5; i += 1) expect(await waits(limits, ['name:ann'])).toBe(0);
    // To the cap.
    let wait = await waits(limits, ['name:ann']);
    while (wait < 900) {
      await backend.later(wait * 1000);
      expect(await waits(limits, ['name:ann'])).toBe(0);
      wait = await waits(limits, ['name:ann']);
    }
    // Waiting out the 15 minutes is not enough to start afresh: one guess, then 15 minutes again.
    await backend.later(15 * MIN);
    expect(await waits(limits, ['name:ann'])).toBe(0);
    expect(await waits(limits, ['name:ann'])).toBe(900);
    // Quiet for the wait and 15 minutes more: forgotten.
    await backend.later(30 * MIN);
    for (let i = 0; i < 5; i += 1) expect(await waits(limits, ['name:ann'])).toBe(0);
  });

  it('keeps a name of any length', async () => {
    const limits = await backend.open();
    const long = `name:${'ж'.repeat(1000)}`;
    for (let i = 0; i < 5; i += 1) expect(await waits(limits, [long])).toBe(0);
    expect(await waits(limits, [long])).toBe(1);
    expect(await waits(limits, [`${long}x`])).toBe(0);
  });
});

describe('the sign-in throttle, whatever order its counters answer in', () => {
  // A counter whose every call waits for fast-check's scheduler: the reads and writes of guesses
  // sent at once interleave in every order it picks, as they can on a busy PostgreSQL.
  const scheduled =
    (s: fc.Scheduler) =>
    (options: Parameters<typeof memoryCounters>[0]): RateLimiterAbstract =>
      new Proxy(memoryCounters(options), {
        get(target, name, receiver) {
          const value: unknown = Reflect.get(target, name, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) =>
            s
              .schedule(Promise.resolve(), `${options.keyPrefix}.${String(name)}`)
              .then(() => (value as (...a: unknown[]) => unknown).apply(target, args));
        },
      });

  it('lets exactly five of twelve guesses at once go ahead, on one key or two', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.boolean(), async (s, twoKeys) => {
        const throttle = new LoginThrottle(scheduled(s));
        const keys = twoKeys ? ['name:ann', 'address:a'] : ['name:ann'];
        const all = Promise.all(Array.from({ length: 12 }, () => throttle.attempt(keys)));
        const waits = (await s.waitFor(all)).map((a) => a.wait);
        expect(waits.filter((w) => w === 0)).toHaveLength(5);
        expect(waits.filter((w) => w === 1)).toHaveLength(7);
      }),
      { numRuns: 300 },
    );
  });
});

describe.each([memory, postgres])('the request limit, $name', (backend) => {
  it('allows the burst, asks for Retry-After seconds, and allows again after the window', async () => {
    // Burst 5 at 2 a second: 6 requests per 3-second window.
    const limits = await backend.open({ burst: 5, perSecond: 2 });
    const take = () => limits.requests.take('station:1');
    for (let i = 0; i < 6; i += 1) expect(await take()).toBeNull();
    expect(await take()).toBe(3);
    await backend.later(1_500);
    expect(await take()).toBe(2);
    // One client's count is not another's.
    expect(await limits.requests.take('station:2')).toBeNull();
    await backend.later(1_500);
    for (let i = 0; i < 6; i += 1) expect(await take()).toBeNull();
    expect(await take()).not.toBeNull();
  });
});

describe('the window of the request limit', () => {
  it('is whole seconds, allows the burst and no more than the rate on average', () => {
    expect(rateWindow({ burst: 60, perSecond: 20 })).toEqual({ points: 60, duration: 3 });
    expect(rateWindow({ burst: 10, perSecond: 1 })).toEqual({ points: 10, duration: 10 });
    expect(rateWindow({ burst: 5, perSecond: 2 })).toEqual({ points: 6, duration: 3 });
    expect(rateWindow({ burst: 1, perSecond: 100 })).toEqual({ points: 100, duration: 1 });
  });
});

describe('PostgreSQL: counts shared by instances, and when the database stops', () => {
  it('locks a name on both instances after five failures across them; the wait expires', async () => {
    const [one, two] = await database(2);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(START);
    const a = openLimits({ pool: one as Pool, rateLimit: FAST });
    const b = openLimits({ pool: two as Pool, rateLimit: FAST });
    const keys = ['name:ann', 'address:10.0.0.9'];
    for (let i = 0; i < 5; i += 1)
      expect((await (i % 2 ? a : b).signIn.attempt(keys)).wait).toBe(0);
    expect((await a.signIn.attempt(keys)).wait).toBe(1);
    expect((await b.signIn.attempt(['name:ann', 'address:elsewhere'])).wait).toBe(1);
    // Twelve at once, six to each instance, once the wait is over: one goes ahead.
    vi.setSystemTime(Date.now() + 1000);
    const both = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).signIn.attempt(keys)),
    );
    expect(both.filter((x) => x.wait === 0)).toHaveLength(1);
    // A right password on B clears the name for A.
    const right = both.find((x) => x.wait === 0);
    if (right === undefined) throw new Error('one attempt went ahead');
    await b.signIn.succeeded(right);
    expect((await a.signIn.attempt(['name:ann', 'address:other'])).wait).toBe(0);
  });

  it('counts the request limit once for both instances', async () => {
    const [one, two] = await database(2);
    const limit = { burst: 10, perSecond: 1 };
    const a = openLimits({ pool: one as Pool, rateLimit: limit });
    const b = openLimits({ pool: two as Pool, rateLimit: limit });
    const answers = [];
    for (let i = 0; i < 20; i += 1) answers.push(await (i % 2 ? a : b).requests.take('station:s'));
    expect(answers.filter((w) => w === null)).toHaveLength(10);
  });

  it('stopped: requests are counted in this process, sign-in is refused; started: shared again', async () => {
    const [pool] = await database(1);
    // The clock stands still: stopping PostgreSQL can take seconds (its shutdown checkpoint).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(START);
    // Ten per 10-second window.
    const limits = openLimits({ pool: pool as Pool, rateLimit: { burst: 10, perSecond: 1 } });
    const takes = async (n: number) => {
      const answers = [];
      for (let i = 0; i < n; i += 1) answers.push(await limits.requests.take('station:s'));
      return answers.filter((w) => w === null).length;
    };
    expect(await takes(5)).toBe(5);
    cluster.cluster().stopServer();
    try {
      // Counted in this process, from nothing: ten go ahead, then the station must wait.
      expect(await takes(11)).toBe(10);
      const refused = await limits.signIn.attempt(['name:ann']).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StorageError);
      expect((refused as Error).message).toMatch(/^Sign-in is unavailable/);
    } finally {
      cluster.cluster().startServer();
    }
    expect((await limits.signIn.attempt(['name:ann'])).wait).toBe(0);
    // The database's count carries on from before the stop: five more in its window.
    expect(await takes(8)).toBe(5);
  }, 60_000);
});
