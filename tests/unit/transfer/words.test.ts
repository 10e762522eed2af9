/**
 * The camera transfer's problems in people's words (camera.po, loaded with the camera screens;
 * their tally file's cause from problems.po), the tally file's cause after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCameraWords } from '../../../src/app/i18n/camera-part.ts';
import { activateLanguage } from '../../../src/app/i18n/catalogue.ts';
import { ALL_LANGUAGES } from '../../../src/app/i18n/languages.ts';
import { problemText } from '../../../src/app/i18n/problems.ts';
import { problemOf } from '../../../src/core/problem.ts';
import { ACK_PROBLEM_CODES, TRANSFER_PROBLEM_CODES } from '../../../src/sync/transfer/types.ts';

beforeAll(async () => {
  await Promise.all(ALL_LANGUAGES.map((l) => activateLanguage(l, ['problems'])));
  await activateLanguage('en-GB');
  // As a camera screen does: from now on every language activated brings the camera part.
  await withCameraWords(Promise.resolve());
});
afterAll(() => activateLanguage('en-GB'));

describe('camera transfer problems in words', () => {
  it('says a damaged transfer, then what was wrong with its tally file', () => {
    const damaged = problemOf(
      'damaged',
      { part: 'tally-file' },
      problemOf('broken-chain', { line: 4 }),
    );
    const said = problemText('transfer', damaged);
    expect(said).toMatch(
      /^The code did not arrive whole and correct, so nothing was taken from it\./,
    );
    expect(said).toMatch(/Show it again\. Line 4 does not fit the chain of hashes/);
  });

  it('has words for every code in every language, never a key or the unknown-code sentence', async () => {
    for (const language of ALL_LANGUAGES) {
      await activateLanguage(language);
      for (const [area, codes] of [
        ['transfer', TRANSFER_PROBLEM_CODES],
        ['transfer-ack', ACK_PROBLEM_CODES],
      ] as const) {
        for (const code of codes) {
          const said = problemText(area, problemOf(code, { expected: 'a', event: 'b' }));
          expect(said, `${language} ${area}.${code}`).not.toMatch(/problem\.|\(code: /);
          expect(said.length).toBeGreaterThan(10);
        }
      }
    }
  });
});
