import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { SchedulerRecord } from '@jq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, EngineScheduler, restoreScheduler, stopScheduler } from '../src/index.js';
import { exited } from './helpers/engine-harness.js';

const schedulerFixture = new URL('./fixtures/scheduler-process.ts', import.meta.url).pathname;
const started: ChildProcess[] = [];
const schedulers: EngineScheduler[] = [];
afterEach(async () => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
  for (const scheduler of schedulers.splice(0)) await scheduler.close();
});

function track(scheduler: EngineScheduler): EngineScheduler {
  schedulers.push(scheduler);
  return scheduler;
}

describe('record() of the engine scheduler', () => {
  it('before start holds kind, package, options and credentials, but no address', () => {
    const scheduler = track(new EngineScheduler({ httpPort: false, prefetch: 2 }));
    const record = scheduler.record();
    expect(record).toMatchObject({ kind: 'engine', packageName: '@jq/engine', address: '' });
    expect(record.settings).toMatchObject({ format: 'jq-engine-scheduler', version: 1, options: { httpPort: false, prefetch: 2 }, secret: scheduler.workerEnvironment().JQ_ENGINE_SECRET, httpToken: scheduler.httpToken });
    expect(record.settings).not.toHaveProperty('port');
    // The secrets live in their own fields, never among the options.
    expect(record.settings.options).not.toHaveProperty('secret');
  });

  it('after start adds the address and both ports; a restored scheduler listens on them with the same credentials', async () => {
    const first = track(new EngineScheduler());
    await first.start();
    const record = first.record();
    expect(record.address).toBe(first.address);
    expect(record.dashboardUrl).toBe(first.dashboardUrl);
    expect(record.settings.port).toBe(Number(new URL(first.address).port));
    await first.close();
    const second = track(restoreScheduler(record));
    await second.start();
    expect(second.address).toBe(first.address);
    expect(second.dashboardUrl).toBe(first.dashboardUrl);
    expect(second.workerEnvironment()).toEqual(first.workerEnvironment());
    expect(second.httpToken).toBe(first.httpToken);
  });

  it('refuses a record of another scheduler or a damaged one, naming what is wrong', () => {
    const record = track(new EngineScheduler({ httpPort: false })).record();
    expect(() => restoreScheduler({ ...record, kind: 'dask', packageName: '@jq/dask' })).toThrow(/\[jq\/engine\] cannot restore a dask scheduler of @jq\/dask/);
    const damaged: SchedulerRecord = { ...record, settings: { ...record.settings, secret: 'short' } };
    expect(() => restoreScheduler(damaged)).toThrow(/not one this version writes \(settings\/secret must have at least 16 characters\)/);
    expect(() => restoreScheduler({ ...record, settings: { ...record.settings, port: -1 } })).toThrow(/settings\/port must be >= 0/);
  });

  it('with TLS: the successor presents the recorded certificate at the recorded path; stopScheduler removes the key', async () => {
    const first = track(new EngineScheduler({ httpPort: false, tls: true }));
    await first.start();
    const record = first.record();
    const tls = record.settings.tls as { directory: string; certificate: string };
    expect(tls.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
    await first.close();
    expect(existsSync(tls.directory)).toBe(false);
    const second = track(restoreScheduler(record));
    await second.start();
    expect(second.address).toBe(first.address);
    const client = await Client.connect({ address: second.address, token: second.workerEnvironment().JQ_ENGINE_SECRET!, ca: tls.certificate });
    expect(client.scheduler.workers()).toEqual([]);
    await client.close();
    await second.close();
    await stopScheduler(record);
    expect(existsSync(tls.directory)).toBe(false);
  });
});

describe('taking over from a killed owner', () => {
  it('restores the scheduler on the recorded address: the dead owner\'s worker reconnects and runs tasks', async () => {
    const owner = spawn(process.execPath, ['--import', 'tsx', '--conditions=@jq/source', schedulerFixture, '0.25', '30'], { stdio: ['ignore', 'pipe', 'inherit'] });
    started.push(owner);
    const lines = createInterface({ input: owner.stdout! })[Symbol.asyncIterator]();
    const { command, environment, record } = JSON.parse((await lines.next()).value as string) as { command: string[]; environment: Record<string, string>; record: SchedulerRecord };
    const [node, ...args] = command as [string, ...string[]];
    const worker = spawn(node, args, { env: { ...process.env, ...environment }, stdio: ['ignore', 'ignore', 'pipe'] });
    started.push(worker);
    let stderr = '';
    worker.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(JSON.parse((await lines.next()).value as string)).toEqual({ added: 'orphan-0' });

    owner.kill('SIGKILL');
    await exited(owner);
    const successor = track(restoreScheduler(record));
    const reconnected = new Promise<string>((resolve) => successor.once('worker-added', (info) => resolve(info.name)));
    await successor.start();
    expect(successor.address).toBe(record.address);
    expect(await reconnected).toBe('orphan-0');
    const client = new Client(successor);
    const results = await client.gather(client.map((value: number) => value * 3, Array.from({ length: 200 }, (_, index) => index)));
    expect(results.reduce((sum, value) => sum + value, 0)).toBe(3 * 19_900);
    expect(worker.exitCode, stderr).toBeNull();
  });
});
