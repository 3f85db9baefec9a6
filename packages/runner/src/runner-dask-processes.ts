import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { JobQueueError, messagePrefix } from '@jq/core';
import { name as packageName } from '../package.json';

/**
 * The scheduler's address, once Dask has written its scheduler file (the rendezvous of a
 * Dask run), waiting up to `timeoutSeconds`.
 */
export async function awaitSchedulerFile(path: string, timeoutSeconds: number): Promise<string> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    try {
      const address = (JSON.parse(readFileSync(path, 'utf8')) as { address?: unknown }).address;
      if (typeof address === 'string' && address !== '') return address;
    } catch {
      // Not written yet, or half written: look again.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new JobQueueError('JQ_TIMEOUT', `${messagePrefix(packageName)} no Dask scheduler file at ${path} within ${timeoutSeconds} s: is the directory on storage every node sees?`);
}

/** The exit status of `child`: its code, or 128 + signal number as a shell reports it. */
export function childExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal])));
    // A Python that cannot start at all (not found): the shell's 127.
    child.once('error', () => resolve(127));
  });
}
