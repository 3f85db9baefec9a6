// Issue 13's third mode on the real SGE of ci/sge, for sites whose compute nodes cannot
// submit: `launch({ placement: 'scheduler-job' })` puts only the engine scheduler in an SGE
// job of its own; this (login-node) process is the cluster manager and submits, polls and
// cancels the worker jobs. A client in another process maps 1,000 tasks; `close()` cancels
// the workers, then the scheduler's job: none of the cluster's jobs in qstat, no process left.
// Run: flock /tmp/jq-real-batch.lock pnpm --filter @jq/sge test:integration
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClusterJournal, JobQueueCluster, journalDirectory } from '@jq/core';
import * as engine from '@jq/engine';
import { requireRealSystem } from '@jq/testkit/real-system';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exited } from '../../engine/test/helpers/engine-harness.js';
import { processesNaming, startReporter } from '../../engine/test/helpers/owner-process.js';
import * as sgeModule from '../src/index.js';
import { liveJobsNamed, realSge, sge } from './sge-system.js';

requireRealSystem(realSge);

const modules = { '@jq/engine': engine, '@jq/sge': sgeModule };
const mapProgram = fileURLToPath(new URL('../../engine/test/helpers/map-client.ts', import.meta.url));
const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const names: string[] = [];

afterEach(async () => {
  // A failed test leaves no job behind: only this test's names, its worker jobs and its scheduler job.
  for (const name of names.splice(0)) {
    await JobQueueCluster.down(name, { modules }).catch(() => undefined);
    for (const jobName of [name, `${name}-scheduler`]) for (const id of liveJobsNamed(jobName)) sge('qdel', [id]);
  }
}, 180_000);

function queue(name: string): { workers: string[]; scheduler: string[] } {
  return { workers: liveJobsNamed(name).sort(), scheduler: liveJobsNamed(`${name}-scheduler`) };
}

describe('the engine scheduler alone in an SGE job, the manager on the login node', () => {
  it('launch({ placement: "scheduler-job" }): the scheduler job is in qstat, this process submits the workers, a client in another process maps 1,000 tasks, close() empties the queue', { timeout: 900_000 }, async () => {
    const name = `jq-sge-schedjob-${process.pid}`;
    names.push(name);
    const directory = mkdtempSync(join(tmpdir(), `${name}-`));
    const remote = await JobQueueCluster.launch({
      backend: sgeModule.sgeBackend,
      scheduler: new engine.EngineScheduler({ httpPort: false }),
      config: false,
      placement: 'scheduler-job',
      handleExit: false,
      modules,
      scale: { jobs: 2 },
      startTimeout: 300,
      options: { name, jobName: name, cores: 1, memory: '500MB', walltime: '00:20:00', deathTimeout: 60, logDirectory: directory, scriptDirectory: join(directory, 'scripts'), pollInterval: 1 },
    });
    await vi.waitFor(() => expect(remote.workers()).toHaveLength(2), { timeout: 240_000, interval: 500 });
    const manager = remote.record.manager!;
    expect(manager).toMatchObject({ placement: 'scheduler-job', id: `pid:${process.pid}` });
    expect(queue(name)).toEqual({ workers: remote.jobs().map((job) => job.id).sort(), scheduler: [manager.schedulerJob] });
    // The scheduler's job runs the scheduler only; the workers' jobs were submitted by this process, which owns the journal.
    expect(readFileSync(join(directory, 'scripts', `${name}-scheduler.sh`), 'utf8')).toMatch(/--scheduler-only/);
    expect(ClusterJournal.open(name).readState()?.owner.pid).toBe(process.pid);
    const schedulerAddress = remote.schedulerAddress!;

    const { child, report } = await startReporter<{ workers: number; sum: number }>(mapProgram, [name], packageDirectory, 300_000);
    expect(await exited(child)).toBe(0);
    expect(report).toEqual({ workers: 2, sum: 999_000 });

    await remote.close();
    await vi.waitFor(() => expect(queue(name)).toEqual({ workers: [], scheduler: [] }), { timeout: 180_000, interval: 1000 });
    expect(existsSync(journalDirectory(name))).toBe(false);
    await vi.waitFor(() => expect([...processesNaming(schedulerAddress), ...processesNaming(name)]).toEqual([]), { timeout: 60_000, interval: 1000 });
  });
});
