import { describe, expect, it } from 'vitest';
import { JobQueueError, resolveOptions } from '@jq/core';
import { sgeBackend } from '../src/index.js';
import { output, recorded, referenceSample, scenario } from './fixtures.js';

const options = resolveOptions({ name: 'test', cores: 1, memory: '1GB' }, sgeBackend);

describe('sge submit', () => {
  it('is qsub -terse with the script; an array is ONE qsub -t 1-N', () => {
    expect(sgeBackend.submit('/tmp/s/job.sh', options).argv).toEqual(['qsub', '-terse', '/tmp/s/job.sh']);
    expect(sgeBackend.submit('/tmp/s/job.sh', options, { count: 4 }).argv).toEqual(['qsub', '-terse', '-t', '1-4', '/tmp/s/job.sh']);
  });

  it('keeps a relative script path starting with "-" from being read as an option (qsub has no --)', () => {
    expect(sgeBackend.submit('-x.sh', options).argv.at(-1)).toBe('./-x.sh');
  });

  it('refuses an array of no tasks', () => {
    expect(() => sgeBackend.submit('/tmp/s/job.sh', options, { count: 0 })).toThrow(/whole number of tasks/);
  });

  it('reads the id from real qsub -terse output, and one id per task (1-based) from an array', () => {
    expect(sgeBackend.parseSubmit(recorded('qsub-terse'))).toEqual([scenario.single]);
    expect(recorded('qsub-terse-array').stdout.trim()).toBe(`${scenario.array}.1-8:1`);
    expect(sgeBackend.parseSubmit(recorded('qsub-terse-array'), { count: 8 })).toEqual(
      Array.from({ length: 8 }, (_, offset) => `${scenario.array}.${offset + 1}`),
    );
  });

  it('parses the Nextflow samples: noise lines first, and the non-terse sentences', () => {
    const [noisy, first, second] = referenceSample('sge.qsub.samples.txt').split('# ->').map((part) => part.replace(/^#.*\n/, ''));
    expect(sgeBackend.parseSubmit(output(noisy!))).toEqual(['6472']);
    expect(sgeBackend.parseSubmit(output(first!))).toEqual(['1258076']);
    expect(sgeBackend.parseSubmit(output(second!))).toEqual(['341683']);
    expect(sgeBackend.parseSubmit(output('Your job-array 37.1-3:1 ("w") has been submitted\n'), { count: 3 })).toEqual(['37.1', '37.2', '37.3']);
  });

  it('throws, naming the command, when there is no id', () => {
    for (const stdout of ['', 'Unable to run job: error: no suitable queues\nExiting.\n', '37.x\n']) {
      expect(() => sgeBackend.parseSubmit({ ...output(stdout), argv: ['qsub', '-terse', 'job.sh'] })).toThrow(JobQueueError);
    }
    expect(() => sgeBackend.parseSubmit({ ...output(''), argv: ['qsub', '-terse', 'job.sh'] })).toThrow(/qsub -terse job\.sh/);
  });
});
