/**
 * The organiser's tables: a caption (the table's accessible name), column headers with scope, and
 * numbers right-aligned so columns of figures can be compared at a glance. Scrolls sideways on a
 * phone instead of squeezing.
 */
import type { ReactNode } from 'react';

export interface Column {
  label: ReactNode;
  numeric?: boolean;
}

interface Props {
  caption: ReactNode;
  columns: Column[];
  /** The <tr> rows of the body. */
  children: ReactNode;
  footer?: ReactNode;
}

export function DataTable({ caption, columns, children, footer }: Props) {
  return (
    <div className="org-table-wrap">
      <table className="org-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.numeric === true ? 'num' : undefined}>
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
