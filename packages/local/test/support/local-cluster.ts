import { vi } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueueCluster } from '@jq/core';
import { ManualClock, RecordingCommandRunner, TestScheduler } from '@jq/core/testing';
import { localBackend, type LocalOptions } from '../../src/index.js';

/** A local-backend cluster on a manual clock, with a recording runner and a test scheduler. */
export function createLocalCluster(
  settings: { command?: string[]; options?: LocalOptions; backend?: typeof localBackend; runner?: RecordingCommandRunner } = {},
) {
  const directory = mkdtempSync(join(tmpdir(), 'jq-local-test-'));
  const clock = new ManualClock();
  const runner = settings.runner ?? new RecordingCommandRunner();
  const scheduler = new TestScheduler(settings.command ?? ['sleep', '3600']);
  const cluster = new JobQueueCluster({
    backend: settings.backend ?? localBackend,
    scheduler,
    runner,
    clock,
    handleExit: false,
    options: { cores: 1, memory: '1GB', name: 'test', scriptDirectory: directory, pollInterval: 1, lostGracePeriod: 30, ...settings.options },
  });
  const cleanup = async () => {
    await cluster.close();
    const leftover = processesMentioning(directory);
    for (const pid of leftover) process.kill(pid, 'SIGKILL');
    rmSync(directory, { recursive: true, force: true });
    if (leftover.length > 0) throw new Error(`close() left ${leftover.length} process(es) of ${directory} running`);
  };
  return { cluster, clock, runner, scheduler, directory, cleanup };
}

/** True while a process with this pid exists (zombies excluded). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Process group of a local job's script, from the launcher's state. */
export function jobGroupOf(directory: string, id: string): number {
  return (JSON.parse(readFileSync(join(directory, 'local-jobs', `${id}.group.json`), 'utf8')) as { group: number }).group;
}

/** Pids of every process in a process group, from /proc. */
export function groupMembers(group: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === group && fields[0] !== 'Z') members.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}


/** Waits until `assertion` passes: real processes start and stop at their own pace. */
export function eventually<T>(assertion: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(assertion, { timeout: 20_000, interval: 20 });
}

/** Live processes whose command line mentions `text` (a job's script or state directory). */
export function processesMentioning(text: string): number[] {
  return readdirSafe('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}
