import { slurmError } from './slurm-errors.js';

/**
 * Slurm job ids as its tools print them: `123` (a job), `123_4` (an array task),
 * `123_[5-9,11]` or `123_[2-4%25]` (pending array tasks, `%25` being a throttle),
 * `123_*` (all tasks of an array, in old sacct output), `123+1` (a heterogeneous
 * job component), and `123.batch` / `123.ext+` (job steps).
 */
const singleId = /^\d+(?:_\d+)?$/;
const arrayRange = /^(\d+)_\[([\d,\-]+)(?:%\d+)?\]$/;
const taskRange = /^(\d+)(?:-(\d+))?$/;
const maxArrayTasks = 4_000_001;

/** True for ids this backend hands out: `123` or `123_4`. */
export function isSlurmJobId(id: string): boolean {
  return singleId.test(id);
}

/** The array (or plain job) id an id belongs to: `123_4` → `123`. */
export function slurmBaseId(id: string): string {
  return id.split('_')[0] ?? id;
}

/** A printed id read once: a single job/task, or an array's task ranges. */
type PrintedSlurmId = { single: string } | { base: string; ranges: Array<[first: number, last: number]> } | undefined;

function readPrintedId(printed: string): PrintedSlurmId {
  const text = printed.trim();
  if (singleId.test(text)) return { single: text };
  const range = arrayRange.exec(text);
  if (!range) return undefined;
  const [, base = '', list = ''] = range;
  const ranges: Array<[number, number]> = [];
  for (const part of list.split(',')) {
    const bounds = taskRange.exec(part);
    if (bounds) ranges.push([Number(bounds[1]), Number(bounds[2] ?? bounds[1])]);
  }
  return { base, ranges };
}

/**
 * The ids one printed id stands for: itself, or every task of a compressed range.
 * Steps (`123.batch`) and unparsable ids give an empty list: they are not jobs.
 */
export function expandSlurmJobId(printed: string): string[] {
  const read = readPrintedId(printed);
  if (!read) return [];
  if ('single' in read) return [read.single];
  const ids: string[] = [];
  for (const [first, last] of read.ranges) {
    // Slurm's MaxArraySize is at most 4,000,001: a wider range is not real output.
    if (last - first > maxArrayTasks) continue;
    for (let task = first; task <= last; task += 1) ids.push(`${read.base}_${task}`);
  }
  return ids;
}

/**
 * The ids of `wanted` that one printed id covers, without expanding ranges (a range
 * may name millions of tasks): `123_[5-9]` covers a wanted `123_7`.
 */
export function wantedSlurmJobIds(printed: string, wanted: ReadonlySet<string>): string[] {
  const read = readPrintedId(printed);
  if (!read) return [];
  if ('single' in read) return wanted.has(read.single) ? [read.single] : [];
  return [...wanted].filter((id) => {
    const [base, task] = id.split('_');
    const number = Number(task);
    return base === read.base && task !== undefined && read.ranges.some(([first, last]) => number >= first && number <= last);
  });
}

/** The array id of a printed id (`123` for `123_[5-9]` and `123_4`), or undefined for steps and garbage. */
export function printedSlurmBaseId(printed: string): string | undefined {
  const read = readPrintedId(printed);
  if (!read) return undefined;
  return 'single' in read ? slurmBaseId(read.single) : read.base;
}

/** Refuses ids that could smuggle options or shell syntax into a command line. */
export function assertSlurmJobIds(ids: string[]): void {
  const bad = ids.filter((id) => !singleId.test(id));
  if (bad.length > 0) {
    throw slurmError('JQ_PARSE_FAILED', `not Slurm job ids: ${bad.map((id) => JSON.stringify(id)).join(', ')}`);
  }
}
