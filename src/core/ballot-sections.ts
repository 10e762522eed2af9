/**
 * A ballot's parts. An event gives either one `method` (a ballot of one part over every bid) or
 * `sections`; everything downstream asks `ballotSections` and never branches on which was given.
 * How pots count sections: docs/ballot-sections.md.
 */
import { assertNever } from './result.ts';
import type { BallotMethod, BallotSection, Bid, EventDefinition, SectionScope } from './schema.ts';

/** The id of the one part of an event that gives `method` instead of sections. */
export const WHOLE_BALLOT = 'ballot';

export function ballotSections(event: EventDefinition): BallotSection[] {
  if (event.sections !== undefined) return event.sections;
  if (event.method === undefined) {
    // The schema refuses such an event; reaching here means it was never parsed.
    throw new Error(`Event "${event.id}" has neither a method nor sections.`);
  }
  return [{ id: WHOLE_BALLOT, title: event.name, scope: { kind: 'all' }, method: event.method }];
}

/** The ballot's method when it has one part over every bid, else undefined. */
export function singleMethod(event: EventDefinition): BallotMethod | undefined {
  return event.sections === undefined ? event.method : undefined;
}

/** A bid's categories: its main one, then its tags. */
export function bidCategories(bid: Bid): string[] {
  const tags = bid.tags ?? [];
  return bid.category === undefined
    ? tags
    : [bid.category, ...tags.filter((t) => t !== bid.category)];
}

/** Every ward some bid serves, in the order bids first name them. */
export function eventWards(event: EventDefinition): string[] {
  return [...new Set(event.bids.flatMap((b) => (b.ward === undefined ? [] : [b.ward])))];
}

/**
 * The bids a section is over, in event order. For `own-ward`, the bids of `ward` (none when the
 * voter has not said which ward); without a ward, every bid that has one.
 */
export function bidsInScope(event: EventDefinition, scope: SectionScope, ward?: string): Bid[] {
  switch (scope.kind) {
    case 'all':
      return event.bids;
    case 'categories': {
      const wanted = new Set(scope.categories);
      return event.bids.filter((b) => bidCategories(b).some((c) => wanted.has(c)));
    }
    case 'wards': {
      const wanted = new Set(scope.wards);
      return event.bids.filter((b) => b.ward !== undefined && wanted.has(b.ward));
    }
    case 'own-ward':
      return event.bids.filter(
        (b) => b.ward !== undefined && (ward === undefined || b.ward === ward),
      );
    case 'bids': {
      const wanted = new Set(scope.bids);
      return event.bids.filter((b) => wanted.has(b.id));
    }
    default:
      return assertNever(scope);
  }
}

/**
 * The event as one section sees it: that section's method over the bids in its scope. The voter's
 * screens and the ballot rules work on one part at a time through this view, so a ballot of one
 * part and each part of a longer ballot follow exactly the same rules.
 */
export function sectionEvent(
  event: EventDefinition,
  section: BallotSection,
  ward?: string,
): EventDefinition & { method: BallotMethod } {
  const part = { ...event, method: section.method, bids: bidsInScope(event, section.scope, ward) };
  delete part.sections;
  return part;
}
