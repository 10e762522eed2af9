/**
 * Bid pictures of an event loaded from a file, shown with no network.
 *
 * The voter's screens ask for a picture by the path the bid names (`api/pictures/<sha256>.webp`),
 * as they do online. The service worker answers that path from a cache first (vite.config.ts:
 * `decision-day-pictures`, CacheFirst; a picture's name is the hash of its bytes, so a cached copy
 * is never stale), and this module puts the package's pictures into that cache from IndexedDB.
 *
 * Why a cache the service worker reads rather than object URLs: the voter's screens, the organiser's
 * preview and anything later all keep using the one path; nothing has to rewrite an event's
 * definition (which would change its hash) or track URLs to revoke. Without a service worker
 * (plain http on a LAN) there is no offline app either, and pictures come from the server.
 * IndexedDB stays the record: if the browser ever drops the cache, it is filled again at start.
 */
import type { StationDatabase } from '../../db/database.ts';

export const PICTURE_CACHE = 'decision-day-pictures';

/** Puts every stored picture the cache lacks into it. Resolves with how many were added. */
export async function fillPictureCache(db: StationDatabase): Promise<number> {
  if (typeof caches === 'undefined') return 0;
  const cache = await caches.open(PICTURE_CACHE);
  let added = 0;
  for (const picture of await db.pictures.toArray()) {
    const url = new URL(picture.path, document.baseURI).href;
    if (await cache.match(url)) continue;
    const body = new Blob([picture.bytes as BlobPart], { type: picture.type });
    await cache.put(
      url,
      new Response(body, {
        headers: { 'Content-Type': picture.type, 'Content-Length': String(body.size) },
      }),
    );
    added += 1;
  }
  return added;
}
