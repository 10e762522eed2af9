/**
 * Set-up file of the `node-pg` Vitest project (DD_TEST_STORAGE=postgres): after each test file,
 * once its servers have stopped (after-hooks run in reverse order, this one registered first),
 * its databases are dropped (or its own cluster, when it had to start one, stopped and removed).
 */
import { afterAll } from 'vitest';
import { releaseTestPostgres } from './test-storage.ts';

// Stopping a cluster takes over 10 s on a loaded machine.
afterAll(() => releaseTestPostgres(), 60_000);
