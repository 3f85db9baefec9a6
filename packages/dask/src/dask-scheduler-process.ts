import { readFile } from 'node:fs/promises';
import { sleep, systemClock } from '@jq/core';
import { execa } from 'execa';
import { DaskError } from './dask-errors.js';

/** What the scheduler writes into its `--scheduler-file`. */
export interface DaskSchedulerIdentity {
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
  environment: Record<string, string>;
  /** Seconds to wait for the scheduler file. */
  startTimeout: number;
}

const stderrLimit = 64 * 1024;
const fileCheckInterval = 50;

const spawnOptions = {
  stdin: 'ignore',
  stdout: 'ignore',
  stderr: 'pipe',
  buffer: false,
  reject: false,
  // SIGKILL 10 s after a SIGTERM the scheduler did not obey.
  forceKillAfterDelay: 10_000,
  // Kills the scheduler if Node exits without close(): no Python is left behind.
  cleanup: true,
} as const;

/** A `dask scheduler` child process: started, waited for, stopped. */
export class DaskSchedulerProcess {
  private stderrTail = '';
  private exited = false;
  private readonly subprocess: ReturnType<typeof spawnScheduler>;

  private constructor(private readonly spec: DaskSchedulerProcessSpec) {
    this.subprocess = spawnScheduler(spec);
    this.subprocess.stderr.setEncoding('utf8');
    this.subprocess.stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-stderrLimit);
    });
    void this.subprocess.then(() => {
      this.exited = true;
    });
  }

  /** Starts the scheduler and resolves once its scheduler file is complete. */
  static async start(spec: DaskSchedulerProcessSpec): Promise<{ process: DaskSchedulerProcess; identity: DaskSchedulerIdentity }> {
    const process = new DaskSchedulerProcess(spec);
    const identity = await process.waitForSchedulerFile();
    return { process, identity };
  }

  /** Process id of the scheduler. */
  get pid(): number | undefined {
    return this.subprocess.pid;
  }

  /** The last 64 KiB the scheduler logged (Dask logs to stderr). */
  get log(): string {
    return this.stderrTail;
  }

  /** SIGTERM (Dask closes its workers' connections and exits), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (!this.exited) this.subprocess.kill('SIGTERM');
    await this.subprocess;
  }

  // --- Internal helpers ---

  private async waitForSchedulerFile(): Promise<DaskSchedulerIdentity> {
    const deadline = Date.now() + this.spec.startTimeout * 1000;
    const command = `${this.spec.python} -m distributed.cli.dask_scheduler`;
    for (;;) {
      const identity = await readIdentity(this.spec.schedulerFile);
      if (identity) return identity;
      if (this.exited) {
        const result = await this.subprocess;
        throw new DaskError('scheduler-exited', `\`${command}\` exited with ${result.exitCode ?? result.signal ?? 'an error'} before it was ready:`, {
          stderr: this.stderrTail || result.shortMessage || '',
        });
      }
      if (Date.now() >= deadline) {
        await this.stop();
        throw new DaskError('scheduler-timeout', `\`${command}\` wrote no scheduler file within ${this.spec.startTimeout}s; its log:`, {
          stderr: this.stderrTail,
        });
      }
      await sleep(systemClock, fileCheckInterval);
    }
  }
}

function spawnScheduler(spec: DaskSchedulerProcessSpec) {
  return execa(spec.python, ['-m', 'distributed.cli.dask_scheduler', ...spec.args], { ...spawnOptions, env: spec.environment });
}

/** The identity, or `undefined` while the file is missing or half written (Dask writes it in place). */
async function readIdentity(file: string): Promise<DaskSchedulerIdentity | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<DaskSchedulerIdentity>;
    if (typeof parsed.address !== 'string' || typeof parsed.services !== 'object' || parsed.services === null) return undefined;
    return { address: parsed.address, services: parsed.services };
  } catch {
    return undefined;
  }
}
