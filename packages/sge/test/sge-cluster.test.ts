import { describe, expect, it } from 'vitest';
import { ConfigError, type CommandResult } from '@jq/core';
import { RecordingCommandRunner, TestScheduler } from '@jq/core/testing';
import { createSgeCluster, sgeBackend } from '../src/index.js';
import { output, recorded } from './fixtures.js';

describe('createSgeCluster', () => {
  it('builds a cluster on the SGE backend whose job script is the dask-jobqueue one plus the worker body', async () => {
    const cluster = createSgeCluster({
      scheduler: new TestScheduler(['worker', '--name', 'w']),
      options: { name: 'demo', cores: 8, memory: '28GB', processes: 4, walltime: '00:02:00', queue: 'all.q', pe: 'smp', project: 'jqtest' },
      runner: new RecordingCommandRunner(),
      handleExit: false,
    });
    expect(cluster.backend).toBe(sgeBackend);
    const script = cluster.jobScript();
    expect(script).toContain('#$ -N jq-worker\n#$ -q all.q\n#$ -P jqtest\n#$ -pe smp 8\n#$ -l h_rt=00:02:00\n#$ -cwd\n#$ -j y\n#$ -S /bin/bash\n');
    expect(script).toContain('export JQ_JOB_KEY=demo-0\n');
    expect(script.trimEnd().endsWith('worker --name w')).toBe(true);
    await cluster.close();
  });

  it('scale(3) submits ONE qsub -t 1-3 and tracks the tasks as <job>.1 … <job>.3 named demo-0 … demo-2', async () => {
    // Answers from recorded output at the process boundary; nothing reaches a real qsub.
    const answers: Record<string, CommandResult> = { qsub: output('77.1-3:1\n'), qstat: recorded('qstat-xml-empty'), qdel: output(''), qacct: recorded('qacct-unknown-name') };
    const runner = new RecordingCommandRunner({ run: async (command) => ({ ...output('', `unexpected ${command.argv[0]}`, 127), argv: command.argv }) });
    runner.respond((command) => answers[command.argv[0] ?? '']);
    const cluster = createSgeCluster({ scheduler: new TestScheduler(), options: { name: 'demo', cores: 1, memory: '1GB' }, runner, handleExit: false });
    await cluster.scale(3);
    expect(runner.callsWith('qsub')).toHaveLength(1);
    expect(runner.callsWith('qsub')[0]?.argv.slice(0, 4)).toEqual(['qsub', '-terse', '-t', '1-3']);
    expect(cluster.jobs().map((job) => [job.id, job.key])).toEqual([['77.1', 'demo-0'], ['77.2', 'demo-1'], ['77.3', 'demo-2']]);
    await cluster.close();
    expect(runner.callsWith('qdel').map((command) => command.argv)).toEqual([['qdel', '77.1', '77.2', '77.3']]);
  });

  it('validates SGE options at construction', () => {
    expect(() => createSgeCluster({ scheduler: new TestScheduler(), options: { cores: 1, memory: '1GB', pe: 'a b' }, handleExit: false })).toThrow(ConfigError);
    expect(() => createSgeCluster({ scheduler: new TestScheduler(), options: { cores: 1, memory: '1GB', jobName: '9lives' }, handleExit: false })).toThrow(/cannot|must not start with a digit/);
  });
});
