import { describe, expect, it } from 'vitest';
import { ConfigError } from '@jq/core';
import { RecordingCommandRunner, TestScheduler } from '@jq/core/testing';
import { createSlurmCluster, slurmBackend } from '../src/index.js';

describe('createSlurmCluster', () => {
  it('builds a cluster on the Slurm backend whose job script is the dask-jobqueue one plus the worker body', async () => {
    const cluster = createSlurmCluster({
      scheduler: new TestScheduler(['worker', '--name', 'w']),
      options: { name: 'demo', cores: 8, memory: '28GB', processes: 4, walltime: '00:02:00', queue: 'regular', qos: 'high' },
      runner: new RecordingCommandRunner(),
      handleExit: false,
    });
    expect(cluster.backend).toBe(slurmBackend);
    const script = cluster.jobScript();
    expect(script).toContain('#SBATCH -p regular\n#SBATCH -n 1\n#SBATCH -N 1\n#SBATCH --cpus-per-task=8\n#SBATCH --mem=27G\n#SBATCH -t 00:02:00\n#SBATCH --qos=high\n');
    expect(script).toContain("export JQ_JOB_KEY=demo-0\n");
    expect(script.trimEnd().endsWith('worker --name w')).toBe(true);
    await cluster.close();
  });

  it('validates Slurm options at construction', () => {
    expect(() =>
      createSlurmCluster({ scheduler: new TestScheduler(), options: { cores: 1, memory: '1GB', qos: 'a b' }, handleExit: false }),
    ).toThrow(ConfigError);
  });
});
