import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectSquaresMapped, requireRealSystem, runOutside } from '@jq/testkit/real-system';
import { closeEngineClusters, engineCluster, liveJobsNamed, realSlurm, slurm } from './slurm-system.js';

requireRealSystem(realSlurm);

afterEach(closeEngineClusters);

/**
 * Partition `pair` of ci/slurm/up.sh spans two Slurm nodes (vm and vm2 here), each with
 * its own slurmd on this one machine (Debian builds Slurm with MULTIPLE_SLURMD). The
 * hostname is the same on both; what tells them apart is the node Slurm ran a task on:
 * SLURMD_NODENAME in the task's environment and the step's node list.
 */
const partition = 'pair';

/** The partition's nodes, sorted, as sinfo lists them (one line per node). */
function partitionNodes(): string[] {
  return runOutside('sinfo', ['--noheader', '--Node', `--partition=${partition}`, '--format=%N']).split('\n').map((line) => line.trim()).filter(Boolean).sort();
}

/** The node each process whose command line holds `text` runs on, per Slurm (sorted). */
function slurmNodesOfProcessesWith(text: string): string[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((entry) => {
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(text)) return [];
      const variable = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').find((line) => line.startsWith('SLURMD_NODENAME='));
      return [variable?.slice('SLURMD_NODENAME='.length) ?? 'none'];
    } catch {
      return []; // ended while we looked
    }
  }).sort();
}

/** sacct's rows of one job: `<job id>[.<step>]` → [state, node list]. */
function accountingRows(id: string): Map<string, [string, string]> {
  const lines = slurm('sacct', ['--noheader', '--parsable2', `--jobs=${id}`, '--format=JobID,State,NodeList']).split('\n').filter(Boolean);
  return new Map(lines.map((line) => {
    const [jobId = '', state = '', nodeList = ''] = line.split('|');
    return [jobId, [state, nodeList]];
  }));
}

describe('jobs of two real Slurm nodes (partition pair)', () => {
  it('has two nodes, and srun -N 2 runs one task on each', () => {
    const nodes = partitionNodes();
    expect(nodes).toHaveLength(2);
    const ran = runOutside('srun', [`--partition=${partition}`, '--nodes=2', '--ntasks-per-node=1', '--mem=100M', '--job-name=jq-two-nodes-srun', 'printenv', 'SLURMD_NODENAME']);
    expect(ran.split('\n').filter(Boolean).sort()).toEqual(nodes);
  });

  it('a nodes: 2 job starts one worker on each node; close() cancels it as a unit, every step ended', async () => {
    const nodes = partitionNodes();
    const engine = engineCluster({ nodes: 2, queue: partition });
    const { cluster, client, runner, jobName } = engine;
    await cluster.scale(2);
    expect(runner.callsWith('sbatch')).toHaveLength(1);
    await client.waitForWorkers(2, { timeout: 150 });
    const [job, ...others] = cluster.jobs();
    expect(others).toEqual([]);
    expect(cluster.workers().map((worker) => worker.name).sort()).toEqual([`${job!.key}-0`, `${job!.key}-1`]);
    // Each worker process runs where its srun task was placed: one on each node.
    await vi.waitFor(() => expect(slurmNodesOfProcessesWith(job!.key)).toEqual(nodes), { timeout: 30_000, interval: 250 });
    await expectSquaresMapped(engine, 200);
    // Slurm's own view: the worker step ran over both nodes.
    const step = `${job!.id}.0`;
    expect(slurm('squeue', ['--noheader', '--steps', `--jobs=${job!.id}`, '--format=%i %N']).trim()).toMatch(new RegExp(`^${step.replace('.', '\\.')} \\S+`, 'm'));
    await vi.waitFor(() => expect(accountingRows(job!.id).get(step)?.[0]).toBe('RUNNING'), { timeout: 30_000, interval: 500 });
    const running = runOutside('scontrol', ['show', 'hostnames', accountingRows(job!.id).get(step)![1]]).split('\n').filter(Boolean).sort();
    expect(running).toEqual(nodes);

    await cluster.close();
    await vi.waitFor(() => expect(liveJobsNamed(jobName)).toEqual([]), { timeout: 60_000, interval: 250 });
    await vi.waitFor(() => expect(slurmNodesOfProcessesWith(job!.key)).toEqual([]), { timeout: 60_000, interval: 250 });
    expect(runner.callsWith('scancel').flatMap((command) => command.argv.slice(1))).toEqual([job!.id]);
    // The allocation, its batch step and the worker step have all ended (none RUNNING).
    await vi.waitFor(() => {
      const rows = accountingRows(job!.id);
      expect([...rows.keys()].sort()).toEqual([job!.id, `${job!.id}.0`, `${job!.id}.batch`].sort());
      for (const [state] of rows.values()) expect(state).not.toMatch(/RUNNING|PENDING|COMPLETING/);
    }, { timeout: 60_000, interval: 500 });
  });
});
