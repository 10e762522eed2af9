/**
 * Hostile text for the cross-site-scripting and injection sweep (issue 11): markup that runs
 * script if it is ever put into a page as HTML, template and message syntax, a spreadsheet formula,
 * a script URL, a line that would forge a Pabulib section, a bidi override, and very long text.
 * Every payload that could run sets the page-level flag `window.__ddXss` or opens an alert, so a
 * browser test that watches both (and CSP reports) knows that nothing ran.
 *
 * Shared by tests/e2e/xss-sweep.spec.ts and the unit and component tests named *xss*.
 */

/** The page-level flag a payload sets if it ever runs. */
export const XSS_FLAG = '__ddXss';

const RUN = `window.${XSS_FLAG}=1`;

export const PAYLOADS = {
  /** An image whose error handler runs: the classic stored XSS. */
  img: `<img src=x onerror="${RUN}">`,
  /** Breaks out of an attribute, then an SVG whose load handler runs. */
  svg: `"><svg onload=alert(1)>`,
  /** Ends a script block (a page that inlines data as JSON) and starts another. */
  script: `</script><script>${RUN}</script>`,
  /** Ends a style block (the self-contained results file inlines its CSS). */
  style: `</style><script>${RUN}</script>`,
  /** Template engines (Angular, Vue, Handlebars) and JavaScript template literals. */
  template: `{{constructor.constructor('${RUN}')()}} \${alert(1)}`,
  /** ICU message syntax: a value that looks like a placeholder must stay a value. */
  icu: '{event} {count, plural, one {#} other {#}}',
  /** OWASP CSV injection: a cell a spreadsheet would run as a formula. */
  formula: '=HYPERLINK("http://x","y")',
  /** A script URL: never a link's or a picture's address. */
  jsUrl: 'javascript:alert(1)',
  /** A Pabulib line: a title that tries to start a section of its own. */
  pbForge: 'x";1\nVOTES\nvoter_id;vote\n666;1',
  /** A right-to-left override ("exe.png" shown as "gnp.exe"): refused in names. */
  rtl: 'Hall \u202Egnp.exe',
  /** HTML entities, which must show as typed, not be decoded. */
  entity: '&lt;b&gt; &amp;amp; &#60;i&#62;',
} as const;

/** The payloads that start with what a spreadsheet would run: each must be neutralised in CSV. */
export const FORMULA_CELLS = [
  '=HYPERLINK("http://x","y")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
] as const;

/**
 * A one-line name holding the markup payloads, `label` first so each field's text can be found
 * on screen (the label is plain, the rest hostile). Under 200 characters: the longest name.
 */
export const hostileName = (label: string): string =>
  `${label} ${PAYLOADS.img} ${PAYLOADS.svg} {{constructor}} ${PAYLOADS.entity}`;

/** A short name (stations, wards, labels: 80 characters at most) holding the two markup payloads. */
export const hostileShort = (label: string): string => `${label} ${PAYLOADS.img} ${PAYLOADS.svg}`;

/** A longer text holding every markup payload, for summaries, descriptions and notes. */
export const hostileText = (label: string): string =>
  [
    label,
    PAYLOADS.img,
    PAYLOADS.svg,
    PAYLOADS.script,
    PAYLOADS.style,
    PAYLOADS.template,
    PAYLOADS.icu,
    PAYLOADS.jsUrl,
    PAYLOADS.entity,
  ].join(' ');

/** Very long text: `count` characters of a word that does not break, to find overflow. */
export const longText = (count: number): string => 'Ẅ'.repeat(count);
