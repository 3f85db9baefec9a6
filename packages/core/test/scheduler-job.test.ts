// `placement: 'scheduler-job'`: only the scheduler runs in a batch job; the cluster manager
// stays in the launching (login-node) process and submits, polls and cancels the workers.
// The batch system is the fake one at the process boundary; the job's process is played by
// the responder, which writes the scheduler's connection file when the job is submitted.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Command, ClusterJournal, systemClock, type JobQueueError, JobQueueCluster, downCluster, journalDirectory, launchCluster, startSchedulerJobCluster } from '../src/index.js';
import { ManualClock, RecordingCommandRunner, TestScheduler } from '../src/testing/index.js';
import { journalOfDeadOwner } from './support/dead-owner.js';
import { FakeBatchSystem, fakeBackend } from './support/fake-batch.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A fake batch system whose scheduler jobs "start" at once: their connection file appears in the journal. */
function schedulerJobSystem(name: string, options: { listens?: boolean } = {}) {
  const clock = new ManualClock();
  const batch = new FakeBatchSystem();
  const inJob = new TestScheduler();
  const runner = new RecordingCommandRunner().respond((command: Command) => {
    const answer = batch.respond(command);
    if (command.argv[0] === 'fsub' && command.argv[1]?.endsWith(`${name}-scheduler.sh`) && options.listens !== false) {
      void inJob.start().then(() => writeFileSync(join(journalDirectory(name), 'scheduler.json'), JSON.stringify(inJob.record()), { mode: 0o600 }));
    }
    return answer;
  });
  const scriptDirectory = mkdtempSync(join(tmpdir(), 'jq-scheduler-job-'));
  directories.push(scriptDirectory);
  const modules = { '@jq/fake': { fakeBackend }, '@jq/core/testing': { connectScheduler: async () => inJob } };
  const calls = (program: string) => runner.calls.filter((command) => command.argv[0] === program).map((command) => command.argv.slice(1));
  const settings = { backend: fakeBackend, scheduler: new TestScheduler(), config: false as const, runner, clock, handleExit: false, modules, options: { name, cores: 1, memory: '1GB', scriptDirectory } };
  return { clock, batch, inJob, runner, calls, settings, scriptDirectory };
}

describe("launch({ placement: 'scheduler-job' })", () => {
  it('submits a scheduler-only job, then the workers from this process; close() cancels the workers, then the scheduler job', async () => {
    // The real clock: close() goes through the mailbox, whose answer needs real file I/O that a fake clock would outrun under load.
    const { calls, settings } = schedulerJobSystem('login-managed');
    const remote = await launchCluster({ ...settings, clock: systemClock, placement: 'scheduler-job', scale: { jobs: 2 } });
    const [schedulerScript, ...workerSubmissions] = calls('fsub');
    const script = readFileSync(schedulerScript![0]!, 'utf8');
    expect(script).toContain('-n jq-worker-scheduler');
    expect(script).toMatch(/--scheduler-only '?login-managed'? >>/);
    // The workers were submitted by this process's runner, as one array of 2.
    expect(workerSubmissions.map((argv) => argv.slice(1))).toEqual([['--array', '2']]);
    expect(basename(workerSubmissions[0]![0]!)).toMatch(/^login-managed-(?!scheduler)[^/]*\.sh$/);
    const record = remote.record;
    expect(record.manager).toEqual({ placement: 'scheduler-job', id: `pid:${process.pid}`, schedulerJob: '100' });
    expect(record.scheduler?.address).toBe('test://scheduler');
    expect(remote.jobs().map((job) => job.id)).toEqual(['101', '102']);

    await remote.close();
    expect(calls('fdel')).toEqual([['101', '102'], ['100']]);
    expect(() => ClusterJournal.open('login-managed')).toThrow(/no cluster named "login-managed"/);
  });

  it('refuses an unknown placement, naming the option, the value and the choices', async () => {
    const { settings } = schedulerJobSystem('bad-placement');
    await expect(launchCluster({ ...settings, placement: 'login' as 'job' })).rejects.toThrow(/placement: one of 'process', 'job', 'scheduler-job' \(got "login"\)/);
  });

  it("adapts to the load of the scheduler in its job: that scheduler's adaptive target sets the worker jobs this process submits", async () => {
    const { clock, batch, inJob, calls, settings } = schedulerJobSystem('adapts');
    inJob.target = 3;
    await clock.whilePending(launchCluster({ ...settings, placement: 'scheduler-job', adapt: { minimum: 0, maximum: 4, interval: 1 } }));
    await clock.whilePending(vi.waitFor(() => expect(calls('fsub').slice(1).map((argv) => argv.slice(1))).toEqual([['--array', '3']])), 500);
    expect(ClusterJournal.open('adapts').readState()?.adapt).toMatchObject({ minimum: 0, maximum: 4 });
    // The scheduler's job ends: the manager closes the cluster, cancelling the three workers.
    const warnings: Error[] = [];
    const onWarning = (warning: Error): number => warnings.push(warning);
    process.on('warning', onWarning);
    batch.end('100', 'CA', 0);
    try {
      await clock.whilePending(vi.waitFor(() => expect(calls('fdel')).toEqual([['101', '102', '103']])), 500);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('fails clearly when the scheduler job ends before its scheduler listens', async () => {
    const { clock, batch, calls, settings } = schedulerJobSystem('never-listens', { listens: false });
    const launching = launchCluster({ ...settings, placement: 'scheduler-job', scale: { jobs: 1 } });
    await vi.waitFor(() => expect(calls('fsub')).toHaveLength(1));
    batch.end('100', 'F', 1);
    await expect(clock.whilePending(launching, 500)).rejects.toMatchObject({ code: 'JQ_SCHEDULER_JOB_ENDED', message: expect.stringMatching(/scheduler job 100 of cluster never-listens ended \(failed\)/) });
    // No worker was submitted: the scheduler never listened.
    expect(calls('fsub')).toHaveLength(1);
  });
});

describe('the login-node manager of a scheduler job', () => {
  it('says so when the scheduler job dies (an error naming the job and its state) and cancels the workers', async () => {
    const { clock, batch, calls, settings } = schedulerJobSystem('scheduler-dies');
    await clock.whilePending(launchCluster({ ...settings, placement: 'scheduler-job', scale: { jobs: 2 } }));
    // The manager runs in this process: its errors reach the launcher as process warnings.
    const warnings: Error[] = [];
    const onWarning = (warning: Error): number => warnings.push(warning);
    process.on('warning', onWarning);
    batch.end('100', 'TO', 0);
    try {
      await clock.whilePending(vi.waitFor(() => expect(calls('fdel')).toEqual([['101', '102']])), 500);
      await vi.waitFor(() => expect(warnings).toHaveLength(1));
    } finally {
      process.off('warning', onWarning);
    }
    const errors = warnings as unknown as JobQueueError[];
    expect(errors[0]?.code).toBe('JQ_SCHEDULER_JOB_ENDED');
    expect(errors.map((error) => error.message).join('\n')).toMatch(/the scheduler job 100 of cluster scheduler-dies ended \(timeout\): closing the cluster and cancelling its 2 worker job\(s\)/);
  });

  it('startSchedulerJobCluster emits the error event on the cluster it returns', async () => {
    const { clock, batch, calls, settings } = schedulerJobSystem('dies-event');
    const { journal } = ClusterJournal.prepare('dies-event');
    journal.writeCluster({
      ...{ format: 'jobqueue-cluster', version: 1, name: 'dies-event', uid: process.getuid?.() ?? -1, createdAt: clock.now() },
      ...{ backend: { name: 'fake', packageName: '@jq/fake' }, options: settings.options, orphans: 'adopt', scheduler: new TestScheduler().record(), initial: { scale: { jobs: 1 } } },
    });
    const cluster = await clock.whilePending(startSchedulerJobCluster('dies-event', { modules: settings.modules, runner: settings.runner, clock, handleExit: false }));
    expect(cluster).toBeInstanceOf(JobQueueCluster);
    const errors: JobQueueError[] = [];
    cluster.on('error', (error) => errors.push(error));
    batch.end('100', 'CA', 0);
    await clock.whilePending(new Promise<void>((resolve) => cluster.on('error', () => resolve())), 1000);
    await clock.whilePending(cluster.close(), 200);
    expect(errors[0]).toMatchObject({ code: 'JQ_SCHEDULER_JOB_ENDED', message: expect.stringContaining('the scheduler job 100 of cluster dies-event ended (cancelled)') });
    // The workers were cancelled; the ended scheduler job was not cancelled again.
    expect(calls('fdel')).toEqual([['101']]);
  });
});

describe('down() of a scheduler-job cluster whose login manager died', () => {
  it('cancels the workers it journaled and the scheduler job, nothing else', async () => {
    const { batch, runner, settings } = schedulerJobSystem('orphaned');
    for (let submitted = 0; submitted < 3; submitted += 1) await runner.run({ argv: ['fsub', 'x.sh'] }, { timeoutMs: 1000 });
    const journal = journalOfDeadOwner('orphaned', [{ key: 'orphaned-0', id: '101', pool: 'default', state: 'running', submittedAt: 0, index: 0 }]);
    journal.writeCluster({ ...journal.readCluster(), manager: { placement: 'scheduler-job', id: 'pid:1', schedulerJob: '100' } });
    const report = await downCluster('orphaned', { modules: settings.modules, runner });
    expect(report).toEqual({ closedByOwner: false, cancelled: ['101', '100'] });
    expect(batch.live()).toEqual(['102']);
  });
});
