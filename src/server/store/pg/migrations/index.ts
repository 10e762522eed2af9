/**
 * Every migration, in order. A migration is never edited once it has shipped: a change is a new
 * migration. Each is one file in this folder exporting a `Migration` (SQL in a TypeScript string,
 * so the built server, one bundled file, carries it).
 */
export interface Migration {
  /** Whole, increasing; recorded in schema_migrations. */
  version: number;
  /** Short, for the log and schema_migrations. */
  name: string;
  /** Run in one transaction with its record in schema_migrations. */
  sql: string;
}

import { changes } from './001-changes.ts';
import { ledger } from './002-ledger.ts';
import { accounts } from './003-accounts.ts';
import { sideStores } from './004-side-stores.ts';
import { rateLimits } from './005-rate-limits.ts';
import { ledgerWrites } from './006-ledger-writes.ts';

export const MIGRATIONS: readonly Migration[] = [
  changes,
  ledger,
  accounts,
  sideStores,
  rateLimits,
  ledgerWrites,
];
