import type { WorkerLaunch } from '@jq/core';
import { workerLaunchPrefix } from '../engine-paths.js';
import type { ResolvedEngineSchedulerOptions } from './scheduler-options.js';

/**
 * The argv of `jq-worker` for one job: node, the worker entry, the scheduler's address
 * and the job's shape. Never the secret (that goes into the private script's environment).
 * Before the scheduler listens, the address is a placeholder: the script is then only a
 * preview (`cluster.jobScript()`). A tunnel's far end (`launch.schedulerAddress`) wins.
 */
export function buildWorkerCommand(options: ResolvedEngineSchedulerOptions, address: string | undefined, tlsCaPath: string | undefined, launch: WorkerLaunch): string[] {
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
    ...optional('--tls-ca', tlsCaPath),
    ...launch.extraArgs,
  ];
}
