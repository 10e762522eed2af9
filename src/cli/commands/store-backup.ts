/**
 * `decision-day store backup --from DATA_DIR --to DIR`: a consistent copy of a file-store
 * DATA_DIR, safe while the tally server runs (store-snapshot.ts says why): every ballot
 * acknowledged before the backup began is in it, each tally file in it verifies as it is (an
 * append in progress is left out, not copied half-written), and DIR appears whole or not at all.
 * Restoring is starting a server with DATA_DIR=DIR (or copying DIR back).
 */
import { ok } from '../../core/result.ts';
import { dataError, parseCommand, usageError, type CliOutcome } from '../io.ts';
import { STORE_BACKUP_USAGE } from '../usage.ts';
import { isAbsentOrEmpty, NewFolder } from './store-folder.ts';
import { eventFolders, otherFiles, readEventFolder } from './store-snapshot.ts';

export async function storeBackup(args: readonly string[]): Promise<CliOutcome> {
  const parsed = parseCommand(
    'store backup',
    STORE_BACKUP_USAGE,
    args,
    { from: { type: 'string' }, to: { type: 'string' } },
    { min: 0, max: 0, what: 'no FILE (use --from and --to)' },
  );
  if (parsed.done) return parsed.done;
  const from = parsed.values.from;
  const to = parsed.values.to;
  if (from === undefined || to === undefined) {
    return usageError(
      'store backup needs --from DATA_DIR and --to DIR. Run "decision-day store backup --help" for usage.',
    );
  }
  if (/^postgres(ql)?:\/\//.test(from)) {
    return usageError(
      'store backup copies a data folder; back a PostgreSQL database up with pg_dump (see docs/backups.md).',
    );
  }
  if (await isAbsentOrEmpty(from)) {
    return dataError(`${from} is empty or missing: there is nothing to back up.`);
  }
  if (!(await isAbsentOrEmpty(to))) {
    return dataError(`${to} exists and is not empty: back up into a new folder.`);
  }
  const folder = await NewFolder.begin(to);
  try {
    const notes: string[] = [];
    let events = 0;
    let ballots = 0;
    let files = 0;
    let bytes = 0;
    // Every event's tally file before any picture: a picture a copied definition names is in.
    for (const name of await eventFolders(from)) {
      const event = await readEventFolder(from, name);
      if (event === null) {
        notes.push(`events/${name} has no tally file yet (an event being created): left out.`);
        continue;
      }
      for (const file of event.files) {
        await folder.write(file.path, file.bytes);
        files += 1;
        bytes += file.bytes.length;
      }
      events += 1;
      ballots += event.ballots;
      if (event.cut !== null) {
        notes.push(`events/${name}: an append in progress (never acknowledged) was left out.`);
      }
      if (event.damaged !== null) {
        notes.push(
          `events/${name}: its tally file is damaged (${event.damaged}); copied as it is.`,
        );
      }
    }
    let pictures = 0;
    for await (const file of otherFiles(from)) {
      await folder.write(file.path, file.bytes);
      files += 1;
      bytes += file.bytes.length;
      if (file.path.startsWith('pictures/')) pictures += 1;
    }
    await folder.finish();
    const size = (bytes / 1e6).toFixed(1);
    return ok(
      `Backed up ${from} to ${to}: ${events} event(s) with ${ballots} ballot(s), ` +
        `${pictures} picture(s), ${files} file(s) in all (${size} MB).\n` +
        notes.map((n) => `Note: ${n}\n`).join(''),
    );
  } catch (e) {
    await folder.abandon();
    return dataError(`Backup failed, nothing was left in ${to}: ${String(e)}`);
  }
}
