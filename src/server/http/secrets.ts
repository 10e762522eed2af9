/**
 * Secrets the server hands out or checks: station tokens and organiser sessions are random
 * 256-bit strings stored only as SHA-256 hashes (a copied data folder cannot impersonate a
 * station), and the organiser password is compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const newSecret = (): string => randomBytes(32).toString('base64url');

export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** Random and never time-ordered, so a station id says nothing about when it joined. */
export const newStationId = (): string => `st-${randomBytes(8).toString('hex')}`;

/** Hashing both sides first makes the comparison constant-time whatever the lengths. */
export function samePassword(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Organiser log-ins live in memory: a restart asks the organiser to log in again, nothing more. */
export class OrganiserSessions {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  create(): { token: string; expiresAt: string } {
    const token = newSecret();
    const expires = this.now().getTime() + this.ttlMs;
    this.prune();
    this.expiries.set(hashSecret(token), expires);
    return { token, expiresAt: new Date(expires).toISOString() };
  }

  isValid(tokenHash: string): boolean {
    const expires = this.expiries.get(tokenHash);
    return expires !== undefined && expires > this.now().getTime();
  }

  private prune(): void {
    const now = this.now().getTime();
    for (const [hash, expires] of this.expiries) if (expires <= now) this.expiries.delete(hash);
  }
}
