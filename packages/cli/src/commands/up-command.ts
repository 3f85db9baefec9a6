import { randomBytes } from 'node:crypto';
import type { AdaptOptions, AnyBackend, ScaleRequest, SchedulerV1, SshSetting } from '@jq/core';
import { backendByName } from '../backend-catalog.js';
import { CliUsageError } from '../cli-errors.js';
import { parseBounds } from '../cluster-access.js';
import { type ClusterInput, clusterInput, createScheduler } from '../cluster-input.js';
import { sshSettingFromFlags } from '../ssh-flags.js';

/** Everything `up` decided before it starts anything. */
export interface UpPlan {
  name: string;
  backend: AnyBackend;
  scheduler: SchedulerV1;
  input: ClusterInput;
  /** What the cluster does first: a size, or adapt bounds. */
  start: { scale: ScaleRequest } | { adapt: AdaptOptions };
  detach: boolean;
  placement: 'process' | 'job' | 'scheduler-job';
  /** Progress bar (a terminal, no NO_COLOR, no --no-progress). */
  bar: boolean;
}

/**
 * `jobqueue up <backend> …`: starts a named cluster. In the foreground this process owns
 * it until Ctrl-C; `--detach` and `--placement job|scheduler-job` hand it to a process or batch job of its
 * own (core's `launch`: the scheduler is recorded and started again there).
 */
export async function upCommand(backendName: string, given: Record<string, unknown>): Promise<number> {
  const backend = await backendByName(backendName);
  const input = await clusterInput(backend, given);
  const name = typeof given.name === 'string' ? given.name : `${backendName}-${randomBytes(3).toString('hex')}`;
  const ssh = sshSettingFromFlags(given);
  input.options = { ...input.options, name, ...(ssh ? { ssh } : {}) };
  const listenInterface = (input.options.schedulerInterface ?? input.options.interface) as string | undefined;
  const plan: UpPlan = {
    name,
    backend,
    scheduler: await createScheduler(String(given.scheduler), listenInterface),
    input,
    start: startRequest(given),
    detach: given.detach === true,
    placement: given.placement === 'job' || given.placement === 'scheduler-job' ? given.placement : 'process',
    bar: given.progress !== false && process.stdout.isTTY === true && !process.env.NO_COLOR,
  };
  const tunnel = ((ssh ?? input.options.ssh) as SshSetting | undefined)?.tunnel;
  if (plan.placement === 'job' && (ssh ?? input.options.ssh) !== undefined) {
    // The manager's job would read this machine's journal, which the cluster cannot see.
    throw new CliUsageError('--placement job cannot be combined with ssh: the manager job would need the journal kept on this machine', '--placement scheduler-job: the manager stays here and only the scheduler runs in a job, reached through a local forward');
  }
  // ssh.tunnel forward is the site's choice of a scheduler in a job: it needs no --placement of its own.
  if (tunnel === 'forward') plan.placement = 'scheduler-job';
  if (plan.detach || plan.placement !== 'process') {
    if (typeof plan.scheduler.record !== 'function') throw new CliUsageError(`the ${plan.scheduler.name} scheduler cannot be recorded, so it cannot run apart from this process`, 'leave out --detach and --placement');
    return (await import('./up-launch.js')).launchUp(plan);
  }
  return (await import('./up-owner.js')).ownUp(plan);
}

/** Exactly one of `--workers`, `--jobs`, `--adapt`. */
function startRequest(given: Record<string, unknown>): UpPlan['start'] {
  const chosen = ['workers', 'jobs', 'adapt'].filter((key) => given[key] !== undefined);
  if (chosen.length !== 1) throw new CliUsageError(chosen.length === 0 ? 'say how many workers to start' : `--${chosen.join(' and --')} together: give only one`, 'one of --workers N, --jobs N, --adapt MIN:MAX');
  if (typeof given.workers === 'number') return { scale: given.workers };
  if (typeof given.jobs === 'number') return { scale: { jobs: given.jobs } };
  return { adapt: parseBounds(String(given.adapt), '--adapt') };
}
