import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecaCommandRunner, JobQueueCluster, type JobQueueError } from '@jq/core';
import { ManualClock, RecordingCommandRunner, TestScheduler } from '@jq/core/testing';
import { type BatchEmulator, createPbsEmulator } from '@jq/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pbsBackend } from '../src/index.js';

let emulator: BatchEmulator;
let cluster: JobQueueCluster;
let scriptDirectory: string;
let errors: JobQueueError[];

async function start(options: Record<string, unknown> = {}) {
  emulator = await createPbsEmulator({ flavor: 'pbspro' });
  scriptDirectory = mkdtempSync(join(tmpdir(), 'jq-pbs-faults-'));
  const clock = new ManualClock(Date.now());
  const runner = new RecordingCommandRunner(emulator.wrapRunner(new ExecaCommandRunner()));
  cluster = new JobQueueCluster({
    backend: pbsBackend,
    scheduler: new TestScheduler(['sleep', '30']),
    // 10 s: short enough to test the timeout, long enough that a machine at load ~24 still runs the emulator's qsub and qstat in time (3 s was not).
    options: { name: 'faults', cores: 1, memory: '1GB', scriptDirectory, commandTimeout: 10, lostGracePeriod: 60, ...options },
    runner,
    clock,
    handleExit: false,
  });
  errors = [];
  cluster.on('error', (error) => errors.push(error));
  return { clock, runner };
}

async function runningJob() {
  await vi.waitFor(async () => {
    await cluster.poll();
    expect(cluster.jobs()[0]?.state).toBe('running');
  }, { timeout: 60_000, interval: 50 });
  return cluster.jobs()[0]!;
}

afterEach(async () => {
  await cluster.close();
  await emulator.close();
  rmSync(scriptDirectory, { recursive: true, force: true });
});

describe('PBS through the emulator under injected faults', () => {
  it('retries transient submit errors until qsub succeeds', async () => {
    const { clock, runner } = await start();
    emulator.failSubmits(2);
    let scaled = false;
    const scaling = cluster.scale(1).then(() => (scaled = true));
    await vi.waitFor(async () => {
      await clock.advance(5_000);
      expect(scaled).toBe(true);
    }, { timeout: 60_000, interval: 20 });
    await scaling;
    expect(runner.callsWith('qsub')).toHaveLength(3);
    expect(errors).toEqual([]);
    expect(cluster.jobs().map((job) => job.id)).toEqual(['1.emulator']);
  });

  it('times a hung status command out and keeps the jobs it could not see', async () => {
    await start();
    await cluster.scale(1);
    const job = await runningJob();
    emulator.setStatusMode('hang');
    const started = Date.now();
    await cluster.poll();
    // It returns at the command timeout (the hang itself never ends).
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(errors.map((error) => error.message)).toEqual([expect.stringMatching(/qstat .* timed out after 10 s; job states kept/)]);
    expect(cluster.jobs()[0]).toMatchObject({ id: job.id, state: 'running' });
    emulator.setStatusMode('garbage');
    await cluster.poll();
    expect(errors.at(-1)?.code).toBe('JQ_PARSE_FAILED');
    expect(cluster.jobs()[0]?.state).toBe('running');
  });

  it('reports a vanished job lost only after the grace period, never completed', async () => {
    const { clock } = await start();
    await cluster.scale(1);
    const job = await runningJob();
    emulator.vanish(job.id);
    await cluster.poll();
    expect(cluster.jobs()[0]?.state).toBe('running');
    await clock.advance(61_000);
    await cluster.poll();
    expect(cluster.jobs()[0]).toMatchObject({ id: job.id, state: 'lost', native: 'missing' });
  });
});
