/**
 * Equalities answers, kept apart from the tally. This file: the interface the HTTP layer uses, and
 * the file store, DATA_DIR/equalities/<eventId>.ndjson, a line per
 * batch a station sent ({batch, answers}). No station, no time, no ballot id is stored: the answers
 * arrive shuffled and stay as they came. A batch id already held is not stored again, so a station
 * resending after a lost reply never counts anyone twice.
 *
 * Durability: a push is acknowledged only after its line is fsynced (AppendOnlyFile). A torn last
 * line (a crash mid-append) was never acknowledged and is cut off when the file is opened.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EqualitiesAnswers } from '../../core/questions.ts';
import { AppendOnlyFile } from './durable-file.ts';
import { StorageError } from './tally-store.ts';

/**
 * Equalities answers as the HTTP layer sees them, whatever keeps them: these files or PostgreSQL
 * (pg/pg-equalities-store.ts). The same contract either way
 * (tests/server/side-store-contract.test.ts).
 */
export interface EqualitiesStore {
  /** Stores a batch once (a batch id held already stores nothing); resolves once it is durable. */
  push(
    eventId: string,
    batch: string,
    answers: readonly EqualitiesAnswers[],
  ): Promise<{ stored: number; duplicate: boolean }>;
  /** Every answer held for the event, in no meaningful order. */
  answers(eventId: string): readonly EqualitiesAnswers[];
  /** Every batch held, as it came, in the order stored: what `store copy` pushes elsewhere. */
  batches(eventId: string): readonly EqualitiesBatch[];
  /** Waits for writes in progress. */
  close(): Promise<void>;
}

/** A station's batch: its random id and the answers, nothing else. */
export interface EqualitiesBatch {
  batch: string;
  answers: readonly EqualitiesAnswers[];
}

interface EventAnswers {
  batches: Map<string, readonly EqualitiesAnswers[]>;
  answers: EqualitiesAnswers[];
  file: AppendOnlyFile | null;
  queue: Promise<unknown>;
}

const LOG = /^(.+)\.ndjson$/;

export class FileEqualitiesStore implements EqualitiesStore {
  private readonly events = new Map<string, EventAnswers>();

  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<FileEqualitiesStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const store = new FileEqualitiesStore(dir);
    for (const name of await readdir(dir)) {
      const eventId = LOG.exec(name)?.[1];
      if (eventId === undefined) continue;
      const held = store.held(eventId);
      const text = await readFile(join(dir, name), 'utf8');
      const complete = text.slice(0, text.lastIndexOf('\n') + 1);
      for (const line of complete.split('\n')) {
        if (line === '') continue;
        const { batch, answers } = JSON.parse(line) as {
          batch: string;
          answers: EqualitiesAnswers[];
        };
        if (held.batches.has(batch)) continue;
        held.batches.set(batch, answers);
        held.answers.push(...answers);
      }
      held.file = await AppendOnlyFile.open(join(dir, name), Buffer.byteLength(complete));
    }
    return store;
  }

  private held(eventId: string): EventAnswers {
    let held = this.events.get(eventId);
    if (held === undefined) {
      held = { batches: new Map(), answers: [], file: null, queue: Promise.resolve() };
      this.events.set(eventId, held);
    }
    return held;
  }

  /** Stores a batch once; resolves after it is on disk. */
  push(
    eventId: string,
    batch: string,
    answers: readonly EqualitiesAnswers[],
  ): Promise<{ stored: number; duplicate: boolean }> {
    const held = this.held(eventId);
    const run = held.queue.then(async () => {
      if (held.batches.has(batch)) return { stored: 0, duplicate: true };
      try {
        held.file ??= await AppendOnlyFile.open(join(this.dir, `${eventId}.ndjson`));
        await held.file.append(`${JSON.stringify({ batch, answers })}\n`);
      } catch (cause) {
        throw new StorageError(`equalities ${eventId}: answers not stored`, { cause });
      }
      held.batches.set(batch, answers);
      held.answers.push(...answers);
      return { stored: answers.length, duplicate: false };
    });
    held.queue = run.catch(() => undefined);
    return run;
  }

  answers(eventId: string): readonly EqualitiesAnswers[] {
    return this.events.get(eventId)?.answers ?? [];
  }

  batches(eventId: string): readonly EqualitiesBatch[] {
    return [...(this.events.get(eventId)?.batches ?? [])].map(([batch, answers]) => ({
      batch,
      answers,
    }));
  }

  async close(): Promise<void> {
    for (const held of this.events.values()) {
      await held.queue;
      await held.file?.close();
      held.file = null;
    }
  }
}
