/** The order of the projector reveal: a title card, each funded bid pot by pot, then the totals. */
import type { EventDefinition } from '../../../core/schema.ts';
import type { TallyResult } from '../../../core/tally/types.ts';

export type RevealStep =
  | { kind: 'intro'; eventName: string; ballots: number }
  | {
      kind: 'bid';
      /** 1-based among funded bids, for "3 of 7". */
      number: number;
      of: number;
      potId: string;
      bidId: string;
      group: string;
      amount: number;
    }
  | { kind: 'done'; funded: number; spent: number };

export function revealSteps(event: EventDefinition, result: TallyResult): RevealStep[] {
  const bids = new Map(event.bids.map((b) => [b.id, b]));
  const funded = result.pots.flatMap((pot) =>
    pot.selected.map((id) => ({ pot, bid: bids.get(id) })),
  );
  const steps: RevealStep[] = [
    { kind: 'intro', eventName: event.name, ballots: result.ballotsCounted },
  ];
  funded.forEach(({ pot, bid }, i) => {
    if (bid === undefined) throw new Error(`Funded bid missing from the event in pot ${pot.potId}`);
    steps.push({
      kind: 'bid',
      number: i + 1,
      of: funded.length,
      potId: pot.potId,
      bidId: bid.id,
      group: bid.group,
      amount: bid.amount,
    });
  });
  steps.push({
    kind: 'done',
    funded: funded.length,
    spent: result.pots.reduce((sum, p) => sum + p.spent, 0),
  });
  return steps;
}
