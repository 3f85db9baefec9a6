// Issue 13 on a real batch system (the Slurm and SGE suites run these same steps): the owner
// of an engine cluster is SIGKILLed, and a process that knows only the cluster's name takes
// it over — within the workers' death timeout, or after it, when nothing is left to take.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecaCommandRunner, JobQueueCluster, journalDirectory, type ModuleTable, type SchedulerRecord } from '@jq/core';
import { RecordingCommandRunner } from '@jq/core/testing';
import { expect, vi } from 'vitest';
import { Client, EngineScheduler } from '../../src/index.js';
import { exited } from './engine-harness.js';
import { processesNaming, startReporter, stillRunning } from './owner-process.js';

/** A real batch system as the take-over steps use it. */
export interface TakeoverSystem {
  /** Its submit and cancel programs (`sbatch`/`scancel`, `qsub`/`qdel`). */
  submitProgram: string;
  cancelProgram: string;
  /** The packages a take-over loads (`@jq/engine` and the backend's). */
  modules: ModuleTable;
  /** The owner program: `<name> <jobs> <deathTimeout> <directory>`, prints `{ jobs, address }` once every worker is in. */
  ownerProgram: string;
  /** Directory of the backend's package, where the owner runs. */
  packageDirectory: string;
  /** Ids of the jobs named `jobName` still in the queue. */
  liveJobsNamed(jobName: string): string[];
  /** Submits a job of someone else (a plain sleep named `jobName`), returns its id. */
  submitBystander(jobName: string): string;
}

/** What the owner program prints. */
interface OwnerReport {
  jobs: string[];
  address: string;
}

const children: ChildProcess[] = [];

/** Kills every owner still running (a failed test leaves none). */
export function killOwners(): void {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Starts the owner of cluster `name` with `jobs` one-worker jobs and SIGKILLs it once they are all in. */
async function startAndKillOwner(system: TakeoverSystem, name: string, jobs: number, deathTimeout: number): Promise<OwnerReport> {
  const directory = mkdtempSync(join(tmpdir(), `${name}-`));
  const { child, report } = await startReporter<OwnerReport>(system.ownerProgram, [name, String(jobs), String(deathTimeout), directory], system.packageDirectory, 300_000);
  children.push(child);
  expect(report.jobs).toHaveLength(jobs);
  expect(system.liveJobsNamed(name).sort()).toEqual([...report.jobs].sort());
  child.kill('SIGKILL');
  await exited(child);
  return report;
}

/** Every job number the cluster's cancel commands named is one of `ids`' (array tasks share their array's number). */
function expectOnlyOwnCancelled(runner: RecordingCommandRunner, system: TakeoverSystem, ids: string[]): void {
  const own = new Set(ids.map((id) => /^\d+/.exec(id)?.[0]));
  const named = runner.callsWith(system.cancelProgram).flatMap((call) => call.argv.slice(1).flatMap((word) => word.split(',')).map((word) => /^\d+/.exec(word)?.[0]));
  expect(named.filter((number) => number !== undefined && !own.has(number))).toEqual([]);
}

/** The scheduler record the owner journaled. */
function journaledScheduler(name: string): SchedulerRecord | undefined {
  return (JSON.parse(readFileSync(join(journalDirectory(name), 'cluster.json'), 'utf8')) as { scheduler?: SchedulerRecord }).scheduler;
}

/**
 * Owner with 4 worker jobs SIGKILLed; within the death timeout `attach(name)` restarts the
 * scheduler on the journaled address with the journaled credentials, the same 4 workers
 * (same batch jobs, nothing submitted) reconnect, a 1,000-task map runs on them, and
 * `close()` leaves no job in the queue, no worker process and no journal.
 */
export async function expectTakeoverWithinDeathTimeout(system: TakeoverSystem, name: string, deathTimeout: number): Promise<{ attachSeconds: number }> {
  const report = await startAndKillOwner(system, name, 4, deathTimeout);
  const killedAt = Date.now();
  const recorded = journaledScheduler(name);
  expect(recorded?.address).toBe(report.address);
  const workerPids = processesNaming(report.address);
  expect(workerPids.length).toBeGreaterThanOrEqual(4);

  const runner = new RecordingCommandRunner(new ExecaCommandRunner());
  const attached = await JobQueueCluster.attach(name, { modules: system.modules, runner, handleExit: false });
  const attachSeconds = (Date.now() - killedAt) / 1000;
  expect(attachSeconds).toBeLessThan(deathTimeout);
  expect(attached).toBeInstanceOf(JobQueueCluster);
  const cluster = attached as JobQueueCluster;
  try {
    expect(cluster.scheduler).toBeInstanceOf(EngineScheduler);
    expect(cluster.scheduler.address).toBe(report.address);
    // The same credentials and ports: what the workers hold.
    const credentials = ({ settings }: SchedulerRecord) => ({ ...settings, options: undefined });
    expect(credentials(journaledScheduler(name)!)).toEqual(credentials(recorded!));
    await vi.waitFor(() => expect(cluster.workers()).toHaveLength(4), { timeout: (deathTimeout - attachSeconds) * 1000, interval: 250 });
    expect(cluster.jobs().map((job) => job.id).sort()).toEqual([...report.jobs].sort());
    expect(cluster.workers().map((worker) => worker.jobKey).sort()).toEqual(cluster.jobs().map((job) => job.key).sort());
    // The dead owner's worker processes came back, none new.
    expect(processesNaming(report.address).sort()).toEqual([...workerPids].sort());

    const client = await Client.connect({ cluster: name });
    try {
      const doubled = await client.gather(client.map((value: number) => value * 2, Array.from({ length: 1000 }, (_, index) => index)));
      expect(doubled.reduce((sum, value) => sum + value, 0)).toBe(999_000);
    } finally {
      await client.close();
    }
    expect((cluster.scheduler as EngineScheduler).metrics()).toMatchObject({ tasksCompleted: 1000, tasksFailed: 0 });
  } finally {
    await cluster.close();
  }
  expect(runner.callsWith(system.submitProgram)).toEqual([]);
  expectOnlyOwnCancelled(runner, system, report.jobs);
  await vi.waitFor(() => expect(system.liveJobsNamed(name)).toEqual([]), { timeout: 120_000, interval: 1000 });
  await vi.waitFor(() => expect(stillRunning(workerPids)).toEqual([]), { timeout: 60_000, interval: 500 });
  expect(existsSync(journalDirectory(name))).toBe(false);
  return { attachSeconds };
}

/**
 * Owner SIGKILLed and nobody attaches within the death timeout: the workers exit on their
 * own and their jobs leave the queue. A later `attach(name)` then says so (JQ_CLUSTER_NOT_FOUND,
 * each job's end), removes the journal, and cancels nothing — a bystander's job stays queued.
 */
export async function expectDeadClusterReported(system: TakeoverSystem, name: string, deathTimeout: number): Promise<{ goneSeconds: number }> {
  const bystanderName = `${name}-bystander`;
  const bystander = system.submitBystander(bystanderName);
  const report = await startAndKillOwner(system, name, 2, deathTimeout);
  const killedAt = Date.now();
  await vi.waitFor(() => expect(system.liveJobsNamed(name)).toEqual([]), { timeout: (deathTimeout + 120) * 1000, interval: 1000 });
  const goneSeconds = (Date.now() - killedAt) / 1000;
  expect(goneSeconds).toBeGreaterThanOrEqual(deathTimeout - 1);
  expect(existsSync(journalDirectory(name))).toBe(true);

  const runner = new RecordingCommandRunner(new ExecaCommandRunner());
  const attached = JobQueueCluster.attach(name, { modules: system.modules, runner, handleExit: false });
  await expect(attached).rejects.toMatchObject({ code: 'JQ_CLUSTER_NOT_FOUND' });
  await expect(attached).rejects.toThrow(/had no live job left .*gave up on the dead owner after their death timeout; cleaned up/);
  const message = await attached.catch((error: Error) => error.message);
  // Each job with how it ended, as the batch system's accounting says.
  for (const index of report.jobs.keys()) expect(message).toMatch(new RegExp(`${name}-${index} (failed|completed|cancelled|timeout|lost|left the queue)`));
  expect(existsSync(journalDirectory(name))).toBe(false);
  expect(runner.callsWith(system.submitProgram)).toEqual([]);
  expect(runner.callsWith(system.cancelProgram)).toEqual([]);
  expect(system.liveJobsNamed(bystanderName)).toEqual([bystander]);
  return { goneSeconds };
}
