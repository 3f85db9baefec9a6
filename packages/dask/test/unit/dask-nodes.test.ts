import { describe, expect, it } from 'vitest';
import { DaskScheduler } from '../../src/index.js';

describe('jobs of several nodes', () => {
  it('are refused with a ConfigError naming nodes: Dask would give their workers one name', () => {
    const launch = { jobKey: '$JQ_JOB_KEY', pool: 'default', processes: 1, threads: 1, memoryLimit: 0, deathTimeout: 60, extraArgs: [] };
    expect(() => new DaskScheduler().workerCommand({ ...launch, nodes: 2 })).toThrow(expect.objectContaining({ code: 'JQ_CONFIG_INVALID', message: expect.stringMatching(/nodes.*must be 1 with the Dask scheduler/s) }));
    expect(new DaskScheduler().workerCommand({ ...launch, nodes: 1 }).join(' ')).toContain('distributed.cli.dask_worker');
  });
});
