import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobQueueError, messagePrefix } from '@jq/core';
import { name as packageName } from '../package.json';
import { awaitSchedulerFile, childExit } from './runner-dask-processes.js';
import { type AllocationRank, detectRank } from './runner-ranks.js';
import { defaultHandshakePath } from './runner-address-file.js';

/** How a Dask run inside one allocation is set up. */
export interface DaskRunOptions {
  /** Python that imports `distributed`, on every node. Default: the first of /usr/bin/python3, python3, python that does. */
  python?: string;
  /** Private directory (0700) on storage every rank sees, for the scheduler file and TLS files. Default: next to the native handshake, `.jq-run-<job>.dask`. */
  directory?: string;
  /** Threads of each worker rank. Default 1. */
  threads?: number;
  /** Seconds a worker rank survives without the scheduler. Default 30. */
  deathTimeout?: number;
  /** Seconds rank 0 waits for every worker before running the script anyway; other ranks wait as long for the scheduler. Default 120. */
  connectTimeout?: number;
  /** The rank, when not read from the launcher's environment. */
  rank?: AllocationRank;
}

const prefix = messagePrefix(packageName);
/** The Python side: scheduler, worker and script roles, each ending with its rank process. */
const rankScript = fileURLToPath(new URL('../python/jq_run_dask.py', import.meta.url));

/**
 * `jq-run --dask script.py [args…]` on every rank: rank 0 runs a Dask scheduler (TLS with
 * a certificate made for this run) and, once the other ranks' workers are in, the Python
 * `script` as `__main__`, whose plain `Client()` connects to it; then it shuts scheduler
 * and workers down. Every other rank runs one Dask worker. Resolves with this rank's exit
 * status (rank 0: the script's).
 */
export async function runDaskInAllocation(script: string, args: string[], options: DaskRunOptions = {}): Promise<number> {
  const rank = options.rank ?? detectRank();
  if (rank === undefined) {
    throw new JobQueueError('JQ_CONFIG_INVALID', `${prefix} no rank in the environment: start jq-run --dask on every rank with srun, mpirun, pbsdsh or blaunch`);
  }
  const dask = await import('@jq/dask');
  const python = options.python ?? (await dask.findDaskPython(dask.defaultPythonCandidates)).python;
  const directory = options.directory ?? defaultHandshakePath(rank.jobId).replace(/\.json$/, '.dask');
  const schedulerFile = join(directory, 'scheduler.json');
  const tls = dask.daskTlsFiles(directory);
  const tlsArgs = ['--protocol', 'tls', '--tls-ca-file', tls.caFile, '--tls-cert', tls.certFile, '--tls-key', tls.keyFile];
  const connectTimeout = options.connectTimeout ?? 120;
  const start = (role: string, roleArgs: string[], environment: Record<string, string> = {}): ChildProcess =>
    forwardSignals(spawn(python, [rankScript, role, ...roleArgs], { stdio: 'inherit', env: { ...process.env, ...environment } }));

  if (rank.rank !== 0) {
    await awaitSchedulerFile(schedulerFile, connectTimeout);
    const deathTimeout = String(options.deathTimeout ?? 30);
    return childExit(start('worker', ['--scheduler-file', schedulerFile, '--name', `rank-${rank.rank}`, '--nthreads', String(options.threads ?? 1), '--no-nanny', '--death-timeout', deathTimeout, ...tlsArgs]));
  }
  // A directory left by an earlier run of the same job id is not trusted: made afresh, private.
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { mode: 0o700 });
  try {
    await dask.writeDaskTls(directory, dask.createDaskTlsMaterial());
    const scheduler = start('scheduler', ['--port', '0', '--no-dashboard', '--scheduler-file', schedulerFile, ...tlsArgs]);
    const schedulerEnded = childExit(scheduler);
    const address = await Promise.race([
      awaitSchedulerFile(schedulerFile, connectTimeout),
      schedulerEnded.then((code) => Promise.reject(new JobQueueError('JQ_COMMAND_FAILED', `${prefix} the Dask scheduler exited with ${code} before it listened`))),
    ]);
    const status = await childExit(
      start('main', [String(rank.size - 1), String(connectTimeout), script, ...args], {
        DASK_SCHEDULER_ADDRESS: address,
        DASK_DISTRIBUTED__COMM__REQUIRE_ENCRYPTION: 'True',
        DASK_DISTRIBUTED__COMM__TLS__CA_FILE: tls.caFile,
        DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT: tls.certFile,
        DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY: tls.keyFile,
        JQ_RUN_SCHEDULER_FILE: schedulerFile,
      }),
    );
    // The script's end shut the scheduler down; one that hangs is stopped.
    const stop = setTimeout(() => scheduler.kill('SIGTERM'), 30_000);
    await schedulerEnded;
    clearTimeout(stop);
    return status;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Passes SIGTERM/SIGINT sent to this rank (Slurm ending the step) on to `child`. */
function forwardSignals(child: ChildProcess): ChildProcess {
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGTERM', forward);
  process.on('SIGINT', forward);
  child.once('exit', () => {
    process.off('SIGTERM', forward);
    process.off('SIGINT', forward);
  });
  return child;
}
