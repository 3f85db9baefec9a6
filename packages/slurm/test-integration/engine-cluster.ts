import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { ExecaCommandRunner, type JobQueueCluster } from '@jq/core';
import { RecordingCommandRunner } from '@jq/core/testing';
import { Client, EngineScheduler, type EngineSchedulerOptions } from '@jq/engine';
import { createSlurmCluster, type SlurmOptions } from '../src/index.js';
import { liveJobsNamed } from './slurm-queue.js';

/** A cluster on the real Slurm whose workers are native `jq-worker`s, with its client. */
export interface EngineSlurmCluster {
  cluster: JobQueueCluster<any, EngineScheduler>;
  scheduler: EngineScheduler;
  client: Client;
  runner: RecordingCommandRunner;
  /** The `-J` name of its jobs, unique to this cluster: how tests find them in squeue. */
  jobName: string;
  /** A private directory for the test's files (logs, scripts, task notes). */
  directory: string;
}

/** URL of the task module, for `client.module` and direct submissions. */
export const tasksUrl = new URL('./fixtures/slurm-tasks.ts', import.meta.url);
export type SlurmTasks = typeof import('./fixtures/slurm-tasks.js');

const open: EngineSlurmCluster[] = [];
let counter = 0;

/**
 * Small jobs (1 core, 500 MB: the node has 8 CPUs shared with other suites), quick
 * polling, and a death timeout short enough that a crashed test leaves no worker behind for long.
 */
export function engineCluster(options: SlurmOptions = {}, schedulerOptions: EngineSchedulerOptions = {}): EngineSlurmCluster {
  counter += 1;
  const jobName = `jq-engine-${process.pid}-${counter}`;
  const directory = mkdtempSync(join(tmpdir(), `${jobName}-`));
  const scheduler = new EngineScheduler({ httpPort: false, ...schedulerOptions });
  const runner = new RecordingCommandRunner(new ExecaCommandRunner());
  const cluster = createSlurmCluster({
    scheduler,
    runner,
    options: {
      name: jobName,
      jobName,
      cores: 1,
      memory: '500MB',
      walltime: '00:10:00',
      deathTimeout: 30,
      logDirectory: directory,
      scriptDirectory: join(directory, 'scripts'),
      pollInterval: 0.5,
      maxPollInterval: 2,
      ...options,
    },
  });
  cluster.on('error', () => undefined);
  const created = { cluster, scheduler, client: new Client(scheduler), runner, jobName, directory };
  open.push(created);
  return created;
}

/** Closes every cluster made by {@link engineCluster} and waits (bounded) until Slurm has none of their jobs. */
export async function closeEngineClusters(): Promise<void> {
  const closing = open.splice(0);
  await Promise.all(closing.map(({ cluster }) => cluster.close()));
  for (const { jobName, directory } of closing) {
    await vi.waitFor(() => {
      if (liveJobsNamed(jobName).length > 0) throw new Error(`jobs of ${jobName} are still in the queue`);
    }, { timeout: 30_000, interval: 250 });
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Job names that started each task index, from the notes the tasks write (one `<index> <job>` line each). */
export function startsByIndex(log: string): Map<number, string[]> {
  const starts = new Map<number, string[]>();
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const [index, jobName] = line.split(' ');
    if (index === undefined || jobName === undefined) continue;
    starts.set(Number(index), [...(starts.get(Number(index)) ?? []), jobName]);
  }
  return starts;
}
