/**
 * An in-process tally server for the organiser's component tests, built on the real core: the
 * central file is a real tally file (writeTallyFile), imports go through the real merge, and a
 * tampered file is really tampered. Only HTTP and the disk are left out.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import { expect } from 'vitest';
import type { UserEvent } from '@testing-library/user-event';
import { createElement } from 'react';
import OrganiserApp, { type OrganiserAppProps } from '../../src/app/organiser/OrganiserApp.tsx';
import { validateBallot } from '../../src/core/ballot.ts';
import type {
  ApiProblem,
  ApiResult,
  OrganiserApi,
  QuarantinedBallot,
  SessionResponse,
  StationStatus,
} from '../../src/app/organiser/api.ts';
import { err, ok } from '../../src/core/result.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { Ballot, EventDefinition, Rule } from '../../src/core/schema.ts';
import { tally } from '../../src/core/tally/index.ts';
import type { TallyResult } from '../../src/core/tally/types.ts';
import {
  contentSeed,
  mergeTallyFiles,
  readTallyFile,
  writeTallyFile,
  type TallyFileProblem,
} from '../../src/core/tally-file/index.ts';
import { seededRandom } from '../support/seeded-random.ts';

export const PASSWORD = 'correct horse battery staple';
/** The first account's name, as the tally server creates it at first start. */
export const ORGANISER_NAME = 'organiser';

/** What the server answers to a sign-in: who is signed in, and the page's CSRF token. */
export function fakeSession(
  csrfToken: string,
  account: SessionResponse['account'] = { id: 'a-1', name: ORGANISER_NAME, role: 'organiser' },
): SessionResponse {
  return {
    account,
    csrfToken,
    expiresAt: '2026-06-13T23:00:00Z',
    idleExpiresAt: '2026-06-13T12:30:00Z',
  };
}
export const JOIN_CODE = 'K7QF-M4';

/** Valid approval ballots: each voter picks 1–5 bids, some bids far more popular than others. */
export function approvalBallots(event: EventDefinition, count: number, seed = 1): Ballot[] {
  const random = seededRandom(seed);
  const ids = event.bids.map((b) => b.id);
  const ballots: Ballot[] = [];
  for (let i = 0; i < count; i++) {
    const chosen = new Set<string>();
    const size = 1 + Math.floor(random() * 5);
    while (chosen.size < size) {
      // Squaring skews the choice towards the first bids, so support is uneven like a real day.
      const pick = ids[Math.floor(random() ** 2 * ids.length)];
      if (pick !== undefined) chosen.add(pick);
    }
    const ballot: Ballot = {
      id: `b-${seed}-${i}`,
      eventId: event.id,
      stationId: `station-${i % 3}`,
      castHour: '2026-06-13T14:00Z',
      choice: { kind: 'approval', bids: [...chosen] },
    };
    const valid = validateBallot(event, ballot);
    if (!valid.ok) throw new Error(`Test ballot ${i} invalid: ${valid.error.code}`);
    ballots.push(valid.value);
  }
  return ballots;
}

function invalidFile(problem: TallyFileProblem): ApiProblem {
  const params = { problem: problem.code, ...problem.params };
  return {
    code: 'invalid-file',
    params: problem.line === undefined ? params : { ...params, line: problem.line },
    cause: { code: problem.code, params: { ...problem.params } },
    status: 422,
  };
}

export interface FakeServer {
  api: OrganiserApi;
  /** Replace the central file's text, e.g. with a tampered copy. */
  setFileText(text: string): void;
  fileText(): string;
  stations: StationStatus[];
  rejected: QuarantinedBallot[];
  /** Set to make every call fail as if the network were down. */
  unreachable: boolean;
  calls: string[];
}

export function fakeServer(event: EventDefinition, ballots: readonly Ballot[]): FakeServer {
  let text = writeTallyFile(event, ballots);
  const tokens = new Set<string>();
  const server: Omit<FakeServer, 'api'> = {
    setFileText: (t) => {
      text = t;
    },
    fileText: () => text,
    stations: [],
    rejected: [],
    unreachable: false,
    calls: [],
  };

  const guard = async <T>(name: string, token: string | null, run: () => ApiResult<T>) => {
    server.calls.push(name);
    await Promise.resolve(); // answers arrive later than the call, as over a network
    if (server.unreachable) return err({ code: 'unreachable' });
    if (token !== null && !tokens.has(token)) {
      return err({ code: 'unauthorized', status: 401 });
    }
    return run();
  };

  const api: OrganiserApi = {
    login: (name, password) =>
      guard('login', null, () => {
        if (name !== ORGANISER_NAME || password !== PASSWORD) {
          return err({ code: 'wrong-credentials', status: 401 });
        }
        const token = `token-${tokens.size + 1}`;
        tokens.add(token);
        return ok(fakeSession(token));
      }),
    events: (token) =>
      guard('events', token, () => {
        const read = readTallyFile(text);
        const count = read.ok ? read.value.ballots.length : 0;
        return ok([{ id: event.id, name: event.name, joinCode: JOIN_CODE, ballots: count }]);
      }),
    stations: (token) => guard('stations', token, () => ok(server.stations.map((s) => ({ ...s })))),
    tallyFile: (token) => guard('tally-file', token, () => ok(text)),
    rejected: (token) => guard('rejected', token, () => ok([...server.rejected])),
    importFile: (token, _eventId, upload) =>
      guard('import', token, () => {
        // The same shapes as the real server (src/server/http/organiser-routes.ts).
        const read = readTallyFile(upload);
        if (!read.ok) return err(invalidFile(read.error));
        if (read.value.event.id !== event.id) {
          return err({
            code: 'other-event-file',
            params: { event: read.value.event.id, eventName: read.value.event.name, sameEvent: 0 },
            status: 409,
          });
        }
        const before = readTallyFile(text);
        if (!before.ok) throw new Error('The fake server holds a bad file');
        const merged = mergeTallyFiles([text, upload]);
        if (!merged.ok) return err(invalidFile(merged.error));
        text = merged.value.text;
        const added = merged.value.ballots - before.value.ballots.length;
        return ok({ added, duplicates: read.value.ballots.length - added, rejected: [] });
      }),
  };
  return Object.assign(server, { api });
}

/**
 * The organiser app at `path` under /organiser (the real browser location hook, as on the
 * server), once its catalogue has loaded and the sign-in form is there.
 */
export async function renderOrganiser(
  props: OrganiserAppProps,
  path = '/organiser',
  heading = 'Sign in to organise',
) {
  window.history.replaceState(null, '', path);
  const view = render(createElement(OrganiserApp, props));
  // The screen has settled once its heading has taken focus (an effect, later under fake timers).
  // The first use of a language compiles its catalogues (once per test file): allow for it.
  const h1 = await screen.findByRole('heading', { level: 1, name: heading }, { timeout: 10_000 });
  await waitFor(() => expect(h1).toHaveFocus());
  return view;
}

/** Types the name and password and waits for the list of events, as an organiser would. */
export async function signInToEvents(user: UserEvent): Promise<void> {
  await user.type(screen.getByLabelText('Your name'), ORGANISER_NAME);
  await user.type(screen.getByLabelText('Password'), PASSWORD);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByRole('heading', { level: 1, name: 'Events' });
}

/** Opens one of the event's screens from its navigation and waits for its heading. */
export async function openScreen(user: UserEvent, link: string, heading = link): Promise<void> {
  const nav = screen.getByRole('navigation', { name: 'This event' });
  await user.click(within(nav).getByRole('link', { name: link }));
  await screen.findByRole('heading', { level: 1, name: heading });
}

/** Signs in and opens the event named `eventName`: its stations screen comes first. */
export async function signIn(user: UserEvent, eventName: string): Promise<void> {
  await signInToEvents(user);
  await user.click(screen.getByRole('link', { name: eventName }));
  await screen.findByRole('heading', { level: 1, name: 'Stations' });
  await screen.findByText(eventName);
}

/**
 * The demo event with a smaller community fund, so the two rules disagree on a polarised vote:
 * greedy gives the majority everything it can, equal shares keeps a share for the minority.
 */
export const TIGHT_EVENT: EventDefinition = {
  ...DEMO_EVENT,
  id: 'tight-day',
  name: 'Tight Budget Day',
  pots: DEMO_EVENT.pots.map((pot) => (pot.id === 'main' ? { ...pot, budget: 10_000_00 } : pot)),
};

/** `count` voters who all approve exactly `bids`. */
export function bloc(
  event: EventDefinition,
  prefix: string,
  count: number,
  bids: string[],
): Ballot[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    eventId: event.id,
    stationId: 'station-hall',
    castHour: '2026-06-13T15:00Z',
    choice: { kind: 'approval' as const, bids: [...bids].sort() },
  }));
}

/** What the CLI computes for these ballots: read the canonical file back, seed from its content. */
export function expectedTally(
  event: EventDefinition,
  ballots: readonly Ballot[],
  rule: Rule,
): TallyResult {
  const read = readTallyFile(writeTallyFile(event, ballots));
  if (!read.ok) throw new Error(read.error.code);
  const seed = contentSeed(read.value.eventHash, read.value.ballots);
  return tally(read.value.event, read.value.ballots, { rule, seed });
}

export const titlesOf = (event: EventDefinition, ids: readonly string[]): string[] =>
  ids.map((id) => event.bids.find((b) => b.id === id)?.title ?? `unknown ${id}`);
