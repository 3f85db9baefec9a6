// The owner of a Dask scheduler killed outright (SIGKILL: nothing of it runs any more) and
// another process restoring the scheduler from its record: it takes over the scheduler
// that lives on, or — when that died too — starts one on the same address with the same
// certificate, so what knew the old one (job scripts, a user's snippet) still works.
import { readFileSync } from 'node:fs';
import type { SchedulerRecord } from '@jq/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DaskScheduler, daskConnectionOf, restoreScheduler } from '../../src/index.js';
import { isDaskScheduler } from '../../src/dask-adopted-process.js';
import { runAfterSnippet, thousandTaskMap } from './support/dask-client.js';
import { StartedProcesses, firstJsonLine } from './support/dask-processes.js';
import { processTree, stillRunning } from './support/process-table.js';

const ownerProgram = new URL('./support/dask-owner.ts', import.meta.url).pathname;
const started = new StartedProcesses();
const restored: DaskScheduler[] = [];
const waitOptions = { timeout: 60_000, interval: 200 };

afterEach(async () => {
  for (const scheduler of restored.splice(0)) await scheduler.close();
  started.stopAll();
}, 240_000);

/** An owner process with a running scheduler and one worker connected to it. */
async function ownerWithWorker() {
  const owner = started.typescript(ownerProgram, [JSON.stringify({ host: '127.0.0.1', pollInterval: 200 })]);
  const { record, worker } = await firstJsonLine<{ record: SchedulerRecord; worker: string[] }>(owner);
  const schedulerPid = (record.settings.process as { pid: number }).pid;
  started.adopt(schedulerPid);
  const workerProcess = started.command(worker);
  const connection = daskConnectionOf(record);
  // The worker is in once a task runs on it.
  expect(await runAfterSnippet(connection, 'print(client.submit(lambda: 1).result())')).toBe('1');
  return { owner, record, worker, workerProcess, schedulerPid, connection };
}

/** SIGKILL, and wait until the process is gone. */
async function killOutright(pid: number) {
  process.kill(pid, 'SIGKILL');
  await vi.waitFor(() => expect(isAlive(pid)).toBe(false), waitOptions);
}

function isAlive(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('restoreScheduler after the owner was killed', () => {
  it('takes over the scheduler that lives on, with its workers, and close() ends it', { timeout: 300_000 }, async () => {
    const { owner, record, schedulerPid, connection } = await ownerWithWorker();
    const daskProcesses = processTree([record.address], [schedulerPid]);
    await killOutright(owner.pid!);
    expect(isDaskScheduler({ pid: schedulerPid, schedulerFile: connection.schedulerFile })).toBe(true);

    const scheduler = restoreScheduler(record);
    restored.push(scheduler);
    await scheduler.start();
    expect(scheduler.adopted).toBe(true);
    expect(scheduler.pid).toBe(schedulerPid);
    expect(scheduler.address).toBe(record.address);
    await vi.waitFor(() => expect(scheduler.workers().map((worker) => worker.name)).toEqual(['owned-1']), waitOptions);
    expect(await scheduler.adaptiveTarget()).toBe(0);
    expect(scheduler.log()).toContain('Scheduler at:');
    expect(await runAfterSnippet(scheduler.connection, thousandTaskMap)).toBe('500500');
    expect(scheduler.record()).toMatchObject({ address: record.address, settings: { process: { pid: schedulerPid }, tls: record.settings.tls } });

    await scheduler.close();
    await vi.waitFor(() => expect(stillRunning(daskProcesses)).toEqual([]), waitOptions);
  });

  it('starts a scheduler on the same address with the same certificate when the old one died too', { timeout: 300_000 }, async () => {
    const { owner, record, worker, schedulerPid, connection } = await ownerWithWorker();
    const certificate = readFileSync(connection.tls!.certFile, 'utf8');
    await killOutright(owner.pid!);
    await killOutright(schedulerPid);

    const scheduler = restoreScheduler(record);
    restored.push(scheduler);
    await scheduler.start();
    expect(scheduler.adopted).toBe(false);
    expect(scheduler.pid).not.toBe(schedulerPid);
    expect(scheduler.address).toBe(record.address);
    expect(readFileSync(scheduler.tls!.certFile, 'utf8')).toBe(certificate);
    // A job script written for the old scheduler (a queued job starting now) and the snippet the user was shown still work.
    started.command(worker);
    await vi.waitFor(() => expect(scheduler.workers().map((info) => info.name)).toEqual(['owned-1']), waitOptions);
    expect(await runAfterSnippet(connection, thousandTaskMap)).toBe('500500');
    const daskProcesses = processTree([record.address], [scheduler.pid!]);
    await scheduler.close();
    await vi.waitFor(() => expect(stillRunning(daskProcesses)).toEqual([]), waitOptions);
  });
});
