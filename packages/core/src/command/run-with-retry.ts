import type { BackendV1, Command, CommandResult } from '../contracts/backend-v1.js';
import { CommandError, type CommandFailureKind } from '../errors.js';
import { Backoff } from '../util/backoff.js';
import { type Clock, sleep } from '../util/clock.js';
import type { CommandRunner } from './command-runner.js';

/** How {@link runWithRetry} retries. */
export interface RetryPolicy {
  /** Total tries for transient failures. */
  attempts: number;
  /** Per-try timeout in milliseconds. */
  timeoutMs: number;
  /** First backoff in milliseconds; doubles each try. Default 1000. */
  baseDelayMs?: number;
  /** Longest backoff in milliseconds. Default 30 000. */
  maxDelayMs?: number;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /** Stops retrying (the last failure is thrown) when aborted, e.g. by `close()`. */
  signal?: AbortSignal;
}

/** The backend facts a failed command is judged by. */
export type CommandJudge = Pick<BackendV1, 'classifyError' | 'packageName' | 'title'>;

/** How a failed result is classified: a missing program and a timeout are core's call, the rest the backend's. */
export function failureKind(judge: CommandJudge, result: CommandResult): CommandFailureKind {
  if (result.missingCommand) return 'missing-command';
  if (result.timedOut) return 'transient';
  return judge.classifyError(result);
}

/** The {@link CommandError} for a failed result. */
export function commandError(judge: CommandJudge, result: CommandResult, details: { kind: CommandFailureKind; reason?: string }): CommandError {
  return new CommandError(judge.packageName, {
    argv: result.argv,
    exitCode: result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr,
    kind: details.kind,
    hint: `is this a ${judge.title} login node?`,
    ...(details.reason === undefined ? {} : { reason: details.reason }),
  });
}

/**
 * Runs `command` until it succeeds, retrying only failures the backend classifies as
 * transient (and timeouts), with exponential backoff and jitter (50–100 % of the doubled
 * delay). A missing program fails at once. Throws a {@link CommandError} carrying argv,
 * exit code and stderr otherwise.
 */
export async function runWithRetry(runner: CommandRunner, judge: CommandJudge, command: Command, clock: Clock, policy: RetryPolicy): Promise<CommandResult> {
  const backoff = new Backoff({ initialMs: policy.baseDelayMs ?? 1000, maxMs: policy.maxDelayMs ?? 30_000, jitter: 0.5, ...(policy.random ? { random: policy.random } : {}) });
  for (let attempt = 1; ; attempt += 1) {
    const result = await runner.run(command, { timeoutMs: policy.timeoutMs });
    if (result.exitCode === 0 && !result.timedOut) return result;
    const kind = failureKind(judge, result);
    if (kind !== 'transient' || attempt >= policy.attempts || policy.signal?.aborted) {
      const what = result.timedOut ? `timed out after ${policy.timeoutMs} ms` : result.exitCode === undefined ? 'did not exit' : `exited with ${result.exitCode}`;
      throw commandError(judge, result, { kind, reason: `${what}${attempt > 1 ? ` (after ${attempt} tries)` : ''}` });
    }
    await sleep(clock, backoff.next(), policy.signal);
  }
}
