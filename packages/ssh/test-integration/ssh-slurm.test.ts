import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Command, CommandResult, CommandRunner, JobQueueCluster, RunnerConnection, RunOptions } from '@jq/core';
import { TestScheduler } from '@jq/core/testing';
import { Client, EngineScheduler } from '@jq/engine';
import { createSlurmCluster } from '@jq/slurm';
import { SshCommandRunner } from '../src/index.js';
import { ciConfig, ciSsh, commandsSince, jobsNamed, liveJobsNamed, logOffset, loginsSince, requireCiSite } from './ci-site.js';

requireCiSite();

const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);
let counter = 0;
const open: Array<{ cluster: JobQueueCluster; runner: CommandRunner; jobName: string }> = [];

/** A Slurm cluster whose every batch command runs over SSH as jqssh; native workers dial back through the reverse tunnel. */
function sshCluster(runner: CommandRunner = new SshCommandRunner(ciSsh())) {
  counter += 1;
  const jobName = `jq-ssh-${process.pid}-${counter}`;
  const scheduler = new EngineScheduler({ httpPort: false });
  const options = { name: jobName, jobName, cores: 1, memory: '500MB', walltime: '00:10:00', deathTimeout: 30, pollInterval: 0.5, maxPollInterval: 2 };
  const cluster = createSlurmCluster({ scheduler, runner, options });
  cluster.on('error', () => undefined);
  open.push({ cluster, runner, jobName });
  return { cluster, scheduler, client: new Client(scheduler), jobName };
}

afterEach(async () => {
  const closing = open.splice(0);
  await Promise.all(closing.map(({ cluster }) => cluster.close()));
  for (const { jobName } of closing) await vi.waitFor(() => expect(liveJobsNamed(jobName)).toEqual([]), { timeout: 30_000, interval: 250 });
});

/** Runs `argv` on the login node over a connection of its own, as a person checking by hand would. */
function onLoginNode(argv: string[]): string {
  return execFileSync('ssh', ['-F', ciConfig(), 'jq-ci', ...argv], { encoding: 'utf8', timeout: 30_000 });
}

describe('a Slurm cluster driven over SSH (ci/ssh sshd, real Slurm)', () => {
  it('scale(2): workers connect through the reverse tunnel, a 1,000-task map is right, close() leaves nothing; ONE login for it all', async () => {
    const commandsAt = logOffset('commands');
    const loginsAt = logOffset('sshd');
    const runner = new SshCommandRunner(ciSsh());
    const { cluster, scheduler, client, jobName } = sshCluster(runner);
    await cluster.scale(2);
    // job scripts dial the login node's end of the tunnel, not the scheduler's own loopback address
    const dialed = /tcp:\/\/vm:(\d+)/.exec(cluster.jobScript())?.[0];
    expect(dialed).toBeDefined();
    expect(dialed).not.toBe(scheduler.address);
    expect(scheduler.address).toMatch(/^tcp:\/\/127\.0\.0\.1:/);

    await client.waitForWorkers(2, { timeout: 120 });
    const squares = await client.gather(client.map((value: number) => value * value, range(1000)));
    expect(squares).toEqual(range(1000).map((value) => value * value));
    const ids = cluster.jobs().map((job) => job.id);
    expect(jobsNamed(jobName).sort()).toEqual([...ids].sort());

    const directory = await runner.remoteDirectory();
    const masterPid = runner.masterPid!;
    await cluster.close();
    // Cancelled jobs pass through Slurm's CG (completing) for a moment, longer on a busy machine.
    await vi.waitFor(() => expect(liveJobsNamed(jobName)).toEqual([]), { timeout: 30_000, interval: 250 });
    expect(() => process.kill(masterPid, 0)).toThrow();

    // Every command of this cluster went over the one master: one client port, one login.
    const ours = commandsSince(commandsAt).filter(({ command }) => command.includes(directory) || ids.some((id) => command.includes(id.split('_')[0]!)));
    expect(ours.filter(({ command }) => /sbatch/.test(command))).toHaveLength(1);
    expect(ours.filter(({ command }) => /squeue/.test(command)).length).toBeGreaterThan(2);
    expect(ours.filter(({ command }) => /^scancel /.test(command))).toHaveLength(1);
    expect(new Set(ours.map(({ client }) => client)).size).toBe(1);
    expect(runner.connections).toBe(1);
    // other users of the CI sshd may log in meanwhile; this cluster's own login is one of them
    expect(loginsSince(loginsAt).length).toBeGreaterThanOrEqual(1);
    // checked by hand on a connection of its own: the private script directory is gone
    expect(onLoginNode(['sh', '-c', `test -e '${directory}' && echo left || echo removed`]).trim()).toBe('removed');
  });

  it('the master killed mid-run: the next command logs in again, the tunnel comes back, no job lost or duplicated, the map completes', async () => {
    const runner = new SshCommandRunner(ciSsh());
    const { cluster, client, jobName } = sshCluster(runner);
    await cluster.scale(2);
    await client.waitForWorkers(2, { timeout: 120 });
    const before = cluster.jobs().map((job) => job.id);
    const mapping = client.gather(client.map((value: number) => {
      const end = Date.now() + 20; // busy for a moment, so tasks are in flight when the connection drops
      while (Date.now() < end);
      return value + 1;
    }, range(300)));

    process.kill(runner.masterPid!, 'SIGKILL');
    await vi.waitFor(() => expect(runner.connections).toBe(2), { timeout: 30_000, interval: 100 });
    expect(await mapping).toEqual(range(300).map((value) => value + 1));
    await vi.waitFor(() => expect(cluster.workers()).toHaveLength(2), { timeout: 60_000, interval: 250 });
    // the same jobs: nothing submitted again, nothing lost
    expect(cluster.jobs().map((job) => job.id)).toEqual(before);
    expect(cluster.jobs().map((job) => job.state)).toEqual(['running', 'running']);
    expect(jobsNamed(jobName).sort()).toEqual([...before].sort());
  });

  it('a submit whose answer the dropped connection took: answered from the login node\'s record, exactly one job', async () => {
    const inner = new SshCommandRunner(ciSsh({ tunnel: 'forward' }));
    const runner = new AnswerLosingRunner(inner);
    counter += 1;
    const jobName = `jq-ssh-${process.pid}-${counter}`;
    const cluster = createSlurmCluster({ scheduler: new TestScheduler(['sleep', '600']), runner, options: { name: jobName, jobName, cores: 1, memory: '256MB', walltime: '00:10:00', pollInterval: 0.5 } });
    cluster.on('error', () => undefined);
    open.push({ cluster, runner, jobName });
    runner.onFirstSubmit = async () => {
      // the job is in the queue, the answer not yet home: drop the connection now
      await vi.waitFor(() => expect(jobsNamed(jobName)).toHaveLength(1), { timeout: 30_000, interval: 100 });
      process.kill(inner.masterPid!, 'SIGKILL');
    };
    const commandsAt = logOffset('commands');
    await cluster.scale(1);
    expect(runner.lostAnswers).toBe(1);
    expect(inner.connections).toBe(2);
    const submitted = jobsNamed(jobName);
    expect(submitted).toHaveLength(1);
    expect(cluster.jobs().map((job) => job.id)).toEqual(submitted);
    // the submit ran on the login node twice (the second only read its record), sbatch once
    expect(commandsSince(commandsAt).filter(({ command }) => command.includes('sbatch --parsable'))).toHaveLength(2);
    await vi.waitFor(() => expect(cluster.jobs()[0]?.state).toBe('running'), { timeout: 30_000, interval: 250 });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(jobsNamed(jobName)).toEqual(submitted);
  });
});

/**
 * At the process boundary: makes the first sbatch answer late (it sleeps after submitting,
 * on the login node) and lets the test drop the connection in between.
 */
class AnswerLosingRunner implements CommandRunner {
  onFirstSubmit: (() => Promise<void>) | undefined;
  lostAnswers = 0;

  constructor(private readonly inner: SshCommandRunner) {}

  connect(scheduler: { address: string }): Promise<RunnerConnection> {
    return this.inner.connect(scheduler);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  async run(command: Command, options: RunOptions): Promise<CommandResult> {
    const dropper = this.onFirstSubmit;
    if (command.argv[0] !== 'sbatch' || dropper === undefined) return this.inner.run(command, options);
    this.onFirstSubmit = undefined;
    const late = { ...command, argv: ['sh', '-c', 'sbatch "$@"; status=$?; sleep 5; exit $status', 'sbatch', ...command.argv.slice(1)] };
    const [result] = await Promise.all([this.inner.run(late, options), dropper().then(() => (this.lostAnswers += 1))]);
    return result;
  }

  runSync(command: Command, options: RunOptions): CommandResult {
    return this.inner.runSync(command, options);
  }
}
