/**
 * Error responses and body parsing shared by the routes. Every error is
 * `{ error: { code, message, params?, problems?, cause? } }`: the app words `code` with `params`
 * from its message catalogue; `message` is an English detail for developers and logs, never shown
 * to a volunteer or organiser.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { EventCheckProblem } from '../../core/event-check.ts';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../../core/json-depth.ts';
import type { Problem } from '../../core/problem.ts';
import type { ApiError, ApiErrorCode, WireProblem } from '../../core/protocol.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { schemaProblem } from '../../core/schema.ts';

type Params = Record<string, string | number>;

export interface Failure {
  status: ContentfulStatusCode;
  code: ApiErrorCode;
  message: string;
  params?: Params;
  problems?: readonly EventCheckProblem[];
  cause?: Problem;
}

export const failure = (
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  extra: { params?: Params; problems?: readonly EventCheckProblem[]; cause?: Problem } = {},
): Failure => ({ status, code, message, ...extra });

function wire(problem: Problem): WireProblem {
  const out: WireProblem = { code: problem.code, params: { ...problem.params } };
  if (problem.cause !== undefined) out.cause = wire(problem.cause);
  return out;
}

export function fail(c: Context, f: Failure): Response {
  const error: ApiError['error'] = { code: f.code, message: f.message };
  if (f.params !== undefined) error.params = f.params;
  if (f.problems !== undefined) {
    error.problems = f.problems.map((p) => ({
      code: p.code,
      level: p.level,
      params: { ...p.params },
    }));
  }
  if (f.cause !== undefined) error.cause = wire(f.cause);
  const body: ApiError = { error };
  return c.json(body, f.status);
}

/** Refuses a body over `maxBytes` while it streams in, before it is held in memory. */
export function limitBody(
  maxBytes: number,
  code: 'payload-too-large' | 'picture-too-large' = 'payload-too-large',
) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      fail(
        c,
        failure(
          413,
          code,
          `The request is larger than ${Math.round(maxBytes / 1024)} KB. Send it in smaller parts.`,
          { params: { maxBytes } },
        ),
      ),
  });
}

/** `application/json`, with or without parameters, or a `+json` type such as problem+json. */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * The body of a JSON endpoint: sent as JSON (415 otherwise: a form or text/plain is what a page on
 * another site can make a browser send without asking), nested no deeper than MAX_JSON_DEPTH
 * (checked on the text, before JSON.parse builds it), and well-formed.
 */
export async function readJson(c: Context): Promise<Result<unknown, Failure>> {
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    return err(
      failure(
        415,
        'unsupported-media-type',
        `Send this request as JSON (Content-Type: application/json), not ${type === '' ? 'without a type' : type.slice(0, 60)}.`,
      ),
    );
  }
  const text = await c.req.text();
  if (jsonTooDeep(text)) {
    return err(
      failure(
        400,
        'too-deeply-nested',
        `The request nests objects or arrays more than ${MAX_JSON_DEPTH} deep; no request of this API does.`,
        { params: { maxDepth: MAX_JSON_DEPTH } },
      ),
    );
  }
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
  const problem = schemaProblem(issue);
  return err(
    failure(
      400,
      'invalid-request',
      `The request is not in the expected form (${where}${issue?.message ?? 'unknown problem'}).`,
      { params: { path: String(problem.params['path'] ?? '') }, cause: problem },
    ),
  );
}
