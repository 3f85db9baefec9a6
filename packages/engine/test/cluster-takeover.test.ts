// Issue 13 with the engine on @jq/local: a cluster outlives the process that made it. The
// owner (scheduler in its process) is SIGKILLed and this process takes the cluster over by
// name; a detached launch runs the cluster in a manager process of its own.
import { existsSync } from 'node:fs';
import { JobQueueCluster, RemoteCluster, journalDirectory } from '@jq/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as local from '../../local/src/index.js';
import * as engine from '../src/index.js';
import { Client, type EngineScheduler } from '../src/index.js';
import { exited } from './helpers/engine-harness.js';
import { processesNaming, startOwner, stillRunning } from './helpers/owner-process.js';

const modules = { '@jq/engine': engine, '@jq/local': local };
const waitOptions = { timeout: 90_000, interval: 250 };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
}, 120_000);

const squares = (count: number) => Array.from({ length: count }, (_, index) => index);
const sumOfSquares = (count: number) => ((count - 1) * count * (2 * count - 1)) / 6;

describe('an engine cluster outlives its owner', () => {
  it('owner SIGKILLed: attach takes over on the same address, the 4 workers reconnect, a 1,000-task map completes, close leaves nothing', { timeout: 300_000 }, async () => {
    const { child, report } = await startOwner('engine-takeover', 'own', 'local', 180_000);
    cleanups.push(async () => child.kill('SIGKILL'));
    cleanups.push(() => JobQueueCluster.down('engine-takeover', { modules }));
    const jobPids = report.jobs.map(Number);
    child.kill('SIGKILL');
    await exited(child);
    expect(stillRunning(jobPids)).toEqual(jobPids);

    const attached = await JobQueueCluster.attach('engine-takeover', { modules, handleExit: false });
    expect(attached).toBeInstanceOf(JobQueueCluster);
    const cluster = attached as JobQueueCluster;
    cleanups.push(() => cluster.close());
    const scheduler = cluster.scheduler as EngineScheduler;
    expect(scheduler).toBeInstanceOf(engine.EngineScheduler);
    await vi.waitFor(() => expect(scheduler.workers()).toHaveLength(4), waitOptions);
    expect(scheduler.workers().map((worker) => worker.jobKey).sort()).toEqual(cluster.jobs().map((job) => job.key).flatMap((key) => [key, key]).sort());

    // A client of a third party: it knows only the cluster's name.
    const client = await Client.connect({ cluster: 'engine-takeover' });
    cleanups.push(() => client.close());
    const results = await client.gather(client.map((value: number) => value * value, squares(1000)));
    expect(results.reduce((sum, value) => sum + value, 0)).toBe(sumOfSquares(1000));

    const workerPids = processesNaming(scheduler.address);
    expect(workerPids.length).toBeGreaterThanOrEqual(4);
    await client.close();
    await cluster.close();
    await vi.waitFor(() => expect(stillRunning([...jobPids, ...workerPids])).toEqual([]), waitOptions);
    expect(existsSync(journalDirectory('engine-takeover'))).toBe(false);
  });

  it('launch({ placement: "process", detach: true }): the launcher leaves, Client.connect({ cluster }) maps, down() ends manager and workers', { timeout: 300_000 }, async () => {
    const { child, report } = await startOwner('engine-detached', 'launch', 'local', 180_000);
    cleanups.push(() => JobQueueCluster.down('engine-detached', { modules }));
    expect(await exited(child)).toBe(0);
    expect(report.manager?.placement).toBe('process');
    const managerPid = Number(report.manager!.id.replace(/^pid:/, ''));
    expect(stillRunning([managerPid])).toEqual([managerPid]);

    const remote = await JobQueueCluster.attach('engine-detached', { modules, handleExit: false });
    expect(remote).toBeInstanceOf(RemoteCluster);
    const record = (remote as RemoteCluster).record.scheduler!;
    expect(record).toMatchObject({ kind: 'engine', packageName: '@jq/engine', address: expect.stringMatching(/^tcp:\/\/127\.0\.0\.1:\d+$/) });

    const client = await Client.connect({ cluster: 'engine-detached' });
    cleanups.push(() => client.close());
    expect(client.scheduler.workers()).toHaveLength(2);
    const results = await client.gather(client.map((value: number) => value * value, squares(1000)));
    expect(results.reduce((sum, value) => sum + value, 0)).toBe(sumOfSquares(1000));
    await client.close();

    const workerPids = processesNaming(record.address);
    expect(workerPids.length).toBeGreaterThanOrEqual(2);
    const down = await JobQueueCluster.down('engine-detached', { modules });
    expect(down.closedByOwner).toBe(true);
    await vi.waitFor(() => expect(stillRunning([managerPid, ...report.jobs.map(Number), ...workerPids])).toEqual([]), waitOptions);
    expect(existsSync(journalDirectory('engine-detached'))).toBe(false);
  });
});
