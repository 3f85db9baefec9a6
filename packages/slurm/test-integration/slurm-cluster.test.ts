import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ExecaCommandRunner, JobQueueCluster } from '@jq/core';
import { RecordingCommandRunner, TestScheduler } from '@jq/core/testing';
import { slurmBackend } from '../src/index.js';
import { expectSubmissionRefused, requireRealSystem } from '@jq/testkit/real-system';
import { liveJobsNamed, realSlurm, slurm } from './slurm-system.js';

const logDirectory = mkdtempSync(join(tmpdir(), 'jq-slurm-it-'));
const clusters: JobQueueCluster[] = [];
let counter = 0;

/** A cluster on the real Slurm with a TestScheduler; each gets its own job name to find its jobs in squeue. */
function makeCluster(options: Record<string, unknown> = {}, command: string[] = ['sleep', '600']) {
  counter += 1;
  const jobName = `jq-it-${process.pid}-${counter}`;
  const runner = new RecordingCommandRunner(new ExecaCommandRunner());
  const cluster = new JobQueueCluster({
    backend: slurmBackend,
    scheduler: new TestScheduler(command),
    options: { name: jobName, jobName, cores: 1, memory: '256MB', walltime: '00:10:00', logDirectory, scriptDirectory: join(logDirectory, 'scripts', jobName), pollInterval: 0.5, maxPollInterval: 2, ...options },
    runner,
  });
  cluster.on('error', () => undefined);
  clusters.push(cluster);
  return { cluster, runner, jobName };
}

const states = (cluster: JobQueueCluster) => cluster.jobs().map((job) => job.state);

requireRealSystem(realSlurm);

afterEach(async () => {
  await Promise.all(clusters.splice(0).map((cluster) => cluster.close()));
});

afterAll(() => {
  rmSync(logDirectory, { recursive: true, force: true });
});

describe('JobQueueCluster on real Slurm', () => {
  it('scale(4) submits ONE sbatch --array; the tasks run, log where logFiles says; scale(0) empties the queue', async () => {
    const { cluster, runner, jobName } = makeCluster({ jobScriptPrologue: ['echo "started $JQ_JOB_KEY task $SLURM_ARRAY_TASK_ID"'] });
    await cluster.scale(4);
    const submits = runner.callsWith('sbatch');
    expect(submits).toHaveLength(1);
    expect(submits[0]?.argv).toContain('--array=0-3');
    await vi.waitFor(() => expect(states(cluster)).toEqual(['running', 'running', 'running', 'running']), { timeout: 30_000, interval: 250 });
    expect(liveJobsNamed(jobName).sort()).toEqual(cluster.jobs().map((job) => job.id).sort());

    const third = cluster.jobs()[2]!;
    await vi.waitFor(() => expect(readFileSync(third.logFiles!.stdout, 'utf8')).toBe(`started ${jobName}-2 task 2\n`), { timeout: 15_000, interval: 250 });

    const statusCalls = runner.callsWith('squeue');
    expect(statusCalls.length).toBeGreaterThan(0);
    for (const call of statusCalls) expect(call.argv.at(-1)?.split('=')[1]?.split(',').length).toBeGreaterThanOrEqual(2);

    await cluster.scale(0);
    expect(runner.callsWith('scancel')).toHaveLength(1);
    await vi.waitFor(() => expect(liveJobsNamed(jobName)).toEqual([]), { timeout: 30_000, interval: 250 });
    await vi.waitFor(() => expect(states(cluster)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']), { timeout: 15_000, interval: 250 });
  });

  it('reports a job cancelled from outside as cancelled and replaces it', async () => {
    const { cluster, jobName } = makeCluster();
    await cluster.scale(2);
    await vi.waitFor(() => expect(states(cluster)).toEqual(['running', 'running']), { timeout: 30_000, interval: 250 });
    const victim = cluster.jobs()[0]!;
    slurm('scancel', [victim.id]);
    await vi.waitFor(
      () => {
        const jobs = cluster.jobs();
        expect(jobs.find((job) => job.id === victim.id)?.state).toBe('cancelled');
        expect(jobs.filter((job) => job.state === 'running')).toHaveLength(2);
      },
      { timeout: 45_000, interval: 250 },
    );
    expect(cluster.jobs()).toHaveLength(3);
    await cluster.close();
    await vi.waitFor(() => expect(liveJobsNamed(jobName)).toEqual([]), { timeout: 30_000, interval: 250 });
  });

  it.each([
    [{ queue: 'nosuch' }, 'Invalid partition name specified'],
    [{ memory: '100GB' }, 'Requested node configuration is not available'],
  ])('refuses %j with Slurm\'s message, one sbatch call, no retry, nothing queued', async (options, message) => {
    await expectSubmissionRefused(realSlurm, makeCluster(options), message);
  });

  it('sees a failing job as failed, and sacct tells how it ended (exit 3)', async () => {
    const { cluster, jobName } = makeCluster({}, ['sh', '-c', 'exit 3']);
    await cluster.scale(1);
    await vi.waitFor(() => expect(cluster.jobs()[0]?.state).toBe('failed'), { timeout: 30_000, interval: 250 });
    const id = cluster.jobs()[0]!.id;
    await cluster.close();
    await vi.waitFor(() => expect(liveJobsNamed(jobName)).toEqual([]), { timeout: 30_000, interval: 250 });
    const command = slurmBackend.accounting!([id], cluster.options as never);
    await vi.waitFor(
      async () => {
        const result = await new ExecaCommandRunner().run(command, { timeoutMs: 30_000 });
        expect(slurmBackend.parseAccounting!(result, [id]).get(id)).toEqual({ state: 'failed', native: 'FAILED', exitCode: 3 });
      },
      { timeout: 30_000, interval: 500 },
    );
  });
});
