/**
 * The sync engine wired to the real browser: fetch, timers, online/offline events and a
 * cryptographic random source. One engine per station database, shared by the background runner
 * and the volunteer's sync panel so both see the same progress.
 */
import type { StationDatabase } from '../db/database.ts';
import { SyncEngine, type NetworkSignals, type SyncDeps } from './engine.ts';
import type { JoinDeps } from './join.ts';

const engines = new WeakMap<StationDatabase, SyncEngine>();

/** Uniform in [0, 1). Crypto rather than Math.random: the shuffle hides casting order. */
function secureRandom(): number {
  return (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) / 2 ** 32;
}

const browserNetwork: NetworkSignals = {
  subscribe(onChange) {
    const online = () => onChange(true);
    const offline = () => onChange(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  },
};

export function browserJoinDeps(db: StationDatabase): JoinDeps {
  return {
    db,
    // Called through a wrapper: a bare `fetch` reference loses its `window` binding in some browsers.
    fetch: (url, init) => fetch(url, init),
    now: () => new Date(),
    timers: {
      setTimeout: (callback, ms) => window.setTimeout(callback, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number),
    },
  };
}

/** One sync at a time across this station's tabs; where Web Locks are missing, no lock. */
function acrossTabs(): SyncDeps['exclusive'] {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return undefined;
  return (run) => locks.request('decision-day-sync', run);
}

export function stationSyncEngine(db: StationDatabase): SyncEngine {
  let engine = engines.get(db);
  if (!engine) {
    engine = new SyncEngine({
      ...browserJoinDeps(db),
      random: secureRandom,
      network: browserNetwork,
      exclusive: acrossTabs(),
    });
    engines.set(db, engine);
  }
  return engine;
}
