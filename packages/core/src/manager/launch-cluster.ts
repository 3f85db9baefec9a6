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
import { withChosenRunner } from '../cluster/ssh-runner-loader.js';
import { JobQueueCluster } from '../cluster/job-queue-cluster.js';
import { RemoteCluster } from '../cluster/remote-cluster.js';
import type { PoolScaleRequest, ScaleRequest } from '../cluster/scale-request.js';
import type { ModuleTable } from '../cluster/module-loader.js';
import { corePackageName, corePrefix } from '../core-package.js';
import { ConfigError, JobQueueError } from '../errors.js';
import { ClusterJournal } from '../journal/cluster-journal.js';
import type { SshSetting } from '../options/ssh-option.js';
import { type Clock, keepingAlive, systemClock } from '../util/clock.js';
import { awaitManager, clearDeadJournal } from './manager-wait.js';
import { type ManagerResources, submitManagerJob } from './manager-job.js';
import { managerLaunchPrefix } from './manager-paths.js';
import { startSchedulerJobCluster } from './scheduler-job-cluster.js';

/** Where a launched cluster's manager and scheduler run. */
export type Placement = 'process' | 'job' | 'scheduler-job';
const placements: readonly Placement[] = ['process', 'job', 'scheduler-job'];

/** A cluster that runs away from the process that makes it. */
export interface LaunchSettings<B extends AnyBackend, S extends SchedulerV1> extends JobQueueClusterSettings<B, S> {
  /**
   * `job`: manager and scheduler in a batch job of their own; `process`: a detached process
   * on this host; `scheduler-job` (for sites whose compute nodes cannot submit): only the
   * scheduler in a batch job, the manager on this (login) node, submitting the workers.
   */
  placement: Placement;
  /** Let this process exit while the cluster keeps running. Default false: leaving closes it. */
  detach?: boolean;
  /** What the manager does first. */
  scale?: ScaleRequest | PoolScaleRequest;
  /** Or: adapt from the start. */
  adapt?: AdaptOptions;
  /** Packages a `scheduler-job` manager loads (the scheduler's, for its `connectScheduler`); others are imported by name. */
  modules?: ModuleTable;
  /** Resources of the manager's job (placement `job`), or of the scheduler's job (`scheduler-job`). */
  manager?: ManagerResources;
  /** Seconds to wait for the manager to take the cluster (its job may queue). Default 600 (`job`, `scheduler-job`), 60 (`process`). */
  startTimeout?: number;
}

/**
 * Starts a cluster whose manager (and scheduler) runs in a batch job of its own or in a
 * detached process: the cluster outlives this process's terminal. Writes the journal,
 * starts the manager, waits until it owns the cluster, and returns a {@link RemoteCluster}.
 * With `scheduler-job` and no `detach`, this process is the manager (the result is still a
 * {@link RemoteCluster} onto it; its errors are process warnings); with `detach`, a detached
 * process on this host is.
 */
export function launchCluster<B extends AnyBackend, S extends SchedulerV1>(settings: LaunchSettings<B, S>): Promise<RemoteCluster> {
  return keepingAlive(launch(settings));
}

async function launch<B extends AnyBackend, S extends SchedulerV1>(settings: LaunchSettings<B, S>): Promise<RemoteCluster> {
  const clock: Clock = settings.clock ?? systemClock;
  checkPlacement(settings);
  // Built only to validate and resolve the options, never started.
  const validated = new JobQueueCluster({ ...settings, handleExit: false });
  const name = validated.name;
  const options = optionsForPlacement(validated.mergedOptions, settings.placement);
  const schedulerRecord = settings.scheduler.record?.();
  if (!schedulerRecord) throw new JobQueueError('JQ_CONFIG_INVALID', `${corePrefix} the ${settings.scheduler.name} scheduler cannot run away from this process (it has no record())`);
  const { journal, existing } = ClusterJournal.prepare(name);
  if (existing) {
    await withChosenRunner(validated.options, settings.runner, settings.modules, (runner) => clearDeadJournal(journal, new BatchCommands(settings.backend, validated.options, runner, clock)));
  }
  const commands = new BatchCommands(settings.backend, validated.options, settings.runner ?? new ExecaCommandRunner(), clock);
  const record = {
    format: 'jobqueue-cluster' as const,
    version: 1 as const,
    name,
    uid: process.getuid?.() ?? -1,
    createdAt: clock.now(),
    backend: { name: settings.backend.name, packageName: settings.backend.packageName },
    options,
    ...(settings.pools ? { pools: settings.pools as Record<string, Record<string, unknown>> } : {}),
    scheduler: schedulerRecord,
    orphans: 'adopt' as const,
    projectDirectory: process.cwd(),
    initial: { ...(settings.scale === undefined ? {} : { scale: settings.scale }), ...(settings.adapt ? { adapt: { ...settings.adapt } } : {}) },
  };
  journal.writeCluster(record);
  const log = join(journal.directory, 'manager.log');
  const startTimeoutMs = (settings.startTimeout ?? (settings.placement === 'process' ? 60 : 600)) * 1000;
  if (settings.placement === 'scheduler-job' && !settings.detach) {
    const modules = { [settings.backend.packageName]: { backend: settings.backend }, ...settings.modules };
    const { runner, handleExit } = settings;
    const cluster = await startSchedulerJobCluster(name, { modules, clock, startTimeoutMs, resources: settings.manager ?? {}, ...(runner ? { runner } : {}), ...(handleExit === undefined ? {} : { handleExit }) });
    cluster.on('error', (error) => process.emitWarning(error.message, { code: error.code }));
    return new RemoteCluster(journal, clock);
  }
  const manager =
    settings.placement === 'job'
      ? { placement: 'job' as const, id: await submitManagerJob({ backend: settings.backend, commands, merged: validated.mergedOptions, resources: settings.manager ?? {}, name, log }) }
      : { placement: settings.placement, id: `pid:${spawnManager(name, log, settings.placement === 'scheduler-job' ? ['--login'] : [])}` };
  journal.writeCluster({ ...record, manager });
  await awaitManager(journal, commands, manager, clock, startTimeoutMs);
  const remote = new RemoteCluster(journal, clock);
  if (!settings.detach && (settings.handleExit ?? true)) {
    registerExitParticipant({ close: () => remote.close(), cancelSynchronously: () => remote.requestCloseSynchronously() });
  }
  return remote;
}

/** Refuses an unknown placement. */
function checkPlacement(settings: { placement: unknown }): void {
  if (!placements.includes(settings.placement as Placement)) {
    throw new ConfigError(corePackageName, [{ path: 'placement', value: settings.placement, message: `one of ${placements.map((placement) => `'${placement}'`).join(', ')}` }]);
  }
}

/**
 * The options a cluster driven over SSH is recorded with. A scheduler job is reached from
 * here through a local forward (`ssh.tunnel: 'forward'`, set when not given); a manager job
 * would read this machine's journal, which the cluster cannot see; a detached process here
 * is a cluster as any other (reverse tunnel by default).
 */
function optionsForPlacement(merged: Readonly<Record<string, unknown>>, placement: Placement): Record<string, unknown> {
  const ssh = merged.ssh as SshSetting | undefined;
  if (ssh === undefined || placement === 'process') return { ...merged };
  if (placement === 'job') {
    throw new ConfigError(corePackageName, [{ path: 'placement', value: 'job', message: `'scheduler-job' with the ssh option (the manager stays here, only the scheduler runs in a job, reached through a forward), or 'process'` }]);
  }
  if (ssh.tunnel === 'reverse') {
    throw new ConfigError(corePackageName, [{ path: 'ssh.tunnel', value: 'reverse', message: `'forward' (or unset) with placement 'scheduler-job': this machine reaches the scheduler's job through a local forward` }]);
  }
  return { ...merged, ssh: { ...ssh, tunnel: 'forward' } };
}

/** Starts `jq-manager [flags] <name>` detached from this process, its output in the journal. */
function spawnManager(name: string, log: string, flags: string[]): number {
  const [node, ...args] = managerLaunchPrefix();
  const output = openSync(log, 'a', 0o600);
  const child = spawn(node!, [...args, ...flags, name], { detached: true, stdio: ['ignore', output, output], env: process.env });
  child.unref();
  if (child.pid === undefined || !existsSync(log)) throw new JobQueueError('JQ_COMMAND_FAILED', `${corePrefix} could not start the manager of ${name}`);
  return child.pid;
}
