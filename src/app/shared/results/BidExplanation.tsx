/**
 * Why a count funded a bid or not, in words: the core's explanation (codes and numbers, see
 * `BidExplanation` in core/tally/types.ts) worded through the `results` part of the catalogue, so
 * the organiser's results and the public results page say exactly the same thing.
 *
 * Both need only the event, the `TallyResult` (counted with `explain: true`) and, optionally, how
 * to title a bid (by default the organiser results' lookup: the title in the reader's language
 * when the organiser gave one, else the event's own).
 */
import type { LocalText } from '../../../core/event-text.ts';
import type { EventDefinition } from '../../../core/schema.ts';
import type {
  BidExplanation as BidExplanationData,
  ExplanationCode,
  ExplanationReason,
  SharePayment,
  TallyResult,
} from '../../../core/tally/types.ts';
import { exclusionText, tieText } from '../../i18n/problems.ts';
import { useFormat, useT, type Formatters, type Translate } from '../../i18n/react.tsx';
import { BidTitle, useBidTitle, usePotName } from '../../organiser/results/bid-title.tsx';
import styles from './BidExplanation.module.css';

/** The catalogue key of each reason's sentence (literal, so the catalogue check finds them). */
export const EXPLANATION_KEYS: Record<ExplanationCode, string> = {
  'greedy-funded': 'results.explain.greedy-funded',
  'greedy-too-dear': 'results.explain.greedy-too-dear',
  'shares-funded': 'results.explain.shares-funded',
  'shares-short': 'results.explain.shares-short',
  'completion-funded': 'results.explain.completion-funded',
  'completion-too-dear': 'results.explain.completion-too-dear',
  excluded: 'results.explain.excluded',
  'funded-elsewhere': 'results.explain.funded-elsewhere',
  withdrawn: 'results.explain.withdrawn',
  'no-support': 'results.explain.no-support',
  tie: 'results.explain.tie',
};

/** What wording a reason needs beyond the catalogue: money, names and the count's ties. */
export interface ExplanationWording {
  t: Translate;
  f: Formatters;
  currency: string;
  /** A bid's title as plain text (inside a sentence). */
  bidName: (bidId: string) => string;
  potName: (potId: string) => string;
  ties: TallyResult['ties'];
}

/**
 * One reason as a sentence. Equal-shares payments can be fractions of a penny: they are shown to
 * the nearest minor unit (the numbers themselves add up to the cost, see the core's type).
 */
export function explanationSentence(w: ExplanationWording, reason: ExplanationReason): string {
  const { t, f } = w;
  const money = (minor: number) => f.money(Math.round(minor), w.currency);
  const key = EXPLANATION_KEYS[reason.code];
  switch (reason.code) {
    case 'greedy-funded':
    case 'completion-funded':
      return t(key, {
        place: f.number(reason.place),
        moneyBefore: money(reason.moneyBefore),
        cost: money(reason.cost),
      });
    case 'greedy-too-dear':
    case 'completion-too-dear':
      return t(key, {
        place: f.number(reason.place),
        moneyLeft: money(reason.moneyLeft),
        cost: money(reason.cost),
      });
    case 'shares-funded':
      return t(key, {
        round: f.number(reason.round),
        supporters: reason.supporters,
        payments: list(
          f,
          reason.payments.map((p) => paymentText(w, p)),
        ),
      });
    case 'shares-short': {
      const short = t(key, {
        supporters: reason.supporters,
        supportersMoney: money(reason.supportersMoney),
        cost: money(reason.cost),
      });
      if (reason.usedBy.length === 0) return short;
      const usedBy = t('results.explain.used-by', {
        bids: list(
          f,
          reason.usedBy.map((u) =>
            t('results.explain.used-by.bid', { bid: w.bidName(u.bidId), amount: money(u.amount) }),
          ),
        ),
      });
      return `${short} ${usedBy}`;
    }
    case 'excluded':
      return t(key, { why: exclusionText(t, reason.problem) });
    case 'funded-elsewhere':
      return t(key, { pot: w.potName(reason.potId) });
    case 'withdrawn':
    case 'no-support':
      return t(key);
    case 'tie': {
      const tie = w.ties[reason.tie];
      return tie === undefined ? '' : t(key, { tie: tieText(t, tie, w.bidName, f.locale) });
    }
  }
}

function paymentText(w: ExplanationWording, p: SharePayment): string {
  const values = { voters: p.voters, each: w.f.money(Math.round(p.each), w.currency) };
  return p.allTheyHad
    ? w.t('results.explain.payment.all', values)
    : w.t('results.explain.payment.share', values);
}

const list = (f: Formatters, items: string[]) =>
  new Intl.ListFormat(f.locale, { type: 'conjunction' }).format(items);

/** The wording context for one event and count, from the hooks the results screens use. */
export function useExplanationWording(
  event: EventDefinition,
  result: TallyResult,
  title?: (bidId: string) => LocalText,
): ExplanationWording {
  const t = useT();
  const f = useFormat();
  const defaultTitle = useBidTitle(event);
  const pot = usePotName(event);
  const bidTitle = title ?? defaultTitle;
  return {
    t,
    f,
    currency: event.currency,
    bidName: (id) => bidTitle(id).text,
    potName: (id) => pot(id).text,
    ties: result.ties,
  };
}

interface BidExplanationProps {
  event: EventDefinition;
  result: TallyResult;
  explanation: BidExplanationData;
  /** How to title a bid; by default the organiser results' lookup. */
  title?: (bidId: string) => LocalText;
}

/** Every reason of one bid's explanation, in the order things happened, one sentence each. */
export function BidExplanation({ event, result, explanation, title }: BidExplanationProps) {
  const w = useExplanationWording(event, result, title);
  const sentences = explanation.reasons.map((r) => explanationSentence(w, r)).filter(Boolean);
  return (
    <ul className={styles['reasons']}>
      {sentences.map((s, i) => (
        <li key={i}>{s}</li>
      ))}
    </ul>
  );
}

/**
 * One bid's explanation behind a disclosure, "Why?" (a native <details>: keyboard, screen reader
 * and print all work without script). The bid's title follows "Why?" in the summary, visibly when
 * `named` (a list of explanations), else for screen readers only (beside a title already shown),
 * so every disclosure's name says which bid it explains. The title keeps its own language mark.
 */
export function BidWhy({ named = false, ...props }: BidExplanationProps & { named?: boolean }) {
  const t = useT();
  const defaultTitle = useBidTitle(props.event);
  const title = (props.title ?? defaultTitle)(props.explanation.bidId);
  return (
    <details className={styles['why']}>
      <summary>
        <span className={styles['why-word']}>{t('results.explain.why')}</span>{' '}
        <span className={named ? undefined : 'visually-hidden'}>
          <BidTitle title={title} />
        </span>
      </summary>
      <BidExplanation {...props} />
    </details>
  );
}

/** A pot's explanation, when the count has one. */
export function potExplanation(result: TallyResult, potId: string) {
  return result.explanations?.find((p) => p.potId === potId);
}

/** A bid's explanation in a pot, when the count has one. */
export function bidExplanation(result: TallyResult, potId: string, bidId: string) {
  return potExplanation(result, potId)?.bids.find((b) => b.bidId === bidId);
}

/**
 * One pot in a sentence or two: how many voters supported a bid it funded (of all counted
 * ballots), the money it left, and under equal shares each voter's starting money.
 */
export function PotSummary({
  event,
  result,
  potId,
}: {
  event: EventDefinition;
  result: TallyResult;
  potId: string;
}) {
  const t = useT();
  const f = useFormat();
  const pot = potExplanation(result, potId);
  if (pot === undefined) return null;
  const money = (minor: number) => f.money(Math.round(minor), event.currency);
  const share = pot.ballots === 0 ? 0 : pot.votersWithFundedBid / pot.ballots;
  return (
    <p className={styles['summary']}>
      {t('results.explain.pot.coverage', {
        voters: f.number(pot.votersWithFundedBid),
        ballots: pot.ballots,
        share: f.percent(share),
      })}{' '}
      {t('results.explain.pot.left', { left: money(pot.left) })}
      {pot.shares !== undefined && (
        <>
          {' '}
          {pot.shares.unitsAdded === 0
            ? t('results.explain.pot.shares', { voterBudget: money(pot.shares.voterBudget) })
            : t('results.explain.pot.shares-raised', {
                voterBudget: money(pot.shares.voterBudget),
                units: pot.shares.unitsAdded,
              })}
        </>
      )}
    </p>
  );
}
