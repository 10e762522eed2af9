/**
 * One event's files on disk and the single writer for them:
 *   tally.jsonl        the central tally file (hash-chained, sealed after every append)
 *   quarantine.jsonl   ballots kept apart with their reasons (one JSON object a line)
 *   station-log.jsonl  each push's cast count, time and delivered ids
 *   stations.json      the station registry (rewritten atomically on each join)
 *   meta.json          the join code
 *
 * Writes are group-committed: batches that arrive while an append is being fsynced wait and go
 * out together in the next append (one seal, one fsync), which keeps throughput up without ever
 * answering before the data is on disk.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../../core/canonical-json.ts';
import type { QuarantinedBallot, StationStatus } from '../../core/protocol.ts';
import type { Ballot, EventDefinition } from '../../core/schema.ts';
import { appendBallots, startTallyFile, type ChainHead } from '../../core/tally-file/index.ts';
import { AppendOnlyFile, syncDirectory, writeFileAtomic } from './durable-file.ts';
import { nativeSha256 } from './native-sha256.ts';
import { recoverTallyFile } from './recover-tally.ts';
import {
  parseActivityLog,
  StationBook,
  type StationActivity,
  type StationRecord,
} from './station-book.ts';
import {
  StorageError,
  type BatchOutcome,
  type BatchToStore,
  type EventInfo,
} from './tally-store.ts';

const TALLY = 'tally.jsonl';
const QUARANTINE = 'quarantine.jsonl';
const ACTIVITY = 'station-log.jsonl';
const REGISTRY = 'stations.json';
const META = 'meta.json';

interface Group {
  ballots: Ballot[];
  quarantine: QuarantinedBallot[];
  activity: StationActivity[];
  done: Promise<void>;
  resolve: () => void;
  reject: (e: Error) => void;
}

function newGroup(): Group {
  let resolve = () => {};
  let reject: (e: Error) => void = () => {};
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A group nobody waits on (all its callers gone) must not become an unhandled rejection.
  done.catch(() => {});
  return { ballots: [], quarantine: [], activity: [], done, resolve, reject };
}

const jsonLines = (values: readonly unknown[]) =>
  values.map((v) => `${JSON.stringify(v)}\n`).join('');
/** The same rejected ballot pushed twice is quarantined once. */
const quarantineKey = (q: QuarantinedBallot) => `${q.code}\n${q.id}\n${JSON.stringify(q.ballot)}`;

export interface LedgerFiles {
  tally: AppendOnlyFile;
  quarantine: AppendOnlyFile;
  activity: AppendOnlyFile;
}

export class EventLedger {
  /** Every ballot in the tally, by id (canonical JSON is only worked out when an id recurs). */
  private readonly committed = new Map<string, Ballot>();
  /** Ballots accepted into a group that is not yet durable. */
  private readonly pending = new Map<string, Ballot>();
  private readonly quarantineKeys = new Set<string>();
  private readonly quarantined: QuarantinedBallot[] = [];
  private next: Group | null = null;
  private writing: Promise<void> | null = null;
  private registryWrites: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    readonly info: Omit<EventInfo, 'ballots'>,
    private head: ChainHead,
    private readonly files: LedgerFiles,
    private readonly stationBook: StationBook,
    private readonly now: () => Date,
  ) {}

  static async create(
    dir: string,
    event: EventDefinition,
    joinCode: string,
    now: () => Date,
  ): Promise<EventLedger> {
    await writeFileAtomic(join(dir, META), JSON.stringify({ joinCode }));
    await writeFileAtomic(join(dir, REGISTRY), JSON.stringify({ stations: [] }));
    await writeFileAtomic(join(dir, TALLY), startTallyFile(event).text);
    return EventLedger.open(dir, now, () => {});
  }

  /** Opens an event's files, cutting an unsealed tail left by a crash (and saying so). */
  static async open(
    dir: string,
    now: () => Date,
    log: (line: string) => void,
  ): Promise<EventLedger> {
    const tallyPath = join(dir, TALLY);
    const text = await readFile(tallyPath, 'utf8');
    const recovery = recoverTallyFile(text);
    if (recovery.kind === 'damaged') {
      throw new Error(
        `${tallyPath} is damaged: ${recovery.problem.message} ` +
          'Move it aside and restore it from a station export or backup.',
      );
    }
    let keepBytes: number | undefined;
    if (recovery.kind === 'cut') {
      const aside = `${tallyPath}.cut-${now().toISOString().replace(/[:.]/g, '-')}`;
      await writeFile(aside, recovery.tail, { mode: 0o600 });
      keepBytes = recovery.keepBytes;
      log(
        `Recovered ${tallyPath}: an append was interrupted (${recovery.problem.message}) The ` +
          `unsealed tail, never acknowledged to a station, was cut and saved as ${aside}.`,
      );
    }
    const contents = recovery.contents;
    const meta = JSON.parse(await readFile(join(dir, META), 'utf8')) as { joinCode: string };
    const registry = JSON.parse(await readFile(join(dir, REGISTRY), 'utf8')) as {
      stations: StationRecord[];
    };
    const files: LedgerFiles = {
      tally: await AppendOnlyFile.open(tallyPath, keepBytes),
      quarantine: await openLog(join(dir, QUARANTINE), log),
      activity: await openLog(join(dir, ACTIVITY), log),
    };
    const ledger = new EventLedger(
      dir,
      { event: contents.event, eventHash: contents.eventHash, joinCode: meta.joinCode },
      contents.head,
      files,
      new StationBook(registry.stations),
      now,
    );
    for (const ballot of contents.ballots) ledger.committed.set(ballot.id, ballot);
    for (const q of parseLines<QuarantinedBallot>(await files.quarantine.read(), log)) {
      ledger.quarantineKeys.add(quarantineKey(q));
      ledger.quarantined.push(q);
    }
    const isStored = (id: string) => ledger.committed.has(id);
    for (const a of parseActivityLog(await files.activity.read(), log)) {
      ledger.stationBook.apply(a, isStored);
    }
    return ledger;
  }

  summary(): EventInfo {
    return { ...this.info, ballots: this.head.ballots };
  }

  has(id: string): boolean {
    return this.committed.has(id);
  }

  stations(): StationStatus[] {
    return this.stationBook.status();
  }

  stationRecords(): StationRecord[] {
    return this.stationBook.all();
  }

  quarantine(): QuarantinedBallot[] {
    return [...this.quarantined];
  }

  tallyFile(): Promise<string> {
    return this.files.tally.read();
  }

  /** Joins are rare but may be concurrent: each rewrite waits for the previous one. */
  async addStation(record: StationRecord): Promise<void> {
    const write = this.registryWrites.then(() =>
      writeFileAtomic(
        join(this.dir, REGISTRY),
        JSON.stringify({ stations: [...this.stationBook.all(), record] }, null, 1),
      ),
    );
    this.registryWrites = write.catch(() => {});
    await write;
    this.stationBook.add(record);
  }

  /**
   * Decides every ballot's fate at once (no await between the look-up and the reservation, so two
   * concurrent pushes of one id cannot both add it), then waits for the group's fsync.
   */
  async store(batch: BatchToStore): Promise<BatchOutcome> {
    const group = (this.next ??= newGroup());
    const stored = new Set<string>();
    const rejected = [...batch.rejected];
    let added = 0;
    let duplicates = 0;
    const stationId = batch.station?.stationId ?? null;
    for (const ballot of batch.ballots) {
      const held = this.committed.get(ballot.id) ?? this.pending.get(ballot.id);
      if (held === undefined) {
        this.pending.set(ballot.id, ballot);
        group.ballots.push(ballot);
        added += 1;
        stored.add(ballot.id);
      } else if (canonicalJson(held) === canonicalJson(ballot)) {
        if (!stored.has(ballot.id)) duplicates += 1;
        stored.add(ballot.id);
      } else {
        rejected.push({
          id: ballot.id,
          code: 'conflict',
          message:
            `Ballot ${ballot.id} is already in the tally with different choices. The first one ` +
            'counts; this one is kept apart for the organiser to look at.',
          stationId,
          ballot,
        });
      }
    }
    for (const q of rejected) {
      const key = quarantineKey(q);
      if (this.quarantineKeys.has(key)) continue;
      this.quarantineKeys.add(key);
      group.quarantine.push(q);
    }
    if (batch.station !== null) {
      group.activity.push({
        station: batch.station.stationId,
        cast: batch.station.castCount,
        at: this.now().toISOString(),
        ids: [...stored],
      });
    }
    this.writing ??= this.drain();
    await group.done;
    const received = stationId === null ? null : this.stationBook.received(stationId);
    return { stored: [...stored], added, duplicates, rejected, received };
  }

  /** Waits for every accepted batch to be written, then closes the files. */
  async close(): Promise<void> {
    while (this.writing !== null) await this.writing;
    await Promise.all([
      this.files.tally.close(),
      this.files.quarantine.close(),
      this.files.activity.close(),
    ]);
  }

  private async drain(): Promise<void> {
    try {
      while (this.next !== null) {
        const group = this.next;
        this.next = null;
        try {
          await this.commit(group);
        } catch (e) {
          // A bug, not a disk error: fail the waiting requests instead of leaving them hanging.
          group.reject(e instanceof Error ? e : new Error(String(e)));
        }
      }
    } finally {
      this.writing = null;
    }
  }

  private async commit(group: Group): Promise<void> {
    const chunk =
      group.ballots.length > 0
        ? appendBallots(this.head, group.ballots, { sha256: nativeSha256 })
        : null;
    const [tally, quarantine, activity] = await Promise.allSettled([
      this.files.tally.append(chunk?.text ?? ''),
      this.files.quarantine.append(jsonLines(group.quarantine)),
      this.files.activity.append(jsonLines(group.activity)),
    ]);
    if (tally.status === 'fulfilled' && chunk !== null) {
      this.head = chunk.head;
      for (const ballot of group.ballots) {
        this.committed.set(ballot.id, ballot);
        this.pending.delete(ballot.id);
      }
    }
    if (quarantine.status === 'fulfilled') this.quarantined.push(...group.quarantine);
    else for (const q of group.quarantine) this.quarantineKeys.delete(quarantineKey(q));
    if (activity.status === 'fulfilled') {
      const isStored = (id: string) => this.committed.has(id);
      for (const a of group.activity) this.stationBook.apply(a, isStored);
    }
    const failure = [tally, quarantine, activity].find((r) => r.status === 'rejected');
    if (failure === undefined) {
      group.resolve();
      return;
    }
    // The next group may count this group's ballots as "already there": it fails with it.
    const error = new StorageError(
      `Writing to ${this.dir} failed (${String(failure.reason)}). Nothing from this request ` +
        'was acknowledged; free disk space or fix the disk, then send it again.',
    );
    const failed = [group, ...(this.next === null ? [] : [this.next])];
    this.next = null;
    for (const g of failed) {
      for (const ballot of g.ballots)
        if (!this.committed.has(ballot.id)) this.pending.delete(ballot.id);
      if (g !== group) for (const q of g.quarantine) this.quarantineKeys.delete(quarantineKey(q));
      g.reject(error);
    }
  }
}

async function openLog(path: string, log: (line: string) => void): Promise<AppendOnlyFile> {
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  // A line cut by a crash would glue itself to the next append: cut it back to the last newline.
  const keep =
    text.length === 0 || text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  if (keep !== text) log(`${path}: an interrupted last line was cut.`);
  const file = await AppendOnlyFile.open(path, Buffer.byteLength(keep, 'utf8'));
  await syncDirectory(join(path, '..'));
  return file;
}

function parseLines<T>(text: string, log: (line: string) => void): T[] {
  const out: T[] = [];
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      log(`quarantine line ${index + 1} is unreadable and was skipped`);
    }
  });
  return out;
}
