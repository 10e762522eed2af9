/**
 * A button that says it is busy without giving up the focus. A `disabled` button that has the
 * focus drops it to the page (WCAG 2.4.3): a keyboard or screen-reader user is then lost. So while
 * busy it is only `aria-disabled`, drawn as waiting, and its clicks are ignored.
 */
import type { ButtonHTMLAttributes, MouseEvent } from 'react';
import styles from './station.module.css';

interface BusyButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> {
  busy: boolean;
}

export function BusyButton({ busy, onClick, className, ...button }: BusyButtonProps) {
  const click = (event: MouseEvent<HTMLButtonElement>) => {
    if (busy) {
      // Also stops a submit button from submitting its form again.
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <button
      {...button}
      className={[className, styles['busyButton']].filter(Boolean).join(' ')}
      aria-disabled={busy ? true : undefined}
      onClick={click}
    />
  );
}
