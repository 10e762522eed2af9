/**
 * The ballot check at the door (src/server/ingest.ts) takes the common shapes by a direct check
 * (plainBallot) and leaves every other to zod: either way a push must be judged exactly as zod's
 * ballotSchema and the event's rules judge it, the same ballots kept and the same refused, with
 * the same codes and messages.
 */
import { describe, expect, it } from 'vitest';
import { validateBallot } from '../../src/core/ballot.ts';
import { DEMO_EVENT } from '../../src/core/demo-event.ts';
import { ballotSchema } from '../../src/core/schema.ts';
import { checkBallots } from '../../src/server/ingest.ts';
import { demoBallots } from './support/tally-server.ts';

const plain = { ...demoBallots('hall-1', 1)[0] } as Record<string, unknown>;

/** As checkBallots did before its direct check: zod for every ballot. */
function byZod(raw: readonly Record<string, unknown>[]) {
  const valid: unknown[] = [];
  const refused: string[] = [];
  for (const candidate of raw) {
    const parsed = ballotSchema.safeParse(candidate);
    if (!parsed.success) refused.push(`${String(candidate['id'])}:invalid-ballot`);
    else {
      const checked = validateBallot(DEMO_EVENT, parsed.data);
      if (checked.ok) valid.push(checked.value);
      else refused.push(`${String(candidate['id'])}:${checked.error.code}`);
    }
  }
  return { valid, refused };
}

const cases: Record<string, unknown>[] = [
  plain,
  { ...plain, id: 'paper', paper: true },
  { ...plain, id: 'coded', code: '0123456789abcdef0123456789abcdef' },
  // Zod's business: trimmed, dropped or refused there, with its message.
  { ...plain, id: 'area', area: '  Burnfoot  ' },
  { ...plain, id: 'extra', colour: 'blue' },
  { ...plain, id: 'paper-false', paper: false },
  { ...plain, id: 'bad-hour', castHour: '2026-06-13T10:30Z' },
  { ...plain, id: 'bad code', code: 'XYZ' },
  { ...plain, id: 'no-choice', choice: undefined },
  { ...plain, id: 'number-bids', choice: { kind: 'approval', bids: [1, 2] } },
  // Well formed, refused by the event's rules.
  { ...plain, id: 'unknown-bid', choice: { kind: 'approval', bids: ['no-such-bid'] } },
  { ...plain, id: 'other-event', eventId: 'another-event' },
];

describe('checking pushed ballots', () => {
  it('keeps and refuses exactly what zod and the event rules would', () => {
    const checked = checkBallots(DEMO_EVENT, cases as { id: string }[], 'hall-1');
    const expected = byZod(cases);
    expect(checked.valid).toEqual(expected.valid);
    expect(checked.rejected.map((r) => `${r.id}:${r.code}`)).toEqual(expected.refused);
    // Sanity: the cases do reach both sides.
    expect(checked.valid.length).toBeGreaterThanOrEqual(3);
    expect(checked.rejected.length).toBeGreaterThanOrEqual(5);
  });

  it("names zod's problem for a ballot that is not well formed", () => {
    const { rejected } = checkBallots(DEMO_EVENT, [cases[6] as { id: string }], 'hall-1');
    expect(rejected[0]?.message).toMatch(
      /^Ballot bad-hour is not a well-formed ballot at castHour/,
    );
  });
});
