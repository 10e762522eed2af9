/**
 * Secrets the server hands out or checks: station tokens, session tokens and invite links are
 * random 256-bit strings stored only as SHA-256 hashes (a copied data folder cannot impersonate a
 * station or an organiser). Passwords: src/server/accounts/passwords.ts.
 */
import { createHash, randomBytes } from 'node:crypto';

export const newSecret = (): string => randomBytes(32).toString('base64url');

export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** Random and never time-ordered, so a station id says nothing about when it joined. */
export const newStationId = (): string => `st-${randomBytes(8).toString('hex')}`;

/** Signed-in sessions, kept in the account layer (stored, with idle and absolute expiry). */
export { OrganiserSessions } from '../accounts/sessions.ts';
