import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { restoreScheduler } from '../cluster/module-loader.js';
import { corePrefix } from '../core-package.js';
import { ClusterJournal } from '../journal/cluster-journal.js';
import { readJournalFile, writeJsonAtomically } from '../journal/journal-files.js';
import { ClusterRecord } from '../journal/journal-records.js';

/**
 * `jq-manager --scheduler-only <name>` (the cluster's journal, on storage the login node
 * shares) or `jq-manager --scheduler-only-in <directory>` (a private directory the manager
 * filled over SSH from another machine), the body of a `placement: 'scheduler-job'` batch
 * job: starts the cluster's scheduler from `cluster.json` (fresh ports, the recorded
 * credentials), writes its connection record to `scheduler.json` beside it for the
 * manager, and serves until the job is cancelled (SIGTERM) or its walltime ends. It submits
 * nothing: the manager does.
 */
export async function runSchedulerOnly(source: { name: string } | { directory: string }): Promise<number> {
  const directory = 'name' in source ? ClusterJournal.open(source.name).directory : source.directory;
  const record = readJournalFile(join(directory, 'cluster.json'), ClusterRecord, 'cluster journal');
  // From another machine the project's directory may not exist here: the job then stays where it started.
  if (record.projectDirectory && existsSync(record.projectDirectory)) process.chdir(record.projectDirectory);
  if (!record.scheduler) throw new Error(`${corePrefix} cluster ${record.name} has no scheduler in its journal`);
  const scheduler = await restoreScheduler(record.scheduler);
  const networkInterface = record.options.schedulerInterface ?? record.options.interface;
  if (typeof networkInterface === 'string') scheduler.listenOn?.(networkInterface);
  await scheduler.start();
  const log = (line: string): void => void process.stderr.write(`[jq-scheduler ${record.name}] ${line}\n`);
  writeJsonAtomically(join(directory, 'scheduler.json'), scheduler.record?.() ?? record.scheduler);
  log(`scheduler at ${scheduler.address} (pid ${process.pid})`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => resolve());
  });
  await scheduler.close();
  log('closed');
  return 0;
}
