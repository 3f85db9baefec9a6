import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JobQueueError, JobQueueCluster } from '@jq/core';
import { createSlurmCluster } from '@jq/slurm';
import { execa } from 'execa';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DaskScheduler, daskConnectionOf } from '../../src/index.js';
import { runAfterSnippet, runPythonClient, startPythonClient, thousandTaskMap } from './support/dask-client.js';
import { DetachedClusters, clusterModules, clusterProcesses } from './support/detached-clusters.js';
import { processTree, stillRunning } from './support/process-table.js';

// Needs the real Slurm of ci/slurm/up.sh; .ci/run starts it and sets JQ_SLURM_TESTS=1.
// Without the variable these tests are skipped, and with it a missing Slurm fails them.
const slurmWanted = process.env.JQ_SLURM_TESTS === '1';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function createCluster(name: string) {
  const directory = mkdtempSync(join(tmpdir(), 'jq-dask-slurm-'));
  const scheduler = new DaskScheduler({ host: '127.0.0.1', pollInterval: 200 });
  const cluster = createSlurmCluster({
    scheduler,
    handleExit: false,
    options: { name, cores: 1, memory: '1GB', walltime: '00:10:00', deathTimeout: 30, scriptDirectory: directory, logDirectory: directory, pollInterval: 1 },
  });
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  cleanups.push(() => cluster.close());
  return { cluster, scheduler };
}

const live = (cluster: JobQueueCluster) => cluster.jobs().filter((job) => job.state === 'queued' || job.state === 'running');

/** Lines of `squeue` for the cluster's jobs (array tasks share the base id). */
function inSlurmQueue(cluster: JobQueueCluster): Promise<string[]> {
  return queued(cluster.jobs().map((job) => job.id));
}

/** Lines of `squeue` for the jobs `ids`. */
async function queued(ids: string[]): Promise<string[]> {
  const bases = new Set(ids.map((id) => id.split('_')[0]));
  const { stdout } = await execa('squeue', ['--noheader', '--format=%i %T']);
  return stdout.split('\n').filter((line) => bases.has(line.split(/[_ ]/)[0]));
}

describe.runIf(slurmWanted)('Dask workers as real Slurm jobs', () => {
  beforeAll(async () => {
    const sinfo = await execa('sinfo', ['--noheader'], { reject: false, timeout: 15_000 });
    if (sinfo.failed) throw new Error(`JQ_SLURM_TESTS=1 but Slurm does not answer (run ci/slurm/up.sh): ${sinfo.stderr || sinfo.shortMessage}`);
  });

  it('serves a Python client, and close() leaves no job and no Python', async () => {
    const { cluster, scheduler } = createCluster('dslurm');
    await cluster.scale(2);
    await vi.waitFor(() => expect(scheduler.workers()).toHaveLength(2), { timeout: 120_000, interval: 200 });
    const jobNames = cluster.jobs().map((job) => job.key).sort();
    expect(scheduler.workers().map((worker) => worker.jobKey).sort()).toEqual(jobNames);

    expect(await runPythonClient(scheduler, 'compute', 1000)).toEqual({ single: 2, count: 1000, sum: 500_500 });

    const daskProcesses = processTree([scheduler.address], [scheduler.pid!]);
    expect(await inSlurmQueue(cluster)).toHaveLength(2);
    await cluster.close();
    await vi.waitFor(async () => expect(await inSlurmQueue(cluster)).toEqual([]), { timeout: 60_000, interval: 500 });
    await vi.waitFor(() => expect(stillRunning(daskProcesses)).toEqual([]), { timeout: 30_000, interval: 100 });
  });

  it('adapt({ minimum: 0, maximum: 4 }) grows on a Python-submitted backlog and shrinks to 0', async () => {
    const { cluster, scheduler } = createCluster('dadapt');
    const errors: JobQueueError[] = [];
    cluster.on('error', (error) => errors.push(error));
    await cluster.start();
    cluster.adapt({ minimum: 0, maximum: 4, interval: 0.5, waitCount: 2 });

    const client = startPythonClient(scheduler, 'backlog', 48);
    await vi.waitFor(() => expect(live(cluster)).toHaveLength(4), { timeout: 90_000, interval: 200 });
    expect((await inSlurmQueue(cluster)).length).toBeGreaterThanOrEqual(1);
    const result = await client;
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ count: 48, sum: 1176 });

    await vi.waitFor(() => {
      expect(live(cluster)).toEqual([]);
      expect(scheduler.workers()).toEqual([]);
    }, { timeout: 90_000, interval: 200 });
    expect(cluster.jobs().length).toBeGreaterThanOrEqual(4);
    await vi.waitFor(async () => expect(await inSlurmQueue(cluster)).toEqual([]), { timeout: 60_000, interval: 500 });
    expect(errors).toEqual([]);
  });

  it('places GPU tasks only on workers of the pool that asks Slurm for a GPU (Dask resources from the pool)', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'jq-dask-slurm-'));
    cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
    const scheduler = new DaskScheduler({ host: '127.0.0.1', pollInterval: 200 });
    const cluster = createSlurmCluster({
      scheduler,
      handleExit: false,
      options: { name: 'dgpu', cores: 1, memory: '1GB', walltime: '00:10:00', deathTimeout: 30, scriptDirectory: directory, logDirectory: directory, pollInterval: 1 },
      pools: { cpu: {}, gpu: { gpus: 1 } },
    });
    cleanups.push(() => cluster.close());
    expect(cluster.jobScript('gpu')).toContain('#SBATCH --gpus=1');
    await cluster.scale({ cpu: { jobs: 1 }, gpu: { jobs: 1 } });
    await vi.waitFor(() => expect(scheduler.workers()).toHaveLength(2), { timeout: 120_000, interval: 200 });
    const gpuJob = cluster.jobs().find((job) => job.pool === 'gpu')!;
    const program = [
      'import json, os',
      'from distributed import get_worker',
      'where = lambda i: [get_worker().name, os.environ.get("CUDA_VISIBLE_DEVICES")]',
      'gpu = client.gather(client.map(where, range(40), resources={"GPU": 1}, pure=False))',
      'print(json.dumps(sorted({tuple(placed) for placed in gpu})))',
    ].join('\n');
    expect(JSON.parse(await runAfterSnippet(scheduler.connection, program))).toEqual([[gpuJob.key, '0']]);
  });
});

describe.runIf(slurmWanted)('a detached Dask cluster on real Slurm', () => {
  const clusters = new DetachedClusters();
  afterEach(() => clusters.cleanUp(), 240_000);

  it.each(['process', 'job'] as const)(
    'with its manager in a %s: a Python Client(scheduler_file=…) maps 1,000 tasks, and down() leaves an empty queue and no process',
    async (placement) => {
      const cluster = await clusters.launch(`ddetach-${placement}`, 'slurm', placement);
      const record = cluster.record;
      const ids = [...cluster.jobs().map((job) => job.id), ...(record.manager?.placement === 'job' ? [record.manager.id] : [])];
      expect(await queued(ids)).toHaveLength(placement === 'job' ? 3 : 2);
      const connection = daskConnectionOf(record.scheduler!);
      expect(await runAfterSnippet(connection, thousandTaskMap)).toBe('500500');

      const processes = clusterProcesses(cluster);
      expect(await JobQueueCluster.down(cluster.name, { modules: clusterModules })).toEqual({ closedByOwner: true, cancelled: [] });
      await vi.waitFor(async () => expect(await queued(ids)).toEqual([]), { timeout: 120_000, interval: 500 });
      await vi.waitFor(() => expect(stillRunning(processes)).toEqual([]), { timeout: 60_000, interval: 200 });
      expect(existsSync(connection.tls!.directory)).toBe(false);
    },
    300_000,
  );
});
