/**
 * Which bids something is over: every bid, some categories, some wards, the voter's own ward, or
 * a list of bids. A pot's eligibility and a ballot part's scope are chosen the same way here (a
 * pot has no "own ward": only a voter has one). A kind the event cannot use yet (no categories,
 * no bid with a ward) is offered disabled, with the reason beside it.
 */
import { eventWards } from '../../../core/ballot-sections.ts';
import type { EventDefinition, SectionScope } from '../../../core/schema.ts';
import { useT } from '../../i18n/react.tsx';
import { CheckField } from './fields.tsx';
import styles from './editor.module.css';

export type ScopeKind = SectionScope['kind'];

interface ScopeFieldsProps {
  /** Prefix of every control's id. */
  id: string;
  legend: string;
  event: EventDefinition;
  scope: SectionScope;
  kinds: readonly ScopeKind[];
  /** Each kind's label, in words. */
  labelOf: (kind: ScopeKind) => string;
  onChange: (scope: SectionScope) => void;
  /** The problems about this choice, in words. */
  problems: readonly string[];
}

const listed = (values: readonly string[], value: string, on: boolean) =>
  on ? [...values, value] : values.filter((v) => v !== value);

export function emptyScope(kind: ScopeKind): SectionScope {
  switch (kind) {
    case 'all':
    case 'own-ward':
      return { kind };
    case 'categories':
      return { kind, categories: [] };
    case 'wards':
      return { kind, wards: [] };
    case 'bids':
      return { kind, bids: [] };
  }
}

export function ScopeFields(props: ScopeFieldsProps) {
  const { id, legend, event, scope, kinds, labelOf, onChange, problems } = props;
  const t = useT();
  const wards = eventWards(event);
  const unavailable = (kind: ScopeKind): string | null => {
    if (kind === 'categories' && event.categories.length === 0) {
      return t('editor.scope.no-categories');
    }
    if ((kind === 'wards' || kind === 'own-ward') && wards.length === 0) {
      return t('editor.scope.no-wards');
    }
    return null;
  };
  const problemId = `${id}-problem`;

  return (
    <fieldset
      className={styles['group']}
      aria-describedby={problems.length > 0 ? problemId : undefined}
    >
      <legend>{legend}</legend>
      {problems.length > 0 && (
        <p id={problemId} className={styles['problem']}>
          {problems.join(' ')}
        </p>
      )}
      {kinds.map((kind) => {
        const why = scope.kind === kind ? null : unavailable(kind);
        return (
          <div key={kind} className={styles['check']}>
            <input
              type="radio"
              id={`${id}-${kind}`}
              name={id}
              checked={scope.kind === kind}
              disabled={why !== null}
              aria-describedby={why === null ? undefined : `${id}-${kind}-why`}
              onChange={() => onChange(emptyScope(kind))}
            />
            <label htmlFor={`${id}-${kind}`}>{labelOf(kind)}</label>
            {why !== null && (
              <p id={`${id}-${kind}-why`} className={styles['hint']}>
                {why}
              </p>
            )}
          </div>
        );
      })}
      {scope.kind === 'categories' && (
        <div className={styles['list']}>
          {event.categories.map((c) => (
            <CheckField
              key={c.id}
              id={`${id}-category-${c.id}`}
              label={c.name}
              checked={scope.categories.includes(c.id)}
              onChange={(on) =>
                onChange({ kind: 'categories', categories: listed(scope.categories, c.id, on) })
              }
            />
          ))}
        </div>
      )}
      {scope.kind === 'wards' && (
        <div className={styles['list']}>
          {wards.map((w, i) => (
            <CheckField
              key={w}
              id={`${id}-ward-${i}`}
              label={w}
              checked={scope.wards.includes(w)}
              onChange={(on) => onChange({ kind: 'wards', wards: listed(scope.wards, w, on) })}
            />
          ))}
        </div>
      )}
      {scope.kind === 'own-ward' && (
        <p className={styles['hint']}>{t('editor.scope.own-ward.hint')}</p>
      )}
      {scope.kind === 'bids' && (
        <div className={styles['list']}>
          {event.bids.map((b) => (
            <CheckField
              key={b.id}
              id={`${id}-bid-${b.id}`}
              label={b.title}
              checked={scope.bids.includes(b.id)}
              onChange={(on) => onChange({ kind: 'bids', bids: listed(scope.bids, b.id, on) })}
            />
          ))}
        </div>
      )}
    </fieldset>
  );
}
