/**
 * The app's words for codes (src/app/i18n/problems.ts over problems.po), in each shipped language:
 * a problem and its cause, a code no catalogue knows, ties and thresholds, and every plural form
 * of every language filled in with a number of its category.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateLanguage, i18n } from '../../src/app/i18n/catalogue.ts';
import { ALL_LANGUAGES } from '../../src/app/i18n/languages.ts';
import {
  describeProblem,
  exclusionText,
  problemKey,
  problemText,
  tieText,
} from '../../src/app/i18n/problems.ts';
import type { Translate } from '../../src/app/i18n/react.tsx';
import { problemOf } from '../../src/core/problem.ts';
import { describeHttpProblem } from '../../src/sync/problems.ts';
import { messages as englishProblems } from '../../src/app/i18n/locales/en-GB/problems.po';

const t: Translate = (key, values) => i18n._(key, values);

beforeAll(async () => {
  await Promise.all(ALL_LANGUAGES.map((l) => activateLanguage(l, ['problems'])));
  await activateLanguage('en-GB');
});
afterAll(() => activateLanguage('en-GB'));

describe('problems in English', () => {
  it('says a sync problem with its facts', () => {
    const problem = describeHttpProblem({ kind: 'unreachable' }, 'http://192.168.1.20:8080');
    expect(describeProblem(t, 'sync', problem)).toMatch(
      /^Cannot reach the tally server at 192\.168\.1\.20:8080\. The ballots are safe/,
    );
  });

  it('follows a problem with its cause: the server’s reason under a refused join', () => {
    const refused = problemOf('refused', {}, problemOf('unknown-join-code'));
    expect(problemText('join', refused)).toBe(
      'The tally server did not let this station join. No event has that join code. Check it ' +
        'on the organiser’s screen.',
    );
  });

  it('words a ballot’s problem the same wherever it turns up', () => {
    const tooMany = problemOf('too-many', { max: 3, method: 'approval' });
    expect(problemKey('rejection', 'too-many')).toBe('problem.ballot.too-many');
    expect(problemText('cast', tooMany)).toBe('Choose at most 3 bids.');
    expect(problemText('rejection', tooMany)).toBe('Choose at most 3 bids.');
    expect(problemText('rejection', problemOf('conflict'))).toMatch(/same id/);
    expect(problemText('ballot', problemOf('too-many', { max: 1, method: 'ranking' }))).toBe(
      'Rank at most 1 bid.',
    );
  });

  it('names the part of a ballot with sections where the reader sees the ballot from outside', () => {
    const inBoost = problemOf('too-many', { max: 1, method: 'approval', section: 'boost' });
    // The voter is in that part already: the problem's own words.
    expect(problemText('cast', inBoost)).toBe('Choose at most 1 bid.');
    expect(problemText('rejection', inBoost)).toBe(
      'In the part “boost” of the ballot: Choose at most 1 bid.',
    );
    const badLine = problemOf('invalid-ballot', { line: 4, kind: 'invalid' }, inBoost);
    expect(problemText('tally-file', badLine)).toMatch(
      /In the part “boost” of the ballot: Choose at most 1 bid\.$/,
    );
    expect(problemText('rejection', problemOf('missing-ward', { section: 'your-ward' }))).toBe(
      'In the part “your-ward” of the ballot: Choose the ward you live in first.',
    );
  });

  it('says a code it has no words for, rather than showing a key', () => {
    expect(problemText('api', problemOf('from-a-newer-server'))).toBe(
      'Something went wrong (code: from-a-newer-server).',
    );
  });

  it('words thresholds and ties, naming bids in a list of the language', () => {
    const excluded = problemOf('below-min-support', { voters: 1, ballots: 4, share: 0.5 });
    expect(exclusionText(t, excluded)).toBe(
      'Supported on 1 of 4 ballots, below the 50% threshold.',
    );
    const tie = {
      potId: 'p',
      bids: ['gala', 'yoga', 'bikes'],
      decidedBy: 'cost' as const,
      situation: 'equal-support' as const,
    };
    const names: Record<string, string> = { gala: 'Gala day', yoga: 'Chair yoga', bikes: 'Bikes' };
    expect(tieText(t, tie, (id) => names[id] ?? id)).toBe(
      'Bids Gala day, Chair yoga and Bikes had equal support; Gala day is cheaper.',
    );
  });
});

describe('problems in Welsh, Gaelic, Polish and Arabic', () => {
  it('are in the language, with the facts in place', async () => {
    await activateLanguage('cy');
    expect(problemText('pin', problemOf('station-not-set-up'))).toBe(
      'Nid yw’r orsaf hon wedi’i gosod eto.',
    );
    expect(
      tieText(t, { potId: 'p', bids: ['a', 'b'], decidedBy: 'votes', situation: 'equal-value' }),
    ).toMatch(
      /^Rhoddodd y ceisiadau a .*b yr un gwerth am arian .*roedd gan a fwy o bleidleiswyr\.$/,
    );
    await activateLanguage('ar');
    expect(problemText('sync', problemOf('timeout', { host: 'tally.example' }))).toContain(
      'tally.example',
    );
    await activateLanguage('en-GB');
  });

  /** For each plural category of a language, a number in that category. */
  const samples = (language: string) => {
    const rules = new Intl.PluralRules(language);
    const found = new Map<string, number>();
    for (let n = 0; n <= 200; n++) if (!found.has(rules.select(n))) found.set(rules.select(n), n);
    return found;
  };
  const pluralKeys = Object.keys(englishProblems).filter((key) => {
    const text = JSON.stringify(englishProblems[key]);
    return text.includes('"plural"');
  });

  it.each(ALL_LANGUAGES.map((l) => [l]))(
    'fills in every plural message of %s for a number of each category',
    async (language) => {
      await activateLanguage(language);
      expect(pluralKeys.length).toBeGreaterThan(5);
      for (const key of pluralKeys) {
        const outputs = new Set<string>();
        for (const n of samples(language).values()) {
          const values = {
            min: n,
            max: n,
            points: n,
            triesLeft: n,
            seconds: n,
            ballots: n,
            voters: 0,
            share: 0.2,
            method: 'approval',
          };
          const text = i18n._(key, values);
          expect(text, `${language} ${key} ${n}`).not.toMatch(/[{}]/);
          outputs.add(text);
        }
        // Each category has its own words (or at least its own number).
        expect(outputs.size, `${language} ${key}`).toBe(samples(language).size);
      }
      await activateLanguage('en-GB');
    },
  );
});
