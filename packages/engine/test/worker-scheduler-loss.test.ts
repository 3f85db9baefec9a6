import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { exited } from './helpers/engine-harness.js';

const schedulerFixture = new URL('./fixtures/scheduler-process.ts', import.meta.url).pathname;
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) {
    // A frozen process must be woken to act on anything but SIGKILL; SIGKILL it anyway.
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
});

/** A scheduler process and one real worker registered with it. */
async function schedulerWithWorker(pingInterval: number, deathTimeout: number): Promise<{ scheduler: ChildProcess; worker: ChildProcess; stderr: () => string }> {
  const scheduler = spawn(process.execPath, ['--import', 'tsx', '--conditions=@jq/source', schedulerFixture, String(pingInterval), String(deathTimeout)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  started.push(scheduler);
  const lines = createInterface({ input: scheduler.stdout! })[Symbol.asyncIterator]();
  const { command, environment } = JSON.parse((await lines.next()).value as string) as { command: string[]; environment: Record<string, string> };
  expect(command.some((word) => word.includes(environment.JQ_ENGINE_SECRET as string))).toBe(false);
  const [node, ...args] = command.map((word) => word.replaceAll('\u0000jq-job-name\u0000', 'orphan')) as [string, ...string[]];
  const worker = spawn(node, args, { env: { ...process.env, ...environment }, stdio: ['ignore', 'ignore', 'pipe'] });
  started.push(worker);
  let stderr = '';
  worker.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  expect(JSON.parse((await lines.next()).value as string)).toEqual({ added: 'orphan-0' });
  return { scheduler, worker, stderr: () => stderr };
}

/** Milliseconds until `child` exits, failing after `limit` ms. */
async function exitWithin(child: ChildProcess, limit: number): Promise<{ code: number | NodeJS.Signals; elapsed: number }> {
  const start = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    exited(child),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still running after ${limit} ms`)), limit))),
  ]).finally(() => clearTimeout(timer));
  return { code, elapsed: Date.now() - start };
}

describe('a worker whose scheduler is lost exits after deathTimeout', () => {
  it('when the scheduler process is killed (connection refused from then on)', async () => {
    const { scheduler, worker, stderr } = await schedulerWithWorker(0.25, 1);
    scheduler.kill('SIGKILL');
    const { code, elapsed } = await exitWithin(worker, 1_000 + 30_000);
    expect(code).toBe(1);
    // Silence counts from the last ping, at most one ping interval before the kill.
    expect(elapsed).toBeGreaterThanOrEqual(1_000 - 250 - 50);
    expect(stderr()).toMatch(/no scheduler .* \(unreachable, deathTimeout 1s\); exiting/);
  });

  it('when the scheduler is frozen (SIGSTOP): the connection stays open but no frame comes', async () => {
    // deathTimeout 5 s against pings every 0.25 s: a busy machine delays a ping by seconds, not by 20 of them.
    const { scheduler, worker, stderr } = await schedulerWithWorker(0.25, 5);
    // Idle for longer than deathTimeout: only the pings keep the worker from leaving.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(worker.exitCode).toBeNull();
    scheduler.kill('SIGSTOP');
    const { code, elapsed } = await exitWithin(worker, 5_000 + 30_000);
    expect(code).toBe(1);
    // Not before the death timeout (less the last ping's age); the upper bound is only exitWithin's hang guard.
    expect(elapsed).toBeGreaterThanOrEqual(5_000 - 250 - 50);
    expect(stderr()).toMatch(/no scheduler .* \(connected but silent, deathTimeout 5s\); exiting/);
  });
});
