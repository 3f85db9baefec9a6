import { describe, expect, it } from 'vitest';
import { ConfigError, type CommandResult } from '@jq/core';
import { RecordingCommandRunner, TestScheduler } from '@jq/core/testing';
import { createSlurmCluster, slurmBackend } from '../src/index.js';
import { output, recorded } from './fixtures.js';

const unexpected = async (command: { argv: string[] }): Promise<CommandResult> => ({ ...output('', `unexpected ${command.argv[0]}`, 127), argv: command.argv });

describe('createSlurmCluster', () => {
  it('scale(3) is ONE sbatch --array=0-2 whose tasks <id>_0 … <id>_2 are demo-0 … demo-2; close() cancels them in ONE scancel', async () => {
    // Answers recorded from Slurm at the process boundary; nothing reaches a real sbatch.
    const runner = new RecordingCommandRunner({ run: unexpected });
    const answers: Record<string, CommandResult> = { sbatch: output('8801\n'), squeue: recorded('squeue-unknown-repeated'), sacct: recorded('sacct-unknown'), scancel: output('') };
    runner.respond((command) => answers[command.argv[0] ?? '']);
    const cluster = createSlurmCluster({ scheduler: new TestScheduler(), options: { name: 'demo', cores: 1, memory: '1GB', qos: 'high' }, runner, handleExit: false });
    expect(cluster.backend).toBe(slurmBackend);
    await cluster.scale(3);
    expect(runner.callsWith('sbatch').map((command) => command.argv.slice(0, 3))).toEqual([['sbatch', '--parsable', '--array=0-2']]);
    expect(cluster.jobs().map((job) => [job.id, job.key])).toEqual([['8801_0', 'demo-0'], ['8801_1', 'demo-1'], ['8801_2', 'demo-2']]);
    await cluster.close();
    expect(runner.callsWith('scancel').map((command) => command.argv)).toEqual([['scancel', '8801_0', '8801_1', '8801_2']]);
  });

  it('renders the dask-jobqueue header, then the worker body, and validates Slurm options at construction', async () => {
    const cluster = createSlurmCluster({ scheduler: new TestScheduler(['worker', '--name', 'w']), options: { name: 'demo', cores: 8, memory: '28GB', processes: 4, walltime: '00:02:00', queue: 'regular', qos: 'high' }, handleExit: false });
    expect(cluster.jobScript()).toMatch(/#SBATCH -p regular\n#SBATCH -n 1\n#SBATCH -N 1\n#SBATCH --cpus-per-task=8\n#SBATCH --mem=27G\n#SBATCH -t 00:02:00\n#SBATCH --qos=high\n[\s\S]*export JQ_JOB_KEY=demo-0\n[\s\S]*worker --name w\n$/);
    await cluster.close();
    expect(() => createSlurmCluster({ scheduler: new TestScheduler(), options: { cores: 1, memory: '1GB', qos: 'a b' }, handleExit: false })).toThrow(ConfigError);
  });
});
