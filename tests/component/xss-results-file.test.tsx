/**
 * The self-contained results file (src/app/public/static-page.tsx) with hostile texts (issue 11,
 * the XSS sweep): it is opened from disk, where no server sends a Content-Security-Policy, so
 * nothing in it may be markup an organiser typed, and the file carries its own policy that lets no
 * script run even if something were.
 */
import { describe, expect, it } from 'vitest';
import { selfContainedHtml } from '../../src/app/public/static-page.tsx';
import { buildPublication, type Publication } from '../../src/core/publication.ts';
import { approvalBallot } from '../fixtures/tally/ballots.ts';
import { countedFile } from '../fixtures/tally/final-file.ts';
import { PAYLOADS, hostileName, hostileShort, hostileText } from '../support/xss-payloads.ts';

function hostilePublication(): Publication {
  const text = countedFile([
    approvalBallot('b-1', ['gala-day']),
    approvalBallot('b-2', ['gala-day', 'cooking-club']),
  ]);
  const built = buildPublication(text, '2026-06-14T10:00:00.000Z');
  if (!built.ok) throw new Error(JSON.stringify(built.error));
  const p = built.value;
  const potName = hostileName('Pot');
  return {
    ...p,
    event: {
      ...p.event,
      name: hostileName('Event'),
      place: hostileName('Place'),
      translations: { ar: { name: hostileName('فعالية') } },
      bids: p.event.bids.map((b) => ({
        ...b,
        title: hostileName(`Bid ${b.id}`),
        group: hostileShort('Group'),
        summary: hostileText('Summary'),
        translations: undefined,
      })),
      pots: p.event.pots.map((pot) => ({ ...pot, name: potName, translations: undefined })),
    },
    result: { ...p.result, pots: p.result.pots.map((pot) => ({ ...pot, name: potName })) },
    withdrawals: [{ bid: 'walking-group', reason: hostileText('Reason'), at: p.publishedAt }],
  };
}

describe('the results file with hostile texts', { timeout: 30_000 }, () => {
  it('shows every text as typed and holds no markup of its own', async () => {
    const p = hostilePublication();
    const html = await selfContainedHtml(p, ['en-GB', 'ar'], { url: PAYLOADS.jsUrl });
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(
      doc.querySelectorAll('script, img, svg, iframe, object, embed, a[href^="javascript"]'),
    ).toHaveLength(0);
    const handlers = [...doc.querySelectorAll('*')].flatMap((el) =>
      el.getAttributeNames().filter((name) => name.startsWith('on')),
    );
    expect(handlers).toEqual([]);
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    expect(doc.title).toContain(p.event.name);
    const english = doc.querySelector('article[lang="en-GB"]');
    expect(english?.querySelector('h1')?.textContent).toBe(p.event.name);
    expect(english?.textContent).toContain(p.event.bids[0]?.title);
    expect(english?.textContent).toContain(hostileText('Reason'));
    expect(doc.querySelector('article[lang="ar"] h1')?.textContent).toBe(hostileName('فعالية'));
  });

  it('carries a policy that lets no script run and nothing load when opened from disk', async () => {
    const html = await selfContainedHtml(hostilePublication(), ['en-GB'], { url: 'https://x.org' });
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const policy = doc
      .querySelector('head meta[http-equiv="Content-Security-Policy"]')
      ?.getAttribute('content');
    expect(policy).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    );
    // Before anything the policy would guard: right after the character set.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<title>'));
  });
});
