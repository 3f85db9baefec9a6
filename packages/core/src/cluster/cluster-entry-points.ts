import { EventEmitter } from 'eventemitter3';
import type { AnyBackend } from '../contracts/backend-v1.js';
import type { SchedulerV1 } from '../contracts/scheduler-v1.js';
import { type DownReport, downCluster } from '../manager/down-cluster.js';
import { type LaunchSettings, launchCluster } from '../manager/launch-cluster.js';
import { type AttachSettings, attachCluster } from './attach-cluster.js';
import type { ClusterEvents } from './cluster-events.js';
import type { JobQueueCluster } from './job-queue-cluster.js';
import type { RemoteCluster } from './remote-cluster.js';

/**
 * The ways to a cluster other than `new`, for clusters that outlive the process that made
 * them: attach to one by name, launch one away from this process, end one by name. Kept
 * apart from the cluster's own lifecycle; {@link JobQueueCluster} inherits them, so they
 * are called as `JobQueueCluster.attach(name)` and so on.
 */
export abstract class ClusterEntryPoints extends EventEmitter<ClusterEvents> {
  /**
   * Attaches to cluster `name` from another process: a {@link RemoteCluster} while its
   * owner lives, else this process takes it over (same scheduler address and
   * credentials, the journaled jobs adopted).
   */
  static attach(name: string, settings?: AttachSettings): Promise<JobQueueCluster | RemoteCluster> {
    return attachCluster(name, settings);
  }

  /** Starts a cluster whose manager runs in a batch job of its own (`placement: 'job'`) or a detached process. */
  static launch<B extends AnyBackend, S extends SchedulerV1>(settings: LaunchSettings<B, S>): Promise<RemoteCluster> {
    return launchCluster(settings);
  }

  /** Ends cluster `name` from any process, even when its owner died: every job it submitted is cancelled. */
  static down(name: string, settings?: Parameters<typeof downCluster>[1]): Promise<DownReport> {
    return downCluster(name, settings);
  }
}
