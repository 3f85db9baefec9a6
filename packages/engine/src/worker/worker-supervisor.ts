import { spawn, type ChildProcess } from 'node:child_process';
import { visibleDevicesFor } from './worker-gpus.js';

/** What the supervisor needs to start one job's worker processes. */
export interface SupervisedJob {
  /** The worker entry to run again for each process. */
  entry: string;
  /** This process's own arguments; `--process-index i` is appended. */
  argv: string[];
  processes: number;
  /** GPUs of the job, shared out between the processes through `CUDA_VISIBLE_DEVICES`. */
  gpus: number | undefined;
  /** Environment only the children get (the secret, removed from this process's own). */
  secretEnvironment: Record<string, string>;
}

/**
 * Runs the worker processes of one job (`--nworkers > 1`): each is this same entry with
 * `--process-index i` and, with GPUs, its own share of the job's devices. Signals are
 * passed on; resolves with the worst exit code once all have exited.
 */
export function superviseWorkers(job: SupervisedJob): Promise<number> {
  const children: ChildProcess[] = [];
  for (let index = 0; index < job.processes; index += 1) {
    const devices = visibleDevicesFor(index, job.processes, job.gpus, process.env.CUDA_VISIBLE_DEVICES);
    children.push(
      spawn(process.execPath, [...process.execArgv, job.entry, ...job.argv, '--process-index', String(index)], {
        stdio: 'inherit',
        env: { ...process.env, ...job.secretEnvironment, ...(devices === undefined ? {} : { CUDA_VISIBLE_DEVICES: devices }) },
      }),
    );
  }
  const forward = (signal: NodeJS.Signals): void => {
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGINT', () => forward('SIGINT'));
  return Promise.all(
    children.map((child) => new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)))),
  ).then((codes) => Math.max(...codes));
}
