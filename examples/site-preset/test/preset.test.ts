import type { Preset } from '@jq/core';
import { TestScheduler } from '@jq/core/testing';
import { createSlurmCluster, type SlurmOptions, type slurmBackend } from '@jq/slurm';
import { describe, expect, it } from 'vitest';
import { campusSlurm, campusSlurmGpu } from '../src/index.js';

const cluster = (preset: Preset<typeof slurmBackend>, options: SlurmOptions) =>
  createSlurmCluster({ scheduler: new TestScheduler(), preset, options: { cores: 4, memory: '8GB', ...options }, config: false, handleExit: false });

describe('campus presets', () => {
  it('render the site defaults into the job script', () => {
    const script = cluster(campusSlurmGpu, {}).jobScript();
    expect(script).toContain('#SBATCH -p gpu');
    expect(script).toContain('#SBATCH -A campus-default');
    expect(script).toContain('#SBATCH -t 04:00:00');
    expect(script).toContain('#SBATCH --gpus=a100:1');
    expect(script).toContain('#SBATCH --export=NONE');
    expect(script).toContain('module load nodejs/20');
    expect(script).toContain('export JQ_LOCAL_DIRECTORY="$TMPDIR"');
  });

  it('are checked with the user\'s options: a GPU count of 0 is refused, naming gpus', () => {
    expect(() => cluster(campusSlurmGpu, { gpus: 0 })).toThrow(/gpus/);
  });

  it('lose to the user’s explicit options', () => {
    const script = cluster(campusSlurm, { queue: 'debug', walltime: '00:10:00' }).jobScript();
    expect(script).toContain('#SBATCH -p debug');
    expect(script).toContain('#SBATCH -t 00:10:00');
  });
});
