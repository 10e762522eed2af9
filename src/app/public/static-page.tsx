/**
 * The published results as one self-contained HTML file, to email or put on a council website: the
 * page in each of the event's languages (each its own <article lang dir>), a language list of
 * in-page links, and every style it uses copied in. No script, no picture, no font, no address to
 * fetch: it opens the same with no network. The chart is HTML and CSS already.
 *
 * Styles are copied from the page as the browser has them (only the rules that match something in
 * the file, and every @media and @font-face wrapper around them), so the file looks exactly like
 * the page, CSS modules' class names and print rules included, and nothing is styled twice.
 *
 * react-dom/server is imported here, on the first download: neither the station nor a visit that
 * never downloads pays for it.
 */
import { I18nProvider } from '@lingui/react';
import type { Publication } from '../../core/publication.ts';
import { eventText } from '../../core/event-text.ts';
import { PUBLIC_PARTS, separateCatalogue } from '../i18n/catalogue.ts';
import { directionOf, LANGUAGES, type Language } from '../i18n/languages.ts';
import { ResultsArticle } from './ResultsArticle.tsx';
import fileCss from './self-contained.css?inline';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** A selector with its pseudo-classes and pseudo-elements taken off, to test against the file. */
const bare = (selector: string) =>
  selector.replace(/::?[a-zA-Z-]+(\((?:[^()]|\([^()]*\))*\))?/g, '').trim() || '*';

function matches(doc: Document, selectorText: string): boolean {
  return selectorText.split(',').some((part) => {
    try {
      return doc.querySelector(bare(part)) !== null;
    } catch {
      return true; // A selector this test cannot read is kept rather than lost.
    }
  });
}

/** The rules of `rules` that style something in `doc`, as CSS text. */
function usedRules(doc: Document, rules: CSSRuleList): string {
  let out = '';
  for (const rule of Array.from(rules)) {
    if (rule instanceof CSSStyleRule) {
      if (matches(doc, rule.selectorText)) out += `${rule.cssText}\n`;
    } else if (rule instanceof CSSMediaRule) {
      const inner = usedRules(doc, rule.cssRules);
      if (inner !== '') out += `@media ${rule.conditionText} {\n${inner}}\n`;
    } else if (rule instanceof CSSSupportsRule) {
      const inner = usedRules(doc, rule.cssRules);
      if (inner !== '') out += `@supports ${rule.conditionText} {\n${inner}}\n`;
    } else if (!(rule instanceof CSSImportRule)) {
      // @font-face, @keyframes, @property…: small, and a rule above may need them.
      out += `${rule.cssText}\n`;
    }
  }
  return out;
}

/**
 * The markup without its style attributes (the chart's bar widths), which never decide whether a
 * rule matches: a document DOMParser makes inherits the page's Content-Security-Policy, which
 * refuses inline styles, so parsing them reported one violation per bar on every download.
 * React writes a `"` inside any attribute or text as `&quot;`, so a value ends at the next `"`.
 */
const withoutStyleAttributes = (html: string) => html.replace(/ style="[^"]*"/g, '');

/** The page's styles that the file's markup uses. */
export function stylesFor(html: string): string {
  const doc = new DOMParser().parseFromString(withoutStyleAttributes(html), 'text/html');
  let css = '';
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      css += usedRules(doc, sheet.cssRules);
    } catch {
      // A sheet from another origin cannot be read; the app has none.
    }
  }
  return css;
}

/**
 * The file's own Content-Security-Policy: opened from disk or from a council's website, no server
 * of ours sends one, and the file needs nothing but its inline styles. Should an organiser's text
 * ever reach it as markup, no script runs and nothing is fetched (issue 11, the XSS sweep).
 */
export const FILE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export interface FileOptions {
  /** The live page's address, named in the file so a reader can find the current version. */
  url: string;
}

export async function selfContainedHtml(
  publication: Publication,
  languages: readonly Language[],
  { url }: FileOptions,
): Promise<string> {
  const { renderToStaticMarkup } = await import('react-dom/server');
  const first = languages[0] ?? 'en-GB';
  const catalogues = await Promise.all(languages.map((l) => separateCatalogue(l, PUBLIC_PARTS)));
  const articles = languages.map((language, i) => {
    const instance = catalogues[i];
    if (instance === undefined) return '';
    const body = renderToStaticMarkup(
      <I18nProvider i18n={instance}>
        <ResultsArticle publication={publication} />
        <p className="file-note">{instance._('results.file.note', { url })}</p>
      </I18nProvider>,
      // Ids (the chart's title, each pot's heading) stay unique with several languages in one file.
      { identifierPrefix: `${language}-` },
    );
    return `<article id="lang-${language}" class="file-lang" lang="${language}" dir="${directionOf(language)}">${body}</article>`;
  });
  const own = catalogues[0];
  const label = own === undefined ? '' : own._('results.public.languages');
  const nav =
    languages.length < 2
      ? ''
      : `<nav class="file-languages" aria-label="${escapeHtml(label)}"><ul>${languages
          .map(
            (l) =>
              `<li><a href="#lang-${l}" lang="${l}" hreflang="${l}">${escapeHtml(LANGUAGES[l].name)}</a></li>`,
          )
          .join('')}</ul></nav>`;
  const name = eventText(publication.event, 'name', first)?.text ?? publication.event.name;
  const title = own === undefined ? name : own._('results.public.document-title', { event: name });
  const main = `<main class="file-page">${nav}${articles.join('')}</main>`;
  const css = stylesFor(`<!doctype html><html><body>${main}</body></html>`);
  return [
    '<!doctype html>',
    `<html lang="${first}" dir="${directionOf(first)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${FILE_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${css}\n${fileCss}</style>`,
    '</head>',
    `<body>${main}</body>`,
    '</html>',
    '',
  ].join('\n');
}
