/**
 * The event editor's reads and writes through TanStack Query, in the organiser area's one cache:
 * an event's detail lives under the organiser's `['event', id]` key, so "refresh this event"
 * there refreshes it here too; every change answers with the new detail, which replaces the
 * cached one at once (no second read), and the events list is re-read for its names and states.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChangeStateRequest,
  CreateEventRequest,
  UpdateDefinitionRequest,
} from '../../../core/events-api.ts';
import type { EditorProblem, EditorResult, EventDetail, PictureUpload } from '../editor-api.ts';
import { ApiError, queryKeys } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import { useEditorApi } from './api-context.tsx';

export const editorKeys = {
  detail: (eventId: string) => [...queryKeys.event(eventId), 'detail'] as const,
  list: ['events', 'editor'] as const,
};

async function unwrap<T>(answer: Promise<EditorResult<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/** The problem behind a failed call, with a refused definition's problems if the server sent them. */
export function editorProblemOf(error: unknown): EditorProblem {
  return error instanceof ApiError ? error.problem : { code: 'unreachable' };
}

function useEditorCall() {
  const api = useEditorApi();
  const { token } = useSession();
  return { api, token };
}

export function useEventDetail(eventId: string) {
  const { api, token } = useEditorCall();
  return useQuery({
    queryKey: editorKeys.detail(eventId),
    queryFn: () => unwrap(api.getEvent(token, eventId)),
  });
}

/** The events with their lifecycle (for copying one). */
export function useEditorEvents() {
  const { api, token } = useEditorCall();
  return useQuery({ queryKey: editorKeys.list, queryFn: () => unwrap(api.listEvents(token)) });
}

function useDetailChanged(eventId: string | null) {
  const client = useQueryClient();
  return (detail: EventDetail) => {
    client.setQueryData(editorKeys.detail(eventId ?? detail.id), detail);
    void client.invalidateQueries({ queryKey: ['events'] });
  };
}

export function useCreateEvent() {
  const { api, token } = useEditorCall();
  const changed = useDetailChanged(null);
  return useMutation({
    mutationFn: (request: CreateEventRequest) => unwrap(api.createEvent(token, request)),
    onSuccess: changed,
  });
}

export function useSaveDefinition(eventId: string) {
  const { api, token } = useEditorCall();
  const changed = useDetailChanged(eventId);
  return useMutation({
    mutationFn: (request: UpdateDefinitionRequest) =>
      unwrap(api.saveDefinition(token, eventId, request)),
    onSuccess: changed,
  });
}

export function useChangeState(eventId: string) {
  const { api, token } = useEditorCall();
  const changed = useDetailChanged(eventId);
  return useMutation({
    mutationFn: (request: ChangeStateRequest) => unwrap(api.changeState(token, eventId, request)),
    onSuccess: changed,
  });
}

export function useUploadPicture(eventId: string) {
  const { api, token } = useEditorCall();
  return useMutation({
    mutationFn: (picture: PictureUpload) => unwrap(api.uploadPicture(token, eventId, picture)),
  });
}

export function useEventPackage(eventId: string) {
  const { api, token } = useEditorCall();
  return useMutation({ mutationFn: () => unwrap(api.eventPackage(token, eventId)) });
}
