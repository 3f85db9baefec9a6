import { spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyBackend } from '../contracts/backend-v1.js';
import type { SchedulerV1 } from '../contracts/scheduler-v1.js';
import { ExecaCommandRunner } from '../command/command-runner.js';
import { BatchCommands } from '../cluster/batch-commands.js';
import type { AdaptOptions } from '../cluster/adaptive-loop.js';
import type { JobQueueClusterSettings } from '../cluster/cluster-settings.js';
import { registerExitParticipant } from '../cluster/exit-hooks.js';
import { JobQueueCluster } from '../cluster/job-queue-cluster.js';
import { RemoteCluster } from '../cluster/remote-cluster.js';
import type { PoolScaleRequest, ScaleRequest } from '../cluster/scale-request.js';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';
import { ClusterJournal } from '../journal/cluster-journal.js';
import { type Clock, keepingAlive, systemClock } from '../util/clock.js';
import { awaitManager, clearDeadJournal } from './manager-wait.js';
import { type ManagerResources, submitManagerJob } from './manager-job.js';
import { managerLaunchPrefix } from './manager-paths.js';

/** A cluster that runs away from the process that makes it. */
export interface LaunchSettings<B extends AnyBackend, S extends SchedulerV1> extends JobQueueClusterSettings<B, S> {
  /** `job`: manager and scheduler in a batch job of their own; `process`: a detached process on this host. */
  placement: 'process' | 'job';
  /** Let this process exit while the cluster keeps running. Default false: leaving closes it. */
  detach?: boolean;
  /** What the manager does first. */
  scale?: ScaleRequest | PoolScaleRequest;
  /** Or: adapt from the start. */
  adapt?: AdaptOptions;
  /** Resources of the manager's job (placement `job`). */
  manager?: ManagerResources;
  /** Seconds to wait for the manager to take the cluster (its job may queue). Default 600 (`job`), 60 (`process`). */
  startTimeout?: number;
}

/**
 * Starts a cluster whose manager (and scheduler) runs in a batch job of its own or in a
 * detached process: the cluster outlives this process's terminal. Writes the journal,
 * starts the manager, waits until it owns the cluster, and returns a {@link RemoteCluster}.
 */
export function launchCluster<B extends AnyBackend, S extends SchedulerV1>(settings: LaunchSettings<B, S>): Promise<RemoteCluster> {
  return keepingAlive(launch(settings));
}

async function launch<B extends AnyBackend, S extends SchedulerV1>(settings: LaunchSettings<B, S>): Promise<RemoteCluster> {
  const clock: Clock = settings.clock ?? systemClock;
  // Built only to validate and resolve the options, never started.
  const validated = new JobQueueCluster({ ...settings, handleExit: false });
  const name = validated.name;
  const schedulerRecord = settings.scheduler.record?.();
  if (!schedulerRecord) throw new JobQueueError('JQ_CONFIG_INVALID', `${corePrefix} the ${settings.scheduler.name} scheduler cannot run away from this process (it has no record())`);
  const commands = new BatchCommands(settings.backend, validated.options, settings.runner ?? new ExecaCommandRunner(), clock);
  const { journal, existing } = ClusterJournal.prepare(name);
  if (existing) await clearDeadJournal(journal, commands);
  const record = {
    format: 'jobqueue-cluster' as const,
    version: 1 as const,
    name,
    uid: process.getuid?.() ?? -1,
    createdAt: clock.now(),
    backend: { name: settings.backend.name, packageName: settings.backend.packageName },
    options: { ...validated.mergedOptions },
    ...(settings.pools ? { pools: settings.pools as Record<string, Record<string, unknown>> } : {}),
    scheduler: schedulerRecord,
    orphans: 'adopt' as const,
    projectDirectory: process.cwd(),
    initial: { ...(settings.scale === undefined ? {} : { scale: settings.scale }), ...(settings.adapt ? { adapt: { ...settings.adapt } } : {}) },
  };
  journal.writeCluster(record);
  const log = join(journal.directory, 'manager.log');
  const manager =
    settings.placement === 'job'
      ? { placement: 'job' as const, id: await submitManagerJob({ backend: settings.backend, commands, merged: validated.mergedOptions, resources: settings.manager ?? {}, name, log }) }
      : { placement: 'process' as const, id: `pid:${spawnManager(name, log)}` };
  journal.writeCluster({ ...record, manager });
  await awaitManager(journal, commands, manager, clock, (settings.startTimeout ?? (settings.placement === 'job' ? 600 : 60)) * 1000);
  const remote = new RemoteCluster(journal, clock);
  if (!settings.detach && (settings.handleExit ?? true)) {
    registerExitParticipant({ close: () => remote.close(), cancelSynchronously: () => remote.requestCloseSynchronously() });
  }
  return remote;
}

/** Starts `jq-manager <name>` detached from this process, its output in the journal. */
function spawnManager(name: string, log: string): number {
  const [node, ...args] = managerLaunchPrefix();
  const output = openSync(log, 'a', 0o600);
  const child = spawn(node!, [...args, name], { detached: true, stdio: ['ignore', output, output], env: process.env });
  child.unref();
  if (child.pid === undefined || !existsSync(log)) throw new JobQueueError('JQ_COMMAND_FAILED', `${corePrefix} could not start the manager of ${name}`);
  return child.pid;
}
