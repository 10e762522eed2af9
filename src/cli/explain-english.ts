/**
 * A count's explanations (core/tally/explain.ts) in English for the command line: the table's
 * lines under `tally --explain`, and the sentence beside each reason in `--json --explain`.
 * The app says the same through its catalogue (src/app/shared/results/BidExplanation.tsx).
 */
import { formatMoney, toMajor } from '../core/money.ts';
import type { EventDefinition } from '../core/schema.ts';
import type {
  ExplanationReason,
  PotExplanation,
  SharePayment,
  TallyResult,
} from '../core/tally/types.ts';
import { englishExclusion, englishTie } from './english.ts';

export interface ExplainContext {
  event: EventDefinition;
  result: TallyResult;
}

const count = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ''));
const plural = (n: number, one: string, other: string) => `${count(n)} ${n === 1 ? one : other}`;

/** Money to the nearest minor unit (equal-shares payments may be fractions of a penny). */
function moneyOf(event: EventDefinition) {
  return (minor: number) => formatMoney(Math.round(minor), event.currency, event.locale);
}

function payment(money: (minor: number) => string, p: SharePayment): string {
  const who = count(p.voters);
  const each = p.voters === 1 ? '' : ' each';
  return p.allTheyHad
    ? `${who} paid all they had left (${money(p.each)}${each}${p.voters === 1 ? '' : ' on average'})`
    : `${who} paid ${money(p.each)}${each}`;
}

const list = (items: string[]) =>
  items.length <= 2
    ? items.join(' and ')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;

/** One reason as an English sentence. */
export function englishReason({ event, result }: ExplainContext, reason: ExplanationReason) {
  const money = moneyOf(event);
  const title = (id: string) => event.bids.find((b) => b.id === id)?.title ?? id;
  switch (reason.code) {
    case 'greedy-funded':
      return (
        `Number ${reason.place} by support (${count(reason.support)}): ${money(reason.moneyBefore)} ` +
        `was left when it was reached, enough for its cost of ${money(reason.cost)}, so it was funded.`
      );
    case 'greedy-too-dear':
      return (
        `Number ${reason.place} by support (${count(reason.support)}): only ${money(reason.moneyLeft)} ` +
        `was left when it was reached, less than its cost of ${money(reason.cost)}, so it was passed over.`
      );
    case 'shares-funded':
      return (
        `Funded by equal shares in round ${reason.round}; its ` +
        `${plural(reason.supporters, 'supporter', 'supporters')} paid for it: ` +
        `${list(reason.payments.map((p) => payment(money, p)))}.`
      );
    case 'shares-short': {
      const had =
        `Not funded by equal shares: when it stopped, its ` +
        `${plural(reason.supporters, 'supporter', 'supporters')} had ` +
        `${money(reason.supportersMoney)} left between them, and it needed ${money(reason.cost)}.`;
      if (reason.usedBy.length === 0) return had;
      const used = reason.usedBy.map((u) => `${title(u.bidId)} (${money(u.amount)})`);
      return `${had} Most of their money went to ${list(used)}.`;
    }
    case 'completion-funded':
      return (
        `The completion step then funded it: number ${reason.place} by support, it was reached ` +
        `with ${money(reason.moneyBefore)} left, enough for its cost of ${money(reason.cost)}.`
      );
    case 'completion-too-dear':
      return (
        `The completion step then reached it at number ${reason.place} by support with only ` +
        `${money(reason.moneyLeft)} left, less than its cost of ${money(reason.cost)}.`
      );
    case 'excluded':
      return `Left out by a threshold: ${englishExclusion(reason.problem)}`;
    case 'funded-elsewhere': {
      const pot = event.pots.find((p) => p.id === reason.potId)?.name ?? reason.potId;
      return `Already funded from the pot "${pot}".`;
    }
    case 'withdrawn':
      return 'Withdrawn by the organiser after voting, so no pot could fund it.';
    case 'no-support':
      return 'No counted ballot supported it.';
    case 'tie': {
      const tie = result.ties[reason.tie];
      return tie === undefined ? 'A tie decided this.' : `A tie decided this: ${englishTie(tie)}`;
    }
  }
}

/** "N of M voters (x%) supported a funded bid; £L left", and each voter's share under equal shares. */
export function englishPotSummary({ event }: ExplainContext, pot: PotExplanation): string {
  const money = moneyOf(event);
  const share = pot.ballots === 0 ? 0 : (100 * pot.votersWithFundedBid) / pot.ballots;
  const line =
    `${count(pot.votersWithFundedBid)} of ${plural(pot.ballots, 'voter', 'voters')} ` +
    `(${share.toFixed(1)}%) supported a funded bid; ${money(pot.left)} left.`;
  if (pot.shares === undefined) return line;
  const raised =
    pot.shares.unitsAdded === 0
      ? ''
      : `, after raising everyone's share ${plural(pot.shares.unitsAdded, 'time', 'times')} by one unit`;
  return `${line} Under equal shares each voter had ${money(pot.shares.voterBudget)} to spend${raised}.`;
}

/** The table's lines for one pot: the summary, then each bid and why. */
export function explanationLines(ctx: ExplainContext, potId: string): string[] {
  const pot = ctx.result.explanations?.find((p) => p.potId === potId);
  if (pot === undefined) return [];
  const title = (id: string) => ctx.event.bids.find((b) => b.id === id)?.title ?? id;
  return [
    `  ${englishPotSummary(ctx, pot)}`,
    '  Why each bid was or was not funded:',
    ...pot.bids.map(
      (b) =>
        `    ${title(b.bidId)} (${b.funded ? 'funded' : 'not funded'}): ` +
        b.reasons.map((r) => englishReason(ctx, r)).join(' '),
    ),
  ];
}

/**
 * The explanations for `--json --explain`: the core's codes and numbers, amounts in major units
 * like the rest of the JSON, and the English sentence beside each reason.
 */
export function explanationsJson(ctx: ExplainContext) {
  return (ctx.result.explanations ?? []).map((pot) => ({
    ...pot,
    left: toMajor(pot.left),
    ...(pot.shares !== undefined && {
      shares: { ...pot.shares, voterBudget: toMajor(pot.shares.voterBudget) },
    }),
    summary: englishPotSummary(ctx, pot),
    bids: pot.bids.map((b) => ({
      ...b,
      reasons: b.reasons.map((r) => ({ ...inMajor(r), explanation: englishReason(ctx, r) })),
    })),
  }));
}

function inMajor(r: ExplanationReason): ExplanationReason {
  switch (r.code) {
    case 'greedy-funded':
    case 'completion-funded':
      return { ...r, moneyBefore: toMajor(r.moneyBefore), cost: toMajor(r.cost) };
    case 'greedy-too-dear':
    case 'completion-too-dear':
      return { ...r, moneyLeft: toMajor(r.moneyLeft), cost: toMajor(r.cost) };
    case 'shares-funded':
      return { ...r, payments: r.payments.map((p) => ({ ...p, each: toMajor(p.each) })) };
    case 'shares-short':
      return {
        ...r,
        supportersMoney: toMajor(r.supportersMoney),
        cost: toMajor(r.cost),
        usedBy: r.usedBy.map((u) => ({ ...u, amount: toMajor(u.amount) })),
      };
    case 'excluded':
    case 'funded-elsewhere':
    case 'withdrawn':
    case 'no-support':
    case 'tie':
      return r;
  }
}
