/**
 * Defence in depth for every response and every state-changing request (issue 11):
 *
 * - `securityHeaders`: hono's secureHeaders with this app's Content-Security-Policy (scripts only
 *   from this origin: no inline script, no eval), no framing by a page of any other origin, no
 *   referrer, the camera for the QR scanner only, nosniff, and HSTS only when this server itself
 *   speaks TLS.
 * - `refuseCrossSite`: hono's csrf check, answered in the API's own error shape: a request that
 *   changes something and comes from a page on another site is refused (403 cross-site-request).
 *   Together with the JSON content type the JSON endpoints require (respond.ts, 415), no page
 *   elsewhere can make a browser send a request this server acts on: anything else than a form's
 *   or text/plain's "simple" request needs a CORS preflight, which this server never grants.
 * - `hideBuildFiles`: the build's map of its files (/.vite/manifest.json) is not served.
 */
import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { fail, failure } from './respond.ts';

const SELF = "'self'";
const NONE = "'none'";

export function securityHeaders({ tls }: { tls: boolean }): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: [SELF],
      // 'wasm-unsafe-eval': compiling WebAssembly from this origin (the QR code reader where the
      // browser has no BarcodeDetector, src/app/shared/transfer/zxing-detector.ts); still no eval.
      scriptSrc: [SELF, "'wasm-unsafe-eval'"],
      // CSS files from the build; React sets `style` through the DOM, which the policy allows.
      styleSrc: [SELF],
      // Bid pictures come from this server, or from the station's own store as blob: URLs; QR
      // codes and shrunk pictures may be data: URLs.
      imgSrc: [SELF, 'data:', 'blob:'],
      fontSrc: [SELF],
      connectSrc: [SELF],
      // The count's Web Worker is a file; the picture shrinker and the spreadsheet reader start
      // theirs from blob: URLs.
      workerSrc: [SELF, 'blob:'],
      manifestSrc: [SELF],
      frameSrc: [SELF],
      objectSrc: [NONE],
      baseUri: [NONE],
      formAction: [SELF],
      // 'self', not 'none': the organiser's Preview shows the real voter screens in an iframe of
      // its own page (/organiser/voter-preview), and once the service worker controls the app it
      // serves that frame the one cached index.html, with the headers it was cached with, so the
      // policy cannot differ by page. No page of another origin may frame any of them.
      frameAncestors: [SELF],
    },
    xFrameOptions: 'SAMEORIGIN',
    referrerPolicy: 'no-referrer',
    // Two years, the figure browsers' preload lists ask for; only a TLS server may send it.
    strictTransportSecurity: tls ? 'max-age=63072000; includeSubDomains' : false,
    xContentTypeOptions: 'nosniff',
    permissionsPolicy: {
      // The QR scanner (voting codes, joining); the projector view; sharing an export file.
      camera: ['self'],
      fullscreen: ['self'],
      webShare: ['self'],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
      serial: [],
      hid: [],
      midi: [],
      displayCapture: [],
    },
  });
  return headers;
}

/** The host (and port) an Origin header names, or null if it names none (e.g. `null`). */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * The origin's host against the Host the request was sent to (or the one a reverse proxy says it
 * was): a tablet that loaded the app from this server's LAN address sends that address as both.
 * The scheme is left out so a proxy that ends TLS in front of this server changes nothing.
 */
const csrfCheck = csrf({
  secFetchSite: ['same-origin', 'none'],
  origin: (origin, c) => {
    const host = hostOf(origin);
    if (host === null) return false;
    const forwarded = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    return host === c.req.header('host') || (forwarded !== undefined && host === forwarded);
  },
});

export const refuseCrossSite: MiddlewareHandler = async (c, next) => {
  // Every browser names the page a request comes from (Origin on any POST, PUT or DELETE; and
  // Sec-Fetch-Site): a request with neither is from a program (the CLI, a script, a test), which
  // no page elsewhere can make act for someone. It still meets the content-type rule (415).
  if (c.req.header('origin') === undefined && c.req.header('sec-fetch-site') === undefined) {
    return next();
  }
  try {
    await csrfCheck(c, () => Promise.resolve());
  } catch (e) {
    if (!(e instanceof HTTPException) || e.status !== 403) throw e;
    return fail(
      c,
      failure(
        403,
        'cross-site-request',
        'This request came from a page on another site, so it is refused. Use the app served by this server.',
      ),
    );
  }
  await next();
};

/** The build's own files (the manifest of its chunks) are not part of the app. */
export const hideBuildFiles: MiddlewareHandler = async (c, next) => {
  if (/^\/\.vite(?:\/|$)/.test(c.req.path)) {
    return c.text('Not found', 404);
  }
  await next();
};
