import { type WorkerInfo, type WorkerLaunch, jobKeyReference } from '@jq/core';
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
  // On loopback unless the test picks an interface (Dask takes one or the other).
  const scheduler = new DaskScheduler({ ...(options.interface === undefined ? { host: '127.0.0.1' } : {}), pollInterval: 200, ...options });
  cleanups.push(() => scheduler.close());
  await scheduler.start();
  return scheduler;
}

/** Runs the worker command the way a job script would, with JQ_JOB_KEY substituted. */
function startWorkers(scheduler: DaskScheduler, jobName: string, processes: number, launch: Partial<WorkerLaunch> = {}) {
  const argv = scheduler
    .workerCommand({ jobKey: jobKeyReference, pool: 'default', processes, threads: 1, memoryLimit: 512 * 2 ** 20, deathTimeout: 30, extraArgs: [], ...launch })
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
    expect(scheduler.address).toMatch(/^tls:\/\/127\.0\.0\.1:\d+$/);
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
    expect(scheduler.workers()[0]).toMatchObject({ status: 'running', threads: 1, memoryLimit: 512 * 2 ** 20 });
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

  it('runs every connection over TLS with a certificate of its own by default, and the printed Python snippet works as is', async () => {
    const scheduler = await startScheduler();
    expect(scheduler.address).toMatch(/^tls:\/\/127\.0\.0\.1:\d+$/);
    const tls = scheduler.tls!;
    const { stdout } = await execa('stat', ['-c', '%a', tls.directory, tls.keyFile, tls.certFile, scheduler.log() ? `${tls.directory}/scheduler.log` : tls.keyFile]);
    expect(stdout.split('\n')).toEqual(['700', '600', '600', '600']);
    const command = scheduler.workerCommand({ jobKey: 'x', pool: 'default', processes: 1, threads: 1, memoryLimit: 2 ** 29, deathTimeout: 30, extraArgs: [] });
    expect(command.slice(-8)).toEqual(['--protocol', 'tls://', '--tls-ca-file', tls.caFile, '--tls-cert', tls.certFile, '--tls-key', tls.keyFile]);
    startWorkers(scheduler, 'secure-1', 1);
    await vi.waitFor(() => expect(scheduler.workers()).toHaveLength(1), { timeout: 60_000, interval: 100 });

    // What a user pastes: the snippet unchanged, then their own code.
    const snippet = scheduler.connection.python;
    expect(snippet).toContain(`client = Client(scheduler_file="${scheduler.schedulerFile}", security=security)`);
    const pasted = `${snippet}print(sum(client.gather(client.map(lambda x: x * 2, range(100)))))\n`;
    const run = await execa(clientPython, ['-'], { input: pasted, timeout: 120_000, reject: false });
    expect(run.stdout.trim(), run.stderr).toBe('9900');

    // Without the cluster's certificate nobody gets in: not in plain TCP, not with a certificate of their own.
    const plain = await execa(clientPython, ['-c', `from distributed import Client; Client("${scheduler.address.replace('tls://', 'tcp://')}", timeout=3)`], {
      reject: false,
      timeout: 60_000,
    });
    expect(plain.exitCode).not.toBe(0);
    const stranger = [
      'from distributed import Client, Security',
      `Client("${scheduler.address}", security=Security.temporary(), timeout=5)`,
    ].join('\n');
    const foreign = await execa(clientPython, ['-c', stranger], { reject: false, timeout: 60_000 });
    expect(foreign.exitCode).not.toBe(0);
    expect(foreign.stderr).toMatch(/CERTIFICATE_VERIFY_FAILED|certificate|Timed out/i);

    await scheduler.close();
    await expect(execa('test', ['-e', tls.directory], { reject: false })).resolves.toMatchObject({ exitCode: 1 });
  });

  it('answers its /jq/v1 HTTP routes only with the cluster token, on loopback', async () => {
    const scheduler = await startScheduler();
    expect(scheduler.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const authorization of [undefined, 'Bearer wrong-token']) {
      const answer = await fetch(`${scheduler.httpUrl}/jq/v1/adaptive_target`, authorization ? { headers: { authorization } } : {});
      expect(answer.status).toBe(401);
      const retire = await fetch(`${scheduler.httpUrl}/jq/v1/retire_workers`, { method: 'POST', body: '{"workers": []}', ...(authorization ? { headers: { authorization } } : {}) });
      expect(retire.status).toBe(401);
    }
    expect((await fetch(`${scheduler.httpUrl}/api/v1/retire_workers`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect(await scheduler.adaptiveTarget()).toBe(0);
  });

  it('with security: false speaks plain TCP and warns once', async () => {
    const warnings: Error[] = [];
    const listener = (warning: Error) => warnings.push(warning);
    process.on('warning', listener);
    cleanups.push(async () => process.off('warning', listener));
    const scheduler = await startScheduler({ security: false });
    await startScheduler({ security: false });
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((warning) => [(warning as Error & { code?: string }).code, warning.message])).toEqual([
      ['JQ_DASK_INSECURE', '[jq/dask] security: false — the Dask scheduler accepts anyone who can reach its port, and any Dask client can run code as you'],
    ]);
    expect(scheduler.address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(scheduler.tls).toBeUndefined();
    expect(scheduler.connection.python).toBe(`from distributed import Client\n\nclient = Client(scheduler_file="${scheduler.schedulerFile}")\n`);
    startWorkers(scheduler, 'plain-1', 1);
    await vi.waitFor(() => expect(scheduler.workers()).toHaveLength(1), { timeout: 60_000, interval: 100 });
    const run = await execa(clientPython, ['-'], { input: `${scheduler.connection.python}print(client.submit(lambda: 7).result())\n`, timeout: 120_000 });
    expect(run.stdout.trim()).toBe('7');
  });

  it('places GPU tasks only on workers whose pool declares GPUs (Dask worker resources)', async () => {
    const scheduler = await startScheduler();
    startWorkers(scheduler, 'gpu-1', 1, { gpus: 1 });
    startWorkers(scheduler, 'cpu-1', 1);
    await vi.waitFor(() => expect(scheduler.workers()).toHaveLength(2), { timeout: 60_000, interval: 100 });
    const program = [
      scheduler.connection.python,
      'import json',
      'from distributed import get_worker',
      'where = lambda i: get_worker().name',
      'gpu = client.gather(client.map(where, range(40), resources={"GPU": 1}, pure=False))',
      'anywhere = client.gather(client.map(where, range(200), pure=False))',
      'resources = {w["name"]: w["resources"] for w in client.scheduler_info()["workers"].values()}',
      'print(json.dumps({"gpu": sorted(set(gpu)), "anywhere": sorted(set(anywhere)), "resources": resources}))',
    ].join('\n');
    const run = await execa(clientPython, ['-'], { input: program, timeout: 120_000 });
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { gpu: string[]; anywhere: string[]; resources: Record<string, Record<string, number>> };
    expect(result.gpu).toEqual(['gpu-1']);
    expect(result.resources).toEqual({ 'gpu-1': { CPU: 1, MEMORY: 512 * 2 ** 20, GPU: 1 }, 'cpu-1': { CPU: 1, MEMORY: 512 * 2 ** 20 } });
    expect(result.anywhere.length).toBeGreaterThanOrEqual(1);
  });

  it('listens on the interface it is given when this host has it, else on every address with a note', async () => {
    const onLoopback = await startScheduler({ interface: 'lo' });
    expect(onLoopback.address).toMatch(/^tls:\/\/127\.0\.0\.1:\d+$/);

    const warnings: string[] = [];
    const listener = (warning: Error) => warnings.push(warning.message);
    process.on('warning', listener);
    cleanups.push(async () => process.off('warning', listener));
    const everywhere = await startScheduler({ interface: 'jqabsent0' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([expect.stringMatching(/^\[jq\/dask\] interface jqabsent0 is not on this host \(it has lo, .+\): the Dask scheduler listens on every address instead/)]);
    const listening = await execa('ss', ['-Hltn', `sport = :${everywhere.address.split(':').at(-1)}`]);
    expect(listening.stdout).toMatch(/(\*|0\.0\.0\.0|\[::\]):\d+/);
    startWorkers(everywhere, 'anywhere-1', 1, { interface: 'lo' });
    await vi.waitFor(() => expect(everywhere.workers()).toHaveLength(1), { timeout: 60_000, interval: 100 });
    const run = await execa(clientPython, ['-'], { input: `${everywhere.connection.python}print(client.submit(lambda: 5).result())\n`, timeout: 120_000 });
    expect(run.stdout.trim()).toBe('5');
  });
});
