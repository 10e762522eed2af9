/**
 * What the station's screens need from the outside world, passed in once at the top so tests can
 * give a test database, a fixed clock and short timings instead of patching globals.
 */
import { createContext, useContext } from 'react';
import type { StationDatabase } from '../../db/database.ts';

/** The part of `navigator.storage` the station uses (absent on insecure origins and in jsdom). */
export interface PersistentStorage {
  persist(): Promise<boolean>;
  persisted(): Promise<boolean>;
}

export interface KioskTimings {
  /** With no touch or key for this long, an unfinished ballot is thrown away. */
  idleMs: number;
  /** The "Are you still there?" warning shows for this long before that. */
  warnMs: number;
  /** The thank-you screen goes back to the welcome screen after this long. */
  thanksMs: number;
  /** An unlocked volunteer area locks itself after this long untouched. */
  volunteerIdleMs: number;
}

export const DEFAULT_TIMINGS: KioskTimings = {
  idleMs: 90_000,
  warnMs: 20_000,
  thanksMs: 8_000,
  volunteerIdleMs: 120_000,
};

export interface StationServices {
  db: StationDatabase;
  now: () => Date;
  storage: PersistentStorage | undefined;
  timings: KioskTimings;
}

const ServicesContext = createContext<StationServices | null>(null);

export const ServicesProvider = ServicesContext.Provider;

export function useServices(): StationServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices needs a <ServicesProvider> above it.');
  return services;
}

export function browserStorage(): PersistentStorage | undefined {
  // Feature checks, not types: older Safari and plain-http LAN pages have no StorageManager.
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage || typeof storage.persist !== 'function') return undefined;
  return { persist: () => storage.persist(), persisted: () => storage.persisted() };
}
