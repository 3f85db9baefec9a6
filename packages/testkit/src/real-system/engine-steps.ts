import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AnyBackend, isTerminalState, type JobQueueCluster, type SchedulerV1, SubmitError } from '@jq/core';
import type { RecordingCommandRunner } from '@jq/core/testing';
import type { Future } from '@jq/engine';
import { expect, vi } from 'vitest';
import type { EngineCluster } from './engine-clusters.js';
import type { RealSystem } from './real-system.js';
import { startsByIndex } from './task-starts.js';

// Steps the Slurm and SGE suites share: each asserts the same thing on either system.

/** `0 … count - 1`. */
export const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);

/** URL of the task module, for `client.module` and direct submissions. */
export const realSystemTasksUrl = new URL('./real-system-tasks.ts', import.meta.url);
/** The task module's exports, for `client.module<RealSystemTasks>(realSystemTasksUrl)`. */
export type RealSystemTasks = typeof import('./real-system-tasks.js');

/** Squares `0 … count - 1` on the workers: every result right, every task completed, none failed. */
export async function expectSquaresMapped({ client, cluster }: EngineCluster, count: number): Promise<void> {
  const squares = await client.gather(client.map((value: number) => value * value, range(count)));
  expect(squares).toEqual(range(count).map((value) => value * value));
  expect(cluster.scheduler.metrics()).toMatchObject({ tasksCompleted: count, tasksFailed: 0 });
}

/** `scale(0)` empties the queue: none of the cluster's jobs left, no worker, every job ended. */
export async function expectScaledToZero(system: RealSystem, { cluster, jobName }: EngineCluster): Promise<void> {
  await cluster.scale(0);
  await vi.waitFor(() => expect(system.liveJobsNamed(jobName)).toEqual([]), { timeout: 30_000, interval: 250 });
  expect(cluster.workers()).toEqual([]);
  await vi.waitFor(() => expect(cluster.jobs().every((job) => isTerminalState(job.state))).toBe(true), { timeout: 15_000, interval: 250 });
}

/** Tasks that hold their worker until the test opens the gate, in flight on `jobs` different jobs. */
export interface GatedTasks {
  /** One future per task: `index * 2` once the gate opens. */
  futures: Future<number>[];
  /** Where each task noted its start (`<index> <job key>`). */
  log: string;
  /** A task in flight, and the job key of the job running it. */
  victimIndex: number;
  victimKey: string;
  /** Lets every task finish. */
  open(): void;
}

/** Submits `count` gated tasks and waits until they run on `jobs` different jobs. */
export async function startGatedTasks({ client, directory }: EngineCluster, count: number, jobs = 2): Promise<GatedTasks> {
  const log = join(directory, 'starts.log');
  const gate = join(directory, 'gate');
  const tasks = client.module<RealSystemTasks>(realSystemTasksUrl);
  const futures = range(count).map((index) => tasks.waitForGate({ index, log, gate, limitSeconds: 150 }));
  const inFlight = await vi.waitFor(
    () => {
      const starts = startsByIndex(log);
      const busyJobs = new Set([...starts.values()].flat());
      if (busyJobs.size < jobs) throw new Error(`tasks started on ${busyJobs.size} job(s), want ${jobs}`);
      return starts;
    },
    { timeout: 30_000, interval: 100 },
  );
  const [victimIndex, [victimKey]] = [...inFlight.entries()][0] as [number, [string]];
  return { futures, log, victimIndex, victimKey, open: () => writeFileSync(gate, '') };
}

/**
 * After the job running `victimKey` was cancelled from outside: it is reported as
 * `expected`, adapt replaced it (`pool` running, one more job in all), its worker left.
 */
export async function expectVictimReplaced({ cluster }: EngineCluster, victimId: string, victimKey: string, expected: object, pool = 2): Promise<void> {
  await vi.waitFor(
    () => {
      const jobs = cluster.jobs();
      expect(jobs.find((job) => job.id === victimId)).toMatchObject(expected);
      expect(jobs.filter((job) => job.state === 'running')).toHaveLength(pool);
      expect(cluster.workers().map((worker) => worker.jobKey)).not.toContain(victimKey);
      expect(cluster.workers()).toHaveLength(pool);
    },
    { timeout: 90_000, interval: 250 },
  );
  expect(cluster.jobs()).toHaveLength(pool + 1);
}

/** The task in flight on the cancelled job ran there first, then again, only elsewhere. */
export function expectRerunElsewhere(tasks: GatedTasks): void {
  const starts = startsByIndex(tasks.log).get(tasks.victimIndex) ?? [];
  expect(starts[0]).toBe(tasks.victimKey);
  expect(starts.slice(1).length).toBeGreaterThanOrEqual(1);
  expect(starts.slice(1)).not.toContain(tasks.victimKey);
}

/** A cluster under test with its recording runner and the batch name of its jobs. */
export interface ClusterUnderTest {
  /** The cluster. */
  cluster: JobQueueCluster<AnyBackend, SchedulerV1>;
  /** Its recording runner. */
  runner: RecordingCommandRunner;
  /** The batch name of its jobs. */
  jobName: string;
}

/** `scale(3)` with options the system refuses: rejects with the system's `message`, one submit call, no retry, nothing queued. */
export async function expectSubmissionRefused(system: RealSystem, { cluster, runner, jobName }: ClusterUnderTest, message: string): Promise<void> {
  const scaled = cluster.scale(3);
  await expect(scaled).rejects.toBeInstanceOf(SubmitError);
  await expect(scaled).rejects.toThrow(message);
  await cluster.settled();
  expect(runner.callsWith(system.submitProgram)).toHaveLength(1);
  expect(cluster.jobs()).toEqual([]);
  expect(system.liveJobsNamed(jobName)).toEqual([]);
}
