import { type AnyBackend, isTerminalState, JobQueueCluster, type SchedulerV1 } from '@jq/core';
import { UpProgress } from '../up-progress.js';
import { connectionLines } from '../up-connect.js';
import { type OwnerDashboard, ownerDashboard } from './up-dashboard.js';
import type { UpPlan } from './up-command.js';
import { untilSignal } from './up-signals.js';

/**
 * `up` in the foreground: this process owns the cluster (its journal lets `status`,
 * `scale` and `down` reach it from elsewhere), shows progress until Ctrl-C, then closes
 * it: every job cancelled. Exit 0 when none is left, 1 otherwise.
 */
export async function ownUp(plan: UpPlan): Promise<number> {
  const signal = untilSignal();
  const cluster = new JobQueueCluster<AnyBackend, SchedulerV1>({ backend: plan.backend, scheduler: plan.scheduler, ...plan.input, options: plan.input.options });
  const progress = new UpProgress({ jobs: () => cluster.jobs(), workers: () => cluster.workers(), wanted: () => cluster.targetJobs() * cluster.options.processes }, plan.bar);
  cluster.on('error', (error) => progress.log(`error: ${error.message}`));
  for (const notice of cluster.notices) process.stderr.write(`note: ${notice}\n`);
  let dashboard: OwnerDashboard | undefined;
  try {
    await cluster.start();
    dashboard = await ownerDashboard(cluster);
    const scheduler = cluster.scheduler as SchedulerV1 & { connection?: unknown };
    const lines = await connectionLines({
      name: cluster.name,
      scheduler: scheduler.name,
      address: scheduler.address,
      // Printed once, to the owner's terminal, as Jupyter does: the token signs the browser in.
      dashboardUrl: dashboard.urlWithToken,
      daskDashboardUrl: dashboard.daskDashboardUrl,
      record: scheduler.record?.(),
      inProcess: true,
    });
    process.stdout.write(`${lines.join('\n')}\n\n`);
    progress.start();
    if ('adapt' in plan.start) cluster.adapt(plan.start.adapt);
    else await cluster.scale(plan.start.scale);
    progress.log(`${cluster.name}: up; Ctrl-C closes it and cancels every job`);
    const received = await signal;
    progress.log(`${received}: closing ${cluster.name}`);
  } finally {
    progress.stop();
    await cluster.close();
    await dashboard?.close();
  }
  const left = cluster.jobs().filter((job) => !isTerminalState(job.state));
  const ended = cluster.jobs().map((job) => `${job.key} ${job.state}`).join(', ');
  process.stdout.write(left.length === 0 ? `closed ${cluster.name}: no job left (${ended || 'none submitted'})\n` : `closed ${cluster.name}, but jobs may be left: ${left.map((job) => `${job.id} (${job.state})`).join(', ')}\n`);
  return left.length === 0 ? 0 : 1;
}
