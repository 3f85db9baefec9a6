import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AnyBackend, type JobInfo, JobQueueCluster, type SchedulerV1, isTerminalState } from '@jq/core';
import { TestScheduler } from '@jq/core/testing';
import { check, show } from './conformance-error.js';
import type { BackendFactory, ConformanceOptions, EndToEndEnvironment, TestFunction } from './suite-types.js';

// Fast polling and a short grace period keep each test to a few seconds.
const timing = { pollInterval: 0.2, maxPollInterval: 0.5, lostGracePeriod: 0.5, commandTimeout: 10, commandAttempts: 3 };

interface Run {
  backend: AnyBackend;
  cluster: JobQueueCluster;
  environment: EndToEndEnvironment;
}

/**
 * End to end, through the real JobQueueCluster against an emulator or a real system:
 * submit → running → cancel → gone, a failing job, and a vanished job reported `lost`.
 */
export function endToEndTests(test: TestFunction, factory: BackendFactory, suite: ConformanceOptions): void {
  const setup = suite.endToEnd;
  if (!setup) return;
  const timeout = setup.timeoutMs ?? 60_000;
  // A test waits up to `timeout` more than once (start, end, status) and also starts and closes
  // its cluster: its own bound must cover all of it, or a loaded machine fails it mid-wait.
  const testBound = 3 * timeout + 30_000;

  const withCluster = async (scheduler: SchedulerV1, body: (run: Run) => Promise<void>) => {
    const backend = factory();
    const environment = await setup.environment();
    const scriptDirectory = mkdtempSync(join(tmpdir(), 'jq-conformance-e2e-'));
    const options = { ...suite.options, ...timing, name: 'conformance', scriptDirectory, ...environment.options };
    const cluster = new JobQueueCluster({ backend, scheduler, options, runner: environment.runner, handleExit: false });
    cluster.on('error', () => undefined);
    try {
      await body({ backend, cluster, environment });
    } finally {
      await cluster.close().catch(() => undefined);
      await environment.teardown();
      rmSync(scriptDirectory, { recursive: true, force: true });
    }
  };

  test('[end-to-end] submit → running → cancel → gone', async () => {
    await withCluster(new TestScheduler(['sleep', '30']), async ({ backend, cluster, environment }) => {
      await cluster.scale(1);
      const job = await until(backend, cluster, (current) => current.state === 'running', 'the job to be running', timeout);
      await cluster.scale(0);
      const ended = await until(backend, cluster, (current) => isTerminalState(current.state), 'the cancelled job to end', timeout);
      check(backend.name, ended.state === 'cancelled', `a job the cluster cancelled must end "cancelled", got ${show(ended)}`);
      const result = await environment.runner.run(backend.status([job.id], cluster.options), { timeoutMs: 10_000 });
      const status = backend.parseStatus(result, [job.id]).get(job.id);
      check(backend.name, status === undefined || isTerminalState(status.state), `after cancel the system must no longer run ${job.id}, status says ${show(status)}`);
    });
  }, testBound);

  const scheduler = setup.scheduler;
  if (scheduler) {
    test("[end-to-end] the job's workers connect to the scheduler and leave on scale-down", async () => {
      await withCluster(scheduler('long-running'), async ({ backend, cluster }) => {
        await cluster.scale(1);
        await until(backend, cluster, () => cluster.workers().some((worker) => worker.jobKey === 'conformance-0'), 'a worker of job conformance-0 to connect', timeout);
        await cluster.scale(0);
        // Retired workers exit, so the job may end on its own before the cancel lands.
        const ended = await until(backend, cluster, (current) => isTerminalState(current.state), 'the released job to end', timeout);
        check(backend.name, ended.state === 'cancelled' || ended.state === 'completed', `a released job must end "cancelled" or "completed", got ${show(ended)}`);
        check(backend.name, cluster.workers().length === 0, `no worker may stay connected after its job ended, got ${show(cluster.workers())}`);
      });
    }, testBound);
  }

  test('[end-to-end] a failing job ends failed with its exit code', async () => {
    await withCluster(new TestScheduler(['sh', '-c', 'exit 3']), async ({ backend, cluster }) => {
      await cluster.scale(1);
      const ended = await until(backend, cluster, (current) => isTerminalState(current.state), 'the failing job to end', timeout);
      check(backend.name, ended.state === 'failed', `a job whose script exits 3 must end "failed", got ${show(ended)}`);
      check(backend.name, ended.exitCode === undefined || ended.exitCode === 3, `the failing job's exit code must be 3 when reported, got ${show(ended.exitCode)}`);
    });
  }, testBound);

  if (setup.vanishing === false) return;
  test('[end-to-end] a job that vanishes from the system is reported lost, never completed', async () => {
    await withCluster(new TestScheduler(['sleep', '30']), async ({ backend, cluster, environment }) => {
      check(backend.name, environment.vanish, 'the end-to-end environment has no vanish(id); provide one, or set endToEnd.vanishing: false when the system cannot lose a job');
      await cluster.scale(1);
      const job = await until(backend, cluster, (current) => current.state === 'running', 'the job to be running', timeout);
      await environment.vanish(job.id);
      const ended = await until(backend, cluster, (current) => current.id === job.id && isTerminalState(current.state), 'the vanished job to be resolved', timeout);
      check(backend.name, ended.state === 'lost', `a job gone from the system without a trace must be "lost", got ${show(ended)}`);
    });
  }, testBound);
}

/** Polls the cluster until its first job satisfies `condition`; fails with what it saw. */
async function until(backend: AnyBackend, cluster: JobQueueCluster, condition: (job: JobInfo) => boolean, what: string, timeout: number): Promise<JobInfo> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const job = cluster.jobs()[0];
    if (job && condition(job)) return job;
    check(backend.name, Date.now() < deadline, `timed out after ${timeout} ms waiting for ${what}; jobs: ${show(cluster.jobs())}`);
    await cluster.poll();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
