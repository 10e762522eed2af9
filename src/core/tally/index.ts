/**
 * The tally: support per bid, then each pot in the event's order funds bids with its rule (its own
 * or the event's). A pot sees its eligible bids minus any an earlier pot funded (a bid is funded at
 * most once) and minus any its thresholds rule out (its own, which replace the event's, or the
 * event's), and its budget plus any money rolled into it; what it leaves rolls on if the pot says so.
 */
import { bidsInScope } from '../ballot-sections.ts';
import { assertNever } from '../result.ts';
import type { Ballot, EventDefinition, Pot, Rule } from '../schema.ts';
import { equalShares, type EqualSharesOptions, type EqualSharesRun } from './equal-shares.ts';
import { explainPot } from './explain.ts';
import { greedyFill } from './greedy.ts';
import { createProfile, type Profile } from './profile.ts';
import { bidSupport, thresholdCheck } from './support.ts';
import { createTieBreak, type TieBreak } from './tie-break.ts';
import type {
  PotExclusion,
  PotExplanation,
  PotResult,
  TallyOptions,
  TallyResult,
  TieRecord,
  TieSituation,
} from './types.ts';

export { createProfile, type Profile, type ProfileBuilder } from './profile.ts';
export { lazySeed } from './tie-break.ts';
export type * from './types.ts';

/**
 * Tallies validated ballots (see `validateBallot`); a ballot naming an unknown bid or another
 * method is a bug upstream and throws. The order of `ballots` never matters.
 */
export function tally(
  event: EventDefinition,
  ballots: readonly Ballot[],
  options: TallyOptions,
): TallyResult {
  const builder = createProfile(event);
  for (const ballot of ballots) builder.add(ballot.choice, ballot.area);
  return tallyProfile(event, builder.build(), options);
}

/** As `tally`, from a profile built with `createProfile` (one `add` per ballot). */
export function tallyProfile(
  event: EventDefinition,
  profile: Profile,
  options: TallyOptions,
): TallyResult {
  const rule = options.rule ?? event.rule;
  const support = bidSupport(event, profile);
  const tieBreak = createTieBreak(
    profile.bidIds,
    profile.costs,
    profile.voters,
    options.seed,
    event.tieBreak ?? 'cheaper-first',
  );
  // Weighted events rank by exact weighted support (integers in weight units); others as ever.
  const ranking = profile.weighted?.support ?? profile.support;
  const funded = new Set<number>();
  const rolledIn = new Map<string, number>();
  const ties: TieRecord[] = [];
  const pots: PotResult[] = [];
  const supported = (i: number) => (profile.support[i] ?? 0) > 0;
  const withdrawn = new Set(options.withdrawn ?? []);
  const notWithdrawn = (i: number) => !withdrawn.has(profile.bidIds[i] ?? '');
  // Only when asked (explain.ts): which pot funded each bid, and each pot's explanation.
  const fundedBy = new Map<number, string>();
  const explanations: PotExplanation[] = [];

  for (const pot of event.pots) {
    const eligible = eligibleBids(event, pot);
    const open = profile.bidIds
      .map((_, i) => i)
      .filter((i) => eligible(i) && notWithdrawn(i) && !funded.has(i));
    // A pot's own thresholds replace the event's for it, and its result says whom they left out.
    const ownCheck =
      pot.thresholds === undefined ? undefined : thresholdCheck(event, profile, pot.thresholds);
    const excluded: PotExclusion[] = [];
    const candidates = open.filter((i) => {
      if (!supported(i)) return false;
      if (ownCheck === undefined) return support[i]?.excludedBy === undefined;
      const problem = ownCheck(i);
      if (problem !== undefined) excluded.push({ bidId: profile.bidIds[i] ?? '', problem });
      return problem === undefined;
    });
    const extra = rolledIn.get(pot.id) ?? 0;
    const budget = pot.budget + extra;
    const potRule = options.rule ?? pot.rule ?? rule;
    const firstTie = ties.length;
    const outcome = fundPot(potRule, profile, ranking, candidates, budget, tieBreak, {
      withInstance: options.explain === true,
      ...(options.fastSteps !== undefined && { fastSteps: options.fastSteps }),
    });
    for (const bid of outcome.selected) funded.add(bid);
    for (const { bids, situation } of outcome.ties) {
      ties.push(tieBreak.record(pot.id, bids, situation));
    }
    const left = budget - outcome.spent;
    const result: PotResult = {
      potId: pot.id,
      name: pot.name,
      budget,
      rolledIn: extra,
      selected: outcome.selected.map((i) => profile.bidIds[i] ?? ''),
      spent: outcome.spent,
      left,
    };
    if (ownCheck !== undefined) result.excluded = excluded;
    if (pot.rollOverTo !== undefined) {
      result.rolledOverTo = pot.rollOverTo;
      rolledIn.set(pot.rollOverTo, (rolledIn.get(pot.rollOverTo) ?? 0) + left);
    }
    pots.push(result);
    if (options.explain === true) {
      const ownExcluded = new Map(excluded.map((x) => [x.bidId, x.problem]));
      explanations.push(
        explainPot({
          potId: pot.id,
          rule: potRule,
          profile,
          ranking,
          tieBreak,
          budget,
          eligible,
          withdrawn,
          fundedBy,
          exclusion: (i) =>
            ownCheck === undefined
              ? support[i]?.excludedBy
              : ownExcluded.get(profile.bidIds[i] ?? ''),
          candidates,
          selected: outcome.selected,
          ...(outcome.mes !== undefined && { mes: outcome.mes }),
          left,
          ties,
          firstTie,
        }),
      );
      for (const bid of outcome.selected) fundedBy.set(bid, pot.id);
    }
  }

  return {
    eventId: event.id,
    rule,
    ballotsCounted: profile.ballots,
    support,
    pots,
    selected: pots.flatMap((p) => p.selected),
    ties,
    ...(withdrawn.size > 0 && { withdrawn: profile.bidIds.filter((id) => withdrawn.has(id)) }),
    ...(options.explain === true && { explanations }),
  };
}

interface PotOutcome {
  selected: number[];
  spent: number;
  ties: { bids: number[]; situation: TieSituation }[];
  /** Equal shares only: its own part, before the completion step (for explanations). */
  mes?: EqualSharesRun;
}

function fundPot(
  rule: Rule,
  profile: Profile,
  ranking: readonly number[],
  candidates: number[],
  budget: number,
  tieBreak: TieBreak,
  mesOptions: EqualSharesOptions,
): PotOutcome {
  const greedyTie = (bids: number[]) => ({ bids, situation: 'equal-support' as const });
  switch (rule) {
    case 'greedy': {
      const g = greedyFill(candidates, budget, ranking, profile.costs, tieBreak);
      return { selected: g.selected, spent: g.spent, ties: g.ties.map(greedyTie) };
    }
    case 'equal-shares': {
      const mes = equalShares(profile, candidates, budget, tieBreak.rank, mesOptions);
      const chosen = new Set(mes.selected);
      const spent = mes.selected.reduce((sum, i) => sum + (profile.costs[i] ?? 0), 0);
      // Money equal shares could not place goes to the best-supported bids that still fit.
      const rest = candidates.filter((i) => !chosen.has(i));
      const g = greedyFill(rest, budget - spent, ranking, profile.costs, tieBreak);
      return {
        selected: [...mes.selected, ...g.selected],
        spent: spent + g.spent,
        mes,
        ties: [
          ...mes.ties.map((bids) => ({ bids, situation: 'equal-value' as const })),
          ...g.ties.map(greedyTie),
        ],
      };
    }
    default:
      return assertNever(rule);
  }
}

/** A pot's eligibility is a scope like a section's: the same rule picks its bids. */
function eligibleBids(event: EventDefinition, pot: Pot): (bid: number) => boolean {
  const ok = new Set(bidsInScope(event, pot.eligible).map((b) => b.id));
  const eligible = event.bids.map((b) => ok.has(b.id));
  return (i) => eligible[i] === true;
}
