/**
 * Set-up file of the `node-pg` Vitest project (DD_TEST_STORAGE=postgres): after each test file,
 * once its servers have stopped (after-hooks run in reverse order, this one registered first),
 * its throwaway PostgreSQL cluster is stopped and removed.
 */
import { afterAll } from 'vitest';
import { releaseTestPostgres } from './test-storage.ts';

afterAll(() => releaseTestPostgres());
