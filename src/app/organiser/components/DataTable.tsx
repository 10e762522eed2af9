/**
 * The organiser's tables: a caption (the table's accessible name), column headers with scope, and
 * numbers aligned to the end so columns of figures can be compared at a glance. On a phone the
 * table scrolls sideways instead of squeezing, and its scrolling box is a named region that takes
 * keyboard focus, so it can be scrolled with the arrow keys (WCAG 2.1.1).
 */
import type { ReactNode } from 'react';
import styles from './DataTable.module.css';

export interface Column {
  label: string;
  numeric?: boolean;
}

interface Props {
  caption: string;
  columns: Column[];
  /** The <tr> rows of the body. */
  children: ReactNode;
  footer?: ReactNode;
}

export function DataTable({ caption, columns, children, footer }: Props) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus to scroll by keyboard
    <div className={styles['scroller']} role="region" aria-label={caption} tabIndex={0}>
      <table className={styles['table']}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.numeric === true ? styles['num'] : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
        {footer !== undefined && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}

/** A numeric cell, aligned with its column's header. */
export function NumberCell({ children }: { children: ReactNode }) {
  return <td className={styles['num']}>{children}</td>;
}
