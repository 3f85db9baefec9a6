import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { JobQueueError, messagePrefix } from '@jq/core';
import { name as packageName } from '../package.json';

/** What rank 0 leaves for the other ranks: how to start a worker of its scheduler. */
export interface RankHandshake {
  /** Worker argv with `{rank}` where the worker's rank goes. */
  workerCommand: string[];
  /** Environment the worker needs (the scheduler's secret): the file is 0600. */
  environment: Record<string, string>;
  /** Set once rank 0's code has finished: workers still starting should not bother. */
  finished?: boolean;
}

const prefix = messagePrefix(packageName);

/**
 * The rendezvous file on storage every rank sees: by default in the directory the job
 * was submitted from, named after the batch job, so two allocations never share one.
 */
export function defaultHandshakePath(jobId: string | undefined, environment: Readonly<Record<string, string | undefined>> = process.env): string {
  const directory = environment.SLURM_SUBMIT_DIR ?? environment.PBS_O_WORKDIR ?? environment.LS_SUBCWD ?? process.cwd();
  return join(directory, `.jq-run-${jobId ?? 'local'}.json`);
}

/** Writes the handshake atomically, readable only by the user. */
export function writeHandshake(path: string, handshake: RankHandshake): void {
  const temporary = `${path}.${process.pid}.tmp`;
  const descriptor = openSync(temporary, 'w', 0o600);
  try {
    writeSync(descriptor, JSON.stringify(handshake));
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, path);
}

/** Waits for rank 0's handshake, up to `timeoutSeconds`. */
export async function awaitHandshake(path: string, timeoutSeconds: number): Promise<RankHandshake> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as RankHandshake;
    // A referenced timer: waiting for the handshake is all this rank has to do, and must keep it alive.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new JobQueueError('JQ_TIMEOUT', `${prefix} rank 0 left no handshake at ${path} within ${timeoutSeconds} s: is the directory on storage every node sees?`);
}

/** Removes the handshake once the run is over. */
export function removeHandshake(path: string): void {
  rmSync(path, { force: true });
}
