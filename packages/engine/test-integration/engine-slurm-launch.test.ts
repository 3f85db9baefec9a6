// Issue 13 on the real Slurm of ci/slurm: `launch({ placement: 'job' })` puts the cluster's
// manager and engine scheduler in a batch job of their own; the launching process leaves, a
// client that knows only the cluster's name maps 1,000 tasks on the worker jobs, and
// `down(name)` ends everything: the queue holds none of its jobs after.
// Run: flock /tmp/jq-real-batch.lock pnpm --filter @jq/engine test:integration
import { execFileSync } from 'node:child_process';
import { JobQueueCluster, RemoteCluster } from '@jq/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as slurm from '../../slurm/src/index.js';
import * as engine from '../src/index.js';
import { Client } from '../src/index.js';
import { exited } from '../test/helpers/engine-harness.js';
import { startOwner } from '../test/helpers/owner-process.js';

const name = `jq-engine-launch-${process.pid}`;
const modules = { '@jq/engine': engine, '@jq/slurm': slurm };
let jobIds: string[] = [];

function queued(ids: string[]): string[] {
  if (ids.length === 0) return [];
  const lines = execFileSync('squeue', ['--noheader', '--format=%i', `--jobs=${ids.join(',')}`], { encoding: 'utf8' }).split('\n');
  return lines.map((line) => line.trim()).filter((line) => ids.includes(line));
}

afterAll(async () => {
  // A failed run leaves no job behind (only ids this test submitted).
  await JobQueueCluster.down(name, { modules }).catch(() => undefined);
  if (queued(jobIds).length > 0) execFileSync('scancel', jobIds);
}, 120_000);

describe('the engine cluster in a Slurm job of its own', () => {
  it('launch({ placement: "job", detach: true }) → Client.connect({ cluster }) → 1,000-task map → down(name) → queue empty', async () => {
    const { child, report } = await startOwner(name, 'launch', 'slurm', 230_000);
    expect(await exited(child)).toBe(0);
    expect(report.manager?.placement).toBe('job');
    jobIds = [report.manager!.id, ...report.jobs];
    // The manager is a job of its own, next to the two worker jobs.
    expect(queued(jobIds).sort()).toEqual([...jobIds].sort());

    const remote = await JobQueueCluster.attach(name, { modules, handleExit: false });
    expect(remote).toBeInstanceOf(RemoteCluster);
    const client = await Client.connect({ cluster: name });
    expect(client.scheduler.workers()).toHaveLength(2);
    const results = await client.gather(client.map((value: number) => value * 2, Array.from({ length: 1000 }, (_, index) => index)));
    expect(results.reduce((sum, value) => sum + value, 0)).toBe(999_000);
    await client.close();

    const down = await JobQueueCluster.down(name, { modules });
    expect(down.closedByOwner).toBe(true);
    await vi.waitFor(() => expect(queued(jobIds)).toEqual([]), { timeout: 90_000, interval: 1000 });
  });
});
