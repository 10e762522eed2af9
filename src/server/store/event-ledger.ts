/**
 * One event's files on disk and the single writer for them:
 *   tally.jsonl        the central tally file (hash-chained, sealed after every append); its
 *                      header is the event's current definition and its state records the
 *                      lifecycle (draft, open, closed, final) with times and who made each change
 *   quarantine.jsonl   ballots kept apart with their reasons (one JSON object a line)
 *   rehearsal.jsonl    ballots received while the event was a draft: never counted
 *   station-log.jsonl  each push's cast count, time and delivered ids
 *   stations.json      the station registry (rewritten atomically on each join)
 *   meta.json          the join code
 *   codes.json         the voting codes, their tags and voids (code-book.ts)
 *   tally.v<N>.jsonl   an open event's file as it was before a confirmed new version N+1
 *
 * Writes are group-committed: batches that arrive while an append is being fsynced wait and go
 * out together in the next append (one seal, one fsync), which keeps throughput up without ever
 * answering before the data is on disk. Closing and sealing (state records) go through the same
 * queue, after the ballots taken in before them.
 *
 * While there are no ballots (a draft, or an open event before its first ballot) a change of
 * definition rewrites the file whole and atomically: header (the new definition), seal, state
 * record(s), seal. Pushes wait while that happens and are then checked against the new definition.
 *
 * Where these are kept is the ledger's medium (ledger/ledger-medium.ts): the folder above, or rows
 * in PostgreSQL (pg/pg-ledger-medium.ts), where several server instances may append to one event.
 * There every write also checks that no other instance wrote first; if one did (`StaleLedger`),
 * the ledger undoes what it had decided exactly as for a failed write, catches up with what the
 * other instance appended (`catchUp`) and decides again.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { canMoveTo, type StateChange } from '../../core/event-lifecycle.ts';
import type { QuarantinedBallot, StationStatus } from '../../core/protocol.ts';
import type { Ballot, EventDefinition } from '../../core/schema.ts';
import {
  type ClosingChange,
  eventHash as hashOfEvent,
  type ChainHead,
  type VoidChange,
  type WithdrawalChange,
} from '../../core/tally-file/index.ts';
import { CodeBook, codeRefusal, type CodeUse } from './code-book.ts';
import { BALLOTS_PER_SLICE } from './ledger/ballot-lines.ts';
import { VoidBook, type VoidRequest } from './void-book.ts';
import { ClosingBook } from './closing-book.ts';
import { WithdrawalBook, type WithdrawalRequest } from './withdrawal-book.ts';
import { parseActivityLog, StationBook, type StationRecord } from './station-book.ts';
import {
  EventChangeRefused,
  StorageError,
  type BatchOutcome,
  type BatchToStore,
  type ChangeState,
  type CreateEventOptions,
  type EventInfo,
  type ReplaceDefinition,
} from './tally-store.ts';
import {
  BrokenLedger,
  CODES,
  REGISTRY,
  StaleLedger,
  type ForeignChanges,
  type GroupAppends,
  type LedgerMedium,
  type LoadedLedger,
} from './ledger/ledger-medium.ts';
import {
  groupChunk,
  jsonLines,
  newGroup,
  parseLines,
  quarantineKey,
  tallyFileFor,
  type Group,
  type Lifecycle,
} from './ledger/ledger-group.ts';
import { applyForeign, readForeignTally } from './ledger/catch-up.ts';
import { RehearsalLog } from './ledger/rehearsal-log.ts';
import { decideBallot } from './ledger/ballot-decision.ts';

/** How many times a write is decided again after another instance wrote first, before a 503. */
const STALE_RETRIES = 8;

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
  /** A draft's ballots (ledger/rehearsal-log.ts): never counted, even after opening. */
  private readonly rehearsals: RehearsalLog;
  /** Set while the tally file is being replaced: pushes wait for it. */
  private rewriting: Promise<void> | null = null;
  /** Organiser changes (definition, state) run one at a time. */
  private changes: Promise<unknown> = Promise.resolve();
  /** Set when the tally file could not be reopened after a rewrite: nothing more is written. */
  private broken: StorageError | null = null;
  /** Goes up each time other instances' writes are taken in: a group started before is stale. */
  private generation = 0;
  /** The organiser's voids (void-book.ts): recorded in the tally file, never deletions. */
  readonly voids = new VoidBook();
  /** Stations' closing sheets (closing-book.ts): recorded in the tally file. */
  readonly closings = new ClosingBook();
  /** Bids the organiser withdrew after voting (withdrawal-book.ts): recorded in the tally file. */
  readonly withdrawals = new WithdrawalBook();
  /** Voting codes (code-book.ts); set by open(). */
  codeBook!: CodeBook;
  /** Tags of voting codes used by counted (or being-counted) ballots: a second use is kept apart. */
  private readonly codeUses = new Map<string, CodeUse>();

  private constructor(
    private readonly medium: LedgerMedium,
    private definition: { event: EventDefinition; eventHash: string },
    readonly joinCode: string,
    private lifecycle: Lifecycle,
    private head: ChainHead,
    private readonly stationBook: StationBook,
    private readonly now: () => Date,
  ) {
    this.rehearsals = new RehearsalLog(medium);
  }

  get id(): string {
    return this.definition.event.id;
  }

  static async create(
    medium: LedgerMedium,
    event: EventDefinition,
    joinCode: string,
    now: () => Date,
    options: CreateEventOptions,
  ): Promise<EventLedger> {
    const first: StateChange = {
      state: options.state,
      version: 1,
      at: now().toISOString(),
      by: options.by,
    };
    await medium.create({
      meta: JSON.stringify({ joinCode }),
      stations: JSON.stringify({ stations: [] }),
      tally: tallyFileFor(event, [first], []).text,
    });
    return EventLedger.open(medium, now, () => {});
  }

  /** Opens an event from its medium (files: cutting an unsealed tail left by a crash). */
  static async open(
    medium: LedgerMedium,
    now: () => Date,
    log: (line: string) => void,
  ): Promise<EventLedger> {
    return EventLedger.from(medium, await medium.load(log), now, log);
  }

  private static from(
    medium: LedgerMedium,
    loaded: LoadedLedger,
    now: () => Date,
    log: (line: string) => void,
  ): EventLedger {
    const { contents } = loaded;
    // A file written before state records existed is an open event.
    const last = contents.states.at(-1);
    const ledger = new EventLedger(
      medium,
      { event: contents.event, eventHash: contents.eventHash },
      loaded.joinCode,
      {
        state: last?.state ?? 'open',
        version: last?.version ?? 1,
        history: contents.states.map(({ state, version, at, by }) => ({ state, version, at, by })),
      },
      contents.head,
      new StationBook(loaded.stations),
      now,
    );
    ledger.rehearsals.load(loaded.rehearsal, log);
    for (const ballot of contents.ballots) ledger.committed.set(ballot.id, ballot);
    ledger.voids.load(contents.voids);
    ledger.closings.load(contents.closings);
    ledger.withdrawals.load(contents.withdrawals);
    ledger.codeBook = ledger.codeBookFrom(loaded.codes);
    for (const q of parseLines<QuarantinedBallot>(loaded.quarantine, log)) {
      ledger.quarantineKeys.add(quarantineKey(q));
      ledger.quarantined.push(q);
    }
    const isStored = (id: string) => ledger.committed.has(id);
    /** Which station delivered each ballot, to say where a used code was first used. */
    const deliveredBy = new Map<string, string>();
    for (const a of parseActivityLog(loaded.activity, log)) {
      ledger.stationBook.apply(a, isStored);
      for (const id of a.ids) if (!deliveredBy.has(id)) deliveredBy.set(id, a.station);
    }
    for (const b of contents.ballots) ledger.noteCodeUse(b, deliveredBy.get(b.id) ?? null);
    return ledger;
  }

  private codeBookFrom(text: string | null): CodeBook {
    return CodeBook.fromText(text, (json) => this.medium.writeDoc(CODES, json));
  }

  /**
   * Takes in what other instances wrote since this one last looked (PostgreSQL; files: nothing).
   * Groups started before are stale, decided again — unless it was only ballots touching nothing
   * waiting here (`rebase`). 'reload': the tally file was
   * replaced (a draft's new definition), so the event must be opened again.
   */
  catchUp(log: (line: string) => void = () => {}): Promise<'caught-up' | 'reload'> {
    return this.medium.catchUp((changes: ForeignChanges) => {
      // Only others' new ballots, touching nothing waiting here: every decision waiting stands.
      if (this.rebase(changes, log)) return;
      this.generation += 1;
      applyForeign(this.foreignTarget(), changes, log);
    });
  }

  /** Whether a catch-up to the change feed's `version` of this event would find nothing. */
  holdsVersion(version: bigint): boolean {
    return this.medium.holdsVersion?.(version) ?? false;
  }

  /** The parts of the ledger a catch-up changes (ledger/catch-up.ts). */
  private foreignTarget() {
    return {
      committed: this.committed,
      quarantineKeys: this.quarantineKeys,
      quarantined: this.quarantined,
      rehearsalIds: this.rehearsals.ids,
      voids: this.voids,
      closings: this.closings,
      withdrawals: this.withdrawals,
      stationBook: this.stationBook,
      getHead: () => this.head,
      setHead: (head: ChainHead) => (this.head = head),
      getLifecycle: () => this.lifecycle,
      setLifecycle: (lifecycle: Lifecycle) => (this.lifecycle = lifecycle),
      setCodeBook: (text: string) => (this.codeBook = this.codeBookFrom(text)),
      noteCodeUse: (ballot: Ballot, deliveredBy: string | null) =>
        this.noteCodeUse(ballot, deliveredBy),
    };
  }

  /**
   * Runs a write; when another instance wrote first (StaleLedger: nothing of it was written and
   * what it decided is undone), catches up and runs it again, a few times, then gives up with a
   * StorageError (503: the station sends it again).
   */
  private async retrying<T>(write: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await write();
      } catch (e) {
        if (!(e instanceof StaleLedger)) throw e;
        if (attempt >= STALE_RETRIES) {
          throw new StorageError(
            `${this.medium.where}: other server instances kept writing to this event first; ` +
              'nothing from this request was acknowledged, send it again.',
          );
        }
        if ((await this.catchUp()) === 'reload') throw e;
      }
    }
  }

  summary(): EventInfo {
    return {
      ...this.definition,
      joinCode: this.joinCode,
      ballots: this.head.ballots,
      voided: this.voids.size,
      state: this.lifecycle.state,
      version: this.lifecycle.version,
      history: [...this.lifecycle.history],
      rejected: this.quarantined.length,
      rehearsalBallots: this.rehearsals.ids.size,
    };
  }

  has(id: string): boolean {
    return this.committed.has(id);
  }

  /** Every ballot in the tally (voided ones included), in the order they arrived. */
  ballots(): Ballot[] {
    return [...this.committed.values()];
  }

  /**
   * Voids a ballot of the tally with a reason: decided at once (VoidRefused if not allowed), then
   * appended with the next group and durable before this resolves. The ballot stays in the file.
   */
  voidBallot(request: VoidRequest): Promise<VoidChange> {
    return this.retrying(() => this.voidOnce(request));
  }

  private async voidOnce(request: VoidRequest): Promise<VoidChange> {
    while (this.rewriting !== null) await this.rewriting;
    if (this.broken !== null) throw this.broken;
    const change = this.voids.reserve(
      request,
      this.committed.get(request.ballot),
      this.lifecycle.state,
      this.now().toISOString(),
    );
    const group = (this.next ??= newGroup(this.generation));
    group.voids.push(change);
    this.writing ??= this.drain();
    await group.done;
    return change;
  }

  /**
   * Withdraws a bid with a reason: decided at once (WithdrawalRefused if not allowed), then
   * appended with the next group and durable before this resolves. Every ballot stays counted.
   */
  withdrawBid(request: WithdrawalRequest): Promise<WithdrawalChange> {
    return this.retrying(() => this.withdrawOnce(request));
  }

  private async withdrawOnce(request: WithdrawalRequest): Promise<WithdrawalChange> {
    while (this.rewriting !== null) await this.rewriting;
    if (this.broken !== null) throw this.broken;
    const change = this.withdrawals.reserve(
      request,
      this.definition.event,
      this.lifecycle.state,
      this.now().toISOString(),
    );
    const group = (this.next ??= newGroup(this.generation));
    group.withdrawals.push(change);
    this.writing ??= this.drain();
    await group.done;
    return change;
  }

  /**
   * Records a station's closing sheet: decided at once (ClosingRefused if not allowed), then
   * appended with the next group and durable before this resolves. The same sheet again writes
   * nothing and resolves once the first one is durable.
   */
  recordClosing(change: ClosingChange): Promise<{ added: boolean; held: ClosingChange }> {
    return this.retrying(() => this.closeOnce(change));
  }

  private async closeOnce(change: ClosingChange): Promise<{ added: boolean; held: ClosingChange }> {
    while (this.rewriting !== null) await this.rewriting;
    if (this.broken !== null) throw this.broken;
    const decided = this.closings.reserve(change, this.lifecycle.state);
    if (!decided.added) {
      // It may still be in a group being written: answer only once that is on disk.
      while (this.writing !== null) await this.writing;
      return decided;
    }
    const group = (this.next ??= newGroup(this.generation));
    group.closings.push(change);
    this.writing ??= this.drain();
    await group.done;
    return decided;
  }

  /** Voting codes used by counted ballots, by tag. */
  codesUsed(): ReadonlyMap<string, CodeUse> {
    return this.codeUses;
  }

  /** `deliveredBy`: the registered station that sent it; null for an imported file. */
  private noteCodeUse(ballot: Ballot, deliveredBy: string | null): void {
    if (ballot.code === undefined) return;
    const held = this.codeUses.get(ballot.code);
    // A voided first use gives way to the ballot the organiser chose to count instead.
    if (held === undefined || this.voids.of(held.ballot) !== undefined) {
      this.codeUses.set(ballot.code, {
        ballot: ballot.id,
        stationId: deliveredBy,
        castHour: ballot.castHour,
      });
    }
  }

  stationLanguages(): { stationId: string; languages: Record<string, number> }[] {
    return this.stationBook.languages();
  }

  stations(): StationStatus[] {
    // Which station id its ballots carry (the station's own random id), to match its closing
    // sheet and its ballots in the tally: learnt from any one ballot it delivered.
    return this.stationBook.status().map((s) => {
      const sample = this.stationBook.anyReceived(s.stationId);
      const ballot = sample === undefined ? undefined : this.committed.get(sample);
      return ballot === undefined ? s : { ...s, ballotStation: ballot.stationId };
    });
  }

  stationRecords(): StationRecord[] {
    return this.stationBook.all();
  }

  quarantine(): QuarantinedBallot[] {
    return [...this.quarantined];
  }

  tallyFile(): Promise<string> {
    return this.medium.readTally();
  }

  tallyFilePieces(): AsyncIterable<Uint8Array> {
    return this.medium.tallyPieces();
  }

  /** Joins are rare but may be concurrent: each rewrite waits for the previous one. */
  async addStation(record: StationRecord): Promise<void> {
    const write = this.registryWrites.then(() =>
      this.medium.writeDoc(
        REGISTRY,
        JSON.stringify({ stations: [...this.stationBook.all(), record] }, null, 1),
      ),
    );
    this.registryWrites = write.catch(() => {});
    await write;
    this.stationBook.add(record);
  }

  /**
   * Revokes a station (a lost tablet): the registry is rewritten with the revocation, durably,
   * before the book changes. Revoking a revoked station changes nothing; an unknown one is
   * undefined.
   */
  async revokeStation(
    stationId: string,
    at: string,
    by: string,
  ): Promise<StationRecord | undefined> {
    const current = this.stationBook.record(stationId);
    if (current === undefined || current.revokedAt !== undefined) return current;
    const write = this.registryWrites.then(() =>
      this.medium.writeDoc(
        REGISTRY,
        JSON.stringify(
          {
            stations: this.stationBook
              .all()
              .map((s) => (s.stationId === stationId ? { ...s, revokedAt: at, revokedBy: by } : s)),
          },
          null,
          1,
        ),
      ),
    );
    this.registryWrites = write.catch(() => {});
    await write;
    return this.stationBook.revoke(stationId, at, by);
  }

  /**
   * Decides every ballot's fate at once (no await between the look-up and the reservation, so two
   * concurrent pushes of one id cannot both add it), then waits for the group's fsync.
   */
  store(batch: BatchToStore): Promise<BatchOutcome> {
    return this.retrying(() => this.storeOnce(batch));
  }

  private async storeOnce(batch: BatchToStore): Promise<BatchOutcome> {
    while (this.rewriting !== null) await this.rewriting;
    if (this.broken !== null) throw this.broken;
    if (batch.eventHash !== this.definition.eventHash) {
      throw new EventChangeRefused('event-changed', { eventHash: this.definition.eventHash });
    }
    const state = this.lifecycle.state;
    if (state === 'draft') {
      const generation = this.generation;
      return this.rehearsals.record(
        batch,
        this.now().toISOString(),
        () => this.generation === generation,
      );
    }
    const group = (this.next ??= newGroup(this.generation));
    const stored = new Set<string>();
    const rejected = [...batch.rejected];
    let added = 0;
    let duplicates = 0;
    const stationId = batch.station?.stationId ?? null;
    const decide = (ballot: Ballot) => {
      const decision = decideBallot(ballot, {
        held: this.committed.get(ballot.id) ?? this.pending.get(ballot.id),
        state,
        rehearsal: this.rehearsals.ids.has(ballot.id),
        codeRefusal: () =>
          codeRefusal(
            this.definition.event,
            this.codeBook,
            this.codeUses,
            ballot,
            (id) => this.stationBook.all().find((s) => s.stationId === id)?.name ?? id,
            (id) => this.voids.of(id) !== undefined,
          ),
      });
      if (decision.kind === 'refuse') {
        rejected.push({ id: ballot.id, ...decision.refusal, stationId, ballot });
        return;
      }
      // Held before this batch (counted, or being written for another push): a duplicate, once
      // however often the batch repeats it. Added earlier in this same batch: no duplicate.
      if (decision.kind === 'again' && !stored.has(ballot.id)) duplicates += 1;
      if (decision.kind === 'add') {
        this.pending.set(ballot.id, ballot);
        this.noteCodeUse(ballot, stationId);
        group.ballots.push(ballot);
        added += 1;
      }
      stored.add(ballot.id);
    };
    if (batch.ballots.length <= BALLOTS_PER_SLICE) {
      for (const ballot of batch.ballots) decide(ballot);
    } else {
      // An import of many thousands: decided a slice at a time, with the event loop free in
      // between (pushes meanwhile join this same group, so one that finds an imported ballot
      // "already there" is acknowledged only once it is written). Each ballot is still decided with
      // no await between its look-up and its reservation.
      group.holds += 1;
      try {
        for (let i = 0; i < batch.ballots.length; i += BALLOTS_PER_SLICE) {
          if (i > 0) await nextTurn();
          // The append before this group failed and took this group down with it: so does this.
          if (this.next !== group) {
            await group.done;
            throw new Error('store: a group taken down by a failed append resolved');
          }
          for (const ballot of batch.ballots.slice(i, i + BALLOTS_PER_SLICE)) decide(ballot);
        }
      } finally {
        group.holds -= 1;
        if (group.holds === 0) for (const wake of group.unheld.splice(0)) wake();
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
        ...(batch.station.languages !== undefined && { languages: batch.station.languages }),
      });
    }
    this.writing ??= this.drain();
    await group.done;
    const received = stationId === null ? null : this.stationBook.received(stationId);
    return { stored: [...stored], added, duplicates, rejected, received, state };
  }

  /** Organiser changes one at a time, each seeing the last one's outcome. */
  private exclusive<T>(change: () => Promise<T>): Promise<T> {
    const run = this.changes.then(change, change);
    this.changes = run.catch(() => {});
    return run;
  }

  private checkVersion(expected: number): void {
    if (expected !== this.lifecycle.version) {
      throw new EventChangeRefused('edit-conflict', {
        version: this.lifecycle.version,
        yours: expected,
      });
    }
  }

  /** A new definition: freely while a draft; when open only as a confirmed new version, before any ballot. */
  replaceDefinition(change: ReplaceDefinition): Promise<EventInfo> {
    return this.retrying(() => this.replaceOnce(change));
  }

  private replaceOnce(change: ReplaceDefinition): Promise<EventInfo> {
    return this.exclusive(async () => {
      this.checkVersion(change.expectedVersion);
      const { state, version } = this.lifecycle;
      if (change.event.id !== this.id) throw new Error('replaceDefinition: the event id changed');
      if (state === 'closed' || state === 'final' || (state === 'open' && !change.newVersion)) {
        throw new EventChangeRefused('event-frozen', { state });
      }
      if (hashOfEvent(change.event) === this.definition.eventHash) return this.summary();
      const record: StateChange = {
        state,
        version: version + 1,
        at: this.now().toISOString(),
        by: change.by,
      };
      // A draft keeps only its latest save; an open event starts a new file (the old kept aside).
      await this.rewrite(change.event, [record], state === 'open');
      return this.summary();
    });
  }

  changeState(change: ChangeState): Promise<EventInfo> {
    return this.retrying(() => this.changeStateOnce(change));
  }

  private changeStateOnce(change: ChangeState): Promise<EventInfo> {
    return this.exclusive(async () => {
      this.checkVersion(change.expectedVersion);
      const before = this.lifecycle;
      if (!canMoveTo(before.state, change.to)) {
        throw new EventChangeRefused('bad-transition', { from: before.state, to: change.to });
      }
      const record: StateChange = {
        state: change.to,
        version: before.version + 1,
        at: this.now().toISOString(),
        by: change.by,
      };
      if (before.state === 'draft') {
        // Opening freezes the definition: a fresh file whose header it is, with the last draft
        // save and the opening as its first records.
        const lastDraft = before.history.at(-1);
        await this.rewrite(
          this.definition.event,
          lastDraft?.state === 'draft' ? [lastDraft, record] : [record],
          false,
        );
        return this.summary();
      }
      if (this.broken !== null) throw this.broken;
      const group = (this.next ??= newGroup(this.generation));
      group.lifecycleBefore ??= before;
      group.states.push(record);
      this.lifecycle = {
        state: record.state,
        version: record.version,
        history: [...before.history, record],
      };
      this.writing ??= this.drain();
      await group.done;
      return this.summary();
    });
  }

  /**
   * Replaces the tally file whole while it holds no ballot: pushes wait, appends in progress
   * finish first, and an open event that received anything meanwhile is refused.
   *
   * Stations' closing sheets already recorded are carried into the new file (after its changes
   * of state, as they were after the opening): a station that closed before any ballot arrived —
   * a spare tablet, or one still to sync — stays closed, its sheet part of the record, and the
   * organiser may still correct the definition (docs/check-in.md, "Closing a station"). Voids
   * need a ballot, so with none there are none to carry.
   */
  private async rewrite(
    event: EventDefinition,
    changes: StateChange[],
    keepOld: boolean,
  ): Promise<void> {
    if (this.broken !== null) throw this.broken;
    let release = () => {};
    this.rewriting = new Promise<void>((resolve) => (release = resolve));
    try {
      while (this.writing !== null) await this.writing;
      if (
        this.head.ballots > 0 ||
        this.quarantined.length > 0 ||
        this.pending.size > 0 ||
        this.voids.size > 0 ||
        this.withdrawals.size > 0
      ) {
        throw new EventChangeRefused('event-has-ballots', {
          ballots: this.head.ballots + this.pending.size,
          rejected: this.quarantined.length,
        });
      }
      const next = tallyFileFor(event, changes, this.closings.all());
      const generation = this.generation;
      try {
        await this.medium.rewriteTally(
          next.text,
          keepOld ? `tally.v${this.lifecycle.version}.jsonl` : null,
          () => this.generation === generation,
        );
      } catch (e) {
        if (e instanceof BrokenLedger) this.broken = e;
        throw e;
      }
      const last = changes.at(-1);
      this.definition = { event, eventHash: hashOfEvent(event) };
      this.head = next.head;
      this.lifecycle = {
        state: last?.state ?? this.lifecycle.state,
        version: last?.version ?? this.lifecycle.version,
        history: changes,
      };
    } finally {
      this.rewriting = null;
      release();
    }
  }

  /** Every record of the event by name, once the writes in progress are done (store copy). */
  async dump(): Promise<Record<string, string>> {
    await this.changes;
    while (this.writing !== null) await this.writing;
    await this.rehearsals.settled();
    await this.registryWrites;
    return this.medium.dump();
  }

  /** Waits for every accepted batch to be written, then closes the files. */
  async close(): Promise<void> {
    await this.changes;
    while (this.writing !== null) await this.writing;
    await this.rehearsals.settled();
    await this.medium.close();
  }

  /**
   * Takes in what another instance appended while this one holds the event's lock (PostgreSQL),
   * when nothing of it touches what this instance decided and has not yet written: only ballots
   * and seals in the tally (no void, closing, withdrawal or change of state), none with the id or
   * the voting code of a ballot waiting here, no quarantine line waiting here, no document, no
   * rehearsal line. Then every decision waiting here stands as it was made, and the groups are
   * chained on after the other's lines instead of being decided again. False: nothing was taken
   * in (the write gives up with StaleLedger, and the ledger catches up and decides again).
   */
  private rebase(changes: ForeignChanges, log: (line: string) => void = () => {}): boolean {
    if (changes.docs.size > 0 || changes.rehearsal.length > 0) return false;
    const tally = readForeignTally(this.head, changes.tally);
    if (tally.records.some((r) => r.type !== 'ballot' && r.type !== 'seal')) return false;
    for (const ballot of tally.ballots) {
      if (this.pending.has(ballot.id)) return false;
      const use = ballot.code === undefined ? undefined : this.codeUses.get(ballot.code);
      if (use !== undefined && this.pending.has(use.ballot)) return false;
    }
    for (const line of changes.quarantine) {
      if (this.quarantineKeys.has(quarantineKey(JSON.parse(line) as QuarantinedBallot)))
        return false;
    }
    applyForeign(this.foreignTarget(), changes, log, tally);
    return true;
  }

  private async drain(): Promise<void> {
    try {
      while (this.next !== null) {
        const group = this.next;
        if (group.holds > 0) {
          await new Promise<void>((wake) => group.unheld.push(wake));
          continue;
        }
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
    const built: { chunk: { text: string; head: ChainHead } | null } = { chunk: null };
    // Chained on from the head as it stands when the write's turn comes (after any catch-up).
    const build = async (): Promise<GroupAppends> => {
      built.chunk = await groupChunk(this.head, group);
      return {
        tally: built.chunk?.text ?? '',
        quarantine: jsonLines(group.quarantine),
        activity: jsonLines(group.activity),
        ballotIds: group.ballots.map((b) => b.id),
      };
    };
    // Decided before other instances' writes were taken in: decided again (nothing written).
    const stale = group.generation !== this.generation;
    const [tally, quarantine, activity] = stale
      ? staleSettled()
      : await this.medium.commitGroup(
          build,
          () => group.generation === this.generation,
          async (changes) => (this.rebase(changes) ? build() : null),
        );
    const { chunk } = built;
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
    const error =
      failure.reason instanceof StaleLedger
        ? failure.reason
        : new StorageError(
            `Writing to ${this.medium.where} failed (${String(failure.reason)}). Nothing from ` +
              'this request was acknowledged; free disk space or fix the disk, then send it again.',
          );
    const failed = [group, ...(this.next === null ? [] : [this.next])];
    this.next = null;
    // Changes of state not written are undone (a written one stays, though its request fails).
    const unwritten = tally.status === 'fulfilled' ? failed.slice(1) : failed;
    const restore = unwritten.find((g) => g.lifecycleBefore !== null)?.lifecycleBefore;
    if (restore !== undefined && restore !== null) this.lifecycle = restore;
    for (const g of failed) {
      for (const ballot of g.ballots)
        if (!this.committed.has(ballot.id)) {
          this.pending.delete(ballot.id);
          // Its code was never counted: free it again.
          if (ballot.code !== undefined && this.codeUses.get(ballot.code)?.ballot === ballot.id)
            this.codeUses.delete(ballot.code);
        }
      if (g !== group) for (const q of g.quarantine) this.quarantineKeys.delete(quarantineKey(q));
      if (tally.status === 'rejected' || g !== group) {
        for (const v of g.voids) this.voids.release(v);
        for (const c of g.closings) this.closings.release(c);
        for (const w of g.withdrawals) this.withdrawals.release(w);
      }
      g.reject(error);
    }
  }
}

function staleSettled(): [PromiseRejectedResult, PromiseRejectedResult, PromiseRejectedResult] {
  const reason = new StaleLedger('decided before a catch-up');
  return [
    { status: 'rejected', reason },
    { status: 'rejected', reason },
    { status: 'rejected', reason },
  ];
}
