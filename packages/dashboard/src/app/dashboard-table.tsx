import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { DashboardPager, pageSizes } from './dashboard-pager.js';
import { nextSortOrder, sortRows, type SortOrder } from './dashboard-sort.js';
import { cellClass, DashboardTableRow, type DashboardColumn } from './dashboard-table-row.js';
import { formatCount } from './dashboard-format.js';

export type { DashboardColumn } from './dashboard-table-row.js';

type TableProps<Row, Context> = {
  /** Prefix of the element ids, unique on the page. */
  id: string;
  /** What the table lists, e.g. `Batch jobs`; the caption adds which rows are shown. */
  caption: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Stable (module-level or memoised): a new array re-renders every row. */
  columns: readonly DashboardColumn<Row, Context>[];
  /** Shared by every cell, e.g. the clock; memoise it, a new one re-renders every row. */
  context: Context;
  defaultSort: SortOrder;
  /** Shown instead of the rows when there are none. */
  emptyText: string;
  /** When it changes (a filter changed), the table goes back to its first page. */
  resetKey?: string;
  /** Rows per page at first. */
  initialPageSize?: number;
};

/**
 * A sortable table that renders one page of its rows, keyed, inside a region that scrolls
 * sideways on a narrow window. Sorting and paging are the reader's; updates keep both.
 */
export function DashboardTable<Row, Context>(props: TableProps<Row, Context>) {
  const { id, caption, rows, rowKey, columns, context, defaultSort, emptyText } = props;
  const [sort, setSort] = useState<SortOrder>(defaultSort);
  const [pageSize, setPageSize] = useState(props.initialPageSize ?? 50);
  // The page belongs to the filter it was chosen under: another filter starts at the first page.
  const [paging, setPaging] = useState({ resetKey: props.resetKey, page: 0 });
  const wantedPage = paging.resetKey === props.resetKey ? paging.page : 0;
  const setPage = (page: number) => setPaging({ resetKey: props.resetKey, page });

  const sortColumn = columns.find((column) => column.id === sort.column && column.sortValue);
  const sorted = useMemo(() => {
    const valueOf = sortColumn?.sortValue;
    return valueOf ? sortRows(rows, (row) => valueOf(row, context), sort.direction, rowKey) : rows;
  }, [rows, sortColumn, sort.direction, context, rowKey]);

  const pageCount = Math.max(1, Math.ceil(sorted.length / pageSize));
  const page = Math.min(wantedPage, pageCount - 1);
  const first = page * pageSize;
  const pageRows = sorted.slice(first, first + pageSize);
  const captionId = `${id}-caption`;
  const shown =
    sorted.length === 0 ? 'none' : `${formatCount(first + 1)}–${formatCount(first + pageRows.length)} of ${formatCount(sorted.length)}`;

  const header = (column: DashboardColumn<Row, Context>): ComponentChildren => {
    if (!column.sortValue) return column.label;
    const active = sort.column === column.id;
    const arrow = active ? (sort.direction === 'ascending' ? '▲' : '▼') : '';
    return (
      <button
        type="button"
        class="sort"
        onClick={() => setSort(nextSortOrder(sort, column.id, column.numeric ? 'descending' : 'ascending'))}
      >
        {column.label}
        <span class="sort-arrow" aria-hidden="true">
          {arrow}
        </span>
      </button>
    );
  };

  return (
    <div class="table-block">
      <div class="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table id={id}>
          <caption id={captionId}>
            {caption} <span class="caption-range">({shown})</span>
          </caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.id}
                  scope="col"
                  class={cellClass(column)}
                  aria-sort={sort.column === column.id && column.sortValue ? sort.direction : undefined}
                >
                  {header(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {pageRows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} class="empty">
                  {emptyText}
                </td>
              </tr>
            ) : (
              pageRows.map((row) => <DashboardTableRow key={rowKey(row)} row={row} context={context} columns={columns} />)
            )}
          </tbody>
        </table>
      </div>
      {sorted.length > Math.min(...pageSizes) ? (
        <DashboardPager
          id={`${id}-page-size`}
          label={`${caption} pages`}
          page={page}
          pageCount={pageCount}
          pageSize={pageSize}
          onPage={setPage}
          onPageSize={(size) => {
            setPageSize(size);
            setPage(Math.floor(first / size));
          }}
        />
      ) : null}
    </div>
  );
}
