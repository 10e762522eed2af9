/**
 * The default medium: the event's folder, DATA_DIR/events/<id>/ (see event-ledger.ts for each
 * file). Append-only logs grow with one fsync per append; documents are replaced atomically
 * (write, fsync, rename); a crash's unsealed tail of the tally file is cut at open, and saved.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { problemSummary } from '../../../core/problem.ts';
import { runOffThread } from '../../off-thread/run-off-thread.ts';
import { AppendOnlyFile, syncDirectory, writeFileAtomic } from '../durable-file.ts';
import { DamagedTallyFile } from '../recover-tally.ts';
import type { StationRecord } from '../station-book.ts';
import { StorageError } from '../tally-store.ts';
import {
  ACTIVITY,
  BrokenLedger,
  CODES,
  META,
  QUARANTINE,
  REGISTRY,
  REHEARSAL,
  TALLY,
  type GroupAppends,
  type LedgerMedium,
  type LoadedLedger,
  type Settled,
} from './ledger-medium.ts';

interface Files {
  tally: AppendOnlyFile;
  quarantine: AppendOnlyFile;
  activity: AppendOnlyFile;
  rehearsal: AppendOnlyFile;
}

export class FileLedgerMedium implements LedgerMedium {
  private files: Files | null = null;

  constructor(
    private readonly dir: string,
    private readonly now: () => Date,
  ) {}

  get where(): string {
    return this.dir;
  }

  private opened(): Files {
    if (this.files === null) throw new Error(`${this.dir}: the ledger is not loaded`);
    return this.files;
  }

  async create(files: { meta: string; stations: string; tally: string }): Promise<void> {
    await writeFileAtomic(join(this.dir, META), files.meta);
    await writeFileAtomic(join(this.dir, REGISTRY), files.stations);
    await writeFileAtomic(join(this.dir, TALLY), files.tally);
  }

  /** Opens the event's files, cutting an unsealed tail left by a crash (and saying so). */
  async load(log: (line: string) => void): Promise<LoadedLedger> {
    const tallyPath = join(this.dir, TALLY);
    // Read and verified on a worker thread (140,000 ballots take seconds): the server answers
    // /health meanwhile (src/server/starting.ts).
    const recovery = await runOffThread({ task: 'recover', bytes: await readFile(tallyPath) });
    if (recovery.kind === 'damaged') {
      throw new DamagedTallyFile(
        `${tallyPath} is damaged (${problemSummary(recovery.problem)}). ` +
          'Move it aside and restore it from a station export or backup.',
        recovery.problem,
      );
    }
    let keepBytes: number | undefined;
    if (recovery.kind === 'cut') {
      const aside = `${tallyPath}.cut-${this.now().toISOString().replace(/[:.]/g, '-')}`;
      await writeFile(aside, recovery.tail, { mode: 0o600 });
      keepBytes = recovery.keepBytes;
      log(
        `Recovered ${tallyPath}: an append was interrupted (${problemSummary(recovery.problem)}). The ` +
          `unsealed tail, never acknowledged to a station, was cut and saved as ${aside}.`,
      );
    }
    const meta = JSON.parse(await readFile(join(this.dir, META), 'utf8')) as { joinCode: string };
    const registry = JSON.parse(await readFile(join(this.dir, REGISTRY), 'utf8')) as {
      stations: StationRecord[];
    };
    const files: Files = {
      tally: await AppendOnlyFile.open(tallyPath, keepBytes),
      quarantine: await openLog(join(this.dir, QUARANTINE), log),
      activity: await openLog(join(this.dir, ACTIVITY), log),
      rehearsal: await openLog(join(this.dir, REHEARSAL), log),
    };
    this.files = files;
    return {
      contents: recovery.contents,
      joinCode: meta.joinCode,
      stations: registry.stations,
      rehearsal: await files.rehearsal.read(),
      quarantine: await files.quarantine.read(),
      activity: await files.activity.read(),
      codes: await readIfThere(join(this.dir, CODES)),
    };
  }

  appendRehearsal(text: string): Promise<void> {
    return this.opened().rehearsal.append(text);
  }

  async commitGroup(build: () => Promise<GroupAppends>): Promise<[Settled, Settled, Settled]> {
    const files = this.opened();
    const appends = await build();
    const [tally, quarantine, activity] = await Promise.allSettled([
      files.tally.append(appends.tally),
      files.quarantine.append(appends.quarantine),
      files.activity.append(appends.activity),
    ]);
    return [tally, quarantine, activity];
  }

  async rewriteTally(text: string, keepOldAs: string | null): Promise<void> {
    const files = this.opened();
    const path = join(this.dir, TALLY);
    try {
      if (keepOldAs !== null) {
        await writeFileAtomic(join(this.dir, keepOldAs), await files.tally.read());
      }
      await writeFileAtomic(path, text);
    } catch (e) {
      throw new StorageError(`Writing to ${this.dir} failed (${String(e)}). Nothing changed.`);
    }
    let reopened: AppendOnlyFile;
    try {
      reopened = await AppendOnlyFile.open(path);
    } catch (e) {
      throw new BrokenLedger(
        `${path} was replaced but could not be reopened (${String(e)}): restart the server.`,
      );
    }
    const old = files.tally;
    files.tally = reopened;
    await old.close().catch(() => {});
  }

  writeDoc(name: string, text: string): Promise<void> {
    return writeFileAtomic(join(this.dir, name), text);
  }

  readTally(): Promise<string> {
    return this.opened().tally.read();
  }

  tallyPieces(): AsyncIterable<Uint8Array> {
    return this.opened().tally.pieces();
  }

  catchUp(): Promise<'caught-up'> {
    return Promise.resolve('caught-up');
  }

  async dump(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const names = (await readdir(this.dir)).filter((n) => /^[a-z][a-z0-9.-]*\.json(l)?$/.test(n));
    for (const name of names.sort()) {
      out[name] =
        name === TALLY ? await this.readTally() : await readFile(join(this.dir, name), 'utf8');
    }
    return out;
  }

  async close(): Promise<void> {
    const files = this.files;
    if (files === null) return;
    await Promise.all([
      files.tally.close(),
      files.quarantine.close(),
      files.activity.close(),
      files.rehearsal.close(),
    ]);
  }
}

async function readIfThere(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    return null;
  }
}

async function openLog(path: string, log: (line: string) => void): Promise<AppendOnlyFile> {
  const text = (await readIfThere(path)) ?? '';
  // A line cut by a crash would glue itself to the next append: cut it back to the last newline.
  const keep =
    text.length === 0 || text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  if (keep !== text) log(`${path}: an interrupted last line was cut.`);
  const file = await AppendOnlyFile.open(path, Buffer.byteLength(keep, 'utf8'));
  await syncDirectory(join(path, '..'));
  return file;
}
