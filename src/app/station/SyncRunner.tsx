/**
 * Keeps the station syncing in the background from the moment the app starts, whatever screen is
 * showing. Renders nothing: voters never see sync. The engine is loaded after the first screen
 * (a dynamic import) so the voter's bundle does not carry the protocol's schemas.
 */
import { useEffect } from 'react';
import type { SyncEngine } from '../../sync/engine.ts';
import { useServices } from '../shared/services.tsx';
import { useProvidedSyncServices } from './SyncServices.ts';

export function SyncRunner() {
  const { db } = useServices();
  const provided = useProvidedSyncServices();
  useEffect(() => {
    let live = true;
    let engine: SyncEngine | undefined = provided?.engine;
    if (engine) engine.start();
    else {
      import('../../sync/browser.ts').then(
        (browser) => {
          if (!live) return;
          engine = browser.stationSyncEngine(db);
          engine.start();
        },
        // Voting goes on without sync; the volunteer's panel shows the same failure.
        (cause: unknown) => console.error('The sync engine could not be loaded', cause),
      );
    }
    return () => {
      live = false;
      engine?.stop();
    };
  }, [db, provided]);
  return null;
}
