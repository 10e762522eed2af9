/**
 * The rehearsal log (rehearsal.jsonl, or its rows in PostgreSQL): ballots a station sent while the
 * event was still a draft — a volunteer trying the tablet out. They are checked like real ones and
 * kept, never counted; their ids are remembered so that, sent again after the event opens, they
 * are still not counted (ballot-decision.ts: `rehearsal-ballot`).
 */
import type { BatchOutcome, BatchToStore } from '../tally-store.ts';
import { StorageError } from '../tally-store.ts';
import { jsonLines, parseLines, type RehearsalLine } from './ledger-group.ts';
import { StaleLedger, type LedgerMedium } from './ledger-medium.ts';

export class RehearsalLog {
  /** Ids in the log, or being written to it. */
  readonly ids = new Set<string>();
  /** Appends run one after another, in the order the batches came. */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly medium: Pick<LedgerMedium, 'appendRehearsal' | 'where'>) {}

  /** Takes in the ids of a log read from the medium (unreadable lines are logged and skipped). */
  load(text: string, log: (line: string) => void): void {
    for (const line of parseLines<RehearsalLine>(text, log)) {
      if (typeof line.id === 'string') this.ids.add(line.id);
    }
  }

  /**
   * Appends a batch's new ballots and rejections, durably, before answering. `current`: whether
   * the ledger is still as it was when asked (PostgreSQL: no other instance wrote first).
   */
  async record(batch: BatchToStore, at: string, current: () => boolean): Promise<BatchOutcome> {
    const station = batch.station?.stationId ?? null;
    const stored = new Set<string>();
    const lines: RehearsalLine[] = [];
    let duplicates = 0;
    for (const ballot of batch.ballots) {
      if (stored.has(ballot.id)) continue;
      stored.add(ballot.id);
      if (this.ids.has(ballot.id)) duplicates += 1;
      else lines.push({ at, station, id: ballot.id, ballot });
    }
    for (const q of batch.rejected) {
      if (!this.ids.has(q.id))
        lines.push({ at, station, id: q.id, code: q.code, ballot: q.ballot });
    }
    // Every line's id is new to the log (both loops above look): remembered from now on.
    const fresh = new Set(lines.map((l) => l.id));
    for (const id of fresh) this.ids.add(id);
    const write = this.writes.then(() => this.medium.appendRehearsal(jsonLines(lines), current));
    this.writes = write.catch(() => {});
    try {
      await write;
    } catch (e) {
      // Not written: not remembered either.
      for (const id of fresh) this.ids.delete(id);
      if (e instanceof StaleLedger) throw e;
      throw new StorageError(`Writing to ${this.medium.where} failed (${String(e)}).`);
    }
    return {
      stored: [...stored],
      added: stored.size - duplicates,
      duplicates,
      rejected: [...batch.rejected],
      received: null,
      state: 'draft',
    };
  }

  /** Resolves once every append asked for so far has finished (written or failed). */
  settled(): Promise<void> {
    return this.writes;
  }
}
