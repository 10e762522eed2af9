/**
 * What the organiser's Preview screen and the voter's screens in its frame say to each other. The
 * frame is a page of its own (same origin, its own document), so the voter's language, text size
 * and document title change there and never on the organiser's page.
 */
import type { EventDefinition } from '../../../core/schema.ts';
import { ORGANISER_BASE } from '../routes.ts';

/** The page the frame loads: the voter's screens, waiting for the definition to show. */
export const PREVIEW_PAGE_PATH = `${ORGANISER_BASE}/voter-preview`;

export type PreviewMessage =
  /** The frame is listening: send it the definition. */
  | { type: 'dd-preview-ready' }
  /** The definition to show; a new version starts the voter's screens afresh. */
  | { type: 'dd-preview-event'; event: EventDefinition; version: number }
  /** A voter cast a ballot in the frame: it was checked, then thrown away. */
  | { type: 'dd-preview-dropped' };

const TYPES = new Set(['dd-preview-ready', 'dd-preview-event', 'dd-preview-dropped']);

export function isPreviewMessage(data: unknown): data is PreviewMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    TYPES.has(String((data as { type?: unknown }).type))
  );
}
