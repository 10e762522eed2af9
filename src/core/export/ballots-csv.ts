/**
 * The ballots as an anonymised spreadsheet for independent analysis: one row per ballot, one
 * column per bid, no ballot id, no station and no time, rows shuffled with the injected random
 * source so file order cannot be matched to the order people voted in.
 *
 * A ballot with sections has one column per (section, bid in the section's scope), headed
 * `section-id:bid-id`, in the event's section order; an own-ward section also has a column
 * `section-id ward` with the ward the voter chose (a space cannot be in a bid id, so the two never
 * clash). In an own-ward section, a bid of another ward is left empty: it was not on offer.
 */
import { ballotSections, bidsInScope } from '../ballot-sections.ts';
import { assertNever } from '../result.ts';
import type { Ballot, Choice, EventDefinition, MethodChoice } from '../schema.ts';
import { toCsv, type Cell } from './csv.ts';

/**
 * What a ballot says about each bid: approval and knapsack 1 or 0, score the score (empty for no
 * opinion), ranking the place (1 = first, empty if unranked), cumulative the points.
 */
function cellsOf(choice: MethodChoice, bidIds: readonly string[]): Cell[] {
  switch (choice.kind) {
    case 'approval':
    case 'knapsack': {
      const chosen = new Set(choice.bids);
      return bidIds.map((id) => (chosen.has(id) ? 1 : 0));
    }
    case 'score': {
      const scores = new Map(choice.scores.map((s) => [s.bid, s.score]));
      return bidIds.map((id) => scores.get(id) ?? '');
    }
    case 'ranking':
      return bidIds.map((id) => {
        const place = choice.ranking.indexOf(id);
        return place < 0 ? '' : place + 1;
      });
    case 'cumulative': {
      const points = new Map(choice.points.map((p) => [p.bid, p.points]));
      return bidIds.map((id) => points.get(id) ?? 0);
    }
    default:
      return assertNever(choice);
  }
}

/** Fisher–Yates with an injected source, so tests (and audits) can fix the shuffle. */
function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** One block of columns: a section (or the whole ballot) over its bids. */
interface Block {
  section: string;
  ownWard: boolean;
  bidIds: string[];
  /** Each bid's ward, for an own-ward section. */
  wardOf: Map<string, string | undefined>;
}

function blocksOf(event: EventDefinition): Block[] {
  return ballotSections(event).map((section) => {
    const bids = bidsInScope(event, section.scope);
    return {
      section: section.id,
      ownWard: section.scope.kind === 'own-ward',
      bidIds: bids.map((b) => b.id),
      wardOf: new Map(bids.map((b) => [b.id, b.ward])),
    };
  });
}

function sectionCells(choice: Choice, blocks: readonly Block[]): Cell[] {
  if (choice.kind !== 'sections') {
    throw new Error(`ballotsCsv: a ${choice.kind} ballot for an event with sections.`);
  }
  return blocks.flatMap((block) => {
    const part = choice.parts.find((p) => p.section === block.section);
    if (part === undefined) {
      throw new Error(`ballotsCsv: a ballot without its "${block.section}" part.`);
    }
    const cells = cellsOf(part.choice, block.bidIds);
    if (!block.ownWard) return cells;
    const offered = block.bidIds.map((id) => block.wardOf.get(id) === part.ward);
    return [part.ward ?? '', ...cells.map((cell, i) => (offered[i] === true ? cell : ''))];
  });
}

export function ballotsCsv(
  event: EventDefinition,
  ballots: readonly Ballot[],
  random: () => number,
): string {
  if (event.sections === undefined) {
    const bidIds = event.bids.map((b) => b.id);
    const rows = ballots.map((b) => {
      if (b.choice.kind === 'sections') {
        throw new Error('ballotsCsv: a ballot with sections for an event of one part.');
      }
      return cellsOf(b.choice, bidIds);
    });
    return toCsv(bidIds, shuffle(rows, random));
  }
  const blocks = blocksOf(event);
  const header = blocks.flatMap((block) => [
    ...(block.ownWard ? [`${block.section} ward`] : []),
    ...block.bidIds.map((id) => `${block.section}:${id}`),
  ]);
  const rows = shuffle(
    ballots.map((b) => sectionCells(b.choice, blocks)),
    random,
  );
  return toCsv(header, rows);
}
