import { fileURLToPath } from 'node:url';
import type { DaskScheduler } from '../../../src/index.js';
import { execa } from 'execa';

const script = fileURLToPath(new URL('./dask-client.py', import.meta.url));

/** The Python the issue names for clients: Debian's, which has distributed. */
export const clientPython = '/usr/bin/python3';

/** Runs the Python client against `scheduler` and returns the JSON it printed. */
export async function runPythonClient(scheduler: DaskScheduler, mode: 'compute' | 'backlog', tasks: number): Promise<Record<string, number>> {
  const tls = scheduler.tls ? [scheduler.tls.caFile, scheduler.tls.certFile, scheduler.tls.keyFile] : [];
  const result = await execa(clientPython, [script, scheduler.address, mode, String(tasks), ...tls], { timeout: 120_000, stdin: 'ignore' });
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as Record<string, number>;
}

/** Starts a Python client in the background (for load that adaptivity reacts to). */
export function startPythonClient(scheduler: DaskScheduler, mode: 'compute' | 'backlog', tasks: number) {
  return execa(clientPython, [script, scheduler.address, mode, String(tasks)], { timeout: 180_000, stdin: 'ignore', reject: false });
}
