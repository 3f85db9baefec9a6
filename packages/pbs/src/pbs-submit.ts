import type { ArraySpec, Command, CommandResult, JobId } from '@jq/core';
import { pbsError } from './pbs-errors.js';
import { type PbsDialect } from './pbs-flavor.js';

/** `qsub <script>`; an array adds the dialect's range option (`-J 0-3`, `-t 0-3`). */
export function pbsSubmitCommand(dialect: PbsDialect, scriptPath: string, array?: ArraySpec): Command {
  return { argv: array ? ['qsub', dialect.arrayOption, `0-${array.count - 1}`, scriptPath] : ['qsub', scriptPath] };
}

const jobIdPattern = /(\d+)(\[\d*\])?((?:\.[A-Za-z0-9_-]+)*)/;

/**
 * Job ids from qsub output: the id is the last non-empty line (`123.server`), or the
 * id inside a wordier line (`Request 654321.asdf was submitted …`). An array's
 * `123[].server` becomes one id per task, `123[0].server` … `123[N-1].server`.
 */
export function parsePbsSubmit(result: CommandResult, array?: ArraySpec): JobId[] {
  const lines = result.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
  const last = lines.at(-1);
  const match = last === undefined ? null : jobIdPattern.exec(last);
  if (!match) throw pbsError('JQ_PARSE_FAILED', `no PBS job id in qsub output ${JSON.stringify(result.stdout.slice(0, 200))}`);
  const [, sequence, brackets, server = ''] = match;
  if (!array) {
    if (brackets) throw pbsError('JQ_PARSE_FAILED', `qsub printed an array id ${match[0]} for a single job`);
    return [`${sequence}${server}`];
  }
  return Array.from({ length: array.count }, (_, index) => `${sequence}[${index}]${server}`);
}
