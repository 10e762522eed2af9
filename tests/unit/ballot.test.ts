import { describe, expect, it } from 'vitest';
import { castHourOf, validateBallot } from '../../src/core/ballot.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import {
  eventSchema,
  type Ballot,
  type Choice,
  type EventDefinition,
} from '../../src/core/schema.ts';

const ballot = (choice: Choice, event: EventDefinition = DEMO_EVENT): Ballot => ({
  id: 'b1',
  eventId: event.id,
  stationId: 'hall-1',
  castHour: '2026-06-13T10:00Z',
  choice,
});
const withMethod = (method: EventDefinition['method']): EventDefinition => ({
  ...DEMO_EVENT,
  method,
});
const codeOf = (event: EventDefinition, choice: Choice) => {
  const r = validateBallot(event, ballot(choice, event));
  return r.ok ? 'ok' : r.error.code;
};

describe('the demo event', () => {
  it('is a valid event definition', () => {
    expect(eventSchema.safeParse(DEMO_EVENT).success).toBe(true);
  });
});

describe('approval ballots', () => {
  it('are stored with their bids sorted, so equal choices hash equally', () => {
    const r = validateBallot(
      DEMO_EVENT,
      ballot({ kind: 'approval', bids: ['gala-day', 'chair-yoga'] }),
    );
    expect(r).toEqual({
      ok: true,
      value: ballot({ kind: 'approval', bids: ['chair-yoga', 'gala-day'] }),
    });
  });
  it('refuse too few, too many, unknown and repeated bids', () => {
    expect(codeOf(DEMO_EVENT, { kind: 'approval', bids: [] })).toBe('too-few');
    const six = DEMO_EVENT.bids.slice(0, 6).map((b) => b.id);
    expect(codeOf(DEMO_EVENT, { kind: 'approval', bids: six })).toBe('too-many');
    expect(codeOf(DEMO_EVENT, { kind: 'approval', bids: ['nope'] })).toBe('unknown-bid');
    expect(codeOf(DEMO_EVENT, { kind: 'approval', bids: ['gala-day', 'gala-day'] })).toBe(
      'repeated-bid',
    );
  });
  it('refuse a ballot of another event or another method', () => {
    const other = validateBallot(
      { ...DEMO_EVENT, id: 'other' },
      ballot({ kind: 'approval', bids: ['gala-day'] }),
    );
    expect(other.ok ? 'ok' : other.error.code).toBe('wrong-event');
    expect(codeOf(DEMO_EVENT, { kind: 'ranking', ranking: ['gala-day'] })).toBe('wrong-method');
  });
});

describe('other methods', () => {
  it('knapsack: the total must fit the limit', () => {
    const e = withMethod({ kind: 'knapsack', limit: 5_000_00 });
    expect(codeOf(e, { kind: 'knapsack', bids: ['gala-day'] })).toBe('ok');
    expect(codeOf(e, { kind: 'knapsack', bids: ['gala-day', 'chair-yoga'] })).toBe('over-limit');
  });
  it('score: in range, and every bid scored unless "no opinion" is allowed', () => {
    const strict = withMethod({ kind: 'score', min: 1, max: 5, allowNoOpinion: false });
    const all = DEMO_EVENT.bids.map((b) => ({ bid: b.id, score: 3 }));
    expect(codeOf(strict, { kind: 'score', scores: all })).toBe('ok');
    expect(codeOf(strict, { kind: 'score', scores: all.slice(1) })).toBe('missing-score');
    expect(codeOf(strict, { kind: 'score', scores: [{ bid: 'gala-day', score: 6 }] })).toBe(
      'score-out-of-range',
    );
    const lenient = withMethod({ kind: 'score', min: 1, max: 5, allowNoOpinion: true });
    expect(codeOf(lenient, { kind: 'score', scores: [{ bid: 'gala-day', score: null }] })).toBe(
      'ok',
    );
  });
  it('ranking: at most K ranks, order kept', () => {
    const e = withMethod({ kind: 'ranking', maxRanks: 2 });
    const r = validateBallot(
      e,
      ballot({ kind: 'ranking', ranking: ['gala-day', 'chair-yoga'] }, e),
    );
    expect(r.ok && r.value.choice).toEqual({
      kind: 'ranking',
      ranking: ['gala-day', 'chair-yoga'],
    });
    expect(codeOf(e, { kind: 'ranking', ranking: ['gala-day', 'chair-yoga', 'bike-repair'] })).toBe(
      'too-many',
    );
  });
  it('cumulative: points within the total and the per-bid limit', () => {
    const e = withMethod({ kind: 'cumulative', points: 10, maxPerBid: 4 });
    expect(codeOf(e, { kind: 'cumulative', points: [{ bid: 'gala-day', points: 4 }] })).toBe('ok');
    expect(codeOf(e, { kind: 'cumulative', points: [{ bid: 'gala-day', points: 5 }] })).toBe(
      'points-over-bid-limit',
    );
    const many = ['gala-day', 'chair-yoga', 'bike-repair'].map((bid) => ({ bid, points: 4 }));
    expect(codeOf(e, { kind: 'cumulative', points: many })).toBe('points-over-total');
  });
});

describe('castHourOf', () => {
  it('keeps only the hour', () => {
    expect(castHourOf(new Date('2026-06-13T14:37:12.345Z'))).toBe('2026-06-13T14:00Z');
  });
});
