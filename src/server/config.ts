/**
 * Settings from the environment, all optional so a volunteer can start the server with no
 * configuration. A bad value stops the start with a sentence saying which and why.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { err, ok, type Result } from '../core/result.ts';
import { PASSWORD_MIN } from '../core/accounts-api.ts';
import type { RateLimit } from './http/rate-limit.ts';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  distDir: string;
  /**
   * From ORGANISER_PASSWORD: the password of the account named "organiser" (first-run.ts); when
   * absent, the first start generates one and prints it once.
   */
  organiserPassword: string | null;
  /** How long a session lasts unused, and at most (SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS). */
  sessions: { idleMs: number; absoluteMs: number };
  tls: { certPath: string; keyPath: string } | null;
  /**
   * LOCAL_TLS=on: HTTPS with the laptop's own certificate authority, made on first start under
   * DATA_DIR/tls (tls/hall-tls.ts), and a plain-HTTP port (HALL_HTTP_PORT, default PORT + 1) that
   * serves only the trust page and the CA certificate (tls/trust-listener.ts).
   */
  localTls: { httpPort: number } | null;
  rateLimit: RateLimit;
  /**
   * DATABASE_URL (postgres://…): keep everything in PostgreSQL (issue 12, docs/storage.md);
   * absent, the tally files under DATA_DIR.
   */
  databaseUrl: string | null;
}

type Env = Record<string, string | undefined>;

function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
): Result<number, string> {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return ok(fallback);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    return err(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
  }
  return ok(value);
}

export function readConfig(env: Env): Result<ServerConfig, string> {
  const port = integer(env, 'PORT', 8080, 0, 65535);
  if (!port.ok) return port;
  const burst = integer(env, 'RATE_LIMIT_BURST', 60, 1, 1_000_000);
  if (!burst.ok) return burst;
  const perSecond = integer(env, 'RATE_LIMIT_PER_SECOND', 20, 1, 1_000_000);
  if (!perSecond.ok) return perSecond;
  const cert = env['TLS_CERT']?.trim() || null;
  const key = env['TLS_KEY']?.trim() || null;
  if ((cert === null) !== (key === null)) {
    return err(
      'Set both TLS_CERT and TLS_KEY (paths to PEM files) for HTTPS, or neither for HTTP.',
    );
  }
  const local = env['LOCAL_TLS']?.trim().toLowerCase() ?? '';
  if (!['', 'on', 'off'].includes(local)) {
    return err(`LOCAL_TLS must be "on" or "off", not "${env['LOCAL_TLS']}".`);
  }
  if (local === 'on' && cert !== null) {
    return err('Use LOCAL_TLS=on or TLS_CERT and TLS_KEY, not both.');
  }
  const httpPort = integer(
    env,
    'HALL_HTTP_PORT',
    port.value === 0 ? 0 : (port.value + 1) % 65536,
    0,
    65535,
  );
  if (!httpPort.ok) return httpPort;
  if (local === 'on' && httpPort.value !== 0 && httpPort.value === port.value) {
    return err('HALL_HTTP_PORT must differ from PORT: the trust page has a port of its own.');
  }
  const password = env['ORGANISER_PASSWORD'];
  if (password !== undefined && password !== '' && [...password].length < PASSWORD_MIN) {
    return err(`ORGANISER_PASSWORD must be at least ${PASSWORD_MIN} characters long.`);
  }
  const databaseUrl = env['DATABASE_URL']?.trim() || null;
  if (databaseUrl !== null && !/^postgres(?:ql)?:\/\//.test(databaseUrl)) {
    return err(
      'DATABASE_URL must be a PostgreSQL URL: postgres://user:password@host:5432/database',
    );
  }
  const idle = integer(env, 'SESSION_IDLE_SECONDS', 30 * 60, 1, 7 * 24 * 3600);
  if (!idle.ok) return idle;
  const max = integer(env, 'SESSION_MAX_SECONDS', 12 * 3600, 1, 30 * 24 * 3600);
  if (!max.ok) return max;
  return ok({
    port: port.value,
    host: env['HOST']?.trim() || '0.0.0.0',
    dataDir: resolve(env['DATA_DIR']?.trim() || 'data'),
    distDir: resolve(
      env['DIST_DIR']?.trim() || fileURLToPath(new URL('../../dist', import.meta.url)),
    ),
    organiserPassword: password === undefined || password === '' ? null : password,
    tls: cert !== null && key !== null ? { certPath: cert, keyPath: key } : null,
    localTls: local === 'on' ? { httpPort: httpPort.value } : null,
    rateLimit: { burst: burst.value, perSecond: perSecond.value },
    sessions: { idleMs: idle.value * 1000, absoluteMs: max.value * 1000 },
    databaseUrl,
  });
}
