/**
 * The start of a station's push of its own records (desk register rows, equalities answers): the
 * JSON body, refused before its schema is read when the station speaks another sync protocol
 * version, so an old or newer client gets that precise reason rather than a schema error.
 */
import type { Context } from 'hono';
import { PROTOCOL_VERSION } from '../../core/protocol.ts';
import { err, type Result } from '../../core/result.ts';
import { failure, readJson, type Failure } from './respond.ts';

export async function readStationPush(c: Context): Promise<Result<unknown, Failure>> {
  const body = await readJson(c);
  if (!body.ok) return body;
  const peek = body.value as { protocol?: unknown } | null;
  if (typeof peek?.protocol === 'number' && peek.protocol !== PROTOCOL_VERSION) {
    return err(
      failure(
        400,
        'unsupported-protocol',
        `This station speaks sync protocol ${peek.protocol}; the server speaks ${PROTOCOL_VERSION}.`,
        { params: { protocol: peek.protocol, supported: PROTOCOL_VERSION } },
      ),
    );
  }
  return body;
}
