// A detached @jq/dask cluster: its manager (and with it the Dask scheduler) runs in a
// process of its own, restored there from the journal record this package writes. The test
// process plays the Python user (scheduler file + the cluster's certificate), a second
// process that takes the cluster over when the manager is killed, and `down`.
import { existsSync, readFileSync } from 'node:fs';
import { JobQueueCluster, journalDirectory } from '@jq/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DaskScheduler, daskConnectionOf } from '../../src/index.js';
import { runAfterSnippet, thousandTaskMap } from './support/dask-client.js';
import { DetachedClusters, clusterModules as modules, clusterProcesses, schedulerPid } from './support/detached-clusters.js';
import { stillRunning } from './support/process-table.js';

const waitOptions = { timeout: 90_000, interval: 250 };
const clusters = new DetachedClusters();
const owned: JobQueueCluster[] = [];
const launchDetached = (name: string) => clusters.launch(name, 'local', 'process');

afterEach(async () => {
  // A failed run leaves no manager, scheduler or job behind.
  for (const cluster of owned.splice(0)) await cluster.close().catch(() => undefined);
  await clusters.cleanUp();
}, 240_000);

describe('a detached @jq/dask cluster', () => {
  it('serves a Python distributed.Client(scheduler_file=…) a 1,000-task map, and down() leaves no process', { timeout: 300_000 }, async () => {
    const cluster = await launchDetached('dask-detached');
    const record = cluster.record.scheduler!;
    expect(record).toMatchObject({ kind: 'dask', packageName: '@jq/dask', address: expect.stringMatching(/^tls:\/\/127\.0\.0\.1:\d+$/) });
    const connection = daskConnectionOf(record);
    expect(JSON.parse(readFileSync(connection.schedulerFile, 'utf8'))).toMatchObject({ type: 'Scheduler', address: record.address });
    expect(connection.python).toContain(`Client(scheduler_file="${connection.schedulerFile}", security=security)`);
    expect(await runAfterSnippet(connection, thousandTaskMap)).toBe('500500');

    const processes = clusterProcesses(cluster);
    expect(processes.filter((process) => process.commandLine.includes('distributed.cli.dask_worker')).length).toBeGreaterThanOrEqual(2);
    expect(await JobQueueCluster.down('dask-detached', { modules })).toEqual({ closedByOwner: true, cancelled: [] });
    await vi.waitFor(() => expect(stillRunning(processes)).toEqual([]), waitOptions);
    expect(existsSync(connection.tls!.directory)).toBe(false);
  });

  it('is taken over by another process when its manager is killed: same scheduler, same workers, then closed with nothing left', { timeout: 300_000 }, async () => {
    const cluster = await launchDetached('dask-takeover');
    const record = cluster.record.scheduler!;
    const processes = clusterProcesses(cluster);
    const manager = Number(cluster.record.manager!.id.replace(/^pid:/, ''));
    process.kill(manager, 'SIGKILL');
    await vi.waitFor(() => expect(existsSync(`/proc/${manager}`)).toBe(false), waitOptions);

    const attached = await JobQueueCluster.attach('dask-takeover', { modules, handleExit: false });
    expect(attached).toBeInstanceOf(JobQueueCluster);
    const taken = attached as JobQueueCluster;
    owned.push(taken);
    const scheduler = taken.scheduler as DaskScheduler;
    expect(scheduler.adopted).toBe(true);
    expect(scheduler.pid).toBe(schedulerPid(record));
    await vi.waitFor(() => expect(taken.workers().map((worker) => worker.jobKey).sort()).toEqual(taken.jobs().map((job) => job.key).sort()), waitOptions);
    expect(taken.jobs()).toHaveLength(2);
    expect(await runAfterSnippet(scheduler.connection, thousandTaskMap)).toBe('500500');

    await taken.close();
    await vi.waitFor(() => expect(stillRunning(processes)).toEqual([]), waitOptions);
    expect(existsSync(journalDirectory('dask-takeover'))).toBe(false);
  });

  it('is ended by down() from another process after its manager was killed: jobs cancelled, scheduler stopped, files removed', { timeout: 300_000 }, async () => {
    const cluster = await launchDetached('dask-orphan');
    const record = cluster.record.scheduler!;
    const processes = clusterProcesses(cluster);
    const jobIds = cluster.jobs().map((job) => job.id);
    const manager = Number(cluster.record.manager!.id.replace(/^pid:/, ''));
    process.kill(manager, 'SIGKILL');
    await vi.waitFor(() => expect(existsSync(`/proc/${manager}`)).toBe(false), waitOptions);
    expect(stillRunning(processes).map((process) => process.pid)).toContain(schedulerPid(record));

    const report = await JobQueueCluster.down('dask-orphan', { modules });
    expect(report.closedByOwner).toBe(false);
    expect(report.cancelled.sort()).toEqual(jobIds.sort());
    await vi.waitFor(() => expect(stillRunning(processes)).toEqual([]), waitOptions);
    expect(existsSync(record.settings.directory as string)).toBe(false);
    expect(existsSync(journalDirectory('dask-orphan'))).toBe(false);
  });
});
