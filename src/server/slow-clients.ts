/**
 * Slow clients (issue 11, fault 8): a connection that trickles its headers or its body ties up a
 * socket for as long as the server lets it. Node's own limits bound the headers and the whole
 * request; `dropStalledBodies` bounds how slowly a body may arrive.
 *
 * Sized for the largest legitimate request, a 50 MB station-file import from a laptop on a hall's
 * Wi-Fi: at 1 Mbit/s (poor, shared Wi-Fi) it takes about 7 minutes, inside the 15-minute
 * `requestTimeout`; at any pace above 1 KB/s over each 15 s it is never dropped as stalled, while a
 * connection that sends a byte a second is dropped within 30 s.
 */
import type { IncomingMessage, Server, ServerOptions } from 'node:http';

export interface BodyPace {
  /** How often the pace is checked. */
  windowMs: number;
  /** Fewer bytes than this a second over a window, while the server waits for them: dropped. */
  minBytesPerSecond: number;
}

/**
 * The limits, with every wait multiplied by `scale` (1 in production). The slow-client tests run a
 * server at a tenth of the time (SLOW_CLIENT_TIME_SCALE=0.1), so they prove the same limits, in
 * the same proportions, in a few seconds instead of half a minute. Bytes a second are a pace, not
 * a wait: never scaled. The kept-alive timeout is not a slow-client limit and is not scaled.
 */
export function slowClientLimits(scale = 1): { timeouts: ServerOptions; pace: BodyPace } {
  return {
    timeouts: {
      /** All the headers within 10 s of the first byte: they are a few hundred bytes. */
      headersTimeout: 10_000 * scale,
      /** The whole request, body included: a 50 MB import at 1 Mbit/s takes about 7 minutes. */
      requestTimeout: 15 * 60_000 * scale,
      /** An idle kept-alive connection is closed after 5 s (Node's default, stated). */
      keepAliveTimeout: 5_000,
      /** How often Node checks the two limits above (by default every 30 s, which lets them slip). */
      connectionsCheckingInterval: 1_000 * scale,
    },
    pace: { windowMs: 15_000 * scale, minBytesPerSecond: 1024 },
  };
}

/** SLOW_CLIENT_TIME_SCALE: unset in production (1); a test's server sets it from 0.01 to 1. */
export function timeScale(env: Record<string, string | undefined>): number {
  const raw = env['SLOW_CLIENT_TIME_SCALE']?.trim();
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!(scale >= 0.01 && scale <= 1)) {
    throw new Error(`SLOW_CLIENT_TIME_SCALE must be a number from 0.01 to 1, not "${raw}".`);
  }
  return scale;
}

const LIMITS = slowClientLimits(timeScale(process.env));

/** Node's http server options (also accepted by https.createServer). */
export const SERVER_TIMEOUTS = LIMITS.timeouts;

export const BODY_PACE: BodyPace = LIMITS.pace;

/** Whether a request announces a body (a length above 0, or chunks). */
const hasBody = (req: IncomingMessage) =>
  Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;

/**
 * Drops a connection whose request body arrives slower than `pace` while the server is waiting for
 * it. When the server is the slow one (its route has not read the body yet, so the buffer is full
 * and Node has stopped reading the socket), the client is not blamed.
 */
export function dropStalledBodies(server: Server, pace: BodyPace = BODY_PACE): void {
  const minPerWindow = (pace.minBytesPerSecond * pace.windowMs) / 1000;
  server.on('request', (req: IncomingMessage) => {
    if (req.complete || !hasBody(req)) return;
    const socket = req.socket;
    let last = socket.bytesRead;
    const timer = setInterval(() => {
      if (req.complete || socket.destroyed) {
        clearInterval(timer);
        return;
      }
      const read = socket.bytesRead;
      const waitingOnUs = req.readableLength >= req.readableHighWaterMark;
      if (!waitingOnUs && read - last < minPerWindow) {
        clearInterval(timer);
        socket.destroy();
        return;
      }
      last = read;
    }, pace.windowMs);
    timer.unref();
    req.once('close', () => clearInterval(timer));
  });
}
