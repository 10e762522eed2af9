/**
 * Paper ballots being keyed in by volunteers, before they are agreed and cast
 * (docs/check-in.md#paper-ballots). Without double entry a paper ballot is cast at once
 * (`castPaperBallot`) and nothing is kept here. With double entry a **pile** is keyed twice:
 * every entry is stored as soon as it is saved (so leaving halfway loses nothing), the two passes
 * are compared (core/paper-entry.ts), a person decides each mismatch, and only then are the
 * agreed ballots cast, each in the same transaction that marks it cast in its pile (so a pile
 * interrupted while casting never casts a ballot twice). Once a pile is all cast its entries are
 * deleted: what was keyed lives on only as ballots.
 *
 * No row here holds a ballot id or anything about a voter: a pile, its place numbers and choices.
 */
import { validateChoice } from '../core/ballot.ts';
import { comparePasses, readyToCast, type PaperComparison } from '../core/paper-entry.ts';
import { problemOf, type Problem } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { Ballot, Choice, EventDefinition } from '../core/schema.ts';
import { castBallot, type CastProblem } from './ballot-repo.ts';
import type { StationDatabase } from './database.ts';
import { isStationClosed } from './station-closed.ts';

/** Where a pile stands: keyed once, being keyed again, or all cast. */
export type PileStage = 'first' | 'second' | 'done';

export interface PaperPileRow {
  /** Random. */
  id: string;
  eventId: EventDefinition['id'];
  kind: 'pile';
  /** When the pile was started (ISO): only to list piles in order. */
  startedAt: string;
  stage: PileStage;
  /** How many ballots the first pass keyed; set when the first volunteer is done. */
  size: number | null;
  /** Places (1-based) already cast. */
  cast: number[];
}

/** One keyed ballot: pass 1 (first volunteer), 2 (second), or 3 (a person's decision). */
export interface PaperKeyedRow {
  /** Random. */
  id: string;
  eventId: EventDefinition['id'];
  kind: 'entry';
  pile: string;
  pass: 1 | 2 | 3;
  position: number;
  choice: Choice;
}

export type PaperEntryRow = PaperPileRow | PaperKeyedRow;

export interface PileView {
  pile: PaperPileRow;
  first: PaperKeyedRow[];
  second: PaperKeyedRow[];
  decided: PaperKeyedRow[];
  comparison: PaperComparison[];
}

const isPile = (row: PaperEntryRow): row is PaperPileRow => row.kind === 'pile';
const isEntry = (row: PaperEntryRow): row is PaperKeyedRow => row.kind === 'entry';

/**
 * A single paper ballot, cast at once: validated exactly as a screen ballot, marked as paper.
 * Refused (`station-closed`, nothing cast) once the station has closed: its closing sheet counted
 * the paper ballots keyed before it, and nothing may be cast after it (docs/check-in.md).
 */
export async function castPaperBallot(
  db: StationDatabase,
  event: EventDefinition,
  choice: Choice,
  now: Date,
): Promise<Result<Ballot, CastProblem>> {
  try {
    // Every table, so castBallot's own transaction nests inside this one: the closing sheet
    // cannot be stored between the check and the ballot.
    return await db.transaction('rw', db.tables, async () => {
      if (await isStationClosed(db, event.id)) return err(problemOf('station-closed'));
      return castBallot(db, { event, choice, now, paper: true });
    });
  } catch (cause) {
    console.error('Paper ballot not cast', cause);
    return err(problemOf('not-saved'));
  }
}

/** Paper ballots this station has cast for the event. */
export function countPaperBallots(db: StationDatabase, eventId: string): Promise<number> {
  return db.ballots
    .where('eventId')
    .equals(eventId)
    .filter((b) => b.paper === true)
    .count();
}

/** The event's piles not yet all cast, oldest first. */
export async function openPiles(db: StationDatabase, eventId: string): Promise<PaperPileRow[]> {
  const rows = await db.paperEntries.where('eventId').equals(eventId).toArray();
  return rows
    .filter(isPile)
    .filter((p) => p.stage !== 'done')
    .sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
}

export async function startPile(
  db: StationDatabase,
  eventId: string,
  now: Date,
): Promise<PaperPileRow> {
  const pile: PaperPileRow = {
    id: crypto.randomUUID(),
    eventId,
    kind: 'pile',
    startedAt: now.toISOString(),
    stage: 'first',
    size: null,
    cast: [],
  };
  await db.paperEntries.add(pile);
  return pile;
}

/** A pile with its entries and their comparison, or undefined if there is no such pile. */
export async function pileView(db: StationDatabase, pileId: string): Promise<PileView | undefined> {
  return db.transaction('r', db.paperEntries, async () => {
    const pile = await db.paperEntries.get(pileId);
    if (pile === undefined || !isPile(pile)) return undefined;
    const rows = await db.paperEntries.where('eventId').equals(pile.eventId).toArray();
    const entries = rows.filter(isEntry).filter((e) => e.pile === pileId);
    const pass = (n: 1 | 2 | 3) =>
      entries.filter((e) => e.pass === n).sort((a, b) => a.position - b.position);
    const [first, second, decided] = [pass(1), pass(2), pass(3)];
    return { pile, first, second, decided, comparison: comparePasses(first, second, decided) };
  });
}

export type PaperProblem = CastProblem;

/**
 * Stores one keyed ballot of a pile, checked by the event's rules first (a ballot that breaks them
 * is refused with the same problem as on screen, and nothing is stored). Keying a place again
 * (pass 3: a decision) replaces the earlier decision.
 */
export async function saveEntry(
  db: StationDatabase,
  event: EventDefinition,
  pileId: string,
  pass: 1 | 2 | 3,
  position: number,
  choice: Choice,
): Promise<Result<PaperKeyedRow, PaperProblem>> {
  const checked = validateChoice(event, choice);
  if (!checked.ok) return checked;
  try {
    return await db.transaction('rw', db.paperEntries, async () => {
      const view = await pileView(db, pileId);
      if (view === undefined) return err(problemOf('not-saved'));
      const same = [view.first, view.second, view.decided][pass - 1] ?? [];
      const old = same.find((e) => e.position === position);
      const row: PaperKeyedRow = {
        id: old?.id ?? crypto.randomUUID(),
        eventId: event.id,
        kind: 'entry',
        pile: pileId,
        pass,
        position,
        choice: checked.value,
      };
      await db.paperEntries.put(row);
      return ok(row);
    });
  } catch (cause) {
    console.error('Paper entry not saved', cause);
    return err(problemOf('not-saved'));
  }
}

/** The first volunteer is done: the pile is as many ballots as they keyed; the second may start. */
export async function finishFirstPass(db: StationDatabase, pileId: string): Promise<void> {
  await db.transaction('rw', db.paperEntries, async () => {
    const view = await pileView(db, pileId);
    if (view === undefined || view.pile.stage !== 'first') return;
    const next: PaperPileRow = { ...view.pile, stage: 'second', size: view.first.length };
    await db.paperEntries.put(next);
  });
}

/** Removes a pile and everything keyed for it (nothing of it was cast). */
export async function discardPile(db: StationDatabase, pileId: string): Promise<void> {
  await db.transaction('rw', db.paperEntries, async () => {
    const view = await pileView(db, pileId);
    if (view === undefined || view.pile.cast.length > 0) return;
    await db.paperEntries.bulkDelete([
      view.pile.id,
      ...[...view.first, ...view.second, ...view.decided].map((e) => e.id),
    ]);
  });
}

/**
 * Casts every agreed or decided ballot of the pile not cast yet, each durably in the outbox and
 * marked cast in the same transaction. Refused (`not-ready`: nothing cast) while a ballot waits
 * for its second entry or a decision. Resolves with the ballots cast now.
 */
export async function castPile(
  db: StationDatabase,
  event: EventDefinition,
  pileId: string,
  now: Date,
): Promise<Result<Ballot[], PaperProblem | Problem<'not-ready'>>> {
  const view = await pileView(db, pileId);
  if (view === undefined) return err(problemOf('not-saved'));
  const ready = readyToCast(view.comparison);
  if (ready === null || view.pile.stage === 'first') {
    return err(problemOf('not-ready'));
  }
  const cast: Ballot[] = [];
  for (const { position, choice } of ready) {
    if (view.pile.cast.includes(position)) continue;
    try {
      // Every table, so castBallot's own transaction (whatever tables it uses) nests inside this
      // one: the ballot and the pile's note that it is cast commit together or not at all.
      const one = await db.transaction('rw', db.tables, async () => {
        const pile = (await db.paperEntries.get(pileId)) as PaperPileRow | undefined;
        if (pile === undefined || pile.cast.includes(position)) return ok(null);
        const result = await castPaperBallot(db, event, choice, now);
        if (!result.ok) return result;
        const next: PaperPileRow = { ...pile, cast: [...pile.cast, position] };
        await db.paperEntries.put(next);
        return ok(result.value);
      });
      if (!one.ok) return one;
      if (one.value !== null) cast.push(one.value);
    } catch (cause) {
      console.error('Paper ballot not cast', cause);
      return err(problemOf('not-saved'));
    }
  }
  // All cast: the keyed entries go; the pile stays, done, as a record of how many it held.
  await db.transaction('rw', db.paperEntries, async () => {
    const done = await pileView(db, pileId);
    if (done === undefined) return;
    await db.paperEntries.bulkDelete(
      [...done.first, ...done.second, ...done.decided].map((e) => e.id),
    );
    const next: PaperPileRow = { ...done.pile, stage: 'done' };
    await db.paperEntries.put(next);
  });
  return ok(cast);
}
