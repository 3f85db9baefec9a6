// Issue 13's third mode on the real Slurm of ci/slurm, for sites whose compute nodes cannot
// submit: `launch({ placement: 'scheduler-job' })` puts only the engine scheduler in a Slurm
// job of its own; this (login-node) process is the cluster manager and submits, polls and
// cancels the worker jobs. A client in another process maps 1,000 tasks; `close()` cancels
// the workers, then the scheduler's job: none of the cluster's jobs in squeue, no process left.
// Then the scheduler's job is cancelled from outside: the manager says so and cancels the workers.
// And the same cluster adapts: the manager asks the scheduler in its job for its load.
// Run: flock /tmp/jq-real-batch.lock pnpm --filter @jq/slurm test:integration
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AdaptOptions, ClusterJournal, JobQueueCluster, journalDirectory } from '@jq/core';
import * as engine from '@jq/engine';
import { requireRealSystem } from '@jq/testkit/real-system';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exited } from '../../engine/test/helpers/engine-harness.js';
import { processesNaming, startReporter } from '../../engine/test/helpers/owner-process.js';
import * as slurmModule from '../src/index.js';
import { liveJobsNamed, realSlurm, slurm } from './slurm-system.js';

requireRealSystem(realSlurm);

const modules = { '@jq/engine': engine, '@jq/slurm': slurmModule };
const mapProgram = fileURLToPath(new URL('../../engine/test/helpers/map-client.ts', import.meta.url));
const slowMapProgram = fileURLToPath(new URL('../../engine/test/helpers/slow-map-client.ts', import.meta.url));
const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const names: string[] = [];

afterEach(async () => {
  // A failed test leaves no job behind: only this test's names, its worker jobs and its scheduler job.
  for (const name of names.splice(0)) {
    await JobQueueCluster.down(name, { modules }).catch(() => undefined);
    for (const jobName of [name, `${name}-scheduler`]) if (liveJobsNamed(jobName).length > 0) slurm('scancel', [`--name=${jobName}`]);
  }
}, 180_000);

/** Launches 2 one-worker jobs (or adapts) with the engine scheduler in a job of its own; with `scale`, resolves once both workers are in. */
async function launchSchedulerJob(name: string, start: { scale: { jobs: number } } | { adapt: AdaptOptions } = { scale: { jobs: 2 } }) {
  const directory = mkdtempSync(join(tmpdir(), `${name}-`));
  const remote = await JobQueueCluster.launch({
    backend: slurmModule.slurmBackend,
    scheduler: new engine.EngineScheduler({ httpPort: false }),
    config: false,
    placement: 'scheduler-job',
    handleExit: false,
    modules,
    ...start,
    startTimeout: 300,
    options: { name, jobName: name, cores: 1, memory: '500MB', walltime: '00:20:00', deathTimeout: 60, logDirectory: directory, scriptDirectory: join(directory, 'scripts'), pollInterval: 1 },
  });
  if ('scale' in start) await vi.waitFor(() => expect(remote.workers()).toHaveLength(2), { timeout: 240_000, interval: 500 });
  return { remote, directory };
}

function queue(name: string): { workers: string[]; scheduler: string[] } {
  return { workers: liveJobsNamed(name).sort(), scheduler: liveJobsNamed(`${name}-scheduler`) };
}

describe('the engine scheduler alone in a Slurm job, the manager on the login node', () => {
  it('launch({ placement: "scheduler-job" }): the scheduler job is in squeue, this process submits the workers, a client in another process maps 1,000 tasks, close() empties the queue', { timeout: 900_000 }, async () => {
    const name = `jq-slurm-schedjob-${process.pid}`;
    names.push(name);
    const { remote, directory } = await launchSchedulerJob(name);
    const manager = remote.record.manager!;
    expect(manager).toMatchObject({ placement: 'scheduler-job', id: `pid:${process.pid}` });
    expect(queue(name)).toEqual({ workers: remote.jobs().map((job) => job.id).sort(), scheduler: [manager.schedulerJob] });
    // The scheduler's job runs the scheduler only; the workers' jobs were submitted by this process, which owns the journal.
    expect(readFileSync(join(directory, 'scripts', `${name}-scheduler.sh`), 'utf8')).toMatch(/--scheduler-only/);
    expect(ClusterJournal.open(name).readState()?.owner.pid).toBe(process.pid);
    const schedulerAddress = remote.schedulerAddress!;
    expect(processesNaming(schedulerAddress)).toHaveLength(2);

    const { child, report } = await startReporter<{ workers: number; sum: number }>(mapProgram, [name], packageDirectory, 300_000);
    expect(await exited(child)).toBe(0);
    expect(report).toEqual({ workers: 2, sum: 999_000 });

    await remote.close();
    await vi.waitFor(() => expect(queue(name)).toEqual({ workers: [], scheduler: [] }), { timeout: 120_000, interval: 1000 });
    expect(existsSync(journalDirectory(name))).toBe(false);
    // No worker and no scheduler process left (the scheduler's has the cluster's name on its command line).
    await vi.waitFor(() => expect([...processesNaming(schedulerAddress), ...processesNaming(name)]).toEqual([]), { timeout: 60_000, interval: 1000 });
  });

  it('the scheduler job cancelled from outside: the manager warns, naming the job and its state, and cancels the workers', { timeout: 900_000 }, async () => {
    const name = `jq-slurm-schedlost-${process.pid}`;
    names.push(name);
    const { remote } = await launchSchedulerJob(name);
    const schedulerJob = remote.record.manager!.schedulerJob!;
    const warnings: Error[] = [];
    const onWarning = (warning: Error): number => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      slurm('scancel', [schedulerJob]);
      await vi.waitFor(() => expect(queue(name)).toEqual({ workers: [], scheduler: [] }), { timeout: 120_000, interval: 1000 });
      await vi.waitFor(() => expect(warnings.map((warning) => warning.message)).toContainEqual(expect.stringMatching(new RegExp(`the scheduler job ${schedulerJob} of cluster ${name} ended \\((cancelled|left the queue)\\)`))), { timeout: 60_000 });
    } finally {
      process.off('warning', onWarning);
    }
    await vi.waitFor(() => expect(existsSync(journalDirectory(name))).toBe(false), { timeout: 60_000 });
  });

  it('adapts from the login node: no worker while idle, worker jobs while a client in another process has slow tasks queued, none again after', { timeout: 900_000 }, async () => {
    const name = `jq-slurm-schedadapt-${process.pid}`;
    names.push(name);
    const { remote } = await launchSchedulerJob(name, { adapt: { minimum: 0, maximum: 2, interval: 1, waitCount: 2, targetDuration: 1 } });
    expect(queue(name)).toEqual({ workers: [], scheduler: [remote.record.manager!.schedulerJob] });
    const running = startReporter<{ sum: number }>(slowMapProgram, [name, '12', '3000'], packageDirectory, 600_000);
    let mostWorkerJobs = 0;
    let done = false;
    void running.finally(() => (done = true)).catch(() => undefined);
    while (!done) {
      mostWorkerJobs = Math.max(mostWorkerJobs, queue(name).workers.length);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const { child, report } = await running;
    expect(await exited(child)).toBe(0);
    expect(report).toEqual({ sum: 132 });
    expect(mostWorkerJobs).toBeGreaterThanOrEqual(1);
    expect(mostWorkerJobs).toBeLessThanOrEqual(2);
    // Idle again: adapt lowers the target to the minimum and the worker jobs leave; the scheduler's job stays.
    await vi.waitFor(() => expect(queue(name)).toEqual({ workers: [], scheduler: [remote.record.manager!.schedulerJob] }), { timeout: 180_000, interval: 1000 });
    console.info(`[scheduler-job adapt] at most ${mostWorkerJobs} worker job(s) in squeue while 12 tasks of 3 s ran`);
    await remote.close();
    await vi.waitFor(() => expect(queue(name)).toEqual({ workers: [], scheduler: [] }), { timeout: 120_000, interval: 1000 });
  });
});
