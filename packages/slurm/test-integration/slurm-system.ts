import { engineClusters, type RealSystem, runOutside } from '@jq/testkit/real-system';
import { createSlurmCluster, type SlurmOptions } from '../src/index.js';

/** Runs a Slurm client command the way a user at a terminal would, outside the cluster. */
export function slurm(program: 'squeue' | 'scancel' | 'sacct', args: string[]): string {
  return runOutside(program, args);
}

/** Ids of this job name's jobs that are still pending, running or completing. */
export function liveJobsNamed(jobName: string): string[] {
  return slurm('squeue', ['--noheader', '--array', '--states=PD,R,CG', `--name=${jobName}`, '--format=%i'])
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The real Slurm that `ci/slurm/up.sh` starts, as the shared harness sees it. */
export const realSlurm: RealSystem = { title: 'Slurm', packageName: '@jq/slurm', probe: ['scontrol', 'ping'], upScript: 'ci/slurm/up.sh', submitProgram: 'sbatch', liveJobsNamed, cancelFromOutside: (id) => void slurm('scancel', [id]) };

/** Clusters on the real Slurm with native workers; `closeEngineClusters` after each test. */
export const { engineCluster, closeEngineClusters } = engineClusters<SlurmOptions>(realSlurm, createSlurmCluster);
