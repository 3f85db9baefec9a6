// Issue 13's `placement: 'job'` on a real batch system (the Slurm and SGE suites run these
// same steps): the cluster's manager and engine scheduler run in a batch job of their own,
// which submits the worker jobs; clients in other processes know only the cluster's name.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AnyBackend, JobQueueCluster, type ModuleTable, RemoteCluster, journalDirectory } from '@jq/core';
import { expect, vi } from 'vitest';
import { Client, EngineScheduler } from '../../src/index.js';
import { exited } from './engine-harness.js';
import { startReporter } from './owner-process.js';

/** A real batch system as the placement steps use it. */
export interface PlacementSystem {
  /** Its backend, and the packages a manager or an attach loads. */
  backend: AnyBackend;
  modules: ModuleTable;
  /** The launcher program: `<name> <directory>`, launches detached, prints `{ manager, jobs }` once both workers are in, exits. */
  launchProgram: string;
  /** Directory of the backend's package: the launcher's project (the manager loads the packages from there). */
  packageDirectory: string;
  /** Ids of the jobs named `jobName` still in the queue. */
  liveJobsNamed(jobName: string): string[];
}

const mapProgram = fileURLToPath(new URL('./map-client.ts', import.meta.url));

/** Worker options of the placed clusters: 2 small one-worker jobs. */
function clusterOptions(name: string, directory: string) {
  return { name, jobName: name, cores: 1, memory: '500MB', walltime: '00:20:00', deathTimeout: 60, logDirectory: directory, scriptDirectory: join(directory, 'scripts'), pollInterval: 1 };
}

/** The cluster's jobs in the queue, by batch name: the workers', and the manager's own (`<name>-manager`). */
function queue(system: PlacementSystem, name: string): { workers: string[]; manager: string[] } {
  return { workers: system.liveJobsNamed(name).sort(), manager: system.liveJobsNamed(`${name}-manager`) };
}

async function expectQueueEmptied(system: PlacementSystem, name: string): Promise<void> {
  await vi.waitFor(() => expect(queue(system, name)).toEqual({ workers: [], manager: [] }), { timeout: 120_000, interval: 1000 });
  expect(existsSync(journalDirectory(name))).toBe(false);
}

/**
 * `launch({ placement: 'job' })` from this process: the manager is a job of its own in the
 * queue, it submits the 2 worker jobs, a client in another process maps 1,000 tasks, and
 * `close()` leaves none of the cluster's jobs in the queue and no journal.
 */
export async function expectPlacedCluster(system: PlacementSystem, name: string): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), `${name}-`));
  const remote = await JobQueueCluster.launch({
    backend: system.backend,
    scheduler: new EngineScheduler({ httpPort: false }),
    config: false,
    placement: 'job',
    handleExit: false,
    scale: { jobs: 2 },
    startTimeout: 300,
    options: clusterOptions(name, directory),
  });
  const manager = remote.record.manager!;
  expect(manager.placement).toBe('job');
  expect(queue(system, name).manager).toEqual([manager.id]);
  await vi.waitFor(() => expect(remote.workers()).toHaveLength(2), { timeout: 240_000, interval: 500 });
  expect(queue(system, name).workers).toEqual(remote.jobs().map((job) => job.id).sort());

  const { child, report } = await startReporter<{ workers: number; sum: number }>(mapProgram, [name], system.packageDirectory, 300_000);
  expect(await exited(child)).toBe(0);
  expect(report).toEqual({ workers: 2, sum: 999_000 });
  await remote.close();
  await expectQueueEmptied(system, name);
}

/**
 * The launcher (a process of its own) launches with `detach: true` and exits; this process
 * attaches by name (a {@link RemoteCluster}: the manager lives), maps 1,000 tasks on the
 * workers, and closes: the queue holds none of the cluster's jobs, the journal is gone.
 */
export async function expectDetachedPlacedCluster(system: PlacementSystem, name: string): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), `${name}-`));
  const launched = await startReporter<{ manager: { placement: string; id: string }; jobs: string[] }>(system.launchProgram, [name, directory], system.packageDirectory, 600_000);
  expect(await exited(launched.child)).toBe(0);
  const { manager, jobs } = launched.report;
  expect(manager.placement).toBe('job');
  expect(queue(system, name)).toEqual({ workers: [...jobs].sort(), manager: [manager.id] });

  const attached = await JobQueueCluster.attach(name, { modules: system.modules, handleExit: false });
  expect(attached).toBeInstanceOf(RemoteCluster);
  const client = await Client.connect({ cluster: name });
  try {
    expect(client.scheduler.workers()).toHaveLength(2);
    const doubled = await client.gather(client.map((value: number) => value * 2, Array.from({ length: 1000 }, (_, index) => index)));
    expect(doubled.reduce((sum, value) => sum + value, 0)).toBe(999_000);
  } finally {
    await client.close();
  }
  await (attached as RemoteCluster).close();
  await expectQueueEmptied(system, name);
}
