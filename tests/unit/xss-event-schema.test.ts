/**
 * What the event schema refuses of hostile text (issue 11, the XSS sweep), so it never reaches a
 * screen: a bidi override in a name, and a bid picture that is not a path on the app's own origin.
 * A picture's `image` becomes `<img src="/{image}">`: "/evil.example/x.png" made that
 * "//evil.example/x.png", an address on another site (a tracking pixel, stopped only by the CSP),
 * and "../api/…" or "images/../api/…" a request to the API with the organiser's credentials.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { bidSchema, eventSchema } from '../../src/core/schema.ts';
import { PAYLOADS, hostileName, hostileText } from '../support/xss-payloads.ts';

const bid = DEMO_EVENT.bids[0]!;
const withImage = (image: string) => bidSchema.safeParse({ ...bid, image }).success;

describe('the event schema against hostile text', () => {
  it('takes markup, template and formula text as plain text', () => {
    const event = {
      ...DEMO_EVENT,
      name: hostileName('Event'),
      welcome: hostileText('Welcome'),
      bids: DEMO_EVENT.bids.map((b, i) => ({
        ...b,
        title: i === 0 ? PAYLOADS.formula : hostileName(`Bid ${i}`),
        summary: hostileText('Summary'),
      })),
    };
    const parsed = eventSchema.safeParse(event);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.name).toBe(event.name);
  });

  it('refuses a bidi override in a name', () => {
    expect(eventSchema.safeParse({ ...DEMO_EVENT, name: PAYLOADS.rtl }).success).toBe(false);
  });

  it('takes a picture only as a path on the app’s own origin', () => {
    expect(withImage('images/cooking-club.svg')).toBe(true);
    expect(withImage(`api/pictures/${'a'.repeat(64)}.jpg`)).toBe(true);
    for (const image of [
      PAYLOADS.jsUrl,
      'data:image/svg+xml,<svg onload=alert(1)>',
      '/evil.example/x.png',
      '//evil.example/x.png',
      '../api/v1/audit',
      'images/../../api/v1/events/x/register',
      'images//evil.example/x.png',
      './images/x.svg',
    ]) {
      expect(withImage(image), image).toBe(false);
    }
  });
});
