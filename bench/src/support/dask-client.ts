import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { JobQueueError } from '@jq/core';
import type { DaskScheduler } from '@jq/dask';

const script = fileURLToPath(new URL('../../python/dask_bench.py', import.meta.url));

/** Python that has Debian's `distributed` (what ci/dask/up.sh installs). */
export const daskPython = '/usr/bin/python3';

/**
 * Runs bench/python/dask_bench.py against a Dask scheduler and returns its JSON.
 * The client presents the cluster's certificate, as any client of a TLS scheduler (the
 * default) must; the paths go through the environment, the key itself stays in its file.
 * The process is killed after `timeoutMs`, so a stuck Dask cannot stall the run.
 */
export async function runDaskClient<T>(scheduler: DaskScheduler, args: string[], timeoutMs: number): Promise<T & { version: string }> {
  const tls = scheduler.tls;
  const security = tls ? { JQ_BENCH_DASK_TLS_CA: tls.caFile, JQ_BENCH_DASK_TLS_CERT: tls.certFile, JQ_BENCH_DASK_TLS_KEY: tls.keyFile } : {};
  const result = await execa(daskPython, [script, scheduler.address, ...args], { reject: false, timeout: timeoutMs, env: { PYTHONWARNINGS: 'ignore', ...security } });
  if (result.failed) {
    const reason = result.timedOut ? `timed out after ${timeoutMs / 1000}s` : `exit ${String(result.exitCode)}`;
    throw new JobQueueError('JQ_COMMAND_FAILED', `[jq/bench] dask_bench.py ${args[0] ?? ''} ${reason}: ${result.stderr.slice(-2000)}`);
  }
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as T & { version: string };
}
