// Reliability of a PBS cluster when the batch system misbehaves, through the testkit
// emulator (jobs are real processes): transient qsub/qstat failures while scaling up and
// down, a qstat that hangs while adapt runs, and jobs the server loses. The cluster must
// converge, lose and duplicate nothing, and leave no job process behind after close.
// pbs-faults.test.ts covers the single faults in isolation; these combine them with scaling.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecaCommandRunner, isTerminalState, JobQueueCluster, type JobQueueError } from '@jq/core';
import { ManualClock, RecordingCommandRunner, TestScheduler } from '@jq/core/testing';
import { type BatchEmulator, createPbsEmulator, type PbsFlavor } from '@jq/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pbsBackend, torqueBackend } from '../src/index.js';

let emulator: BatchEmulator | undefined;
let cluster: JobQueueCluster | undefined;
let scriptDirectory: string | undefined;

afterEach(async () => {
  await cluster?.close();
  await emulator?.close();
  if (scriptDirectory) rmSync(scriptDirectory, { recursive: true, force: true });
  cluster = emulator = scriptDirectory = undefined;
});

async function start(flavor: PbsFlavor, options: Record<string, unknown> = {}) {
  const started = await createPbsEmulator({ flavor });
  emulator = started;
  scriptDirectory = mkdtempSync(join(tmpdir(), 'jq-pbs-reliability-'));
  const clock = new ManualClock(Date.now());
  const runner = new RecordingCommandRunner(started.wrapRunner(new ExecaCommandRunner()));
  const scheduler = new TestScheduler(['sleep', '120']);
  const created = new JobQueueCluster({
    backend: flavor === 'pbspro' ? pbsBackend : torqueBackend,
    scheduler,
    options: { name: 'reliable', cores: 1, memory: '1GB', scriptDirectory, commandTimeout: 20, lostGracePeriod: 30, ...options },
    runner,
    clock,
    handleExit: false,
  });
  cluster = created;
  const errors: JobQueueError[] = [];
  created.on('error', (error) => errors.push(error));
  return { emulator: started, cluster: created, clock, runner, scheduler, errors };
}

/** Awaits `work` while moving the manual clock, so retry backoffs and poll timers run. */
async function whileTimePasses<T>(clock: ManualClock, work: Promise<T>): Promise<T> {
  let settled = false;
  const tracked = work.finally(() => (settled = true));
  await vi.waitFor(async () => {
    await clock.advance(2_000);
    expect(settled).toBe(true);
  }, { timeout: 60_000, interval: 20 });
  return tracked;
}

/** Polls until `check` passes: jobs are real processes starting and stopping at their own pace. */
function pollUntil(target: JobQueueCluster, check: () => void): Promise<void> {
  return vi.waitFor(async () => {
    await target.poll();
    check();
  }, { timeout: 60_000, interval: 50 });
}

const live = (target: JobQueueCluster) => target.jobs().filter((job) => !isTerminalState(job.state));
const running = (target: JobQueueCluster) => target.jobs().filter((job) => job.state === 'running');
/** Jobs (array tasks, not their parents) the emulated server runs now. */
const serverRunning = (server: BatchEmulator) => server.jobs().filter((job) => !job.isArrayParent && job.state === 'running').map((job) => job.id).sort();

function groupAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.each(['pbspro', 'torque'] as const)('%s cluster under transient failures while scaling', (flavor) => {
  it('converges up and down with nothing lost or duplicated, and leaves no process after close', async () => {
    const { emulator: server, cluster: pool, clock, runner, errors } = await start(flavor);

    server.failSubmits(2);
    server.failStatus(3);
    await whileTimePasses(clock, pool.scale({ jobs: 4 }));
    await pollUntil(pool, () => expect(running(pool)).toHaveLength(4));
    // Failed qsub calls created nothing: the server runs exactly the jobs the cluster tracks.
    expect(pool.jobs()).toHaveLength(4);
    expect(new Set(pool.jobs().map((job) => job.id)).size).toBe(4);
    expect(serverRunning(server)).toEqual(pool.jobs().map((job) => job.id).sort());

    server.failStatus(2);
    await whileTimePasses(clock, pool.scale({ jobs: 1 }));
    await pollUntil(pool, () => expect(live(pool)).toHaveLength(1));
    expect(pool.jobs().filter((job) => job.state === 'cancelled')).toHaveLength(3);
    await vi.waitFor(() => expect(serverRunning(server)).toEqual(live(pool).map((job) => job.id)), { timeout: 60_000, interval: 50 });

    server.failSubmits(1);
    server.failStatus(1);
    await whileTimePasses(clock, pool.scale({ jobs: 3 }));
    await pollUntil(pool, () => expect(running(pool)).toHaveLength(3));
    expect(pool.jobs()).toHaveLength(6);
    expect(serverRunning(server)).toEqual(running(pool).map((job) => job.id).sort());
    expect(pool.jobs().some((job) => job.state === 'lost' || job.state === 'failed')).toBe(false);
    // Every reported error is a failed command, none is a parse error or a refusal.
    expect(errors.map((error) => error.code).filter((code) => code !== 'JQ_COMMAND_FAILED')).toEqual([]);
    // One array qsub per scale-up (4 jobs, then 2 more), plus one call per injected failure.
    expect(runner.callsWith('qsub')).toHaveLength(2 + 1 + 2);

    const processGroups = server.jobs().map((job) => job.pid);
    await pool.close();
    await vi.waitFor(() => expect(processGroups.filter(groupAlive)).toEqual([]), { timeout: 60_000, interval: 50 });
    expect(server.jobs().filter((job) => !job.isArrayParent && job.state !== 'finished')).toEqual([]);
  });
});

describe('pbspro cluster with adapt', () => {
  // A hung qstat costs the command timeout in real time, three times over: a longer ceiling.
  it('a hanging qstat declares no job dead and submits nothing extra', { timeout: 300_000 }, async () => {
    // A timeout short enough to keep the test quick but long enough that a busy machine's answering
    // qstat never reaches it (at load 30 on 2 cores the emulator's qsub took over 5 s).
    const { emulator: server, cluster: pool, clock, runner, scheduler, errors } = await start('pbspro', { commandTimeout: 20, lostGracePeriod: 5 });
    scheduler.target = 2;
    const adaptive = pool.adapt({ minimum: 0, maximum: 4, interval: 1 })!;
    await whileTimePasses(clock, adaptive.tick());
    await pollUntil(pool, () => expect(running(pool)).toHaveLength(2));
    const submits = runner.callsWith('qsub').length;
    const before = pool.jobs().map((job) => [job.id, job.state]);

    server.setStatusMode('hang');
    for (let round = 0; round < 3; round += 1) {
      await pool.poll();
      await adaptive.tick();
      // Far past lostGracePeriod: an unanswered qstat must not count as "left the queue".
      await clock.advance(10_000);
    }
    // The hung qstat's errors; on a busy machine another command may time out beside them, which is not this test's subject.
    const statusErrors = errors.filter((error) => /qstat/.test(error.message));
    expect(statusErrors.length, errors.map((error) => error.message).join('\n')).toBeGreaterThanOrEqual(3);
    expect(statusErrors.every((error) => error.code === 'JQ_COMMAND_FAILED' && /timed out/.test(error.message)), statusErrors.map((error) => error.message).join('\n')).toBe(true);
    expect(pool.jobs().map((job) => [job.id, job.state])).toEqual(before);
    expect(runner.callsWith('qsub')).toHaveLength(submits);

    server.setStatusMode('ok');
    await pool.poll();
    await adaptive.tick();
    expect(pool.jobs().map((job) => [job.id, job.state])).toEqual(before);
    expect(runner.callsWith('qsub')).toHaveLength(submits);
    adaptive.stop();
  });

  it('replaces jobs the server lost, once each', async () => {
    const { emulator: server, cluster: pool, clock, runner, scheduler } = await start('pbspro', { lostGracePeriod: 5 });
    scheduler.target = 3;
    const adaptive = pool.adapt({ minimum: 0, maximum: 4, interval: 1 })!;
    await whileTimePasses(clock, adaptive.tick());
    await pollUntil(pool, () => expect(running(pool)).toHaveLength(3));
    const [first, second] = running(pool);
    server.vanish(first!.id);
    server.vanish(second!.id);

    await pool.poll();
    expect(running(pool)).toHaveLength(3); // missing, but within the grace period
    await clock.advance(6_000);
    await pool.poll();
    expect(pool.jobs().filter((job) => job.state === 'lost').map((job) => job.id).sort()).toEqual([first!.id, second!.id].sort());
    await whileTimePasses(clock, adaptive.tick());
    await pollUntil(pool, () => expect(running(pool)).toHaveLength(3));
    for (let round = 0; round < 3; round += 1) await whileTimePasses(clock, adaptive.tick());

    expect(pool.jobs()).toHaveLength(5);
    expect(live(pool)).toHaveLength(3);
    expect(serverRunning(server)).toEqual(running(pool).map((job) => job.id).sort());
    expect(runner.callsWith('qsub').length).toBeLessThanOrEqual(3);
    adaptive.stop();
  });
});
