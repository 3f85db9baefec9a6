import { fileURLToPath } from 'node:url';
import type { DaskConnection, DaskScheduler } from '../../../src/index.js';
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
  const tls = scheduler.tls ? [scheduler.tls.caFile, scheduler.tls.certFile, scheduler.tls.keyFile] : [];
  return execa(clientPython, [script, scheduler.address, mode, String(tasks), ...tls], { timeout: 180_000, stdin: 'ignore', reject: false });
}

/** Python after the snippet: 1,000 tasks mapped, their sum printed (500500). */
export const thousandTaskMap = 'print(sum(client.gather(client.map(lambda x: x + 1, range(1000)))))';

/** Runs `code` after the connection snippet, as a user who pasted it would; resolves with the last line printed. */
export async function runAfterSnippet(connection: DaskConnection, code: string): Promise<string> {
  const result = await execa(clientPython, ['-'], { input: `${connection.python}${code}\n`, timeout: 180_000, reject: false });
  if (result.exitCode !== 0) throw new Error(`the Python client failed (${result.exitCode}):\n${result.stderr.slice(-3000)}`);
  return result.stdout.trim().split('\n').at(-1) ?? '';
}
