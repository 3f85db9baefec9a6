import { describe, expect, it } from 'vitest';
import { boundsInJobs, jobsFor } from '../src/index.js';

const options = { processes: 4, cores: 8, memory: 32e9 };

describe('boundsInJobs', () => {
  it('rounds minimums up and maximums down, for any processes', () => {
    expect(boundsInJobs({ minimum: 5, maximum: 11 }, options)).toEqual({ minimumJobs: 2, maximumJobs: 2 });
    expect(boundsInJobs({ minimumCores: 9, maximumCores: 40 }, options)).toEqual({ minimumJobs: 2, maximumJobs: 5 });
    expect(boundsInJobs({ minimumMemory: '33GB', maximumMemory: '100GB' }, options)).toEqual({ minimumJobs: 2, maximumJobs: 3 });
    expect(boundsInJobs({ maximum: 12, maximumJobs: 2 }, { ...options, processes: 3 })).toEqual({ minimumJobs: 0, maximumJobs: 2 });
    expect(boundsInJobs({}, options)).toEqual({ minimumJobs: 0, maximumJobs: Number.POSITIVE_INFINITY });
  });

  it('refuses contradictory or malformed bounds, naming them', () => {
    expect(() => boundsInJobs({ minimumJobs: 3, maximumCores: 16 }, options)).toThrow(/needs 3 job\(s\) but the maximum allows 2/);
    expect(() => boundsInJobs({ minimum: -1, maximumMemory: 'lots' }, options)).toThrow(/minimum: must be a non-negative integer[\s\S]*maximumMemory: must be a size/);
  });
});

describe('jobsFor', () => {
  it('converts every unit to whole jobs, rounding up', () => {
    expect(jobsFor(5, options)).toBe(2);
    expect(jobsFor({ workers: 8 }, options)).toBe(2);
    expect(jobsFor({ jobs: 3 }, options)).toBe(3);
    expect(jobsFor({ cores: 9 }, options)).toBe(2);
    expect(jobsFor({ memory: '64GB' }, options)).toBe(2);
    expect(jobsFor({ memory: 0 }, options)).toBe(0);
  });

  it('refuses bad requests', () => {
    expect(() => jobsFor(-1, options)).toThrow(/scale.workers: must be a non-negative integer/);
    expect(() => jobsFor({ gpus: 2 } as never, options)).toThrow(/one of/);
  });
});
