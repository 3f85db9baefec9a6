import { describe, expect, it } from 'vitest';
import { JobQueueError, resolveOptions } from '@jq/core';
import { slurmBackend, type SlurmResolvedOptions } from '../src/index.js';
import { output, recorded, referenceSample, scenario } from './fixtures.js';

const options = resolveOptions({ name: 'test', cores: 1, memory: '1GB' }, slurmBackend) as SlurmResolvedOptions;

describe('slurm submit', () => {
  it('submits one script with sbatch --parsable, or N tasks as ONE --array', () => {
    expect(slurmBackend.submit('/tmp/s/job.sh', options).argv).toEqual(['sbatch', '--parsable', '--', '/tmp/s/job.sh']);
    expect(slurmBackend.submit('/tmp/s/job.sh', options, { count: 4 }).argv).toEqual(['sbatch', '--parsable', '--array=0-3', '--', '/tmp/s/job.sh']);
  });

  it('keeps the log names out of the command line: the array script carries them', () => {
    const logged = resolveOptions({ name: 't', cores: 1, memory: '1GB', jobName: 'w', logDirectory: '/logs' }, slurmBackend) as SlurmResolvedOptions;
    expect(slurmBackend.submit('/s.sh', logged, { count: 2 }).argv).toEqual(['sbatch', '--parsable', '--array=0-1', '--', '/s.sh']);
    expect(slurmBackend.logFiles?.('7_1', { jobKey: 't-0', pool: 'default', index: 0, body: '', scriptPath: '/s.sh' }, logged)).toEqual({ stdout: '/logs/w-7_1.out', stderr: '/logs/w-7_1.err' });
  });

  it('refuses an empty array', () => {
    expect(() => slurmBackend.submit('/s.sh', options, { count: 0 })).toThrow(/whole number of tasks/);
  });

  it('parses the recorded sbatch --parsable outputs, one id per array task in order', () => {
    expect(slurmBackend.parseSubmit(recorded('sbatch-parsable'))).toEqual([scenario.single]);
    const tasks = slurmBackend.parseSubmit(recorded('sbatch-parsable-array'), { count: 12 });
    expect(tasks).toHaveLength(12);
    expect(tasks[0]).toBe(`${scenario.array}_0`);
    expect(tasks[11]).toBe(`${scenario.array}_11`);
  });

  it('parses every sbatch sample from other projects (id;cluster, "on cluster", sbatch: prefix)', () => {
    const samples = referenceSample('slurm.sbatch.samples.txt')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'));
    const parsed = samples.map((line) => {
      // "<output>  -> <id>  (note)" or "<output>  (note)"; the note is not sbatch output
      const [printed = '', expected] = line.replace(/\s+\([^)]*\)\s*$/, '').split('->').map((part) => part.trim());
      return [slurmBackend.parseSubmit(output(`${printed}\n`))[0], expected?.split(/\s/)[0] ?? /\d+/.exec(printed)?.[0]];
    });
    expect(parsed.length).toBeGreaterThanOrEqual(7);
    for (const [actual, expected] of parsed) expect(actual).toBe(expected);
  });

  it('takes the id after warnings sbatch prints first', () => {
    expect(slurmBackend.parseSubmit(output('sbatch: warning: can not honor --mem with --mem-per-cpu\n4242;cluster2\n'))).toEqual(['4242']);
  });

  it('fails clearly when there is no id', () => {
    const attempt = () => slurmBackend.parseSubmit(output('something else\n'));
    expect(attempt).toThrow(/\[jq\/slurm\] could not find a job id/);
    try {
      attempt();
    } catch (error) {
      expect(JobQueueError.hasCode(error, 'JQ_PARSE_FAILED')).toBe(true);
    }
  });
});
