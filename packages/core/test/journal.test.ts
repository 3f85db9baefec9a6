import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ClusterJournal, JobQueueCluster, JobQueueError, RemoteCluster, journalDirectory } from '../src/index.js';
import * as testing from '../src/testing/index.js';
import { fakeCluster } from './support/cluster-fixture.js';
import { journalOfDeadOwner, journaledJob } from './support/dead-owner.js';
import { fakeBackend } from './support/fake-batch.js';

const fakeModule = { fakeBackend } as Record<string, unknown>;
const modules = { '@jq/fake': fakeModule, '@jq/core/testing': testing as Record<string, unknown> };

describe('cluster journal', () => {
  it('keeps the cluster in a private journal while it runs, and removes it at close', async () => {
    const { cluster, clock } = fakeCluster({ name: 'kept' });
    await cluster.scale(2);
    const directory = journalDirectory('kept');
    expect(cluster.journalDirectory).toBe(directory);
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    for (const file of ['cluster.json', 'state.json']) expect(statSync(join(directory, file)).mode & 0o777).toBe(0o600);
    const record = JSON.parse(readFileSync(join(directory, 'cluster.json'), 'utf8'));
    expect(record).toMatchObject({ name: 'kept', backend: { name: 'fake', packageName: '@jq/fake' }, scheduler: { kind: 'test', address: 'test://scheduler' } });
    const state = ClusterJournal.open('kept').readState();
    expect(state?.jobs.map((job) => [job.key, job.id])).toEqual([['kept-0', '100'], ['kept-1', '101']]);
    expect(state?.targets).toEqual({ default: 2 });
    await clock.whilePending(cluster.close());
    expect(existsSync(directory)).toBe(false);
  });

  it('writes the state once for an array of 500 submitted jobs, not once per job (a write per job made scale(10000) quadratic)', async () => {
    const { cluster, clock, calls } = fakeCluster({ name: 'big-array' });
    await cluster.start();
    const writes = vi.spyOn(ClusterJournal.prototype, 'writeState');
    try {
      await cluster.scale(500);
      expect(calls('fsub')).toHaveLength(1);
      expect(writes.mock.calls.length).toBeLessThanOrEqual(2);
      // Every id is in the journal as soon as scale() returns.
      expect(ClusterJournal.open('big-array').readState()?.jobs.filter((job) => job.id !== '')).toHaveLength(500);
    } finally {
      writes.mockRestore();
    }
    await clock.whilePending(cluster.close());
  });

  it('removes the journal at close when the cancelled jobs are still completing, keeps it (closing, unowned) when a cancel failed', async () => {
    const ending = fakeCluster({ name: 'ending' });
    await ending.cluster.scale(2);
    for (const id of ['100', '101']) ending.batch.set(id, 'CG');
    // The cancel is accepted and the jobs stay on their way out, as Slurm's CG after scancel.
    ending.batch.fail('fdel', { exitCode: 0 });
    await ending.clock.whilePending(ending.cluster.close());
    expect(ending.calls('fdel')).toEqual([['fdel', '100', '101']]);
    expect(existsSync(journalDirectory('ending'))).toBe(false);

    const stuck = fakeCluster({ name: 'stuck' });
    stuck.cluster.on('error', () => undefined);
    await stuck.cluster.scale(1);
    stuck.batch.fail('fdel', { stderr: 'permission denied' });
    await stuck.clock.whilePending(stuck.cluster.close());
    expect(stuck.batch.live()).toHaveLength(1);
    expect(ClusterJournal.open('stuck').readState()).toMatchObject({ closing: true, jobs: [{ id: stuck.batch.live()[0] }] });
  });

  it('refuses a second live cluster with the same name', async () => {
    const first = fakeCluster({ name: 'twin' });
    await first.cluster.start();
    const second = fakeCluster({ name: 'twin' });
    const refused = await second.cluster.scale(1).catch((error: unknown) => error);
    expect(JobQueueError.hasCode(refused, 'JQ_CLUSTER_EXISTS')).toBe(true);
    expect((refused as Error).message).toMatch(/cluster twin is running by process \d+ on .*: attach to it/);
    expect(second.calls('fsub')).toEqual([]);
  });

  it('cancels what a dead owner of the name left running, only the ids its journal lists', async () => {
    journalOfDeadOwner('phoenix', [journaledJob('phoenix', 0, '7'), journaledJob('phoenix', 1, '8', 'completed'), journaledJob('phoenix', 2, '9', 'queued')]);
    const { cluster, calls } = fakeCluster({ name: 'phoenix' });
    await cluster.start();
    expect(calls('fdel')).toEqual([['fdel', '7', '9']]);
    expect(cluster.jobs()).toEqual([]);
  });

  it('reports a refused cancel of a dead owner\'s jobs only while one is still in the queue', async () => {
    // Gone since the journal was written: the batch system no longer knows the id, and its cancel says so.
    journalOfDeadOwner('ended', [journaledJob('ended', 0, '7')]);
    const gone = fakeCluster({ name: 'ended' });
    const goneErrors: Error[] = [];
    gone.cluster.on('error', (error) => goneErrors.push(error));
    gone.batch.fail('fdel', { exitCode: 153, stderr: 'fdel: Unknown Job Id 7' });
    await gone.cluster.start();
    expect(gone.calls('fdel')).toEqual([['fdel', '7']]);
    expect(gone.calls('fstat')).toEqual([['fstat', '7']]);
    expect(goneErrors).toEqual([]);

    // Still running and the cancel refused: that is worth an error.
    journalOfDeadOwner('held', [journaledJob('held', 0, '8')]);
    const held = fakeCluster({ name: 'held' });
    held.batch.jobs.set('8', { code: 'R', ended: false });
    const heldErrors: Error[] = [];
    held.cluster.on('error', (error) => heldErrors.push(error));
    held.batch.fail('fdel', { stderr: 'fdel: permission denied' });
    await held.cluster.start();
    expect(heldErrors.map((error) => error.message)).toEqual([expect.stringContaining('permission denied')]);
  });

  it('adopts a dead owner\'s jobs when asked, and numbers new jobs after them', async () => {
    journalOfDeadOwner('heir', [journaledJob('heir', 0, '7'), journaledJob('heir', 4, '9', 'queued')]);
    const { cluster, batch, calls } = fakeCluster({ name: 'heir' }, { orphans: 'adopt' });
    batch.jobs.set('7', { code: 'R', ended: false });
    batch.jobs.set('9', { code: 'PD', ended: false });
    await cluster.start();
    expect(cluster.jobs().map((job) => job.key)).toEqual(['heir-0', 'heir-4']);
    await cluster.scale(3);
    expect(cluster.jobs().map((job) => job.key)).toEqual(['heir-0', 'heir-4', 'heir-5']);
    expect(calls('fdel')).toEqual([]);
  });

  it('attaches to a live cluster through its journal: reads its jobs, asks it to scale and to close', async () => {
    const { cluster, clock } = fakeCluster({ name: 'shared' });
    await cluster.scale(1);
    const remote = await JobQueueCluster.attach('shared', { clock, modules });
    expect(remote).toBeInstanceOf(RemoteCluster);
    expect(remote.owned).toBe(false);
    // A page served beside a scheduler without one of its own (Dask) is what another process is pointed at.
    cluster.recordDashboard({ url: 'http://127.0.0.1:8787/', token: 'a-token-of-sixteen-or-more' });
    expect((remote as RemoteCluster).dashboardUrl).toBe('http://127.0.0.1:8787/');
    expect(remote.jobs().map((job) => job.key)).toEqual(['shared-0']);
    await clock.whilePending(remote.scale(3), 100);
    expect(cluster.jobs()).toHaveLength(3);
    await clock.whilePending(cluster.settled(), 100);
    expect(remote.jobs()).toHaveLength(3);
    await clock.whilePending((remote as RemoteCluster).close(), 100);
    expect(cluster.closed).toBe(true);
    expect(existsSync(journalDirectory('shared'))).toBe(false);
  });

  it('takes over a cluster whose owner died: same scheduler record, the jobs adopted and polled', async () => {
    const scheduler = { kind: 'test', packageName: '@jq/core/testing', address: 'test://scheduler', settings: { command: ['sleep', '1'] } };
    const dead = journalOfDeadOwner('orphaned', [journaledJob('orphaned', 0, '300'), journaledJob('orphaned', 1, '301')], scheduler);
    dead.writeCluster({ ...dead.readCluster(), dashboard: { url: 'http://127.0.0.1:9/', token: 'a-token-of-the-dead-owner' } });
    const { batch, runner, clock } = fakeCluster({ name: 'unrelated' });
    batch.jobs.set('300', { code: 'R', ended: false });
    batch.jobs.set('301', { code: 'R', ended: false });
    const cluster = (await JobQueueCluster.attach('orphaned', { modules, runner, clock, handleExit: false })) as JobQueueCluster;
    expect(cluster.owned).toBe(true);
    // The page the dead owner served died with it: the new owner's journal does not point at it.
    expect(dead.readCluster().dashboard).toBeUndefined();
    expect(cluster.jobs().map((job) => [job.key, job.state])).toEqual([['orphaned-0', 'running'], ['orphaned-1', 'running']]);
    expect(cluster.scheduler.record?.()).toMatchObject({ kind: 'test', settings: { command: ['sleep', '1'] } });
    await clock.whilePending(cluster.close());
    expect(batch.live()).not.toContain('300');
  });

  it('reports a dead cluster whose workers have all gone, and cleans up: nothing restarted, submitted or cancelled', async () => {
    const scheduler = { kind: 'test', packageName: '@jq/core/testing', address: 'test://scheduler', settings: { command: ['sleep', '1'] } };
    journalOfDeadOwner('gone', [journaledJob('gone', 0, '400'), journaledJob('gone', 1, '401'), journaledJob('gone', 2, '402')], scheduler);
    const { batch, runner, clock, calls } = fakeCluster({ name: 'bystander' });
    batch.jobs.set('400', { code: 'CD', exit: 0, ended: true });
    batch.jobs.set('401', { code: 'F', exit: 1, ended: true });
    const refused = await JobQueueCluster.attach('gone', { modules, runner, clock, handleExit: false }).catch((error: unknown) => error);
    expect((refused as JobQueueError).code).toBe('JQ_CLUSTER_NOT_FOUND');
    expect((refused as Error).message).toMatch(/cluster gone had no live job left \(gone-0 completed, gone-1 failed, gone-2 left the queue\).*cleaned up/);
    expect(existsSync(journalDirectory('gone'))).toBe(false);
    // One look at the queue, one at accounting: no replacement submitted, nothing cancelled.
    expect(runner.calls.map((command) => command.argv)).toEqual([
      ['fstat', '400', '401', '402'],
      ['facct', '400', '401', '402'],
    ]);
    expect(calls('fsub')).toEqual([]);
  });

  it('takes over when the batch system cannot say whether the jobs live (a failed status query is no proof of death)', async () => {
    const scheduler = { kind: 'test', packageName: '@jq/core/testing', address: 'test://scheduler', settings: { command: ['sleep', '1'] } };
    journalOfDeadOwner('unsure', [journaledJob('unsure', 0, '500')], scheduler);
    const { batch, runner, clock } = fakeCluster({ name: 'bystander' });
    batch.jobs.set('500', { code: 'R', ended: false });
    batch.fail('fstat', { stderr: 'busy' });
    const cluster = (await JobQueueCluster.attach('unsure', { modules, runner, clock, handleExit: false })) as JobQueueCluster;
    expect(cluster.owned).toBe(true);
    expect(cluster.jobs().map((job) => [job.key, job.state])).toEqual([['unsure-0', 'running']]);
    await clock.whilePending(cluster.close());
    expect(batch.live()).not.toContain('500');
  });

  it('refuses an unknown name, a corrupt or foreign journal, with clear errors', async () => {
    await expect(JobQueueCluster.attach('nobody')).rejects.toThrow(/no cluster named "nobody"/);
    const { journal } = ClusterJournal.prepare('corrupt');
    writeFileSync(journal.clusterPath, '{"format": "jobqueue-cluster", "vers');
    await expect(JobQueueCluster.attach('corrupt')).rejects.toThrow(/cluster journal .*cluster\.json is not JSON: corrupt, or not written by jobqueue/);
    writeFileSync(journal.clusterPath, JSON.stringify({ some: 'other tool' }));
    await expect(JobQueueCluster.attach('corrupt')).rejects.toThrow(/is not a jobqueue cluster journal of this version/);
    journalOfDeadOwner('theirs', []);
    const record = JSON.parse(readFileSync(join(journalDirectory('theirs'), 'cluster.json'), 'utf8'));
    writeFileSync(join(journalDirectory('theirs'), 'cluster.json'), JSON.stringify({ ...record, uid: 4242 }));
    await expect(JobQueueCluster.attach('theirs')).rejects.toThrow(/cluster theirs belongs to user 4242, not to you/);
  });
});
