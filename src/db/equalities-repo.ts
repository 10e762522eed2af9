/**
 * Answers to the optional equalities questions: stored apart from ballots, with random ids that
 * say nothing about order, no station, no time and nothing that could join them to a ballot.
 * They leave the station in batches (sync/equalities-sync.ts), shuffled, and are deleted here once
 * the tally server has stored them. See docs/check-in.md.
 */
import { problemOf, type Problem } from '../core/problem.ts';
import { cleanAnswers, type EqualitiesAnswers } from '../core/questions.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { EventDefinition } from '../core/schema.ts';
import type { StationDatabase } from './database.ts';

export interface EqualitiesRow {
  /** Random: never a sequence, never a ballot's id. */
  id: string;
  eventId: EventDefinition['id'];
  answers: EqualitiesAnswers;
  /**
   * Set when the row is put in a batch to send: a random id the server stores once, so a batch
   * sent again after a lost reply is not counted twice.
   */
  batch?: string;
}

/**
 * Stores one voter's answers (only known answers to questions the event asks). Resolves once
 * stored; `nothing` when every question was skipped, which stores nothing at all.
 */
export async function saveEqualities(
  db: StationDatabase,
  event: EventDefinition,
  given: EqualitiesAnswers,
): Promise<Result<'saved' | 'nothing', Problem<'not-saved'>>> {
  const answers = cleanAnswers(event, given);
  if (Object.keys(answers).length === 0) return ok('nothing');
  try {
    await db.equalities.add({ id: crypto.randomUUID(), eventId: event.id, answers });
    return ok('saved');
  } catch (cause) {
    console.error('Equalities answers not saved', cause);
    return err(problemOf('not-saved'));
  }
}

export function countEqualities(db: StationDatabase, eventId: string): Promise<number> {
  return db.equalities.where('eventId').equals(eventId).count();
}

/** Uniformly shuffled with the browser's random source: the order answers were given is lost. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = crypto.getRandomValues(new Uint32Array(1))[0]! % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export interface EqualitiesBatch {
  batch: string;
  /** The answers only, shuffled: no row id leaves the station. */
  answers: EqualitiesAnswers[];
}

/**
 * The batch to send for `eventId`: the one already started (sent before, reply lost), or a new one
 * of up to `max` waiting rows. Null when nothing waits.
 */
export async function takeEqualitiesBatch(
  db: StationDatabase,
  eventId: string,
  max = 500,
): Promise<EqualitiesBatch | null> {
  return db.transaction('rw', db.equalities, async () => {
    const rows = await db.equalities.where('eventId').equals(eventId).toArray();
    const started = rows.find((r) => r.batch !== undefined)?.batch;
    if (started !== undefined) {
      const answers = rows.filter((r) => r.batch === started).map((r) => r.answers);
      return { batch: started, answers: shuffle(answers) };
    }
    if (rows.length === 0) return null;
    const batch = crypto.randomUUID();
    const chosen = shuffle(rows).slice(0, max);
    await db.equalities.bulkPut(chosen.map((r) => ({ ...r, batch })));
    return { batch, answers: chosen.map((r) => r.answers) };
  });
}

/** The server has stored `batch`: its rows go. */
export async function equalitiesBatchStored(
  db: StationDatabase,
  eventId: string,
  batch: string,
): Promise<void> {
  await db.equalities
    .where('eventId')
    .equals(eventId)
    .filter((r) => r.batch === batch)
    .delete();
}

/**
 * Every waiting answer of `eventId` in batches for a file carried by hand: the batches already
 * started keep their ids, and the rest are put in new batches of up to `max`. The rows stay on the
 * tablet (a later sync sends the very same batches, which the server stores once) until the server
 * says it holds them. Empty when nothing waits.
 */
export async function batchAllEqualities(
  db: StationDatabase,
  eventId: string,
  max = 500,
): Promise<EqualitiesBatch[]> {
  return db.transaction('rw', db.equalities, async () => {
    const rows = await db.equalities.where('eventId').equals(eventId).toArray();
    const byBatch = new Map<string, EqualitiesAnswers[]>();
    const loose: EqualitiesRow[] = [];
    for (const row of rows) {
      if (row.batch === undefined) {
        loose.push(row);
        continue;
      }
      const answers = byBatch.get(row.batch) ?? [];
      answers.push(row.answers);
      byBatch.set(row.batch, answers);
    }
    const batched: EqualitiesRow[] = [];
    shuffle(loose);
    for (let i = 0; i < loose.length; i += max) {
      const batch = crypto.randomUUID();
      const chosen = loose.slice(i, i + max);
      byBatch.set(
        batch,
        chosen.map((r) => r.answers),
      );
      batched.push(...chosen.map((r) => ({ ...r, batch })));
    }
    if (batched.length > 0) await db.equalities.bulkPut(batched);
    // The batches' own order says nothing either: shuffled too, as is each batch's content.
    return shuffle([...byBatch].map(([batch, answers]) => ({ batch, answers: shuffle(answers) })));
  });
}
