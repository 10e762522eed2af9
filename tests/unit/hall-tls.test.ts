// The hall laptop's certificates (src/server/tls): what tablets (Apple's rules being the strictest)
// need of a server certificate, the CA kept across starts, and a new server certificate when the
// laptop's address changed or the old one nears its end.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dnsLabel, ensureHallTls, RENEW_DAYS, serverNames } from '../../src/server/tls/hall-tls.ts';
import { LEAF_DAYS } from '../../src/server/tls/local-ca.ts';
import { readConfig } from '../../src/server/config.ts';

const DAY = 24 * 3600 * 1000;
const NOW = new Date('2026-06-13T08:00:00Z');

function start(dir: string, addresses: string[], now = NOW) {
  return ensureHallTls({ dir, hostname: 'St-Marys-Hall', addresses, now });
}

describe('the hall laptop certificates', () => {
  it('make a CA and a server certificate that tablets accept', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'dd-hall-')), 'tls');
    const made = await start(dir, ['192.168.1.20', '10.0.0.7']);
    expect(made.made).toBe('new-ca');
    const ca = new X509Certificate(made.caCert);
    const leaf = new X509Certificate(made.cert);

    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain('CN=Decision Day hall laptop st-marys-hall 2026-06-13');
    expect(made.caName).toBe('Decision Day hall laptop st-marys-hall 2026-06-13');
    expect(made.caFingerprint).toBe(ca.fingerprint256);
    expect(made.caFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.subjectAltName?.split(', ').sort()).toEqual(
      [
        'DNS:localhost',
        'DNS:st-marys-hall',
        'DNS:st-marys-hall.local',
        'IP Address:10.0.0.7',
        'IP Address:127.0.0.1',
        'IP Address:192.168.1.20',
      ].sort(),
    );
    expect(leaf.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // extendedKeyUsage: serverAuth
    const days = (Date.parse(leaf.validTo) - Date.parse(leaf.validFrom)) / DAY;
    expect(days).toBeLessThanOrEqual(397);
    expect(days).toBeGreaterThan(300);
    expect(Date.parse(leaf.validFrom)).toBeLessThanOrEqual(NOW.getTime());
    // ECDSA P-256, signed with SHA-256 (the text form names the algorithm on the certificate).
    expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(ca.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(leaf.toLegacyObject().asn1Curve).toBe('prime256v1');

    // Keys readable by the owner only; the certificates by anyone.
    expect(statSync(join(dir, 'ca.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'server.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'ca.crt')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(dir, 'server.crt'), 'utf8')).toBe(made.cert);
  });

  it('reuse both on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-hall-'));
    const first = await start(dir, ['192.168.1.20']);
    const again = await start(dir, ['192.168.1.20'], new Date(NOW.getTime() + 3 * DAY));
    expect(again.made).toBe('reused');
    expect(again.caCert).toBe(first.caCert);
    expect(again.cert).toBe(first.cert);
    expect(again.key).toBe(first.key);
  });

  it('issue a new server certificate, by the same CA, when the address changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-hall-'));
    const first = await start(dir, ['192.168.1.20']);
    const moved = await start(dir, ['192.168.0.31']);
    expect(moved.made).toBe('new-server-cert');
    expect(moved.why).toBe('addresses changed');
    expect(moved.caCert).toBe(first.caCert);
    expect(moved.cert).not.toBe(first.cert);
    const leaf = new X509Certificate(moved.cert);
    expect(leaf.subjectAltName).toContain('IP Address:192.168.0.31');
    expect(leaf.subjectAltName).not.toContain('192.168.1.20');
    expect(leaf.checkIssued(new X509Certificate(first.caCert))).toBe(true);
  });

  it('issue a new server certificate when the old one nears its end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-hall-'));
    const first = await start(dir, ['192.168.1.20']);
    const kept = await start(
      dir,
      ['192.168.1.20'],
      new Date(NOW.getTime() + (LEAF_DAYS - RENEW_DAYS - 2) * DAY),
    );
    expect(kept.made).toBe('reused');
    const later = new Date(NOW.getTime() + (LEAF_DAYS - RENEW_DAYS + 2) * DAY);
    const renewed = await start(dir, ['192.168.1.20'], later);
    expect(renewed.made).toBe('new-server-cert');
    expect(renewed.why).toBe('near expiry');
    expect(renewed.caCert).toBe(first.caCert);
    expect(Date.parse(new X509Certificate(renewed.cert).validTo)).toBeGreaterThan(
      later.getTime() + 300 * DAY,
    );
  });

  it('name the machine only where its name is a DNS name', () => {
    expect(dnsLabel('Johns-MacBook-Air.local')).toBe('johns-macbook-air');
    expect(dnsLabel('My Laptop')).toBeNull();
    expect(serverNames('My Laptop', ['192.168.1.20']).dns).toEqual(['localhost']);
    expect(serverNames('hall', ['192.168.1.20', '192.168.1.20']).ips).toEqual([
      '192.168.1.20',
      '127.0.0.1',
    ]);
  });
});

describe('the LOCAL_TLS setting', () => {
  it('turns on the hall CA with a trust port beside PORT, and refuses a mix', () => {
    const on = readConfig({ LOCAL_TLS: 'on', PORT: '8080' });
    expect(on.ok && on.value.localTls).toEqual({ httpPort: 8081 });
    expect(on.ok && on.value.tls).toBeNull();
    const off = readConfig({});
    expect(off.ok && off.value.localTls).toBeNull();
    const cases: [Record<string, string>, RegExp][] = [
      [{ LOCAL_TLS: 'yes' }, /LOCAL_TLS must be "on" or "off"/],
      [{ LOCAL_TLS: 'on', TLS_CERT: 'c.pem', TLS_KEY: 'k.pem' }, /not both/],
      [{ LOCAL_TLS: 'on', PORT: '9000', HALL_HTTP_PORT: '9000' }, /HALL_HTTP_PORT must differ/],
    ];
    for (const [env, message] of cases) {
      const config = readConfig(env);
      expect(config.ok ? 'accepted' : config.error).toMatch(message);
    }
  });
});
