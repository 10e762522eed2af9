/**
 * Whether a new version of the app is waiting to be installed. The service worker registration
 * (pwa.ts) fills this in; only the volunteer area reads it, so an update is never offered to, or
 * applied under, a voter.
 */
import { createStore } from 'zustand/vanilla';

export interface UpdateState {
  ready: boolean;
  /** Activates the waiting version and reloads the page. */
  install: () => Promise<void>;
}

export const updateStore = createStore<UpdateState>()(() => ({
  ready: false,
  install: () => Promise.resolve(),
}));
