import { type WorkerInfo, jobKeyReference } from '@jq/core';
import { execa } from 'execa';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DaskScheduler } from '../../src/index.js';
import { clientPython, runPythonClient } from './support/dask-client.js';
import { processTree, stillRunning } from './support/process-table.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startScheduler(options: ConstructorParameters<typeof DaskScheduler>[0] = {}) {
  const scheduler = new DaskScheduler({ host: '127.0.0.1', pollInterval: 200, ...options });
  cleanups.push(() => scheduler.close());
  await scheduler.start();
  return scheduler;
}

/** Runs the worker command the way a job script would, with JQ_JOB_KEY substituted. */
function startWorkers(scheduler: DaskScheduler, jobName: string, processes: number) {
  const argv = scheduler
    .workerCommand({ jobKey: jobKeyReference, pool: 'default', processes, threads: 1, memoryLimit: 512 * 2 ** 20, deathTimeout: 30, extraArgs: [] })
    .map((word) => word.replaceAll(jobKeyReference, jobName));
  const [python, ...args] = argv;
  const job = execa(python!, args, { stdin: 'ignore', stdout: 'ignore', stderr: 'ignore', reject: false, cleanup: true });
  cleanups.push(async () => {
    job.kill('SIGTERM');
    await job;
  });
  return job;
}

describe('DaskScheduler with a real Dask 2022.12 scheduler', () => {
  it('starts, takes workers from its worker command, serves a Python client, and close() leaves no Python', async () => {
    const scheduler = await startScheduler();
    expect(scheduler.address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(scheduler.dashboardUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/status$/);
    expect(scheduler.version).toMatch(/^2022\.12/);
    const health = await fetch(`${scheduler.httpUrl}/health`);
    expect(await health.text()).toBe('ok');

    const added: WorkerInfo[] = [];
    scheduler.on('worker-added', (worker) => added.push(worker));
    startWorkers(scheduler, 'direct-1', 2);
    await vi.waitFor(() => expect(scheduler.workers()).toHaveLength(2), { timeout: 60_000, interval: 100 });
    expect(scheduler.workers().map((worker) => [worker.name, worker.jobKey]).sort()).toEqual([
      ['direct-1-0', 'direct-1'],
      ['direct-1-1', 'direct-1'],
    ]);
    expect(scheduler.workers()[0]).toMatchObject({ status: 'running', threads: 1, memoryLimit: 512 * 2 ** 20, host: '127.0.0.1' });
    expect(added.map((worker) => worker.name).sort()).toEqual(['direct-1-0', 'direct-1-1']);
    expect(await scheduler.adaptiveTarget()).toBe(0);
    expect(await scheduler.adaptiveTarget({ targetDuration: 2 })).toBe(0);

    expect(await runPythonClient(scheduler, 'compute', 1000)).toEqual({ single: 2, count: 1000, sum: 500_500 });

    const daskProcesses = processTree([scheduler.address], [scheduler.pid!]);
    expect(daskProcesses.filter((process) => process.commandLine.startsWith(clientPython)).length).toBeGreaterThanOrEqual(4);
    const removed: string[] = [];
    scheduler.on('worker-removed', (worker, reason) => removed.push(`${worker.name}:${reason}`));
    await scheduler.close();
    expect(removed.sort()).toEqual(['direct-1-0:closed', 'direct-1-1:closed']);
    expect(scheduler.workers()).toEqual([]);
    await vi.waitFor(() => expect(stillRunning(daskProcesses)).toEqual([]), { timeout: 30_000, interval: 100 });
  });

  it('retires workers through the HTTP API and keeps a nanny-restarted one out of the pool', async () => {
    const scheduler = await startScheduler();
    startWorkers(scheduler, 'direct-2', 1);
    await vi.waitFor(() => expect(scheduler.workers().map((worker) => worker.name)).toEqual(['direct-2']), { timeout: 60_000, interval: 100 });
    const removed: string[] = [];
    const added: string[] = [];
    scheduler.on('worker-removed', (worker, reason) => removed.push(`${worker.name}:${reason}`));
    scheduler.on('worker-added', (worker) => added.push(worker.name));

    await scheduler.retireWorkers(['direct-2', 'no-such-worker']);
    expect(removed).toEqual(['direct-2:retired']);
    // Its nanny restarts it under the same name; until the job is cancelled it shows as retiring.
    await vi.waitFor(() => expect(scheduler.workers()).toMatchObject([{ name: 'direct-2', status: 'retiring' }]), { timeout: 30_000, interval: 100 });
    expect(added).toEqual([]);
  });

  it('runs every connection over TLS with security: true', async () => {
    const scheduler = await startScheduler({ security: true });
    expect(scheduler.address).toMatch(/^tls:\/\/127\.0\.0\.1:\d+$/);
    const tls = scheduler.tls!;
    const { stdout } = await execa('stat', ['-c', '%a', tls.directory, tls.keyFile]);
    expect(stdout.split('\n')).toEqual(['700', '600']);
    const command = scheduler.workerCommand({ jobKey: 'x', pool: 'default', processes: 1, threads: 1, memoryLimit: 2 ** 29, deathTimeout: 30, extraArgs: [] });
    expect(command.slice(-8)).toEqual(['--protocol', 'tls://', '--tls-ca-file', tls.caFile, '--tls-cert', tls.certFile, '--tls-key', tls.keyFile]);

    startWorkers(scheduler, 'secure-1', 1);
    await vi.waitFor(() => expect(scheduler.workers()).toHaveLength(1), { timeout: 60_000, interval: 100 });
    expect(await runPythonClient(scheduler, 'compute', 10)).toEqual({ single: 2, count: 10, sum: 55 });
    const plain = await execa(clientPython, ['-c', `from distributed import Client; Client("${scheduler.address.replace('tls://', 'tcp://')}", timeout=3)`], {
      reject: false,
      timeout: 60_000,
    });
    expect(plain.exitCode).not.toBe(0);

    await scheduler.close();
    await expect(execa('test', ['-e', tls.directory], { reject: false })).resolves.toMatchObject({ exitCode: 1 });
  });
});
