import { existsSync } from 'node:fs';
import type { WorkerInfo } from '../contracts/scheduler-v1.js';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';
import type { ClusterJournal } from '../journal/cluster-journal.js';
import { JournalMailbox } from '../journal/journal-mailbox.js';
import type { ClusterRecord } from '../journal/journal-records.js';
import { type Clock, keepingAlive, sleep, systemClock } from '../util/clock.js';
import type { AdaptOptions } from './adaptive-loop.js';
import { recordedDashboardUrl } from './dashboard-beside.js';
import type { JobInfo } from './job-info.js';
import type { JobTableSnapshot } from './job-table.js';
import type { PoolScaleRequest, ScaleRequest } from './scale-request.js';

/**
 * A cluster another live process owns, seen through its journal: reads come from the
 * state it writes, changes go to its mailbox. What `JobQueueCluster.attach()` returns
 * while the owner is alive.
 */
export class RemoteCluster {
  /** False: another process manages the jobs. */
  readonly owned = false;
  readonly #mailbox: JournalMailbox;

  constructor(
    private readonly journal: ClusterJournal,
    private readonly clock: Clock = systemClock,
  ) {
    this.#mailbox = new JournalMailbox(journal.directory);
  }

  /** The cluster's name. */
  get name(): string {
    return this.journal.name;
  }

  /** What the cluster is: backend, options, scheduler address. */
  get record(): ClusterRecord {
    return this.journal.readCluster();
  }

  /** Where workers connect, as the owner wrote it. */
  get schedulerAddress(): string | undefined {
    return this.record.scheduler?.address;
  }

  /** Our dashboard page, without its token: the one the owner serves beside a Dask scheduler, else the scheduler's. */
  get dashboardUrl(): string | undefined {
    return recordedDashboardUrl(this.record);
  }

  /** Every job, as the owner last wrote them. */
  jobs(): JobInfo[] {
    return (this.journal.readState()?.jobs ?? []) as unknown as JobInfo[];
  }

  /** Workers connected at the owner's last write. */
  workers(): WorkerInfo[] {
    return (this.journal.readState()?.workers ?? []) as unknown as WorkerInfo[];
  }

  /** Jobs and targets, as plain data. */
  snapshot(): JobTableSnapshot {
    const state = this.journal.readState();
    return { jobs: (state?.jobs ?? []) as unknown as JobInfo[], targets: state?.targets ?? {} };
  }

  /** Asks the owner to scale; resolves when it has. */
  scale(request: ScaleRequest | PoolScaleRequest): Promise<void> {
    return keepingAlive(this.#mailbox.ask({ action: 'scale', request }, this.clock));
  }

  /** Asks the owner to adapt (or stop adapting with `false`). */
  adapt(options: AdaptOptions | false = {}): Promise<void> {
    return keepingAlive(this.#mailbox.ask({ action: 'adapt', options }, this.clock));
  }

  /** Asks the owner to poll now. */
  poll(): Promise<void> {
    return keepingAlive(this.#mailbox.ask({ action: 'poll' }, this.clock));
  }

  /** At process exit: leaves a close request for the owner, without waiting. */
  requestCloseSynchronously(): void {
    this.#mailbox.post({ action: 'close' });
  }

  /**
   * Asks the owner to close (cancel every job, stop the scheduler) and waits until it has:
   * its journal is gone, or — when a cancel failed and jobs may still run — it gave up
   * ownership with the journal marked closing, for a later `down` to clear.
   */
  close(timeoutMs = 120_000): Promise<void> {
    return keepingAlive(this.#close(timeoutMs));
  }

  async #close(timeoutMs: number): Promise<void> {
    await this.#mailbox.ask({ action: 'close' }, this.clock, undefined, () => !existsSync(this.journal.clusterPath));
    const deadline = this.clock.now() + timeoutMs;
    while (existsSync(this.journal.clusterPath) && !(await this.#ownerClosed())) {
      if (this.clock.now() > deadline) throw new JobQueueError('JQ_TIMEOUT', `${corePrefix} cluster ${this.name} did not finish closing within ${timeoutMs / 1000} s`);
      await sleep(this.clock, 200);
    }
  }

  async #ownerClosed(): Promise<boolean> {
    try {
      return this.journal.readState()?.closing === true && !(await this.journal.ownedElsewhere());
    } catch {
      // Removed while it was read: closed.
      return !existsSync(this.journal.clusterPath);
    }
  }
}
