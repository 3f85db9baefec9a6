import { isTerminalState, type ClusterView, type JobInfo } from '@jq/core';
import type { DashboardJob, DashboardUpdate } from '../dashboard-contract.js';
import { dashboardJob, sameShownJob } from './dashboard-records.js';

/** How long an ended job stays on the page, and how many ended jobs at most. */
const endedJobRetention = 60 * 60 * 1000;
const endedJobLimit = 500;

/** What the page was last sent of one job, and the table's record it came from. */
type SentJob = { info: JobInfo | undefined; record: DashboardJob; round: number };

function recentlyEnded(job: JobInfo, now: number): boolean {
  return job.endedAt !== undefined && isTerminalState(job.state) && now - job.endedAt <= endedJobRetention;
}

/** Calls `visit` with each job the page shows: the live ones and those that ended in the last hour (the latest 500), in the table's order. */
function forEachShownJob(all: readonly JobInfo[], now: number, visit: (job: JobInfo) => void): void {
  let ended = 0;
  for (const job of all) if (recentlyEnded(job, now)) ended += 1;
  let skipped = Math.max(0, ended - endedJobLimit);
  for (const job of all) {
    if (!isTerminalState(job.state)) visit(job);
    else if (recentlyEnded(job, now)) {
      if (skipped > 0) skipped -= 1;
      else visit(job);
    }
  }
}

/** Whether the table holds the very same records, in the same order. */
function unchanged(previous: readonly JobInfo[], next: readonly JobInfo[]): boolean {
  if (previous.length !== next.length || next.length === 0) return false;
  for (let index = 0; index < next.length; index += 1) if (previous[index] !== next[index]) return false;
  return true;
}

/**
 * The jobs the page was last sent, and the differences from them. The table replaces a job's
 * record whenever a poll touches it, and a poll touches every job: a record that is the same
 * object as last time is skipped at once, and a renewed one is compared field by field before a
 * record for the page is built, so a poll that changes nothing costs no allocation per job.
 */
export class DashboardJobTracker {
  readonly #sent = new Map<string, SentJob>();
  #round = 0;
  /** The table's records at the last comparison, in its order: while they are the same objects, nothing changed. */
  #compared: readonly JobInfo[] = [];
  /** When the next ended job on the page is due to leave it. */
  #nextExpiry = Number.POSITIVE_INFINITY;

  constructor(private readonly cluster: ClusterView) {}

  /** The jobs the page shows now, as whole records (for a snapshot). */
  records(now: number): DashboardJob[] {
    const records: DashboardJob[] = [];
    forEachShownJob(this.cluster.snapshot().jobs, now, (job) => {
      const sent = this.#sent.get(job.key);
      records.push(sent?.info === job ? sent.record : dashboardJob(job));
    });
    return records;
  }

  /** Takes the jobs a new stream's snapshot holds as the base of the next differences. */
  rebase(jobs: readonly DashboardJob[]): void {
    this.#compared = [];
    this.#sent.clear();
    for (const record of jobs) this.#sent.set(record.key, { info: undefined, record, round: this.#round });
  }

  /** Jobs added or changed since the last call (or rebase), keys gone, or undefined when none. */
  changes(now: number): DashboardUpdate['jobs'] {
    const all = this.cluster.snapshot().jobs;
    // The common case between two polls: the same records, no ended job due to leave.
    if (now < this.#nextExpiry && unchanged(this.#compared, all)) return undefined;
    this.#compared = all;
    this.#nextExpiry = Number.POSITIVE_INFINITY;
    const round = (this.#round += 1);
    let upsert: DashboardJob[] | undefined;
    forEachShownJob(all, now, (job) => {
      if (job.endedAt !== undefined) this.#nextExpiry = Math.min(this.#nextExpiry, job.endedAt + endedJobRetention + 1);
      const sent = this.#sent.get(job.key);
      if (sent === undefined) {
        const record = dashboardJob(job);
        this.#sent.set(job.key, { info: job, record, round });
        (upsert ??= []).push(record);
        return;
      }
      sent.round = round;
      if (sent.info === job) return;
      sent.info = job;
      if (sameShownJob(sent.record, job)) return;
      sent.record = dashboardJob(job);
      (upsert ??= []).push(sent.record);
    });
    let remove: string[] | undefined;
    for (const [key, sent] of this.#sent) {
      if (sent.round === round) continue;
      this.#sent.delete(key);
      (remove ??= []).push(key);
    }
    return upsert || remove ? { upsert: upsert ?? [], remove: remove ?? [] } : undefined;
  }
}
