import { Component, type ComponentChildren } from 'preact';
import type { SortValue } from './dashboard-sort.js';

/** One column of a {@link DashboardTable}. */
export type DashboardColumn<Row, Context> = {
  /** Unique within the table; names the sort order. */
  id: string;
  /** The header's text. */
  label: string;
  /** Right-aligned, with the first sort click descending (largest first). */
  numeric?: boolean;
  /** The cell names its row (`<th scope="row">`); one column per table. */
  rowHeader?: boolean;
  /** Lets the cell wrap instead of widening the table (free text such as reasons). */
  wrap?: boolean;
  /** The value the column sorts by; without it the column does not sort. */
  sortValue?: (row: Row, context: Context) => SortValue;
  /** The cell's content. */
  cell: (row: Row, context: Context) => ComponentChildren;
};

type RowProps<Row, Context> = {
  row: Row;
  context: Context;
  columns: readonly DashboardColumn<Row, Context>[];
};

/**
 * One table row. It re-renders only when its record, the shared context (the clock) or the
 * columns change, so an update that touches a few records of a page touches only their rows.
 */
export class DashboardTableRow<Row, Context> extends Component<RowProps<Row, Context>> {
  override shouldComponentUpdate(next: RowProps<Row, Context>): boolean {
    return next.row !== this.props.row || next.context !== this.props.context || next.columns !== this.props.columns;
  }

  override render() {
    const { row, context, columns } = this.props;
    return (
      <tr>
        {columns.map((column) => {
          const className = cellClass(column);
          return column.rowHeader ? (
            <th key={column.id} scope="row" class={className}>
              {column.cell(row, context)}
            </th>
          ) : (
            <td key={column.id} class={className}>
              {column.cell(row, context)}
            </td>
          );
        })}
      </tr>
    );
  }
}

/** The cell classes a column asks for, shared by header and body cells. */
export function cellClass(column: { numeric?: boolean; wrap?: boolean }): string | undefined {
  const classes = [column.numeric ? 'numeric' : '', column.wrap ? 'wrap' : ''].filter(Boolean);
  return classes.length > 0 ? classes.join(' ') : undefined;
}
