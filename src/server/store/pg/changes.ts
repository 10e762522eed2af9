/**
 * What other instances changed (issue 12: "nothing the server keeps in process memory is needed
 * for correctness"). Every write transaction bumps the version of what it changed
 * (`bumpChange`, in the same transaction, so the version moves exactly when the change commits);
 * before each API request the instance reads every version in one query (`readChanges`) and
 * each store reloads, or catches up on, what moved since it last looked.
 *
 * Names: `accounts`, `sessions`, `audit`, `registers:<event>`, `equalities:<event>`,
 * `publications`, `event:<id>` (the tally store), `events` (the list of events).
 */
import type { Pool, PoolClient } from './database.ts';

/** Bumps `name`'s version inside the caller's transaction; resolves to the new version. */
export async function bumpChange(client: PoolClient, name: string): Promise<bigint> {
  const result = await client.query<{ version: string }>(
    `INSERT INTO store_change (name, version) VALUES ($1, 1)
     ON CONFLICT (name) DO UPDATE SET version = store_change.version + 1
     RETURNING version`,
    [name],
  );
  return BigInt(result.rows[0]?.version ?? '0');
}

/** Every name's current version. */
export async function readChanges(pool: Pool | PoolClient): Promise<Map<string, bigint>> {
  const result = await pool.query<{ name: string; version: string }>(
    'SELECT name, version FROM store_change',
  );
  return new Map(result.rows.map((r) => [r.name, BigInt(r.version)]));
}

/**
 * Remembers the versions a store last loaded, to tell which names moved. A store calls
 * `moved(changes, name)` in its refresh and `saw(name, version)` after it (re)loads.
 */
export class SeenVersions {
  private readonly seen = new Map<string, bigint>();

  moved(changes: ReadonlyMap<string, bigint>, name: string): boolean {
    return (changes.get(name) ?? 0n) !== (this.seen.get(name) ?? 0n);
  }

  saw(name: string, version: bigint): void {
    const before = this.seen.get(name) ?? 0n;
    if (version > before) this.seen.set(name, version);
  }
}
