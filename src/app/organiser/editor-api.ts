/**
 * The events API (docs/events-api.md) as the organiser's event editor uses it: create an event
 * (blank, a copy, or a whole definition from an import), read one, save its definition against
 * the version it started from (a stale version is refused with `edit-conflict`, never
 * overwritten), move it through its lifecycle, upload a bid's picture and download its package.
 *
 * Like api.ts, every expected failure comes back as an `Err` with a code; a refused definition
 * also carries its problems (codes with facts, see src/core/event-check.ts) for the screen to
 * show beside the fields they are about. The screens depend on `EditorApi` only, so component
 * tests give them an in-process fake.
 */
import type { z } from 'zod';
import {
  eventDetailSchema,
  eventListResponseSchema,
  pictureResponseSchema,
  type ChangeStateRequest,
  type CreateEventRequest,
  type EventDetail,
  type EventProblemResponse,
  type PictureResponse,
  type UpdateDefinitionRequest,
} from '../../core/events-api.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { serverCalls, UNREACHABLE, type ApiProblem } from './api.ts';

export type { EventDetail, EventProblemResponse, PictureResponse };
export type EventListItem = z.infer<typeof eventListResponseSchema>['events'][number];

/** A refused change: the server's code, and for a refused definition what is wrong with it. */
export type EditorProblem = ApiProblem;

export type EditorResult<T> = Result<T, EditorProblem>;

/** A picture ready to upload (already resized and re-encoded in the browser). */
export interface PictureUpload {
  blob: Blob;
  type: 'image/jpeg' | 'image/png' | 'image/webp';
}

export interface EventPackageFile {
  fileName: string;
  blob: Blob;
}

export interface EditorApi {
  listEvents(token: string): Promise<EditorResult<EventListItem[]>>;
  createEvent(token: string, request: CreateEventRequest): Promise<EditorResult<EventDetail>>;
  getEvent(token: string, eventId: string): Promise<EditorResult<EventDetail>>;
  saveDefinition(
    token: string,
    eventId: string,
    request: UpdateDefinitionRequest,
  ): Promise<EditorResult<EventDetail>>;
  changeState(
    token: string,
    eventId: string,
    request: ChangeStateRequest,
  ): Promise<EditorResult<EventDetail>>;
  uploadPicture(
    token: string,
    eventId: string,
    picture: PictureUpload,
  ): Promise<EditorResult<PictureResponse>>;
  eventPackage(token: string, eventId: string): Promise<EditorResult<EventPackageFile>>;
}

/** The two answers a screen treats specially. */
export const isEditConflict = (problem: ApiProblem): boolean => problem.code === 'edit-conflict';

/** Where each call goes (docs/events-api.md), relative to /api/v1. */
export const EDITOR_PATHS = {
  events: '/events',
  event: (id: string) => `/events/${encodeURIComponent(id)}`,
  definition: (id: string) => `/events/${encodeURIComponent(id)}/definition`,
  state: (id: string) => `/events/${encodeURIComponent(id)}/state`,
  pictures: (id: string) => `/events/${encodeURIComponent(id)}/pictures`,
  package: (id: string) => `/events/${encodeURIComponent(id)}/package`,
};

/** "attachment; filename="x.ddevent"" → "x.ddevent". */
function fileNameOf(disposition: string | null, fallback: string): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  if (match?.[1] === undefined) return fallback;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

export function createHttpEditorApi(
  baseUrl = '',
  fetchFn: typeof fetch = (...args) => fetch(...args),
): EditorApi {
  const { call, json } = serverCalls(baseUrl, fetchFn);

  const send = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

  return {
    async listEvents(token) {
      const result = await json(EDITOR_PATHS.events, eventListResponseSchema, token);
      return result.ok ? ok(result.value.events) : result;
    },
    createEvent: (token, request) =>
      json(EDITOR_PATHS.events, eventDetailSchema, token, send('POST', request)),
    getEvent: (token, eventId) => json(EDITOR_PATHS.event(eventId), eventDetailSchema, token),
    saveDefinition: (token, eventId, request) =>
      json(EDITOR_PATHS.definition(eventId), eventDetailSchema, token, send('PUT', request)),
    changeState: (token, eventId, request) =>
      json(EDITOR_PATHS.state(eventId), eventDetailSchema, token, send('POST', request)),
    uploadPicture: (token, eventId, picture) =>
      json(EDITOR_PATHS.pictures(eventId), pictureResponseSchema, token, {
        method: 'POST',
        headers: { 'Content-Type': picture.type },
        body: picture.blob,
      }),
    async eventPackage(token, eventId) {
      const answer = await call(EDITOR_PATHS.package(eventId), {}, token);
      if (!answer.ok) return answer;
      try {
        const blob = await answer.value.blob();
        const fileName = fileNameOf(
          answer.value.headers.get('Content-Disposition'),
          `${eventId}.event.json`,
        );
        return ok({ fileName, blob });
      } catch {
        return err(UNREACHABLE);
      }
    },
  };
}
