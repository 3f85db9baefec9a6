import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ClusterRecord, JobQueueCluster, recordedSchedulerDashboardUrl, resolveOptions, type SchedulerRecord, servesOwnDashboard } from '@jq/core';
import { UpProgress } from '../up-progress.js';
import { connectionLines } from '../up-connect.js';
import type { UpPlan } from './up-command.js';
import { untilSignal } from './up-signals.js';

/**
 * `up` through core's `launch`: the cluster's manager (and scheduler) runs in a detached
 * process or a batch job of its own. With `--detach` this returns at once; otherwise it
 * shows progress until Ctrl-C, then asks the manager to close the cluster.
 */
export async function launchUp(plan: UpPlan): Promise<number> {
  // The manager loads the backend and scheduler packages from the launching project's
  // directory: this package's own, which depends on all of them.
  process.chdir(cliPackageDirectory());
  const remote = await JobQueueCluster.launch({
    backend: plan.backend,
    scheduler: plan.scheduler,
    ...plan.input,
    options: plan.input.options,
    placement: plan.placement,
    detach: plan.detach,
    handleExit: false,
    ...plan.start,
  });
  const record = servesOwnDashboard(plan.scheduler) ? remote.record : await recordWithPage(remote);
  const page = record.dashboard;
  const lines = await connectionLines({
    ...{ name: plan.name, scheduler: plan.scheduler.name, address: remote.schedulerAddress, record: record.scheduler, inProcess: false },
    dashboardUrl: page ? withToken(page.url, page.token) : dashboardWithToken(remote.dashboardUrl, record.scheduler),
    daskDashboardUrl: recordedSchedulerDashboardUrl(record),
  });
  process.stdout.write(`${lines.join('\n')}\n\n`);
  const manager = record.manager ? managerPlace(record.manager) : 'its manager';
  if (plan.detach) {
    process.stdout.write(`cluster ${plan.name} runs in ${manager}\n`);
    return 0;
  }
  const signal = untilSignal();
  const processes = resolveOptions(record.options, plan.backend).processes;
  const wanted = () => Object.values(remote.snapshot().targets).reduce((sum, jobs) => sum + jobs, 0) * processes;
  const progress = new UpProgress({ jobs: () => remote.jobs(), workers: () => remote.workers(), wanted }, plan.bar);
  progress.start();
  progress.log(`${plan.name}: up in ${manager}; Ctrl-C closes it and cancels every job`);
  const received = await signal;
  progress.log(`${received}: closing ${plan.name}`);
  progress.stop();
  await remote.close();
  process.stdout.write(`closed ${plan.name}\n`);
  return 0;
}

/** Where the manager runs, in words: `batch job 12`, `process 345`, `process 345 (scheduler in batch job 12)`. */
function managerPlace(manager: { placement: string; id: string; schedulerJob?: string }): string {
  const place = `${manager.placement === 'job' ? 'batch job' : 'process'} ${manager.id.replace(/^pid:/, '')}`;
  return manager.schedulerJob === undefined ? place : `${place} (scheduler in batch job ${manager.schedulerJob})`;
}

/** The directory of `@jq/cli` (its package.json), from wherever this module was bundled. */
function cliPackageDirectory(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!isCliPackage(directory)) {
    const parent = dirname(directory);
    if (parent === directory) return process.cwd();
    directory = parent;
  }
  return directory;
}

function isCliPackage(directory: string): boolean {
  const manifest = join(directory, 'package.json');
  return existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@jq/cli';
}

/**
 * The journal once the manager notes the page it serves beside a scheduler without one (Dask's; a
 * moment after the scheduler listens), or as it is after 20 s: a manager without
 * `@jq/dashboard` serves none and says so in its log.
 */
async function recordWithPage(remote: { readonly record: ClusterRecord }): Promise<ClusterRecord> {
  for (let round = 0; round < 100; round += 1) {
    const record = remote.record;
    if (record.dashboard) return record;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return remote.record;
}

function withToken(url: string, token: string): string {
  return `${url}?token=${encodeURIComponent(token)}`;
}

/**
 * The engine's dashboard address with its token, printed once to the user who launched it
 * (the token is in their private journal); without one the page answers 401.
 */
function dashboardWithToken(url: string | undefined, scheduler: SchedulerRecord | undefined): string | undefined {
  const token = (scheduler?.settings as { httpToken?: unknown } | undefined)?.httpToken;
  return url !== undefined && typeof token === 'string' ? withToken(url, token) : url;
}
