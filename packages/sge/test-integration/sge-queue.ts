import { execFileSync } from 'node:child_process';

/** Runs an SGE client command the way a user at a terminal would, outside the cluster. */
export function sge(program: 'qstat' | 'qdel' | 'qacct', args: string[]): string {
  return execFileSync(program, args, { encoding: 'utf8', timeout: 30_000 });
}

/**
 * Ids (`123`, `123.4`) of this job name's jobs still in the queue, in any state. From
 * `qstat -xml -g d`, which lists each array task on its own; plain qstat cuts names
 * to 10 characters.
 */
export function liveJobsNamed(jobName: string): string[] {
  const ids: string[] = [];
  for (const [, block = ''] of sge('qstat', ['-xml', '-g', 'd', '-u', '*']).matchAll(/<job_list\b[^>]*>([\s\S]*?)<\/job_list>/g)) {
    if (/<JB_name>([^<]*)<\/JB_name>/.exec(block)?.[1] !== jobName) continue;
    const number = /<JB_job_number>(\d+)<\/JB_job_number>/.exec(block)?.[1];
    const task = /<tasks>(\d+)<\/tasks>/.exec(block)?.[1];
    if (number !== undefined) ids.push(task === undefined ? number : `${number}.${task}`);
  }
  return ids;
}

/** True when `ci/sge/up.sh` has a qmaster answering. */
export function sgeIsUp(): boolean {
  try {
    execFileSync('qstat', ['-xml'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
