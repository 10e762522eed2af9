/**
 * The editor's form fields: a label, an optional hint, the control, and the field's problem right
 * beside it. The problem is tied to the control (aria-describedby, aria-invalid) so a screen
 * reader hears it on arriving at the field, and is shown only while it stands.
 */
import { useState, type ReactNode } from 'react';
import { DEFAULT_MAX_COST, decimalMarkOf, parseMoney } from '../../../core/bids-import/index.ts';
import { toMajor } from '../../../core/money.ts';
import { useT } from '../../i18n/react.tsx';
import styles from './editor.module.css';

interface FieldFrame {
  id: string;
  label: string;
  hint?: string | undefined;
  /** The field's problems, in words; none while it is right. */
  problems?: readonly string[] | undefined;
}

function describedBy(id: string, hint: boolean, problem: boolean): string | undefined {
  const ids = [hint && `${id}-hint`, problem && `${id}-problem`].filter(Boolean);
  return ids.length === 0 ? undefined : ids.join(' ');
}

function Frame({ id, label, hint, problems = [], children }: FieldFrame & { children: ReactNode }) {
  return (
    <div className={styles['field']}>
      <label htmlFor={id} className={styles['label']}>
        {label}
      </label>
      {hint !== undefined && (
        <p id={`${id}-hint`} className={styles['hint']}>
          {hint}
        </p>
      )}
      {children}
      {problems.length > 0 && (
        <p id={`${id}-problem`} className={styles['problem']}>
          {problems.join(' ')}
        </p>
      )}
    </div>
  );
}

/** The aria wiring of a control inside a Frame. */
function wiring({ id, hint, problems = [] }: FieldFrame) {
  const wrong = problems.length > 0;
  return {
    id,
    'aria-invalid': wrong ? true : undefined,
    'aria-describedby': describedBy(id, hint !== undefined, wrong),
  };
}

interface TextProps extends FieldFrame {
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  rows?: number;
  required?: boolean;
  maxLength?: number;
  /** The language the text is written in, when not the page's (a translation). */
  lang?: string | undefined;
  dir?: 'ltr' | 'rtl' | 'auto';
  type?: 'text' | 'date';
  /** Values offered as the organiser types (e.g. the wards other bids already name). */
  suggestions?: readonly string[];
}

export function TextField(props: TextProps) {
  const { value, onChange, multiline = false, rows = 3, required, maxLength, lang, dir } = props;
  const common = {
    ...wiring(props),
    value,
    required,
    maxLength,
    lang,
    dir: dir ?? (lang === undefined ? undefined : 'auto'),
    className: styles['input'],
  };
  return (
    <Frame {...props}>
      {multiline ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.currentTarget.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          list={props.suggestions === undefined ? undefined : `${props.id}-suggestions`}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )}
      {props.suggestions !== undefined && (
        <datalist id={`${props.id}-suggestions`}>
          {props.suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </Frame>
  );
}

export interface Option {
  value: string;
  label: string;
  lang?: string;
}

interface SelectProps extends FieldFrame {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
}

export function SelectField(props: SelectProps) {
  return (
    <Frame {...props}>
      <select
        {...wiring(props)}
        className={styles['input']}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

interface NumberProps extends FieldFrame {
  value: number | null;
  onChange: (value: number | null) => void;
  min?: number;
  max?: number;
}

/** A whole number; empty (or not a number) is null. Keeps what is typed while it is typed. */
export function NumberField(props: NumberProps) {
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  return (
    <Frame {...props}>
      <input
        {...wiring(props)}
        className={`${styles['input']} ${styles['short']}`}
        type="number"
        inputMode="numeric"
        step={1}
        min={props.min}
        max={props.max}
        value={text}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          const n = Number(next);
          props.onChange(next.trim() === '' || !Number.isFinite(n) ? null : Math.trunc(n));
        }}
      />
    </Frame>
  );
}

interface MoneyProps extends FieldFrame {
  /** Minor units (pence), or null while empty or unreadable. */
  value: number | null;
  onChange: (minor: number | null) => void;
  currency: string;
  /** The event's locale decides whether "2.400" is two thousand four hundred. */
  locale: string;
}

/** "£2,400", "2400", "2 400,50 zł": an amount in the event's currency, kept as minor units. */
export function MoneyField(props: MoneyProps) {
  const t = useT();
  const { value, onChange, currency, locale } = props;
  const shown = value === null ? '' : String(toMajor(value));
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  const problems = [...(problem === null ? [] : [problem]), ...(props.problems ?? [])];

  function change(next: string) {
    setText(next);
    if (next.trim() === '') {
      setProblem(null);
      onChange(null);
      return;
    }
    const read = parseMoney(next, {
      decimal: decimalMarkOf(locale),
      currency,
      max: DEFAULT_MAX_COST,
    });
    if (read.ok) {
      setProblem(null);
      onChange(read.minor);
    } else {
      setProblem(t('editor.money.unreadable', { currency }));
      onChange(null);
    }
  }

  return (
    <Frame {...props} problems={problems}>
      <span className={styles['money']}>
        <span aria-hidden="true" className={styles['currency']}>
          {currency}
        </span>
        <input
          {...wiring({ ...props, problems })}
          className={`${styles['input']} ${styles['short']}`}
          inputMode="decimal"
          dir="ltr"
          value={text}
          onChange={(e) => change(e.currentTarget.value)}
        />
      </span>
    </Frame>
  );
}

interface CheckProps {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  lang?: string;
}

export function CheckField({ id, label, checked, onChange, lang }: CheckProps) {
  return (
    <div className={styles['check']}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label htmlFor={id} lang={lang}>
        {label}
      </label>
    </div>
  );
}
