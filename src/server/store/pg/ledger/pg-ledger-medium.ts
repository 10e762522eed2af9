/**
 * An event's records in PostgreSQL (migration 002-ledger.ts): the ledger medium of the PostgreSQL
 * tally store. Each write is one transaction that first locks the event's row and checks that
 * the logs hold exactly the lines this instance has seen (and its documents the versions it has
 * read): equal, it appends, bumps `event:<id>` in the change feed and commits (the durability
 * point, before anything is acknowledged); different, another instance wrote first, and it
 * rolls back with StaleLedger (the ledger undoes its decisions, catches up, decides again).
 *
 * Writes and catch-ups of one event take turns within this instance, so a catch-up never reads
 * this instance's own write half-applied.
 */
import { runOffThread } from '../../../off-thread/run-off-thread.ts';
import { problemSummary } from '../../../../core/problem.ts';
import { DamagedTallyFile } from '../../recover-tally.ts';
import type { StationRecord } from '../../station-book.ts';
import { StorageError } from '../../tally-store.ts';
import {
  CODES,
  LOG_NAMES,
  META,
  REGISTRY,
  StaleLedger,
  type ForeignChanges,
  type GroupAppends,
  type LedgerMedium,
  type LoadedLedger,
  type Settled,
} from '../../ledger/ledger-medium.ts';
import { bumpChange } from '../changes.ts';
import { inTransaction, type Pool, type PoolClient } from '../database.ts';

import {
  headOf,
  HEAD_COLUMNS,
  insertBallots,
  insertLines,
  lineCount,
  linesOf,
  readLog,
  sameHead,
  storageFailed,
  createRefusal,
  type EventRow,
  type LedgerHead,
  type Log,
} from './pg-ledger-rows.ts';

export class PgLedgerMedium implements LedgerMedium {
  private head: LedgerHead | null = null;
  /** Each document's version as last read or written here. */
  private readonly docVersions = new Map<string, bigint>();
  private turns: Promise<unknown> = Promise.resolve();
  /**
   * The event's version in the change feed (`event:<id>`) that this medium has seen everything up
   * to: bumped by its own writes (each takes in other instances' rows under the event's lock
   * first), and read with the rows by a load or a catch-up.
   */
  private feed = 0n;

  constructor(
    private readonly pool: Pool,
    readonly eventId: string,
  ) {}

  get where(): string {
    return `event ${this.eventId} in PostgreSQL`;
  }

  /**
   * Whether the change feed's `version` of this event holds nothing this instance has not taken
   * in (its own writes, or what a catch-up read): then a catch-up would find nothing, and need not
   * wait for the write in progress to ask.
   */
  holdsVersion(version: bigint): boolean {
    return version <= this.feed;
  }

  private sawFeed(version: bigint): void {
    if (version > this.feed) this.feed = version;
  }

  /** The event's version in the change feed, as the caller's transaction sees it. */
  private async feedOf(client: PoolClient): Promise<bigint> {
    const result = await client.query<{ version: string }>(
      'SELECT version FROM store_change WHERE name = $1',
      [`event:${this.eventId}`],
    );
    return BigInt(result.rows[0]?.version ?? '0');
  }

  /** One write or catch-up of this event at a time, in this instance. */
  private turn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turns.then(work, work);
    this.turns = run.catch(() => {});
    return run;
  }

  private seen(): LedgerHead {
    if (this.head === null) throw new Error(`${this.where}: the ledger is not loaded`);
    return this.head;
  }

  /**
   * Locks the event's row. When another instance wrote since we looked: `rebase` (if given) may
   * take in what it wrote, in this transaction, and then this instance has seen up to the row;
   * else StaleLedger.
   */
  private async lock(
    client: PoolClient,
    rebase?: (client: PoolClient, seen: LedgerHead, now: LedgerHead) => Promise<boolean>,
  ): Promise<LedgerHead> {
    const result = await client.query<EventRow>(
      `SELECT ${HEAD_COLUMNS} FROM ledger_event WHERE event_id = $1 FOR UPDATE`,
      [this.eventId],
    );
    const row = result.rows[0];
    if (row === undefined) throw new StorageError(`${this.where} is no longer there.`);
    const now = headOf(row);
    const seen = this.seen();
    if (sameHead(now, seen)) return now;
    if (rebase === undefined || !(await rebase(client, seen, now)))
      throw new StaleLedger(`${this.where}: written by another instance`);
    // Taken in, whatever becomes of this transaction: the ledger holds those lines now.
    this.head = now;
    return now;
  }

  /**
   * The log lines another instance appended after `seen` and the documents it replaced (with
   * their versions, to note once they are taken in).
   */
  private async foreign(
    client: PoolClient,
    seen: LedgerHead,
  ): Promise<ForeignChanges & { versions: Map<string, bigint> }> {
    const lines = await client.query<{ log: Log; text: string }>(
      `SELECT log, text FROM ledger_line WHERE event_id = $1 AND (
         (log = 'tally' AND seq > $2) OR (log = 'quarantine' AND seq > $3) OR
         (log = 'rehearsal' AND seq > $4) OR (log = 'activity' AND seq > $5))
       ORDER BY log, seq`,
      [
        this.eventId,
        seen.tally.toString(),
        seen.quarantine.toString(),
        seen.rehearsal.toString(),
        seen.activity.toString(),
      ],
    );
    const docs = await client.query<{ name: string; version: string; text: string }>(
      'SELECT name, version, text FROM ledger_doc WHERE event_id = $1 AND version > $2',
      [this.eventId, seen.docVersion.toString()],
    );
    const pick = (log: Log) =>
      lines.rows.filter((l) => l.log === log).flatMap((l) => linesOf(l.text));
    const changed = new Map<string, string>();
    const versions = new Map<string, bigint>();
    for (const d of docs.rows) {
      if (this.docVersions.get(d.name) !== BigInt(d.version)) changed.set(d.name, d.text);
      versions.set(d.name, BigInt(d.version));
    }
    return {
      versions,
      tally: pick('tally'),
      quarantine: pick('quarantine'),
      rehearsal: pick('rehearsal'),
      activity: pick('activity').map((l) => `${l}\n`),
      docs: changed,
    };
  }

  private async setCounts(client: PoolClient, head: LedgerHead): Promise<bigint> {
    await client.query(
      `UPDATE ledger_event SET epoch = $2, tally_lines = $3, quarantine_lines = $4,
         rehearsal_lines = $5, activity_lines = $6, doc_version = $7 WHERE event_id = $1`,
      [
        this.eventId,
        head.epoch.toString(),
        head.tally.toString(),
        head.quarantine.toString(),
        head.rehearsal.toString(),
        head.activity.toString(),
        head.docVersion.toString(),
      ],
    );
    return bumpChange(client, `event:${this.eventId}`);
  }

  async create(files: { meta: string; stations: string; tally: string }): Promise<void> {
    const { joinCode } = JSON.parse(files.meta) as { joinCode: string };
    const tally = lineCount(files.tally);
    try {
      const feed = await inTransaction(this.pool, async (client) => {
        await client.query(
          `INSERT INTO ledger_event (event_id, join_code, tally_lines, doc_version)
           VALUES ($1, $2, $3, 2)`,
          [this.eventId, joinCode, tally],
        );
        await client.query(
          `INSERT INTO ledger_doc (event_id, name, version, text) VALUES ($1, $2, 1, $3), ($1, $4, 2, $5)`,
          [this.eventId, META, files.meta, REGISTRY, files.stations],
        );
        await insertLines(client, this.eventId, 'tally', 0n, files.tally);
        const feed = await bumpChange(client, `event:${this.eventId}`);
        await bumpChange(client, 'events');
        return feed;
      });
      this.sawFeed(feed);
    } catch (e) {
      throw createRefusal(e, this.eventId) ?? storageFailed(this.where, e);
    }
  }

  async load(): Promise<LoadedLedger> {
    const read = await inTransaction(this.pool, async (client) => {
      // One snapshot: the counts and the lines agree.
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const event = await client.query<EventRow>(
        `SELECT ${HEAD_COLUMNS} FROM ledger_event WHERE event_id = $1`,
        [this.eventId],
      );
      const row = event.rows[0];
      if (row === undefined) throw new Error(`${this.where} does not exist`);
      const logs = await client.query<{ log: Log; text: string }>(
        `SELECT log, string_agg(text, '' ORDER BY seq) AS text FROM ledger_line
         WHERE event_id = $1 GROUP BY log`,
        [this.eventId],
      );
      const docs = await client.query<{ name: string; version: string; text: string }>(
        'SELECT name, version, text FROM ledger_doc WHERE event_id = $1',
        [this.eventId],
      );
      return {
        head: headOf(row),
        logs: logs.rows,
        docs: docs.rows,
        feed: await this.feedOf(client),
      };
    });
    const log = (name: Log) => read.logs.find((l) => l.log === name)?.text ?? '';
    const doc = (name: string) => read.docs.find((d) => d.name === name)?.text ?? null;
    const tally = log('tally');
    const recovery = await runOffThread({ task: 'recover', bytes: Buffer.from(tally, 'utf8') });
    // Rows are written whole by transactions: nothing is ever cut, so anything wrong is damage.
    if (recovery.kind !== 'intact') {
      const problem = recovery.kind === 'damaged' ? recovery.problem : recovery.problem;
      throw new DamagedTallyFile(
        `The tally of ${this.where} is damaged (${problemSummary(problem)}). ` +
          'Restore it from a backup (pg_restore) or a station export.',
        problem,
      );
    }
    const meta = doc(META);
    const registry = doc(REGISTRY);
    if (meta === null || registry === null)
      throw new Error(`${this.where} lacks its meta.json or stations.json`);
    this.head = read.head;
    this.sawFeed(read.feed);
    for (const d of read.docs) this.docVersions.set(d.name, BigInt(d.version));
    return {
      contents: recovery.contents,
      joinCode: (JSON.parse(meta) as { joinCode: string }).joinCode,
      stations: (JSON.parse(registry) as { stations: StationRecord[] }).stations,
      quarantine: log('quarantine'),
      activity: log('activity'),
      rehearsal: log('rehearsal'),
      codes: doc(CODES),
    };
  }

  appendRehearsal(text: string, current: () => boolean): Promise<void> {
    return this.turn(async () => {
      if (!current()) throw new StaleLedger(`${this.where}: decided before a catch-up`);
      if (lineCount(text) === 0) return;
      const next = await this.writing(async (client, head) => {
        const rehearsal = await insertLines(
          client,
          this.eventId,
          'rehearsal',
          head.rehearsal,
          text,
        );
        return { ...head, rehearsal };
      });
      this.head = next;
    });
  }

  /** A write transaction on the locked row: `work` returns the head after it. */
  private async writing(
    work: (client: PoolClient, head: LedgerHead) => Promise<LedgerHead>,
    rebase?: (client: PoolClient, seen: LedgerHead, now: LedgerHead) => Promise<boolean>,
  ): Promise<LedgerHead> {
    try {
      const { next, feed } = await inTransaction(this.pool, async (client) => {
        const head = await this.lock(client, rebase);
        const next = await work(client, head);
        return { next, feed: await this.setCounts(client, next) };
      });
      this.sawFeed(feed);
      return next;
    } catch (e) {
      if (e instanceof StorageError) throw e;
      throw storageFailed(this.where, e);
    }
  }

  commitGroup(
    build: () => Promise<GroupAppends>,
    current: () => boolean,
    rebase?: (changes: ForeignChanges) => Promise<GroupAppends | null>,
  ): Promise<[Settled, Settled, Settled]> {
    return this.turn(async () => {
      if (!current()) {
        const stale: Settled = {
          status: 'rejected',
          reason: new StaleLedger(`${this.where}: decided before a catch-up`),
        };
        return [stale, stale, stale];
      }
      let appends = await build();
      const { tally, quarantine, activity } = appends;
      if (tally === '' && quarantine === '' && activity === '') {
        const ok: Settled = { status: 'fulfilled', value: undefined };
        return [ok, ok, ok];
      }
      // Lock first, then take in what another instance appended meanwhile (only lines: a rewrite
      // or a document is for a whole catch-up) and append after it, in one transaction.
      const onto =
        rebase === undefined
          ? undefined
          : async (client: PoolClient, seen: LedgerHead, now: LedgerHead) => {
              if (now.epoch !== seen.epoch || now.docVersion !== seen.docVersion) return false;
              const rebased = await rebase(await this.foreign(client, seen));
              if (rebased === null) return false;
              appends = rebased;
              return true;
            };
      try {
        this.head = await this.writing(async (client, head) => {
          const { tally, quarantine, activity } = appends;
          await insertBallots(client, this.eventId, head.tally, tally, appends.ballotIds);
          return {
            ...head,
            tally: await insertLines(client, this.eventId, 'tally', head.tally, tally),
            quarantine: await insertLines(
              client,
              this.eventId,
              'quarantine',
              head.quarantine,
              quarantine,
            ),
            activity: await insertLines(client, this.eventId, 'activity', head.activity, activity),
          };
        }, onto);
        const ok: Settled = { status: 'fulfilled', value: undefined };
        return [ok, ok, ok];
      } catch (reason) {
        // One transaction: nothing of the group was written.
        const failed: Settled = { status: 'rejected', reason };
        return [failed, failed, failed];
      }
    });
  }

  rewriteTally(text: string, keepOldAs: string | null, current: () => boolean): Promise<void> {
    return this.turn(async () => {
      if (!current()) throw new StaleLedger(`${this.where}: decided before a catch-up`);
      try {
        this.head = await this.writing(async (client, head) => {
          let docVersion = head.docVersion;
          if (keepOldAs !== null) {
            docVersion += 1n;
            await client.query(
              `INSERT INTO ledger_doc (event_id, name, version, text)
               SELECT $1, $2, $3, coalesce(string_agg(text, '' ORDER BY seq), '')
               FROM ledger_line WHERE event_id = $1 AND log = 'tally'`,
              [this.eventId, keepOldAs, docVersion.toString()],
            );
            this.docVersions.set(keepOldAs, docVersion);
          }
          await client.query(`DELETE FROM ledger_line WHERE event_id = $1 AND log = 'tally'`, [
            this.eventId,
          ]);
          const lines = await insertLines(client, this.eventId, 'tally', 0n, text);
          return { ...head, epoch: head.epoch + 1n, tally: lines, docVersion };
        });
      } catch (e) {
        if (e instanceof StaleLedger) throw e;
        throw new StorageError(`Writing to ${this.where} failed (${String(e)}). Nothing changed.`);
      }
    });
  }

  writeDoc(name: string, text: string): Promise<void> {
    return this.turn(async () => {
      try {
        const { before, version, feed } = await inTransaction(this.pool, async (client) => {
          const event = await client.query<{ doc_version: string }>(
            'SELECT doc_version FROM ledger_event WHERE event_id = $1 FOR UPDATE',
            [this.eventId],
          );
          const before = BigInt(event.rows[0]?.doc_version ?? '0');
          const held = await client.query<{ version: string }>(
            'SELECT version FROM ledger_doc WHERE event_id = $1 AND name = $2',
            [this.eventId, name],
          );
          const heldVersion = held.rows[0] === undefined ? undefined : BigInt(held.rows[0].version);
          // Replaced by another instance since this one read it: read it again first.
          if (heldVersion !== this.docVersions.get(name)) {
            throw new StaleLedger(`${this.where}: ${name} was changed by another instance`);
          }
          const version = before + 1n;
          await client.query(
            `INSERT INTO ledger_doc (event_id, name, version, text) VALUES ($1, $2, $3, $4)
             ON CONFLICT (event_id, name) DO UPDATE SET version = $3, text = $4`,
            [this.eventId, name, version.toString(), text],
          );
          await client.query('UPDATE ledger_event SET doc_version = $2 WHERE event_id = $1', [
            this.eventId,
            version.toString(),
          ]);
          const feed = await bumpChange(client, `event:${this.eventId}`);
          return { before, version, feed };
        });
        this.docVersions.set(name, version);
        // Seen up to here only if nothing else changed in between (else a catch-up reads it).
        const head = this.seen();
        if (head.docVersion === before) this.head = { ...head, docVersion: version };
        // This write does not lock the lines: only a feed that moved by this write alone is seen.
        if (feed === this.feed + 1n) this.sawFeed(feed);
      } catch (e) {
        if (e instanceof StorageError) throw e;
        throw storageFailed(this.where, e);
      }
    });
  }

  readTally(): Promise<string> {
    return readLog(this.pool, this.eventId, 'tally');
  }

  /** One piece: the rows come in one query, as for readTally. */
  async *tallyPieces(): AsyncGenerator<Uint8Array> {
    yield Buffer.from(await this.readTally(), 'utf8');
  }

  catchUp(apply: (changes: ForeignChanges) => void): Promise<'caught-up' | 'reload'> {
    return this.turn(async () => {
      const seen = this.seen();
      const read = await inTransaction(this.pool, async (client) => {
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const event = await client.query<EventRow>(
          `SELECT ${HEAD_COLUMNS} FROM ledger_event WHERE event_id = $1`,
          [this.eventId],
        );
        const row = event.rows[0];
        if (row === undefined) throw new StorageError(`${this.where} is no longer there.`);
        const now = headOf(row);
        const feed = await this.feedOf(client);
        if (now.epoch !== seen.epoch || sameHead(now, seen)) return { now, feed, changes: null };
        return { now, feed, changes: await this.foreign(client, seen) };
      });
      if (read.now.epoch !== seen.epoch) return 'reload';
      if (read.changes !== null) {
        apply(read.changes);
        for (const [name, version] of read.changes.versions) this.docVersions.set(name, version);
        this.head = read.now;
      }
      this.sawFeed(read.feed);
      return 'caught-up';
    });
  }

  async dump(): Promise<Record<string, string>> {
    return this.turn(async () => {
      const out: Record<string, string> = {};
      for (const [log, name] of Object.entries(LOG_NAMES) as [Log, string][])
        out[name] = await readLog(this.pool, this.eventId, log);
      const docs = await this.pool.query<{ name: string; text: string }>(
        'SELECT name, text FROM ledger_doc WHERE event_id = $1',
        [this.eventId],
      );
      for (const d of docs.rows) out[d.name] = d.text;
      return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
    });
  }

  async close(): Promise<void> {
    await this.turns;
  }
}
