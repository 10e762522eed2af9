/**
 * The tally server's address as a volunteer types it ("192.168.1.20:8080", "https://tally.example/"
 * or nothing at all when the app came from the tally server itself), turned into an origin.
 */
import { err, ok, type Result } from '../core/result.ts';

export interface ServerAddressProblem {
  code: 'server-address' | 'mixed-content';
  message: string;
}

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
    return err({
      code: 'server-address',
      message: `"${text}" is not a web address. Type it as the organiser shows it, e.g. 192.168.1.20:8080.`,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return err({
      code: 'server-address',
      message: 'The server address must start with https:// or http://.',
    });
  }
  if (page.protocol === 'https:' && url.protocol === 'http:') {
    return err({
      code: 'mixed-content',
      message:
        'This app was opened over https, so the browser will not let it reach an http:// server. Use the https:// address, or open the app from the tally server itself.',
    });
  }
  return ok(url.origin);
}
