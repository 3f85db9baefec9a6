import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecaCommandRunner, type JobQueueCluster } from '@jq/core';
import { RecordingCommandRunner, TestScheduler } from '@jq/core/testing';
import { expectSubmissionRefused, requireRealSystem } from '@jq/testkit/real-system';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createSlurmCluster, type SlurmOptions } from '../src/index.js';
import { liveJobsNamed, realSlurm } from './slurm-system.js';

// ci/slurm/up.sh gives the node Gres=gpu:2 with two device files and no driver: Slurm
// allocates them and tells each job which it got (ci/README.md, "GPUs as a generic resource").
requireRealSystem(realSlurm);

const directory = mkdtempSync(join(tmpdir(), 'jq-slurm-gpu-'));
const clusters: JobQueueCluster[] = [];
let counter = 0;

/** The job prints what Slurm told it about GPUs, then waits. */
const report = ['sh', '-c', 'echo "CUDA_VISIBLE_DEVICES=${CUDA_VISIBLE_DEVICES-unset} SLURM_JOB_GPUS=${SLURM_JOB_GPUS-unset}"; sleep 600'];

function gpuCluster(gpuOptions: SlurmOptions) {
  counter += 1;
  const jobName = `jq-gpu-${process.pid}-${counter}`;
  const options: SlurmOptions = { name: jobName, jobName, cores: 1, memory: '256MB', walltime: '00:05:00', logDirectory: directory, pollInterval: 0.5, maxPollInterval: 2, ...gpuOptions };
  const runner = new RecordingCommandRunner(new ExecaCommandRunner());
  const cluster = createSlurmCluster({ scheduler: new TestScheduler(report), runner, options: { ...options, scriptDirectory: join(directory, jobName) } });
  cluster.on('error', () => undefined);
  clusters.push(cluster);
  return { cluster, runner, jobName };
}

async function reported(cluster: JobQueueCluster): Promise<string> {
  await vi.waitFor(() => expect(cluster.jobs()[0]?.state).toBe('running'), { timeout: 30_000, interval: 250 });
  const log = cluster.jobs()[0]!.logFiles!.stdout;
  return vi.waitFor(() => readFileSync(log, 'utf8').match(/^CUDA_VISIBLE_DEVICES=.*$/m)![0], { timeout: 15_000, interval: 250 });
}

// Each test that holds a GPU closes its cluster itself; the rest close here.
afterAll(async () => {
  await Promise.all(clusters.map((cluster) => cluster.close()));
  rmSync(directory, { recursive: true, force: true });
});

describe('GPUs on real Slurm (gres/gpu)', () => {
  it('a job of a cluster with gpus: 1 is given one GPU: --gpus=1, and Slurm sets CUDA_VISIBLE_DEVICES and SLURM_JOB_GPUS to it', async () => {
    const { cluster, runner, jobName } = gpuCluster({ gpus: 1 });
    expect(cluster.jobScript()).toContain('#SBATCH --gpus=1\n');
    await cluster.scale(1);
    expect(runner.callsWith('sbatch')).toHaveLength(1);
    const line = await reported(cluster);
    const [, devices, jobGpus] = /^CUDA_VISIBLE_DEVICES=(\S+) SLURM_JOB_GPUS=(\S+)$/.exec(line) ?? [];
    expect(devices).toMatch(/^[01]$/);
    expect(jobGpus).toBe(devices);
    await cluster.close();
    await vi.waitFor(() => expect(liveJobsNamed(jobName)).toEqual([]), { timeout: 30_000, interval: 250 });
  });

  it('a job of a cluster without gpus sees no GPU', async () => {
    const { cluster } = gpuCluster({});
    expect(cluster.jobScript()).not.toMatch(/--gpus|--gres/);
    await cluster.scale(1);
    expect(await reported(cluster)).toBe('CUDA_VISIBLE_DEVICES=unset SLURM_JOB_GPUS=unset');
  });

  it('more GPUs than the node has: Slurm refuses with its message, one sbatch, no retry, nothing queued', async () => {
    await expectSubmissionRefused(realSlurm, gpuCluster({ gpus: 3 }), 'Requested node configuration is not available');
  });
});
