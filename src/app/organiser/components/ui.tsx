/** Small pieces every organiser screen uses: buttons that stay focusable while busy, callouts, headings. */
import { useEffect, useRef, type ComponentProps, type ReactNode } from 'react';
import type { ApiProblem } from '../api.ts';
import { problemOf } from '../session/queries.ts';
import { ProblemText } from './problem-text.tsx';
import { useDocumentTitle, useT } from '../../i18n/react.tsx';
import styles from './ui.module.css';

export const ui = {
  actions: styles['actions'],
  hint: styles['hint'],
  section: styles['section'],
  noPrint: styles['noPrint'],
};

const cx = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

interface ButtonProps extends ComponentProps<'button'> {
  primary?: boolean;
  /**
   * While busy the button says so and ignores presses, but stays enabled for the browser: a button
   * that disables itself drops keyboard focus to the page (WCAG 2.4.3). `disabled` stays for a
   * control that is simply not available (e.g. "move up" on the first row).
   */
  busy?: boolean;
  busyLabel?: ReactNode;
}

export function Button({
  primary = false,
  busy = false,
  busyLabel,
  className,
  onClick,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={cx(styles['button'], primary && styles['primary'], className)}
      aria-disabled={busy ? true : undefined}
      onClick={(e) => {
        if (busy) e.preventDefault();
        else onClick?.(e);
      }}
    >
      {busy && busyLabel !== undefined ? busyLabel : children}
    </button>
  );
}

type CalloutKind = 'notice' | 'error' | 'warning' | 'success';

export function Callout({
  kind = 'notice',
  className,
  ...rest
}: ComponentProps<'div'> & { kind?: CalloutKind }) {
  return (
    <div
      {...rest}
      className={cx(styles['callout'], kind !== 'notice' && styles[kind], className)}
    />
  );
}

/** A failed read: what went wrong, in words, and a way to try again. */
export function LoadProblem({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const problem: ApiProblem = problemOf(error);
  return (
    <Callout kind="error" role="alert">
      <p>
        <ProblemText problem={problem} />
      </p>
      {onRetry !== undefined && (
        <p>
          <Button onClick={onRetry}>{t('organiser.common.try-again')}</Button>
        </p>
      )}
    </Callout>
  );
}

/**
 * A screen's <h1>, which takes focus when the screen opens (after sign-in or a link), so a screen
 * reader starts at the top of the new screen rather than on <body>. Also the tab's title.
 */
export function ScreenHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(title);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1} className={styles['heading']}>
      {children}
    </h1>
  );
}
