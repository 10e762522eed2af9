/**
 * Service worker registration. registerType is 'prompt' (vite.config.ts): a new version waits
 * until a volunteer installs it from the volunteer area, so a ballot in progress is never reloaded
 * from under a voter.
 */
import { registerSW } from 'virtual:pwa-register';
import { updateStore } from './update-store.ts';

export function registerServiceWorker(): void {
  // Plain http on a LAN address has no service workers at all; the station still works online.
  if (!('serviceWorker' in navigator)) return;
  const updateSW = registerSW({
    onNeedRefresh: () => updateStore.setState({ ready: true, install: () => updateSW(true) }),
    onRegisterError: (error: unknown) => console.error('Service worker not registered', error),
  });
}
