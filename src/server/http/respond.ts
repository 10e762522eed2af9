/**
 * Error responses and body parsing shared by the routes. Every error is
 * `{ error: { code, message } }`, the message a sentence a volunteer can act on.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ApiError, ApiErrorCode } from '../../core/protocol.ts';
import { err, ok, type Result } from '../../core/result.ts';

export interface Failure {
  status: ContentfulStatusCode;
  code: ApiErrorCode;
  message: string;
}

export const failure = (
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
): Failure => ({ status, code, message });

export function fail(c: Context, f: Failure): Response {
  const body: ApiError = { error: { code: f.code, message: f.message } };
  return c.json(body, f.status);
}

/** Refuses a body over `maxBytes` while it streams in, before it is held in memory. */
export function limitBody(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      fail(
        c,
        failure(
          413,
          'payload-too-large',
          `The request is larger than ${Math.round(maxBytes / 1024)} KB. Send it in smaller parts.`,
        ),
      ),
  });
}

export async function readJson(c: Context): Promise<Result<unknown, Failure>> {
  const text = await c.req.text();
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return err(failure(400, 'bad-json', 'The request body is not valid JSON. Send a JSON object.'));
  }
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
): Result<z.output<S>, Failure> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
  return err(
    failure(
      400,
      'invalid-request',
      `The request is not in the expected form (${where}${issue?.message ?? 'unknown problem'}).`,
    ),
  );
}
