/**
 * The organisers' audit trail in PostgreSQL (issue 12): the `audit` table (migration 3) holds each
 * line's exact text, numbered from 1, so the hash chain is the one audit.jsonl would hold and
 * read() checks it the same way (src/core/audit.ts), finding an edited, removed or reordered line.
 * Appends from every instance take one transaction-scoped advisory lock, read the last line,
 * chain on from it and commit: one chain, in order, whoever appended. A trigger refuses to change
 * or remove a line; after damage (made behind the trigger's back), new lines chain on from the
 * last line as it stands, as the file store does.
 */
import {
  auditLine,
  emptyAuditTrail,
  readAuditTrail,
  type AuditEntry,
  type AuditProblem,
  type AuditRecord,
} from '../../../core/audit.ts';
import type { AuditTrail } from '../audit-trail.ts';
import { nativeSha256 } from '../native-sha256.ts';
import { bumpChange } from './changes.ts';
import { inTransaction, type Pool } from './database.ts';
import { orStorageError } from './storage-failed.ts';

/** The advisory lock serialising appends across instances ("DDAUDT"). */
const AUDIT_LOCK = 0x444441554454;

export class PgAuditTrail implements AuditTrail {
  constructor(private readonly pool: Pool) {}

  record(entry: AuditEntry): Promise<void> {
    const append = () =>
      inTransaction(this.pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
        const last = await client.query<{ seq: number; line: string }>(
          'SELECT seq, line FROM audit ORDER BY seq DESC LIMIT 1',
        );
        const row = last.rows[0];
        const state =
          row === undefined
            ? emptyAuditTrail()
            : { nextSeq: row.seq + 1, lastHash: nativeSha256(row.line) };
        const next = auditLine(state, entry, nativeSha256);
        await client.query('INSERT INTO audit (seq, line) VALUES ($1, $2)', [
          state.nextSeq,
          next.text.slice(0, -1),
        ]);
        await bumpChange(client, 'audit');
      });
    return orStorageError('Could not add to the audit trail in the database', append);
  }

  async read(): Promise<{ records: AuditRecord[]; problem?: AuditProblem }> {
    const result = await orStorageError('Could not read the audit trail from the database', () =>
      this.pool.query<{ line: string }>('SELECT line FROM audit ORDER BY seq'),
    );
    const text = result.rows.map((r) => `${r.line}\n`).join('');
    const { records, problem } = readAuditTrail(text, nativeSha256);
    return problem === undefined ? { records } : { records, problem };
  }
}
