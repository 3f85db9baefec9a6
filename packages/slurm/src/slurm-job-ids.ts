import { JobQueueError } from '@jq/core';

/**
 * Slurm job ids as its tools print them: `123` (a job), `123_4` (an array task),
 * `123_[5-9,11]` or `123_[2-4%25]` (pending array tasks, `%25` being a throttle),
 * `123_*` (all tasks of an array, in old sacct output), `123+1` (a heterogeneous
 * job component), and `123.batch` / `123.ext+` (job steps).
 */
const singleId = /^\d+(?:_\d+)?$/;
const arrayRange = /^(\d+)_\[([\d,\-]+)(?:%\d+)?\]$/;

/** True for ids this backend hands out: `123` or `123_4`. */
export function isSlurmJobId(id: string): boolean {
  return singleId.test(id);
}

/** The array (or plain job) id an id belongs to: `123_4` → `123`. */
export function slurmBaseId(id: string): string {
  return id.split('_')[0] ?? id;
}

/**
 * The ids one printed id stands for: itself, or every task of a compressed range.
 * Steps (`123.batch`) and unparsable ids give an empty list: they are not jobs.
 */
export function expandSlurmJobId(printed: string): string[] {
  const text = printed.trim();
  if (singleId.test(text)) return [text];
  const range = arrayRange.exec(text);
  if (!range) return [];
  const [, base, list = ''] = range;
  const ids: string[] = [];
  for (const part of list.split(',')) {
    const [first, last = first] = part.split('-').map(Number);
    if (first === undefined || last === undefined || !Number.isInteger(first) || !Number.isInteger(last)) continue;
    for (let task = first; task <= last; task += 1) ids.push(`${base}_${task}`);
  }
  return ids;
}

/** Refuses ids that could smuggle options or shell syntax into a command line. */
export function assertSlurmJobIds(ids: string[]): void {
  const bad = ids.filter((id) => !singleId.test(id));
  if (bad.length > 0) {
    throw new JobQueueError('JQ_PARSE_FAILED', `[jq/slurm] not Slurm job ids: ${bad.map((id) => JSON.stringify(id)).join(', ')}`);
  }
}
