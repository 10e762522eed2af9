/**
 * The whole HTTP surface on one port: the sync and organiser API under /api/v1, and the built app
 * (dist/) for everything else, with index.html as the fallback for the app's own routes.
 */
import { existsSync } from 'node:fs';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { API_PREFIX, PROTOCOL_VERSION, type HealthResponse } from '../../core/protocol.ts';
import { StorageError, type TallyStore } from '../store/tally-store.ts';
import { codeRoutes } from './code-routes.ts';
import { closingRoutes } from './closing-routes.ts';
import { carriedRoutes } from './carried-routes.ts';
import { ballotRoutes } from './ballot-routes.ts';
import { withdrawalRoutes } from './withdrawal-routes.ts';
import { hallRoutes, type HallState } from './hall-routes.ts';
import { eventRoutes } from './event-routes.ts';
import { organiserRoutes } from './organiser-routes.ts';
import { pictureRoutes } from './picture-routes.ts';
import { identify, type AppEnv } from './principal.ts';
import { authorize } from './roles.ts';
import type { AuditTrail } from '../store/audit-trail.ts';
import { auditOrganiserActions, auditRoutes } from './audit-routes.ts';
import type { RateLimit } from './rate-limit.ts';
import { openLimits, type Limits } from '../limits.ts';
import { fail, failure } from './respond.ts';
import type { OrganiserSessions } from './secrets.ts';
import { AccountBook } from '../accounts/account-book.ts';
import { accountRoutes } from './account-routes.ts';
import { stationRoutes } from './station-routes.ts';
import { registerRoutes } from './register-routes.ts';
import { hideBuildFiles, refuseCrossSite, securityHeaders } from './security.ts';
import type { RegisterStore } from '../store/register-store.ts';
import type { EqualitiesStore } from '../store/equalities-store.ts';
import { equalitiesRoutes } from './equalities-routes.ts';
import { inclusionRoutes } from './inclusion-routes.ts';
import type { PublicationStore } from '../store/publication-store.ts';
import { publicationRoutes } from './publication-routes.ts';

export interface AppDeps {
  store: TallyStore;
  sessions: OrganiserSessions;
  /**
   * The named accounts (accounts/account-book.ts). Absent: one account, `organiser` (id
   * `organiser`), with no password — for tests that run the app in-process and make their
   * sessions with `sessions.create()`; `organiserPassword` is then unused.
   */
  accounts?: AccountBook;
  organiserPassword?: string;
  /**
   * The request limit and the sign-in throttle (limits.ts: openLimits); absent: counted in this
   * process, the request limit from `rateLimit`.
   */
  limits?: Limits;
  rateLimit: RateLimit;
  now: () => Date;
  /**
   * Before each API request, catch up on what other server instances changed (storage.ts);
   * absent: nothing to catch up on (one process, or tests in-process).
   */
  refresh?: () => Promise<void>;
  /** The built app; when it is missing the API still works and pages say how to build it. */
  distDir: string;
  /** PBKDF2 rounds for a new event's voting codes; absent: core/voting-codes' default. */
  codeIterations?: number;
  /** The registration desks' registers, kept apart from the tally; absent: no desk routes. */
  registers?: RegisterStore;
  /** Equalities answers, kept apart from the tally; absent: no equalities routes. */
  equalities?: EqualitiesStore;
  /** The organisers' audit trail; absent: nothing is recorded (some tests). */
  audit?: AuditTrail;
  /** Published results (public, no login); absent: no publishing routes. */
  publications?: PublicationStore;
  /** Whether this server itself speaks TLS: only then is HSTS sent. */
  tls?: boolean;
  /** A hall on one laptop (hall-routes.ts); absent: plain HTTP, no hall CA. */
  hall?: HallState;
  log: (line: string) => void;
}

/** Paths and the methods they answer, for 405 replies that say what would work. */
const ROUTES: [path: string, methods: string][] = [
  ['/health', 'GET'],
  ['/stations/join', 'POST'],
  ['/ballots', 'POST'],
  ['/organiser/login', 'POST'],
  ['/organiser/session', 'GET'],
  ['/organiser/logout', 'POST'],
  ['/organiser/logout-everywhere', 'POST'],
  ['/accounts', 'GET'],
  ['/accounts/invites', 'POST'],
  ['/accounts/invites/:inviteId', 'DELETE'],
  ['/accounts/:accountId', 'PATCH'],
  ['/accounts/:accountId/reset', 'POST'],
  ['/invites/:token', 'GET'],
  ['/invites/accept', 'POST'],
  ['/events/:eventId/stations', 'GET'],
  ['/events/:eventId/stations/:stationId/revocation', 'POST'],
  ['/events/:eventId/tally-file', 'GET'],
  ['/events/:eventId/rejected', 'GET'],
  ['/events/:eventId/import', 'POST'],
  ['/stations/event', 'GET'],
  ['/events', 'GET, POST'],
  ['/event-packages', 'POST'],
  ['/events/:eventId', 'GET'],
  ['/events/:eventId/definition', 'PUT'],
  ['/events/:eventId/state', 'POST'],
  ['/events/:eventId/package', 'GET'],
  ['/events/:eventId/pictures', 'POST'],
  ['/events/:eventId/ballots', 'GET'],
  ['/events/:eventId/voids', 'POST'],
  ['/events/:eventId/withdrawals', 'POST'],
  ['/events/:eventId/codes', 'GET, POST'],
  ['/events/:eventId/codes/batches/:batchId', 'GET'],
  ['/events/:eventId/codes/void', 'POST'],
  ['/events/:eventId/codes/decisions', 'POST'],
  ['/stations/codes', 'GET'],
  ['/stations/closing', 'POST'],
  ['/stations/carried', 'POST'],
  ['/registrations', 'POST'],
  ['/equalities', 'POST'],
  ['/events/:eventId/equalities', 'GET'],
  ['/events/:eventId/equalities/import', 'POST'],
  ['/events/:eventId/inclusion', 'GET'],
  ['/events/:eventId/register', 'GET'],
  ['/events/:eventId/register/deletion', 'POST'],
  ['/events/:eventId/register/import', 'POST'],
  ['/events/:eventId/publication', 'GET, POST, DELETE'],
  ['/public/results/:eventId', 'GET'],
  ['/audit', 'GET'],
  ['/hall', 'GET'],
];

/** Files that must be revalidated on every load so an update reaches the tablets. */
const ALWAYS_REVALIDATE = /(?:^|\/)(?:index\.html|sw\.js|registerSW\.js|manifest\.webmanifest)$/;

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limits = deps.limits ?? openLimits({ pool: null, rateLimit: deps.rateLimit });

  app.onError((error, c) => {
    if (error instanceof StorageError) {
      deps.log(error.message);
      return fail(c, failure(503, 'storage-failed', error.message));
    }
    deps.log(`Unexpected error on ${c.req.method} ${c.req.path}: ${error.stack ?? String(error)}`);
    return fail(
      c,
      failure(
        500,
        'server-error',
        'Something went wrong on the server. Try again; if it persists, check the server log.',
      ),
    );
  });

  // Security headers on every answer, errors included; then no state-changing request from a page
  // on another site (security.ts).
  app.use('*', securityHeaders({ tls: deps.tls ?? false }));
  app.use('*', refuseCrossSite);

  app.use(`${API_PREFIX}/*`, async (c, next) => {
    await next();
    // API answers are live data: never cached by a browser or the service worker.
    c.header('Cache-Control', 'no-store');
  });

  if (deps.refresh !== undefined) {
    const refresh = deps.refresh;
    // Before identify(): a session begun, or an account changed, on another instance counts here.
    app.use(`${API_PREFIX}/*`, async (c, next) => {
      if (c.req.path !== `${API_PREFIX}/health`) await refresh();
      await next();
    });
  }

  app.get(`${API_PREFIX}/health`, (c) => {
    const response: HealthResponse = { ok: true, protocol: PROTOCOL_VERSION };
    return c.json(response);
  });

  const accounts =
    deps.accounts ??
    AccountBook.inMemory({
      accounts: [
        {
          id: 'organiser',
          name: 'organiser',
          role: 'organiser',
          createdAt: new Date(0).toISOString(),
          createdBy: 'server',
        },
      ],
      invites: [],
    });
  app.use(`${API_PREFIX}/*`, identify(deps.store, deps.sessions, limits.requests, accounts));
  // Who may call which route (roles.ts): one table, applied before any route runs.
  app.use(`${API_PREFIX}/*`, authorize(deps.store));
  if (deps.audit) {
    app.use(`${API_PREFIX}/*`, auditOrganiserActions(deps.audit, deps.now, deps.log));
    auditRoutes(app, deps.audit);
  }
  stationRoutes(app, deps.store, deps.now);
  closingRoutes(app, deps.store, deps.now);
  carriedRoutes(app, deps.store);
  codeRoutes(app, { store: deps.store, now: deps.now, iterations: deps.codeIterations });
  if (deps.registers) registerRoutes(app, deps.store, deps.registers, deps.now);
  if (deps.equalities) equalitiesRoutes(app, deps.store, deps.equalities);
  inclusionRoutes(app, deps.store, deps.equalities);
  if (deps.publications) publicationRoutes(app, deps.store, deps.publications, deps.now);
  accountRoutes(app, {
    accounts,
    sessions: deps.sessions,
    throttle: limits.signIn,
    now: deps.now,
    tls: deps.tls ?? false,
  });
  organiserRoutes(app, { store: deps.store });
  eventRoutes(app, deps.store);
  ballotRoutes(app, deps.store);
  withdrawalRoutes(app, deps.store);
  hallRoutes(app, deps.hall);

  for (const [path, methods] of ROUTES) {
    app.all(`${API_PREFIX}${path}`, (c) => {
      c.header('Allow', methods);
      return fail(
        c,
        failure(405, 'method-not-allowed', `${c.req.method} is not allowed here; use ${methods}.`),
      );
    });
  }
  app.all(`${API_PREFIX}/*`, (c) =>
    fail(
      c,
      failure(
        404,
        'not-found',
        `There is no API at ${c.req.path}. Check the address and the app version.`,
      ),
    ),
  );
  pictureRoutes(app, deps.store);
  app.all('/api/*', (c) =>
    fail(
      c,
      failure(404, 'not-found', `This server speaks ${API_PREFIX}. Update the app on this device.`),
    ),
  );

  serveApp(app, deps.distDir);
  return app;
}

/** The built app: its files, and index.html for the app's own routes. Also served while starting. */
export function serveApp<E extends object>(app: Hono<E>, distDir: string): void {
  if (!existsSync(distDir)) {
    app.get('*', (c) =>
      c.text(
        'The app has not been built yet. Run "npm run build" (npm start does it for you).',
        503,
      ),
    );
    return;
  }
  app.use('*', hideBuildFiles);
  // Set once the file is answered, on the answer itself: serveStatic's onFound runs after the
  // Response exists, and its headers reach the client only through the Node adapter's own
  // Response class, which a plain fetch handler (starting.ts's tests) does not use.
  app.use('*', async (c, next) => {
    await next();
    if (c.res.status !== 200 && c.res.status !== 304) return;
    const page = c.res.headers.get('Content-Type')?.startsWith('text/html') === true;
    if (page || ALWAYS_REVALIDATE.test(c.req.path)) c.header('Cache-Control', 'no-cache');
    else if (c.req.path.startsWith('/assets/'))
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root: distDir }));
  app.get('*', serveStatic({ root: distDir, path: 'index.html' }));
}
