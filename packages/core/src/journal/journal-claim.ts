import type { ClusterParts } from '../cluster/cluster-parts.js';
import type { JobQueueClusterSettings } from '../cluster/cluster-settings.js';
import type { JobInfo } from '../cluster/job-info.js';
import type { AnyBackend } from '../contracts/backend-v1.js';
import { isTerminalState } from '../contracts/job-state.js';
import type { SchedulerV1, WorkerInfo } from '../contracts/scheduler-v1.js';
import type { JobQueueError } from '../errors.js';
import type { Clock } from '../util/clock.js';
import { type KeptCluster, JournalKeeper, unfinishedJobs } from './journal-keeper.js';
import type { ClusterRecord } from './journal-records.js';

/** What a cluster does with the jobs a dead owner of its name left behind. */
export interface OrphanHandling {
  /** `cancel` (default) or `adopt`. */
  orphans: 'cancel' | 'adopt';
  /** Tracks the dead owner's jobs (and targets) as this cluster's own. */
  adopt(jobs: JobInfo[], targets: Record<string, number>): void;
  /** Cancels the dead owner's jobs: only ids its journal lists. */
  cancel(jobs: JobInfo[]): Promise<void>;
}

/**
 * Claims the cluster's name in the journal and deals with a dead owner's jobs, so a
 * crashed owner never leaves workers behind: adopted to be managed again, or cancelled.
 */
export async function claimJournal(kept: KeptCluster, record: ClusterRecord, handling: OrphanHandling): Promise<JournalKeeper> {
  const { keeper, previous } = await JournalKeeper.claim(kept, record);
  const orphans = unfinishedJobs(previous);
  if (handling.orphans === 'adopt') handling.adopt(orphans, previous?.targets ?? {});
  else await handling.cancel(orphans);
  keeper.writeNow();
  return keeper;
}

/** What {@link claimClusterJournal} needs from the cluster starting. */
export interface ClusterToJournal {
  parts: ClusterParts;
  backend: AnyBackend;
  settings: Pick<JobQueueClusterSettings<AnyBackend, SchedulerV1>, 'pools' | 'orphans'>;
  merged: Record<string, unknown>;
  clock: Clock;
  workers(): WorkerInfo[];
  adaptSettings(): Record<string, unknown> | null;
  closing(): boolean;
}

/** Claims a starting cluster's journal: its record, and what to do with a dead owner's jobs (`orphans`, default cancel). */
export function claimClusterJournal(cluster: ClusterToJournal): Promise<JournalKeeper> {
  const { parts, backend, settings, clock } = cluster;
  const orphans = settings.orphans ?? 'cancel';
  const name = String(cluster.merged.name);
  return claimJournal(
    { table: parts.table, clock, workers: cluster.workers, adaptSettings: cluster.adaptSettings, closing: cluster.closing },
    {
      format: 'jobqueue-cluster',
      version: 1,
      name,
      uid: process.getuid?.() ?? -1,
      createdAt: clock.now(),
      backend: { name: backend.name, packageName: backend.packageName },
      options: cluster.merged,
      projectDirectory: process.cwd(),
      ...(settings.pools ? { pools: settings.pools as Record<string, Record<string, unknown>> } : {}),
      orphans,
    },
    {
      orphans,
      adopt: (jobs, targets) => {
        parts.table.adopt(jobs, targets);
        parts.reconciler.continueAfter(jobs);
      },
      cancel: (jobs) => cancelOrphans(parts, jobs),
    },
  );
}

/**
 * Cancels a dead owner's jobs. qdel and scancel refuse ids that ended since (a journal can
 * be old): a refused cancel is reported only while the status command still shows one of
 * them in the queue, or cannot tell.
 */
async function cancelOrphans(parts: ClusterParts, jobs: JobInfo[]): Promise<void> {
  const ids = jobs.map((job) => job.id);
  try {
    await parts.commands.cancel(ids);
  } catch (error) {
    const answer = await parts.commands.status(ids).catch((statusError: unknown) => ({ error: statusError }));
    const queued = (id: string): boolean => {
      if ('error' in answer) return true;
      const status = answer.statuses.get(id);
      return status !== undefined && !isTerminalState(status.state);
    };
    if (ids.some(queued)) parts.table.reportError(error as JobQueueError);
  }
}
