import type { CommandResult } from '../contracts/backend-v1.js';

/**
 * A backend's `classifyError` from the messages of its system's failures that go away on
 * their own (server busy, restarting, unreachable): a command that timed out, was killed,
 * or printed one of them is worth retrying; every other failure is permanent, so the
 * user sees the system's message at once instead of a retry loop.
 *
 * @example
 * ```ts
 * export const classifySlurmError = transientWhen([/Socket timed out/i, /Unable to contact slurm controller/i]);
 * ```
 */
export function transientWhen(transient: readonly RegExp[]): (result: CommandResult) => 'transient' | 'permanent' {
  return (result) => {
    if (result.timedOut || result.exitCode === undefined) return 'transient';
    const text = `${result.stderr}\n${result.stdout}`;
    return transient.some((pattern) => pattern.test(text)) ? 'transient' : 'permanent';
  };
}
