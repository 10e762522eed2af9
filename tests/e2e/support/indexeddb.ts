/**
 * Reads the station's IndexedDB straight from the page with the browser's own API — not through
 * the app's Dexie code — so a test sees what is really on disk, whatever the app believes.
 */
import type { Page } from '@playwright/test';

/** The station database's name and tables, as src/db/database.ts declares them. */
export const STATION_DB = 'decision-day';

/** Every row of one object store, or [] if the database or the store does not exist yet. */
export function readStore(page: Page, store: string, database = STATION_DB): Promise<unknown[]> {
  return page.evaluate(
    ([dbName, storeName]) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        // Opening an absent database would create an empty one at version 1, which would then
        // stop the app's own upgrade from creating its tables: abort instead.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => {
          if (open.error?.name === 'AbortError') resolve([]);
          else reject(new Error(String(open.error)));
        };
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(storeName)) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as unknown[]);
          };
          request.onerror = () => {
            db.close();
            reject(new Error(String(request.error)));
          };
        };
      }),
    [database, store] as const,
  );
}
