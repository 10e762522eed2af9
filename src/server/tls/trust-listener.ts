/**
 * The plain-HTTP port of a hall laptop (LOCAL_TLS=on, HALL_HTTP_PORT): the one way in for a tablet
 * that does not trust the laptop's certificate authority yet. A tablet's browser refuses the HTTPS
 * address until the CA is installed, so the trust page cannot be on it; this port serves ONLY
 *
 * - the trust page (`/hall`: the app's page, which words the steps per kind of tablet in the
 *   reader's language) and the app files it needs (`/assets/…`, icons, the manifest);
 * - the CA certificate (`/hall/ca.crt`) and the facts the page shows (`/hall/about.json`);
 *
 * and answers everything else with a redirect to the same path on HTTPS, so no ballot, session or
 * sync request is ever served in the clear. `/` leads to the trust page. Nothing here is secret:
 * the CA certificate and its fingerprint are public, and the page checks the fingerprint with the
 * volunteer (the organiser's screen shows the same one).
 */
import { existsSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { HALL_TRUST_PATH } from '../../core/hall-api.ts';
import { publicHallRoutes, type HallState } from '../http/hall-routes.ts';
import { hideBuildFiles, securityHeaders } from '../http/security.ts';

export interface TrustListenerOptions {
  distDir: string;
  hall: HallState;
  /** The HTTPS port (known once the server listens). */
  httpsPort: () => number;
  /** An address to redirect to when the request's Host cannot be used. */
  fallbackHost: string;
}

/** A Host header's name, if it is a plain DNS name or IPv4 address (never a redirect elsewhere). */
export function hostName(header: string | undefined): string | null {
  const name = (header ?? '').replace(/:\d+$/, '').toLowerCase();
  if (isIPv4(name)) return name;
  return /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/.test(name) ? name : null;
}

/** App files the trust page needs: nothing that carries data. */
const PAGE_FILES = ['/assets/*', '/icons/*', '/manifest.webmanifest'];

export function trustApp({ distDir, hall, httpsPort, fallbackHost }: TrustListenerOptions): Hono {
  const app = new Hono();
  // No HSTS: this port is plain HTTP on purpose.
  app.use('*', securityHeaders({ tls: false }));
  publicHallRoutes(app, hall);
  app.get('/', (c) => c.redirect(HALL_TRUST_PATH, 302));
  const built = existsSync(distDir);
  if (built) {
    app.use('*', hideBuildFiles);
    app.get(HALL_TRUST_PATH, async (c, next) => {
      c.header('Cache-Control', 'no-cache');
      return serveStatic({ root: distDir, path: 'index.html' })(c, next);
    });
    const files = serveStatic({ root: distDir });
    for (const path of PAGE_FILES) app.get(path, files);
  } else {
    app.get(HALL_TRUST_PATH, (c) =>
      c.text(
        'The app has not been built yet. Run "npm run build" (npm start does it for you).',
        503,
      ),
    );
  }
  // Everything else: the same address on HTTPS. 308 keeps the method and body for a client that
  // follows it; a browser that does not trust the laptop yet stops at its warning page.
  app.all('*', (c) => {
    const url = new URL(c.req.url);
    const host = hostName(c.req.header('Host')) ?? fallbackHost;
    return c.redirect(`https://${host}:${httpsPort()}${url.pathname}${url.search}`, 308);
  });
  return app;
}
