/** A column's sort direction, named as `aria-sort` names it. */
export type SortDirection = 'ascending' | 'descending';

/** Which column a table is sorted by, and which way. */
export type SortOrder = { column: string; direction: SortDirection };

/** A row's value for sorting; undefined (no value) sorts last in either direction. */
export type SortValue = string | number | undefined;

const textOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The rows in sort order, a new array. Ties keep their key order so rows with equal values do not
 * trade places between updates.
 */
export function sortRows<Row>(
  rows: readonly Row[],
  valueOf: (row: Row) => SortValue,
  direction: SortDirection,
  keyOf: (row: Row) => string,
): Row[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const decorated = rows.map((row) => ({ row, value: valueOf(row), key: keyOf(row) }));
  decorated.sort((left, right) => {
    if (left.value === undefined || right.value === undefined) {
      if (left.value === right.value) return textOrder.compare(left.key, right.key);
      return left.value === undefined ? 1 : -1;
    }
    const order = compareValues(left.value, right.value);
    return order === 0 ? textOrder.compare(left.key, right.key) : sign * order;
  });
  return decorated.map((entry) => entry.row);
}

function compareValues(left: string | number, right: string | number): number {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return textOrder.compare(String(left), String(right));
}

/** The order after a click on a column header: the other way round on the sorted column. */
export function nextSortOrder(current: SortOrder, column: string, firstDirection: SortDirection): SortOrder {
  if (current.column !== column) return { column, direction: firstDirection };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
