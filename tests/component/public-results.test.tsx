// The public results page's content and its self-contained file: the winners of each pot with their
// amounts and a "Why?", the ties section, the tally file's hash with the commands that re-derive
// it; the file holds the page once per language (lang, dir), in-page language links, and no script
// or external resource. Also the page's address and language choice.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { buildPublication, type Publication } from '../../src/core/publication.ts';
import { activateLanguage, PUBLIC_PARTS } from '../../src/app/i18n/catalogue.ts';
import { CatalogueProvider } from '../../src/app/i18n/react.tsx';
import { ResultsArticle } from '../../src/app/public/ResultsArticle.tsx';
import { selfContainedHtml } from '../../src/app/public/static-page.tsx';
import {
  firstLanguage,
  pageLanguages,
  publicEventId,
} from '../../src/app/public/public-results.ts';
import { approvalBallot } from '../fixtures/tally/ballots.ts';
import { countedFile } from '../fixtures/tally/final-file.ts';

afterEach(cleanup);

function publication(withdraw?: string): Publication {
  const ballots = [
    approvalBallot('b-1', ['gala-day']),
    approvalBallot('b-2', ['gala-day', 'cooking-club']),
    approvalBallot('b-3', ['walking-group']),
  ];
  const text = countedFile(ballots, withdraw === undefined ? {} : { withdraw });
  const built = buildPublication(text, '2026-06-14T10:00:00.000Z');
  if (!built.ok) throw new Error(JSON.stringify(built.error));
  return built.value;
}

const p = publication();
const titles = (ids: string[]) => ids.map((id) => DEMO_EVENT.bids.find((b) => b.id === id)?.title);

describe('the public results page', { timeout: 30_000 }, () => {
  beforeAll(() => activateLanguage('en-GB', PUBLIC_PARTS));

  it('shows each pot’s winners with amounts and why, the ties and how to check it', () => {
    render(
      <CatalogueProvider>
        <ResultsArticle publication={p} />
      </CatalogueProvider>,
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(DEMO_EVENT.name);
    const community = screen.getByRole('region', { name: 'Community fund' });
    const funded = within(community).getAllByRole('list')[0];
    if (funded === undefined) throw new Error('no list of winners');
    const pot = p.result.pots.find((x) => x.potId === 'main');
    expect(pot?.selected.length).toBeGreaterThan(0);
    for (const title of titles(pot?.selected ?? [])) {
      expect(within(funded).getAllByText(title ?? '?').length).toBeGreaterThan(0);
    }
    expect(within(funded).getAllByText('Why?').length).toBe(pot?.selected.length);
    expect(within(funded).getByText('£5,000')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Ties and how they were broken' })).toBeVisible();
    expect(screen.getByText(p.tallyFileHash)).toBeInTheDocument();
    expect(screen.getByText('decision-day verify FILE')).toHaveAttribute('dir', 'ltr');
    expect(
      screen.getByText(`decision-day tally FILE --rule ${p.rule} --explain`),
    ).toBeInTheDocument();
  });

  it('names a bid withdrawn after voting with the reason, and does not fund it', () => {
    const withdrawn = publication('gala-day');
    render(
      <CatalogueProvider>
        <ResultsArticle publication={withdrawn} />
      </CatalogueProvider>,
    );
    expect(screen.getByText(/Burnfoot gala day.*Found ineligible/)).toBeInTheDocument();
    const community = screen.getByRole('region', { name: 'Community fund' });
    const funded = within(community).getAllByRole('list')[0];
    expect(withdrawn.result.selected).not.toContain('gala-day');
    expect(funded?.querySelector('li')?.textContent).not.toContain('Burnfoot gala day');
  });

  it('saves one file with the page in each language, no script and nothing to fetch', async () => {
    const html = await selfContainedHtml(p, ['en-GB', 'ar'], { url: 'https://example.org/r' });
    expect(html).not.toMatch(/<script|<link|<img|src=/i);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const articles = [...doc.querySelectorAll('article')];
    expect(articles.map((a) => [a.id, a.lang, a.dir])).toEqual([
      ['lang-en-GB', 'en-GB', 'ltr'],
      ['lang-ar', 'ar', 'rtl'],
    ]);
    expect([...doc.querySelectorAll('nav a')].map((a) => a.getAttribute('href'))).toEqual([
      '#lang-en-GB',
      '#lang-ar',
    ]);
    const english = articles[0]?.textContent ?? '';
    for (const title of titles(p.result.selected)) expect(english).toContain(title);
    expect(articles[1]?.textContent).toContain('تحقّق من هذه النتائج بنفسك');
    // Ids stay unique with two languages in one document.
    const ids = [...doc.querySelectorAll('[id]')].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads its address and chooses a language the event has', () => {
    expect(publicEventId('/results/burnfoot-2026', '/')).toBe('burnfoot-2026');
    expect(publicEventId('/results/a%3Ab/', '/')).toBe('a:b');
    expect(publicEventId('/organiser/x', '/')).toBeNull();
    const languages = pageLanguages(p);
    expect(languages).toEqual(['en-GB', 'cy', 'gd', 'pl', 'ar']);
    expect(firstLanguage(languages, 'ar', ['cy'])).toBe('ar');
    expect(firstLanguage(languages, null, ['pl-PL', 'en'])).toBe('pl');
    expect(firstLanguage(languages, 'fr', ['de'])).toBe('en-GB');
    expect(pageLanguages({ ...p, event: { ...p.event, languages: ['fr', 'cy'] } })).toEqual(['cy']);
  });
});
