import { sgeError } from './sge-errors.js';

/**
 * SGE job ids as its tools print them: `123` (a job), `123.4` (task 4 of array job
 * 123, as qsub -terse, qdel and the man pages write it). Task lists come separately,
 * in qstat's `<tasks>` and qsub's `123.1-8:1`: `5`, `7,8`, `9-12:1`, `1-9:2`.
 */
const singleId = /^\d+(?:\.\d+)?$/;
const taskRange = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/;

/** One part of a task list: tasks `first`, `first + step`, … up to `last`. */
interface TaskRange {
  first: number;
  last: number;
  step: number;
}

/** The ranges of a task list (`7,8`, `9-12:1`, `1-9:2`, `5`); unparsable parts name no task. */
function taskRanges(list: string): TaskRange[] {
  const ranges: TaskRange[] = [];
  for (const part of list.trim().split(',')) {
    const range = taskRange.exec(part.trim());
    if (!range) continue;
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    const step = range[3] === undefined ? 1 : Number(range[3]);
    if (step >= 1 && last >= first) ranges.push({ first, last, step });
  }
  return ranges;
}

/**
 * Of the requested ids, those a qstat entry stands for: the job itself, or the
 * `<job>.<task>` ids whose task its list names. Ranges are tested, never expanded, so
 * a garbled `1-99999999999` costs nothing.
 */
export function sgeIdsOf(jobNumber: string, tasks: string | undefined, requested: ReadonlySet<string>): string[] {
  if (tasks === undefined || tasks.trim() === '') return requested.has(jobNumber) ? [jobNumber] : [];
  const ranges = taskRanges(tasks);
  const prefix = `${jobNumber}.`;
  return [...requested].filter((id) => {
    if (!id.startsWith(prefix)) return false;
    const task = Number(id.slice(prefix.length));
    return ranges.some(({ first, last, step }) => task >= first && task <= last && (task - first) % step === 0);
  });
}

/** Refuses ids that could smuggle options or shell syntax into a command line. */
export function assertSgeJobIds(ids: string[]): void {
  const bad = ids.filter((id) => !singleId.test(id));
  if (bad.length > 0) {
    throw sgeError('JQ_PARSE_FAILED', `not SGE job ids: ${bad.map((id) => JSON.stringify(id)).join(', ')}`);
  }
}
