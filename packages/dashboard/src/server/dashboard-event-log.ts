import { open } from 'node:fs/promises';
import type { AdaptDecision, ClusterEvents, ClusterView, JobInfo, JobQueueError, JobState } from '@jq/core';
import type { DashboardAdaptDecision, DashboardEvent } from '../dashboard-contract.js';

/** How much of a failed job's stderr file the log shows: its end, where the error is. */
const stderrTailBytes = 4_096;
const failedStates: ReadonlySet<JobState> = new Set(['failed', 'timeout', 'out-of-memory', 'lost']);

/** Where the log's entries go. */
export interface EventLogSink {
  event(event: DashboardEvent): void;
  decision(decision: DashboardAdaptDecision): void;
  /** A worker came or went. */
  workersMoved(): void;
}

/**
 * Turns the cluster's events into lines of the events log and adapt decisions. Jobs
 * submitted together (an array) make one line; a failed job's line carries the end of its
 * stderr file; an adapt decision that repeats the previous one for its pool is not kept
 * again (adapt decides every second, mostly "hold").
 */
export class DashboardEventLog {
  readonly #listeners: { [E in keyof ClusterEvents]?: ClusterEvents[E] };
  readonly #lastDecision = new Map<string, string>();
  #submitted: { time: number; jobs: JobInfo[] } | undefined;

  constructor(
    private readonly cluster: ClusterView,
    private readonly sink: EventLogSink,
  ) {
    this.#listeners = {
      'job-submitted': (job) => this.#onSubmitted(job),
      'job-state': (job, previous) => this.#onState(job, previous),
      'worker-added': (worker) => this.#workerMoved('worker-added', `worker ${worker.name} joined (job ${worker.jobKey}${worker.host ? ` on ${worker.host}` : ''})`),
      'worker-removed': (worker, reason) => this.#workerMoved('worker-removed', `worker ${worker.name} left: ${reason}`),
      scale: (change) => this.#add('scale', `pool ${change.pool}: target ${change.previous} → ${change.jobs} jobs`),
      adapt: (decision) => this.#onDecision(decision),
      'job-pending-timeout': (job) => this.#add('state', `job ${job.key} (${job.id}) is still queued${job.reason ? ` (${job.reason})` : ''}`),
      error: (error) => this.#onError(error),
    };
    for (const [event, listener] of Object.entries(this.#listeners)) cluster.on(event as keyof ClusterEvents, listener as never);
  }

  /** Writes out jobs submitted since the last flush as one line. */
  flush(): void {
    const batch = this.#submitted;
    if (batch === undefined) return;
    this.#submitted = undefined;
    const ids = batch.jobs.map((job) => job.id);
    const shown = ids.length > 6 ? `${ids.slice(0, 3).join(', ')} … ${ids.slice(-2).join(', ')}` : ids.join(', ');
    const pools = [...new Set(batch.jobs.map((job) => job.pool))].join(', ');
    const count = batch.jobs.length === 1 ? `job ${batch.jobs[0]?.key}` : `${batch.jobs.length} jobs`;
    this.sink.event({ time: batch.time, kind: 'submitted', message: `submitted ${count} to ${this.cluster.backend} (pool ${pools}; id ${shown})` });
  }

  /** Stops listening. */
  close(): void {
    this.flush();
    for (const [event, listener] of Object.entries(this.#listeners)) this.cluster.off(event as keyof ClusterEvents, listener as never);
  }

  #now(): number {
    return this.cluster.clock.now();
  }

  #add(kind: DashboardEvent['kind'], message: string, detail?: string): void {
    this.flush();
    this.sink.event({ time: this.#now(), kind, message, ...(detail ? { detail } : {}) });
  }

  #workerMoved(kind: 'worker-added' | 'worker-removed', message: string): void {
    this.sink.workersMoved();
    this.#add(kind, message);
  }

  #onSubmitted(job: JobInfo): void {
    this.#submitted ??= { time: job.submittedAt, jobs: [] };
    this.#submitted.jobs.push(job);
  }

  #onState(job: JobInfo, previous: JobState): void {
    const ending = job.exitCode !== undefined ? ` (exit ${job.exitCode})` : job.reason ? ` (${job.reason})` : '';
    const message = `job ${job.key} (${job.id}): ${previous} → ${job.state}${job.host && job.state === 'running' ? ` on ${job.host}` : ''}${ending}`;
    if (job.state === 'cancelled') return this.#add('cancelled', message);
    if (!failedStates.has(job.state)) return this.#add('state', message);
    // The time is the failure's, even though the stderr tail arrives later.
    const time = this.#now();
    this.flush();
    void readTail(job.logFiles?.stderr).then((tail) => this.sink.event({ time, kind: 'error', message, ...(tail ? { detail: tail } : {}) }));
  }

  #onDecision(decision: AdaptDecision): void {
    const signature = `${decision.action}|${decision.target}|${decision.desiredJobs}|${decision.reason}`;
    if (this.#lastDecision.get(decision.pool) === signature) return;
    this.#lastDecision.set(decision.pool, signature);
    const time = this.#now();
    this.sink.decision({ time, ...decision });
    if (decision.action === 'scale-up' || decision.action === 'scale-down') {
      this.#add('adapt', `adapt ${decision.action.replace('-', 's ')} pool ${decision.pool} to ${decision.target} jobs: ${decision.reason}`);
    }
  }

  #onError(error: JobQueueError): void {
    const [firstLine = error.code] = error.message.split('\n');
    this.#add('error', firstLine.slice(0, 500), commandStderr(error));
  }
}

/** The stderr of the failed command behind an error (itself or a cause), when there is one. */
function commandStderr(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    // By shape, not class: a backend may bring its own copy of @jq/core.
    const stderr = (current as { stderr?: unknown }).stderr;
    if (typeof stderr === 'string' && stderr.trim() !== '') return stderr.trim().slice(-stderrTailBytes);
  }
  return undefined;
}

/** The last few kilobytes of a file, or nothing when it cannot be read (not there, not shared with this host). */
async function readTail(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined;
  const file = await open(path, 'r').catch(() => undefined);
  if (file === undefined) return undefined;
  try {
    const { size } = await file.stat();
    const length = Math.min(size, stderrTailBytes);
    const { buffer, bytesRead } = await file.read(Buffer.alloc(length), 0, length, size - length);
    const text = buffer.subarray(0, bytesRead).toString('utf8').trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  } finally {
    await file.close();
  }
}
