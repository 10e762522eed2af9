/**
 * One question and its answers as large radio buttons. Nothing moves on until the voter presses
 * a button, so arrowing through the answers never jumps to another screen.
 */
import { useId, type ReactNode } from 'react';
import styles from './Questions.module.css';

interface AnswerListProps {
  question: string;
  answers: readonly { value: string; label: ReactNode }[];
  value: string | undefined;
  onChange: (value: string) => void;
  /** The id of a notice describing the list (e.g. "Please choose an answer"). */
  describedBy?: string | undefined;
}

export function AnswerList({ question, answers, value, onChange, describedBy }: AnswerListProps) {
  const name = useId();
  return (
    <fieldset className={styles['answers']} aria-describedby={describedBy}>
      <legend className={styles['question']}>{question}</legend>
      {answers.map((answer) => (
        <label key={answer.value} className={styles['option']}>
          <input
            type="radio"
            name={name}
            checked={value === answer.value}
            onChange={() => onChange(answer.value)}
          />
          {answer.label}
        </label>
      ))}
    </fieldset>
  );
}
