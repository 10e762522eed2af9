/**
 * Voting codes over HTTP (docs/events-api.md, docs/sync-protocol.md):
 *   organiser  GET  /events/:eventId/codes                    batches and kept-apart duplicates
 *              POST /events/:eventId/codes                    a new batch { count, label, test }
 *              GET  /events/:eventId/codes/batches/:batchId   a batch's codes, for printing
 *              POST /events/:eventId/codes/void               { code }: void a lost card
 *              POST /events/:eventId/codes/decisions          { ballot, decision }
 *   station    GET  /stations/codes?have=<version>             the tags it checks codes against
 * Only the organiser ever receives codes; a station receives tags.
 */
import type { Context, Hono } from 'hono';
import {
  API_PREFIX,
  codeBatchRequestSchema,
  codeDecisionRequestSchema,
  MAX_SMALL_BODY_BYTES,
  voidCodeRequestSchema,
  type CodeBatchResponse,
  type CodeDuplicate,
  type CodesResponse,
} from '../../core/protocol.ts';
import { validateBallot } from '../../core/ballot.ts';
import { ballotSchema, castHourSchema } from '../../core/schema.ts';
import { DEFAULT_CODE_ITERATIONS } from '../../core/voting-codes.ts';
import type { CodeUse } from '../store/code-book.ts';
import type { EventInfo, TallyStore } from '../store/tally-store.ts';
import { VoidRefused } from '../store/void-book.ts';
import { organiserName, requireOrganiser, requireStation, type AppEnv } from './principal.ts';
import { fail, failure, limitBody, parseWith, readJson, type Failure } from './respond.ts';

export interface CodeRouteDeps {
  store: TallyStore;
  now: () => Date;
  /** PBKDF2 rounds for an event's first batch (tests use few; see core/voting-codes.ts). */
  iterations?: number;
}

export function codeRoutes(app: Hono<AppEnv>, deps: CodeRouteDeps): void {
  const { store, now } = deps;

  /** The counted ballot holding the code of the kept-apart ballot `ballotId`. */
  const usedBy = (
    info: EventInfo,
    ballotId: string,
    used: ReadonlyMap<string, CodeUse>,
  ): CodeUse | undefined => {
    const kept = store.quarantine(info.event.id).find((q) => q.id === ballotId);
    const tag = (kept?.ballot as { code?: unknown } | undefined)?.code;
    return typeof tag === 'string' ? used.get(tag) : undefined;
  };

  /**
   * "Count this one instead of the first": voids the counted ballot that used the code first (a
   * void record in the tally file, with the reason), then counts the kept-apart one, which its
   * code now lets through. Null when done; a refusal changes nothing.
   */
  const countInstead = async (
    info: EventInfo,
    ballotId: string,
    by: string,
    used: ReadonlyMap<string, CodeUse>,
  ): Promise<Failure | null> => {
    const kept = store.quarantine(info.event.id).find((q) => q.id === ballotId);
    const parsed = ballotSchema.safeParse(kept?.ballot);
    const checked = parsed.success ? validateBallot(info.event, parsed.data) : null;
    const tag = parsed.success ? parsed.data.code : undefined;
    const first = tag === undefined ? undefined : used.get(tag);
    if (checked === null || !checked.ok || first === undefined || first.ballot === ballotId) {
      return failure(409, 'bad-transition', 'This ballot cannot be counted instead of the first.', {
        params: { ballot: ballotId },
      });
    }
    try {
      await store.voidBallot(info.event.id, {
        ballot: first.ballot,
        reason: `Voting code used twice: ballot ${ballotId} is counted instead.`,
        by,
      });
    } catch (e) {
      if (!(e instanceof VoidRefused)) throw e;
      return failure(e.code === 'ballot-not-found' ? 404 : 409, e.code, e.message, {
        params: e.params,
      });
    }
    const outcome = await store.store(info.event.id, {
      eventHash: info.eventHash,
      ballots: [checked.value],
      rejected: [],
      station: null,
    });
    return outcome.added === 1 || outcome.stored.includes(ballotId)
      ? null
      : failure(409, 'bad-transition', 'The ballot could not be counted.', {
          params: { ballot: ballotId },
        });
  };
  const iterations = deps.iterations ?? DEFAULT_CODE_ITERATIONS;
  const base = `${API_PREFIX}/events/:eventId/codes`;

  const withEvent = (c: Context<AppEnv>): EventInfo | Response => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    const eventId = c.req.param('eventId') ?? '';
    const info = store.event(eventId);
    if (info === undefined) {
      return fail(
        c,
        failure(404, 'not-found', `There is no event "${eventId}" on this server.`, {
          params: { event: eventId },
        }),
      );
    }
    return info;
  };

  const overview = (info: EventInfo): CodesResponse => {
    const { book, used } = store.codes(info.event.id);
    const decisions = new Map(book.decisions().map((d) => [d.ballot, d]));
    const duplicates: CodeDuplicate[] = [];
    const perBatch = new Map<string, number>();
    for (const q of store.quarantine(info.event.id)) {
      if (q.code !== 'code-used') continue;
      const ballot = q.ballot as { code?: string; castHour?: string; stationId?: string };
      const tag = ballot.code ?? '';
      // Once counted instead, the code's holder is this ballot: the first is named from params.
      const holder = used.get(tag);
      const first = holder?.ballot === q.id ? decisions.get(q.id)?.first : holder;
      const batch = book.batchOf(tag);
      if (batch !== undefined) perBatch.set(batch.id, (perBatch.get(batch.id) ?? 0) + 1);
      const decision = decisions.get(q.id);
      duplicates.push({
        ballot: q.id,
        stationId: q.stationId ?? null,
        castHour: castHourSchema.safeParse(ballot.castHour).success ? (ballot.castHour ?? '') : '',
        first:
          first === undefined
            ? { ballot: String(q.params?.['first'] ?? ''), stationId: null, castHour: '' }
            : { ballot: first.ballot, stationId: first.stationId, castHour: first.castHour },
        decision:
          decision === undefined ? null : { kind: decision.kind, at: decision.at, by: decision.by },
      });
    }
    return {
      batches: book.batches().map((b) => book.summary(b, used, perBatch.get(b.id) ?? 0)),
      duplicates,
      iterations: book.iterations(iterations),
      version: book.version,
    };
  };

  app.get(base, (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    return c.json(overview(info));
  });

  app.post(base, limitBody(MAX_SMALL_BODY_BYTES), async (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const request = parseWith(codeBatchRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    if (info.state === 'final') {
      return fail(
        c,
        failure(409, 'event-final', 'The count is sealed: no new codes can be made.', {
          params: { state: info.state },
        }),
      );
    }
    const { book } = store.codes(info.event.id);
    const batch = await book.generate({
      ...request.value,
      by: organiserName(c),
      at: now().toISOString(),
      iterations,
    });
    return c.json(
      overview(info).batches.find((b) => b.id === batch.id),
      201,
    );
  });

  app.get(`${base}/batches/:batchId`, (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    const { book, used } = store.codes(info.event.id);
    const batchId = c.req.param('batchId');
    const batch = book.batch(batchId);
    if (batch === undefined) {
      return fail(
        c,
        failure(404, 'not-found', `This event has no batch of codes "${batchId}".`, {
          params: { batch: batchId },
        }),
      );
    }
    const summary = overview(info).batches.find((b) => b.id === batch.id);
    const response: CodeBatchResponse = {
      batch: summary ?? book.summary(batch, used, 0),
      codes: batch.codes.map((x) => ({
        code: x.code,
        voided: book.isVoided(x.tag),
        used: used.has(x.tag),
      })),
    };
    return c.json(response);
  });

  app.post(`${base}/void`, limitBody(MAX_SMALL_BODY_BYTES), async (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const request = parseWith(voidCodeRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    const { book } = store.codes(info.event.id);
    const tag = await book.voidCode(request.value.code, organiserName(c), now().toISOString());
    if (tag === null) {
      return fail(
        c,
        failure(404, 'unknown-code', 'This event has no such voting code; nothing was voided.'),
      );
    }
    return c.json(overview(info));
  });

  app.post(`${base}/decisions`, limitBody(MAX_SMALL_BODY_BYTES), async (c) => {
    const info = withEvent(c);
    if (info instanceof Response) return info;
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const request = parseWith(codeDecisionRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    const { ballot, decision } = request.value;
    const kept = store
      .quarantine(info.event.id)
      .some((q) => q.id === ballot && q.code === 'code-used');
    if (!kept) {
      return fail(
        c,
        failure(404, 'not-found', `No ballot "${ballot}" is kept apart for a used code.`, {
          params: { ballot },
        }),
      );
    }
    const { book, used } = store.codes(info.event.id);
    if (book.decisions().some((d) => d.ballot === ballot && d.kind === 'count-instead')) {
      // Counted already (and the first voided): no decision can take that back.
      return fail(
        c,
        failure(409, 'bad-transition', 'This ballot is already counted instead of the first.', {
          params: { ballot },
        }),
      );
    }
    const first = decision === 'count-instead' ? usedBy(info, ballot, used) : undefined;
    if (decision === 'count-instead') {
      const counted = await countInstead(info, ballot, organiserName(c), used);
      if (counted !== null) return fail(c, counted);
    }
    await book.decide({
      ballot,
      kind: decision,
      at: now().toISOString(),
      by: organiserName(c),
      ...(first !== undefined && { first }),
    });
    return c.json(overview(info));
  });

  app.get(`${API_PREFIX}/stations/codes`, (c) => {
    const station = requireStation(c);
    if (!station.ok) return fail(c, station.error);
    const { eventId } = station.value;
    const haveText = c.req.query('have');
    const have = haveText !== undefined && /^\d{1,9}$/.test(haveText) ? Number(haveText) : null;
    return c.json(store.codes(eventId).book.stationResponse(eventId, have));
  });
}
