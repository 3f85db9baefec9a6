// Issue 13 on the real Slurm of ci/slurm: the owner of an engine cluster (scheduler in its
// process, 4 worker jobs) is SIGKILLed and a process that knows only the cluster's name
// takes it over; past the workers' death timeout, attach reports the cluster dead and
// cleans up without cancelling anything it did not submit.
// Run: flock /tmp/jq-real-batch.lock pnpm --filter @jq/slurm test:integration
import { fileURLToPath } from 'node:url';
import { JobQueueCluster } from '@jq/core';
import { requireRealSystem, runOutside } from '@jq/testkit/real-system';
import { afterEach, describe, it } from 'vitest';
import * as engine from '@jq/engine';
import { expectDeadClusterReported, expectTakeoverWithinDeathTimeout, killOwners, type TakeoverSystem } from '../../engine/test/helpers/batch-takeover.js';
import * as slurmModule from '../src/index.js';
import { liveJobsNamed, realSlurm, slurm } from './slurm-system.js';

requireRealSystem(realSlurm);

const system: TakeoverSystem = {
  submitProgram: 'sbatch',
  cancelProgram: 'scancel',
  modules: { '@jq/engine': engine, '@jq/slurm': slurmModule },
  ownerProgram: fileURLToPath(new URL('./fixtures/takeover-owner.ts', import.meta.url)),
  packageDirectory: fileURLToPath(new URL('..', import.meta.url)),
  liveJobsNamed,
  submitBystander: (jobName) =>
    runOutside('sbatch', ['--parsable', `--job-name=${jobName}`, '--cpus-per-task=1', '--mem=100M', '--time=00:10:00', '--output=/dev/null', '--wrap=sleep 600']).trim().split(';')[0]!,
};

const names: string[] = [];
afterEach(async () => {
  // A failed test leaves neither its owner nor its jobs (only those named after it) behind.
  killOwners();
  for (const name of names.splice(0)) {
    await JobQueueCluster.down(name, { modules: system.modules }).catch(() => undefined);
    for (const jobName of [name, `${name}-bystander`]) if (liveJobsNamed(jobName).length > 0) slurm('scancel', [`--name=${jobName}`]);
  }
}, 180_000);

describe('an engine cluster on Slurm outlives its SIGKILLed owner', () => {
  it('within the death timeout: attach(name) restarts the scheduler on the journaled address and secret, the 4 workers reconnect, 1,000 tasks, close → queue empty', { timeout: 600_000 }, async () => {
    const name = `jq-takeover-${process.pid}`;
    names.push(name);
    const { attachSeconds } = await expectTakeoverWithinDeathTimeout(system, name, 180);
    console.info(`[slurm-takeover] attached ${attachSeconds.toFixed(1)} s after the kill`);
  });

  it('past the death timeout: the workers have exited, attach(name) says the cluster is dead, removes its journal, cancels nothing', { timeout: 600_000 }, async () => {
    const name = `jq-dead-${process.pid}`;
    names.push(name);
    const { goneSeconds } = await expectDeadClusterReported(system, name, 20);
    console.info(`[slurm-takeover] the workers' jobs left the queue ${goneSeconds.toFixed(1)} s after the kill`);
  });
});
