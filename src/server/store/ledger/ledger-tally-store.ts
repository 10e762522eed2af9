/**
 * What the two TallyStores (the file store and PostgreSQL) share: one EventLedger per opened event
 * (event-ledger.ts decides; its medium keeps), the stations by token hash, the events not opened.
 * Each store opens and creates events on its medium and keeps pictures its own way.
 */
import type { PictureType } from '../../../core/event-package.ts';
import type { QuarantinedBallot, StationStatus } from '../../../core/protocol.ts';
import type { Ballot, EventDefinition } from '../../../core/schema.ts';
import type {
  ClosingChange,
  VoidChange,
  WithdrawalChange,
} from '../../../core/tally-file/index.ts';
import type { CodeBook, CodeUse } from '../code-book.ts';
import type { EventLedger } from '../event-ledger.ts';
import type { StationRecord } from '../station-book.ts';
import type { VoidRequest } from '../void-book.ts';
import type { WithdrawalRequest } from '../withdrawal-book.ts';
import { checkDump, differingRecords, eventDiffers, withEmptyLogs } from './event-dump.ts';
import {
  EventChangeRefused,
  StorageError,
  type BatchOutcome,
  type BatchToStore,
  type ChangeState,
  type CreateEventOptions,
  type EventDump,
  type EventInfo,
  type ReplaceDefinition,
  type StoreCopying,
  type TallyStore,
  type UnopenedEvent,
} from '../tally-store.ts';

export abstract class LedgerTallyStore implements TallyStore, StoreCopying {
  protected readonly ledgers = new Map<string, EventLedger>();
  protected readonly stationsByToken = new Map<string, StationRecord>();
  protected readonly closed: UnopenedEvent[] = [];
  /** Event ids being created, so two requests for one id cannot both go ahead. */
  protected readonly creating = new Set<string>();

  protected register(ledger: EventLedger): void {
    this.ledgers.set(ledger.id, ledger);
    for (const station of ledger.stationRecords())
      this.stationsByToken.set(station.tokenHash, station);
  }

  protected ledger(eventId: string): EventLedger {
    const ledger = this.ledgers.get(eventId);
    if (ledger === undefined) throw new Error(`No open event "${eventId}": check event() first`);
    return ledger;
  }

  /** Runs a write on an event's ledger (PostgreSQL: on a reopened one after a rewrite elsewhere). */
  protected write<T>(eventId: string, write: (ledger: EventLedger) => Promise<T>): Promise<T> {
    return write(this.ledger(eventId));
  }

  /**
   * Creates an event with `make` (its ledger, on the store's medium): refused when the id is taken
   * (by an open or an unopened event, or one being created) or the join code is in use.
   */
  protected async createWith(
    eventId: string,
    joinCode: string,
    make: () => Promise<EventLedger>,
  ): Promise<EventInfo> {
    const taken =
      this.ledgers.has(eventId) ||
      this.creating.has(eventId) ||
      this.closed.some((c) => c.folder === eventId);
    if (taken) throw new EventChangeRefused('event-exists', { event: eventId });
    if (this.eventByJoinCode(joinCode) !== undefined) throw new Error('Join code already in use');
    this.creating.add(eventId);
    try {
      const ledger = await make();
      this.register(ledger);
      return ledger.summary();
    } finally {
      this.creating.delete(eventId);
    }
  }

  /**
   * What restoring `dump` means here: 'already-there' (the same records held), or the checked
   * dump (with every log, '' when empty) of an event this store may take; refused otherwise
   * (tally-store.ts StoreCopying). The caller marks the id as being created meanwhile.
   */
  protected async restoring(
    dump: EventDump,
  ): Promise<'already-there' | (ReturnType<typeof checkDump> & { files: Record<string, string> })> {
    const checked = checkDump(dump);
    const files = withEmptyLogs(dump.files);
    const held = this.ledgers.get(dump.eventId);
    if (held !== undefined) {
      const differs = differingRecords(await held.dump(), files);
      if (differs.length === 0) return 'already-there';
      throw eventDiffers(dump.eventId, differs);
    }
    if (this.creating.has(dump.eventId) || this.closed.some((c) => c.folder === dump.eventId)) {
      throw eventDiffers(dump.eventId, ['unopened']);
    }
    if (this.eventByJoinCode(checked.joinCode) !== undefined)
      throw eventDiffers(dump.eventId, ['meta.json']);
    return { ...checked, files };
  }

  events(): EventInfo[] {
    return [...this.ledgers.values()].map((l) => l.summary());
  }

  unopened(): UnopenedEvent[] {
    return [...this.closed];
  }

  event(eventId: string): EventInfo | undefined {
    return this.ledgers.get(eventId)?.summary();
  }

  eventByJoinCode(joinCode: string): EventInfo | undefined {
    for (const ledger of this.ledgers.values())
      if (ledger.joinCode === joinCode) return ledger.summary();
    return undefined;
  }

  abstract createEvent(
    event: EventDefinition,
    joinCode: string,
    options?: CreateEventOptions,
  ): Promise<EventInfo>;

  replaceDefinition(eventId: string, change: ReplaceDefinition): Promise<EventInfo> {
    return this.write(eventId, (l) => l.replaceDefinition(change));
  }

  changeState(eventId: string, change: ChangeState): Promise<EventInfo> {
    return this.write(eventId, (l) => l.changeState(change));
  }

  store(eventId: string, batch: BatchToStore): Promise<BatchOutcome> {
    return this.write(eventId, (l) => l.store(batch));
  }

  hasBallot(eventId: string, ballotId: string): boolean {
    return this.ledgers.get(eventId)?.has(ballotId) ?? false;
  }

  ballots(eventId: string): { ballot: Ballot; void: VoidChange | undefined }[] {
    const ledger = this.ledger(eventId);
    return ledger.ballots().map((ballot) => ({ ballot, void: ledger.voids.of(ballot.id) }));
  }

  voidBallot(eventId: string, request: VoidRequest): Promise<VoidChange> {
    return this.write(eventId, (l) => l.voidBallot(request));
  }

  withdrawBid(eventId: string, request: WithdrawalRequest): Promise<WithdrawalChange> {
    return this.write(eventId, (l) => l.withdrawBid(request));
  }

  recordClosing(
    eventId: string,
    change: ClosingChange,
  ): Promise<{ added: boolean; held: ClosingChange }> {
    return this.write(eventId, (l) => l.recordClosing(change));
  }

  closings(eventId: string): ClosingChange[] {
    return this.ledger(eventId).closings.all();
  }

  tallyFile(eventId: string): Promise<string> {
    return this.ledger(eventId).tallyFile();
  }

  tallyFilePieces(eventId: string): AsyncIterable<Uint8Array> {
    return this.ledger(eventId).tallyFilePieces();
  }

  async addStation(record: StationRecord): Promise<void> {
    try {
      await this.write(record.eventId, (l) => l.addStation(record));
    } catch (e) {
      // A full or failing disk: the station is not registered and may simply join again.
      throw new StorageError(`Registering a station in ${record.eventId} failed (${String(e)}).`, {
        cause: e,
      });
    }
    this.stationsByToken.set(record.tokenHash, record);
  }

  async revokeStation(
    eventId: string,
    stationId: string,
    by: { at: string; by: string },
  ): Promise<StationRecord | undefined> {
    let record;
    try {
      record = await this.write(eventId, (l) => l.revokeStation(stationId, by.at, by.by));
    } catch (e) {
      throw new StorageError(`Revoking a station in ${eventId} failed (${String(e)}).`, {
        cause: e,
      });
    }
    // The token's principal carries the record: from now on it says revoked.
    if (record !== undefined) this.stationsByToken.set(record.tokenHash, record);
    return record;
  }

  stationByTokenHash(tokenHash: string): StationRecord | undefined {
    return this.stationsByToken.get(tokenHash);
  }

  stations(eventId: string): StationStatus[] {
    return this.ledger(eventId).stations();
  }

  stationLanguages(eventId: string): { stationId: string; languages: Record<string, number> }[] {
    return this.ledger(eventId).stationLanguages();
  }

  quarantine(eventId: string): QuarantinedBallot[] {
    return this.ledger(eventId).quarantine();
  }

  codes(eventId: string): { book: CodeBook; used: ReadonlyMap<string, CodeUse> } {
    const ledger = this.ledger(eventId);
    return { book: ledger.codeBook, used: ledger.codesUsed() };
  }

  async dumpEvent(eventId: string): Promise<EventDump> {
    return { eventId, files: await this.ledger(eventId).dump() };
  }

  abstract restoreEvent(dump: EventDump): Promise<'copied' | 'already-there'>;
  abstract putPicture(bytes: Uint8Array, type: PictureType): Promise<string>;
  abstract picture(sha256: string, type: PictureType): Promise<Uint8Array | undefined>;
  abstract hasPicture(sha256: string, type: PictureType): boolean;
  abstract pictureList(): { sha256: string; type: PictureType }[];

  async close(): Promise<void> {
    await Promise.all([...this.ledgers.values()].map((l) => l.close()));
  }
}
