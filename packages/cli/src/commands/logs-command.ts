import { open, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobInfo } from '@jq/core';
import { CliUsageError } from '../cli-errors.js';
import { openCluster, parseCount } from '../cluster-access.js';

/** `jobqueue logs <name> [job] [--follow]`: the last lines of each job's output files, then (following) what is appended. */
export async function logsCommand(name: string, job: string | undefined, options: { follow?: boolean; lines: string }): Promise<number> {
  const lines = parseCount(options.lines, '--lines');
  const { journal } = await openCluster(name);
  const jobs = ((journal.readState()?.jobs ?? []) as unknown as JobInfo[]).filter((entry) => job === undefined || entry.key === job || entry.id === job);
  if (job !== undefined && jobs.length === 0) throw new CliUsageError(`cluster ${name} has no job ${job}`, `jobqueue status ${name} lists its jobs`);
  const files = jobs.flatMap((entry) => (entry.logFiles ? [entry.logFiles.stdout, entry.logFiles.stderr] : []));
  if (files.length === 0) {
    process.stderr.write(`${name}: the backend does not say where these jobs write their output; start the cluster with --log-directory <dir>\n`);
    return 1;
  }
  const offsets = new Map<string, number>();
  for (const file of [...new Set(files)]) {
    const { text, size } = await lastLines(file, lines);
    offsets.set(file, size);
    process.stdout.write(`==> ${file} <==\n${text}${text && !text.endsWith('\n') ? '\n' : ''}`);
  }
  while (options.follow) {
    await sleep(500);
    for (const [file, offset] of offsets) offsets.set(file, await printAppended(file, offset));
  }
  return 0;
}

/** The last `count` lines of `path` (of its last 256 KiB), and its size; empty when it does not exist yet. */
async function lastLines(path: string, count: number): Promise<{ text: string; size: number }> {
  const size = await sizeOf(path);
  if (size === 0) return { text: '', size };
  const start = Math.max(0, size - 256 * 1024);
  const text = await readRange(path, start, size);
  const all = text.replace(/\n$/, '').split('\n');
  return { text: `${all.slice(-count).join('\n')}\n`, size };
}

async function printAppended(path: string, offset: number): Promise<number> {
  const size = await sizeOf(path);
  if (size < offset) return size; // truncated or replaced: start over from its end
  if (size > offset) process.stdout.write(await readRange(path, offset, size));
  return size;
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then((info) => info.size, () => 0);
}

async function readRange(path: string, start: number, end: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(end - start);
    await handle.read(buffer, 0, buffer.length, start);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
