import type { Command, CommandResult, JobId } from '@jq/core';
import { oarError } from './oar-errors.js';

/** `oarsub -S <script>`: `-S` makes oarsub read the script's `#OAR` lines. An argv, never a shell string. */
export function oarSubmitCommand(scriptPath: string): Command {
  return { argv: ['oarsub', '-S', scriptPath] };
}

/** The id from oarsub's output, which ends with `OAR_JOB_ID=<id>` after any admission-rule notes; no id is an error, never a guess. */
export function parseOarSubmit(result: CommandResult): JobId[] {
  const match = /^OAR_JOB_ID=(\d+)\s*$/m.exec(result.stdout);
  if (!match?.[1]) throw oarError('JQ_PARSE_FAILED', `no OAR_JOB_ID in oarsub output ${JSON.stringify(result.stdout.slice(0, 200))}`);
  return [match[1]];
}
