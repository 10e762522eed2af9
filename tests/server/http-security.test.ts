// Defence in depth (issue 11): every response carries the security headers — a Content-Security-
// Policy with no inline script, no framing by another origin (frame-ancestors 'self': the
// organiser's Preview frames the app's own page), no referrer, the camera for this origin only
// (the QR scanner), nosniff, HSTS only under TLS — and the build map is not served.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import type { TallyServer } from './support/tally-server.ts';
import { selfSignedCert } from './support/tls-cert.ts';
import { useTallyServers } from './support/use-tally-servers.ts';

const server = useTallyServers({ stopAfter: 'all' });
let s: TallyServer;

/** A stand-in for the built app: the files the server treats specially, and the build map. */
function fakeDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'dd-dist-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, '.vite'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/app-abc.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(dist, 'assets', 'app-abc.js'), 'console.log("app");');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(
    join(dist, '.vite', 'manifest.json'),
    '{"index.html":{"file":"assets/app-abc.js"}}',
  );
  return dist;
}

beforeAll(async () => {
  s = await server({ env: { DIST_DIR: fakeDist() } });
}, 30_000);

/** The policy's directives by name. */
function directives(csp: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '') out.set(name, values);
  }
  return out;
}

const PAGES: [label: string, path: string, init?: RequestInit][] = [
  ['the app', '/'],
  ['the organiser area', '/organiser'],
  ['a public results page', `/results/${DEMO_EVENT.id}`],
  ['a script', '/assets/app-abc.js'],
  ['the service worker', '/sw.js'],
  ['the health check', '/api/v1/health'],
  ['an API 404', '/api/v1/nothing-here'],
  ['a refused push', '/api/v1/ballots', { method: 'POST', body: '{}' }],
  ['a picture not found', `/api/pictures/${'0'.repeat(64)}.jpg`],
];

describe('security headers', () => {
  it.each(PAGES)('are on every response: %s', async (_label, path, init) => {
    const r = await fetch(`${s.url}${path}`, init);
    await r.arrayBuffer();
    const csp = directives(r.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    // Scripts only from this origin: no inline script, no eval; WebAssembly (the QR reader) compiles.
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const permissions = r.headers.get('permissions-policy') ?? '';
    expect(permissions).toMatch(/(?:^|, )camera=\(self\)(?:,|$)/);
    for (const off of ['microphone', 'geolocation', 'payment', 'usb'])
      expect(permissions).toMatch(new RegExp(`(?:^|, )${off}=\\(\\)(?:,|$)`));
    // Plain HTTP: a Strict-Transport-Security header here would mean nothing (or worse, on a LAN).
    expect(r.headers.get('strict-transport-security')).toBeNull();
  });

  it("lets the organiser's own page frame the voter preview, as the service worker serves it", async () => {
    // The preview page and the app's index.html (what the service worker caches and serves for
    // every page) carry the same policy.
    for (const path of ['/organiser/voter-preview', '/index.html']) {
      const r = await fetch(`${s.url}${path}`);
      expect(r.status).toBe(200);
      expect(directives(r.headers.get('content-security-policy')).get('frame-ancestors')).toEqual([
        "'self'",
      ]);
    }
  });

  it('does not serve the build map', async () => {
    for (const path of [
      '/.vite/manifest.json',
      '/.vite/',
      '/.vite',
      '/%2Evite/manifest.json',
      '/.vite/manifest.json?v=1',
      '/assets/../.vite/manifest.json',
    ]) {
      const r = await fetch(`${s.url}${path}`);
      const text = await r.text();
      expect(r.status, path).toBe(404);
      expect(text, path).not.toContain('assets/app-abc.js');
      expect(r.headers.get('content-security-policy'), path).not.toBeNull();
    }
    // The app itself is still served.
    expect((await fetch(`${s.url}/assets/app-abc.js`)).status).toBe(200);
  });
});

describe('under TLS', () => {
  it('adds Strict-Transport-Security', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-tls-'));
    const { cert, key } = selfSignedCert(dir);
    const tls = await server({ env: { TLS_CERT: cert, TLS_KEY: key } });
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      httpsRequest(`${tls.url}/api/v1/health`, { ca: readFileSync(cert) }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers));
      })
        .on('error', reject)
        .end();
    });
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    expect(headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
  });
});
