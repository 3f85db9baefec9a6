import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterJournal, DeferredSshRunner, JobQueueCluster, isTerminalState, journalDirectory, journalNames } from '@jq/core';
import { modulesFor } from '../backend-catalog.js';
import { ownedCluster, parseBounds, parseCount } from '../cluster-access.js';
import { renderTable } from '../cli-table.js';
import { type SshFlags, sshSettingFromFlags } from '../ssh-flags.js';

/** `jobqueue ls`: every cluster of this user with a journal. */
export async function lsCommand(options: { json?: boolean }): Promise<number> {
  const rows = (await Promise.all(journalNames().map((name) => summary(name)))).filter((row) => row !== undefined);
  if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (rows.length === 0) process.stdout.write('no clusters\n');
  else {
    const lines = rows.map((row) => [row.name, row.backend, row.scheduler ?? '-', row.owner ?? 'none (ended)', `${row.liveJobs}/${row.jobs}`, String(row.workers)]);
    process.stdout.write(`${renderTable(['name', 'backend', 'scheduler', 'owner', 'live/all jobs', 'workers'], lines)}\n`);
  }
  return 0;
}

async function summary(name: string) {
  // A directory without its cluster.json is a cluster being made or removed right now: not listed.
  if (!existsSync(join(journalDirectory(name), 'cluster.json'))) return undefined;
  const journal = ClusterJournal.open(name);
  const record = journal.readCluster();
  const state = journal.readState();
  const owned = await journal.ownedElsewhere();
  const jobs = (state?.jobs ?? []) as Array<{ state: string }>;
  return {
    name,
    backend: record.backend.name,
    scheduler: record.scheduler?.kind ?? null,
    owner: owned && state ? `pid ${state.owner.pid} on ${state.owner.host}` : null,
    jobs: jobs.length,
    liveJobs: jobs.filter((job) => !isTerminalState(job.state as never)).length,
    workers: state?.workers.length ?? 0,
  };
}

/** `jobqueue scale <name> N`: asks the owner for N workers and waits until it has submitted or cancelled. */
export async function scaleCommand(name: string, workers: string): Promise<number> {
  const count = parseCount(workers, 'workers');
  await (await ownedCluster(name)).scale(count);
  process.stdout.write(`${name}: scaled to ${count} workers\n`);
  return 0;
}

/** `jobqueue adapt <name> MIN:MAX`: the owner follows its load between the bounds. */
export async function adaptCommand(name: string, bounds: string): Promise<number> {
  const { minimum, maximum } = parseBounds(bounds, 'bounds');
  await (await ownedCluster(name)).adapt({ minimum, maximum });
  process.stdout.write(`${name}: adapting between ${minimum} and ${maximum} workers\n`);
  return 0;
}

/** `jobqueue down <name>`: closes the cluster through its owner, or cancels what a dead owner left. */
export async function downCommand(name: string, flags: SshFlags = {}): Promise<number> {
  const record = ClusterJournal.open(name).readCluster();
  const modules = await modulesFor([record.backend.packageName, record.scheduler?.packageName]);
  // Without --ssh, core reaches the login node through the target the journal kept.
  const ssh = sshSettingFromFlags(flags);
  const runner = ssh === undefined ? undefined : new DeferredSshRunner(ssh);
  const settings = { modules, ...(runner ? { runner } : {}) };
  let report;
  try {
    report = await JobQueueCluster.down(name, settings);
    // An owner whose cancelled jobs were still leaving the queue (Slurm's CG) gives up with its
    // journal marked closing, for a later down to clear: that later down is this one.
    if (report.closedByOwner && existsSync(journalDirectory(name))) {
      const cleared = await JobQueueCluster.down(name, settings);
      report = { closedByOwner: true, cancelled: cleared.cancelled };
    }
  } finally {
    await runner?.close();
  }
  const cancelled = report.cancelled.length > 0 ? `cancelled ${report.cancelled.join(', ')}` : 'nothing was left to cancel';
  const how = report.closedByOwner ? `closed by its owner${report.cancelled.length > 0 ? `; ${cancelled}` : ''}` : cancelled;
  process.stdout.write(`${name}: down (${how})\n`);
  return 0;
}
