import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobInfo } from '@jq/core';
import { createLocalCluster, eventually, groupMembers, jobGroupOf, processAlive } from './support/local-cluster.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

function setup(settings: Parameters<typeof createLocalCluster>[0] = {}) {
  const context = createLocalCluster(settings);
  cleanups.push(context.cleanup);
  return context;
}

const live = (jobs: JobInfo[]) => jobs.filter((job) => ['queued', 'running'].includes(job.state));

describe('JobQueueCluster on @jq/local', () => {
  it('converges scale 0 → 3 → 1 → 0 with real processes', async () => {
    const { cluster, directory } = setup();
    await cluster.scale(3);
    expect(cluster.jobs()).toHaveLength(3);
    await cluster.poll();
    expect(cluster.jobs().map((job) => job.state)).toEqual(['running', 'running', 'running']);
    const groups = cluster.jobs().map((job) => jobGroupOf(directory, job.id));

    await cluster.scale(1);
    await eventually(async () => {
      await cluster.poll();
      expect(cluster.jobs().map((job) => job.state)).toEqual(['running', 'cancelled', 'cancelled']);
    });
    expect(groups.slice(1).flatMap(groupMembers)).toEqual([]);

    await cluster.scale(0);
    await eventually(async () => {
      await cluster.poll();
      expect(live(cluster.jobs())).toEqual([]);
    });
    expect(groups.flatMap(groupMembers)).toEqual([]);
    expect(cluster.jobs().every((job) => job.state === 'cancelled')).toBe(true);
  });

  it('close() cancels every job in one command and leaves no process behind', async () => {
    const { cluster, runner, directory, scheduler } = setup();
    await cluster.scale({ jobs: 4 });
    await cluster.poll();
    const groups = cluster.jobs().map((job) => jobGroupOf(directory, job.id));
    expect(groups.flatMap(groupMembers).length).toBeGreaterThanOrEqual(4);

    await Promise.all([cluster.close(), cluster.close()]);
    await cluster.close();
    const cancels = runner.callsWith('cancel');
    expect(cancels).toHaveLength(1);
    expect(cancels[0]!.argv.slice(-4).sort()).toEqual(cluster.jobs().map((job) => job.id).sort());
    expect(scheduler.closed).toBe(true);
    await eventually(() => expect(groups.flatMap(groupMembers)).toEqual([]));
    for (const job of cluster.jobs()) await eventually(() => expect(processAlive(Number(job.id))).toBe(false));
    await expect(cluster.scale(1)).rejects.toThrow(/closed/);
  });

  it('sees a job killed from outside as cancelled with its signal, and a failing one as failed with its exit code', async () => {
    const { cluster, directory } = setup();
    await cluster.scale({ jobs: 1 });
    const [job] = cluster.jobs();
    process.kill(jobGroupOf(directory, job!.id), 'SIGKILL');
    await eventually(async () => {
      await cluster.poll();
      expect(cluster.jobs()[0]).toMatchObject({ state: 'cancelled', signal: 9, reason: 'killed by SIGKILL' });
      expect(cluster.jobs()[0]?.exitCode).toBeUndefined();
    });

    const failing = setup({ command: ['sh', '-c', 'echo about to fail >&2; exit 3'], options: { name: 'failing' } });
    await failing.cluster.scale({ jobs: 1 });
    await eventually(async () => {
      await failing.cluster.poll();
      expect(failing.cluster.jobs()[0]).toMatchObject({ state: 'failed', exitCode: 3 });
    });
    const [log] = await failing.cluster.logs();
    expect(log?.stderrTail).toBe('about to fail');
  });

  it('replaces a job that ended while the target still wants it', async () => {
    const { cluster, directory, clock } = setup();
    await cluster.scale({ jobs: 2 });
    const first = cluster.jobs()[0]!;
    process.kill(jobGroupOf(directory, first.id), 'SIGTERM');
    await eventually(async () => {
      await cluster.poll();
      expect(cluster.jobs()[0]?.state).toBe('cancelled');
    });
    await clock.advance(1000);
    await cluster.settled();
    expect(live(cluster.jobs())).toHaveLength(2);
    expect(cluster.jobs()).toHaveLength(3);
  });

  it('marks a vanished job lost only after the grace period, and stops what it left behind', async () => {
    const { cluster, clock, directory } = setup();
    const states: string[] = [];
    cluster.on('job-state', (job) => states.push(job.state));
    await cluster.scale({ jobs: 1 });
    await cluster.poll();
    const job = cluster.jobs()[0]!;
    const group = jobGroupOf(directory, job.id);
    process.kill(Number(job.id), 'SIGKILL');
    await eventually(() => expect(processAlive(Number(job.id))).toBe(false));

    await cluster.poll();
    expect(cluster.jobs()[0]?.state).toBe('running');
    await eventually(() => expect(groupMembers(group)).toEqual([]));
    await clock.advance(29_000);
    await cluster.poll();
    expect(cluster.jobs()[0]?.state).toBe('running');
    await clock.advance(1_000);
    await cluster.poll();
    expect(cluster.jobs()[0]).toMatchObject({ state: 'lost', native: 'missing' });
    expect(states).toEqual(['running', 'lost']);
  });

  it('writes job scripts privately, keeps shell code in values inert and the secret off command lines', async () => {
    const marker = join(tmpdir(), `jq-pwned-${process.pid}-${Date.now()}`);
    const { cluster, runner, directory } = setup({ command: ['sh', '-c', 'printf %s "$TRAP"'], options: { env: { TRAP: `$(touch ${marker})` } } });
    await cluster.scale({ jobs: 1 });
    const script = readdirSync(directory).find((name) => name.endsWith('.sh'))!;
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    expect(statSync(join(directory, script)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(directory, script), 'utf8')).toContain('export JQ_TEST_SECRET=not-a-real-secret');
    await eventually(async () => {
      await cluster.poll();
      expect(cluster.jobs()[0]?.state).toBe('completed');
    });
    expect((await cluster.logs())[0]?.stdoutTail).toBe(`$(touch ${marker})`);
    expect(existsSync(marker)).toBe(false);
    expect(runner.calls.flatMap((call) => call.argv).join(' ')).not.toContain('not-a-real-secret');
    expect(cluster.jobScript()).toContain('export JQ_TEST_SECRET=\\<redacted\\>');
    expect(cluster.jobScript()).not.toContain('not-a-real-secret');
    await cluster.close();
    expect(readdirSync(directory).filter((name) => name.endsWith('.sh'))).toEqual([]);
  });
});
