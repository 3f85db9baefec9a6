import { describe, expect, it } from 'vitest';
import { slurmBackend } from '../src/index.js';
import { recorded, statesScenario as jobs } from './fixtures.js';

// Outputs recorded from Slurm 22.05 by fixtures/record-states.sh: held means nobody will
// start the job until someone acts; a job waiting for something that will come is queued.
describe('slurm state rules on recorded outputs', () => {
  const queue = slurmBackend.parseStatus(recorded('squeue-states'), Object.values(jobs));
  const accounting = slurmBackend.parseAccounting!(recorded('sacct-states'), Object.values(jobs));

  it('a job requeued in held state (scontrol requeuehold) is held, with the reason', () => {
    expect(queue.get(jobs.requeued)).toEqual({ state: 'held', native: 'PD', reason: 'job requeued in held state' });
  });

  it('a job waiting for a dependency is queued with the reason; one whose dependency can never be met is held', () => {
    expect(queue.get(jobs.waiting)).toEqual({ state: 'queued', native: 'PD', reason: 'Dependency' });
    expect(queue.get(jobs.never)).toEqual({ state: 'held', native: 'PD', reason: 'DependencyNeverSatisfied' });
  });

  it('a job whose processes outlive the cancel, for KillWait, is completing', () => {
    expect(queue.get(jobs.completing)).toEqual({ state: 'completing', native: 'CG' });
  });

  it('jobs killed by SIGKILL, SIGTERM and for their memory end failed with exit code 0 and their signal apart', () => {
    expect(accounting.get(jobs.killed)).toEqual({ state: 'failed', native: 'FAILED', exitCode: 0, signal: 9 });
    expect(accounting.get(jobs.terminated)).toEqual({ state: 'failed', native: 'FAILED', exitCode: 0, signal: 15 });
    // OverMemoryKill (this Slurm's jobacct_gather) kills with SIGKILL: sacct says FAILED 0:9, not OUT_OF_MEMORY.
    expect(accounting.get(jobs.memoryKilled)).toEqual({ state: 'failed', native: 'FAILED', exitCode: 0, signal: 9 });
    expect(queue.get(jobs.killed)).toEqual({ state: 'failed', native: 'F', reason: 'JobLaunchFailure' });
  });

  it('accounting of a requeued job is not an ending', () => {
    expect(accounting.get(jobs.requeued)).toEqual({ state: 'queued', native: 'REQUEUED', exitCode: 0 });
  });
});
