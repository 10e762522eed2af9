/**
 * Bids withdrawn after voting, each with the organiser's reason: "Withdrawn after voting: <bid> —
 * <reason>". Worded through the `results` part, so the organiser's results and the public results
 * page say the same. Nothing is shown when no bid was withdrawn.
 */
import { useT } from '../../i18n/react.tsx';
import styles from './Withdrawals.module.css';

interface Props {
  /** In the order they were withdrawn (the tally file's order). */
  withdrawals: readonly { bid: string; reason: string }[];
  /** The bid's title as the reader should see it. */
  titleOf: (bid: string) => string;
}

export function Withdrawals({ withdrawals, titleOf }: Props) {
  const t = useT();
  if (withdrawals.length === 0) return null;
  return (
    <ul className={styles['withdrawals']} data-testid="withdrawals">
      {withdrawals.map((w) => (
        <li key={w.bid}>
          {t('results.withdrawn.line', { bid: titleOf(w.bid), reason: w.reason })}
        </li>
      ))}
    </ul>
  );
}
