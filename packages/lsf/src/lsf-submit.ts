import type { ArraySpec, Command, CommandResult, JobId } from '@jq/core';
import { lsfError } from './lsf-errors.js';
import type { LsfResolvedOptions } from './lsf-options.js';

/**
 * `bsub < script` as dask-jobqueue runs it (the default: LSF reads `#BSUB` lines from a
 * script argument only where the site sets LSB_BSUB_PARSE_SCRIPT=Y), or `bsub script`.
 * An array adds `-J "<jobName>[1-N]"`, which overrides the script's `-J`.
 */
export function lsfSubmitCommand(scriptPath: string, options: LsfResolvedOptions, array?: ArraySpec): Command {
  const arrayArguments = array ? ['-J', `${options.jobName}[1-${array.count}]`] : [];
  if (!options.useStdin) return { argv: ['bsub', ...arrayArguments, scriptPath] };
  return { argv: ['bsub', ...arrayArguments], stdinFile: scriptPath };
}

const submitted = /Job <(\d+)> is submitted/;

/**
 * The id from `Job <123> is submitted to default queue <normal>.` (after any "LSF is
 * processing your request" lines). An array's elements are `123[1]` … `123[N]`: task
 * i of jobqueue is LSF index i + 1.
 */
export function parseLsfSubmit(result: CommandResult, array?: ArraySpec): JobId[] {
  const match = submitted.exec(result.stdout);
  if (!match?.[1]) throw lsfError('JQ_PARSE_FAILED', `no "Job <id> is submitted" in bsub output ${JSON.stringify(result.stdout.slice(0, 200))}`);
  const id = match[1];
  return array ? Array.from({ length: array.count }, (_, index) => `${id}[${index + 1}]`) : [id];
}
