import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { isTerminalState, type JobState } from '../contracts/job-state.js';
import type { WorkerInfo } from '../contracts/scheduler-v1.js';
import type { JobInfo } from '../cluster/job-info.js';
import type { JobTable } from '../cluster/job-table.js';
import type { Clock } from '../util/clock.js';
import { ClusterJournal } from './cluster-journal.js';
import { type ClusterRequest, JournalMailbox } from './journal-mailbox.js';
import type { ClusterRecord, StateRecord } from './journal-records.js';

/** What the keeper reads from its cluster when it writes the state. */
export interface KeptCluster {
  table: JobTable;
  clock: Clock;
  workers(): WorkerInfo[];
  adaptSettings(): Record<string, unknown> | null;
  closing(): boolean;
}

const startedAt = Date.now();

/**
 * Keeps a cluster's journal while this process owns it: claims the name, writes
 * `cluster.json` once and `state.json` on every change (at once for a submission, within
 * 200 ms otherwise), and answers the mailbox every half second.
 */
export class JournalKeeper {
  readonly journal: ClusterJournal;
  readonly mailbox: JournalMailbox;
  #pending: (() => void) | undefined;
  #submittedPending = false;
  #serving: (() => void) | undefined;
  #stopped = false;

  private constructor(private readonly cluster: KeptCluster, journal: ClusterJournal) {
    this.journal = journal;
    this.mailbox = new JournalMailbox(journal.directory);
  }

  /**
   * Claims the journal of `record.name` (refused while a live owner holds it) and returns
   * the keeper with the state a dead owner left behind, if any.
   */
  static async claim(cluster: KeptCluster, record: ClusterRecord): Promise<{ keeper: JournalKeeper; previous: StateRecord | undefined }> {
    const { journal, existing } = ClusterJournal.prepare(record.name);
    await journal.claim();
    let previous: StateRecord | undefined;
    let earlier: ClusterRecord | undefined;
    if (existing) {
      try {
        previous = journal.readState();
        earlier = journal.readCluster();
      } catch (error) {
        await journal.release();
        throw error;
      }
    }
    // Taking over keeps what the cluster was made with (its manager, its first request); a new cluster starts afresh.
    // A dashboard page the dead owner served died with it.
    const kept: ClusterRecord = record.orphans === 'adopt' && earlier ? { ...earlier, ...record, createdAt: earlier.createdAt } : record;
    if (kept !== record) delete kept.dashboard;
    journal.writeCluster(kept);
    const keeper = new JournalKeeper(cluster, journal);
    keeper.writeNow();
    const write = (): void => keeper.writeSoon();
    for (const event of ['job-state', 'scale', 'worker-added', 'worker-removed', 'adapt'] as const) cluster.table.on(event, write);
    cluster.table.on('job-submitted', () => keeper.writeSubmitted());
    return { keeper, previous };
  }

  /** Records the scheduler (address, credentials) once it is listening. */
  updateCluster(change: Partial<ClusterRecord>): void {
    this.journal.writeCluster({ ...this.journal.readCluster(), ...change });
  }

  /** Writes the state now. */
  writeNow(): void {
    if (this.#stopped) return;
    this.#pending?.();
    this.#pending = undefined;
    const { table, clock } = this.cluster;
    const snapshot = table.snapshot();
    const state: StateRecord = {
      format: 'jobqueue-state',
      version: 1,
      updatedAt: clock.now(),
      owner: { pid: process.pid, host: hostname(), startedAt },
      targets: snapshot.targets,
      adapt: this.cluster.adaptSettings(),
      jobs: snapshot.jobs as unknown as Array<Record<string, unknown>>,
      workers: this.cluster.workers() as unknown as Array<Record<string, unknown>>,
      closing: this.cluster.closing(),
    };
    this.journal.writeState(state);
  }

  /**
   * Writes the state before this turn of the event loop ends: a submitted job's id must reach
   * the journal at once, but an array of 10,000 jobs is one write, not 10,000 of a growing table.
   */
  writeSubmitted(): void {
    if (this.#submittedPending || this.#stopped) return;
    this.#submittedPending = true;
    queueMicrotask(() => {
      this.#submittedPending = false;
      this.writeNow();
    });
  }

  /** Writes the state within 200 ms, once for a burst of changes. */
  writeSoon(): void {
    if (this.#pending || this.#stopped) return;
    this.#pending = this.cluster.clock.schedule(() => {
      this.#pending = undefined;
      this.writeNow();
    }, 200);
  }

  /** Answers requests from other processes until stopped. */
  serve(handle: (request: ClusterRequest) => Promise<void>): void {
    const loop = (): void => {
      this.#serving = this.cluster.clock.schedule(() => {
        void this.mailbox.serve(handle).finally(() => !this.#stopped && loop());
      }, 500);
    };
    loop();
  }

  /** At process exit, after the last cancel: stops at once and deletes the journal (synchronously). */
  abandon(): void {
    this.#stopped = true;
    this.#pending?.();
    this.#serving?.();
    rmSync(this.journal.directory, { recursive: true, force: true });
  }

  /** Stops writing and serving; `remove` deletes the journal (a clean close), else ownership is only released. */
  async stop(remove: boolean): Promise<void> {
    if (!this.#stopped) this.writeNow();
    this.#stopped = true;
    this.#pending?.();
    this.#serving?.();
    await (remove ? this.journal.remove() : this.journal.release());
  }
}

/** The jobs a dead owner left that may still be in the batch system. */
export function unfinishedJobs(state: StateRecord | undefined): JobInfo[] {
  return (state?.jobs ?? []).filter((job) => typeof job.id === 'string' && job.id !== '' && !isTerminalState(job.state as JobState)) as unknown as JobInfo[];
}
