import type { ArraySpec, Command, CommandResult, JobId } from '@jq/core';
import { sgeError } from './sge-errors.js';

/**
 * `qsub -terse [-t 1-N] <script>`: one submission, even for N tasks. `-terse` has to be
 * on the command line (some SGE builds ignore it as a directive). qsub has no `--`
 * (it reads the script from stdin after one), so a relative path that starts with `-`
 * is given as `./-…`.
 */
export function sgeSubmitCommand(scriptPath: string, array?: ArraySpec): Command {
  const argv = ['qsub', '-terse'];
  if (array !== undefined) {
    if (!Number.isInteger(array.count) || array.count < 1) {
      throw sgeError('JQ_SUBMIT_FAILED', `an array needs a whole number of tasks ≥ 1, got ${array.count}`);
    }
    argv.push('-t', `1-${array.count}`);
  }
  argv.push(scriptPath.startsWith('-') ? `./${scriptPath}` : scriptPath);
  return { argv };
}

/** `35`, `37.1-8:1` (an array), or without -terse `Your job 35 ("name") has been submitted` / `Your job-array 37.1-8:1 …`. */
const submitLine = [/^(\d+)(?:\.\d+-\d+:\d+)?$/, /^Your job(?:-array)? (\d+)\b.* has been submitted/];

/**
 * The job id from qsub's output; warnings may come first, so the id is on the last
 * line that has one. For an array, task ids `<id>.1 … <id>.N` in task order: SGE's
 * task numbers, which start at 1.
 */
export function parseSgeSubmit(result: CommandResult, array?: ArraySpec): JobId[] {
  let id: string | undefined;
  for (const line of result.stdout.split('\n').map((text) => text.trim())) {
    for (const pattern of submitLine) {
      const match = pattern.exec(line);
      if (match) id = match[1];
    }
  }
  if (id === undefined) {
    throw sgeError(
      'JQ_PARSE_FAILED',
      `could not find a job id in the output of \`${result.argv.join(' ')}\`: ${JSON.stringify(result.stdout.slice(0, 200))}`,
    );
  }
  if (array === undefined) return [id];
  return Array.from({ length: array.count }, (_, offset) => `${id}.${offset + 1}`);
}
