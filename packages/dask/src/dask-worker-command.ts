import { formatBytes, type WorkerLaunch } from '@jq/core';
import type { DaskTlsFiles } from './dask-tls.js';

/** What the worker command needs besides the launch. */
export interface DaskWorkerCommandParts {
  /** Python on the compute node. */
  python: string;
  /** Scheduler address, `tcp://…` or `tls://…`. */
  address: string;
  /** `--nanny` or `--no-nanny`. */
  nanny: boolean;
  /** Network interface shared with the scheduler. */
  interface?: string | undefined;
  /** TLS files for `--tls-*`; also switches `--protocol tls://`. */
  tls?: DaskTlsFiles | undefined;
}

/**
 * argv of the Dask worker, in dask-jobqueue's order:
 * `<python> -m distributed.cli.dask_worker <address> --name <job> --nthreads --memory-limit
 * [--nworkers] --nanny|--no-nanny --death-timeout [--local-directory] [--lifetime
 * --lifetime-stagger] --resources [extra…] [--interface] [--protocol --tls-ca-file --tls-cert --tls-key]`.
 * With `--nworkers N` Dask names the workers `<job>-0 … <job>-(N-1)`. The resources
 * (see {@link daskWorkerResources}) come before the extra arguments, so a `--resources`
 * of the user's own replaces them.
 */
export function renderDaskWorkerCommand(parts: DaskWorkerCommandParts, launch: WorkerLaunch): string[] {
  const argv = [parts.python, '-m', 'distributed.cli.dask_worker', parts.address];
  argv.push('--name', launch.jobKey);
  argv.push('--nthreads', String(launch.threads));
  argv.push('--memory-limit', formatBytes(launch.memoryLimit));
  if (launch.processes > 1) argv.push('--nworkers', String(launch.processes));
  argv.push(parts.nanny ? '--nanny' : '--no-nanny');
  argv.push('--death-timeout', String(launch.deathTimeout));
  if (launch.localDirectory !== undefined) argv.push('--local-directory', launch.localDirectory);
  if (launch.lifetime !== undefined) {
    argv.push('--lifetime', `${launch.lifetime}s`);
    argv.push('--lifetime-stagger', `${launch.lifetimeStagger ?? 0}s`);
  }
  argv.push('--resources', daskWorkerResources(launch));
  argv.push(...launch.extraArgs);
  const networkInterface = launch.interface ?? parts.interface;
  if (networkInterface !== undefined) argv.push('--interface', networkInterface);
  if (parts.tls) {
    argv.push('--protocol', 'tls://');
    argv.push('--tls-ca-file', parts.tls.caFile, '--tls-cert', parts.tls.certFile, '--tls-key', parts.tls.keyFile);
  }
  return argv;
}

/**
 * Dask worker resources of each worker process, from what its pool declares: `CPU`
 * (threads), `MEMORY` (bytes) and, with `gpus`, `GPU` (the job's GPUs shared out between
 * its processes, a fraction when they do not divide). A Python client then places a task
 * with `client.submit(f, resources={"GPU": 1})`, and it runs only where that fits.
 */
export function daskWorkerResources(launch: WorkerLaunch): string {
  const resources = [`CPU=${launch.threads}`, `MEMORY=${Math.floor(launch.memoryLimit)}`];
  const gpus = gpuCount(launch.gpus);
  if (gpus > 0) resources.push(`GPU=${gpus / launch.processes}`);
  return resources.join(',');
}

/** The GPU count of a `gpus` option: a number, or a backend's `type:count` form (Slurm's `a100:2`). */
function gpuCount(gpus: unknown): number {
  const count = typeof gpus === 'number' ? gpus : typeof gpus === 'string' ? Number(gpus.split(':').at(-1)) : 0;
  return Number.isFinite(count) && count > 0 ? count : 0;
}

/**
 * The job a Dask worker belongs to. With `processes > 1` Dask appended `-<index>` to the
 * job name; with one process the worker carries the job name unchanged.
 */
export function daskWorkerJobKey(workerName: string, processes: number): string {
  if (processes <= 1) return workerName;
  const match = /^(.*)-\d+$/.exec(workerName);
  return match?.[1] ?? workerName;
}
