import type { ComponentChildren } from 'preact';
import { formatClock, formatCount, formatTimestamp } from './dashboard-format.js';
import type { DashboardTone } from './dashboard-states.js';

/** The value of a filter that lets everything through. */
export const allValues = '';

type FilterProps = {
  /** The select's element id, unique on the page. */
  id: string;
  /** The visible label, e.g. `State`. */
  label: string;
  value: string;
  /** What the unfiltered choice reads, e.g. `All states`. */
  allLabel: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
};

/** A labelled drop-down filter. */
export function DashboardFilter({ id, label, value, allLabel, options, onChange }: FilterProps) {
  // A chosen value whose last row went away stays a choice, so the select does not jump elsewhere.
  const choices =
    value === allValues || options.some((option) => option.value === value) ? options : [...options, { value, label: `${value} (0)` }];
  return (
    // Label beside the select, not around it: a wrapping label would add the chosen option to its name.
    <span class="filter">
      <label class="filter-label" for={id}>
        {label}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        <option value={allValues}>{allLabel}</option>
        {choices.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  );
}

/** A row of filters above a table. */
export function DashboardFilters({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="filters" role="group" aria-label={label}>
      {children}
    </div>
  );
}

/** A state in words; the tone's colour and border only repeat the words. */
export function StateBadge({ label, tone }: { label: string; tone: DashboardTone }) {
  return <span class={`state tone-${tone}`}>{label}</span>;
}

/** A moment as local wall-clock time, with the full timestamp for machines and tooltips. */
export function Clock({ time }: { time: number }) {
  const timestamp = formatTimestamp(time);
  return (
    <time dateTime={timestamp} title={timestamp}>
      {formatClock(time)}
    </time>
  );
}

/** Counts of distinct values, for filter options that say how many rows each choice keeps. */
export function countBy<Item>(items: readonly Item[], valueOf: (item: Item) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const value = valueOf(item);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/**
 * Filter options for the values present, in the order given (by name when none is given), each
 * saying how many rows it keeps: `running (532)`.
 */
export function countedOptions(
  counts: ReadonlyMap<string, number>,
  order: readonly string[] = [...counts.keys()].sort(),
  labelOf: (value: string) => string = (value) => value,
): { value: string; label: string }[] {
  return order
    .filter((value) => counts.has(value))
    .map((value) => ({ value, label: `${labelOf(value)} (${formatCount(counts.get(value) ?? 0)})` }));
}
