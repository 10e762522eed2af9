/**
 * One event's voting codes on the server (docs/check-in.md, "Voting codes"), in `codes.json` beside
 * its tally file: the salt and PBKDF2 rounds, the batches the organiser generated (each code with
 * its tag, so cards can be printed again), the voided tags, and the organiser's decisions on
 * ballots kept apart because their code had already been used.
 *
 * The file is small and rewritten whole, atomically, for every change (writeFileAtomic), one change
 * at a time; a change is visible to ingest and to stations only once it is on disk. Only the
 * organiser's routes see codes; stations get tags (`stationList`).
 *
 * The check a ballot passes at ingest (`codeRefusal`) lives here too, so that the ledger only has
 * to ask it, with the tags its counted ballots already used.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CodeBatchSummary, CodeListResponse, RejectionCode } from '../../core/protocol.ts';
import type { Ballot, EventDefinition } from '../../core/schema.ts';
import {
  codeTag,
  DEFAULT_CODE_ITERATIONS,
  generateCode,
  newSalt,
  normaliseCode,
  type CodeList,
} from '../../core/voting-codes.ts';
import { writeFileAtomic } from './durable-file.ts';

const FILE = 'codes.json';

export interface StoredCode {
  code: string;
  tag: string;
}

export interface StoredBatch {
  id: string;
  label: string;
  test: boolean;
  createdAt: string;
  by: string;
  codes: StoredCode[];
}

export interface CodeDecision {
  ballot: string;
  kind: 'keep-apart' | 'count-instead';
  at: string;
  by: string;
  /** For 'count-instead': the first use, voided, as it was before this ballot took its place. */
  first?: CodeUse;
}

interface CodeBookFile {
  salt: string;
  iterations: number;
  version: number;
  batches: StoredBatch[];
  voided: { tag: string; at: string; by: string }[];
  decisions: CodeDecision[];
}

/** Where a code was first used by a counted ballot. */
export interface CodeUse {
  ballot: string;
  /** The registered station that delivered it (its server id); null: an imported file. */
  stationId: string | null;
  castHour: string;
}

export class CodeBook {
  private readonly kinds = new Map<string, { batch: StoredBatch; code: string }>();
  private readonly voidedTags = new Set<string>();
  private changes: Promise<unknown> = Promise.resolve();

  private constructor(
    /** Writes the book's JSON whole and durably (codes.json, or its row in PostgreSQL). */
    private readonly save: (text: string) => Promise<void>,
    private data: CodeBookFile,
  ) {
    for (const batch of data.batches) this.index(batch);
    for (const v of data.voided) this.voidedTags.add(v.tag);
  }

  /** Opens an event's code book; an event without one has an empty book (written on first use). */
  static async open(dir: string): Promise<CodeBook> {
    const path = join(dir, FILE);
    let text: string | null = null;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return CodeBook.fromText(text, (json) => writeFileAtomic(path, json));
  }

  /** A book from its JSON (null: none yet), written back with `save`. */
  static fromText(text: string | null, save: (text: string) => Promise<void>): CodeBook {
    const data: CodeBookFile =
      text === null
        ? {
            salt: newSalt(),
            iterations: 0,
            version: 0,
            batches: [],
            voided: [],
            decisions: [],
          }
        : (JSON.parse(text) as CodeBookFile);
    return new CodeBook(save, data);
  }

  private index(batch: StoredBatch): void {
    for (const c of batch.codes) this.kinds.set(c.tag, { batch, code: c.code });
  }

  get version(): number {
    return this.data.version;
  }

  /** The event's PBKDF2 rounds: fixed by its first batch (a station's list has one setting). */
  iterations(fallback: number = DEFAULT_CODE_ITERATIONS): number {
    return this.data.iterations > 0 ? this.data.iterations : fallback;
  }

  /** What a tag is here: a batch's code (test or not), voided, or unknown. */
  kindOf(tag: string): 'valid' | 'test' | 'voided' | 'unknown' {
    if (this.voidedTags.has(tag)) return 'voided';
    const found = this.kinds.get(tag);
    if (found === undefined) return 'unknown';
    return found.batch.test ? 'test' : 'valid';
  }

  batches(): readonly StoredBatch[] {
    return this.data.batches;
  }

  batch(id: string): StoredBatch | undefined {
    return this.data.batches.find((b) => b.id === id);
  }

  isVoided(tag: string): boolean {
    return this.voidedTags.has(tag);
  }

  decisions(): readonly CodeDecision[] {
    return this.data.decisions;
  }

  /**
   * Makes `count` new codes and writes them durably before resolving. The slow hashes run before
   * the write queue, so a big batch does not hold up a void.
   */
  async generate(options: {
    count: number;
    label: string;
    test: boolean;
    by: string;
    at: string;
    iterations: number;
  }): Promise<StoredBatch> {
    const iterations = this.iterations(options.iterations);
    const salt = this.data.salt;
    const fresh = new Set<string>();
    while (fresh.size < options.count) {
      const code = generateCode();
      // Astronomically unlikely, but a repeat would make two cards one code.
      if (!fresh.has(code)) fresh.add(code);
    }
    const codes: StoredCode[] = [];
    const list = [...fresh];
    // Node runs PBKDF2 on its thread pool: a few at a time keeps every core busy.
    const PARALLEL = 8;
    for (let i = 0; i < list.length; i += PARALLEL) {
      const chunk = list.slice(i, i + PARALLEL);
      const tags = await Promise.all(chunk.map((code) => codeTag(code, salt, iterations)));
      chunk.forEach((code, j) => codes.push({ code, tag: tags[j] ?? '' }));
    }
    return this.change((data) => {
      const usedTags = codes.filter((c) => this.kinds.has(c.tag));
      if (usedTags.length > 0) throw new Error('A new code repeats an existing tag');
      const batch: StoredBatch = {
        id: `b${data.batches.length + 1}`,
        label: options.label,
        test: options.test,
        createdAt: options.at,
        by: options.by,
        codes,
      };
      return {
        next: { ...data, iterations, batches: [...data.batches, batch] },
        result: batch,
        after: () => this.index(batch),
      };
    });
  }

  /** Voids a code (as typed). Resolves with its tag, or null if the event has no such code. */
  voidCode(typed: string, by: string, at: string): Promise<string | null> {
    return this.change(async (data) => {
      const normal = normaliseCode(typed);
      if (!normal.ok) return { next: null, result: null };
      const tag = await codeTag(normal.code, data.salt, this.iterations());
      if (!this.kinds.has(tag)) return { next: null, result: null };
      if (this.voidedTags.has(tag)) return { next: null, result: tag };
      return {
        next: { ...data, voided: [...data.voided, { tag, at, by }] },
        result: tag,
        after: () => this.voidedTags.add(tag),
      };
    });
  }

  /** Records the organiser's decision on a kept-apart ballot (the latest one stands). */
  decide(decision: CodeDecision): Promise<CodeDecision> {
    return this.change((data) => ({
      next: {
        ...data,
        decisions: [...data.decisions.filter((d) => d.ballot !== decision.ballot), decision],
      },
      result: decision,
    }));
  }

  /** The tags a station holds (never the codes): see core/voting-codes CodeList. */
  stationList(eventId: string): CodeList {
    const valid: string[] = [];
    const test: string[] = [];
    for (const batch of this.data.batches) {
      for (const c of batch.codes) {
        if (this.voidedTags.has(c.tag)) continue;
        (batch.test ? test : valid).push(c.tag);
      }
    }
    return {
      eventId,
      version: this.data.version,
      salt: this.data.salt,
      iterations: this.iterations(),
      // Sorted, so the order says nothing about which batch or card a tag came from.
      valid: valid.sort(),
      voided: [...this.voidedTags].sort(),
      test: test.sort(),
    };
  }

  /** The answer to a station that already holds version `have`. */
  stationResponse(eventId: string, have: number | null): CodeListResponse {
    return have === this.data.version
      ? { unchanged: true, version: have }
      : this.stationList(eventId);
  }

  summary(
    batch: StoredBatch,
    used: ReadonlyMap<string, CodeUse>,
    duplicates: number,
  ): CodeBatchSummary {
    return {
      id: batch.id,
      label: batch.label,
      test: batch.test,
      createdAt: batch.createdAt,
      issued: batch.codes.length,
      used: batch.codes.filter((c) => used.has(c.tag)).length,
      voided: batch.codes.filter((c) => this.voidedTags.has(c.tag)).length,
      duplicates,
    };
  }

  /** Which batch a tag is from. */
  batchOf(tag: string): StoredBatch | undefined {
    return this.kinds.get(tag)?.batch;
  }

  /** One change at a time: written whole and durably, then applied in memory. */
  private change<T>(
    make: (
      data: CodeBookFile,
    ) =>
      | { next: CodeBookFile | null; result: T; after?: () => void }
      | Promise<{ next: CodeBookFile | null; result: T; after?: () => void }>,
  ): Promise<T> {
    const run = this.changes.then(async () => {
      const { next, result, after } = await make(this.data);
      if (next === null) return result;
      const written = { ...next, version: this.data.version + 1 };
      await this.save(JSON.stringify(written));
      this.data = written;
      after?.();
      return result;
    });
    this.changes = run.catch(() => {});
    return run;
  }
}

export interface CodeRefusal {
  code: Extract<RejectionCode, `code-${string}`>;
  message: string;
  params?: Record<string, string | number>;
}

/**
 * Why a ballot may not be counted because of its voting code, or null. `used` holds the tags of
 * counted ballots (and of ballots being counted in the same write); `stationName` names a station.
 */
export function codeRefusal(
  event: EventDefinition,
  book: CodeBook,
  used: ReadonlyMap<string, CodeUse>,
  ballot: Ballot,
  stationName: (id: string) => string,
  /** A voided ballot no longer holds its code ("count this one instead"). */
  isVoided: (ballotId: string) => boolean = () => false,
): CodeRefusal | null {
  const tag = ballot.code;
  if (tag === undefined) {
    // A paper ballot is checked by the volunteer who keys it in, not by a code.
    if (event.checkIn?.codes === true && ballot.paper !== true) {
      return {
        code: 'code-missing',
        message: `Ballot ${ballot.id} has no voting code, and this event asks for one: kept apart.`,
      };
    }
    return null;
  }
  const kind = book.kindOf(tag);
  if (kind === 'unknown') {
    return {
      code: 'code-unknown',
      message: `Ballot ${ballot.id} carries a voting code this event never issued: kept apart.`,
    };
  }
  if (kind === 'voided') {
    return {
      code: 'code-voided',
      message: `Ballot ${ballot.id} was cast with a voided voting code: kept apart.`,
    };
  }
  if (kind === 'test') {
    return {
      code: 'code-test',
      message: `Ballot ${ballot.id} was cast with a test card: kept apart, never counted.`,
    };
  }
  const first = used.get(tag);
  if (first !== undefined && first.ballot !== ballot.id && !isVoided(first.ballot)) {
    return {
      code: 'code-used',
      message:
        `Ballot ${ballot.id} used a voting code already used by ballot ${first.ballot}, which ` +
        'counts: this one is kept apart for the organiser to decide.',
      params: {
        first: first.ballot,
        station: first.stationId === null ? '' : stationName(first.stationId),
        hour: first.castHour,
      },
    };
  }
  return null;
}
