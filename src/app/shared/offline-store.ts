/**
 * Whether this tablet has the whole app saved for use with no network (the service worker's
 * precache). A volunteer sets tablets up on the venue's Wi-Fi and must know when it is safe to
 * take one off it: "open it once while online" is not enough if the network dropped part way.
 * pwa.ts fills this in; the station's set-up and volunteer area show it.
 */
import { createStore } from 'zustand/vanilla';

export type OfflineReadiness =
  /** The service worker is saving the app's files. */
  | 'preparing'
  /** Every file is saved: the app starts and runs with no network. */
  | 'ready'
  /** Saving stopped part way (the network dropped): a reload while online tries again. */
  | 'failed'
  /** This browser keeps no service worker here: plain http on a network address, or none at all. */
  | 'unavailable';

export interface OfflineState {
  readiness: OfflineReadiness;
}

export const offlineStore = createStore<OfflineState>()(() => ({ readiness: 'unavailable' }));
