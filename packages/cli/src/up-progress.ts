import type { JobInfo, WorkerInfo } from '@jq/core';
import { MultiBar, type SingleBar } from 'cli-progress';

/** What the progress display reads: a cluster in this process or one another process owns. */
export interface ProgressSource {
  jobs(): JobInfo[];
  workers(): WorkerInfo[];
  /** Workers wanted now. */
  wanted(): number;
}

/**
 * Live progress of `up`: a line whenever a job changes (queued with the batch system's
 * reason → running → worker connected) and, on a terminal, a bar of connected workers
 * out of those wanted. Without a terminal (or with NO_COLOR or --no-progress) the lines only.
 */
export class UpProgress {
  readonly #seen = new Map<string, string>();
  readonly #bars: MultiBar | undefined;
  readonly #bar: SingleBar | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly source: ProgressSource,
    bar: boolean,
  ) {
    if (bar) {
      this.#bars = new MultiBar({ format: 'workers |{bar}| {value}/{total}  queued {queued}  running {running}', hideCursor: true, clearOnComplete: false, stopOnComplete: false }, undefined);
      this.#bar = this.#bars.create(Math.max(1, source.wanted()), 0, { queued: 0, running: 0 });
    }
  }

  /** Starts following (one look every 500 ms). */
  start(): void {
    this.update();
    this.#timer = setInterval(() => this.update(), 500);
  }

  /** Prints a line above the bar (or plainly). */
  log(line: string): void {
    if (this.#bars) this.#bars.log(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  }

  /** Looks at the jobs and workers once and reports what changed. */
  update(): void {
    const workers = this.source.workers();
    const jobs = this.source.jobs();
    for (const job of jobs) {
      const connected = workers.filter((worker) => worker.jobKey === job.key).length;
      const line = describeJob(job, connected);
      if (this.#seen.get(job.key) === line) continue;
      this.#seen.set(job.key, line);
      this.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
    }
    const queued = jobs.filter((job) => job.state === 'queued' || job.state === 'held').length;
    const running = jobs.filter((job) => job.state === 'running').length;
    this.#bar?.setTotal(Math.max(1, this.source.wanted()));
    this.#bar?.update(workers.length, { queued, running });
  }

  /** Stops following and removes the bar's hold on the terminal. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#bars?.stop();
  }
}

/** `slurm-1 job 123: queued (Priority)`, `…: running on node1, 1 worker connected`. */
export function describeJob(job: JobInfo, connectedWorkers: number): string {
  const id = job.id ? `job ${job.id}` : 'submitting';
  const reason = job.reason ? ` (${job.reason})` : '';
  const host = job.host ? ` on ${job.host}` : '';
  const workers = connectedWorkers > 0 ? `, ${connectedWorkers} worker${connectedWorkers === 1 ? '' : 's'} connected` : '';
  return `${job.key} ${id}: ${job.state}${reason}${host}${workers}`;
}
