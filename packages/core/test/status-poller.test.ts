import { describe, expect, it } from 'vitest';
import type { JobQueueError } from '../src/index.js';
import { fakeCluster } from './support/cluster-fixture.js';

describe('status poller', () => {
  it('asks with ONE status command per poll, whatever the number of jobs', async () => {
    const { cluster, calls } = fakeCluster();
    await cluster.scale(5);
    await cluster.poll();
    expect(calls('fstat')).toEqual([['fstat', '100', '101', '102', '103', '104']]);
  });

  it('carries the batch system\'s reason and asks accounting, once, how jobs that left the queue ended', async () => {
    const { cluster, batch, calls } = fakeCluster();
    await cluster.scale(3);
    batch.set('100', 'PD', 'Resources');
    batch.end('101', 'CD', 0);
    batch.end('102', 'F', 3);
    await cluster.poll();
    expect(calls('facct')).toEqual([['facct', '101', '102']]);
    expect(cluster.jobs().map((job) => [job.state, job.reason ?? job.exitCode])).toEqual([
      ['queued', 'Resources'],
      ['completed', 0],
      ['failed', 3],
    ]);
  });

  it('never calls a vanished job completed: lost after the grace period', async () => {
    const { cluster, batch, clock } = fakeCluster({ lostGracePeriod: 30 });
    await cluster.scale(1);
    batch.vanish('100');
    await cluster.poll();
    expect(cluster.jobs()[0]?.state).toBe('queued');
    await clock.advance(31_000);
    await cluster.poll();
    expect(cluster.jobs()[0]).toMatchObject({ state: 'lost', reason: 'absent from the queue and accounting for 30 s' });
  });

  it('keeps every state when the status command fails, reports it, and backs off ×2 (×1.5 when quiet)', async () => {
    const { cluster, batch, clock, calls } = fakeCluster({ pollInterval: 2, maxPollInterval: 30 });
    await cluster.scale(1);
    batch.set('100', 'R');
    batch.fail('fstat', { stderr: 'fstat: controller busy' });
    const errors: JobQueueError[] = [];
    cluster.on('error', (error) => errors.push(error));
    await cluster.poll();
    expect(cluster.jobs()[0]?.state).toBe('queued');
    expect(errors[0]?.message).toMatch(/\[jq\/fake\] `fstat 100` exited with 1: fstat: controller busy/);
    const before = calls('fstat').length;
    await clock.advance(3_999);
    expect(calls('fstat')).toHaveLength(before);
    await clock.advance(1);
    expect(calls('fstat')).toHaveLength(before + 1);
    expect(cluster.jobs()[0]?.state).toBe('running');
    await clock.advance(2_000);
    expect(calls('fstat')).toHaveLength(before + 2);
    await clock.advance(2_999);
    expect(calls('fstat')).toHaveLength(before + 2);
    await clock.advance(1);
    expect(calls('fstat')).toHaveLength(before + 3);
  });

  it('reports a parse failure without touching states', async () => {
    const { cluster, batch } = fakeCluster();
    await cluster.scale(1);
    batch.fail('fstat', { exitCode: 0, stdout: 'garbage\n' });
    const errors: JobQueueError[] = [];
    cluster.on('error', (error) => errors.push(error));
    await cluster.poll();
    expect(errors.map((error) => [error.code, error.message])).toEqual([['JQ_PARSE_FAILED', '[jq/fake] could not parse status output: garbled line "garbage"']]);
    expect(cluster.jobs()[0]?.state).toBe('queued');
  });
});
