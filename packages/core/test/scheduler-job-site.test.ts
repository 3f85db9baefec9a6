// `placement: 'scheduler-job'` driven from another machine (the ssh option, `ssh.tunnel:
// 'forward'`): the scheduler job cannot read this machine's journal, so the manager puts the
// cluster's record in a private directory on the login node through the command runner, the
// job starts there and writes its connection file beside it, and this machine dials the
// scheduler through the runner's forward. The login node here is a temporary home directory
// where the runner's shell commands really run; the batch system is the fake one.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Command, ClusterJournal, ConfigError, ExecaCommandRunner, JobQueueCluster, type SchedulerRecord, downCluster, launchCluster, systemClock } from '../src/index.js';
import { RecordingCommandRunner, TestScheduler } from '../src/testing/index.js';
import { journalOfDeadOwner } from './support/dead-owner.js';
import { FakeBatchSystem, fakeBackend } from './support/fake-batch.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function temporary(prefix: string): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  directories.push(directory);
  return directory;
}

/**
 * A login node (its home directory, where shell commands start) with the fake batch system,
 * and a forward that names the address it was asked for. The scheduler job starts and writes
 * its connection file, or (`starts: false`) fails at once with a line in its log.
 */
function loginNode(name: string, starts = true) {
  const home = temporary('jq-login-home-');
  const site = join(home, '.cache/jobqueue/clusters', name);
  const batch = new FakeBatchSystem();
  const inJob = new TestScheduler();
  const seen: { record?: Record<string, unknown>; recordMode?: number; siteMode?: number } = {};
  const shell = new ExecaCommandRunner();
  const runner = new RecordingCommandRunner().respond(async (command: Command) => {
    if (['sh', 'rm', 'tail'].includes(command.argv[0]!)) return shell.run({ ...command, argv: ['env', '-C', home, ...command.argv] }, { timeoutMs: 30_000 });
    const answer = batch.respond(command);
    if (command.argv[0] === 'fsub' && command.argv[1]?.endsWith(`${name}-scheduler.sh`) && !starts) {
      writeFileSync(join(site, 'scheduler.log'), 'node: command not found\n');
      batch.end(answer!.stdout.trim(), 'F', 127);
    } else if (command.argv[0] === 'fsub' && command.argv[1]?.endsWith(`${name}-scheduler.sh`)) {
      // The job starts: it finds its record on the login node and writes its connection file beside it.
      seen.record = JSON.parse(readFileSync(join(site, 'cluster.json'), 'utf8')) as Record<string, unknown>;
      seen.recordMode = statSync(join(site, 'cluster.json')).mode & 0o777;
      seen.siteMode = statSync(site).mode & 0o777;
      await inJob.start();
      writeFileSync(join(site, 'scheduler.json'), JSON.stringify(inJob.record()), { mode: 0o600 });
    }
    return answer;
  });
  const forwarded: string[] = [];
  const withForward = Object.assign(runner, {
    forward: async (address: string) => {
      forwarded.push(address);
      return 'test://127.0.0.1:40000';
    },
  });
  const dialed: SchedulerRecord[] = [];
  const modules = {
    '@jq/fake': { fakeBackend },
    '@jq/core/testing': {
      connectScheduler: async (record: SchedulerRecord) => {
        dialed.push(record);
        return inJob;
      },
    },
  };
  const calls = (program: string) => runner.calls.filter((command) => command.argv[0] === program);
  return { home, site, batch, runner: withForward, seen, forwarded, dialed, modules, calls };
}

const ssh = { host: 'login.example.org' };

describe("launch({ placement: 'scheduler-job' }) from another machine (ssh.tunnel forward)", () => {
  it('writes the record privately on the login node (standard input, never argv), starts the job there, dials the forward; close() cancels and removes it', async () => {
    const name = 'far-managed';
    const login = loginNode(name);
    const scriptDirectory = temporary('jq-far-scripts-');
    const remote = await launchCluster({
      ...{ backend: fakeBackend, scheduler: new TestScheduler(), config: false as const, runner: login.runner, clock: systemClock, handleExit: false, modules: login.modules },
      ...{ placement: 'scheduler-job' as const, scale: { jobs: 1 }, options: { name, cores: 1, memory: '1GB', scriptDirectory, ssh } },
    });

    // The job's script starts in the login-node directory and reads the record there; this machine's state directory means nothing to it.
    const script = readFileSync(login.calls('fsub')[0]!.argv[1]!, 'utf8');
    expect(script).toContain(`--scheduler-only-in ${login.site} >>${login.site}/scheduler.log`);
    expect(script).toContain(`cd ${login.site}`);
    expect(script).not.toContain('XDG_STATE_HOME');
    expect(login.seen).toMatchObject({ recordMode: 0o600, siteMode: 0o700, record: { name, options: { ssh: { host: 'login.example.org', tunnel: 'forward' } } } });
    const upload = login.runner.calls.find((command) => command.argv.join(' ').includes('cluster.json.tmp'))!;
    expect(upload.stdin).toContain(`"name":"${name}"`);
    expect(upload.argv.join(' ')).not.toContain('{');

    // This machine dials the forward's end; the workers keep the scheduler's own address.
    expect(login.forwarded).toEqual(['test://scheduler']);
    expect(login.dialed.map(({ address, clientAddress }) => ({ address, clientAddress }))).toEqual([{ address: 'test://scheduler', clientAddress: 'test://127.0.0.1:40000' }]);
    expect(ClusterJournal.open(name).readCluster().scheduler).toMatchObject({ address: 'test://scheduler', clientAddress: 'test://127.0.0.1:40000' });
    expect(remote.jobs().map((job) => job.id)).toEqual(['101']);

    await remote.close();
    expect(login.calls('fdel').map((command) => command.argv.slice(1))).toEqual([['101'], ['100']]);
    expect(existsSync(login.site)).toBe(false);
    expect(readdirSync(join(login.home, '.cache/jobqueue/clusters'))).toEqual([]);
  });

  it('fails with the job log from the login node when the scheduler job ends first, and leaves nothing there', async () => {
    const name = 'far-failing';
    const login = loginNode(name, false);
    const attempt = launchCluster({
      ...{ backend: fakeBackend, scheduler: new TestScheduler(), config: false as const, runner: login.runner, clock: systemClock, handleExit: false, modules: login.modules },
      ...{ placement: 'scheduler-job' as const, startTimeout: 60, options: { name, cores: 1, memory: '1GB', scriptDirectory: temporary('jq-far-scripts-'), ssh } },
    });
    await expect(attempt).rejects.toThrow(/scheduler job 100 of cluster far-failing ended \(failed\) before its scheduler listened:\nnode: command not found/);
    expect(existsSync(login.site)).toBe(false);
  });
});

describe('down() of such a cluster whose manager died', () => {
  it('cancels its workers and its scheduler job over the runner and removes the record it left on the login node', async () => {
    const name = 'far-orphaned';
    const login = loginNode(name);
    for (let submitted = 0; submitted < 2; submitted += 1) await login.runner.run({ argv: ['fsub', 'x.sh'] }, { timeoutMs: 1000 });
    mkdirSync(login.site, { recursive: true, mode: 0o700 });
    writeFileSync(join(login.site, 'cluster.json'), '{"secret":"left behind"}', { mode: 0o600 });
    const journal = journalOfDeadOwner(name, [{ key: `${name}-0`, id: '101', pool: 'default', state: 'running', submittedAt: 0, index: 0 }]);
    const record = journal.readCluster();
    journal.writeCluster({ ...record, options: { ...record.options, ssh: { ...ssh, tunnel: 'forward' } }, manager: { placement: 'scheduler-job', id: 'pid:1', schedulerJob: '100' } });
    const report = await downCluster(name, { modules: login.modules, runner: login.runner });
    expect(report).toEqual({ closedByOwner: false, cancelled: ['101', '100'] });
    expect(login.batch.live()).toEqual([]);
    expect(existsSync(login.site)).toBe(false);
  });
});

describe('what the ssh option refuses, before anything runs', () => {
  const base = { backend: fakeBackend, config: false as const, handleExit: false };

  it("placement 'job' (its manager would read this machine's journal) and ssh.tunnel 'reverse' with a scheduler job", async () => {
    const runner = new RecordingCommandRunner();
    const job = launchCluster({ ...base, scheduler: new TestScheduler(), runner, placement: 'job', options: { name: 'far-job', cores: 1, memory: '1GB', ssh } });
    await expect(job).rejects.toThrow(ConfigError);
    await expect(job).rejects.toThrow(/placement: 'scheduler-job' with the ssh option .* \(got "job"\)/);
    const reverse = launchCluster({ ...base, scheduler: new TestScheduler(), runner, placement: 'scheduler-job', options: { name: 'far-reverse', cores: 1, memory: '1GB', ssh: { ...ssh, tunnel: 'reverse' } } });
    await expect(reverse).rejects.toThrow(/ssh\.tunnel: 'forward' \(or unset\) with placement 'scheduler-job'.*\(got "reverse"\)/);
    expect(runner.calls).toEqual([]);
  });

  it("ssh.tunnel 'forward' for a scheduler in this process: workers on the cluster could not reach it", async () => {
    const runner = new RecordingCommandRunner();
    const cluster = new JobQueueCluster({ ...base, scheduler: new TestScheduler(), runner, journal: false, options: { name: 'far-here', cores: 1, memory: '1GB', ssh: { ...ssh, tunnel: 'forward' } } });
    await expect(cluster.start()).rejects.toThrow(/ssh\.tunnel: 'reverse' for a scheduler in this process; 'forward' puts the scheduler in a batch job: launchCluster\(\{ placement: 'scheduler-job' \}\)/);
    expect(runner.calls).toEqual([]);
    await cluster.close();
  });
});
