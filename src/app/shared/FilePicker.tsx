/**
 * A file input whose words come from the catalogue. The browser's own picker says "Choose File"
 * and "No file chosen" in the browser's language, whatever language the person chose here; so the
 * real input is kept (focusable, labelled by the caller's <label>, and what tests and assistive
 * technology use) but drawn invisibly, with our own button and file name beside it.
 */
import { forwardRef, useState, type InputHTMLAttributes } from 'react';
import styles from './FilePicker.module.css';

interface FilePickerProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'className'
> {
  /** The button's words, e.g. "Choose a file". */
  chooseLabel: string;
  /** Shown beside the button until a file is chosen. */
  noneLabel: string;
}

export const FilePicker = forwardRef<HTMLInputElement, FilePickerProps>(function FilePicker(
  { chooseLabel, noneLabel, onChange, ...input },
  ref,
) {
  const [name, setName] = useState<string | null>(null);
  return (
    <span className={styles['picker']}>
      <input
        {...input}
        ref={ref}
        type="file"
        className={styles['input']}
        onChange={(event) => {
          setName(event.currentTarget.files?.[0]?.name ?? null);
          onChange?.(event);
        }}
      />
      {/* Hidden from assistive technology: the input itself is announced with its label. */}
      <span className={styles['button']} aria-hidden="true">
        {chooseLabel}
      </span>
      <span className={styles['name']} aria-hidden="true">
        {name ?? noneLabel}
      </span>
    </span>
  );
});
