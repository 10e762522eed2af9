/**
 * The draft event an import makes: the good rows as bids, their categories, one pot holding every
 * bid, and defaults the organiser then edits (approval ballot, greedy rule). From a .pb file, its
 * META gives the name, budget, currency, language, ballot and rule. The draft always passes
 * `eventSchema`, or the import says why not.
 */
import { toMinor } from '../money.ts';
import { parseAmount } from '../pabulib/numbers.ts';
import { methodFor, type VoteType } from '../pabulib/votes.ts';
import { err, ok, type Result } from '../result.ts';
import {
  eventSchema,
  languageTagSchema,
  type BallotMethod,
  type Bid,
  type Category,
  type EventDefinition,
} from '../schema.ts';
import { slugOf, uniqueSlug } from './ids.ts';
import type { ImportOptions, ImportProblem, PreviewRow, Sheet } from './types.ts';

/** Event content, not interface text: the organiser renames it. Callers may pass their own. */
export const DEFAULT_POT_NAME = 'Main fund';
export const DEFAULT_EVENT_NAME = 'Imported bids';
/** A first ballot to edit: choose up to this many bids. */
const DEFAULT_MAX_CHOICES = 5;
const VOTE_TYPES = new Set<string>(['approval', 'choose-1', 'cumulative', 'scoring', 'ordinal']);

export interface DraftSettings {
  eventId?: string;
  eventName: string;
  potName: string;
  currency: string;
  locale: string;
  budget: number;
  meta?: Record<string, string>;
}

/** "bids_2026-final.csv" → "bids 2026-final". */
const stem = (fileName: string | undefined) =>
  fileName
    ?.replace(/^.*[\\/]/, '')
    .replace(/\.[^.]*$/, '')
    .replace(/_+/g, ' ')
    .trim() || undefined;

export function draftSettings(sheet: Sheet, options: ImportOptions): DraftSettings {
  const meta = sheet.meta;
  const metaCurrency = meta?.['currency']?.toUpperCase();
  const metaLanguage = meta?.['language'];
  const metaBudget = parseAmount(meta?.['budget'] ?? '');
  const place = [meta?.['unit'], meta?.['subunit'], meta?.['instance']].filter(Boolean).join(' ');
  const eventName =
    options.eventName ?? (meta?.['description'] || place || stem(sheet.fileName)) ?? '';
  return {
    ...(options.eventId === undefined ? {} : { eventId: options.eventId }),
    eventName: (eventName || DEFAULT_EVENT_NAME).slice(0, 200),
    potName: (options.potName ?? DEFAULT_POT_NAME).slice(0, 200) || DEFAULT_POT_NAME,
    currency:
      metaCurrency && /^[A-Z]{3}$/.test(metaCurrency) ? metaCurrency : (options.currency ?? 'GBP'),
    locale:
      options.locale ??
      (metaLanguage && languageTagSchema.safeParse(metaLanguage).success ? metaLanguage : 'en-GB'),
    budget: metaBudget >= 0 ? toMinor(metaBudget) : (options.budget ?? 0),
    ...(meta === undefined ? {} : { meta }),
  };
}

/** The ballot a .pb file describes (its META, not its votes), or a first approval ballot. */
function methodOf(settings: DraftSettings, bidCount: number): BallotMethod {
  const fallback: BallotMethod = {
    kind: 'approval',
    min: 1,
    max: Math.min(DEFAULT_MAX_CHOICES, bidCount),
  };
  const meta = settings.meta;
  const voteType = (meta?.['vote_type'] ?? '').toLowerCase();
  if (meta === undefined || !VOTE_TYPES.has(voteType)) return fallback;
  const method = methodFor(voteType as VoteType, meta, [], bidCount);
  if (!method.ok) return fallback;
  if (method.value.kind !== 'approval') return method.value;
  // With no votes to look at, the fewest choices comes from META alone (at least one).
  const declared = Math.max(1, Number.parseInt(meta['min_length'] ?? '1', 10) || 1);
  const max = method.value.max;
  return { ...method.value, min: max === null ? declared : Math.min(declared, max) };
}

export function buildDraft(
  rows: readonly PreviewRow[],
  settings: DraftSettings,
): Result<EventDefinition, ImportProblem> {
  const categoryIds = new Set<string>();
  const categoryOf = new Map<string, Category>();
  /** The id of the category with this name, made the first time a name is seen. */
  const categoryId = (name: string): string => {
    const key = name.toLocaleLowerCase('en');
    let known = categoryOf.get(key);
    if (known === undefined) {
      known = { id: uniqueSlug(slugOf(name, 'category'), categoryIds), name };
      categoryOf.set(key, known);
    }
    return known.id;
  };
  const bids: Bid[] = rows.map(({ bid }) => {
    const category = bid.category === '' ? undefined : categoryId(bid.category);
    const tags = bid.tags.map(categoryId).filter((id) => id !== category);
    return {
      id: bid.id,
      title: bid.title,
      group: bid.group,
      amount: bid.amount ?? 0,
      summary: bid.summary,
      ...(bid.description === '' ? {} : { details: bid.description }),
      ...(category === undefined ? {} : { category }),
      ...(tags.length === 0 ? {} : { tags }),
      ...(bid.easyRead === '' ? {} : { easyRead: bid.easyRead }),
      ...(bid.ward === '' ? {} : { ward: bid.ward }),
    };
  });
  const rule = (settings.meta?.['rule'] ?? '').toLowerCase().includes('equalshares')
    ? 'equal-shares'
    : 'greedy';
  const event: EventDefinition = {
    id: settings.eventId ?? slugOf(settings.eventName, 'event'),
    name: settings.eventName,
    currency: settings.currency,
    locale: settings.locale,
    method: methodOf(settings, bids.length),
    rule,
    categories: [...categoryOf.values()],
    pots: [
      { id: 'main', name: settings.potName, budget: settings.budget, eligible: { kind: 'all' } },
    ],
    bids,
  };
  const checked = eventSchema.safeParse(event);
  if (!checked.success) {
    const path = checked.error.issues[0]?.path.join('.') ?? '';
    return err({ code: 'draft-invalid', severity: 'error', params: { path } });
  }
  return ok(checked.data);
}
