import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AnyBackend, type CommandRunner, type CommonOptions, ExecaCommandRunner, type JobQueueCluster } from '@jq/core';
import { RecordingCommandRunner } from '@jq/core/testing';
import { Client, EngineScheduler, type EngineSchedulerOptions } from '@jq/engine';
import { vi } from 'vitest';
import type { RealSystem } from './real-system.js';

/** A cluster on a real batch system whose workers are native `jq-worker`s, with its client. */
export interface EngineCluster {
  /** The cluster, on the system's backend. */
  cluster: JobQueueCluster<AnyBackend, EngineScheduler>;
  /** Its native engine scheduler. */
  scheduler: EngineScheduler;
  /** A client of that scheduler. */
  client: Client;
  /** Records every batch command the cluster ran (they run for real). */
  runner: RecordingCommandRunner;
  /** The batch name of its jobs, unique to this cluster: how tests find them in the queue. */
  jobName: string;
  /** A private directory for the test's files (logs, scripts, task notes). */
  directory: string;
}

/** A backend's `create<Name>Cluster`, as the harness calls it. */
export type ClusterFactory<O extends CommonOptions> = (settings: {
  scheduler: EngineScheduler;
  runner: CommandRunner;
  options: O;
}) => JobQueueCluster<AnyBackend, EngineScheduler>;

/**
 * `engineCluster()` and `closeEngineClusters()` for one system. Clusters get small
 * jobs (1 core, 500 MB: the node is shared with other suites), quick polling, and a
 * death timeout short enough that a crashed test leaves no worker behind for long.
 */
export function engineClusters<O extends CommonOptions>(system: RealSystem, create: ClusterFactory<O>) {
  const open: EngineCluster[] = [];
  let counter = 0;

  function engineCluster(options: O = {} as O, schedulerOptions: EngineSchedulerOptions = {}): EngineCluster {
    counter += 1;
    const jobName = `jq-engine-${process.pid}-${counter}`;
    const directory = mkdtempSync(join(tmpdir(), `${jobName}-`));
    const scheduler = new EngineScheduler({ httpPort: false, ...schedulerOptions });
    const runner = new RecordingCommandRunner(new ExecaCommandRunner());
    const defaults = { name: jobName, jobName, cores: 1, memory: '500MB', walltime: '00:10:00', deathTimeout: 30, logDirectory: directory };
    const timing = { scriptDirectory: join(directory, 'scripts'), pollInterval: 0.5, maxPollInterval: 2 };
    const cluster = create({ scheduler, runner, options: { ...defaults, ...timing, ...options } });
    cluster.on('error', () => undefined);
    const created = { cluster, scheduler, client: new Client(scheduler), runner, jobName, directory };
    open.push(created);
    return created;
  }

  /** Closes every cluster made by `engineCluster` and waits (bounded) until the system has none of their jobs. */
  async function closeEngineClusters(): Promise<void> {
    const closing = open.splice(0);
    await Promise.all(closing.map(({ cluster }) => cluster.close()));
    for (const { jobName, directory } of closing) {
      await vi.waitFor(() => {
        if (system.liveJobsNamed(jobName).length > 0) throw new Error(`jobs of ${jobName} are still in the ${system.title} queue`);
      }, { timeout: 30_000, interval: 250 });
      rmSync(directory, { recursive: true, force: true });
    }
  }

  return { engineCluster, closeEngineClusters };
}
