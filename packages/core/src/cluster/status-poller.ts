import type { BackendV1, CommandResult, JobId } from '../contracts/backend-v1.js';
import type { JobStatus } from '../contracts/job-state.js';
import type { CommandRunner } from '../command/command-runner.js';
import { CommandError, JobQueueError } from '../errors.js';
import type { ResolvedOptions } from '../options/common-options.js';
import type { Clock } from '../util/clock.js';
import type { JobRecord } from './job-record.js';

/** What the poller needs from its cluster. */
export interface StatusPollerHost {
  /** Jobs whose state may still change. */
  liveRecords(): JobRecord[];
  /** Records a new status; returns true when the state changed. */
  applyStatus(record: JobRecord, status: JobStatus): boolean;
  /** Reports a background failure. */
  reportError(error: JobQueueError): void;
}

/**
 * One poller per cluster: each poll runs ONE status command for every live job,
 * then ONE accounting command for the jobs that left the queue. It polls at
 * `pollInterval` while things change and backs off to `maxPollInterval` when
 * nothing does or when the batch system errors. A failed or hung status command
 * never changes a job's state.
 */
export class StatusPoller {
  #interval: number;
  #cancelTimer: (() => void) | undefined;
  #inFlight: Promise<void> | undefined;
  #running = false;

  constructor(
    private readonly host: StatusPollerHost,
    private readonly backend: BackendV1,
    private readonly options: ResolvedOptions,
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
  ) {
    this.#interval = options.pollInterval;
  }

  /** Seconds until the next poll. */
  get interval(): number {
    return this.#interval;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule();
  }

  stop(): void {
    this.#running = false;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }

  /** Something just changed (submit, cancel): poll again soon. */
  kick(): void {
    this.#interval = this.options.pollInterval;
    if (this.#running && !this.#inFlight) this.#schedule();
  }

  /** Polls now; concurrent calls share one poll. */
  poll(): Promise<void> {
    this.#inFlight ??= this.#pollOnce().finally(() => {
      this.#inFlight = undefined;
      if (this.#running) this.#schedule();
    });
    return this.#inFlight;
  }

  #schedule(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = this.clock.schedule(() => {
      this.#cancelTimer = undefined;
      void this.poll();
    }, this.#interval * 1000);
  }

  async #pollOnce(): Promise<void> {
    const records = this.host.liveRecords();
    if (records.length === 0) return;
    const ids = records.map((record) => record.id);
    const statuses = await this.#query('status', ids, (result) => this.backend.parseStatus(result, ids));
    if (!statuses) {
      this.#interval = Math.min(this.#interval * 2, this.options.maxPollInterval);
      return;
    }
    const missing = records.filter((record) => !statuses.has(record.id));
    if (missing.length > 0 && this.backend.accounting && this.backend.parseAccounting) {
      const missingIds = missing.map((record) => record.id);
      const accounted = await this.#query('accounting', missingIds, (result) =>
        this.backend.parseAccounting!(result, missingIds),
      );
      for (const [id, status] of accounted ?? []) statuses.set(id, status);
    }
    let changed = false;
    const now = this.clock.now();
    for (const record of records) {
      const status = statuses.get(record.id) ?? this.#missingStatus(record, now);
      if (statuses.has(record.id)) record.missingSince = undefined;
      if (status && this.host.applyStatus(record, status)) changed = true;
    }
    this.#interval = changed ? this.options.pollInterval : Math.min(this.#interval * 1.5, this.options.maxPollInterval);
  }

  /** A job absent from queue and accounting: cancelled if we cancelled it, else lost after the grace period. */
  #missingStatus(record: JobRecord, now: number): JobStatus | undefined {
    if (record.releasing) return { state: 'cancelled', native: 'left the queue after cancel', reason: 'cancelled by the cluster' };
    record.missingSince ??= now;
    if (now - record.missingSince < this.options.lostGracePeriod * 1000) return undefined;
    return { state: 'lost', native: 'missing', reason: `absent from the queue and accounting for ${this.options.lostGracePeriod} s` };
  }

  async #query(
    what: 'status' | 'accounting',
    ids: JobId[],
    parse: (result: CommandResult) => Map<JobId, JobStatus>,
  ): Promise<Map<JobId, JobStatus> | undefined> {
    const command = what === 'status' ? this.backend.status(ids, this.options) : this.backend.accounting!(ids, this.options);
    const result = await this.runner.run(command, { timeoutMs: this.options.commandTimeout * 1000 });
    const failed = result.timedOut || result.exitCode === undefined || (result.exitCode !== 0 && this.backend.classifyError(result) === 'transient');
    if (failed) {
      this.host.reportError(
        new CommandError(this.backend.packageName, {
          argv: result.argv,
          exitCode: result.exitCode,
          stdout: result.stdout,
          stderr: result.stderr,
          kind: 'transient',
          ...(result.timedOut ? { reason: `timed out after ${this.options.commandTimeout} s; job states kept` } : {}),
        }),
      );
      return undefined;
    }
    try {
      return parse(result);
    } catch (error) {
      this.host.reportError(
        new JobQueueError('JQ_PARSE_FAILED', `[${this.backend.packageName}] could not parse ${what} output: ${(error as Error).message}`, { cause: error }),
      );
      return undefined;
    }
  }
}
