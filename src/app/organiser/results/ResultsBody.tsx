/** The counted results under one rule: each pot beside the other rule, the chart, and the ties. */
import type { Rule } from '../../../core/schema.ts';
import type { TieRecord } from '../../../core/tally/types.ts';
import { tieText } from '../../i18n/problems.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { otherRule, RULE_NAME_KEYS, type EventResults } from './compute-results.ts';
import { usePotName } from './bid-title.tsx';
import { PotComparison } from './PotComparison.tsx';
import { RuleChoice } from './RuleChoice.tsx';
import { SupportChart } from '../../shared/results/SupportChart.tsx';
import { Withdrawals } from '../../shared/results/Withdrawals.tsx';
import { Callout } from '../components/ui.tsx';
import { useBidTitle } from './bid-title.tsx';
import styles from './results.module.css';

interface Props {
  results: EventResults;
  rule: Rule;
  onRuleChange: (rule: Rule) => void;
}

export function ResultsBody({ results, rule, onRuleChange }: Props) {
  const t = useT();
  const { event, byRule } = results;
  const title = useBidTitle(event);
  const main = byRule[rule];
  const other = byRule[otherRule(rule)];
  return (
    <div className={styles['results']}>
      <p className={styles['lead']}>
        {t('organiser.results.counted', { count: main.ballotsCounted })}
      </p>
      <Withdrawals withdrawals={results.withdrawals} titleOf={(id) => title(id).text} />
      <WeightsLine results={results} />
      <RuleChoice eventRule={event.rule} rule={rule} onChange={onRuleChange} />
      {rule !== event.rule && (
        <Callout kind="warning" role="status">
          {t('organiser.results.rule.comparing', {
            rule: t(RULE_NAME_KEYS[rule]),
            own: t(RULE_NAME_KEYS[event.rule]),
          })}
        </Callout>
      )}
      {event.pots.map((pot) => (
        <PotComparison key={pot.id} event={event} potId={pot.id} main={main} other={other} />
      ))}
      <SupportChart event={event} result={main} />
      <h3>{t('organiser.results.ties.title')}</h3>
      {main.ties.length === 0 ? (
        <p>{t('organiser.results.ties.none', { rule: t(RULE_NAME_KEYS[rule]) })}</p>
      ) : (
        <ul className={styles['ties']}>
          {main.ties.map((tie, i) => (
            <li key={`${tie.potId}-${i}`}>
              <TieSentence results={results} tie={tie} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * On an event that weights areas (docs/check-in.md#weights), one line saying what the weights are
 * and that bids are ranked by weighted support; nothing on any other event.
 */
function WeightsLine({ results }: { results: EventResults }) {
  const t = useT();
  const f = useFormat();
  const weights = Object.entries(results.event.checkIn?.questions?.area?.weights ?? {});
  if (weights.length === 0) return null;
  const list = new Intl.ListFormat(f.locale, { type: 'conjunction' }).format(
    weights.map(([area, weight]) =>
      t('organiser.results.weights.one', { area, weight: f.number(Number(weight)) }),
    ),
  );
  return <p>{t('organiser.results.weights.explain', { weights: list })}</p>;
}

/** One tie in words, from its facts: the tied bids in the order the tie-break put them, and why. */
function TieSentence({ results, tie }: { results: EventResults; tie: TieRecord }) {
  const t = useT();
  const f = useFormat();
  const title = useBidTitle(results.event);
  const pot = usePotName(results.event)(tie.potId).text;
  return (
    <>
      {t('organiser.results.tie.in-pot', {
        pot,
        tie: tieText(t, tie, (id) => title(id).text, f.locale),
      })}
    </>
  );
}
