/**
 * The throwaway PostgreSQL the storage tests run against (tests/support/postgres.ts): it starts,
 * keeps a committed row across a restart, and leaves nothing behind. Here so that a machine
 * without PostgreSQL fails loudly in CI rather than skipping the PostgreSQL tests.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, TEST_PG_PASSWORD, type TestPostgres } from '../support/postgres.ts';

describe('throwaway PostgreSQL cluster', () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(() => pg?.remove());

  it('answers on 127.0.0.1 at its own port', () => {
    expect(pg.url).toBe(`postgres://postgres:${TEST_PG_PASSWORD}@127.0.0.1:${pg.port}/postgres`);
    expect(pg.psql('SHOW fsync').trim()).toBe('on');
    expect(pg.psql('SELECT inet_server_addr()').trim()).toBe('127.0.0.1');
  });

  it('keeps a committed row across a restart', () => {
    pg.psql('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    pg.stopServer();
    expect(() => pg.psql('SELECT 1')).toThrow();
    pg.startServer();
    expect(pg.psql('SELECT n FROM kept').trim()).toBe('42');
  }, 60_000);

  it('removes its folder', async () => {
    const other = await startPostgres();
    expect(existsSync(other.dataDir)).toBe(true);
    other.remove();
    expect(existsSync(other.dataDir)).toBe(false);
  }, 60_000);
});
