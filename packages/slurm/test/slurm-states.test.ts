import { describe, expect, it } from 'vitest';
import { jobStates } from '@jq/core';
import { slurmJobState, slurmJobStatus, slurmStateCodes } from '../src/index.js';

/** squeue(1) "JOB STATE CODES" of Slurm 22.05, as printed by `man squeue` on this machine. */
const documented = 'BF CA CD CF CG DL F NF OOM PD PR R RD RF RH RQ RS RV SI SE SO ST S TO'.split(' ');

describe('slurm job states', () => {
  it('maps every documented code', () => {
    expect(slurmStateCodes.map((entry) => entry.code).sort()).toEqual([...documented].sort());
  });

  it.each([
    ['PD', 'PENDING', 'queued'],
    ['CF', 'CONFIGURING', 'queued'],
    ['RQ', 'REQUEUED', 'queued'],
    ['RF', 'REQUEUE_FED', 'queued'],
    ['R', 'RUNNING', 'running'],
    ['RS', 'RESIZING', 'running'],
    ['SI', 'SIGNALING', 'running'],
    ['CG', 'COMPLETING', 'completing'],
    ['SO', 'STAGE_OUT', 'completing'],
    ['CD', 'COMPLETED', 'completed'],
    ['F', 'FAILED', 'failed'],
    ['NF', 'NODE_FAIL', 'failed'],
    ['BF', 'BOOT_FAIL', 'failed'],
    ['SE', 'SPECIAL_EXIT', 'failed'],
    ['CA', 'CANCELLED', 'cancelled'],
    ['RV', 'REVOKED', 'cancelled'],
    ['TO', 'TIMEOUT', 'timeout'],
    ['DL', 'DEADLINE', 'timeout'],
    ['OOM', 'OUT_OF_MEMORY', 'out-of-memory'],
    ['PR', 'PREEMPTED', 'preempted'],
    ['RH', 'REQUEUE_HOLD', 'held'],
    ['RD', 'RESV_DEL_HOLD', 'held'],
    ['S', 'SUSPENDED', 'held'],
    ['ST', 'STOPPED', 'held'],
  ])('%s and %s are %s', (code, name, state) => {
    expect(slurmJobState(code)).toBe(state);
    expect(slurmJobState(name)).toBe(state);
    expect(slurmStateCodes.find((entry) => entry.code === code)).toEqual({ code, name, state });
  });

  it('maps only onto core states', () => {
    for (const entry of slurmStateCodes) expect(jobStates).toContain(entry.state);
  });

  it('reads sacct forms: "CANCELLED by 0", truncated "CANCELLED+", lower case', () => {
    expect(slurmJobState('CANCELLED by 0')).toBe('cancelled');
    expect(slurmJobState('CANCELLED+')).toBe('cancelled');
    expect(slurmJobState('running')).toBe('running');
  });

  it('gives unknown for anything else, including the RUNING typo and empty text', () => {
    for (const word of ['RUNING', 'X', '', 'LAUNCH_FAILED', 'P']) expect(slurmJobState(word)).toBe('unknown');
  });

  it('makes a pending job held only when it waits for someone to act: a hold, a requeue in held state, a dependency never met', () => {
    for (const reason of ['JobHeldUser', 'JobHeldAdmin', 'job requeued in held state', 'DependencyNeverSatisfied']) {
      expect(slurmJobState('PD', reason)).toBe('held');
    }
    for (const reason of ['Priority', 'Resources', 'None', 'BeginTime', 'Dependency']) expect(slurmJobState('PD', reason)).toBe('queued');
    expect(slurmJobState('R', 'JobHeldUser')).toBe('running');
  });

  it('drops the reason "None" and keeps exit code and signal apart', () => {
    expect(slurmJobStatus('CD', 'None', { exitCode: 0 })).toEqual({ state: 'completed', native: 'CD', exitCode: 0 });
    expect(slurmJobStatus(' F ', 'NonZeroExitCode', { exitCode: 3 })).toEqual({ state: 'failed', native: 'F', reason: 'NonZeroExitCode', exitCode: 3 });
    expect(slurmJobStatus('FAILED', undefined, { exitCode: 0, signal: 9 })).toEqual({ state: 'failed', native: 'FAILED', exitCode: 0, signal: 9 });
  });
});
