/** A column's sort direction, named as `aria-sort` names it. */
export type SortDirection = 'ascending' | 'descending';

/** Which column a table is sorted by, and which way. */
export type SortOrder = { column: string; direction: SortDirection };

/** A row's value for sorting; undefined (no value) sorts last in either direction. */
export type SortValue = string | number | undefined;

/**
 * Text as a key that plain comparison puts in natural order: case folded and every run of digits
 * padded, so `demo-9` comes before `demo-10`. Made once per row per sort; comparing plain strings is
 * several times faster than a collator over the sort's n·log n comparisons.
 */
export function naturalKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(16, '0'));
}

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
  type Entry = { row: Row; value: SortValue; tieKey?: string };
  // The key's natural form is made only for rows that tie, which a sort by a unique column never has.
  const tieKey = (entry: Entry) => (entry.tieKey ??= naturalKey(keyOf(entry.row)));
  const decorated: Entry[] = rows.map((row) => {
    const value = valueOf(row);
    return { row, value: typeof value === 'string' ? naturalKey(value) : value };
  });
  decorated.sort((left, right) => {
    if (left.value === undefined || right.value === undefined) {
      if (left.value === right.value) return compareValues(tieKey(left), tieKey(right));
      return left.value === undefined ? 1 : -1;
    }
    const order = compareValues(left.value, right.value);
    return order === 0 ? compareValues(tieKey(left), tieKey(right)) : sign * order;
  });
  return decorated.map((entry) => entry.row);
}

function compareValues(left: string | number, right: string | number): number {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  const leftText = String(left);
  const rightText = String(right);
  return leftText < rightText ? -1 : leftText > rightText ? 1 : 0;
}

/** The order after a click on a column header: the other way round on the sorted column. */
export function nextSortOrder(current: SortOrder, column: string, firstDirection: SortDirection): SortOrder {
  if (current.column !== column) return { column, direction: firstDirection };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
