import type { ArraySpec, Command, CommandResult, JobId } from '@jq/core';
import { slurmError } from './slurm-errors.js';

/** `sbatch --parsable [--array=0-(N-1)] <script>`: one submission, even for N tasks. */
export function slurmSubmitCommand(scriptPath: string, array?: ArraySpec): Command {
  const argv = ['sbatch', '--parsable'];
  if (array !== undefined) {
    if (!Number.isInteger(array.count) || array.count < 1) {
      throw slurmError('JQ_SUBMIT_FAILED', `an array needs a whole number of tasks ≥ 1, got ${array.count}`);
    }
    argv.push(`--array=0-${array.count - 1}`);
  }
  // `--` keeps a script path starting with "-" from being read as an option
  argv.push('--', scriptPath);
  return { argv };
}

/**
 * The job id from sbatch's output: `--parsable` prints `<id>` or `<id>;<cluster>`;
 * without it sbatch says `Submitted batch job <id>[ on cluster <name>]`. Warnings may
 * come first, so the id is on the last line that has one. For an array, task ids
 * `<id>_0 … <id>_(N-1)` in task order.
 */
export function parseSlurmSubmit(result: CommandResult, array?: ArraySpec): JobId[] {
  const lines = result.stdout.split('\n').map((line) => line.trim());
  const id = lines
    .map((line) => (/^(\d+)(?:;\S+)?$/.exec(line) ?? /Submitted batch job (\d+)/.exec(line))?.[1])
    .findLast((found) => found !== undefined);
  if (id === undefined) throw slurmError('JQ_PARSE_FAILED', `could not find a job id in the output of \`${result.argv.join(' ')}\`: ${JSON.stringify(result.stdout.slice(0, 200))}`);
  return array === undefined ? [id] : Array.from({ length: array.count }, (_, task) => `${id}_${task}`);
}
