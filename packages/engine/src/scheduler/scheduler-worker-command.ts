import type { WorkerLaunch } from '@jq/core';
import { workerLaunchPrefix } from '../engine-paths.js';
import { secretEnvironmentVariable, tlsCaEnvironmentVariable } from '../protocol/protocol-auth.js';
import type { ResolvedEngineSchedulerOptions } from './scheduler-options.js';

/**
 * The argv of `jq-worker` for one job: node, the worker entry, the scheduler's address
 * and the job's shape. Never the secret (that goes into the private script's environment).
 * Before the scheduler listens, the address is a placeholder: the script is then only a
 * preview (`cluster.jobScript()`). A tunnel's far end (`launch.schedulerAddress`) wins.
 * A TLS scheduler's certificate travels in the environment too (`JQ_ENGINE_TLS_CA`), not as
 * a file path: the nodes need not share a file with the scheduler's host.
 */
export function buildWorkerCommand(options: ResolvedEngineSchedulerOptions, address: string | undefined, launch: WorkerLaunch): string[] {
  const optional = (flag: string, value: number | string | undefined): string[] => (value === undefined ? [] : [flag, String(value)]);
  return [
    ...workerLaunchPrefix(options.node),
    launch.schedulerAddress ?? address ?? 'tcp://<scheduler-address>',
    '--name', launch.jobKey,
    '--pool', launch.pool,
    '--nthreads', String(launch.threads),
    '--memory-limit', String(launch.memoryLimit),
    '--death-timeout', String(launch.deathTimeout),
    '--nworkers', String(launch.processes),
    ...optional('--node-index', (launch.nodes ?? 1) > 1 ? launch.nodeIndex : undefined),
    ...optional('--gpus', launch.gpus),
    '--thread-idle-timeout', String(options.threadIdleTimeout),
    ...optional('--lifetime', launch.lifetime),
    ...optional('--lifetime-stagger', launch.lifetime === undefined ? undefined : launch.lifetimeStagger),
    ...optional('--local-directory', launch.localDirectory),
    ...optional('--interface', launch.interface),
    ...launch.extraArgs,
  ];
}

/**
 * The job script's settings for workers that hold no secret. glibc raises its mmap
 * threshold each time a large block is freed; from then on large blocks come from the heap
 * and stay in the process after they are freed. A worker whose memory-hogging task thread
 * was stopped kept the hog's memory (345 MB of a 420 MB limit here), stayed paused and
 * exited. A fixed trim threshold turns that adjustment off (Dask's nanny sets the same);
 * the user's `env` option, exported after, can change it.
 */
export const workerTuning: Readonly<Record<string, string>> = { MALLOC_TRIM_THRESHOLD_: '65536' };

/** The job script's environment for workers: the cluster secret, and a TLS scheduler's certificate (PEM; public, but it travels with the secret). */
export function workerEnvironmentOf(secret: string, tlsCertificate: string | undefined): Record<string, string> {
  // node-forge ends PEM lines with \r\n, which sbatch refuses in a script ("DOS line breaks"); PEM readers take either.
  return { [secretEnvironmentVariable]: secret, ...(tlsCertificate === undefined ? {} : { [tlsCaEnvironmentVariable]: tlsCertificate.replace(/\r\n/g, '\n') }) };
}
