import { join } from 'node:path';
import { restoreScheduler } from '../cluster/module-loader.js';
import { corePrefix } from '../core-package.js';
import { ClusterJournal } from '../journal/cluster-journal.js';
import { writeJsonAtomically } from '../journal/journal-files.js';

/** The connection file a scheduler job writes into its cluster's journal once it listens. */
export function schedulerConnectionPath(journal: ClusterJournal): string {
  return join(journal.directory, 'scheduler.json');
}

/**
 * `jq-manager --scheduler-only <name>`, the body of a `placement: 'scheduler-job'` batch
 * job: starts the cluster's scheduler from its journal record (fresh ports, the recorded
 * credentials), writes its connection record to `scheduler.json` on the shared journal
 * for the login node's manager, and serves until the job is cancelled (SIGTERM) or its
 * walltime ends. It submits nothing: the manager on the login node does.
 */
export async function runSchedulerOnly(name: string): Promise<number> {
  const journal = ClusterJournal.open(name);
  const record = journal.readCluster();
  if (record.projectDirectory) process.chdir(record.projectDirectory);
  if (!record.scheduler) throw new Error(`${corePrefix} cluster ${name} has no scheduler in its journal`);
  const scheduler = await restoreScheduler(record.scheduler);
  const networkInterface = record.options.schedulerInterface ?? record.options.interface;
  if (typeof networkInterface === 'string') scheduler.listenOn?.(networkInterface);
  await scheduler.start();
  const log = (line: string): void => void process.stderr.write(`[jq-scheduler ${name}] ${line}\n`);
  writeJsonAtomically(schedulerConnectionPath(journal), scheduler.record?.() ?? record.scheduler);
  log(`scheduler at ${scheduler.address} (pid ${process.pid})`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => resolve());
  });
  await scheduler.close();
  log('closed');
  return 0;
}
