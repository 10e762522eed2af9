// A hall on one laptop (LOCAL_TLS=on, docs/deploying.md), on the real built server: HTTPS that a
// client trusting ONLY the laptop's own CA accepts and any other client refuses; the CA and the
// trust page on the plain-HTTP port, which sends everything else to HTTPS; the same CA on the next
// start; and the organiser's addresses route behind a login.
import { X509Certificate } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startServer,
  TEST_PASSWORD,
  tempDataDir,
  type TallyServer,
} from './support/tally-server.ts';
import { send, signIn } from './support/accounts.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request trusting only `ca` (or nothing but Node's own roots when absent). */
function overHttps(
  url: string,
  init: { ca?: string; method?: string; body?: unknown; cookie?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.cookie !== undefined) headers['Cookie'] = `dd_session=${init.cookie}`;
    const req = httpsRequest(
      url,
      { method: init.method ?? 'GET', headers, ...(init.ca === undefined ? {} : { ca: init.ca }) },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A stand-in for the built app: the trust page is the app's index.html and its files. */
function fakeDist(dataDir: string): string {
  const dist = join(dataDir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Decision Day</title>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dist, 'sw.js'), '// the service worker');
  return dist;
}

const running: TallyServer[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

async function hallServer(dataDir = tempDataDir()) {
  const server = await startServer({
    dataDir,
    env: { LOCAL_TLS: 'on', HALL_HTTP_PORT: '0', DIST_DIR: fakeDist(dataDir) },
  });
  running.push(server);
  // The block for tablets is printed just after the "listening on" line the harness waits for.
  for (let i = 0; i < 100 && !server.output().includes('fingerprint'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const trust = /open (http:\/\/127\.0\.0\.1:\d+)\/hall and trust/.exec(server.output())?.[1];
  const fingerprint = /fingerprint \(SHA-256\): ([0-9A-F:]+)/.exec(server.output())?.[1];
  expect(trust).toBeDefined();
  expect(fingerprint).toBeDefined();
  return { server, trust: trust ?? '', fingerprint: fingerprint ?? '' };
}

describe('a hall laptop (LOCAL_TLS=on)', () => {
  it('serves HTTPS that only a client trusting its CA accepts, and the CA over plain HTTP', async () => {
    const { server, trust, fingerprint } = await hallServer();
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const ca = await fetch(`${trust}/hall/ca.crt`);
    expect(ca.status).toBe(200);
    expect(ca.headers.get('content-type')).toBe('application/x-x509-ca-cert');
    const caPem = await ca.text();
    const caCert = new X509Certificate(caPem);
    expect(caCert.ca).toBe(true);
    expect(caCert.fingerprint256).toBe(fingerprint);

    const trusted = await overHttps(`${server.url}/api/v1/health`, { ca: caPem });
    expect(trusted.status).toBe(200);
    expect(JSON.parse(trusted.body)).toMatchObject({ ok: true });
    await expect(overHttps(`${server.url}/api/v1/health`)).rejects.toThrow(
      /self[- ]signed|unable to (?:verify|get)|certificate/i,
    );

    const about = await fetch(`${trust}/hall/about.json`);
    expect(await about.json()).toEqual({
      caFingerprint: fingerprint,
      caName: caCert.subject.match(/CN=([^\n]*)/)?.[1],
      httpsPort: Number(new URL(server.url).port),
    });
  });

  it('serves only the trust page on plain HTTP and sends everything else to HTTPS', async () => {
    const { server, trust } = await hallServer();
    const page = await fetch(`${trust}/hall`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Decision Day</title>');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    expect((await fetch(`${trust}/assets/app.js`)).status).toBe(200);

    const root = await fetch(`${trust}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/hall');
    for (const path of ['/api/v1/health', '/organiser', '/sw.js', '/api/v1/stations/join?x=1']) {
      const moved = await fetch(`${trust}${path}`, { redirect: 'manual' });
      expect(moved.status, path).toBe(308);
      expect(moved.headers.get('location'), path).toBe(`${server.url}${path}`);
    }
    const ballots = await fetch(`${trust}/api/v1/ballots`, {
      method: 'POST',
      body: '{}',
      redirect: 'manual',
    });
    expect(ballots.status).toBe(308);
    // A forged Host never redirects elsewhere.
    const forged = await fetch(`${trust}/x`, {
      redirect: 'manual',
      headers: { Host: 'evil.example/@' },
    });
    expect(forged.headers.get('location')).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/x$/);
  });

  it('keeps the same CA on the next start', async () => {
    const dataDir = tempDataDir();
    const first = await hallServer(dataDir);
    expect(first.server.output()).toContain('Made a certificate authority for this laptop');
    await first.server.stop();
    running.splice(0);
    const second = await hallServer(dataDir);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.server.output()).not.toContain('Made a certificate authority');
  });

  it('tells a signed-in organiser, and nobody else, the addresses and the fingerprint', async () => {
    const { server, trust, fingerprint } = await hallServer();
    const ca = await (await fetch(`${trust}/hall/ca.crt`)).text();
    const anonymous = await overHttps(`${server.url}/api/v1/hall`, { ca });
    expect(anonymous.status).toBe(401);

    const login = await overHttps(`${server.url}/api/v1/organiser/login`, {
      ca,
      method: 'POST',
      body: { name: 'organiser', password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    const setCookie = [login.headers['set-cookie'] ?? []].flat().join('\n');
    const cookie = /dd_session=([^;]+)/.exec(setCookie)?.[1];
    expect(cookie).toBeDefined();

    const hall = await overHttps(`${server.url}/api/v1/hall`, { ca, cookie: cookie ?? '' });
    expect(hall.status).toBe(200);
    const body = JSON.parse(hall.body) as Record<string, unknown>;
    expect(body).toEqual({
      tls: 'local',
      addresses: [`${server.url}/`],
      trustUrl: `${trust}/hall`,
      caFingerprint: fingerprint,
      caName: body['caName'],
    });
    expect(body['caName']).toMatch(/^Decision Day hall laptop /);
  });

  it('says so on a server without it', async () => {
    const server = await startServer();
    running.push(server);
    const ca = await fetch(`${server.url}/hall/ca.crt`);
    expect(ca.status).toBe(404);
    const { cookie } = await signIn(server);
    const hall = await send(server, '/hall', { cookie });
    expect(hall.body).toEqual({
      tls: 'none',
      addresses: [],
      trustUrl: null,
      caFingerprint: null,
      caName: null,
    });
  });
});
