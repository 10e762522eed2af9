/**
 * The organiser's events API (docs/events-api.md): create events, read and save their definition
 * with optimistic concurrency, move them through their lifecycle, upload pictures, and download
 * or take in an event package. Every route needs the organiser; every body is bounded and checked.
 */
import type { Context, Hono } from 'hono';
import {
  changeStateRequestSchema,
  createEventRequestSchema,
  MAX_DEFINITION_BYTES,
  MAX_PACKAGE_BYTES,
  MAX_PICTURE_BYTES,
  updateDefinitionRequestSchema,
  type EventDetail,
  type ImportPackageResponse,
  type PictureResponse,
} from '../../core/events-api.ts';
import { picturePath } from '../../core/event-package.ts';
import { API_PREFIX, MAX_SMALL_BODY_BYTES } from '../../core/protocol.ts';
import { z } from 'zod';
import { checkImage } from '../events/image-check.ts';
import { EventService, noSuchEvent } from '../events/event-service.ts';
import type { Result } from '../../core/result.ts';
import type { EventInfo, TallyStore } from '../store/tally-store.ts';
import { organiserName, requireOrganiser, type AppEnv } from './principal.ts';
import { fail, failure, limitBody, parseWith, readJson, type Failure } from './respond.ts';

/** Longest edge a picture may have: the browser resizes to 1200 px; this bounds decoding cost. */
export const MAX_PICTURE_EDGE = 4096;

/** Texts for a blank event's placeholders, worded by the app in the organiser's language. */
const blankTextsSchema = z.object({
  potName: z.string().trim().min(1).max(200).optional(),
  bidTitle: z.string().trim().min(1).max(200).optional(),
});

const etag = (info: EventInfo) => `"${info.version}"`;

export function eventRoutes(app: Hono<AppEnv>, store: TallyStore): void {
  const events = new EventService(store);

  /** Organiser first, before any body is read. */
  const organiserOnly = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    const denied = requireOrganiser(c);
    if (denied !== null) return fail(c, denied);
    await next();
  };

  const found = (c: Context<AppEnv>): EventInfo | Response => {
    const eventId = c.req.param('eventId') ?? '';
    return store.event(eventId) ?? fail(c, noSuchEvent(eventId));
  };

  const answer = (c: Context<AppEnv>, info: EventInfo, status: 200 | 201 = 200) => {
    c.header('ETag', etag(info));
    const body: EventDetail = events.detail(info);
    return c.json(body, status);
  };

  /** The version a change starts from: the body's, which must agree with If-Match when both are sent. */
  const versionOf = (c: Context<AppEnv>, bodyVersion: number): number | Failure => {
    const ifMatch = c.req.header('if-match');
    if (ifMatch === undefined) return bodyVersion;
    const version = Number(/^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim())?.[1]);
    if (version !== bodyVersion) {
      return failure(412, 'edit-conflict', 'If-Match and the version in the body disagree.', {
        params: { version: bodyVersion, ifMatch },
      });
    }
    return version;
  };

  const readBody = async <S extends z.ZodType>(c: Context<AppEnv>, schema: S) => {
    const body = await readJson(c);
    if (!body.ok) return body;
    return parseWith(schema, body.value);
  };

  app.post(`${API_PREFIX}/events`, organiserOnly, limitBody(MAX_DEFINITION_BYTES), async (c) => {
    const body = await readJson(c);
    if (!body.ok) return fail(c, body.error);
    const request = parseWith(createEventRequestSchema, body.value);
    if (!request.ok) return fail(c, request.error);
    const texts = parseWith(blankTextsSchema, body.value);
    if (!texts.ok) return fail(c, texts.error);
    const created = await events.create({ ...request.value, ...texts.value }, organiserName(c));
    if (!created.ok) return fail(c, created.error);
    return answer(c, created.value, 201);
  });

  app.post(
    `${API_PREFIX}/event-packages`,
    organiserOnly,
    limitBody(MAX_PACKAGE_BYTES),
    async (c) => {
      const body = await readJson(c);
      if (!body.ok) return fail(c, body.error);
      const imported = await events.importPackage(body.value, organiserName(c));
      if (!imported.ok) return fail(c, imported.error);
      const response: ImportPackageResponse = {
        created: imported.value.created,
        event: events.detail(imported.value.info),
      };
      c.header('ETag', etag(imported.value.info));
      return c.json(response, imported.value.created ? 201 : 200);
    },
  );

  app.get(`${API_PREFIX}/events/:eventId`, organiserOnly, (c) => {
    const info = found(c);
    return info instanceof Response ? info : answer(c, info);
  });

  /** A change that names the version it started from (body, and If-Match if sent). */
  const versionedChange =
    <S extends z.ZodType<{ version: number }>>(
      schema: S,
      apply: (
        info: EventInfo,
        request: z.output<S>,
        by: string,
      ) => Promise<Result<EventInfo, Failure>>,
    ) =>
    async (c: Context<AppEnv>) => {
      const info = found(c);
      if (info instanceof Response) return info;
      const request = await readBody(c, schema);
      if (!request.ok) return fail(c, request.error);
      const version = versionOf(c, request.value.version);
      if (typeof version !== 'number') return fail(c, version);
      const changed = await apply(info, { ...request.value, version }, organiserName(c));
      if (!changed.ok) return fail(c, changed.error);
      return answer(c, changed.value);
    };

  app.put(
    `${API_PREFIX}/events/:eventId/definition`,
    organiserOnly,
    limitBody(MAX_DEFINITION_BYTES),
    versionedChange(updateDefinitionRequestSchema, (info, request, by) =>
      events.saveDefinition(info.event.id, request, by),
    ),
  );

  app.post(
    `${API_PREFIX}/events/:eventId/state`,
    organiserOnly,
    limitBody(MAX_SMALL_BODY_BYTES),
    versionedChange(changeStateRequestSchema, (info, request, by) =>
      events.changeState(info.event.id, request, by),
    ),
  );

  app.get(`${API_PREFIX}/events/:eventId/package`, organiserOnly, async (c) => {
    const info = found(c);
    if (info instanceof Response) return info;
    const text = await events.packageOf(info);
    if (!text.ok) return fail(c, text.error);
    c.header('Content-Type', 'application/json; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="${info.event.id}-v${info.version}.event.json"`,
    );
    return c.body(text.value);
  });

  app.post(
    `${API_PREFIX}/events/:eventId/pictures`,
    organiserOnly,
    limitBody(MAX_PICTURE_BYTES, 'picture-too-large'),
    async (c) => {
      const info = found(c);
      if (info instanceof Response) return info;
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) {
        return fail(
          c,
          failure(415, 'unsupported-picture', 'The upload is empty: send the picture bytes.', {
            params: { bytes: 0 },
          }),
        );
      }
      const image = checkImage(bytes);
      if (!image.ok) {
        return fail(
          c,
          image.problem === 'not-an-image'
            ? failure(415, 'unsupported-picture', 'Send a JPEG, PNG or WebP picture.', {
                params: { accepted: 'image/jpeg, image/png, image/webp' },
              })
            : failure(422, 'corrupt-picture', 'The picture is damaged or cut short.', {
                params: { bytes: bytes.length },
              }),
        );
      }
      if (image.width > MAX_PICTURE_EDGE || image.height > MAX_PICTURE_EDGE) {
        return fail(
          c,
          failure(
            413,
            'picture-too-large',
            `A picture's longest edge is at most ${MAX_PICTURE_EDGE} px.`,
            {
              params: { width: image.width, height: image.height, maxEdge: MAX_PICTURE_EDGE },
            },
          ),
        );
      }
      const sha256 = await store.putPicture(bytes, image.type);
      const response: PictureResponse = {
        path: picturePath(sha256, image.type),
        sha256,
        type: image.type,
        bytes: bytes.length,
        width: image.width,
        height: image.height,
      };
      return c.json(response, 201);
    },
  );
}
