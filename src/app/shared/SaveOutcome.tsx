/**
 * What a volunteer reads after saving (or handing over) a file: a status line that is always
 * there, so whatever is put in it is read out, and a failure as an alert of its own. The words
 * come from the caller (the catalogue); see use-file-save.ts for the state behind it.
 */
import type { Said } from './use-file-save.ts';
import styles from './SaveOutcome.module.css';

/** `busy`: the save is still running, so what is said is not an outcome yet. */
export function SaveOutcome({ said, busy }: { said: Said | undefined; busy: boolean }) {
  return (
    <>
      <p role="status" className={styles[busy ? 'working' : 'saved']}>
        {said && !said.failed ? said.text : ''}
      </p>
      {said?.failed && (
        <p role="alert" className="notice">
          {said.text}
        </p>
      )}
    </>
  );
}
