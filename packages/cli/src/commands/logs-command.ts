import { setTimeout as sleep } from 'node:timers/promises';
import { type JobInfo, type SshSetting, withChosenRunner } from '@jq/core';
import { CliUsageError } from '../cli-errors.js';
import { openCluster, parseCount } from '../cluster-access.js';
import { type LogReader, localLogReader, remoteLogReader } from '../log-readers.js';

/**
 * `jobqueue logs <name> [job] [--follow]`: the last lines of each job's output files, then
 * (following) what is appended. A cluster driven over SSH has them read on its login node.
 */
export async function logsCommand(name: string, job: string | undefined, options: { follow?: boolean; lines: string }): Promise<number> {
  const { journal } = await openCluster(name);
  const ssh = journal.readCluster().options.ssh as SshSetting | undefined;
  if (ssh === undefined) return printLogs(journal, name, job, options, localLogReader);
  return withChosenRunner({ ssh }, undefined, undefined, (runner) => printLogs(journal, name, job, options, remoteLogReader(runner)));
}

async function printLogs(journal: Awaited<ReturnType<typeof openCluster>>['journal'], name: string, job: string | undefined, options: { follow?: boolean; lines: string }, reader: LogReader): Promise<number> {
  const lines = parseCount(options.lines, '--lines');
  const jobs = ((journal.readState()?.jobs ?? []) as unknown as JobInfo[]).filter((entry) => job === undefined || entry.key === job || entry.id === job);
  if (job !== undefined && jobs.length === 0) throw new CliUsageError(`cluster ${name} has no job ${job}`, `jobqueue status ${name} lists its jobs`);
  const files = jobs.flatMap((entry) => (entry.logFiles ? [entry.logFiles.stdout, entry.logFiles.stderr] : []));
  if (files.length === 0) {
    process.stderr.write(`${name}: the backend does not say where these jobs write their output; start the cluster with --log-directory <dir>\n`);
    return 1;
  }
  const offsets = new Map<string, number>();
  for (const file of [...new Set(files)]) {
    const { text, size } = await lastLines(reader, file, lines);
    offsets.set(file, size);
    process.stdout.write(`==> ${file} <==\n${text}${text && !text.endsWith('\n') ? '\n' : ''}`);
  }
  while (options.follow) {
    await sleep(500);
    for (const [file, offset] of offsets) offsets.set(file, await printAppended(reader, file, offset));
  }
  return 0;
}

/** The last `count` lines of `path` (of its last 256 KiB), and its size; empty when it does not exist yet. */
async function lastLines(reader: LogReader, path: string, count: number): Promise<{ text: string; size: number }> {
  const size = await reader.size(path);
  if (size === 0) return { text: '', size };
  const text = await reader.read(path, Math.max(0, size - 256 * 1024), size);
  const all = text.replace(/\n$/, '').split('\n');
  return { text: `${all.slice(-count).join('\n')}\n`, size };
}

async function printAppended(reader: LogReader, path: string, offset: number): Promise<number> {
  const size = await reader.size(path);
  if (size < offset) return size; // truncated or replaced: start over from its end
  if (size > offset) process.stdout.write(await reader.read(path, offset, size));
  return size;
}
