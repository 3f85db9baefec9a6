import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DaskError } from './dask-errors.js';
import { logTail } from './dask-scheduler-log.js';

/** What the scheduler writes into its `--scheduler-file` (Dask's format, read by `Client(scheduler_file=…)`). */
export interface DaskSchedulerIdentity {
  /** The scheduler's unique id (`Scheduler-<uuid>`). */
  id: string;
  /** Address workers and clients connect to. */
  address: string;
  /** Service ports, `dashboard` among them. */
  services: Record<string, number>;
}

/** How to run `dask scheduler`. */
export interface DaskSchedulerProcessSpec {
  python: string;
  /** Arguments after `-m distributed.cli.dask_scheduler`; must include `--scheduler-file <schedulerFile>`. */
  args: string[];
  schedulerFile: string;
  /** Where its stdout and stderr go (Dask logs to stderr): a file, so the log outlives this process. */
  logFile: string;
  environment: Record<string, string>;
  /** Seconds to wait for the scheduler file. */
  startTimeout: number;
}

/** A scheduler process this cluster manages: one it started, or one a dead owner left running. */
export interface DaskSchedulerHandle {
  /** Process id. */
  readonly pid: number | undefined;
  /** The end of its log. */
  log(): string;
  /** Stops it (SIGTERM, SIGKILL after 10 s) and resolves once it is gone. */
  stop(): Promise<void>;
}

const fileCheckInterval = 50;

/** How the child ended. */
interface Ending {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

/** Seconds a scheduler has to obey SIGTERM before SIGKILL. */
const killGrace = 10_000;

/**
 * A `dask scheduler` child process: started, waited for, stopped. Its output goes
 * straight to a log file (no pipe through this process), so it keeps running, and
 * logging, when this process is killed outright; the next owner takes it over.
 */
export class DaskSchedulerProcess implements DaskSchedulerHandle {
  private ending: Ending | undefined;
  private readonly child: ChildProcess;
  private readonly ended: Promise<Ending>;
  // Stops the scheduler when Node exits without close(); a SIGKILLed owner cannot, and the scheduler lives on.
  private readonly onExit = (): void => void this.child.kill('SIGTERM');

  private constructor(private readonly spec: DaskSchedulerProcessSpec) {
    this.child = spawnScheduler(spec);
    this.ended = new Promise<Ending>((resolve) => {
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
      this.child.on('error', (error) => resolve({ code: null, signal: null, error }));
    }).then((ending) => {
      this.ending = ending;
      process.off('exit', this.onExit);
      return ending;
    });
    process.on('exit', this.onExit);
  }

  /** Starts the scheduler and resolves once its scheduler file is complete. */
  static async start(spec: DaskSchedulerProcessSpec): Promise<{ process: DaskSchedulerProcess; identity: DaskSchedulerIdentity }> {
    // A scheduler killed outright leaves its file behind; it must not pass for the new one's.
    await rm(spec.schedulerFile, { force: true });
    const process = new DaskSchedulerProcess(spec);
    const identity = await process.waitForSchedulerFile();
    return { process, identity };
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  log(): string {
    return logTail(this.spec.logFile);
  }

  /** SIGTERM (Dask closes its workers' connections and exits), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (this.ending) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), killGrace);
    await this.ended;
    clearTimeout(timer);
  }

  // --- Internal helpers ---

  private async waitForSchedulerFile(): Promise<DaskSchedulerIdentity> {
    const deadline = Date.now() + this.spec.startTimeout * 1000;
    const command = `${this.spec.python} -m distributed.cli.dask_scheduler`;
    for (;;) {
      const identity = await readSchedulerFile(this.spec.schedulerFile);
      if (identity) return identity;
      if (this.ending) {
        const { code, signal, error } = this.ending;
        throw new DaskError('scheduler-exited', `\`${command}\` ${error ? `could not start (${error.message})` : `exited with ${code ?? signal} before it was ready`}:`, {
          stderr: this.log(),
        });
      }
      if (Date.now() >= deadline) {
        await this.stop();
        throw new DaskError('scheduler-timeout', `\`${command}\` wrote no scheduler file within ${this.spec.startTimeout}s; its log:`, { stderr: this.log() });
      }
      await sleep(fileCheckInterval);
    }
  }
}

function spawnScheduler(spec: DaskSchedulerProcessSpec): ChildProcess {
  const output = openSync(spec.logFile, 'a', 0o600);
  try {
    return spawn(spec.python, ['-m', 'distributed.cli.dask_scheduler', ...spec.args], { stdio: ['ignore', output, output], env: spec.environment });
  } finally {
    closeSync(output);
  }
}

/** The identity, or `undefined` while the file is missing or half written (Dask writes it in place). */
export async function readSchedulerFile(file: string): Promise<DaskSchedulerIdentity | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<DaskSchedulerIdentity>;
    if (typeof parsed.id !== 'string' || typeof parsed.address !== 'string' || typeof parsed.services !== 'object' || parsed.services === null) return undefined;
    return { id: parsed.id, address: parsed.address, services: parsed.services };
  } catch {
    return undefined;
  }
}
