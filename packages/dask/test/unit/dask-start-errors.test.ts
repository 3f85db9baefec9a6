import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobQueueError } from '@jq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { DaskError, DaskScheduler, findDaskPython } from '../../src/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<DaskError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(JobQueueError.isInstance(error)).toBe(true);
  return error as DaskError;
}

const launch = { jobKey: 'x', pool: 'default', processes: 1, threads: 1, memoryLimit: 1e9, deathTimeout: 60, extraArgs: [] };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('finding Python', () => {
  it('reports a Python that cannot be run', async () => {
    const error = await failure(findDaskPython(['/nonexistent/python3']));
    expect(error.reason).toBe('python-not-found');
    expect(error.code).toBe('JQ_CONFIG_INVALID');
    expect(error.message).toMatch(/^\[jq\/dask\] no Python interpreter could be run; tried \/nonexistent\/python3 \(.*ENOENT/);
  });

  it("reports a Python without distributed, with Python's own error", async () => {
    const error = await failure(findDaskPython(['/nonexistent/python3', fixture('python-without-distributed')]));
    expect(error.reason).toBe('distributed-missing');
    expect(error.code).toBe('JQ_CONFIG_INVALID');
    expect(error.message).toContain('tried /nonexistent/python3, ');
    expect(error.message).toContain('apt-get install python3-distributed');
    expect(error.message).toContain("ModuleNotFoundError: No module named 'distributed'");
  });

  it('takes the first Python that imports distributed, with its version and default routes', async () => {
    const python = await findDaskPython([fixture('python-without-distributed'), fixture('python-scheduler-crashes')]);
    expect(python).toEqual({ python: fixture('python-scheduler-crashes'), version: '2022.12.1', routes: ['distributed.http.health'] });
  });
});

describe('starting the scheduler', () => {
  it('fails start() for a Python without distributed', async () => {
    const scheduler = new DaskScheduler({ python: fixture('python-without-distributed') });
    expect((await failure(scheduler.start())).reason).toBe('distributed-missing');
    await scheduler.close();
  });

  it("shows the scheduler's stderr when it exits at start-up", async () => {
    const scheduler = new DaskScheduler({ python: fixture('python-scheduler-crashes') });
    const error = await failure(scheduler.start());
    expect(error.reason).toBe('scheduler-exited');
    expect(error.code).toBe('JQ_COMMAND_FAILED');
    expect(error.message).toMatch(/^\[jq\/dask\] `.*python-scheduler-crashes -m distributed.cli.dask_scheduler` exited with 2 before it was ready:/);
    expect(error.message).toContain('OSError: [Errno 98] Address already in use (fake scheduler, args: -m distributed.cli.dask_scheduler --port 0');
    expect(() => scheduler.address).toThrow(/not started/);
    await scheduler.close();
  });

  it('gives up after startTimeout, stops the process and shows its log', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'jq-dask-unit-'));
    directories.push(directory);
    const pidFile = join(directory, 'pid');
    const scheduler = new DaskScheduler({ python: fixture('python-scheduler-hangs'), startTimeout: 1, environment: { FAKE_PID_FILE: pidFile } });
    const error = await failure(scheduler.start());
    expect(error.reason).toBe('scheduler-timeout');
    expect(error.code).toBe('JQ_TIMEOUT');
    expect(error.message).toContain('wrote no scheduler file within 1s');
    expect(error.message).toContain('fake scheduler starting, routes=["distributed.http.health","jq_dask_http"]');
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });

  it('refuses to be used before start() and after close()', async () => {
    const scheduler = new DaskScheduler();
    expect(() => scheduler.address).toThrow(/\[jq\/dask\] the Dask scheduler is not started; await start\(\) first/);
    await expect(scheduler.adaptiveTarget()).rejects.toThrow(/not started/);
    expect(scheduler.workers()).toEqual([]);
    await scheduler.close();
    await expect(scheduler.start()).rejects.toThrow(/start\(\) after close\(\)/);
    expect(() => scheduler.workerCommand(launch)).toThrow(/\[jq\/dask\] the Dask scheduler is closed/);
  });

  it('shows placeholders for Python and address in a job script rendered before start(), and the TLS files start() writes', () => {
    const scheduler = new DaskScheduler();
    const argv = scheduler.workerCommand(launch);
    expect(argv.slice(0, 4)).toEqual(['/usr/bin/python3', '-m', 'distributed.cli.dask_worker', 'tls://<insert-scheduler-address-here>:8786']);
    const tls = scheduler.tls!;
    expect(tls.directory).toMatch(new RegExp(`^${process.env.XDG_STATE_HOME}/jobqueue/dask/jq-dask-[\\w-]{12}$`));
    expect(argv.slice(-8)).toEqual(['--protocol', 'tls://', '--tls-ca-file', tls.caFile, '--tls-cert', tls.certFile, '--tls-key', tls.keyFile]);
    expect(new DaskScheduler().tls!.directory).not.toBe(tls.directory);
    expect(new DaskScheduler({ python: '/opt/py/bin/python', workerPython: '/nodes/py' }).workerCommand(launch)[0]).toBe('/nodes/py');
    // behind a tunnel (an SSH runner's reverse forward), workers dial its far end instead
    expect(scheduler.workerCommand({ ...launch, schedulerAddress: 'tls://login1:40000' })[3]).toBe('tls://login1:40000');
  });
});
