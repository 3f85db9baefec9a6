import { join } from 'node:path';
import type { Command, CommandResult, JobId } from '@jq/core';
import { localError } from './local-errors.js';
import { localLauncher, localLogDirectory, localStateDirectory } from './local-launcher.js';
import type { LocalResolvedOptions } from './local-options.js';

/** `jq-local submit <state> <script> <out> <err>`: starts the job detached, in its own process group. */
export function localSubmitCommand(scriptPath: string, options: LocalResolvedOptions): Command {
  const stem = scriptPath.slice(scriptPath.lastIndexOf('/') + 1).replace(/\.sh$/, '');
  const logs = localLogDirectory(options);
  return {
    argv: [options.node, localLauncher, 'submit', localStateDirectory(options), scriptPath, join(logs, `${stem}.out`), join(logs, `${stem}.err`)],
    ...(options.slots === undefined ? {} : { env: { JQ_LOCAL_SLOTS: String(options.slots) } }),
  };
}

/** The job id the launcher printed: its supervisor's process id. */
export function parseLocalSubmit(result: CommandResult): JobId[] {
  const id = result.stdout.trim();
  if (!/^\d+$/.test(id)) throw localError('JQ_PARSE_FAILED', `expected a process id from submit, got ${JSON.stringify(result.stdout.slice(0, 200))}`);
  return [id];
}
