/**
 * Voting codes on a station: the tags of the event's codes (to check a typed code offline) and
 * the tags of codes used on this tablet. See docs/check-in.md, "Voting codes".
 *
 * A typed code is checked here with no network: normalised (core/voting-codes), hashed with the
 * event's salt (the slow PBKDF2, tens of ms), then looked up in the tags the station holds. A code
 * is marked used only when its ballot is cast, in the ballot's own transaction (ballot-repo.ts),
 * so a ballot abandoned half-way (timeout, cancel) never burns its code.
 */
import { problemOf, type Problem } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { EventDefinition } from '../core/schema.ts';
import {
  classifyTag,
  codeTag,
  indexCodeList,
  normaliseCode,
  type CodeIndex,
  type CodeList,
  type TypedCodeProblem,
} from '../core/voting-codes.ts';
import type { StationDatabase } from './database.ts';

/** What a station holds to check codes: tags only, so it cannot make a valid code. */
export interface CodeListRow extends CodeList {
  eventId: EventDefinition['id'];
}

/** A code used on this tablet: its tag, never the ballot it opened. */
export interface UsedCodeRow {
  eventId: EventDefinition['id'];
  tag: string;
}

/**
 * Why a typed code does not start a ballot. Besides what normaliseCode says:
 * `code-unknown` (not this event's: a mistyped code, or another event's card), `code-voided`,
 * `code-test` (a test card while the event is open), `code-used-here` (this tablet already
 * cast a ballot with it), `code-list-missing` (the station holds no codes for the event yet: a
 * volunteer syncs or loads the event package).
 */
export type CodeCheckProblem =
  | Problem<TypedCodeProblem['code']>
  | Problem<'code-unknown' | 'code-voided' | 'code-test' | 'code-used-here' | 'code-list-missing'>;

export const CODE_CHECK_PROBLEM_CODES = [
  'code-empty',
  'code-look-alike',
  'code-bad-character',
  'code-wrong-length',
  'code-unknown',
  'code-voided',
  'code-test',
  'code-used-here',
  'code-list-missing',
] as const;

/** A code that may start a ballot: its tag, and whether it is a test card (rehearsals only). */
export interface AcceptedCode {
  tag: string;
  test: boolean;
}

/**
 * Keeps the newer of the list held and `list` (an older list never replaces a newer one, so a
 * package loaded after a sync cannot bring back a voided code).
 */
export async function saveCodeList(db: StationDatabase, list: CodeList): Promise<void> {
  await db.transaction('rw', db.codeLists, async () => {
    const held = await db.codeLists.get(list.eventId);
    if (held !== undefined && held.version > list.version && held.salt === list.salt) return;
    await db.codeLists.put({ ...list });
  });
}

export function getCodeList(
  db: StationDatabase,
  eventId: EventDefinition['id'],
): Promise<CodeListRow | undefined> {
  return db.codeLists.get(eventId);
}

export function countUsedCodes(
  db: StationDatabase,
  eventId: EventDefinition['id'],
): Promise<number> {
  return db.usedCodes.where('eventId').equals(eventId).count();
}

/** The last list's sets, kept while its version stands (building them takes a few ms). */
let cached: { eventId: string; salt: string; index: CodeIndex } | null = null;

function indexOf(row: CodeListRow): CodeIndex {
  if (
    cached === null ||
    cached.eventId !== row.eventId ||
    cached.salt !== row.salt ||
    cached.index.version !== row.version
  ) {
    cached = { eventId: row.eventId, salt: row.salt, index: indexCodeList(row) };
  }
  return cached.index;
}

/**
 * Checks what a voter typed against the codes this station holds. `rehearsal`: the event is still
 * a draft here, the one time a test card may start a ballot.
 */
export async function checkCode(
  db: StationDatabase,
  eventId: EventDefinition['id'],
  typed: string,
  rehearsal: boolean,
): Promise<Result<AcceptedCode, CodeCheckProblem>> {
  const normal = normaliseCode(typed);
  if (!normal.ok) return err(problemOf(normal.problem.code, normal.problem.params));
  const row = await getCodeList(db, eventId);
  if (row === undefined) return err(problemOf('code-list-missing'));
  const tag = await codeTag(normal.code, row.salt, row.iterations);
  const kind = classifyTag(indexOf(row), tag);
  if (kind === 'unknown') return err(problemOf('code-unknown'));
  if (kind === 'voided') return err(problemOf('code-voided'));
  if (kind === 'test' && !rehearsal) return err(problemOf('code-test'));
  if ((await db.usedCodes.get([eventId, tag])) !== undefined) {
    return err(problemOf('code-used-here'));
  }
  return ok({ tag, test: kind === 'test' });
}
