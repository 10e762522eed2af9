// The per-client token bucket, on a clock the test controls.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/server/http/rate-limit.ts';

describe('rate limiter', () => {
  it('allows a burst, then asks the client to wait, then refills with time', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ burst: 5, perSecond: 2 }, () => now);
    for (let i = 0; i < 5; i += 1) expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).toBe(1);
    now += 499;
    expect(limiter.take('a')).toBe(1);
    now += 2;
    expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).not.toBeNull();
    now += 10_000;
    // Refilled to the burst, never beyond it.
    for (let i = 0; i < 5; i += 1) expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).not.toBeNull();
  });

  it('keeps one bucket per client', () => {
    const limiter = new RateLimiter({ burst: 1, perSecond: 1 }, () => 0);
    expect(limiter.take('station:1')).toBeNull();
    expect(limiter.take('station:1')).not.toBeNull();
    expect(limiter.take('station:2')).toBeNull();
  });

  it('says how long to wait when the refill is slow', () => {
    const limiter = new RateLimiter({ burst: 1, perSecond: 0.25 }, () => 0);
    limiter.take('a');
    expect(limiter.take('a')).toBe(4);
  });
});
