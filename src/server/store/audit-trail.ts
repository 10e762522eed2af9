/**
 * Where the organisers' audit trail is kept (src/core/audit.ts): behind one interface, so a
 * second storage (PostgreSQL, issue 12) keeps it the same way. The file store appends to
 * DATA_DIR/audit.jsonl, fsynced before the append resolves; a line torn by a crash is cut at the
 * next start (it was never acknowledged), and a damaged trail is never rewritten: the damage stays
 * visible, and new lines chain on from the last line as it stands.
 */
import { readFile } from 'node:fs/promises';
import {
  auditLine,
  emptyAuditTrail,
  readAuditTrail,
  type AuditEntry,
  type AuditProblem,
  type AuditRecord,
  type AuditTrailState,
} from '../../core/audit.ts';
import { problemSummary } from '../../core/problem.ts';
import { AppendOnlyFile } from './durable-file.ts';
import { nativeSha256 } from './native-sha256.ts';

export interface AuditTrail {
  /** Records an action; resolves once it is durable. */
  record(entry: AuditEntry): Promise<void>;
  /** The trail, oldest first, and where it is damaged if it is. */
  read(): Promise<{ records: AuditRecord[]; problem?: AuditProblem }>;
}

export class FileAuditTrail implements AuditTrail {
  /** Appends one at a time, so each line chains to the one really before it. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: AppendOnlyFile,
    private state: AuditTrailState,
  ) {}

  static async open(path: string, log: (line: string) => void): Promise<FileAuditTrail> {
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    // Only whole lines were ever acknowledged: a crash mid-append leaves a tail with no newline.
    const whole = text.slice(0, text.lastIndexOf('\n') + 1);
    const read = readAuditTrail(whole, nativeSha256);
    if (read.problem !== undefined) {
      log(`The audit trail ${path} is damaged (${problemSummary(read.problem)}); kept as it is.`);
    }
    const file = await AppendOnlyFile.open(path, Buffer.byteLength(whole, 'utf8'));
    return new FileAuditTrail(file, read.problem === undefined ? read.state : chainEnd(whole));
  }

  record(entry: AuditEntry): Promise<void> {
    const run = this.queue.then(async () => {
      const next = auditLine(this.state, entry, nativeSha256);
      await this.file.append(next.text);
      this.state = next.state;
    });
    // A failed append fails its own caller only; the next one starts from the unchanged state.
    this.queue = run.catch(() => {});
    return run;
  }

  async read(): Promise<{ records: AuditRecord[]; problem?: AuditProblem }> {
    const { records, problem } = readAuditTrail(await this.file.read(), nativeSha256);
    return problem === undefined ? { records } : { records, problem };
  }
}

/** After damage: chain on from the last line as it stands, numbered after the line count. */
function chainEnd(text: string): AuditTrailState {
  const lines = text.split('\n').filter((line) => line !== '');
  const last = lines.at(-1);
  return last === undefined
    ? emptyAuditTrail()
    : { nextSeq: lines.length + 1, lastHash: nativeSha256(last) };
}
