/**
 * The reason an organiser gives for a decision recorded in the tally file (voiding a ballot,
 * withdrawing a bid): a labelled text box with a hint, at most as long as the file accepts, and
 * the message beside it when it is left empty. The words are the caller's.
 */
import { VOID_REASON_MAX } from '../../../core/tally-file/index.ts';
import styles from './ReasonField.module.css';

interface ReasonFieldProps {
  /** Prefix of the field's ids (the label, hint and message point at each other by id). */
  id: string;
  label: string;
  hint: string;
  /** Shown (as an alert) when the organiser tried to go on with no reason; null otherwise. */
  missing: string | null;
  value: string;
  onChange: (value: string) => void;
}

export function ReasonField({ id, label, hint, missing, value, onChange }: ReasonFieldProps) {
  return (
    <div className="field">
      <label htmlFor={`${id}-reason`}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea
        id={`${id}-reason`}
        className={styles['reason']}
        value={value}
        maxLength={VOID_REASON_MAX}
        rows={3}
        required
        aria-invalid={missing !== null ? true : undefined}
        aria-describedby={missing !== null ? `${id}-hint ${id}-reason-missing` : `${id}-hint`}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      {missing !== null && (
        <p id={`${id}-reason-missing`} role="alert" className="notice">
          {missing}
        </p>
      )}
    </div>
  );
}
