import { jobKeyReference } from '@jq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { adaptiveTarget, EngineScheduler, workerEntryPath } from '../src/index.js';
import { parseWorkerCommandLine, workerTlsCa } from '../src/worker/worker-command-line.js';
import { WorkerResources } from '../src/worker/worker-resources.js';
import { FakeWorker } from './helpers/fake-worker.js';

let scheduler: EngineScheduler | undefined;
afterEach(async () => scheduler?.close());

const launch = { jobKey: jobKeyReference, pool: 'default', processes: 2, threads: 4, memoryLimit: 2_000_000_000, deathTimeout: 60, extraArgs: ['--extra'] };

describe('worker command', () => {
  it('is node + the absolute worker entry + address and flags; the secret stays in the environment', async () => {
    scheduler = new EngineScheduler({ httpPort: false, node: '/opt/node/bin/node', secret: 's3cret' });
    await scheduler.start();
    const argv = scheduler.workerCommand({ ...launch, lifetime: 3600, lifetimeStagger: 60 });
    expect(argv[0]).toBe('/opt/node/bin/node');
    // Tests run from source, so the worker goes through tsx with the source condition.
    expect(argv.slice(1, 5)).toEqual(['--import', expect.stringMatching(/^file:\/\/.*tsx.*loader\.mjs$/), '--conditions=@jq/source', workerEntryPath]);
    expect(workerEntryPath).toMatch(/^\/.*worker-main\.ts$/);
    expect(argv.slice(5)).toEqual([
      scheduler.address,
      '--name', jobKeyReference,
      '--pool', 'default',
      '--nthreads', '4',
      '--memory-limit', '2000000000',
      '--death-timeout', '60',
      '--nworkers', '2',
      '--thread-idle-timeout', '10',
      '--lifetime', '3600',
      '--lifetime-stagger', '60',
      '--extra',
    ]);
    expect(scheduler.address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    const withGpus = scheduler.workerCommand({ ...launch, pool: 'gpu', gpus: 2 });
    expect(withGpus.slice(withGpus.indexOf('--pool'), withGpus.indexOf('--pool') + 2)).toEqual(['--pool', 'gpu']);
    expect(withGpus.slice(withGpus.indexOf('--gpus'), withGpus.indexOf('--gpus') + 2)).toEqual(['--gpus', '2']);
    expect(scheduler.workerEnvironment()).toEqual({ JQ_ENGINE_SECRET: 's3cret' });
    expect(scheduler.workerTuning()).toEqual({ MALLOC_TRIM_THRESHOLD_: '65536' });
    expect(argv.join(' ')).not.toContain('s3cret');
    // behind a tunnel (an SSH runner's reverse forward), workers dial its far end instead
    const tunnelled = scheduler.workerCommand({ ...launch, schedulerAddress: 'tcp://login1:40000' });
    expect(tunnelled[5]).toBe('tcp://login1:40000');
  });

  it('is parsed back by jq-worker, and bad arguments are named', () => {
    const parsed = parseWorkerCommandLine(['tcp://10.0.0.5:4000', '--name', 'c-3', '--pool', 'gpu', '--gpus', '2', '--nthreads', '4', '--memory-limit', '1e9', '--lifetime', '60']);
    expect(parsed).toMatchObject({ host: '10.0.0.5', port: 4000, jobKey: 'c-3', pool: 'gpu', gpus: 2, threads: 4, memoryLimit: 1e9, processes: 1, lifetime: 60, deathTimeout: 60, threadIdleTimeout: 10 });
    expect(parseWorkerCommandLine(['tcp://h:1', '--name', 'x'])).toMatchObject({ pool: undefined, gpus: undefined });
    expect(() => parseWorkerCommandLine(['tcp://h:1', '--name', 'x', '--gpus', '0'])).toThrow(/--gpus: expected a number >= 1, got "0"/);
    expect(parseWorkerCommandLine(['tcp://[::1]:4000', '--name', 'x']).host).toBe('::1');
    expect(parseWorkerCommandLine(['tls://node1:4000', '--name', 'x', '--tls-ca', '/d/ca.pem'])).toMatchObject({ host: 'node1', port: 4000, tlsCaPath: '/d/ca.pem' });
    // Without --tls-ca the certificate comes from the environment (what job scripts carry); with neither, a clear error.
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const noFile = (path: string): Buffer => {
      throw new Error(`read ${path}`);
    };
    const fromEnvironment = parseWorkerCommandLine(['tls://node1:4000', '--name', 'x']);
    expect(workerTlsCa(fromEnvironment, { JQ_ENGINE_TLS_CA: pem }, noFile)?.toString()).toBe(pem);
    expect(() => workerTlsCa(fromEnvironment, {}, noFile)).toThrow(/--tls-ca: expected the scheduler's certificate with a tls:\/\/ address: a file, or the PEM in \$JQ_ENGINE_TLS_CA/);
    expect(workerTlsCa(parseWorkerCommandLine(['tls://node1:4000', '--name', 'x', '--tls-ca', '/d/ca.pem']), { JQ_ENGINE_TLS_CA: pem }, () => Buffer.from('from the file'))?.toString()).toBe('from the file');
    expect(workerTlsCa(parseWorkerCommandLine(['tcp://node1:4000', '--name', 'x']), { JQ_ENGINE_TLS_CA: pem }, noFile)).toBeUndefined();
    expect(() => parseWorkerCommandLine(['tcp://node1:4000', '--name', 'x', '--tls-ca', '/d/ca.pem'])).toThrow(/--tls-ca/);
    expect(() => parseWorkerCommandLine(['tcp://h:1', '--name', 'x', '--death-timeout', '0'])).toThrow(/--death-timeout: expected a number > 0/);
    expect(() => parseWorkerCommandLine(['tcp://h:1', '--name', 'x', '--nthreads', '0'])).toThrow(/--nthreads: expected a number >= 1, got "0"/);
    expect(() => parseWorkerCommandLine(['http://h:1', '--name', 'x'])).toThrow(/address: expected tcp:\/\/HOST:PORT or tls:\/\/HOST:PORT/);
    expect(() => parseWorkerCommandLine(['tcp://h:1'])).toThrow(/--name/);
    expect(() => parseWorkerCommandLine(['tcp://h:1', '--name', 'x', '--bogus'])).toThrow(/bogus/);
  });
});

describe('adaptive target', () => {
  const load = { queued: 0, running: 0, workerThreads: [1, 1], busyWorkers: 0, taskSeconds: 1, targetDuration: 5 };

  it('is 0 when idle and grows with outstanding work', () => {
    expect(adaptiveTarget(load)).toBe(0);
    expect(adaptiveTarget({ ...load, queued: 3 })).toBe(1); // 3 s of work fits in 5 s on one worker
    expect(adaptiveTarget({ ...load, queued: 100 })).toBe(20); // 100 s / 5 s
    expect(adaptiveTarget({ ...load, queued: 100, workerThreads: [4, 4] })).toBe(5); // 4 threads per worker
  });

  it('never asks for more workers than tasks, nor fewer than busy workers', () => {
    expect(adaptiveTarget({ ...load, queued: 3, taskSeconds: 600 })).toBe(3);
    expect(adaptiveTarget({ ...load, running: 1, busyWorkers: 2 })).toBe(2);
  });

  it('is served with the workers and health over HTTP, to requests that carry the token', async () => {
    scheduler = new EngineScheduler();
    await scheduler.start();
    const base = (scheduler.dashboardUrl as string).replace(/\/$/, '');
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const authorization = { authorization: `Bearer ${scheduler.httpToken}` };
    const get = async (path: string): Promise<unknown> => (await fetch(`${base}${path}`, { headers: authorization })).json();
    expect(await get('/health')).toEqual({ status: 'ok' });
    expect(await get('/api/v1/adaptive_target')).toEqual({ workers: 0 });
    const worker = await FakeWorker.connect(scheduler.address);
    await worker.handshake(scheduler.workerEnvironment().JQ_ENGINE_SECRET as string, 'web-0', 2);
    scheduler.submitTasks(Array.from({ length: 30 }, () => ({ spec: { kind: 'function' as const, source: '() => 1', args: [] }, settle: () => undefined })));
    // 30 tasks × 0.5 s (no durations observed yet) / 5 s / 2 threads
    expect(await get('/api/v1/adaptive_target')).toEqual({ workers: 2 });
    expect(await get('/api/v1/workers')).toEqual({
      workers: [{ name: 'web-0', jobKey: 'web', status: 'running', threads: 2, memoryLimit: 0, runningTasks: expect.any(Number), host: 'test' }],
    });
    expect((await fetch(`${base}/nothing`, { headers: authorization })).status).toBe(404);
    expect((await fetch(`${base}/health`, { method: 'POST', headers: authorization })).status).toBe(405);
  });
});

describe('worker memory limit', () => {
  it('pauses above 80 % and says over-limit above 95 %, of the whole process; no limit means never', () => {
    const rss = process.memoryUsage.rss();
    const nearLimit = new WorkerResources(rss / 0.87);
    expect(nearLimit.sampleMemory()).toBe('paused');
    expect(nearLimit.heartbeat()).toMatchObject({ paused: true });
    expect(new WorkerResources(rss * 2).sampleMemory()).toBeUndefined();
    expect(new WorkerResources(1).sampleMemory()).toBe('over-limit');
    const unlimited = new WorkerResources(0);
    expect(unlimited.sampleMemory()).toBeUndefined();
    expect(unlimited.heartbeat().rss).toBeGreaterThan(0);
  });
});
