/** Page sizes a reader can choose; small enough that a page renders in a few milliseconds. */
export const pageSizes = [25, 50, 100, 200] as const;

type PagerProps = {
  /** The rows-per-page select's element id, unique on the page. */
  id: string;
  /** Names the navigation landmark, e.g. `Jobs table pages`. */
  label: string;
  /** Zero-based. */
  page: number;
  pageCount: number;
  pageSize: number;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
};

/** First/previous/next/last buttons and the rows-per-page choice under a table. */
export function DashboardPager({ id, label, page, pageCount, pageSize, onPage, onPageSize }: PagerProps) {
  const last = pageCount - 1;
  // aria-disabled rather than disabled: a disabled button drops the keyboard focus to the page's start.
  const step = (text: string, target: number, enabled: boolean) => (
    <button type="button" aria-disabled={enabled ? undefined : 'true'} onClick={() => enabled && onPage(target)}>
      {text}
    </button>
  );
  return (
    <nav class="pager" aria-label={label}>
      {step('First', 0, page > 0)}
      {step('Previous', page - 1, page > 0)}
      <span class="pager-position">
        Page {page + 1} of {pageCount}
      </span>
      {step('Next', page + 1, page < last)}
      {step('Last', last, page < last)}
      <label class="pager-size" for={id}>
        Rows per page
      </label>
      <select id={id} value={String(pageSize)} onChange={(event) => onPageSize(Number(event.currentTarget.value))}>
        {pageSizes.map((size) => (
          <option key={size} value={String(size)}>
            {size}
          </option>
        ))}
      </select>
    </nav>
  );
}
