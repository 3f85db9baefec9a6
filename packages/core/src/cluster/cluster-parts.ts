import type { AnyBackend } from '../contracts/backend-v1.js';
import type { ClusterView } from '../contracts/cluster-view.js';
import type { SchedulerV1 } from '../contracts/scheduler-v1.js';
import { type CommandRunner, ExecaCommandRunner } from '../command/command-runner.js';
import { RateLimitedRunner } from '../command/rate-limited-runner.js';
import type { ResolvedOptions } from '../options/common-options.js';
import type { Clock } from '../util/clock.js';
import { BatchCommands } from './batch-commands.js';
import type { ResolvedPools } from './cluster-pools.js';
import { JobSubmitter } from './job-submitter.js';
import { JobTable } from './job-table.js';
import { Reconciler } from './reconciler.js';
import { chooseRunner } from './ssh-runner-loader.js';
import { StatusPoller } from './status-poller.js';

/** The working parts of a cluster, wired to each other. */
export interface ClusterParts {
  table: JobTable;
  commands: BatchCommands;
  submitter: JobSubmitter;
  poller: StatusPoller;
  reconciler: Reconciler;
  /** The runner as the settings gave it, or the SSH runner the `ssh` option asks for (before the command budget wraps it), for its connect and close. */
  runner: CommandRunner | undefined;
  /** What the scheduler (and a dashboard) may read of the cluster. */
  view: ClusterView;
}

export type { ClusterView };

/**
 * Builds a cluster's parts around one runner (with the command budget when set): the
 * table owns the jobs, the reconciler alone submits and cancels, the poller reports. The
 * scheduler gets the cluster's read-only view here, before it starts.
 */
export function createClusterParts(inputs: {
  backend: AnyBackend;
  scheduler: SchedulerV1;
  resolved: ResolvedPools;
  options: ResolvedOptions;
  runner: CommandRunner | undefined;
  clock: Clock;
  signal: AbortSignal;
}): ClusterParts {
  const { backend, scheduler, resolved, options, clock, signal } = inputs;
  const chosen = chooseRunner(options, inputs.runner);
  const runner = chosen ?? new ExecaCommandRunner();
  const budget = options.maxCommandsPerSecond;
  const shared = budget === undefined ? runner : new RateLimitedRunner(runner, clock, budget);
  const table = new JobTable(clock);
  const commands = new BatchCommands(backend, options, shared, clock);
  const submitter = new JobSubmitter(backend, scheduler, commands, options.name, options.scriptDirectory, signal, resolved.generatedScriptDirectory);
  const poller = new StatusPoller(table, commands, options, clock);
  const reconciler = new Reconciler({
    table,
    pools: resolved.pools,
    submitter,
    commands,
    scheduler,
    clock,
    arrays: backend.capabilities.arrays,
    retireTimeout: options.retireTimeout,
    signal,
    kickPoller: () => poller.kick(),
    poll: () => poller.poll(),
  });
  const view = createClusterView(table, { name: options.name, backend: backend.name, pools: [...resolved.pools.keys()], clock, signal });
  scheduler.attachCluster?.(view);
  return { table, commands, submitter, poller, reconciler, runner: chosen, view };
}

/** Once the scheduler listens: lets the runner connect (and tunnel), and job scripts use the address it hands back. */
export async function connectRunner(parts: ClusterParts, scheduler: SchedulerV1): Promise<void> {
  const connection = await parts.runner?.connect?.({ address: scheduler.address });
  if (connection?.workerAddress !== undefined) parts.submitter.workerAddress = connection.workerAddress;
}

/** The read-only view of a cluster's table; `signal` aborts when the cluster closes. */
function createClusterView(
  table: JobTable,
  identity: { name: string; backend: string; pools: string[]; clock: Clock; signal: AbortSignal },
): ClusterView {
  const { name, backend, pools, clock, signal } = identity;
  return Object.freeze({
    ...{ name, backend, pools: Object.freeze(pools), startedAt: clock.now(), clock },
    closed: () => signal.aborted,
    snapshot: () => table.snapshot(),
    adaptBounds: () => table.adaptBounds(),
    on: (event, listener) => table.on(event, listener as never),
    off: (event, listener) => table.off(event, listener as never),
  } satisfies ClusterView);
}

/**
 * Stops polling and submitting, cancels every unfinished job in one command, polls once
 * more to see them end, closes the scheduler, removes the job files and ends the runner's
 * connection. Returns how many jobs may still need a cancel (0 after a clean close): a job
 * `completing` after the cancel (Slurm's `CG`, SGE's `dr`) is on its way out and needs none.
 */
export async function closeParts(parts: ClusterParts, scheduler: SchedulerV1): Promise<number> {
  const { poller, reconciler, table, submitter } = parts;
  poller.stop();
  await reconciler.stop();
  const unfinished = table.unfinished();
  await reconciler.cancel(unfinished);
  if (unfinished.length > 0) await poller.poll();
  await scheduler.close();
  await submitter.removeFiles();
  await parts.runner?.close?.();
  return table.unfinished().filter((job) => job.state !== 'completing').length;
}
