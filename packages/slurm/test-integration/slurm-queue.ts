import { execFileSync } from 'node:child_process';

/** Runs a Slurm client command the way a user at a terminal would, outside the cluster. */
export function slurm(program: 'squeue' | 'scancel' | 'sacct', args: string[]): string {
  return execFileSync(program, args, { encoding: 'utf8', timeout: 30_000 });
}

/** Ids of this job name's jobs that are still pending, running or completing. */
export function liveJobsNamed(jobName: string): string[] {
  return slurm('squeue', ['--noheader', '--array', '--states=PD,R,CG', `--name=${jobName}`, '--format=%i'])
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** True when `ci/slurm/up.sh` has a controller answering. */
export function slurmIsUp(): boolean {
  try {
    execFileSync('scontrol', ['ping'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
