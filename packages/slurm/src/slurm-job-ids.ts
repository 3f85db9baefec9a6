import { JobQueueError } from '@jq/core';

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
    const bounds = taskRange.exec(part);
    if (!bounds) continue;
    const first = Number(bounds[1]);
    const last = bounds[2] === undefined ? first : Number(bounds[2]);
    // Slurm's MaxArraySize is at most 4,000,001: a wider range is not real output.
    if (last - first > maxArrayTasks) continue;
    for (let task = first; task <= last; task += 1) ids.push(`${base}_${task}`);
  }
  return ids;
}

/**
 * The ids of `wanted` that one printed id covers, without expanding ranges (a range
 * may name millions of tasks): `123_[5-9]` covers a wanted `123_7`.
 */
export function wantedSlurmJobIds(printed: string, wanted: ReadonlySet<string>): string[] {
  const text = printed.trim();
  if (singleId.test(text)) return wanted.has(text) ? [text] : [];
  const range = arrayRange.exec(text);
  if (!range) return [];
  const [, base, list = ''] = range;
  const parts = list.split(',').map((part) => taskRange.exec(part)).filter((part): part is RegExpExecArray => part !== null);
  return [...wanted].filter((id) => {
    const [idBase, task] = id.split('_');
    if (idBase !== base || task === undefined) return false;
    const number = Number(task);
    return parts.some((part) => number >= Number(part[1]) && number <= Number(part[2] ?? part[1]));
  });
}

/** The array id of a printed id (`123` for `123_[5-9]` and `123_4`), or undefined for steps and garbage. */
export function printedSlurmBaseId(printed: string): string | undefined {
  const text = printed.trim();
  return singleId.test(text) || arrayRange.test(text) ? slurmBaseId(text) : undefined;
}

/** Refuses ids that could smuggle options or shell syntax into a command line. */
export function assertSlurmJobIds(ids: string[]): void {
  const bad = ids.filter((id) => !singleId.test(id));
  if (bad.length > 0) {
    throw new JobQueueError('JQ_PARSE_FAILED', `[jq/slurm] not Slurm job ids: ${bad.map((id) => JSON.stringify(id)).join(', ')}`);
  }
}
