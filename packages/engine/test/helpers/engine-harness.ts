import { spawn, type ChildProcess } from 'node:child_process';
import type { WorkerLaunch } from '@jq/core';
import { vi } from 'vitest';
import { Client, EngineScheduler, type EngineSchedulerOptions } from '../../src/index.js';

/** A scheduler, a client and worker processes started directly (no batch system). */
export class EngineHarness {
  readonly scheduler: EngineScheduler;
  readonly client: Client;
  readonly processes: ChildProcess[] = [];
  /** stderr of every worker, for failure messages. */
  readonly logs: string[] = [];

  constructor(options: EngineSchedulerOptions = {}) {
    this.scheduler = new EngineScheduler({ httpPort: false, ...options });
    this.client = new Client(this.scheduler);
  }

  async start(): Promise<this> {
    await this.scheduler.start();
    return this;
  }

  /** Starts one `jq-worker` process exactly as a job script would (command from the scheduler, secret in env). */
  spawnWorker(jobKey: string, launch: Partial<WorkerLaunch> = {}, environment: Record<string, string> = {}): ChildProcess {
    const argv = this.scheduler.workerCommand({ jobKey, pool: 'default', processes: 1, threads: 1, memoryLimit: 0, deathTimeout: 10, extraArgs: [], ...launch });
    const [command, ...args] = argv as [string, ...string[]];
    const child = spawn(command, args, { env: { ...process.env, ...this.scheduler.workerEnvironment(), ...environment }, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => this.logs.push(chunk.toString()));
    this.processes.push(child);
    return child;
  }

  /** Starts `count` single-thread workers and waits (bounded) until all have registered. */
  async startWorkers(count: number, launch: Partial<WorkerLaunch> = {}): Promise<ChildProcess[]> {
    const first = this.processes.length;
    const started = Array.from({ length: count }, (_, index) => this.spawnWorker(`job-${first + index}`, launch));
    await this.waitForWorkerCount(this.scheduler.workers().length + count);
    return started;
  }

  async waitForWorkerCount(count: number): Promise<void> {
    await vi.waitFor(
      () => {
        if (this.scheduler.workers().length !== count) throw new Error(`have ${this.scheduler.workers().length} workers, want ${count}\n${this.logs.join('')}`);
      },
      { timeout: 150_000, interval: 20 },
    );
  }

  /** Kills every worker process and closes the scheduler. */
  async stop(): Promise<void> {
    for (const child of this.processes) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(this.processes.map((child) => exited(child)));
    await this.scheduler.close();
  }
}

/** Resolves with the exit code (or signal) once the process has exited. */
export function exited(child: ChildProcess): Promise<number | NodeJS.Signals> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal as NodeJS.Signals))));
}
