import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobQueueCluster } from '@jq/core';
import { Client, EngineScheduler } from '@jq/engine';
import { createSlurmCluster } from '@jq/slurm';
import { ciSsh, commandsSince, jobsNamed, liveJobsNamed, logOffset, requireCiSite } from './ci-site.js';

requireCiSite();

const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);
const open: Array<{ cluster: JobQueueCluster; jobName: string }> = [];

afterEach(async () => {
  const closing = open.splice(0);
  await Promise.all(closing.map(({ cluster }) => cluster.close()));
  for (const { jobName } of closing) await vi.waitFor(() => expect(liveJobsNamed(jobName)).toEqual([]), { timeout: 30_000, interval: 250 });
});

/** The login name Slurm recorded for each job named `jobName`. */
function submitters(jobName: string): string[] {
  return execFileSync('squeue', ['--noheader', '--states=all', `--name=${jobName}`, '--format=%u'], { encoding: 'utf8', timeout: 30_000 }).split('\n').map((line) => line.trim()).filter(Boolean);
}

describe('a cluster made from options alone: { ssh: {...} } (no runner passed; core loads @jq/ssh)', () => {
  it('4 workers connect through the tunnel, a 1,000-task map is right, close() leaves the queue empty; every batch command ran over SSH as the login user', async () => {
    const commandsAt = logOffset('commands');
    const jobName = `jq-ssh-option-${process.pid}`;
    const scheduler = new EngineScheduler({ httpPort: false });
    const cluster = createSlurmCluster({
      scheduler,
      options: { name: jobName, jobName, cores: 1, memory: '500MB', walltime: '00:10:00', deathTimeout: 30, pollInterval: 0.5, maxPollInterval: 2, ssh: ciSsh() },
    });
    cluster.on('error', () => undefined);
    open.push({ cluster, jobName });
    const client = new Client(scheduler);

    await cluster.scale(4);
    // the job script dials the login node's end of the reverse tunnel, not the scheduler's loopback address
    expect(cluster.jobScript()).toMatch(/tcp:\/\/vm:\d+/);
    expect(scheduler.address).toMatch(/^tcp:\/\/127\.0\.0\.1:/);
    await client.waitForWorkers(4, { timeout: 180 });
    const squares = await client.gather(client.map((value: number) => value * value, range(1000)));
    expect(squares).toEqual(range(1000).map((value) => value * value));

    const ids = cluster.jobs().map((job) => job.id);
    expect(ids).toHaveLength(4);
    expect(jobsNamed(jobName).sort()).toEqual([...ids].sort());
    // submitted over SSH: Slurm says jqssh (the sshd's test user) submitted them, not this process's user
    expect([...new Set(submitters(jobName))]).toEqual(['jqssh']);

    await cluster.close();
    await vi.waitFor(() => expect(liveJobsNamed(jobName)).toEqual([]), { timeout: 30_000, interval: 250 });
    const logged = commandsSince(commandsAt).map(({ command }) => command);
    expect(logged.filter((command) => /sbatch --parsable/.test(command)).length).toBeGreaterThanOrEqual(1);
    expect(logged.filter((command) => /squeue/.test(command)).length).toBeGreaterThan(2);
    expect(logged.filter((command) => /^scancel /.test(command) && ids.every((id) => command.includes(id)))).toHaveLength(1);
  });
});
