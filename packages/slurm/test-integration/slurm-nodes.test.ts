import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectScaledToZero, expectSquaresMapped, requireRealSystem } from '@jq/testkit/real-system';
import { closeEngineClusters, engineCluster, liveJobsNamed, realSlurm, slurm } from './slurm-system.js';

requireRealSystem(realSlurm);

afterEach(closeEngineClusters);

/**
 * This Slurm has ONE node (`sinfo`: vm), so a job asking `--nodes=2` could never start.
 * Everything the backend renders for `nodes: 2` is kept except the node count: the two
 * node directives are skipped and the job asks two tasks on the one node instead. The
 * body's `srun` then starts the worker command once per task, SLURM_PROCID 0 and 1, as it
 * would once per node on two nodes with `--ntasks-per-node=1`.
 */
const twoTasksOnOneNode = { nodes: 2, jobDirectivesSkip: ['--nodes=', '--ntasks-per-node='], jobExtraDirectives: ['--ntasks=2'] };

/** Pids of processes whose command line holds `text` (the workers carry their job key). */
function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(text);
      } catch {
        return false; // ended while we looked
      }
    })
    .map(Number);
}

describe('jobs of two nodes on real Slurm', () => {
  it('scale(4) with 2 processes per node is ONE job whose srun starts workers <key>-0 … <key>-3; scale(0) retires and cancels it as one', async () => {
    const engine = engineCluster({ ...twoTasksOnOneNode, cores: 2, processes: 2, memory: '2GB' });
    const { cluster, client, runner } = engine;
    expect(cluster.jobScript()).toMatch(/\nsrun --cpus-per-task=2 --kill-on-bad-exit=1 \/bin\/sh -c 'JQ_NODE_INDEX="\$SLURM_PROCID"; exec /);
    await cluster.scale(4);
    expect(runner.callsWith('sbatch')).toHaveLength(1);
    await client.waitForWorkers(4, { timeout: 150 });
    const [job, ...others] = cluster.jobs();
    expect(others).toEqual([]);
    expect(cluster.workers().map((worker) => [worker.name, worker.jobKey]).sort()).toEqual([0, 1, 2, 3].map((index) => [`${job!.key}-${index}`, job!.key]));
    await vi.waitFor(() => expect(cluster.jobs()[0]?.state).toBe('running'), { timeout: 30_000, interval: 250 });
    await expectSquaresMapped(engine, 400);
    // Slurm's own view: the worker command ran as one step of two tasks.
    expect(slurm('squeue', ['--noheader', '--steps', `--jobs=${job!.id}`, '--format=%i %N']).trim()).toMatch(new RegExp(`^${job!.id}\\.0 `, 'm'));
    await expectScaledToZero(realSlurm, engine);
    expect(runner.callsWith('scancel').flatMap((command) => command.argv.slice(1))).toEqual([job!.id]);
    expect(runner.callsWith('sbatch')).toHaveLength(1);
  });

  it('close() cancels a running two-node job as a unit: no job, no worker process of it left', async () => {
    const engine = engineCluster(twoTasksOnOneNode);
    const { cluster, client, jobName } = engine;
    await cluster.scale(2);
    await client.waitForWorkers(2, { timeout: 150 });
    const key = cluster.jobs()[0]!.key;
    expect(cluster.workers().map((worker) => worker.name).sort()).toEqual([`${key}-0`, `${key}-1`]);
    expect(processesWith(key).length).toBeGreaterThanOrEqual(2);
    await cluster.close();
    await vi.waitFor(() => expect(liveJobsNamed(jobName)).toEqual([]), { timeout: 60_000, interval: 250 });
    await vi.waitFor(() => expect(processesWith(key)).toEqual([]), { timeout: 60_000, interval: 250 });
  });
});
