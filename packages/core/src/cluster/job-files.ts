import { chmod, mkdir, open, stat, writeFile } from 'node:fs/promises';
import type { LogFiles } from '../contracts/backend-v1.js';
import type { JobInfo } from './job-info.js';

/** Creates `directory` (and parents) and makes it private to the user (0700). */
export async function ensurePrivateDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  await chmod(directory, 0o700);
}

/**
 * Writes a job file only the user can read (0600), as every job script is: it may hold the
 * worker secret. A job's executable gets 0700, private and runnable: a node on a shared
 * filesystem runs it in place (HTCondor sets the bits of its own copy only when it
 * transfers the file to the job's sandbox).
 */
export async function writePrivateFile(path: string, text: string, mode: 0o600 | 0o700 = 0o600): Promise<void> {
  await writeFile(path, text, { mode });
  await chmod(path, mode);
}

/** A job's log files with their last lines. */
export interface JobLog extends LogFiles {
  /** Job id. */
  id: string;
  /** Job key in the cluster. */
  key: string;
  /** Last lines of standard output ('' when the file does not exist yet). */
  stdoutTail: string;
  /** Last lines of standard error. */
  stderrTail: string;
}

/** The last `lines` lines of `path`, reading at most its last 64 KiB. */
export async function tailFile(path: string, lines: number): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await stat(path);
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    const all = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
    return all.slice(-lines).join('\n');
  } finally {
    await handle.close();
  }
}

/** Log paths and tails of every job whose backend knows where its output goes. */
export function readJobLogs(jobs: JobInfo[], lines: number): Promise<JobLog[]> {
  const withFiles = jobs.filter((job): job is JobInfo & { logFiles: LogFiles } => job.logFiles !== undefined);
  return Promise.all(
    withFiles.map(async (job) => ({
      id: job.id,
      key: job.key,
      ...job.logFiles,
      stdoutTail: await tailFile(job.logFiles.stdout, lines),
      stderrTail: await tailFile(job.logFiles.stderr, lines),
    })),
  );
}
