import { type CommandResult, packageErrors } from '@jq/core';
import { name as packageName } from '../package.json';

/** The launcher runs on this machine: nothing about a failure of it goes away by retrying. */
export function classifyLocalError(_result: CommandResult): 'transient' | 'permanent' {
  return 'permanent';
}

/** An error of this package: `localError(code, message)` reads `[jq/local] <message>`. */
export const localError = packageErrors(packageName);
