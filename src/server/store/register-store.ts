/**
 * The registration desks' registers, kept apart from the tally. This file: the interface the HTTP
 * layer uses, and the file store, DATA_DIR/registers/, one append-only log per event
 * (`<eventId>.ndjson`, a line per row with the station that sent it) and, once the organiser
 * deletes the register, a deletion record (`<eventId>.deletion.json`) that stays when the rows
 * are gone. PostgreSQL's: pg/pg-register-store.ts. Nothing here is ever written to the tally
 * file, and no row holds a ballot id (protocol.ts registrationSchema refuses one).
 *
 * Durability: a push is acknowledged only after its lines are fsynced. Deleting writes the
 * record first (atomically), then removes the log; a crash in between is finished at the next
 * start, so a deletion once recorded always happens.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RegisterSummary } from '../../core/protocol.ts';
import type { Registration } from '../../core/register.ts';
import { AppendOnlyFile, syncDirectory, writeFileAtomic } from './durable-file.ts';
import {
  canonicalOf,
  droppedPush,
  HeldRegisters,
  sortPush,
  type HeldRegister,
  type RegisterContents,
  type RegisterDeletion,
  type RegisterPushOutcome,
} from './register-rows.ts';
import { StorageError } from './tally-store.ts';

export type { RegisterContents, RegisterDeletion, RegisterPushOutcome } from './register-rows.ts';

/**
 * The registers as the HTTP layer sees them, whatever keeps them: these files or PostgreSQL. The
 * same contract either way (tests/server/side-store-contract.test.ts).
 */
export interface RegisterStore {
  /**
   * Takes a station's rows: a new id is kept durably before this resolves; an id already held
   * with the same answers is stored already; with other answers it is a conflict and never
   * overwrites. After the register was deleted every row is taken and dropped (`deleted`), so
   * stations stop sending and delete their own copies.
   */
  push(
    eventId: string,
    station: string,
    rows: readonly Registration[],
  ): Promise<RegisterPushOutcome>;
  /** Counts per desk and likely duplicates; `stationName` names a desk by its station id. */
  summary(eventId: string, stationName: (stationId: string) => string): RegisterSummary;
  /** Every row held with its desk, and the deletion record: what `store copy` copies. */
  contents(eventId: string): RegisterContents;
  /**
   * Deletes the event's register with one recorded action (who, when, how many rows): the rows
   * are gone, the record stays. A second deletion changes nothing and returns the first.
   * `rows`: the count to record instead of the rows held (`store copy` of a deletion).
   */
  delete(eventId: string, by: string, at: Date, rows?: number): Promise<RegisterDeletion>;
  /** Waits for writes in progress. */
  close(): Promise<void>;
}

interface EventRegister extends HeldRegister {
  file: AppendOnlyFile | null;
  /** Pushes and the deletion of one event run one after another. */
  queue: Promise<unknown>;
}

const LOG = /^(.+)\.ndjson$/;
const DELETION = /^(.+)\.deletion\.json$/;

export class FileRegisterStore extends HeldRegisters<EventRegister> implements RegisterStore {
  private constructor(
    private readonly dir: string,
    private readonly log: (line: string) => void,
  ) {
    super();
  }

  static async open(
    dir: string,
    log: (line: string) => void = () => {},
  ): Promise<FileRegisterStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const store = new FileRegisterStore(dir, log);
    const names = await readdir(dir);
    for (const name of names) {
      const deleted = DELETION.exec(name);
      if (deleted?.[1] === undefined) continue;
      const record = JSON.parse(await readFile(join(dir, name), 'utf8')) as RegisterDeletion;
      store.register(deleted[1]).deletion = record;
      // A deletion recorded just before a crash: its rows go now.
      await rm(store.logPath(deleted[1]), { force: true });
    }
    for (const name of names) {
      const logged = LOG.exec(name);
      if (logged?.[1] === undefined) continue;
      const eventId = logged[1];
      const register = store.register(eventId);
      if (register.deletion !== null) continue;
      const text = await readFile(join(dir, name), 'utf8');
      // A torn last line (a crash mid-append) was never acknowledged: cut it off.
      const sound = text.lastIndexOf('\n') + 1;
      text
        .slice(0, sound)
        .split('\n')
        .forEach((line, index) => {
          if (line === '') return;
          try {
            const { station, row } = JSON.parse(line) as { station: string; row: Registration };
            if (!register.rows.has(row.id)) {
              register.rows.set(row.id, { station, row, canonical: canonicalOf(row) });
            }
          } catch {
            log(`register ${eventId}: line ${index + 1} is unreadable and was skipped`);
          }
        });
      register.file = await AppendOnlyFile.open(
        join(dir, name),
        Buffer.byteLength(text.slice(0, sound)),
      );
    }
    return store;
  }

  private register(eventId: string): EventRegister {
    let register = this.events.get(eventId);
    if (register === undefined) {
      register = { rows: new Map(), file: null, deletion: null, queue: Promise.resolve() };
      this.events.set(eventId, register);
    }
    return register;
  }

  private logPath(eventId: string): string {
    return join(this.dir, `${eventId}.ndjson`);
  }

  private serialised<T>(eventId: string, run: (register: EventRegister) => Promise<T>): Promise<T> {
    const register = this.register(eventId);
    const next = register.queue.then(() => run(register));
    register.queue = next.catch(() => undefined);
    return next;
  }

  push(
    eventId: string,
    station: string,
    rows: readonly Registration[],
  ): Promise<RegisterPushOutcome> {
    return this.serialised(eventId, async (register) => {
      if (register.deletion !== null) return droppedPush(rows);
      const { outcome, fresh } = sortPush(station, rows, (id) => register.rows.get(id)?.canonical);
      if (fresh.size > 0) {
        const text = [...fresh.values()]
          .map(({ station: s, row }) => `${JSON.stringify({ station: s, row })}\n`)
          .join('');
        try {
          register.file ??= await AppendOnlyFile.open(this.logPath(eventId));
          await register.file.append(text);
        } catch (cause) {
          throw new StorageError(`register ${eventId}: rows not stored`, { cause });
        }
        for (const [id, held] of fresh) register.rows.set(id, held);
      }
      return outcome;
    });
  }

  /** The record is durable first, then the rows go (a crash between is finished at start). */
  delete(eventId: string, by: string, at: Date, rows?: number): Promise<RegisterDeletion> {
    return this.serialised(eventId, async (register) => {
      if (register.deletion !== null) return register.deletion;
      const record: RegisterDeletion = {
        at: at.toISOString(),
        by,
        rows: rows ?? register.rows.size,
      };
      try {
        await writeFileAtomic(join(this.dir, `${eventId}.deletion.json`), JSON.stringify(record));
        register.deletion = record;
        await register.file?.close();
        register.file = null;
        register.rows.clear();
        await rm(this.logPath(eventId), { force: true });
        await syncDirectory(this.dir);
      } catch (cause) {
        throw new StorageError(`register ${eventId}: deletion not completed`, { cause });
      }
      this.log(`Register of ${eventId} deleted by ${by}: ${record.rows} rows`);
      return record;
    });
  }

  async close(): Promise<void> {
    for (const register of this.events.values()) {
      await register.queue;
      await register.file?.close();
      register.file = null;
    }
  }
}
