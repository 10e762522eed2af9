/**
 * What the server answers while it is still opening the events' tally files at start-up (a few
 * seconds for 140,000 ballots, verified on a worker thread): `/health` at once, so stations and
 * monitors see the server is there; the built app's pages and files, which need no event, so a
 * browser opening the app meanwhile gets the app (which then waits on the API like any station);
 * and every other request `503` with `Retry-After`, which stations treat as "try again shortly" and
 * keep their ballots queued. The same security headers as the running server. main.ts listens with
 * this first and hands over to the app once everything is open.
 */
import { Hono } from 'hono';
import {
  API_PREFIX,
  PROTOCOL_VERSION,
  type ApiError,
  type HealthResponse,
} from '../core/protocol.ts';
import { serveApp } from './http/app.ts';
import { securityHeaders } from './http/security.ts';

/** Seconds a client is asked to wait before trying again. */
export const STARTING_RETRY_AFTER_S = 2;

export function startingApp({ distDir, tls }: { distDir: string; tls: boolean }): Hono {
  const app = new Hono();
  app.use('*', securityHeaders({ tls }));
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.on(['GET', 'HEAD'], `${API_PREFIX}/health`, (c) => {
    const health: HealthResponse = { ok: true, protocol: PROTOCOL_VERSION };
    return c.json(health);
  });
  // Everything under /api (the sync API, and pictures, which come from the events' store).
  app.all('/api/*', (c) => {
    const body: ApiError = {
      error: {
        code: 'server-error',
        message:
          'The tally server is starting: it is opening and checking the tally files. ' +
          `Try again in ${STARTING_RETRY_AFTER_S} seconds; nothing was changed.`,
        params: { starting: 1 },
      },
    };
    c.header('Retry-After', String(STARTING_RETRY_AFTER_S));
    return c.json(body, 503);
  });
  serveApp(app, distDir);
  return app;
}
