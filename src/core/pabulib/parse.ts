/**
 * Reads a Pabulib file (pabulib.org/format) into one event with one pot and its ballots. It is
 * untrusted input: everything is checked, and what cannot be read is named with its line.
 * Amounts are converted from major to minor units here, once.
 */
import { toMinor } from '../money.ts';
import { err, ok, type Result } from '../result.ts';
import {
  bidIdSchema,
  eventSchema,
  schemaProblem,
  type Ballot,
  type Bid,
  type EventDefinition,
  type Rule,
} from '../schema.ts';
import { parseAmount } from './numbers.ts';
import { cellReader, emptySection, readSections, type Section } from './sections.ts';
import type { PabulibInstance, PabulibProblem, PabulibRead } from './types.ts';
import {
  choicesOf,
  methodFor,
  readVotes,
  voterIds,
  type ReadVotes,
  type VoteType,
} from './votes.ts';

const VOTE_TYPES = new Set<string>(['approval', 'choose-1', 'cumulative', 'scoring', 'ordinal']);
const MAX_BIDS = 5000;

/** Our ids allow letters, digits and `._:-`; anything else becomes `-`. */
export function plainId(raw: string, maxLength = 64): string {
  const cleaned = raw
    .replace(/[^A-Za-z0-9._:-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, maxLength);
  return cleaned;
}

/**
 * A project's id as a bid id: exactly as written when it is a valid bid id ("M/01/X" stays
 * "M/01/X", so results can be matched to the city's own list), else cleaned like `plainId` but
 * keeping the `/+#` bid ids may hold.
 */
export function plainBidId(raw: string): string {
  if (bidIdSchema.safeParse(raw).success) return raw;
  return raw
    .replace(/[^A-Za-z0-9._:/+#-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
}

export function parsePabulib(
  file: string | Uint8Array,
  options: { eventId?: string } = {},
): Result<PabulibInstance, PabulibProblem> {
  const read = readPabulib(file, options);
  if (!read.ok) return read;
  const { event, selected, meta, skipped } = read.value;
  return ok({
    event,
    ballots: pabulibBallots(read.value),
    ...(selected ? { selected } : {}),
    meta,
    skipped,
  });
}

/**
 * A Pabulib file read as `parsePabulib` reads it, with the same checks and problems, but with
 * the votes kept as numbers (`votes`) rather than made into ballots: what a count needs
 * (`pabulibProfile`), without an object per voter. `pabulibBallots` makes the ballots from it.
 */
export function readPabulib(
  file: string | Uint8Array,
  options: { eventId?: string } = {},
): Result<PabulibRead, PabulibProblem> {
  const sections = readSections(file);
  if (!sections.ok) return sections;
  const get = (name: 'META' | 'PROJECTS' | 'VOTES'): Section =>
    sections.value.get(name) ?? emptySection();

  const meta: Record<string, string> = {};
  for (const row of get('META').rows) {
    const [key, ...rest] = row.cells;
    if (key !== undefined && key !== '') meta[key.toLowerCase()] = rest.join(';');
  }

  const voteType = (meta['vote_type'] ?? 'approval').toLowerCase();
  if (!VOTE_TYPES.has(voteType)) {
    return err({ code: 'unsupported', params: { kind: 'vote-type', voteType } });
  }
  const budgetMajor = parseAmount(meta['budget'] ?? '');
  if (!(budgetMajor >= 0)) {
    return err({ code: 'bad-number', params: { kind: 'budget', budget: meta['budget'] ?? '' } });
  }

  const projects = readProjects(get('PROJECTS'));
  if (!projects.ok) return projects;
  const { bids, bidIdOf, selected } = projects.value;

  const read = readVotes(get('VOTES'), voteType as VoteType, bidIdOf);
  if (!read.ok) return read;
  const method = methodFor(voteType as VoteType, meta, read.value.stats, bids.length);
  if (!method.ok) return method;

  const description = meta['description'] ?? '';
  const place = [meta['country'], meta['unit'], meta['instance']].filter(Boolean).join(' ');
  const name = (description || place || 'Pabulib instance').slice(0, 200);
  const eventId = options.eventId ?? (plainId(name.toLowerCase()) || 'pabulib');
  const date = isoDate(meta['date_begin'] ?? '');
  const currency = (meta['currency'] ?? '').toUpperCase();
  const rule: Rule = (meta['rule'] ?? '').toLowerCase().includes('equalshares')
    ? 'equal-shares'
    : 'greedy';
  const event: EventDefinition = {
    id: eventId,
    name,
    // XXX is ISO 4217's "no currency": a file without one is still countable.
    currency: /^[A-Z]{3}$/.test(currency) ? currency : 'XXX',
    locale: 'en-GB',
    ...(date ? { date } : {}),
    method: method.value,
    rule,
    categories: [],
    pots: [{ id: 'main', name: 'Budget', budget: toMinor(budgetMajor), eligible: { kind: 'all' } }],
    bids,
  };
  const checked = eventSchema.safeParse(event);
  if (!checked.success) {
    return err({
      code: 'invalid-event',
      params: {},
      cause: schemaProblem(checked.error.issues[0]),
    });
  }

  return ok({
    event,
    ...(selected ? { selected } : {}),
    meta,
    skipped: read.value.skipped,
    votes: read.value,
    method: method.value,
  });
}

/** The ballots of a file `readPabulib` read, as `parsePabulib` gives them. */
export function pabulibBallots({ event, votes, method }: PabulibRead): Ballot[] {
  const castHour = `${event.date ?? '2000-01-01'}T00:00Z`;
  const ids = ballotIds(votes);
  const choices = choicesOf(method, votes);
  // Keys in sorted order, as canonical JSON writes them: hashing each ballot for the tally's seed
  // then has no keys to sort.
  return choices.map((choice, i) => ({
    castHour,
    choice,
    eventId: event.id,
    id: ids[i] as string,
    stationId: 'pabulib',
  }));
}

/**
 * Each voter's ballot id, `pb-` and their id made plain. Voter ids are distinct, so when every
 * one is already plain (nearly always) so are the ballot ids, with no need to look for clashes.
 */
function ballotIds(votes: ReadVotes): string[] {
  const ids = voterIds(votes).map((id) => `pb-${id}`);
  if (votes.plainIds) return ids;
  const taken = new Set<string>();
  return ids.map((id) => uniqueId(plainId(id), taken));
}

/** Distinct voter ids can clean up to the same plain id; number the later ones. */
function uniqueId(id: string, taken: Set<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id.slice(0, 58)}-${n}`;
  taken.add(candidate);
  return candidate;
}

function readProjects(
  section: Section,
): Result<
  { bids: Bid[]; bidIdOf: Map<string, string>; selected: string[] | undefined },
  PabulibProblem
> {
  const col = cellReader(section);
  for (const name of ['project_id', 'cost']) {
    if (!col.has(name)) {
      const line = section.headerLine;
      return err({
        code: 'missing-column',
        line,
        params: { line, section: 'PROJECTS', column: name },
      });
    }
  }
  if (section.rows.length === 0 || section.rows.length > MAX_BIDS) {
    const line = section.headerLine;
    return err({
      code: 'unsupported',
      line,
      params: { line, kind: 'project-count', count: section.rows.length, max: MAX_BIDS },
    });
  }
  const bids: Bid[] = [];
  const bidIdOf = new Map<string, string>();
  const taken = new Set<string>();
  const selected = col.has('selected') ? ([] as string[]) : undefined;
  for (const row of section.rows) {
    const raw = col.get(row, 'project_id');
    const id = plainBidId(raw);
    if (bidIdOf.has(raw)) {
      return err({
        code: 'duplicate-project',
        line: row.line,
        params: { line: row.line, project: raw },
      });
    }
    if (id === '' || taken.has(id)) {
      return err({ code: 'bad-id', line: row.line, params: { line: row.line, project: raw } });
    }
    const costText = col.get(row, 'cost');
    const amount = toMinor(parseAmount(costText));
    if (!(amount >= 1)) {
      return err({
        code: 'bad-number',
        line: row.line,
        params: { line: row.line, kind: 'cost', cost: costText, project: raw },
      });
    }
    bidIdOf.set(raw, id);
    taken.add(id);
    const title = col.get(row, 'name') || `Project ${raw}`;
    bids.push({
      id,
      title: title.slice(0, 200),
      group: '',
      amount,
      summary: col.get(row, 'description').slice(0, 1000),
    });
    if (selected && Number(col.get(row, 'selected')) > 0) selected.push(id);
  }
  return ok({ bids, bidIdOf, selected });
}

/** "31.03.2024", "2024-03-31" or "2024" → "2024-03-31" / "2024-01-01"; undefined otherwise. */
function isoDate(text: string): string | undefined {
  const t = text.trim();
  const pad = (s: string) => s.padStart(2, '0');
  let y: string | undefined;
  let m = '01';
  let d = '01';
  const dotted = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t);
  if (dotted) [, d = '', m = '', y] = dotted;
  else if (iso) [, y, m = '', d = ''] = iso;
  else if (/^\d{4}$/.test(t)) y = t;
  if (y === undefined) return undefined;
  const date = `${y}-${pad(m)}-${pad(d)}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date
    ? undefined
    : date;
}
