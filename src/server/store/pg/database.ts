/**
 * The PostgreSQL connection (issue 12): one `pg` pool per server process, opened from
 * DATABASE_URL. Without DATABASE_URL the server never loads this module's client: the tally file
 * on the local disk stays the default.
 *
 * A database that cannot be reached at start (a wrong password, no such database, nothing
 * listening) is one clear sentence and a non-zero exit (main.ts), never a stack trace; the URL's
 * password is never printed.
 */
import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/** The database could not be used: `message` is one sentence for the person starting the server. */
export class DatabaseUnavailable extends Error {
  override readonly name = 'DatabaseUnavailable';
}

export interface ConnectOptions {
  /** Connections in the pool; the default suits a 2-core server (about 20 stations pushing). */
  max?: number;
  /** Where an idle connection's error is reported (a restart of PostgreSQL drops them all). */
  log?: (line: string) => void;
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
}

/** PostgreSQL's and Node's error codes worded for a volunteer or an IT officer. */
export function describeConnectionError(error: unknown, url: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  const where = redactedUrl(url);
  switch (code) {
    case '28P01':
    case '28000':
      return `PostgreSQL refused the user name or password in DATABASE_URL (${where}).`;
    case '3D000':
      return `The database named in DATABASE_URL does not exist (${where}): create it first (createdb).`;
    case 'ECONNREFUSED':
      return `Nothing answers at DATABASE_URL (${where}): is PostgreSQL running, on that host and port?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host in DATABASE_URL cannot be found (${where}).`;
    case 'ETIMEDOUT':
      return `PostgreSQL did not answer in time at DATABASE_URL (${where}).`;
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return `Cannot use the database at DATABASE_URL (${where}): ${message}`;
    }
  }
}

/**
 * Opens the pool and checks one connection works, so a wrong URL stops the start at once rather
 * than failing the first station's push. Throws DatabaseUnavailable.
 */
export async function connectDatabase(url: string, options: ConnectOptions = {}): Promise<Pool> {
  let pool: Pool;
  try {
    pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      application_name: 'decision-day',
      connectionTimeoutMillis: 10_000,
    });
  } catch (e) {
    throw new DatabaseUnavailable(describeConnectionError(e, url));
  }
  // An idle connection dropped by a restart of PostgreSQL must not take the process down: the
  // pool opens a new one for the next query, and that query's own error fails only its request.
  pool.on('error', (e) => options.log?.(`PostgreSQL connection lost: ${e.message}`));
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailable(describeConnectionError(e, url));
  }
  return pool;
}

/**
 * Runs `work` in one transaction on one connection: COMMIT when it resolves (the durability point,
 * synchronous_commit on), ROLLBACK when it throws (and the error is rethrown).
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  return withConnection(pool, async (client) => {
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    }
  });
}

/**
 * Runs `work` on one connection checked out of the pool. A connection lost while checked out
 * (PostgreSQL restarted) emits 'error' on the client, which the pool listens to only while it is
 * idle: unheard, it would end the process. Its query fails with it anyway; the client is then
 * released as broken, so the pool drops it.
 */
export async function withConnection<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onLost = (e: Error) => {
    lost = e;
  };
  client.on('error', onLost);
  try {
    return await work(client);
  } finally {
    client.removeListener('error', onLost);
    client.release(lost);
  }
}
