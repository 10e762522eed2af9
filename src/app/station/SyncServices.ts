/**
 * What the sync panel needs from outside: the engine, joining, and saving a file. Tests provide
 * their own (a real engine on a test server, a file catcher); the app uses the browser's.
 * Types only here, so nothing of the sync (or zod) reaches the voter's first screen.
 */
import { createContext, useContext } from 'react';
import type { Result } from '../../core/result.ts';
import type { SyncEngine } from '../../sync/engine.ts';
import type { StationExport } from '../../sync/export.ts';
import type {
  ConfirmSwitch,
  JoinForm,
  Joined,
  JoinProblem,
  JoinSwitchProblem,
} from '../../sync/join.ts';

export interface SyncServices {
  engine: SyncEngine;
  join: (
    form: Omit<JoinForm, 'pageOrigin'>,
    confirmSwitch: ConfirmSwitch,
  ) => Promise<Result<Joined, JoinProblem | JoinSwitchProblem>>;
  /** Saves the file on the tablet (a download). */
  saveFile: (file: StationExport) => Promise<void>;
  /** Hands the file to another app (e-mail, Nearby Share…); null where the browser cannot. */
  shareFile: ((file: StationExport) => Promise<void>) | null;
  /** For the "last synced" time; the tablet's own zone when absent. */
  timeZone?: string;
}

const SyncServicesContext = createContext<SyncServices | null>(null);

export const SyncServicesProvider = SyncServicesContext.Provider;

/** Null when no provider is above: the panel then builds the browser's services. */
export function useProvidedSyncServices(): SyncServices | null {
  return useContext(SyncServicesContext);
}
