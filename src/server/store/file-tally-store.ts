/**
 * The default, embedded TallyStore: plain files under DATA_DIR, one folder an event
 * (DATA_DIR/events/<eventId>/, see event-ledger.ts for what is in it). Nothing to install or
 * configure, and the tally file on disk is itself the artefact an organiser can copy and verify.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { QuarantinedBallot, StationStatus } from '../../core/protocol.ts';
import type { EventDefinition } from '../../core/schema.ts';
import { syncDirectory } from './durable-file.ts';
import { EventLedger } from './event-ledger.ts';
import type { StationRecord } from './station-book.ts';
import type { BatchOutcome, BatchToStore, EventInfo, TallyStore } from './tally-store.ts';

export interface FileTallyStoreOptions {
  now?: () => Date;
  log?: (line: string) => void;
}

export class FileTallyStore implements TallyStore {
  private readonly ledgers = new Map<string, EventLedger>();
  private readonly stationsByToken = new Map<string, StationRecord>();
  private readonly closed: { folder: string; reason: string }[] = [];

  private constructor(
    private readonly eventsDir: string,
    private readonly now: () => Date,
  ) {}

  /**
   * Opens every event under `dataDir`. An event whose tally file is damaged (not merely cut by a
   * crash) is left closed and reported, so one bad file does not keep the other events offline.
   */
  static async open(dataDir: string, options: FileTallyStoreOptions = {}): Promise<FileTallyStore> {
    const log = options.log ?? ((line: string) => console.log(line));
    const now = options.now ?? (() => new Date());
    const eventsDir = join(dataDir, 'events');
    await mkdir(eventsDir, { recursive: true, mode: 0o700 });
    const store = new FileTallyStore(eventsDir, now);
    const entries = await readdir(eventsDir, { withFileTypes: true });
    for (const entry of entries
      .filter((e) => e.isDirectory())
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      try {
        store.register(await EventLedger.open(join(eventsDir, entry.name), now, log));
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        store.closed.push({ folder: entry.name, reason });
        log(`Event "${entry.name}" was not opened: ${reason}`);
      }
    }
    return store;
  }

  private register(ledger: EventLedger): void {
    this.ledgers.set(ledger.info.event.id, ledger);
    for (const station of ledger.stationRecords())
      this.stationsByToken.set(station.tokenHash, station);
  }

  private ledger(eventId: string): EventLedger {
    const ledger = this.ledgers.get(eventId);
    if (ledger === undefined) throw new Error(`No open event "${eventId}": check event() first`);
    return ledger;
  }

  events(): EventInfo[] {
    return [...this.ledgers.values()].map((l) => l.summary());
  }

  unopened(): { folder: string; reason: string }[] {
    return [...this.closed];
  }

  event(eventId: string): EventInfo | undefined {
    return this.ledgers.get(eventId)?.summary();
  }

  eventByJoinCode(joinCode: string): EventInfo | undefined {
    return this.events().find((e) => e.joinCode === joinCode);
  }

  async createEvent(event: EventDefinition, joinCode: string): Promise<EventInfo> {
    if (this.ledgers.has(event.id)) throw new Error(`Event "${event.id}" already exists`);
    if (this.eventByJoinCode(joinCode) !== undefined) throw new Error('Join code already in use');
    const dir = join(this.eventsDir, event.id);
    await mkdir(dir, { mode: 0o700 });
    await syncDirectory(this.eventsDir);
    const ledger = await EventLedger.create(dir, event, joinCode, this.now);
    this.register(ledger);
    return ledger.summary();
  }

  store(eventId: string, batch: BatchToStore): Promise<BatchOutcome> {
    return this.ledger(eventId).store(batch);
  }

  hasBallot(eventId: string, ballotId: string): boolean {
    return this.ledgers.get(eventId)?.has(ballotId) ?? false;
  }

  tallyFile(eventId: string): Promise<string> {
    return this.ledger(eventId).tallyFile();
  }

  async addStation(record: StationRecord): Promise<void> {
    await this.ledger(record.eventId).addStation(record);
    this.stationsByToken.set(record.tokenHash, record);
  }

  stationByTokenHash(tokenHash: string): StationRecord | undefined {
    return this.stationsByToken.get(tokenHash);
  }

  stations(eventId: string): StationStatus[] {
    return this.ledger(eventId).stations();
  }

  quarantine(eventId: string): QuarantinedBallot[] {
    return this.ledger(eventId).quarantine();
  }

  async close(): Promise<void> {
    await Promise.all([...this.ledgers.values()].map((l) => l.close()));
  }
}
