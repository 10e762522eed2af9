/**
 * What a browser context's pages report that a test should fail on: Content-Security-Policy
 * violations (the DOM's `securitypolicyviolation` event and Chromium's console message), shared by
 * the CSP spec and the XSS sweep.
 */
import type { BrowserContext, Page } from '@playwright/test';

/**
 * zod probes once whether it may compile its parsers (`Function('')` in a try/catch); under a policy
 * with no 'unsafe-eval' the probe is refused and zod uses its plain parsers: the one report that
 * is expected. Any other is a failure.
 */
const ZOD_PROBE =
  /^script-src(?:-elem)? blocked eval at .*\/assets\/[\w.-]+\.js:\d+$|Refused to evaluate a string as JavaScript/;

/** Every violation a page of this context reports, from the DOM event or the console. */
export async function watchViolations(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  const note = (text: string) => {
    if (!ZOD_PROBE.test(text)) seen.push(text);
  };
  await context.exposeBinding('__reportCsp', (_source, text: string) => note(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp;
      report(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const watch = (page: Page) =>
    page.on('console', (message) => {
      const text = message.text();
      if (
        /Content Security Policy|Refused to (?:load|execute|apply|evaluate|connect|frame|create)/i.test(
          text,
        )
      )
        note(text);
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  return seen;
}
