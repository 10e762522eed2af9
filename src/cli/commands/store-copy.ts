/**
 * `decision-day store copy --from SOURCE --to TARGET`: moves a whole storage between a data
 * folder and a PostgreSQL database (either way; folder to folder and database to database work
 * too). Every kind of record is planned first (store-copy-plan.ts): one that differs on the
 * target refuses the whole copy, naming it, and nothing is written. Then pictures (which event
 * definitions name), events (each whole or not at all, its tally file line for line), accounts
 * and invites, the audit trail, published results, check-in registers and equalities answers
 * are written through the target's own stores. A copy run again adds nothing ("already
 * there"); one stopped part-way is finished by running it again.
 */
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ok } from '../../core/result.ts';
import { dataError, parseCommand, usageError, type CliOutcome } from '../io.ts';
import { STORE_COPY_USAGE } from '../usage.ts';
import { CopyRefused, mergeBooks, planCopy, type CopyPlan } from './store-copy-plan.ts';
import { copySideStores } from './store-copy-side.ts';
import { isAbsentOrEmpty } from './store-folder.ts';
import { inUseRefusal, processesUsing } from './store-in-use.ts';
import { isDatabaseUrl, openFileSide, type CopySide } from './store-sides.ts';

const isDirectory = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );

async function openSide(where: string, log: (line: string) => void): Promise<CopySide> {
  if (!isDatabaseUrl(where)) return openFileSide(where, log);
  // Loaded only for a database: a copy between folders never loads the PostgreSQL client.
  const { openPgSide } = await import('./store-pg-side.ts');
  return openPgSide(where, log);
}

export async function storeCopy(args: readonly string[]): Promise<CliOutcome> {
  const parsed = parseCommand(
    'store copy',
    STORE_COPY_USAGE,
    args,
    { from: { type: 'string' }, to: { type: 'string' } },
    { min: 0, max: 0, what: 'no FILE (use --from and --to)' },
  );
  if (parsed.done) return parsed.done;
  const { from, to } = parsed.values;
  if (from === undefined || to === undefined) {
    return usageError(
      'store copy needs --from and --to (a data folder or a postgres:// URL each). ' +
        'Run "decision-day store copy --help" for usage.',
    );
  }
  if (from === to) return usageError('store copy needs two different places.');
  for (const folder of [from, to].filter((w) => !isDatabaseUrl(w))) {
    const refusal = inUseRefusal(folder, await processesUsing(folder));
    if (refusal !== null) return dataError(refusal);
  }
  if (!isDatabaseUrl(from) && (await isAbsentOrEmpty(from))) {
    return dataError(`${from} is empty or missing: there is nothing to copy.`);
  }
  if (!isDatabaseUrl(from) && !(await isDirectory(join(from, 'events')))) {
    return dataError(`${from} is not a Decision Day data folder (it has no events folder).`);
  }
  const newFolder = !isDatabaseUrl(to) && (await isAbsentOrEmpty(to));
  const logged: string[] = [];
  const log = (line: string) => logged.push(line);
  const sides: CopySide[] = [];
  let written = false;
  try {
    const source = await openSide(from, log);
    sides.push(source);
    const target = await openSide(to, log);
    sides.push(target);
    const plan = await planCopy(source, target);
    written = true;
    await carryOut(plan, source, target);
    return ok(report(plan, source, target));
  } catch (e) {
    if (e instanceof CopyRefused) {
      return dataError(`Nothing was copied. ${e.message}`);
    }
    const why = e instanceof Error ? e.message : String(e);
    return dataError(
      written
        ? `The copy stopped part-way (${why}). Each event copied is whole; run the same command ` +
            'again to finish (what is there already is left as it is).'
        : `Nothing was copied: ${why}`,
    );
  } finally {
    for (const side of sides.reverse()) await side.close().catch(() => {});
    // A folder made only for this copy goes again if nothing was copied into it.
    if (newFolder && !written) await rm(to, { recursive: true, force: true });
  }
}

async function carryOut(plan: CopyPlan, source: CopySide, target: CopySide): Promise<void> {
  for (const { sha256, type } of plan.pictures.copy) {
    const bytes = await source.tally.picture(sha256, type);
    if (bytes === undefined) throw new Error(`picture ${sha256} went missing on ${source.label}`);
    await target.tally.putPicture(bytes, type);
  }
  for (const dump of plan.events.copy) await target.tally.restoreEvent(dump);
  const incoming = plan.accounts.incoming;
  if (incoming !== null) {
    const held = (await target.accounts.load()) ?? { accounts: [], invites: [] };
    // Merged again against the book as the target stores it at the moment of writing.
    await target.accounts.update(held, (stored) => {
      const refusals: string[] = [];
      const merged = mergeBooks(stored, incoming, refusals);
      if (refusals.length > 0) throw new CopyRefused(refusals);
      return { next: merged.merged, value: null };
    });
  }
  for (const entry of plan.audit.copy) await target.audit.record(entry);
  for (const publication of plan.publications.copy) await target.publications.put(publication);
  await copySideStores(plan.side, target);
}

function report(plan: CopyPlan, source: CopySide, target: CopySide): string {
  const { events, pictures, accounts, audit, publications, side } = plan;
  return [
    `Copied ${source.label} to ${target.label}:`,
    `  events: ${events.copy.length} copied (${events.ballots} ballot(s)), ${events.there.length} already there`,
    `  pictures: ${pictures.copy.length} copied, ${pictures.there} already there`,
    `  accounts: ${accounts.accounts} copied, invites: ${accounts.invites} copied, ${accounts.there} already there`,
    `  audit trail: ${audit.copy.length} record(s) copied, ${audit.there} already there`,
    `  published results: ${publications.copy.length} copied, ${publications.there} already there`,
    `  check-in registers: ${side.registers.rows} row(s) and ${side.registers.deletions.length} deletion record(s) copied, ${side.registers.there} already there`,
    `  equalities answers: ${side.equalities.copy.length} batch(es) (${side.equalities.answers} answer(s)) copied, ${side.equalities.there} already there`,
    'Not copied: sessions (organisers sign in again).',
    '',
  ].join('\n');
}
