/**
 * The answers while the server opens its events (src/server/starting.ts), in process: /health at
 * once, the app's pages and files (they need no event), 503 with Retry-After for the rest of the
 * API and for pictures — all with the running server's security headers.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startingApp } from '../../src/server/starting.ts';

describe('while starting', () => {
  let app: ReturnType<typeof startingApp>;
  beforeAll(() => {
    const dist = mkdtempSync(join(tmpdir(), 'dd-starting-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app shell</title>');
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'main-abc.js'), 'console.log(1)');
    app = startingApp({ distDir: dist, tls: false });
  });
  const get = (path: string, init?: RequestInit) =>
    app.fetch(new Request(`http://127.0.0.1${path}`, init));

  it('answers /health at once', async () => {
    const res = await get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, protocol: 1 });
  });

  it('asks everything else on the API to come back, with security headers', async () => {
    for (const [path, method] of [
      ['/api/v1/events', 'GET'],
      ['/api/v1/ballots', 'POST'],
      ['/api/pictures/' + 'a'.repeat(64) + '.webp', 'GET'],
    ] as const) {
      const res = await get(path, { method });
      expect(res.status, path).toBe(503);
      expect(res.headers.get('Retry-After')).toBe('2');
      expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('server-error');
    }
  });

  it('serves the app itself: its pages and files, with the same headers', async () => {
    const page = await get('/organiser/events');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toContain('text/html');
    expect(await page.text()).toContain('app shell');
    expect(page.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'self'");
    expect(page.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    const asset = await get('/assets/main-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('Cache-Control')).toContain('immutable');
  });
});
