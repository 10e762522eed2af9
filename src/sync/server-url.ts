/**
 * The tally server's address as a volunteer types it ("192.168.1.20:8080", "https://tally.example/"
 * or nothing at all when the app came from the tally server itself), turned into an origin.
 */
import { problemOf, type Problem } from '../core/problem.ts';
import { err, ok, type Result } from '../core/result.ts';

/** Params: server-address {text} (as typed), or {kind: scheme} when it is not http(s). */
export type ServerAddressProblem = Problem<'server-address' | 'mixed-content'>;

/**
 * `pageOrigin` is where this app was loaded from: the default server, and the scheme assumed when
 * none is typed (a page loaded over https cannot call plain http, so https is the safer guess).
 */
export function normaliseServerAddress(
  typed: string,
  pageOrigin: string,
): Result<string, ServerAddressProblem> {
  const text = typed.trim();
  if (text === '') return ok(new URL(pageOrigin).origin);
  const page = new URL(pageOrigin);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `${page.protocol}//${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return err(problemOf('server-address', { text, kind: 'text' }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return err(problemOf('server-address', { text, kind: 'scheme' }));
  }
  if (page.protocol === 'https:' && url.protocol === 'http:') {
    return err(problemOf('mixed-content'));
  }
  return ok(url.origin);
}
