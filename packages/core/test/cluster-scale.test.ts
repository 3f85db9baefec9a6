import { describe, expect, it } from 'vitest';
import { JobQueueError, type JobInfo, type ScaleChange } from '../src/index.js';
import { fakeCluster } from './support/cluster-fixture.js';

describe('JobQueueCluster.scale', () => {
  it('submits N jobs as ONE array and tracks each under its job key', async () => {
    const { cluster, calls } = fakeCluster();
    const submitted: JobInfo[] = [];
    const scales: ScaleChange[] = [];
    cluster.on('job-submitted', (job) => submitted.push(job));
    cluster.on('scale', (change) => scales.push(change));
    await cluster.scale(3);
    expect(calls('fsub')).toHaveLength(1);
    expect(calls('fsub')[0]).toContain('--array');
    expect(cluster.jobs().map((job) => [job.key, job.id, job.pool, job.state])).toEqual([
      ['test-0', '100', 'default', 'queued'],
      ['test-1', '101', 'default', 'queued'],
      ['test-2', '102', 'default', 'queued'],
    ]);
    expect(submitted.map((job) => job.key)).toEqual(['test-0', 'test-1', 'test-2']);
    expect(scales).toEqual([{ pool: 'default', jobs: 3, previous: 0 }]);
    expect(cluster.targetJobs()).toBe(3);
  });

  it('rounds workers up to whole jobs and reads jobs, cores and memory', async () => {
    const { cluster } = fakeCluster({ cores: 4, memory: '8GB', processes: 2 });
    await cluster.scale(3);
    expect(cluster.targetJobs()).toBe(2);
    await cluster.scale({ cores: 9 });
    expect(cluster.targetJobs()).toBe(3);
    await cluster.scale({ memory: '16GB' });
    expect(cluster.targetJobs()).toBe(2);
  });

  it('scales down queued jobs first, newest first, in ONE cancel', async () => {
    const { cluster, batch, calls, clock } = fakeCluster();
    await cluster.scale(4);
    batch.set('100', 'R');
    await cluster.poll();
    await clock.whilePending(cluster.scale(1));
    expect(calls('fdel')).toEqual([['fdel', '103', '102', '101']]);
    expect(cluster.jobs().filter((job) => !job.releasing).map((job) => job.key)).toEqual(['test-0']);
  });

  it('among running jobs releases those whose workers hold the fewest tasks, retiring them first', async () => {
    const { cluster, batch, scheduler, clock, calls } = fakeCluster();
    await cluster.scale(2);
    for (const id of ['100', '101']) batch.set(id, 'R');
    scheduler.connect('test-0', 0, 5);
    scheduler.connect('test-1', 0, 1);
    await clock.whilePending(cluster.scale(1));
    expect(scheduler.retired).toEqual(['test-1-0']);
    expect(calls('fdel')).toEqual([['fdel', '101']]);
  });

  it('marks a queued job running when its worker connects, with the host', async () => {
    const { cluster, scheduler } = fakeCluster();
    await cluster.scale(1);
    const states: string[] = [];
    cluster.on('job-state', (job, previous) => states.push(`${previous}→${job.state} (${job.reason})`));
    scheduler.connect('test-0');
    expect(states).toEqual(['queued→running (a worker connected)']);
    expect(cluster.jobs()[0]?.startedAt).toBeDefined();
  });

  it('rejects with the batch system\'s stderr on a permanent refusal, once, and never loops', async () => {
    const { cluster, batch, calls, clock } = fakeCluster();
    batch.fail('fsub', { stderr: 'fsub: error: invalid partition specified: nope' });
    const errors: JobQueueError[] = [];
    cluster.on('error', (error) => errors.push(error));
    const failure = await cluster.scale(2).catch((error: unknown) => error);
    expect(JobQueueError.hasCode(failure, 'JQ_SUBMIT_FAILED')).toBe(true);
    expect((failure as Error).message).toMatch(/\[jq\/fake\] could not submit test-0: .*exited with 1: fsub: error: invalid partition specified: nope/);
    await clock.advance(600_000);
    await cluster.settled();
    expect(calls('fsub')).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(cluster.jobs()).toEqual([]);
  });

  it('rejects at once, without retries, when the submit command is not installed', async () => {
    const { cluster, batch, calls } = fakeCluster();
    batch.fail('fsub', { exitCode: undefined, stderr: 'spawn fsub ENOENT', missingCommand: true }, 10);
    const failure = await cluster.scale(1).catch((error: unknown) => error);
    expect(JobQueueError.hasCode(failure, 'JQ_COMMAND_NOT_FOUND')).toBe(true);
    expect((failure as Error).message).toBe('[jq/fake] fsub not found on PATH — is this a Fake login node?');
    expect(calls('fsub')).toHaveLength(1);
  });

  it('retries a transient failure with backoff, rejects when nothing was submitted, then keeps trying in the background', async () => {
    const { cluster, batch, calls, clock } = fakeCluster({ commandAttempts: 2 });
    batch.fail('fsub', { stderr: 'fsub: controller busy' }, 2);
    const failure = await clock.whilePending(cluster.scale(1).catch((error: unknown) => error), 250);
    expect(JobQueueError.hasCode(failure, 'JQ_SUBMIT_FAILED')).toBe(true);
    expect((failure as Error).message).toMatch(/busy \(after 2 tries\)|controller busy/);
    expect(calls('fsub')).toHaveLength(2);
    await clock.advance(1_000);
    await cluster.settled();
    expect(calls('fsub')).toHaveLength(3);
    expect(cluster.jobs()).toHaveLength(1);
  });

  it('replaces a job that ends on its own: at once the first time, after a backoff when it keeps failing', async () => {
    const { cluster, batch, calls, clock } = fakeCluster();
    await cluster.scale(1);
    batch.end('100', 'F', 3);
    await cluster.poll();
    await cluster.settled();
    expect(cluster.jobs()[0]).toMatchObject({ state: 'failed', exitCode: 3 });
    expect(calls('fsub')).toHaveLength(2);
    batch.end('101', 'F', 3);
    await cluster.poll();
    await cluster.settled();
    expect(calls('fsub')).toHaveLength(2);
    await clock.advance(1_000);
    await cluster.settled();
    expect(calls('fsub')).toHaveLength(3);
  });

  it('sizes named pools, each rendered with its own options', async () => {
    const { cluster, calls, runner } = fakeCluster({}, { pools: { cpu: { cores: 2 }, gpu: { partition: 'gpu' } } });
    await cluster.scale({ gpu: 2 });
    expect(calls('fsub')).toHaveLength(1);
    expect(cluster.jobs().map((job) => job.pool)).toEqual(['gpu', 'gpu']);
    expect(cluster.jobScript('gpu')).toContain('#FAKE -p gpu');
    expect(cluster.jobScript('cpu')).toContain('#FAKE -c 2');
    expect(runner.calls).toHaveLength(1);
    expect(() => cluster.jobScript('nope')).toThrow(/no pool named "nope" \(pools: cpu, gpu\)/);
    await expect(cluster.scale(2)).rejects.toThrow(/scale: must name the pool to scale: \{ cpu: n, gpu: n \}/);
    await expect(cluster.scale({ nope: 1 })).rejects.toThrow(/scale\.nope: must name pools of this cluster \(cpu, gpu\)/);
  });

  it('refuses a cluster option inside a pool and reports every pool\'s problems at once', () => {
    expect(() => fakeCluster({}, { pools: { a: { pollInterval: 1, cores: 0 }, jobs: {} } })).toThrow(
      /pools\.a\.pollInterval: is a cluster option[\s\S]*pools\.a\.cores: must be >= 1[\s\S]*pools\.jobs: must be a plain name/,
    );
  });
});
