/**
 * An event's lifecycle, shared by the tally server, the tally file and the screens:
 *
 *   draft  → open  → closed → final
 *
 * - draft: everything may change; stations may join to rehearse, and their ballots are kept apart
 *   (the rehearsal log) and never counted.
 * - open: the definition is frozen, its hash pinned by the tally file; ballots are counted.
 * - closed: voting has ended; stations learn it at their next contact and offer no new ballots, but
 *   ballots cast before still arrive and count.
 * - final: no more ballots are accepted; the count is sealed.
 *
 * Only these forward steps exist. A frozen (open) definition changes only by a new version the
 * organiser confirms, and never once a ballot has arrived. Pure: no zod, usable on every screen.
 */
export const EVENT_STATES = ['draft', 'open', 'closed', 'final'] as const;
export type EventState = (typeof EVENT_STATES)[number];

const NEXT: Readonly<Record<EventState, EventState | null>> = {
  draft: 'open',
  open: 'closed',
  closed: 'final',
  final: null,
};

export const isEventState = (value: unknown): value is EventState =>
  typeof value === 'string' && (EVENT_STATES as readonly string[]).includes(value);

/** The one state an event may move to next, or null once final. */
export const nextState = (state: EventState): EventState | null => NEXT[state];

export const canMoveTo = (from: EventState, to: EventState): boolean => NEXT[from] === to;

/** Ballots pushed or imported now go into the tally (in draft they go to the rehearsal log). */
export const countsBallots = (state: EventState): boolean => state === 'open' || state === 'closed';

/** A station may offer new ballots to voters (in draft, as a rehearsal). */
export const offersNewBallots = (state: EventState): boolean =>
  state === 'draft' || state === 'open';

/** The definition may be saved freely (open: only as a confirmed new version, before any ballot). */
export const isDraft = (state: EventState): boolean => state === 'draft';

/** One recorded change of state: when, by whom, and which version of the definition it froze. */
export interface StateChange {
  state: EventState;
  /** ISO time on the server. */
  at: string;
  /** Who did it: an organiser account's name ("organiser" for the shared password), or "server". */
  by: string;
  /** The definition's version number at the time. */
  version: number;
}
