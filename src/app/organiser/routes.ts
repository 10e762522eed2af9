/**
 * The organiser area's addresses, under /organiser (wouter's base). One event's screens are
 * listed once, in the order of the event's navigation: a later screen (set-up, bids, pots and
 * rules, ballot, preview…) is one more entry here and one more file under screens/.
 */
import type { Capability } from '../../core/roles.ts';

export const ORGANISER_BASE = `${import.meta.env.BASE_URL}organiser`;

export const EVENT_SCREENS = [
  'setup',
  'bids',
  'pots',
  'ballot',
  'checkin',
  'preview',
  'stations',
  'ballots',
  'codes',
  'register',
  'equalities',
  'inclusion',
  'results',
  'publish',
  'exports',
  'import',
] as const;
export type EventScreen = (typeof EVENT_SCREENS)[number];

/** The catalogue key of each screen's name, in the event's navigation. */
export const EVENT_SCREEN_NAME_KEYS: Record<EventScreen, string> = {
  setup: 'editor.screen.setup',
  bids: 'editor.screen.bids',
  pots: 'editor.screen.pots',
  ballot: 'editor.screen.ballot',
  checkin: 'editor.screen.checkin',
  preview: 'editor.screen.preview',
  stations: 'organiser.nav.stations',
  ballots: 'organiser.nav.ballots',
  codes: 'organiser.nav.codes',
  register: 'organiser.nav.register',
  equalities: 'organiser.nav.equalities',
  inclusion: 'organiser.nav.inclusion',
  results: 'organiser.nav.results',
  publish: 'results.publish.nav',
  exports: 'organiser.nav.exports',
  import: 'organiser.nav.import',
};

/**
 * What each screen needs of the signed-in role (core/roles.ts, the table the server checks): a
 * role sees only the screens it may open, and a typed address of another says so.
 */
export const EVENT_SCREEN_CAPABILITY: Record<EventScreen, Capability> = {
  setup: 'events',
  bids: 'events',
  pots: 'events',
  ballot: 'events',
  checkin: 'events',
  preview: 'events',
  stations: 'stations',
  // The ballots list is where ballots are voided: a correction.
  ballots: 'corrections',
  codes: 'codes',
  register: 'registers',
  equalities: 'results',
  inclusion: 'results',
  results: 'results',
  publish: 'corrections',
  exports: 'tally',
  import: 'import',
};

/** Where an event opens: what the organiser needs first on the day. */
export const FIRST_EVENT_SCREEN: EventScreen = 'stations';

export const EVENTS_PATH = '/';

/** The organisers' audit trail: every organiser action on this server. */
export const ACTIVITY_PATH = '/activity';

/** Tablets in this hall: the laptop's addresses and its certificate (any signed-in account). */
export const HALL_PATH = '/hall';

/** Accounts and invites (organisers only). */
export const ACCOUNTS_PATH = '/accounts';

/** Where an invite link opens: `/organiser/invite#<token>` (the fragment never reaches a server). */
export const INVITE_PATH = '/invite';

/** Creating an event. */
export const NEW_EVENT_PATH = '/new';

export function eventPath(eventId: string, screen: EventScreen = FIRST_EVENT_SCREEN): string {
  return `/events/${encodeURIComponent(eventId)}/${screen}`;
}

export function isEventScreen(value: string | undefined): value is EventScreen {
  return (EVENT_SCREENS as readonly string[]).includes(value ?? '');
}
