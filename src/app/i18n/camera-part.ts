/**
 * The catalogue's camera part (docs/translations.md): the words of the camera transfer's screens,
 * station and organiser side, and of their problems. Only those screens' lazy chunks import this
 * module, so a voter's first screen carries neither the words nor the code that finds them.
 */
import type { Messages } from '@lingui/core';
import { registerPart, withCatalogue } from './catalogue.ts';

registerPart('camera', import.meta.glob<{ messages: Messages }>('./locales/*/camera.po'));

/**
 * A camera screen's module once the camera words are in, in the active language (and from then
 * on in every language activated): `lazy(() => withCameraWords(import('./SendByCamera.tsx')))`.
 */
export function withCameraWords<T>(module: Promise<T>): Promise<T> {
  return withCatalogue('camera', module);
}
