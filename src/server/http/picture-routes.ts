/**
 * Pictures, served to anyone at `/api/pictures/<sha256>.<ext>` (bids name them in `image`; voters'
 * screens load them without a token). The name is the content's hash, so the answer never changes:
 * it is cached for a year as immutable, and a station that has it never asks again.
 */
import type { Hono } from 'hono';
import { pictureTypeOfPath, PICTURE_PATH } from '../../core/event-package.ts';
import type { TallyStore } from '../store/tally-store.ts';
import type { AppEnv } from './principal.ts';
import { fail, failure } from './respond.ts';

export function pictureRoutes(app: Hono<AppEnv>, store: TallyStore): void {
  app.on(['GET', 'HEAD'], '/api/pictures/:name', async (c) => {
    const path = `api/pictures/${c.req.param('name')}`;
    const sha256 = PICTURE_PATH.exec(path)?.[1];
    const type = pictureTypeOfPath(path);
    const bytes =
      sha256 === undefined || type === null ? undefined : await store.picture(sha256, type);
    c.header('X-Content-Type-Options', 'nosniff');
    if (bytes === undefined || type === null || sha256 === undefined) {
      c.header('Cache-Control', 'no-store');
      return fail(
        c,
        failure(404, 'not-found', `There is no picture ${path} on this server.`, {
          params: { path },
        }),
      );
    }
    c.header('Content-Type', type);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    c.header('ETag', `"${sha256}"`);
    // A picture is never a page: nothing in it may run or load anything.
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    if (c.req.header('if-none-match') === `"${sha256}"`) return c.body(null, 304);
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });
}
