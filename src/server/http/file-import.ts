/**
 * Importing a station's exported tally file into its event (docs/sync-protocol.md, "Import"):
 * the whole file verified first (on a worker thread), then refused with nothing changed when it
 * is damaged (422 invalid-file), of another event or another version of it (409
 * other-event-file), or the event takes no import (409 event-not-open / event-final); otherwise
 * its ballots go through the same path as a push and its closing sheets are recorded. One path
 * for the organiser's import and a courier station's carried files (carried-routes.ts), so both
 * have exactly the same idempotence and refusals.
 */
import type { Context } from 'hono';
import type { ImportResponse } from '../../core/protocol.ts';
import { problemSummary } from '../../core/problem.ts';
import { refusal } from '../events/event-service.ts';
import { importClosings } from '../closings.ts';
import { runOffThread } from '../off-thread/run-off-thread.ts';
import type { EventInfo, TallyStore } from '../store/tally-store.ts';
import type { AppEnv } from './principal.ts';
import { fail, failure } from './respond.ts';

/**
 * `lookUp` finds the event the file goes into (or the refusal to answer); it is asked again
 * after the file is read, since the event may have changed meanwhile.
 */
export async function importStationFile(
  c: Context<AppEnv>,
  store: TallyStore,
  lookUp: () => EventInfo | Response,
): Promise<Response> {
  const before = lookUp();
  if (before instanceof Response) return before;
  // Read and verified on a worker thread: a 50 MB file takes seconds, and stations, /health and
  // other organisers are answered meanwhile. The event is looked up again afterwards.
  const file = await runOffThread({
    task: 'import',
    bytes: new Uint8Array(await c.req.arrayBuffer()),
    event: before.event,
    eventHash: before.eventHash,
  });
  const info = lookUp();
  if (info instanceof Response) return info;
  if (!file.ok) {
    return fail(
      c,
      failure(
        422,
        'invalid-file',
        `This file cannot be imported (${problemSummary(file.problem)}). Nothing was imported.`,
        { params: { problem: file.problem.code, ...file.problem.params }, cause: file.problem },
      ),
    );
  }
  const { event, eventHash } = file;
  if (event.id !== info.event.id || eventHash !== info.eventHash) {
    const other =
      event.id === info.event.id
        ? `a different version of "${event.name}" (its bids or rules differ)`
        : `another event: ${event.name}`;
    return fail(
      c,
      failure(
        409,
        'other-event-file',
        `This file is from ${other}. Import it into that event instead; nothing was imported.`,
        {
          params: {
            event: event.id,
            eventName: event.name,
            sameEvent: event.id === info.event.id ? 1 : 0,
          },
        },
      ),
    );
  }
  if (info.state === 'draft' || info.state === 'final') {
    // A draft counts nothing yet; a final count is sealed.
    const code = info.state === 'draft' ? 'event-not-open' : 'event-final';
    return fail(
      c,
      failure(409, code, `The event is ${info.state}: nothing can be imported into it.`, {
        params: { state: info.state },
      }),
    );
  }
  let outcome;
  try {
    outcome = await store.store(info.event.id, {
      eventHash,
      ballots: file.valid,
      rejected: file.rejected,
      station: null,
    });
  } catch (e) {
    return fail(c, refusal(e));
  }
  // The stations' closing sheets the file carries, after their ballots.
  const closings = await importClosings(store, info.event.id, file.closings, new Date());
  const response: ImportResponse = {
    ...(file.closings.length > 0 ? { closings } : {}),
    added: outcome.added,
    duplicates: outcome.duplicates,
    rejected: outcome.rejected.map(({ id, code, message, params }) =>
      params === undefined ? { id, code, message } : { id, code, message, params },
    ),
  };
  return c.json(response);
}
