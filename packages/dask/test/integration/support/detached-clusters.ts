import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueueCluster, RemoteCluster, type SchedulerRecord, journalDirectory } from '@jq/core';
import * as local from '@jq/local';
import * as slurm from '@jq/slurm';
import { expect } from 'vitest';
import * as dask from '../../../src/index.js';
import { StartedProcesses, firstJsonLine } from './dask-processes.js';
import { killLeftovers } from './leftovers.js';
import { processTree } from './process-table.js';

/** The packages a process attaching to these clusters loads (vitest resolves the workspace sources). */
export const clusterModules = { '@jq/dask': dask, '@jq/local': local, '@jq/slurm': slurm };

const launcherProgram = new URL('./dask-launcher.ts', import.meta.url).pathname;

/** Detached clusters a test launched; `cleanUp()` ends every one, also after a failed test. */
export class DetachedClusters {
  private readonly started = new StartedProcesses();
  private readonly names: string[] = [];

  /** Launches a cluster from a process that then exits, as a user would; resolves with the attached view. */
  async launch(name: string, backend: 'local' | 'slurm', placement: 'process' | 'job'): Promise<RemoteCluster> {
    this.names.push(name);
    const launcher = this.started.typescript(launcherProgram, [name, backend, placement]);
    expect(await firstJsonLine<{ name: string }>(launcher, 240_000)).toEqual({ name });
    const cluster = await JobQueueCluster.attach(name, { modules: clusterModules, handleExit: false });
    expect(cluster).toBeInstanceOf(RemoteCluster);
    return cluster as RemoteCluster;
  }

  /** `down` for every cluster still journaled, then SIGKILL for any of their processes left. */
  async cleanUp(): Promise<void> {
    this.started.stopAll();
    for (const name of this.names.splice(0)) {
      if (existsSync(journalDirectory(name))) await JobQueueCluster.down(name, { modules: clusterModules }).catch(() => undefined);
      const scriptDirectory = join(tmpdir(), `jobqueue-${process.getuid?.()}`, name);
      killLeftovers([process.env.XDG_STATE_HOME!, scriptDirectory]);
      // down() of a cluster whose owner died leaves the job scripts core wrote.
      rmSync(scriptDirectory, { recursive: true, force: true });
    }
  }
}

/** The pid of the Dask scheduler a record describes. */
export function schedulerPid(record: SchedulerRecord): number {
  return (record.settings.process as { pid: number }).pid;
}

/**
 * Every process of the cluster on this host: manager, scheduler, workers (they name the
 * scheduler's address), and for local jobs the job processes (their ids are pids).
 */
export function clusterProcesses(cluster: RemoteCluster) {
  const scheduler = cluster.record.scheduler!;
  const state = JSON.parse(readFileSync(`${journalDirectory(cluster.name)}/state.json`, 'utf8')) as { owner: { pid: number } };
  const jobPids = cluster.record.backend.name === 'local' ? cluster.jobs().map((job) => Number(job.id)) : [];
  return processTree([scheduler.address, scheduler.settings.directory as string], [state.owner.pid, schedulerPid(scheduler), ...jobPids]);
}
