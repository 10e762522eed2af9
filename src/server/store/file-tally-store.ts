/**
 * The default, embedded TallyStore: plain files under DATA_DIR, one folder an event
 * (DATA_DIR/events/<eventId>/, see event-ledger.ts for what is in it) and the pictures by content
 * hash (DATA_DIR/pictures/<sha256>.<ext>). Nothing to install or configure, and the tally file on
 * disk is itself the artefact an organiser can copy and verify.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PICTURE_TYPES, type PictureType } from '../../core/event-package.ts';
import type { EventDefinition } from '../../core/schema.ts';
import { syncDirectory, writeFileAtomic } from './durable-file.ts';
import { EventLedger } from './event-ledger.ts';
import { FileLedgerMedium } from './ledger/file-ledger-medium.ts';
import { LedgerTallyStore } from './ledger/ledger-tally-store.ts';
import { DamagedTallyFile } from './recover-tally.ts';
import { eventDiffers } from './ledger/event-dump.ts';
import type { StationRecord } from './station-book.ts';
import {
  EventChangeRefused,
  StorageError,
  type CreateEventOptions,
  type EventDump,
  type EventInfo,
} from './tally-store.ts';

export interface FileTallyStoreOptions {
  now?: () => Date;
  log?: (line: string) => void;
}

const PICTURE_FILE = /^([0-9a-f]{64})\.(jpg|png|webp)$/;
const pictureName = (sha256: string, type: PictureType) => `${sha256}.${PICTURE_TYPES[type]}`;

export class FileTallyStore extends LedgerTallyStore {
  private readonly pictures = new Set<string>();

  private constructor(
    private readonly eventsDir: string,
    private readonly picturesDir: string,
    private readonly now: () => Date,
  ) {
    super();
  }

  /**
   * Opens every event under `dataDir`. An event whose tally file is damaged (not merely cut by a
   * crash) is left closed and reported, so one bad file does not keep the other events offline.
   */
  static async open(dataDir: string, options: FileTallyStoreOptions = {}): Promise<FileTallyStore> {
    const log = options.log ?? ((line: string) => console.log(line));
    const now = options.now ?? (() => new Date());
    const eventsDir = join(dataDir, 'events');
    const picturesDir = join(dataDir, 'pictures');
    await mkdir(eventsDir, { recursive: true, mode: 0o700 });
    await mkdir(picturesDir, { recursive: true, mode: 0o700 });
    const store = new FileTallyStore(eventsDir, picturesDir, now);
    const entries = await readdir(eventsDir, { withFileTypes: true });
    for (const entry of entries
      .filter((e) => e.isDirectory())
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      try {
        store.register(
          await EventLedger.open(new FileLedgerMedium(join(eventsDir, entry.name), now), now, log),
        );
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        const found = await whatIsLeft(eventsDir, entry.name);
        store.closed.push({
          folder: entry.name,
          reason,
          ...(e instanceof DamagedTallyFile && { problem: e.problem }),
          ...found.about,
        });
        // Its stations are still known, to be told the event is unavailable (not "join again").
        for (const station of found.stations) store.stationsByToken.set(station.tokenHash, station);
        log(`Event "${entry.name}" was not opened: ${reason}`);
      }
    }
    for (const name of await readdir(picturesDir)) {
      if (PICTURE_FILE.test(name)) store.pictures.add(name);
    }
    return store;
  }

  async createEvent(
    event: EventDefinition,
    joinCode: string,
    options: CreateEventOptions = { state: 'open', by: 'server' },
  ): Promise<EventInfo> {
    return this.createWith(event.id, joinCode, async () => {
      const dir = join(this.eventsDir, event.id);
      try {
        await mkdir(dir, { mode: 0o700 });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new EventChangeRefused('event-exists', { event: event.id });
        }
        throw new StorageError(`Cannot create ${dir} (${String(e)}).`);
      }
      await syncDirectory(this.eventsDir);
      return EventLedger.create(
        new FileLedgerMedium(dir, this.now),
        event,
        joinCode,
        this.now,
        options,
      );
    });
  }

  async putPicture(bytes: Uint8Array, type: PictureType): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const name = pictureName(sha256, type);
    if (this.pictures.has(name)) return sha256;
    try {
      await writeFileAtomic(join(this.picturesDir, name), bytes);
    } catch (e) {
      throw new StorageError(`Writing a picture to ${this.picturesDir} failed (${String(e)}).`);
    }
    this.pictures.add(name);
    return sha256;
  }

  async picture(sha256: string, type: PictureType): Promise<Uint8Array | undefined> {
    const name = pictureName(sha256, type);
    if (!this.pictures.has(name)) return undefined;
    return new Uint8Array(await readFile(join(this.picturesDir, name)));
  }

  hasPicture(sha256: string, type: PictureType): boolean {
    return this.pictures.has(pictureName(sha256, type));
  }

  async restoreEvent(dump: EventDump): Promise<'copied' | 'already-there'> {
    const checked = await this.restoring(dump);
    if (checked === 'already-there') return checked;
    this.creating.add(dump.eventId);
    const dir = join(this.eventsDir, dump.eventId);
    try {
      try {
        await mkdir(dir, { mode: 0o700 });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST')
          throw eventDiffers(dump.eventId, ['folder']);
        throw new StorageError(`Cannot create ${dir} (${String(e)}).`);
      }
      try {
        for (const [name, text] of Object.entries(checked.files))
          await writeFileAtomic(join(dir, name), text);
        await syncDirectory(this.eventsDir);
        this.register(
          await EventLedger.open(new FileLedgerMedium(dir, this.now), this.now, () => {}),
        );
      } catch (e) {
        // Nothing partial is left: the folder goes, so the copy can simply run again.
        await rm(dir, { recursive: true, force: true });
        throw e instanceof StorageError || e instanceof EventChangeRefused
          ? e
          : new StorageError(`Writing ${dir} failed (${String(e)}).`, { cause: e });
      }
      return 'copied';
    } finally {
      this.creating.delete(dump.eventId);
    }
  }

  pictureList(): { sha256: string; type: PictureType }[] {
    const types = Object.entries(PICTURE_TYPES) as [PictureType, string][];
    return [...this.pictures].flatMap((name) => {
      const [, sha256, ext] = PICTURE_FILE.exec(name) ?? [];
      const type = types.find(([, e]) => e === ext)?.[0];
      return sha256 === undefined || type === undefined ? [] : [{ sha256, type }];
    });
  }
}

/**
 * What can still be read of an event that was not opened, each part if it reads: its join code
 * (meta.json), its name (the tally file's header line) and its stations (stations.json). Nothing
 * is written.
 */
async function whatIsLeft(
  eventsDir: string,
  folder: string,
): Promise<{ about: { joinCode?: string; name?: string }; stations: StationRecord[] }> {
  const read = async <T>(file: string, pick: (text: string) => T | undefined) => {
    try {
      return pick(await readFile(join(eventsDir, folder, file), 'utf8'));
    } catch {
      return undefined;
    }
  };
  const joinCode = await read('meta.json', (text) => {
    const code: unknown = (JSON.parse(text) as { joinCode?: unknown }).joinCode;
    return typeof code === 'string' ? code : undefined;
  });
  const name = await read('tally.jsonl', (text) => {
    const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as { event?: { name?: unknown } };
    return typeof header.event?.name === 'string' ? header.event.name : undefined;
  });
  const stations =
    (await read('stations.json', (text) => {
      const list: unknown = (JSON.parse(text) as { stations?: unknown }).stations;
      return Array.isArray(list)
        ? (list as StationRecord[]).filter(
            // Only this event's own: a token must never reach another event.
            (s) => typeof s.tokenHash === 'string' && s.eventId === folder,
          )
        : undefined;
    })) ?? [];
  return {
    about: {
      ...(joinCode !== undefined && { joinCode }),
      ...(name !== undefined && { name }),
    },
    stations,
  };
}
