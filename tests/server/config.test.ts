// The server starts with no settings at all, and a wrong setting stops it with a clear sentence.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/server/config.ts';

describe('server settings', () => {
  it('need nothing set', () => {
    const config = readConfig({});
    expect(config.ok && config.value).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      organiserPassword: null,
      tls: null,
    });
  });

  it('refuse a wrong value, naming it', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'eighty' }, /PORT must be a whole number/],
      [{ PORT: '70000' }, /PORT/],
      [{ TLS_CERT: 'cert.pem' }, /both TLS_CERT and TLS_KEY/],
      [{ ORGANISER_PASSWORD: 'short' }, /at least 12/],
      [{ RATE_LIMIT_BURST: '0' }, /RATE_LIMIT_BURST/],
    ];
    for (const [env, message] of cases) {
      const config = readConfig(env);
      expect(config.ok).toBe(false);
      if (!config.ok) expect(config.error).toMatch(message);
    }
  });

  it('take HTTPS only with both a certificate and a key', () => {
    const config = readConfig({ TLS_CERT: 'c.pem', TLS_KEY: 'k.pem', PORT: '0' });
    expect(config.ok && config.value.tls).toEqual({ certPath: 'c.pem', keyPath: 'k.pem' });
    expect(config.ok && config.value.port).toBe(0);
  });
});
