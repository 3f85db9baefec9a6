// Issue 13 on the real SGE of ci/sge: `launch({ placement: 'job' })` runs the cluster's
// manager and engine scheduler in an SGE job of their own, which submits the worker jobs.
// A client in another process maps 1,000 tasks; `close()` leaves none of the cluster's
// jobs in qstat. Then the same launched with `detach: true` from a process that leaves,
// and a second process that attaches and closes.
// Run: flock /tmp/jq-real-batch.lock pnpm --filter @jq/sge test:integration
import { fileURLToPath } from 'node:url';
import { JobQueueCluster } from '@jq/core';
import * as engine from '@jq/engine';
import { requireRealSystem } from '@jq/testkit/real-system';
import { afterEach, describe, it } from 'vitest';
import { expectDetachedPlacedCluster, expectPlacedCluster, type PlacementSystem } from '../../engine/test/helpers/batch-placement.js';
import * as sgeModule from '../src/index.js';
import { liveJobsNamed, realSge, sge } from './sge-system.js';

requireRealSystem(realSge);

const system: PlacementSystem = {
  backend: sgeModule.sgeBackend,
  modules: { '@jq/engine': engine, '@jq/sge': sgeModule },
  launchProgram: fileURLToPath(new URL('./fixtures/launch-owner.ts', import.meta.url)),
  packageDirectory: fileURLToPath(new URL('..', import.meta.url)),
  liveJobsNamed,
};
const names: string[] = [];

afterEach(async () => {
  // A failed test leaves no job behind: only this test's names, worker jobs and manager job.
  for (const name of names.splice(0)) {
    await JobQueueCluster.down(name, { modules: system.modules }).catch(() => undefined);
    for (const jobName of [name, `${name}-manager`]) for (const id of liveJobsNamed(jobName)) sge('qdel', [id]);
  }
}, 180_000);

describe('the engine cluster in an SGE job of its own', () => {
  it('launch({ placement: "job" }): the manager is its own job in qstat, a client in another process maps 1,000 tasks, close() empties the queue', { timeout: 900_000 }, async () => {
    const name = `jq-sge-placed-${process.pid}`;
    names.push(name);
    await expectPlacedCluster(system, name);
  });

  it('launch({ placement: "job", detach: true }) from a process that leaves; a second process attaches, maps 1,000 tasks and closes: queue empty', { timeout: 900_000 }, async () => {
    const name = `jq-sge-detached-${process.pid}`;
    names.push(name);
    await expectDetachedPlacedCluster(system, name);
  });
});
