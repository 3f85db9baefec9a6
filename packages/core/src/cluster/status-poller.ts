import type { JobStatus } from '../contracts/job-state.js';
import { Backoff } from '../util/backoff.js';
import type { Clock } from '../util/clock.js';
import type { BatchCommands } from './batch-commands.js';
import type { JobInfo } from './job-info.js';
import type { JobTable } from './job-table.js';

/** How often and how patiently the poller asks. */
export interface PollerSettings {
  /** Seconds between polls while things change. */
  pollInterval: number;
  /** Longest interval when nothing changes or the batch system errors. */
  maxPollInterval: number;
  /** Seconds a job may be missing from queue and accounting before it is `lost`. */
  lostGracePeriod: number;
}

/**
 * One poller per cluster: each poll runs ONE status command for every unfinished job,
 * then ONE accounting command for the jobs that left the queue, and reports what it
 * learnt to the job table. It polls at `pollInterval` while things change and backs
 * off to `maxPollInterval` (×1.5 when quiet, ×2 on errors). A failed or hung status
 * command never changes a job's state.
 */
export class StatusPoller {
  readonly #interval: Backoff;
  readonly #missingSince = new Map<string, number>();
  #cancelTimer: (() => void) | undefined;
  #inFlight: Promise<void> | undefined;
  #running = false;

  constructor(
    private readonly table: JobTable,
    private readonly commands: BatchCommands,
    private readonly settings: PollerSettings,
    private readonly clock: Clock,
  ) {
    this.#interval = new Backoff({ initialMs: settings.pollInterval * 1000, maxMs: settings.maxPollInterval * 1000 });
  }

  /** Seconds until the next poll. */
  get interval(): number {
    return this.#interval.current / 1000;
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
    this.#interval.reset();
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
    }, this.#interval.current);
  }

  async #pollOnce(): Promise<void> {
    const jobs = this.table.unfinished();
    if (jobs.length === 0) return;
    const answer = await this.commands.status(jobs.map((job) => job.id));
    if ('error' in answer) {
      this.table.reportError(answer.error);
      this.#interval.grow(2);
      return;
    }
    const statuses = answer.statuses;
    const missing = jobs.filter((job) => !statuses.has(job.id)).map((job) => job.id);
    if (missing.length > 0) {
      const accounted = await this.commands.accounting(missing);
      if (accounted && 'error' in accounted) this.table.reportError(accounted.error);
      else for (const [id, status] of accounted?.statuses ?? []) statuses.set(id, status);
    }
    let changed = false;
    const now = this.clock.now();
    for (const job of jobs) {
      const status = statuses.get(job.id);
      if (status) this.#missingSince.delete(job.key);
      const applied = status ?? this.#missingStatus(job, now);
      if (applied && this.table.applyStatus(job.key, applied)) changed = true;
    }
    if (changed) this.#interval.reset();
    else this.#interval.grow(1.5);
  }

  /** A job absent from queue and accounting: cancelled if we cancelled it, else lost after the grace period. */
  #missingStatus(job: JobInfo, now: number): JobStatus | undefined {
    if (job.releasing) return { state: 'cancelled', native: 'left the queue after cancel', reason: 'cancelled by the cluster' };
    const since = this.#missingSince.get(job.key) ?? now;
    this.#missingSince.set(job.key, since);
    if (now - since < this.settings.lostGracePeriod * 1000) return undefined;
    return { state: 'lost', native: 'missing', reason: `absent from the queue and accounting for ${this.settings.lostGracePeriod} s` };
  }
}
