/**
 * Sessions in PostgreSQL (issue 12): the `session` table (migration 3), shared by every instance.
 * OrganiserSessions keeps the live sessions in memory for its synchronous look-up on each request
 * and reloads them when another instance changed the table (`sessions` in the change feed), so a
 * session begun on one instance works on the others and one ended on one ends on all at their next
 * request. Each write is one change (a row added, rows removed, last uses moved on), never the
 * whole set, so instances never overwrite each other's sessions; each bumps `sessions`.
 */
import type {
  SessionChange,
  SessionLimits,
  SessionRecord,
  SessionStore,
} from '../../accounts/sessions.ts';
import { bumpChange } from './changes.ts';
import { inTransaction, type Pool, type PoolClient } from './database.ts';
import { orStorageError } from './storage-failed.ts';

interface SessionRow {
  hash: string;
  account_id: string;
  csrf_token: string;
  created_at: Date;
  last_used_at: Date;
}

/**
 * Stored last uses may lag the real ones by up to a minute (written at most once a minute on each
 * instance): a session is removed from the table only this long after its stored last use says
 * it ended, so one instance's removal never cuts short a session another is still serving.
 */
const REMOVE_AFTER_MS = 2 * 60_000;

export class PgSessionStore implements SessionStore {
  constructor(
    private readonly pool: Pool,
    private readonly limits: SessionLimits,
    private readonly now: () => Date,
  ) {}

  async load(): Promise<SessionRecord[]> {
    const result = await orStorageError('Could not read the sessions from the database', () =>
      this.pool.query<SessionRow>('SELECT * FROM session'),
    );
    return result.rows.map((r) => ({
      hash: r.hash,
      accountId: r.account_id,
      csrfToken: r.csrf_token,
      createdAt: r.created_at.getTime(),
      lastUsedAt: r.last_used_at.getTime(),
    }));
  }

  save(sessions: readonly SessionRecord[], change: SessionChange): Promise<void> {
    const write = () =>
      inTransaction(this.pool, async (client) => {
        switch (change.kind) {
          case 'add': {
            const s = change.session;
            await client.query(
              `INSERT INTO session (hash, account_id, csrf_token, created_at, last_used_at)
             VALUES ($1, $2, $3, $4, $5)`,
              [s.hash, s.accountId, s.csrfToken, new Date(s.createdAt), new Date(s.lastUsedAt)],
            );
            await this.removeEnded(client);
            break;
          }
          case 'end':
            await client.query('DELETE FROM session WHERE hash = $1', [change.hash]);
            break;
          case 'end-account':
            await client.query('DELETE FROM session WHERE account_id = $1', [change.accountId]);
            break;
          case 'touch':
            // Only ever later: an instance with an older last use never moves it back.
            await client.query(
              `UPDATE session SET last_used_at = GREATEST(session.last_used_at, u.last_used_at)
             FROM unnest($1::text[], $2::timestamptz[]) AS u (hash, last_used_at)
             WHERE session.hash = u.hash`,
              [sessions.map((s) => s.hash), sessions.map((s) => new Date(s.lastUsedAt))],
            );
            break;
        }
        await bumpChange(client, 'sessions');
      });
    return orStorageError('Could not save the sessions in the database', write);
  }

  private async removeEnded(client: PoolClient): Promise<void> {
    const now = this.now().getTime();
    await client.query('DELETE FROM session WHERE created_at <= $1 OR last_used_at <= $2', [
      new Date(now - this.limits.absoluteMs),
      new Date(now - this.limits.idleMs - REMOVE_AFTER_MS),
    ]);
  }
}
