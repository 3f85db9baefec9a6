import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { JobQueueError } from '@jq/core';

const script = fileURLToPath(new URL('../../python/dask_bench.py', import.meta.url));

/** Python that has Debian's `distributed` (what ci/dask/up.sh installs). */
export const daskPython = '/usr/bin/python3';

/**
 * Runs bench/python/dask_bench.py against a Dask scheduler and returns its JSON.
 * The process is killed after `timeoutMs`, so a stuck Dask cannot stall the run.
 */
export async function runDaskClient<T>(address: string, args: string[], timeoutMs: number): Promise<T & { version: string }> {
  const result = await execa(daskPython, [script, address, ...args], { reject: false, timeout: timeoutMs, env: { PYTHONWARNINGS: 'ignore' } });
  if (result.failed) {
    const reason = result.timedOut ? `timed out after ${timeoutMs / 1000}s` : `exit ${String(result.exitCode)}`;
    throw new JobQueueError('JQ_COMMAND_FAILED', `[jq/bench] dask_bench.py ${args[0] ?? ''} ${reason}: ${result.stderr.slice(-2000)}`);
  }
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as T & { version: string };
}
