/**
 * Requests as a page of the app sends them (the session cookie, and maybe the CSRF token), and
 * signing in through them: shared by the accounts tests.
 */
import { expect } from 'vitest';
import type { SessionResponse } from '../../../src/core/accounts-api.ts';
import { sessionCookie, TEST_PASSWORD, type TallyServer } from './tally-server.ts';

export interface Sent {
  status: number;
  body: unknown;
  headers: Headers;
}

/** A request as a browser page of this app would send it: the cookie, and maybe the CSRF token. */
export async function send(
  s: { url: string },
  path: string,
  init: { method?: string; cookie?: string; csrf?: string; body?: unknown; host?: string } = {},
): Promise<Sent> {
  const headers: Record<string, string> = {};
  if (init.cookie !== undefined) headers['Cookie'] = `dd_session=${init.cookie}`;
  if (init.csrf !== undefined) headers['X-CSRF-Token'] = init.csrf;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${s.url}/api/v1${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body, headers: response.headers };
}

export async function signIn(s: TallyServer, name = 'organiser', password = TEST_PASSWORD) {
  const reply = await send(s, '/organiser/login', { body: { name, password } });
  expect(reply.status).toBe(200);
  const cookie = sessionCookie(reply.headers);
  expect(cookie).toBeDefined();
  return { cookie: cookie ?? '', session: reply.body as SessionResponse, headers: reply.headers };
}
