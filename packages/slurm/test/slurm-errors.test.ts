import { describe, expect, it } from 'vitest';
import { resolveOptions } from '@jq/core';
import { slurmBackend, type SlurmResolvedOptions } from '../src/index.js';
import { output, recorded } from './fixtures.js';

const options = resolveOptions({ name: 'test', cores: 1, memory: '1GB' }, slurmBackend) as SlurmResolvedOptions;

// Every recorded failure is classified by the conformance suite (fixtures/slurm-fixtures.ts).
describe('slurm error classification', () => {
  it('keeps the messages users need to see', () => {
    expect(recorded('sbatch-invalid-partition').stderr).toContain('Invalid partition name specified');
    expect(recorded('sbatch-too-much-memory').stderr).toContain('Requested node configuration is not available');
  });

  it('retries what the controller says of passing trouble, and shows its refusals at once', () => {
    const passing = [
      'sbatch: error: Batch job submission failed: Socket timed out on send/recv operation',
      'squeue: error: slurm_receive_msg: Zero Bytes were transmitted or received',
      'sbatch: error: Slurm temporarily unable to accept job, sleeping and retrying',
      'sbatch: error: Batch job submission failed: Resource temporarily unavailable',
      'slurm_load_jobs error: Communication connection failure',
    ];
    expect(new Set(passing.map((stderr) => slurmBackend.classifyError(output('', stderr, 1))))).toEqual(new Set(['transient']));
    expect(slurmBackend.classifyError(output('', 'sbatch: error: Invalid qos specification', 1))).toBe('permanent');
  });
});

describe('slurm cancel', () => {
  it('cancels every id in ONE scancel, array tasks singly, duplicates once', () => {
    expect(slurmBackend.cancel(['5', '6_3', '6_4', '5'], options).argv).toEqual(['scancel', '5', '6_3', '6_4']);
    expect(recorded('scancel-array-tasks').argv.slice(1)).toHaveLength(2);
    expect(recorded('scancel-array-tasks').exitCode).toBe(0);
  });

  it('refuses option-looking or malformed ids', () => {
    expect(() => slurmBackend.cancel(['--user=root'], options)).toThrow(/not Slurm job ids/);
    expect(() => slurmBackend.cancel(['5 6'], options)).toThrow(/not Slurm job ids/);
    expect(() => slurmBackend.cancel(['6_[1-3]'], options)).toThrow(/not Slurm job ids/);
  });
});
