/**
 * What `decision-day store copy` will do, decided before anything is written: each kind of
 * record on the source is either new on the target (to copy), held there already exactly as it
 * is ("already there"), or held there differently (a refusal, naming it). One refusal and nothing
 * at all is written.
 */
import type { AuditEntry, AuditRecord } from '../../core/audit.ts';
import { canonicalJson, type Json } from '../../core/canonical-json.ts';
import type { PictureType } from '../../core/event-package.ts';
import { problemSummary } from '../../core/problem.ts';
import type { Publication } from '../../core/publication.ts';
import { nameKey, type AccountsData } from '../../server/accounts/account-book.ts';
import { checkDump, differingRecords } from '../../server/store/ledger/event-dump.ts';
import type { EventDump } from '../../server/store/tally-store.ts';
import { englishTallyFileProblem } from '../english.ts';
import { planSideStores, type SideCopyPlan } from './store-copy-side.ts';
import type { CopySide } from './store-sides.ts';

export interface CopyPlan {
  events: { copy: EventDump[]; there: string[]; ballots: number };
  pictures: { copy: { sha256: string; type: PictureType }[]; there: number };
  /** The source's book when it adds accounts or invites to the target's (else null). */
  accounts: { incoming: AccountsData | null; accounts: number; invites: number; there: number };
  /** The source's audit records the target lacks (the target's trail is a start of the source's). */
  audit: { copy: AuditEntry[]; there: number };
  publications: { copy: Publication[]; there: number };
  /** Check-in registers and equalities answers (store-copy-side.ts). */
  side: SideCopyPlan;
}

/** The same record, whatever order its keys came in and whether an absent field is undefined. */
export const same = (a: unknown, b: unknown) =>
  canonicalJson(JSON.parse(JSON.stringify(a)) as Json) ===
  canonicalJson(JSON.parse(JSON.stringify(b)) as Json);

/** Why the copy cannot go ahead: one sentence per reason, all of them at once. */
export class CopyRefused extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join(' '));
  }
}

export async function planCopy(source: CopySide, target: CopySide): Promise<CopyPlan> {
  const refusals: string[] = [];
  const damaged = source.tally.unopened();
  for (const u of damaged) {
    const why = u.problem === undefined ? u.reason : englishTallyFileProblem(u.problem);
    refusals.push(
      `Event ${u.folder} on ${source.label} could not be opened: ${why.replace(/\.$/, '')}.`,
    );
  }
  const events = await planEvents(source, target, refusals);
  const pictures = planPictures(source, target);
  const accounts = await planAccounts(source, target, refusals);
  const audit = await planAudit(source, target, refusals);
  const publications = planPublications(source, target, refusals);
  const side = planSideStores(source, target, refusals);
  if (refusals.length > 0) throw new CopyRefused(refusals);
  return { events, pictures, accounts, audit, publications, side };
}

async function planEvents(source: CopySide, target: CopySide, refusals: string[]) {
  const plan: CopyPlan['events'] = { copy: [], there: [], ballots: 0 };
  for (const info of source.tally.events()) {
    const dump = await source.tally.dumpEvent(info.event.id);
    let joinCode: string;
    try {
      joinCode = checkDump(dump).joinCode;
    } catch (e) {
      refusals.push(`${e instanceof Error ? e.message : String(e)} (on ${source.label})`);
      continue;
    }
    if (target.tally.event(info.event.id) !== undefined) {
      const differs = differingRecords(
        (await target.tally.dumpEvent(info.event.id)).files,
        dump.files,
      );
      if (differs.length === 0) plan.there.push(info.event.id);
      else
        refusals.push(
          `Event ${info.event.id} is on ${target.label} already and differs (${differs.join(', ')}).`,
        );
      continue;
    }
    if (target.tally.unopened().some((u) => u.folder === info.event.id)) {
      refusals.push(`Event ${info.event.id} is on ${target.label} already, damaged (not opened).`);
      continue;
    }
    const other = target.tally.eventByJoinCode(joinCode);
    if (other !== undefined) {
      refusals.push(
        `Event ${info.event.id}'s join code is used by event ${other.event.id} on ${target.label}.`,
      );
      continue;
    }
    plan.copy.push(dump);
    plan.ballots += info.ballots;
  }
  return plan;
}

function planPictures(source: CopySide, target: CopySide): CopyPlan['pictures'] {
  const held = new Set(target.tally.pictureList().map((p) => `${p.sha256}.${p.type}`));
  const all = source.tally.pictureList();
  // Named by their SHA-256: one held already is the same picture.
  const copy = all.filter((p) => !held.has(`${p.sha256}.${p.type}`));
  return { copy, there: all.length - copy.length };
}

/**
 * Accounts and invites by id: new ones are added to the target's book; one held with the same
 * id must be the same record; a new account may not take a name the target's book uses.
 */
export function mergeBooks(
  held: AccountsData,
  incoming: AccountsData,
  refusals: string[],
): { merged: AccountsData; accounts: number; invites: number; there: number } {
  const merged: AccountsData = { accounts: [...held.accounts], invites: [...held.invites] };
  let there = 0;
  let accounts = 0;
  let invites = 0;
  for (const a of incoming.accounts) {
    const same_id = held.accounts.find((h) => h.id === a.id);
    if (same_id !== undefined) {
      if (same(same_id, a)) there += 1;
      else refusals.push(`Account "${a.name}" (${a.id}) is in the target's book and differs.`);
      continue;
    }
    const same_name = held.accounts.find((h) => nameKey(h.name) === nameKey(a.name));
    if (same_name !== undefined) {
      refusals.push(`The name "${a.name}" is taken by another account in the target's book.`);
      continue;
    }
    merged.accounts.push(a);
    accounts += 1;
  }
  for (const i of incoming.invites) {
    const same_id = held.invites.find((h) => h.id === i.id);
    if (same_id !== undefined) {
      if (same(same_id, i)) there += 1;
      else refusals.push(`Invite ${i.id} is in the target's book and differs.`);
      continue;
    }
    merged.invites.push(i);
    invites += 1;
  }
  return { merged, accounts, invites, there };
}

async function planAccounts(
  source: CopySide,
  target: CopySide,
  refusals: string[],
): Promise<CopyPlan['accounts']> {
  const incoming = await source.accounts.load();
  if (incoming === null) return { incoming: null, accounts: 0, invites: 0, there: 0 };
  const held = (await target.accounts.load()) ?? { accounts: [], invites: [] };
  const { accounts, invites, there } = mergeBooks(held, incoming, refusals);
  return { incoming: accounts + invites === 0 ? null : incoming, accounts, invites, there };
}

const entryOf = ({ seq: _seq, prev: _prev, ...entry }: AuditRecord): AuditEntry => entry;

async function planAudit(
  source: CopySide,
  target: CopySide,
  refusals: string[],
): Promise<CopyPlan['audit']> {
  const incoming = await source.audit.read();
  if (incoming.problem !== undefined) {
    refusals.push(
      `The audit trail on ${source.label} is damaged (${problemSummary(incoming.problem)}).`,
    );
    return { copy: [], there: 0 };
  }
  const held = await target.audit.read();
  const start = held.records.length;
  // Re-recorded in order from the same start, each line is the source's line exactly.
  const matches =
    held.problem === undefined &&
    start <= incoming.records.length &&
    held.records.every((r, k) => same(r, incoming.records[k]));
  if (!matches) {
    refusals.push(
      `The audit trail on ${target.label} differs from the one on ${source.label} ` +
        '(it is not the start of it).',
    );
    return { copy: [], there: 0 };
  }
  return { copy: incoming.records.slice(start).map(entryOf), there: start };
}

function planPublications(
  source: CopySide,
  target: CopySide,
  refusals: string[],
): CopyPlan['publications'] {
  const plan: CopyPlan['publications'] = { copy: [], there: 0 };
  for (const info of source.tally.events()) {
    const published = source.publications.get(info.event.id);
    if (published === undefined) continue;
    const held = target.publications.get(info.event.id);
    if (held === undefined) plan.copy.push(published);
    else if (same(held, published)) plan.there += 1;
    else
      refusals.push(`The published results of event ${info.event.id} differ on ${target.label}.`);
  }
  return plan;
}
