import type { BackendV1, Command, CommandResult } from '../contracts/backend-v1.js';
import { CommandError } from '../errors.js';
import { type Clock, sleep } from '../util/clock.js';
import type { CommandRunner } from './command-runner.js';

/** How {@link runWithRetry} retries. */
export interface RetryPolicy {
  /** Total tries for transient failures. */
  attempts: number;
  /** Per-try timeout in milliseconds. */
  timeoutMs: number;
  /** First backoff in milliseconds; doubles each try, with full jitter. */
  baseDelayMs?: number;
  /** Longest backoff in milliseconds. */
  maxDelayMs?: number;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /** Stops retrying (the last failure is thrown) when aborted, e.g. by `close()`. */
  signal?: AbortSignal;
}

/**
 * Runs `command` until it succeeds, retrying only failures the backend classifies
 * as transient (and timeouts), with exponential backoff and jitter (50–100 % of the doubled delay). Throws a
 * {@link CommandError} carrying argv, exit code and stderr otherwise.
 */
export async function runWithRetry(
  runner: CommandRunner,
  backend: Pick<BackendV1, 'classifyError' | 'packageName'>,
  command: Command,
  clock: Clock,
  policy: RetryPolicy,
): Promise<CommandResult> {
  const baseDelay = policy.baseDelayMs ?? 1000;
  const maxDelay = policy.maxDelayMs ?? 30_000;
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    const result = await runner.run(command, { timeoutMs: policy.timeoutMs });
    if (result.exitCode === 0 && !result.timedOut) return result;
    const kind = result.timedOut ? 'transient' : backend.classifyError(result);
    if (kind === 'permanent' || attempt >= policy.attempts || policy.signal?.aborted) {
      const reason = result.timedOut ? `timed out after ${policy.timeoutMs} ms` : undefined;
      const tries = attempt > 1 ? ` (after ${attempt} tries)` : '';
      throw new CommandError(backend.packageName, {
        argv: result.argv,
        exitCode: result.exitCode,
        stdout: result.stdout,
        stderr: result.stderr,
        kind,
        ...(reason || tries ? { reason: `${reason ?? (result.exitCode === undefined ? 'did not exit' : `exited with ${result.exitCode}`)}${tries}` } : {}),
      });
    }
    const ceiling = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
    await sleep(clock, Math.round(ceiling * (0.5 + random() / 2)), policy.signal);
  }
}
