/**
 * The registration desks' registers, kept apart from the tally: DATA_DIR/registers/, one
 * append-only log per event (`<eventId>.ndjson`, a line per row with the station that sent it)
 * and, once the organiser deletes the register, a deletion record (`<eventId>.deletion.json`)
 * that stays when the rows are gone. Nothing here is ever written to the tally file, and no row
 * holds a ballot id (protocol.ts registrationSchema refuses one).
 *
 * Durability: a push is acknowledged only after its lines are fsynced. Deleting writes the
 * record first (atomically), then removes the log; a crash in between is finished at the next
 * start, so a deletion once recorded always happens.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../../core/canonical-json.ts';
import type { RegisterSummary } from '../../core/protocol.ts';
import { likelyDuplicates, type DeskRegistration, type Registration } from '../../core/register.ts';
import { AppendOnlyFile, syncDirectory, writeFileAtomic } from './durable-file.ts';
import { StorageError } from './tally-store.ts';

export interface RegisterDeletion {
  at: string;
  by: string;
  rows: number;
}

export interface RegisterPushOutcome {
  stored: string[];
  conflicts: string[];
  deleted: boolean;
  /** How many of `stored` are new (the rest were held already). */
  added: number;
}

interface Held {
  station: string;
  row: Registration;
  canonical: string;
}

interface EventRegister {
  rows: Map<string, Held>;
  file: AppendOnlyFile | null;
  deletion: RegisterDeletion | null;
  /** Pushes and the deletion of one event run one after another. */
  queue: Promise<unknown>;
}

/** A row's answers in one spelling, to tell the same row sent again from a conflicting one. */
const canonicalOf = (row: Registration): string => canonicalJson({ ...row });

const LOG = /^(.+)\.ndjson$/;
const DELETION = /^(.+)\.deletion\.json$/;

export class RegisterStore {
  private readonly events = new Map<string, EventRegister>();

  private constructor(
    private readonly dir: string,
    private readonly log: (line: string) => void,
  ) {}

  static async open(dir: string, log: (line: string) => void = () => {}): Promise<RegisterStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const store = new RegisterStore(dir, log);
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

  /**
   * Takes a station's rows: a new id is appended and fsynced; an id already held with the same
   * answers is stored already; with other answers it is a conflict and never overwrites. After
   * the register was deleted every row is taken and dropped (`deleted`), so stations stop
   * sending and delete their own copies.
   */
  push(
    eventId: string,
    station: string,
    rows: readonly Registration[],
  ): Promise<RegisterPushOutcome> {
    return this.serialised(eventId, async (register) => {
      if (register.deletion !== null) {
        return { stored: rows.map((r) => r.id), conflicts: [], deleted: true, added: 0 };
      }
      const stored: string[] = [];
      const conflicts: string[] = [];
      const fresh = new Map<string, Held>();
      for (const row of rows) {
        const canonical = canonicalOf(row);
        const held = register.rows.get(row.id) ?? fresh.get(row.id);
        if (held === undefined) {
          fresh.set(row.id, { station, row, canonical });
          stored.push(row.id);
        } else if (held.canonical === canonical) stored.push(row.id);
        else conflicts.push(row.id);
      }
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
      return { stored, conflicts, deleted: false, added: fresh.size };
    });
  }

  /** Counts per desk and likely duplicates; `stationName` names a desk by its station id. */
  summary(eventId: string, stationName: (stationId: string) => string): RegisterSummary {
    const register = this.events.get(eventId);
    const held = [...(register?.rows.values() ?? [])];
    const desks = new Map<string, { rows: number; overridden: number }>();
    for (const { station, row } of held) {
      const desk = desks.get(station) ?? { rows: 0, overridden: 0 };
      desk.rows += 1;
      if (row.overridden !== undefined) desk.overridden += 1;
      desks.set(station, desk);
    }
    const byId = new Map(held.map((h) => [h.row.id, h]));
    const rows: DeskRegistration[] = held.map((h) => ({ ...h.row, desk: h.station }));
    const view = (id: string) => {
      const h = byId.get(id);
      if (h === undefined) throw new Error(`register row ${id} vanished`);
      const { name, postcode, street, ageBand } = h.row;
      return {
        id,
        desk: stationName(h.station),
        ...(name !== undefined && { name }),
        ...(postcode !== undefined && { postcode }),
        ...(street !== undefined && { street }),
        ...(ageBand !== undefined && { ageBand }),
      };
    };
    return {
      total: held.length,
      desks: [...desks]
        .map(([stationId, d]) => ({ stationId, name: stationName(stationId), ...d }))
        .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)),
      duplicates: likelyDuplicates(rows).map((pair) => ({
        reason: pair.reason,
        acrossDesks: pair.acrossDesks,
        a: view(pair.a),
        b: view(pair.b),
      })),
      deletion: register?.deletion ?? null,
    };
  }

  /**
   * Deletes the event's register with one recorded action: the record (who, when, how many rows)
   * is durable first, then the rows go. A second deletion changes nothing and returns the first.
   */
  delete(eventId: string, by: string, at: Date): Promise<RegisterDeletion> {
    return this.serialised(eventId, async (register) => {
      if (register.deletion !== null) return register.deletion;
      const record: RegisterDeletion = { at: at.toISOString(), by, rows: register.rows.size };
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
