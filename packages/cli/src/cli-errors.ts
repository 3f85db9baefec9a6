import { JobQueueError, type JobQueueErrorCode, messagePrefix } from '@jq/core';
import { name as packageName } from '../package.json';

/** `[jq/cli]`: the prefix of every message this package writes. */
export const cliPrefix = messagePrefix(packageName);

/** The exit codes of `jobqueue` (documented in the README). */
export const exitCodes = {
  /** Done. */
  ok: 0,
  /** The command ran and failed: a batch command, a cluster, a check. */
  failure: 1,
  /** The command line or the options are wrong: nothing was started. */
  usage: 2,
} as const;

/** Codes that mean "what you asked for is wrong", answered with exit code 2. */
const usageCodes: readonly JobQueueErrorCode[] = ['JQ_CONFIG_INVALID', 'JQ_CLUSTER_NOT_FOUND', 'JQ_CLUSTER_EXISTS'];

/** A mistake on the command line, with a hint at what would work. */
export class CliUsageError extends JobQueueError {
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super('JQ_CONFIG_INVALID', `${cliPrefix} ${message}`);
    this.name = 'CliUsageError';
    this.hint = hint;
  }
}

/** The exit code for `error`: 2 for usage and configuration errors, else 1. */
export function exitCodeOf(error: unknown): number {
  return JobQueueError.isInstance(error) && usageCodes.includes(error.code) ? exitCodes.usage : exitCodes.failure;
}

/** The one-line report of `error` (its code, and a hint when there is one); the stack only with `debug`. */
export function describeError(error: unknown, debug: boolean): string {
  const hint = error instanceof CliUsageError && error.hint ? `\n  hint: ${error.hint}` : '';
  const code = JobQueueError.isInstance(error) ? ` (${error.code})` : '';
  const message = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `${message}${code}${hint}${stack}`;
}
