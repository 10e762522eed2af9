/**
 * Service worker registration. registerType is 'prompt' (vite.config.ts): a new version waits
 * until a volunteer installs it from the volunteer area, so a ballot in progress is never reloaded
 * from under a voter. Whether the app is saved for use offline goes to offlineStore.
 */
import { registerSW } from 'virtual:pwa-register';
import { offlineStore, type OfflineReadiness } from './offline-store.ts';
import { updateStore } from './update-store.ts';

const say = (readiness: OfflineReadiness) => offlineStore.setState({ readiness });

/** A failure after the app was saved (an update that did not install) leaves it saved. */
const failed = () => {
  if (offlineStore.getState().readiness !== 'ready') say('failed');
};

export function registerServiceWorker(): void {
  // Plain http on a LAN address has no service workers at all; the station still works online.
  if (!('serviceWorker' in navigator)) {
    say('unavailable');
    return;
  }
  // A worker only controls a page once it has installed, and it installs only once every file
  // of its precache is saved.
  say(navigator.serviceWorker.controller ? 'ready' : 'preparing');
  const updateSW = registerSW({
    // The first worker finished installing.
    onOfflineReady: () => say('ready'),
    onNeedRefresh: () => updateStore.setState({ ready: true, install: () => updateSW(true) }),
    onRegisteredSW: (_url, registration) => {
      // An active worker has saved its files, even if this page (after a hard reload) is not
      // controlled by it; no "installed" event comes for a worker that installed before.
      if (registration?.active) say('ready');
      // A worker whose install fails (a file could not be fetched) becomes redundant.
      const installing = registration?.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'redundant') failed();
      });
    },
    onRegisterError: (error: unknown) => {
      console.error('Service worker not registered', error);
      failed();
    },
  });
}
