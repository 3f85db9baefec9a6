import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { chmod, lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { journalRoot } from '@jq/core';
import { DaskError } from './dask-errors.js';

/**
 * `$XDG_STATE_HOME/jobqueue/dask` (default `~/.local/state/jobqueue/dask`), next to the
 * cluster journals: in the home directory, which batch sites share with their compute
 * nodes (the workers read the TLS files), and kept across the owner's death.
 */
export function defaultPrivateParent(environment: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(journalRoot(environment)), 'dask');
}

/** A new, unguessable directory path under `parent`; nothing is created yet. */
export function newPrivateDirectoryPath(parent: string): string {
  return join(parent, `jq-dask-${randomBytes(9).toString('base64url')}`);
}

/**
 * Creates the scheduler's private directory (0700, parents too). One that already exists
 * (a restart after the owner died) is used only when it is a real directory of this user
 * that no one else can read: TLS keys never go where another user could have put a trap.
 */
export async function preparePrivateDirectory(directory: string): Promise<void> {
  try {
    await mkdir(dirname(directory), { recursive: true, mode: 0o700 });
    await mkdir(directory, { mode: 0o700 });
    await chmod(directory, 0o700);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new DaskError('private-directory', `cannot create the private directory ${directory}: ${(error as Error).message}`, { cause: error });
    }
  }
  const stats = await lstat(directory);
  const uid = process.getuid?.();
  if (!stats.isDirectory() || (uid !== undefined && stats.uid !== uid) || (stats.mode & 0o077) !== 0) {
    const found = stats.isSymbolicLink() ? 'a symbolic link' : stats.isDirectory() ? `a directory of uid ${stats.uid}, mode ${(stats.mode & 0o777).toString(8)}` : 'not a directory';
    throw new DaskError('private-directory', `${directory} exists and is ${found}; expected a 0700 directory of this user (remove it, or choose another sharedTemporaryDirectory)`);
  }
}

/** Writes `text` to `path` readable only by the user (0600), atomically (temporary file, then rename). */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
  await rename(temporary, path);
}

/** Deletes the private directory and everything in it. */
export async function removePrivateDirectory(directory: string): Promise<void> {
  await rm(directory, { recursive: true, force: true });
}

/**
 * Worker processes per job, kept in the private directory as the cluster submits: a
 * successor maps the names of workers already running (`<job>-<i>` when a job runs several)
 * to their jobs before it submits anything itself.
 */
export function writeProcessesPerJob(directory: string, processes: number): void {
  const path = join(directory, 'processes-per-job');
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, String(processes), { mode: 0o600 });
  renameSync(temporary, path);
}

/** What {@link writeProcessesPerJob} kept, if anything. */
export function readProcessesPerJob(directory: string): number | undefined {
  try {
    const value = Number(readFileSync(join(directory, 'processes-per-job'), 'utf8'));
    return Number.isInteger(value) && value >= 1 ? value : undefined;
  } catch {
    return undefined;
  }
}
