import { describe, expect, test } from 'vitest';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { bidText, eventLanguages, eventText } from '../../src/core/event-text.ts';
import type { EventDefinition } from '../../src/core/schema.ts';
import { eventSchema } from '../../src/core/schema.ts';

const base = DEMO_EVENT.bids[0]!;
const event: EventDefinition = {
  ...DEMO_EVENT,
  languages: ['cy', 'en-GB'],
  name: 'Dewis Cymunedol',
  translations: { 'en-GB': { name: 'Community Choices' } },
  bids: [
    {
      ...base,
      // The demo's own easy read is left out: this bid has none in any language.
      easyRead: undefined,
      title: 'Clwb coginio',
      summary: 'Sesiynau coginio wythnosol.',
      translations: { 'en-GB': { title: 'Cooking club' } },
    },
    ...DEMO_EVENT.bids.slice(1),
  ],
};
const bid = event.bids[0]!;

describe('event texts in a voter’s language', () => {
  test('the event offers its own language first', () => {
    expect(eventLanguages(event)).toEqual(['cy', 'en-GB']);
    expect(eventLanguages({ ...event, languages: undefined })).toEqual(['en-GB']);
    expect(eventSchema.safeParse(event).success).toBe(true);
  });

  test('a translated text comes in the voter’s language', () => {
    expect(eventText(event, 'name', 'en-GB')).toEqual({ text: 'Community Choices', lang: 'en-GB' });
    expect(bidText(event, bid, 'title', 'en-GB')).toEqual({ text: 'Cooking club', lang: 'en-GB' });
  });

  test('an untranslated text shows in the event’s language, marked as such', () => {
    expect(bidText(event, bid, 'summary', 'en-GB')).toEqual({
      text: 'Sesiynau coginio wythnosol.',
      lang: 'cy',
    });
    expect(bidText(event, bid, 'title', 'pl')).toEqual({ text: 'Clwb coginio', lang: 'cy' });
  });

  test('the event’s own language ignores a stray translation into itself', () => {
    const odd = { ...bid, translations: { cy: { title: 'Arall' } } };
    expect(bidText(event, odd, 'title', 'cy')).toEqual({ text: 'Clwb coginio', lang: 'cy' });
  });

  test('a text nobody wrote is absent', () => {
    expect(bidText(event, bid, 'easyRead', 'cy')).toBeUndefined();
  });

  test('a malformed language tag is refused', () => {
    expect(eventSchema.safeParse({ ...event, languages: ['Welsh!'] }).success).toBe(false);
  });
});
