import { engineClusters, type RealSystem, runOutside } from '@jq/testkit/real-system';
import { createSgeCluster, type SgeOptions, sgeJobEntries } from '../src/index.js';

/** Runs an SGE client command the way a user at a terminal would, outside the cluster. */
export function sge(program: 'qstat' | 'qdel' | 'qacct', args: string[]): string {
  return runOutside(program, args);
}

/**
 * Ids (`123`, `123.4`) of this job name's jobs still in the queue, in any state, every
 * user's. From `qstat -xml -g d`, which lists each array task on its own; plain qstat
 * cuts names to 10 characters.
 */
export function liveJobsNamed(jobName: string): string[] {
  const entries = sgeJobEntries(sge('qstat', ['-xml', '-g', 'd', '-u', '*'])) ?? [];
  return entries.filter((entry) => entry.name === jobName).map((entry) => (entry.tasks === undefined ? entry.jobNumber : `${entry.jobNumber}.${entry.tasks}`));
}

/** The real SGE that `ci/sge/up.sh` starts, as the shared harness sees it. */
export const realSge: RealSystem = {
  title: 'SGE',
  packageName: '@jq/sge',
  probe: ['qstat', '-xml'],
  upScript: 'ci/sge/up.sh',
  submitProgram: 'qsub',
  liveJobsNamed,
  cancelFromOutside: (id) => void sge('qdel', [id]),
};

/** Clusters on the real SGE with native workers; `closeEngineClusters` after each test. */
export const { engineCluster, closeEngineClusters } = engineClusters<SgeOptions>(realSge, createSgeCluster);
