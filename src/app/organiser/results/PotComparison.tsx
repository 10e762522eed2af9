/** One pot: the bids funded by the chosen rule, with the other rule's choice beside each. */
import { formatMoney } from '../../../core/money.ts';
import type { EventDefinition } from '../../../core/schema.ts';
import type { PotResult, TallyResult } from '../../../core/tally/types.ts';
import { DataTable } from '../DataTable.tsx';
import { RULE_NAMES } from './compute-results.ts';

interface Props {
  event: EventDefinition;
  potId: string;
  main: TallyResult;
  other: TallyResult;
}

export function PotComparison({ event, potId, main, other }: Props) {
  const mainPot = main.pots.find((p) => p.potId === potId);
  const otherPot = other.pots.find((p) => p.potId === potId);
  if (mainPot === undefined || otherPot === undefined) return null;
  const money = (minor: number) => formatMoney(minor, event.currency, event.locale);
  const bids = new Map(event.bids.map((b) => [b.id, b]));
  const support = new Map(main.support.map((s) => [s.bidId, s.support]));
  const inMain = new Set(mainPot.selected);
  const inOther = new Set(otherPot.selected);
  // The chosen rule's bids in its own order, then what only the other rule would fund.
  const rows = [...mainPot.selected, ...otherPot.selected.filter((id) => !inMain.has(id))];
  const headingId = `org-pot-${potId}`;
  const funded = (yes: boolean) => (yes ? 'Funded' : 'Not funded');

  return (
    <section aria-labelledby={headingId} className="org-pot">
      <h3 id={headingId}>{mainPot.name}</h3>
      <p>
        Budget {money(mainPot.budget)}
        {mainPot.rolledIn > 0 && ` (including ${money(mainPot.rolledIn)} rolled in)`}. Spent{' '}
        {money(mainPot.spent)}, {money(mainPot.left)} left
        {mainPot.rolledOverTo !== undefined &&
          mainPot.left > 0 &&
          ` (rolls over to ${potName(main, mainPot.rolledOverTo)})`}
        .
      </p>
      {rows.length === 0 ? (
        <p>Neither rule funds any bid from this pot.</p>
      ) : (
        <DataTable
          caption={`Bids funded from ${mainPot.name}`}
          columns={[
            { label: 'Bid' },
            { label: 'Cost', numeric: true },
            { label: 'Support', numeric: true },
            { label: RULE_NAMES[main.rule] },
            { label: RULE_NAMES[other.rule] },
          ]}
          footer={
            <>
              <SpentRow
                label="Spent"
                main={mainPot}
                other={otherPot}
                pick={(p) => money(p.spent)}
              />
              <SpentRow label="Left" main={mainPot} other={otherPot} pick={(p) => money(p.left)} />
            </>
          }
        >
          {rows.map((id) => {
            const bid = bids.get(id);
            return (
              <tr key={id}>
                <th scope="row">{bid?.title ?? id}</th>
                <td className="num">{bid === undefined ? '' : money(bid.amount)}</td>
                <td className="num">{(support.get(id) ?? 0).toLocaleString('en-GB')}</td>
                <td>{funded(inMain.has(id))}</td>
                <td>{funded(inOther.has(id))}</td>
              </tr>
            );
          })}
        </DataTable>
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

function potName(result: TallyResult, potId: string): string {
  return result.pots.find((p) => p.potId === potId)?.name ?? potId;
}
