/**
 * A database that fails mid-request (restarted, unreachable, a lost connection) is the HTTP
 * layer's 503 `storage-failed` (app.ts), never a 500: the caller may try again.
 */
import { StorageError } from '../tally-store.ts';

/** Runs `work`; any failure that is not already a StorageError becomes one saying `what`. */
export async function orStorageError<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof StorageError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw new StorageError(`${what} (${reason}). Try again.`, { cause: e });
  }
}
