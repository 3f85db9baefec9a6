import type { AnyBackend, ArraySpec, CommandResult, JobId } from '../contracts/backend-v1.js';
import type { JobStatus } from '../contracts/job-state.js';
import { type CommandRunner, makeDirectoryWith } from '../command/command-runner.js';
import { commandError, failureKind, runWithRetry } from '../command/run-with-retry.js';
import { JobQueueError, messagePrefix } from '../errors.js';
import type { ResolvedOptions } from '../options/common-options.js';
import type { Clock } from '../util/clock.js';

/** The answer to a status or accounting query: statuses, or the error that kept them from us. */
export type QueryOutcome = { statuses: Map<JobId, JobStatus> } | { error: JobQueueError };

/**
 * The backend's commands, run through the cluster's one runner (and so its command
 * budget): the single place core turns a backend's command descriptions into processes.
 * Submit and cancel retry transient failures; status queries do not (the poller backs off).
 */
export class BatchCommands {
  constructor(
    private readonly backend: AnyBackend,
    private readonly options: ResolvedOptions,
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Submits a job rendered with `poolOptions`, whose written files are `paths`, script first
   * (the runner copies them all where the command runs); the raw result, for the submitter to parse.
   */
  submit(paths: readonly [string, ...string[]], poolOptions: ResolvedOptions, array: ArraySpec | undefined, signal: AbortSignal): Promise<CommandResult> {
    const command = { ...this.backend.submit(paths[0], poolOptions, array), localFiles: [...paths] };
    return runWithRetry(this.runner, this.backend, command, this.clock, this.#retry(signal));
  }

  /** Creates the jobs' output directory where the batch commands run (the login node, over SSH). */
  makeDirectory(path: string): Promise<void> {
    return makeDirectoryWith(this.runner, path);
  }

  /** ONE status command for `ids`. */
  status(ids: JobId[]): Promise<QueryOutcome> {
    return this.#query('status', ids);
  }

  /** ONE accounting command for `ids`, when the backend has accounting. */
  accounting(ids: JobId[]): Promise<QueryOutcome | undefined> {
    return this.backend.accounting && this.backend.parseAccounting ? this.#query('accounting', ids) : Promise.resolve(undefined);
  }

  /** Cancels `ids` with ONE command, retrying transient failures. */
  async cancel(ids: JobId[], signal?: AbortSignal): Promise<void> {
    if (ids.length === 0) return;
    await runWithRetry(this.runner, this.backend, this.backend.cancel(ids, this.options), this.clock, this.#retry(signal));
  }

  /** At process exit: ONE blocking cancel through the same runner; false when the runner cannot block. */
  cancelSynchronously(ids: JobId[]): boolean {
    if (ids.length === 0) return true;
    if (!this.runner.runSync) return false;
    this.runner.runSync(this.backend.cancel(ids, this.options), { timeoutMs: 10_000 });
    return true;
  }

  #retry(signal: AbortSignal | undefined) {
    return {
      attempts: this.options.commandAttempts,
      timeoutMs: this.options.commandTimeout * 1000,
      ...(signal ? { signal } : {}),
    };
  }

  async #query(what: 'status' | 'accounting', ids: JobId[]): Promise<QueryOutcome> {
    const backend = this.backend;
    const command = what === 'status' ? backend.status(ids, this.options) : backend.accounting!(ids, this.options);
    const result = await this.runner.run(command, { timeoutMs: this.options.commandTimeout * 1000 });
    const failed = result.exitCode !== 0 || result.timedOut;
    const kind = failed ? failureKind(backend, result) : undefined;
    // A permanent failure may still carry answers (qstat exits 153 for one unknown id but prints the others).
    if (kind === 'transient' || kind === 'missing-command' || result.exitCode === undefined) {
      const reason = result.timedOut ? `timed out after ${this.options.commandTimeout} s; job states kept` : undefined;
      return { error: commandError(backend, result, { kind: kind ?? 'transient', ...(reason ? { reason } : {}) }) };
    }
    try {
      return { statuses: what === 'status' ? backend.parseStatus(result, ids) : backend.parseAccounting!(result, ids) };
    } catch (error) {
      const message = `${messagePrefix(backend.packageName)} could not parse ${what} output: ${(error as Error).message}`;
      return { error: new JobQueueError('JQ_PARSE_FAILED', message, { cause: error }) };
    }
  }
}
