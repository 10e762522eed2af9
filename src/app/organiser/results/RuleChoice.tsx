/** Which rule the results (and the exports made from them) follow: the event's own, or the other. */
import type { Rule } from '../../../core/schema.ts';
import { ui } from '../components/ui.tsx';
import { useT } from '../../i18n/react.tsx';
import { RULE_NAME_KEYS, RULES } from './compute-results.ts';
import styles from './results.module.css';

interface Props {
  eventRule: Rule;
  rule: Rule;
  onChange: (rule: Rule) => void;
}

export function RuleChoice({ eventRule, rule, onChange }: Props) {
  const t = useT();
  return (
    <fieldset className={`${styles['rules']} ${ui.noPrint}`}>
      <legend>{t('organiser.results.rule.legend')}</legend>
      {RULES.map((r) => (
        <label key={r} className={styles['radio']}>
          <input
            type="radio"
            name="org-rule"
            value={r}
            checked={r === rule}
            onChange={() => onChange(r)}
          />
          {r === eventRule
            ? t('organiser.results.rule.events-own', { rule: t(RULE_NAME_KEYS[r]) })
            : t(RULE_NAME_KEYS[r])}
        </label>
      ))}
    </fieldset>
  );
}
