/**
 * How a PostgreSQL side store keeps its cache current (registers, equalities answers,
 * publications): its names in the change feed are `<prefix><key>` (`registers:<event>`…, or the
 * one name `publications`, key ''); `refresh(changes)` catches up each key whose version moved,
 * and `write` runs a write transaction, then catches up the key it changed. Catching up one key
 * runs one at a time, so an older load never lands after a newer one.
 */
import { StorageError } from '../tally-store.ts';
import { SeenVersions } from './changes.ts';
import { inTransaction, type Pool, type PoolClient } from './database.ts';
import { PerKeyQueue } from './per-key-queue.ts';

/** What a write transaction decided, and the version it bumped its name to (null: no change). */
export interface Written<T> {
  value: T;
  version: bigint | null;
}

export class ChangeFollower {
  private readonly seen = new SeenVersions();
  private readonly loads = new PerKeyQueue();
  private readonly writes = new Set<Promise<unknown>>();

  constructor(
    private readonly pool: Pool,
    private readonly prefix: string,
    private readonly load: (key: string) => Promise<void>,
  ) {}

  /** The name in the change feed of `key`. */
  name(key: string): string {
    return `${this.prefix}${key}`;
  }

  /** Catches up every key another instance changed since this one last looked. */
  async refresh(changes: ReadonlyMap<string, bigint>): Promise<void> {
    for (const [name, version] of changes) {
      if (!name.startsWith(this.prefix) || !this.seen.moved(changes, name)) continue;
      await this.catchUp(name.slice(this.prefix.length));
      this.seen.saw(name, version);
    }
  }

  catchUp(key: string): Promise<void> {
    return this.loads.run(key, () => this.load(key));
  }

  /**
   * Runs `work` in one transaction; once it committed a change, catches up `key`: versions commit
   * in order (bumpChange's row lock), so the cache then holds every change up to `version`. A
   * failure is a StorageError saying `failed` (the HTTP layer's 503: the station retries).
   */
  async write<T>(
    key: string,
    failed: string,
    work: (client: PoolClient) => Promise<Written<T>>,
  ): Promise<T> {
    const run = inTransaction(this.pool, work);
    this.writes.add(run);
    try {
      const { value, version } = await run;
      if (version !== null) {
        await this.catchUp(key);
        this.seen.saw(this.name(key), version);
      }
      return value;
    } catch (cause) {
      throw new StorageError(failed, { cause });
    } finally {
      this.writes.delete(run);
    }
  }

  /** Waits for writes and loads in progress. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.writes]);
    await this.loads.idle();
  }
}
