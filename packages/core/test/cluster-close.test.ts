import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobQueueError } from '../src/index.js';
import { fakeCluster } from './support/cluster-fixture.js';

describe('JobQueueCluster.close', () => {
  it('cancels every unfinished job in ONE command, closes the scheduler and removes the scripts', async () => {
    const { cluster, batch, calls, scheduler, clock, scriptDirectory } = fakeCluster();
    await cluster.scale(3);
    batch.end('101', 'CD', 0);
    await cluster.poll();
    await cluster.settled();
    await clock.whilePending(cluster.close());
    expect(calls('fdel')).toEqual([['fdel', '100', '102', '103']]);
    expect(batch.live()).toEqual([]);
    expect(cluster.jobs().map((job) => job.state)).toEqual(['cancelled', 'completed', 'cancelled', 'cancelled']);
    expect(scheduler.closed).toBe(true);
    expect(existsSync(scriptDirectory) ? readdirSync(scriptDirectory) : []).toEqual([]);
    await expect(cluster.scale(1)).rejects.toSatisfy((error: unknown) => JobQueueError.hasCode(error, 'JQ_CLUSTER_CLOSED'));
  });

  it('removes the directory it made, job output included, unless the user chose where files go', async () => {
    const made = fakeCluster({}, {}, { chooseScriptDirectory: false });
    await made.cluster.scale(1);
    const directory = made.cluster.options.scriptDirectory;
    writeFileSync(join(directory, 'test-0.out'), 'worker output');
    await made.clock.whilePending(made.cluster.close());
    expect(existsSync(directory)).toBe(false);
    const chosen = fakeCluster();
    await chosen.cluster.scale(1);
    writeFileSync(join(chosen.scriptDirectory, 'test-0.out'), 'worker output');
    await chosen.clock.whilePending(chosen.cluster.close());
    expect(readdirSync(chosen.scriptDirectory)).toEqual(['test-0.out']);
  });

  it('cancels synchronously through the cluster\'s runner at process exit', async () => {
    const { cluster, runner } = fakeCluster();
    await cluster.scale(2);
    cluster.cancelSynchronously();
    expect(runner.calls.at(-1)?.argv).toEqual(['fdel', '100', '101']);
  });

  it('shows a job script whose scheduler secrets are redacted', () => {
    const { cluster } = fakeCluster({ env: { MY_SETTING: 'visible' } });
    const script = cluster.jobScript();
    expect(script).toContain('export JQ_TEST_SECRET=\\<redacted\\>');
    expect(script).not.toContain('not-a-real-secret');
    expect(script).toContain('export MY_SETTING=visible');
    expect(script).toContain('export JQ_JOB_KEY=test-0');
  });

  it("shows the scheduler's tuning as it is, before its secrets, and the user's env wins over it", () => {
    const { cluster, scheduler } = fakeCluster({ env: { MY_SETTING: 'visible' } });
    Object.assign(scheduler, { workerTuning: () => ({ ALLOCATOR_KNOB: '65536', MY_SETTING: 'tuned' }) });
    const lines = cluster.jobScript().split('\n');
    expect(lines.indexOf('export ALLOCATOR_KNOB=65536')).toBeGreaterThan(-1);
    expect(lines.indexOf('export ALLOCATOR_KNOB=65536')).toBeLessThan(lines.indexOf('export JQ_TEST_SECRET=\\<redacted\\>'));
    expect(lines.filter((line) => line.startsWith('export MY_SETTING='))).toEqual(['export MY_SETTING=visible']);
  });
});
