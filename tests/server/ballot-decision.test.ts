/**
 * The ledger's decision for one pushed ballot (src/server/store/ledger/ballot-decision.ts), on
 * hand-made cases whose answer is known: the whole store path (event-ledger.ts) is tested through
 * the server in sync.test.ts, voting-codes.test.ts and closing.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Ballot } from '../../src/core/schema.ts';
import { decideBallot, type BallotFacts } from '../../src/server/store/ledger/ballot-decision.ts';
import { approvalBallot } from '../fixtures/tally/ballots.ts';

const ballot = approvalBallot('b-1', ['gala-day', 'chair-yoga']);

const facts = (over: Partial<BallotFacts> = {}): BallotFacts => ({
  held: undefined,
  state: 'open',
  rehearsal: false,
  codeRefusal: () => null,
  ...over,
});

const codeUnknown = {
  code: 'code-unknown' as const,
  message: 'Ballot b-1 carries a voting code this event never issued: kept apart.',
};

describe('deciding one pushed ballot', () => {
  it('adds a new ballot while the event is open or closed', () => {
    expect(decideBallot(ballot, facts())).toEqual({ kind: 'add' });
    expect(decideBallot(ballot, facts({ state: 'closed' }))).toEqual({ kind: 'add' });
  });

  it('acknowledges the very ballot again, written with its keys in another order', () => {
    const reordered = {
      choice: ballot.choice,
      castHour: ballot.castHour,
      stationId: ballot.stationId,
      eventId: ballot.eventId,
      id: ballot.id,
    } as Ballot;
    expect(decideBallot(ballot, facts({ held: reordered }))).toEqual({ kind: 'again' });
    // Even once the count is final: it is already in it.
    expect(decideBallot(ballot, facts({ held: ballot, state: 'final' }))).toEqual({
      kind: 'again',
    });
  });

  it('keeps apart a ballot whose id is held with other choices: the first one counts', () => {
    const other = approvalBallot('b-1', ['gala-day']);
    const decision = decideBallot(other, facts({ held: ballot }));
    expect(decision).toMatchObject({ kind: 'refuse', refusal: { code: 'conflict' } });
  });

  it('keeps apart a new ballot once the count is final, and one cast in a rehearsal', () => {
    expect(decideBallot(ballot, facts({ state: 'final' }))).toMatchObject({
      refusal: { code: 'event-final' },
    });
    expect(decideBallot(ballot, facts({ rehearsal: true }))).toMatchObject({
      refusal: { code: 'rehearsal-ballot' },
    });
  });

  it("asks about the voting code only of a ballot that would be added, and keeps it apart on the code's word", () => {
    const codeRefusal = vi.fn(() => codeUnknown);
    expect(decideBallot(ballot, facts({ codeRefusal }))).toEqual({
      kind: 'refuse',
      refusal: codeUnknown,
    });
    expect(codeRefusal).toHaveBeenCalledTimes(1);
    // Not asked of a ballot already held (its own earlier use of the code would refuse it), nor
    // of one kept apart for another reason: it is kept apart for that one.
    decideBallot(ballot, facts({ codeRefusal, held: ballot }));
    decideBallot(ballot, facts({ codeRefusal, state: 'final' }));
    decideBallot(ballot, facts({ codeRefusal, rehearsal: true }));
    expect(codeRefusal).toHaveBeenCalledTimes(1);
  });
});
