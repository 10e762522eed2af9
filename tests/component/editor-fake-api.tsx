/**
 * An in-process events API for the editor's component tests, on the real core: every definition
 * is checked with checkEventDefinition as the server does, versions go up by one per change and a
 * stale one is refused with `edit-conflict`, the lifecycle moves only forward. Only HTTP, hashing
 * and the disk are left out. Plus a harness that renders one editor screen signed in.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { checkEventDefinition } from '../../src/core/event-check.ts';
import { canMoveTo, type EventState } from '../../src/core/event-lifecycle.ts';
import type { EventDetail } from '../../src/core/events-api.ts';
import { err, ok } from '../../src/core/result.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import type { OrganiserApi } from '../../src/app/organiser/api.ts';
import type {
  EditorApi,
  EditorProblem,
  EventListItem,
} from '../../src/app/organiser/editor-api.ts';
import { EditorApiProvider } from '../../src/app/organiser/editor/api-context.tsx';
import type { PreparedPicture } from '../../src/app/organiser/editor/picture.ts';
import { organiserQueryDefaults } from '../../src/app/organiser/session/queries.ts';
import { SessionProvider } from '../../src/app/organiser/session/session.tsx';
import { activateLanguage, ORGANISER_PARTS } from '../../src/app/i18n/catalogue.ts';
import type { Language } from '../../src/app/i18n/languages.ts';
import { CatalogueProvider } from '../../src/app/i18n/react.tsx';

interface Stored {
  definition: EventDefinition;
  version: number;
  state: EventState;
  ballots: number;
}

export interface FakeEditorServer {
  api: EditorApi;
  organiserApi: OrganiserApi;
  events: Map<string, Stored>;
  calls: string[];
  pictures: Blob[];
  /** Someone else saves this event now (its version goes up). */
  changeBehindTheScenes(eventId: string, change: (e: EventDefinition) => EventDefinition): void;
  /** Set to make every call fail as if the network dropped. */
  unreachable: boolean;
}

const fingerprint = (version: number) => `3F9A-12BC-${String(version).padStart(4, '0')}`;

export function fakeEditorServer(initial: EventDefinition[] = []): FakeEditorServer {
  const events = new Map<string, Stored>(
    initial.map((definition) => [
      definition.id,
      { definition, version: 1, state: 'draft', ballots: 0 } satisfies Stored,
    ]),
  );
  const calls: string[] = [];
  const pictures: Blob[] = [];
  let pictureCount = 0;

  const detail = (s: Stored): EventDetail => ({
    id: s.definition.id,
    definition: s.definition,
    eventHash: 'a'.repeat(64),
    fingerprint: fingerprint(s.version),
    version: s.version,
    state: s.state,
    joinCode: 'K7QF-M4',
    ballots: s.ballots,
    rejected: 0,
    rehearsalBallots: 0,
    problems: checkEventDefinition(s.definition).problems.map((p) => ({
      code: p.code,
      level: p.level,
      params: { ...p.params },
    })),
    history: [],
    definitionLocked:
      s.state === 'draft'
        ? null
        : s.state === 'open'
          ? s.ballots > 0
            ? 'has-ballots'
            : 'needs-new-version'
          : s.state,
  });

  const server: Omit<FakeEditorServer, 'api' | 'organiserApi'> = {
    events,
    calls,
    pictures,
    unreachable: false,
    changeBehindTheScenes(eventId, change) {
      const s = events.get(eventId);
      if (s === undefined) throw new Error(`no event ${eventId}`);
      s.definition = change(s.definition);
      s.version += 1;
    },
  };

  const refuse = (code: string, status: number, extra: Partial<EditorProblem> = {}) =>
    err<EditorProblem>({ code, status, message: code, ...extra });

  async function guard<T>(name: string, run: () => T): Promise<T | ReturnType<typeof refuse>> {
    calls.push(name);
    await Promise.resolve();
    if (server.unreachable) return err<EditorProblem>({ code: 'unreachable' });
    return run();
  }

  const checked = (input: unknown) => {
    const check = checkEventDefinition(input);
    if (check.definition === null) {
      return refuse('invalid-event', 422, {
        params: { count: check.problems.length },
        problems: check.problems.map((p) => ({
          code: p.code,
          level: p.level,
          params: { ...p.params },
        })),
      });
    }
    return ok(check.definition);
  };

  const api: EditorApi = {
    listEvents: (_token) =>
      guard('list', () =>
        ok(
          [...events.values()].map((s): EventListItem => ({
            id: s.definition.id,
            name: s.definition.name,
            joinCode: 'K7QF-M4',
            ballots: s.ballots,
            state: s.state,
            version: s.version,
            eventHash: 'a'.repeat(64),
          })),
        ),
      ),
    createEvent: (_token, request) =>
      guard('create', () => {
        let definition: EventDefinition;
        if (request.from === 'blank') {
          definition = {
            id: request.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
            name: request.name,
            currency: 'GBP',
            locale: 'en-GB',
            method: { kind: 'approval', min: 1, max: null },
            rule: 'greedy',
            categories: [],
            pots: [{ id: 'main', name: 'Main pot', budget: 0, eligible: { kind: 'all' } }],
            bids: [{ id: 'bid-1', title: 'Bid 1', group: '', amount: 1, summary: '' }],
          };
        } else if (request.from === 'copy') {
          const source = events.get(request.eventId);
          if (source === undefined) return refuse('not-found', 404);
          const name = request.name ?? source.definition.name;
          definition = { ...source.definition, id: `${source.definition.id}-copy`, name };
        } else {
          const c = checked(request.definition);
          if (!c.ok) return c;
          definition = c.value;
        }
        if (events.has(definition.id)) return refuse('event-exists', 409);
        const stored: Stored = { definition, version: 1, state: 'draft', ballots: 0 };
        events.set(definition.id, stored);
        return ok(detail(stored));
      }),
    getEvent: (_token, eventId) =>
      guard('get', () => {
        const s = events.get(eventId);
        return s === undefined ? refuse('not-found', 404) : ok(detail(s));
      }),
    saveDefinition: (_token, eventId, request) =>
      guard('save', () => {
        const s = events.get(eventId);
        if (s === undefined) return refuse('not-found', 404);
        if (request.version !== s.version) return refuse('edit-conflict', 409);
        const lock = detail(s).definitionLocked;
        if (
          lock !== null &&
          !(lock === 'needs-new-version' && request.confirmNewVersion === true)
        ) {
          return refuse('event-frozen', 409);
        }
        const c = checked(request.definition);
        if (!c.ok) return c;
        s.definition = c.value;
        s.version += 1;
        return ok(detail(s));
      }),
    changeState: (_token, eventId, request) =>
      guard('state', () => {
        const s = events.get(eventId);
        if (s === undefined) return refuse('not-found', 404);
        if (request.version !== s.version) return refuse('edit-conflict', 409);
        if (!canMoveTo(s.state, request.to)) return refuse('bad-transition', 409);
        const warnings = detail(s).problems;
        if (request.to === 'open' && warnings.length > 0) {
          return refuse('event-has-problems', 409, { problems: warnings });
        }
        s.state = request.to;
        return ok(detail(s));
      }),
    uploadPicture: (_token, _eventId, picture) =>
      guard('picture', () => {
        pictures.push(picture.blob);
        pictureCount += 1;
        const sha256 = pictureCount.toString(16).padStart(64, '0');
        return ok({
          path: `api/pictures/${sha256}.jpg`,
          sha256,
          type: 'image/jpeg' as const,
          bytes: picture.blob.size,
          width: 1200,
          height: 900,
        });
      }),
    eventPackage: (_token, eventId) =>
      guard('package', () => ok({ fileName: `${eventId}.ddevent`, blob: new Blob(['{}']) })),
  };

  const answer = <T,>(value: T) => Promise.resolve(ok(value));
  const organiserApi: OrganiserApi = {
    login: (name) =>
      answer({
        account: { id: 'a-1', name, role: 'organiser' as const },
        csrfToken: 'token-1',
        expiresAt: '2026-06-13T23:00:00Z',
        idleExpiresAt: '2026-06-13T12:30:00Z',
      }),
    events: () =>
      answer(
        [...events.values()].map((s) => ({
          id: s.definition.id,
          name: s.definition.name,
          joinCode: 'K7QF-M4',
          ballots: s.ballots,
        })),
      ),
    stations: () => answer([]),
    tallyFile: () => answer(''),
    importFile: () => answer({ added: 0, duplicates: 0, rejected: [] }),
    rejected: () => answer([]),
  };

  return Object.assign(server, { api, organiserApi });
}

/** A picture preparer for jsdom (no canvas): returns the file's bytes as they are. */
export const passThroughPicture = (file: File): Promise<PreparedPicture> =>
  Promise.resolve(
    file.type.startsWith('image/')
      ? { ok: true, upload: { blob: file, type: 'image/jpeg' }, width: 800, height: 600 }
      : { ok: false, problem: 'not-an-image' },
  );

export interface EditorHarness {
  /** Where the screen sent the organiser, e.g. after creating an event. */
  location: () => string;
  saved: { fileName: string; text: string }[];
}

/** Renders `screen` at `path`, signed in, with the editor catalogue loaded in `language`. */
export async function renderEditor(
  server: FakeEditorServer,
  path: string,
  routes: { path: string; render: (params: Record<string, string>) => ReactNode }[],
  language: Language = 'en-GB',
): Promise<EditorHarness> {
  await activateLanguage(language, ORGANISER_PARTS);
  const memory = memoryLocation({ path, record: true });
  const client = organiserQueryDefaults(new QueryClient());
  const saved: EditorHarness['saved'] = [];
  render(
    <CatalogueProvider>
      <QueryClientProvider client={client}>
        <EditorApiProvider api={server.api} preparePicture={passThroughPicture}>
          <SessionProvider
            session={{
              api: server.organiserApi,
              account: { id: 'a-1', name: 'organiser', role: 'organiser' },
              token: 'token-1',
              saveFile: (fileName, text) => saved.push({ fileName, text }),
              signOut: () => undefined,
              expire: () => undefined,
            }}
          >
            <Router hook={memory.hook}>
              {routes.map((r) => (
                <Route key={r.path} path={r.path}>
                  {(params) => r.render(params as Record<string, string>)}
                </Route>
              ))}
            </Router>
          </SessionProvider>
        </EditorApiProvider>
      </QueryClientProvider>
    </CatalogueProvider>,
  );
  return { location: () => memory.history?.at(-1) ?? path, saved };
}
