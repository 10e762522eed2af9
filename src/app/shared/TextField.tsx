/**
 * A labelled text field with a hint, and the form's problem beside it while the problem is about
 * this field. The hint always describes the input; the problem joins the description only while it
 * stands, so a screen reader announces it once (role="alert") and again when the person comes back
 * to the field, and never after it is put right.
 */
import type { InputHTMLAttributes } from 'react';

/** The wiring between label, hint, input and problem belongs to this component alone. */
type InputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby' | 'children'
>;

interface TextFieldProps extends InputProps {
  /** The input's own id: a form moves the focus here when its problem is about this field. */
  id: string;
  label: string;
  hint: string;
  value: string;
  onValueChange: (value: string) => void;
  /** The problem's message, present only while the problem is about this field. */
  error: string | undefined;
}

export function TextField({
  id,
  label,
  hint,
  value,
  onValueChange,
  error,
  type = 'text',
  ...input
}: TextFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const wrong = error !== undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={hintId}>
        {hint}
      </p>
      <input
        {...input}
        id={id}
        type={type}
        value={value}
        onChange={(e) => onValueChange(e.currentTarget.value)}
        aria-invalid={wrong ? true : undefined}
        aria-describedby={wrong ? `${hintId} ${errorId}` : hintId}
      />
      {wrong && (
        <p id={errorId} role="alert" className="notice">
          {error}
        </p>
      )}
    </div>
  );
}
