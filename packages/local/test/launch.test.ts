// A cluster that runs away from the process that makes it: its manager in a detached
// process, or in a job of the backend itself (here a local job, a process too). The test
// process plays the user who launches, attaches from elsewhere, and closes.
import { existsSync, readFileSync } from 'node:fs';
import { JobQueueCluster, journalDirectory, RemoteCluster } from '@jq/core';
import { TestScheduler } from '@jq/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localBackend } from '../src/index.js';
import { processAlive } from './support/local-cluster.js';

const waitOptions = { timeout: 60_000, interval: 200 };
const launched: string[] = [];

afterEach(async () => {
  // A failed run must not leave a manager or its jobs behind.
  for (const name of launched.splice(0)) {
    if (existsSync(journalDirectory(name))) await JobQueueCluster.down(name).catch(() => undefined);
  }
});

function launch(name: string, placement: 'process' | 'job') {
  launched.push(name);
  return JobQueueCluster.launch({
    backend: localBackend,
    scheduler: new TestScheduler(['sleep', '600']),
    options: { name, cores: 1, memory: '1GB', pollInterval: 0.5 },
    config: false,
    placement,
    scale: { jobs: 2 },
    detach: true,
  });
}

function runningJobs(cluster: RemoteCluster) {
  return cluster.jobs().filter((job) => job.state === 'running');
}

describe.each(['process', 'job'] as const)('placement %s', (placement) => {
  it('runs the cluster in its own manager, reachable by name, and closes from another handle with nothing left', { timeout: 120_000 }, async () => {
    const name = `launched-${placement}`;
    const cluster = await launch(name, placement);
    expect(cluster.schedulerAddress).toBe('test://scheduler');
    await vi.waitFor(() => expect(runningJobs(cluster)).toHaveLength(2), waitOptions);
    const record = cluster.record;
    expect(record.manager?.placement).toBe(placement);
    const pids = cluster.jobs().map((job) => Number(job.id));
    const attached = await JobQueueCluster.attach(name);
    expect(attached).toBeInstanceOf(RemoteCluster);
    await (attached as RemoteCluster).scale({ jobs: 3 });
    await vi.waitFor(() => expect(runningJobs(cluster)).toHaveLength(3), waitOptions);
    const state = JSON.parse(readFileSync(`${journalDirectory(name)}/state.json`, 'utf8'));
    const manager = state.owner.pid as number;
    await (attached as RemoteCluster).close();
    expect(existsSync(journalDirectory(name))).toBe(false);
    await vi.waitFor(() => expect([manager, ...pids].filter(processAlive)).toEqual([]), waitOptions);
  });
});

it('refuses to launch over a live cluster of the same name', { timeout: 120_000 }, async () => {
  await launch('launched-twice', 'process');
  await expect(launch('launched-twice', 'process')).rejects.toThrow(/cluster launched-twice is running by process \d+/);
});
