/**
 * How the catalogue's parts load (src/app/i18n/catalogue.ts): the camera screens' words are in no
 * part a station loads at start, they are in before a camera screen's module is handed over
 * (`withCameraWords`), and once asked for they come with every later change of language before the
 * language changes, so no one ever reads a key. The tests run in order: the first one needs the
 * camera part not yet asked for.
 */
import { readFileSync } from 'node:fs';
import PO from 'pofile';
import { afterAll, describe, expect, it } from 'vitest';
import { withCameraWords } from '../../src/app/i18n/camera-part.ts';
import {
  activateLanguage,
  BACKGROUND_PARTS,
  i18n,
  KIOSK_PARTS,
  loadCatalogue,
} from '../../src/app/i18n/catalogue.ts';
import type { Language } from '../../src/app/i18n/languages.ts';

const KEY = 'station.camera.heading';
const ORGANISER_KEY = 'organiser.receive.progress';

/** The text of `key` in `language`'s camera part, as written in its .po file. */
function cameraText(language: Language, key: string): string {
  const path = new URL(`../../src/app/i18n/locales/${language}/camera.po`, import.meta.url);
  const item = PO.parse(readFileSync(path, 'utf8')).items.find((i) => i.msgid === key);
  if (item === undefined) throw new Error(`${key} is not in ${language}/camera.po`);
  return item.msgstr.join('');
}

afterAll(() => activateLanguage('en-GB'));

describe('the camera part', () => {
  it('is in none of the parts a station loads at start', async () => {
    expect(BACKGROUND_PARTS).not.toContain('camera');
    expect(KIOSK_PARTS).not.toContain('camera');
    await activateLanguage('en-GB');
    await Promise.all(BACKGROUND_PARTS.map((part) => loadCatalogue('en-GB', part)));
    // Lingui says a message it does not have as its key.
    expect(i18n._(KEY)).toBe(KEY);
    expect(i18n._(ORGANISER_KEY)).toBe(ORGANISER_KEY);
  });

  it('is in, in the active language, when a screen loaded with it is handed over', async () => {
    await activateLanguage('cy');
    const module = { SendByCamera: 'the screen' };
    const handed = await withCameraWords(Promise.resolve(module));
    expect(handed).toBe(module);
    expect(i18n._(KEY)).toBe(cameraText('cy', KEY));
    expect(i18n._(ORGANISER_KEY, { number: 2, received: 3, total: 5 })).not.toBe(ORGANISER_KEY);
  });

  it('comes with every later change of language, before the language changes', async () => {
    const seen: string[] = [];
    const listener = () => {
      if (i18n.locale === 'ar' && seen.length === 0) seen.push(i18n._(KEY));
    };
    const stop = i18n.on('change', listener);
    try {
      await activateLanguage('ar');
    } finally {
      stop();
    }
    // The first moment Arabic is active, the camera words are already Arabic.
    expect(seen).toEqual([cameraText('ar', KEY)]);
  });

  it('is shown in the language asked for last, though an earlier one arrives later', async () => {
    // Polish is not loaded yet (its voter words and camera part are fetched); Arabic is.
    const polish = activateLanguage('pl');
    const arabic = activateLanguage('ar');
    await Promise.all([polish, arabic]);
    expect(i18n.locale).toBe('ar');
    expect(i18n._(KEY)).toBe(cameraText('ar', KEY));
    // Asked for on its own, Polish is shown (its words are in by now).
    await activateLanguage('pl');
    expect(i18n._(KEY)).toBe(cameraText('pl', KEY));
  });
});
