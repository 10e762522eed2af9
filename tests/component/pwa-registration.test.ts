/**
 * What the service worker's registration tells the station about working offline (pwa.ts): the
 * volunteer reads it to know when a tablet can leave the Wi-Fi. registerSW is replaced by a fake
 * that keeps the callbacks, so each step of a worker's life can be played in turn.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import { offlineStore } from '../../src/app/shared/offline-store.ts';
import { updateStore } from '../../src/app/shared/update-store.ts';

const registered: RegisterSWOptions[] = [];
vi.mock('virtual:pwa-register', () => ({
  registerSW: (options: RegisterSWOptions) => {
    registered.push(options);
    return () => Promise.resolve();
  },
}));
const { registerServiceWorker } = await import('../../src/app/shared/pwa.ts');

/** A worker that can change state, as ServiceWorker does. */
class FakeWorker extends EventTarget {
  state: ServiceWorkerState = 'installing';
  become(state: ServiceWorkerState) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

function browserWith(container: { controller: object | null } | undefined) {
  if (container === undefined) Reflect.deleteProperty(navigator, 'serviceWorker');
  else Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: container });
}

/** Registers, and returns the callbacks the registration was given. */
function register(): RegisterSWOptions {
  registerServiceWorker();
  const options = registered.at(-1);
  if (!options) throw new Error('registerSW was not called');
  return options;
}

const registration = (parts: { active?: object; installing?: FakeWorker }) =>
  parts as unknown as ServiceWorkerRegistration;

const readiness = () => offlineStore.getState().readiness;

beforeEach(() => {
  registered.length = 0;
  offlineStore.setState({ readiness: 'unavailable' });
});
afterEach(() => {
  browserWith(undefined);
  updateStore.setState({ ready: false, install: () => Promise.resolve() });
});

describe('whether the app is saved for use offline', () => {
  it('is unavailable where the browser keeps no service worker, and registers none', () => {
    browserWith(undefined);
    offlineStore.setState({ readiness: 'preparing' });
    registerServiceWorker();
    expect(readiness()).toBe('unavailable');
    expect(registered).toHaveLength(0);
  });

  it('is being prepared on a first visit, and ready once the first worker has installed', () => {
    browserWith({ controller: null });
    const options = register();
    expect(readiness()).toBe('preparing');
    const installing = new FakeWorker();
    options.onRegisteredSW?.('/sw.js', registration({ installing }));
    expect(readiness()).toBe('preparing');
    options.onOfflineReady?.();
    expect(readiness()).toBe('ready');
  });

  it('is ready at once on a page a worker already controls', () => {
    browserWith({ controller: {} });
    register();
    expect(readiness()).toBe('ready');
  });

  it('is ready when a worker is active though it does not control this page (a hard reload)', () => {
    browserWith({ controller: null });
    const options = register();
    options.onRegisteredSW?.('/sw.js', registration({ active: {} }));
    expect(readiness()).toBe('ready');
  });

  it('has failed when the first worker could not save every file, and tries again next load', () => {
    browserWith({ controller: null });
    const options = register();
    const installing = new FakeWorker();
    options.onRegisteredSW?.('/sw.js', registration({ installing }));
    installing.become('installed');
    expect(readiness()).toBe('preparing');
    installing.become('redundant');
    expect(readiness()).toBe('failed');

    register();
    expect(readiness()).toBe('preparing');
  });

  it('has failed when the worker cannot be registered at all', () => {
    browserWith({ controller: null });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    register().onRegisterError?.(new Error('blocked'));
    expect(readiness()).toBe('failed');
  });

  it('stays ready when an update fails to install: the saved version still works', () => {
    browserWith({ controller: {} });
    const options = register();
    const installing = new FakeWorker();
    options.onRegisteredSW?.('/sw.js', registration({ active: {}, installing }));
    installing.become('redundant');
    expect(readiness()).toBe('ready');
  });

  it('offers a downloaded update to the volunteer area, apart from readiness', () => {
    browserWith({ controller: {} });
    register().onNeedRefresh?.();
    expect(updateStore.getState().ready).toBe(true);
    expect(readiness()).toBe('ready');
  });
});
