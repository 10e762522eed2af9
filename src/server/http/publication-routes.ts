/**
 * Publishing results (docs/events-api.md#publishing-results). The organiser publishes a final
 * count: the server counts its own tally file (src/core/publication.ts) and keeps the snapshot;
 * publishing again replaces it, unpublishing removes it. Anyone may read a published snapshot, no
 * login: an unknown event and an unpublished one get the same 404, so the answer tells nobody
 * which events exist. The tally file itself is never public (a ballot may carry a voting-code
 * tag: a receipt).
 *
 * Refused, with nothing changed: not signed in (401), an unknown event (404), a count that is not
 * final (409 `event-not-final`, params: state).
 */
import type { Context, Hono } from 'hono';
import { API_PREFIX } from '../../core/protocol.ts';
import { buildPublication, type PublicationStatus } from '../../core/publication.ts';
import { verifyTallyFile } from '../../core/tally-file/index.ts';
import { noSuchEvent } from '../events/event-service.ts';
import type { PublicationStore } from '../store/publication-store.ts';
import { nativeSha256 } from '../store/native-sha256.ts';
import type { EventInfo, TallyStore } from '../store/tally-store.ts';
import { requireOrganiser, type AppEnv } from './principal.ts';
import { fail, failure } from './respond.ts';

export function publicationRoutes(
  app: Hono<AppEnv>,
  store: TallyStore,
  published: PublicationStore,
  now: () => Date,
): void {
  const path = `${API_PREFIX}/events/:eventId/publication`;

  /** Organiser first, then the event. */
  const withEvent = (c: Context<AppEnv>): EventInfo | Response => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const eventId = c.req.param('eventId') ?? '';
    return store.event(eventId) ?? fail(c, noSuchEvent(eventId));
  };

  async function status(info: EventInfo): Promise<PublicationStatus> {
    const eventId = info.event.id;
    const verified = verifyTallyFile(await store.tallyFile(eventId), { sha256: nativeSha256 });
    const currentHash = verified.ok ? verified.value.head.hash : '';
    const snapshot = published.get(eventId);
    return {
      eventId,
      state: info.state,
      published:
        snapshot === undefined
          ? null
          : {
              publishedAt: snapshot.publishedAt,
              tallyFileHash: snapshot.tallyFileHash,
              ballotsCounted: snapshot.ballotsCounted,
            },
      currentHash,
      changed: snapshot !== undefined && snapshot.tallyFileHash !== currentHash,
    };
  }

  app.get(path, async (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    return c.json(await status(info));
  });

  app.post(path, async (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    if (info.state !== 'final') {
      return fail(
        c,
        failure(
          409,
          'event-not-final',
          `The event is ${info.state}: results are published only once the count is final. Nothing was published.`,
          { params: { state: info.state } },
        ),
      );
    }
    const built = buildPublication(
      await store.tallyFile(info.event.id),
      now().toISOString(),
      nativeSha256,
    );
    if (!built.ok) {
      const { error } = built;
      // The server's own file, checked as it was written: failing now means damage on disk.
      return fail(
        c,
        error.code === 'not-final'
          ? failure(409, 'event-not-final', 'The tally file does not record a final count.', {
              params: { state: error.state },
            })
          : failure(409, 'invalid-file', 'The central tally file fails its checks.', {
              cause: error.cause,
            }),
      );
    }
    await published.put(built.value);
    return c.json(await status(info));
  });

  app.delete(path, async (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    await published.remove(info.event.id);
    return c.json(await status(info));
  });

  // Public: no login. Unknown and unpublished events get one and the same answer.
  app.get(`${API_PREFIX}/public/results/:eventId`, (c) => {
    const snapshot = published.get(c.req.param('eventId'));
    if (snapshot === undefined) {
      return fail(c, failure(404, 'not-found', 'No results are published at this address.'));
    }
    return c.json(snapshot);
  });
}
