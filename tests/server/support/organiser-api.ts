import type { EventDetail } from '../../../src/core/events-api.ts';
import { call, type Reply, type TallyServer } from './tally-server.ts';

/**
 * The organiser's event calls against a server a test starts in `beforeAll` (hence the getter):
 * `api` with the organiser's token, `create` (201 or throw) and `save` with the version it read.
 */
export function organiserApi(target: () => { server: TallyServer; token: string }) {
  const api = <T = EventDetail>(
    path: string,
    init: { method?: string; body?: unknown; raw?: string; token?: string } = {},
  ): Promise<Reply<T>> => {
    const { server, token } = target();
    return call<T>(server, `/api/v1${path}`, { token, ...init });
  };
  async function create(body: unknown): Promise<EventDetail> {
    const reply = await api('/events', { body });
    if (reply.status !== 201) throw new Error(`create: ${reply.status} ${reply.text}`);
    return reply.body;
  }
  const save = (event: EventDetail, definition: unknown, extra: Record<string, unknown> = {}) =>
    api(`/events/${event.id}/definition`, {
      method: 'PUT',
      body: { version: event.version, definition, ...extra },
    });
  return { api, create, save };
}
