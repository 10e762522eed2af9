/**
 * A hall on one laptop (docs/deploying.md, docs/events-api.md "Tablets in this hall"):
 *
 * - `GET /api/v1/hall` (any signed-in organiser): how tablets reach this laptop — its HTTPS
 *   addresses, the plain-HTTP trust page's address, the CA's fingerprint and name — or, without
 *   LOCAL_TLS, which kind of server this is, so the organiser's screen can say how to turn it on.
 * - `GET /hall/ca.crt` (public): the hall CA's certificate, for tablets to install. Public data:
 *   the key never leaves DATA_DIR/tls.
 * - `GET /hall/about.json` (public): the CA's fingerprint and name and the HTTPS port, for the
 *   trust page, which a tablet may open over plain HTTP before it trusts anything here.
 *
 * The same two public files are served by the plain-HTTP trust port (tls/trust-listener.ts).
 */
import type { Context, Hono } from 'hono';
import {
  HALL_ABOUT_PATH,
  HALL_CA_PATH,
  type HallAbout,
  type HallResponse,
} from '../../core/hall-api.ts';
import { API_PREFIX } from '../../core/protocol.ts';
import { fail, failure } from './respond.ts';

export interface HallState {
  /** What GET /api/v1/hall answers; asked on each request (the ports are known once listening). */
  info: () => HallResponse;
  /** The CA certificate (PEM); null without local TLS. */
  caCert: string | null;
  /** For the trust page; null without local TLS (or before the HTTPS port is known). */
  about: () => HallAbout | null;
}

const noLocalTls = () =>
  failure(
    404,
    'not-found',
    'This server does not run with its own certificate authority (LOCAL_TLS is not on).',
  );

export function caCertificate(c: Context, hall: HallState): Response {
  if (hall.caCert === null) return fail(c, noLocalTls());
  c.header('Content-Type', 'application/x-x509-ca-cert');
  c.header('Content-Disposition', 'attachment; filename="decision-day-hall.crt"');
  c.header('Cache-Control', 'no-cache');
  return c.body(hall.caCert);
}

export function hallAbout(c: Context, hall: HallState): Response {
  const about = hall.about();
  if (about === null) return fail(c, noLocalTls());
  c.header('Cache-Control', 'no-store');
  return c.json(about);
}

/** The public files; also served by the plain-HTTP trust port. */
export function publicHallRoutes<E extends object>(app: Hono<E>, hall: HallState): void {
  app.get(HALL_CA_PATH, (c) => caCertificate(c, hall));
  app.get(HALL_ABOUT_PATH, (c) => hallAbout(c, hall));
}

/** Absent `hall` (tests that run the app in-process): a server on plain HTTP, no hall CA. */
export function hallRoutes<E extends object>(app: Hono<E>, hall: HallState | undefined): void {
  const state: HallState = hall ?? {
    info: () => ({ tls: 'none', addresses: [], trustUrl: null, caFingerprint: null, caName: null }),
    caCert: null,
    about: () => null,
  };
  app.get(`${API_PREFIX}/hall`, (c) => c.json(state.info()));
  publicHallRoutes(app, state);
}
