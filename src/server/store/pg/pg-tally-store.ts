/**
 * The TallyStore on PostgreSQL (issue 12): the same ledger as the file store (event-ledger.ts, so
 * the same decisions and the same tally file, byte for byte), kept in rows
 * (ledger/pg-ledger-medium.ts, migration 002-ledger.ts) by several server instances at once.
 *
 * Each instance holds every event's state in memory for its synchronous reads, but decides
 * nothing on it alone: every write locks the event's row and checks that nobody wrote since this
 * instance last caught up, else catches up (only the new rows) and decides again. `refresh`,
 * before every API request, catches up the events other instances changed (the change feed's
 * `event:<id>`), opens events they created (`events`) and learns their pictures (`pictures`).
 */
import { createHash } from 'node:crypto';
import type { PictureType } from '../../../core/event-package.ts';
import type { EventDefinition } from '../../../core/schema.ts';
import { EventLedger } from '../event-ledger.ts';
import { ForeignChainBroken } from '../ledger/catch-up.ts';
import { LOG_NAMES, StaleLedger } from '../ledger/ledger-medium.ts';
import { LedgerTallyStore } from '../ledger/ledger-tally-store.ts';
import { DamagedTallyFile } from '../recover-tally.ts';
import type { StationRecord } from '../station-book.ts';
import {
  StorageError,
  type CreateEventOptions,
  type EventDump,
  type EventInfo,
} from '../tally-store.ts';
import { bumpChange, readChanges, SeenVersions } from './changes.ts';
import { inTransaction, type Pool } from './database.ts';
import { PgLedgerMedium } from './ledger/pg-ledger-medium.ts';
import {
  createRefusal,
  insertBallots,
  insertLines,
  lineCount,
  storageFailed,
} from './ledger/pg-ledger-rows.ts';

export interface PgTallyStoreOptions {
  now?: () => Date;
  log?: (line: string) => void;
}

/** How many times a write goes again on an event another instance rewrote or changed. */
const REOPENS = 4;

const pictureKey = (sha256: string, type: PictureType) => `${sha256} ${type}`;

export async function openPgTallyStore(
  pool: Pool,
  options: PgTallyStoreOptions = {},
): Promise<PgTallyStore> {
  const store = new PgTallyStore(
    pool,
    options.now ?? (() => new Date()),
    options.log ?? ((line: string) => console.log(line)),
  );
  await store.refresh(await readChanges(pool));
  return store;
}

export class PgTallyStore extends LedgerTallyStore {
  private readonly seen = new SeenVersions();
  private readonly pictures = new Set<string>();
  /** Events being opened again (rewritten by another instance), so it happens once. */
  private readonly reopening = new Map<string, Promise<void>>();

  constructor(
    private readonly pool: Pool,
    private readonly now: () => Date,
    private readonly log: (line: string) => void,
  ) {
    super();
  }

  /** Catches up on what other instances changed: call with the change feed before a request. */
  async refresh(changes: ReadonlyMap<string, bigint>): Promise<void> {
    if (this.seen.moved(changes, 'events')) {
      const version = changes.get('events') ?? 0n;
      const rows = await this.pool.query<{ event_id: string }>(
        'SELECT event_id FROM ledger_event ORDER BY event_id',
      );
      for (const { event_id: id } of rows.rows) {
        const known =
          this.ledgers.has(id) || this.creating.has(id) || this.closed.some((c) => c.folder === id);
        if (!known) await this.openEvent(id);
      }
      this.seen.saw('events', version);
    }
    if (this.seen.moved(changes, 'pictures')) {
      const version = changes.get('pictures') ?? 0n;
      const rows = await this.pool.query<{ sha256: string; type: PictureType }>(
        'SELECT sha256, type FROM picture',
      );
      for (const r of rows.rows) this.pictures.add(pictureKey(r.sha256, r.type));
      this.seen.saw('pictures', version);
    }
    for (const id of [...this.ledgers.keys()]) {
      const name = `event:${id}`;
      if (!this.seen.moved(changes, name)) continue;
      const version = changes.get(name) ?? 0n;
      // Moved by this instance's own writes only (the common case: every push bumps it), or
      // already taken in by a write that caught up first: nothing to read, and a catch-up would
      // wait for the write in progress, holding up this request. The station registry may still
      // have changed under such a catch-up: registered again, as a catch-up here would.
      const ledger = this.ledger(id);
      if (ledger.holdsVersion(version)) this.register(ledger);
      else await this.catchUp(id);
      this.seen.saw(name, version);
    }
  }

  /** Takes in an event's rows written elsewhere; opens it again if its tally was rewritten. */
  private async catchUp(eventId: string): Promise<void> {
    const ledger = this.ledger(eventId);
    let outcome: 'caught-up' | 'reload';
    try {
      outcome = await ledger.catchUp(this.log);
    } catch (e) {
      if (!(e instanceof ForeignChainBroken)) throw e;
      this.log(`Event ${eventId}: ${e.message}; opening it again.`);
      outcome = 'reload';
    }
    if (outcome === 'reload') await this.reopen(eventId);
    else this.register(ledger);
  }

  private reopen(eventId: string): Promise<void> {
    const running = this.reopening.get(eventId);
    if (running !== undefined) return running;
    const run = (async () => {
      try {
        await this.openEvent(eventId);
      } finally {
        this.reopening.delete(eventId);
      }
    })();
    this.reopening.set(eventId, run);
    return run;
  }

  /**
   * Opens an event at start, once another instance created it, or again once another rewrote it
   * (replacing the ledger held); a damaged one is closed.
   */
  private async openEvent(eventId: string): Promise<void> {
    try {
      this.register(
        await EventLedger.open(new PgLedgerMedium(this.pool, eventId), this.now, this.log),
      );
    } catch (e) {
      // Not opened (again: damaged rows found by a reopening): closed, as it would be at start.
      this.ledgers.delete(eventId);
      const reason = e instanceof Error ? e.message : String(e);
      const found = await this.whatIsLeft(eventId);
      this.closed.push({
        folder: eventId,
        reason,
        ...(e instanceof DamagedTallyFile && { problem: e.problem }),
        ...found.about,
      });
      // Its stations are still known, to be told the event is unavailable (not "join again").
      for (const station of found.stations) this.stationsByToken.set(station.tokenHash, station);
      this.log(`Event "${eventId}" was not opened: ${reason}`);
    }
  }

  /**
   * A write on an event's ledger. When it ends in StaleLedger (another instance rewrote the event,
   * or replaced a document this write changes), the ledger catches up (or is opened again) and
   * the write goes again.
   */
  protected override async write<T>(
    eventId: string,
    write: (ledger: EventLedger) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await write(this.ledger(eventId));
      } catch (e) {
        if (!(e instanceof StaleLedger) || attempt >= REOPENS) throw e;
        await this.catchUp(eventId);
      }
    }
  }

  async createEvent(
    event: EventDefinition,
    joinCode: string,
    options: CreateEventOptions = { state: 'open', by: 'server' },
  ): Promise<EventInfo> {
    return this.createWith(event.id, joinCode, () =>
      EventLedger.create(
        new PgLedgerMedium(this.pool, event.id),
        event,
        joinCode,
        this.now,
        options,
      ),
    );
  }

  async restoreEvent(dump: EventDump): Promise<'copied' | 'already-there'> {
    const checked = await this.restoring(dump);
    if (checked === 'already-there') return checked;
    const { joinCode, ballotIds, files } = checked;
    this.creating.add(dump.eventId);
    const id = dump.eventId;
    try {
      await inTransaction(this.pool, async (client) => {
        const texts = Object.fromEntries(
          Object.entries(LOG_NAMES).map(([log, name]) => [log, files[name] ?? '']),
        ) as Record<keyof typeof LOG_NAMES, string>;
        const counts = Object.fromEntries(
          Object.entries(texts).map(([log, text]) => [log, lineCount(text)]),
        ) as Record<keyof typeof LOG_NAMES, number>;
        const docs = Object.entries(files).filter(
          ([name]) => !(Object.values(LOG_NAMES) as string[]).includes(name),
        );
        await client.query(
          `INSERT INTO ledger_event (event_id, join_code, tally_lines, quarantine_lines,
             rehearsal_lines, activity_lines, doc_version) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            id,
            joinCode,
            counts.tally,
            counts.quarantine,
            counts.rehearsal,
            counts.activity,
            docs.length,
          ],
        );
        for (const log of Object.keys(LOG_NAMES) as (keyof typeof LOG_NAMES)[])
          await insertLines(client, id, log, 0n, texts[log]);
        await insertBallots(client, id, 0n, texts.tally, ballotIds);
        let version = 0;
        for (const [name, text] of docs) {
          version += 1;
          await client.query(
            'INSERT INTO ledger_doc (event_id, name, version, text) VALUES ($1, $2, $3, $4)',
            [id, name, version, text],
          );
        }
        await bumpChange(client, `event:${id}`);
        await bumpChange(client, 'events');
      });
      this.register(await EventLedger.open(new PgLedgerMedium(this.pool, id), this.now, this.log));
      return 'copied';
    } catch (e) {
      throw createRefusal(e, id) ?? (e instanceof StorageError ? e : storageFailed(id, e));
    } finally {
      this.creating.delete(id);
    }
  }

  async putPicture(bytes: Uint8Array, type: PictureType): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (this.pictures.has(pictureKey(sha256, type))) return sha256;
    try {
      await inTransaction(this.pool, async (client) => {
        await client.query(
          `INSERT INTO picture (sha256, type, bytes) VALUES ($1, $2, $3)
           ON CONFLICT (sha256, type) DO NOTHING`,
          [sha256, type, Buffer.from(bytes)],
        );
        await bumpChange(client, 'pictures');
      });
    } catch (e) {
      throw storageFailed('the pictures in PostgreSQL', e);
    }
    this.pictures.add(pictureKey(sha256, type));
    return sha256;
  }

  async picture(sha256: string, type: PictureType): Promise<Uint8Array | undefined> {
    const result = await this.pool.query<{ bytes: Buffer }>(
      'SELECT bytes FROM picture WHERE sha256 = $1 AND type = $2',
      [sha256, type],
    );
    const bytes = result.rows[0]?.bytes;
    if (bytes === undefined) return undefined;
    this.pictures.add(pictureKey(sha256, type));
    return new Uint8Array(bytes);
  }

  hasPicture(sha256: string, type: PictureType): boolean {
    return this.pictures.has(pictureKey(sha256, type));
  }

  pictureList(): { sha256: string; type: PictureType }[] {
    return [...this.pictures].map((key) => {
      const [sha256 = '', type] = key.split(' ');
      return { sha256, type: type as PictureType };
    });
  }

  /** What can still be read of an event not opened: its join code, name and stations. */
  private async whatIsLeft(
    eventId: string,
  ): Promise<{ about: { joinCode?: string; name?: string }; stations: StationRecord[] }> {
    const about: { joinCode?: string; name?: string } = {};
    let stations: StationRecord[] = [];
    try {
      const row = await this.pool.query<{
        join_code: string;
        header: string | null;
        stations: string | null;
      }>(
        `SELECT e.join_code,
           (SELECT text FROM ledger_line WHERE event_id = e.event_id AND log = 'tally' AND seq = 1) AS header,
           (SELECT text FROM ledger_doc WHERE event_id = e.event_id AND name = 'stations.json') AS stations
         FROM ledger_event e WHERE e.event_id = $1`,
        [eventId],
      );
      const found = row.rows[0];
      if (found !== undefined) {
        about.joinCode = found.join_code;
        try {
          const header = found.header?.slice(0, found.header.indexOf('\n')) ?? '{}';
          const name = (JSON.parse(header) as { event?: { name?: unknown } }).event?.name;
          if (typeof name === 'string') about.name = name;
        } catch {
          // No name, then.
        }
        try {
          const list: unknown = (JSON.parse(found.stations ?? '{}') as { stations?: unknown })
            .stations;
          if (Array.isArray(list)) {
            stations = (list as StationRecord[]).filter(
              // Only this event's own: a token must never reach another event.
              (s) => typeof s.tokenHash === 'string' && s.eventId === eventId,
            );
          }
        } catch {
          // No stations, then.
        }
      }
    } catch {
      // Nothing more can be said.
    }
    return { about, stations };
  }
}
