// Issue 13 on the real SGE of ci/sge: `launch({ placement: 'job' })` runs the cluster's
// manager and engine scheduler in an SGE job of their own, which submits the worker jobs.
// A client in another process maps 1,000 tasks; `close()` leaves none of the cluster's
// jobs in qstat. Then the same launched with `detach: true` from a process that leaves,
// and a second process that attaches and closes.
// Run: flock /tmp/jq-real-batch.lock pnpm --filter @jq/sge test:integration
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobQueueCluster, RemoteCluster, journalDirectory } from '@jq/core';
import { requireRealSystem } from '@jq/testkit/real-system';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as engine from '@jq/engine';
import { Client, EngineScheduler } from '@jq/engine';
import { exited } from '../../engine/test/helpers/engine-harness.js';
import { startReporter } from '../../engine/test/helpers/owner-process.js';
import * as sgeModule from '../src/index.js';
import { sgeBackend } from '../src/index.js';
import { liveJobsNamed, realSge, sge } from './sge-system.js';

requireRealSystem(realSge);

const modules = { '@jq/engine': engine, '@jq/sge': sgeModule };
const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const fixture = (file: string) => fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url));
const names: string[] = [];

afterEach(async () => {
  // A failed test leaves no job behind: only this test's names, worker jobs and manager job.
  for (const name of names.splice(0)) {
    await JobQueueCluster.down(name, { modules }).catch(() => undefined);
    for (const jobName of [name, `${name}-manager`]) for (const id of liveJobsNamed(jobName)) sge('qdel', [id]);
  }
}, 180_000);

/** The cluster's jobs in qstat, by their batch names: the workers', and the manager's own. */
function queue(name: string): { workers: string[]; manager: string[] } {
  return { workers: liveJobsNamed(name).sort(), manager: liveJobsNamed(`${name}-manager`) };
}

/** Runs the map client (a process of its own that knows only the name): its report. */
async function mapFromAnotherProcess(name: string): Promise<{ workers: number; sum: number }> {
  const { child, report } = await startReporter<{ workers: number; sum: number }>(fixture('map-client.ts'), [name], packageDirectory, 300_000);
  expect(await exited(child)).toBe(0);
  return report;
}

async function expectQueueEmptied(name: string): Promise<void> {
  await vi.waitFor(() => expect(queue(name)).toEqual({ workers: [], manager: [] }), { timeout: 120_000, interval: 1000 });
  expect(existsSync(journalDirectory(name))).toBe(false);
}

describe('the engine cluster in an SGE job of its own', () => {
  it('launch({ placement: "job" }): the manager is its own job in qstat, a client in another process maps 1,000 tasks, close() empties the queue', { timeout: 900_000 }, async () => {
    const name = `jq-sge-placed-${process.pid}`;
    names.push(name);
    const directory = mkdtempSync(join(tmpdir(), `${name}-`));
    const remote = await JobQueueCluster.launch({
      backend: sgeBackend,
      scheduler: new EngineScheduler({ httpPort: false }),
      config: false,
      placement: 'job',
      handleExit: false,
      scale: { jobs: 2 },
      startTimeout: 300,
      options: { name, jobName: name, cores: 1, memory: '500MB', walltime: '00:20:00', deathTimeout: 60, logDirectory: directory, scriptDirectory: join(directory, 'scripts'), pollInterval: 1 },
    });
    const manager = remote.record.manager!;
    expect(manager.placement).toBe('job');
    expect(queue(name).manager).toEqual([manager.id]);
    // The manager, inside its job, submitted the two worker jobs; their workers reached its scheduler.
    await vi.waitFor(() => expect(remote.workers()).toHaveLength(2), { timeout: 240_000, interval: 500 });
    expect(queue(name).workers).toEqual(remote.jobs().map((job) => job.id).sort());

    expect(await mapFromAnotherProcess(name)).toEqual({ workers: 2, sum: 999_000 });
    await remote.close();
    await expectQueueEmptied(name);
  });

  it('launch({ placement: "job", detach: true }) from a process that leaves; a second process attaches, maps 1,000 tasks and closes: queue empty', { timeout: 900_000 }, async () => {
    const name = `jq-sge-detached-${process.pid}`;
    names.push(name);
    const directory = mkdtempSync(join(tmpdir(), `${name}-`));
    const { child, report } = await startReporter<{ manager: { placement: string; id: string }; jobs: string[] }>(fixture('launch-owner.ts'), [name, directory], packageDirectory, 600_000);
    expect(await exited(child)).toBe(0);
    expect(report.manager.placement).toBe('job');
    expect(queue(name)).toEqual({ workers: [...report.jobs].sort(), manager: [report.manager.id] });

    const attached = await JobQueueCluster.attach(name, { modules, handleExit: false });
    expect(attached).toBeInstanceOf(RemoteCluster);
    const remote = attached as RemoteCluster;
    const client = await Client.connect({ cluster: name });
    try {
      expect(client.scheduler.workers()).toHaveLength(2);
      const doubled = await client.gather(client.map((value: number) => value * 2, Array.from({ length: 1000 }, (_, index) => index)));
      expect(doubled.reduce((sum, value) => sum + value, 0)).toBe(999_000);
    } finally {
      await client.close();
    }
    await remote.close();
    await expectQueueEmptied(name);
  });
});
