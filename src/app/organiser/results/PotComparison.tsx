/**
 * One pot: the bids funded by the chosen rule, with the other rule's choice beside each, and the
 * bids the pot's own threshold left out, with why.
 */
import type { EventDefinition } from '../../../core/schema.ts';
import type { PotResult, TallyResult } from '../../../core/tally/types.ts';
import { DataTable, NumberCell } from '../components/DataTable.tsx';
import { exclusionText } from '../../i18n/problems.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { BidTitle, useBidTitle, usePotName } from './bid-title.tsx';
import { BidWhy, potExplanation, PotSummary } from '../../shared/results/BidExplanation.tsx';
import { RULE_NAME_KEYS } from './compute-results.ts';
import styles from './results.module.css';

interface Props {
  event: EventDefinition;
  potId: string;
  main: TallyResult;
  other: TallyResult;
}

export function PotComparison({ event, potId, main, other }: Props) {
  const t = useT();
  const f = useFormat();
  const title = useBidTitle(event);
  const potName = usePotName(event);
  const mainPot = main.pots.find((p) => p.potId === potId);
  const otherPot = other.pots.find((p) => p.potId === potId);
  if (mainPot === undefined || otherPot === undefined) return null;
  const money = (minor: number) => f.money(minor, event.currency);
  const bids = new Map(event.bids.map((b) => [b.id, b]));
  // A weighted event's rules rank by weighted support (docs/check-in.md#weights): show that.
  const weighted = main.support.some((s) => s.weightedSupport !== undefined);
  const support = new Map(
    main.support.map((s) => [
      s.bidId,
      s.weightedSupport === undefined ? s.support : Number(s.weightedSupport),
    ]),
  );
  const inMain = new Set(mainPot.selected);
  const inOther = new Set(otherPot.selected);
  // The chosen rule's bids in its own order, then what only the other rule would fund.
  const rows = [...mainPot.selected, ...otherPot.selected.filter((id) => !inMain.has(id))];
  const headingId = `org-pot-${potId}`;
  const funded = (yes: boolean) =>
    yes ? t('organiser.results.pot.funded') : t('organiser.results.pot.not-funded');
  // Why each bid was or was not funded under the chosen rule (explanations of the count).
  const explained = potExplanation(main, potId);
  const rolledTo =
    mainPot.rolledOverTo !== undefined && mainPot.left > 0
      ? potName(mainPot.rolledOverTo).text
      : null;

  return (
    <section aria-labelledby={headingId} className={styles['pot']}>
      {/* Pot names are the organiser's words: translated, or marked with the event's language. */}
      <h3 id={headingId}>
        <BidTitle title={potName(potId)} />
      </h3>
      <p>
        {mainPot.rolledIn > 0
          ? t('organiser.results.pot.budget-rolled-in', {
              budget: money(mainPot.budget),
              rolledIn: money(mainPot.rolledIn),
            })
          : t('organiser.results.pot.budget', { budget: money(mainPot.budget) })}{' '}
        {rolledTo === null
          ? t('organiser.results.pot.spent', {
              spent: money(mainPot.spent),
              left: money(mainPot.left),
            })
          : t('organiser.results.pot.spent-rolls-over', {
              spent: money(mainPot.spent),
              left: money(mainPot.left),
              pot: rolledTo,
            })}
      </p>
      <PotSummary event={event} result={main} potId={potId} />
      {rows.length === 0 ? (
        <p>{t('organiser.results.pot.none')}</p>
      ) : (
        <DataTable
          caption={t('organiser.results.pot.caption', { pot: potName(potId).text })}
          columns={[
            { label: t('organiser.results.pot.column.bid') },
            { label: t('organiser.results.pot.column.cost'), numeric: true },
            {
              label: weighted
                ? t('organiser.results.pot.column.weighted-support')
                : t('organiser.results.pot.column.support'),
              numeric: true,
            },
            { label: t(RULE_NAME_KEYS[main.rule]) },
            { label: t(RULE_NAME_KEYS[other.rule]) },
          ]}
          footer={
            <>
              <SpentRow
                label={t('organiser.results.pot.row.spent')}
                main={mainPot}
                other={otherPot}
                pick={(p) => money(p.spent)}
              />
              <SpentRow
                label={t('organiser.results.pot.row.left')}
                main={mainPot}
                other={otherPot}
                pick={(p) => money(p.left)}
              />
            </>
          }
        >
          {rows.map((id) => {
            const bid = bids.get(id);
            return (
              <tr key={id}>
                <th scope="row">
                  <BidTitle title={title(id)} />
                </th>
                <NumberCell>{bid === undefined ? '' : money(bid.amount)}</NumberCell>
                <NumberCell>{f.number(support.get(id) ?? 0)}</NumberCell>
                <td>{funded(inMain.has(id))}</td>
                <td>{funded(inOther.has(id))}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
      {explained !== undefined && explained.bids.length > 0 && (
        <>
          <h4 id={`${headingId}-why`}>{t('results.explain.bids.title')}</h4>
          <ul aria-labelledby={`${headingId}-why`} className={styles['why']}>
            {explained.bids.map((explanation) => (
              <li key={explanation.bidId}>
                <BidWhy named event={event} result={main} explanation={explanation} title={title} />
              </li>
            ))}
          </ul>
        </>
      )}
      {mainPot.excluded !== undefined && mainPot.excluded.length > 0 && (
        <>
          <h4 id={`${headingId}-excluded`}>{t('organiser.results.pot.excluded.title')}</h4>
          <ul aria-labelledby={`${headingId}-excluded`}>
            {mainPot.excluded.map((x) => (
              <li key={x.bidId}>
                <BidTitle title={title(x.bidId)} />{' '}
                {t('organiser.results.pot.excluded.why', { why: exclusionText(t, x.problem) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function SpentRow(props: {
  label: string;
  main: PotResult;
  other: PotResult;
  pick: (p: PotResult) => string;
}) {
  return (
    <tr>
      <th scope="row" colSpan={3}>
        {props.label}
      </th>
      <td>{props.pick(props.main)}</td>
      <td>{props.pick(props.other)}</td>
    </tr>
  );
}
