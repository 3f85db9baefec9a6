import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandRunner } from '../command/command-runner.js';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';
import type { ClusterJournal } from '../journal/cluster-journal.js';
import { parseJournalText, readJournalFile } from '../journal/journal-files.js';
import { type ClusterRecord, SchedulerRecord } from '../journal/journal-records.js';
import { quoteArgument } from '../util/shell.js';
import { logTail } from './manager-wait.js';

/**
 * Where a `scheduler-job` cluster's scheduler job reads the cluster's record and writes its
 * connection file and log, as the manager reaches them: the journal itself when the manager
 * runs on the login node (shared storage), or a private directory on the login node, through
 * the command runner, when the manager drives the cluster from another machine over SSH.
 */
export interface SchedulerJobSite {
  /** What the job runs and where: `jq-manager` arguments, its working directory (empty: the project's), its log. */
  readonly job: { arguments: string[]; directory?: string; log: string };
  /** Before a new scheduler job: the record in place, no connection file left from an earlier one. */
  prepare(record: ClusterRecord): Promise<void>;
  /** The connection record once the job wrote it; undefined before (or while the login node does not answer). */
  readConnection(): Promise<SchedulerRecord | undefined>;
  /** The last lines of the job's log, for an error. */
  logTail(): Promise<string>;
  /** The address this machine dials for the scheduler at `address`: a forward's local end, or undefined (dial it). */
  clientAddress(address: string): Promise<string | undefined>;
  /** After the scheduler job was cancelled: removes what was put on the login node (the record carries secrets). */
  remove(): Promise<void>;
  /** The same at process exit, blocking, where the runner can. */
  removeSynchronously(): void;
}

/** Where a remote scheduler job's files go, relative to the login user's home directory. */
const remoteBase = '.cache/jobqueue/clusters';

/** Removes what a scheduler job driven over SSH left on the login node (for `down` of a cluster whose manager died). */
export async function removeRemoteSchedulerJobSite(name: string, runner: CommandRunner): Promise<void> {
  await runner.run({ argv: ['rm', '-rf', '--', `${remoteBase}/${name}`] }, { timeoutMs: 60_000 });
}

/** The site of the cluster `journal`: remote through `runner` when the cluster is driven over SSH. */
export async function openSchedulerJobSite(journal: ClusterJournal, runner: CommandRunner, remote: boolean): Promise<SchedulerJobSite> {
  return remote ? openRemoteSite(journal.name, runner) : localSite(journal);
}

function localSite(journal: ClusterJournal): SchedulerJobSite {
  const connectionPath = join(journal.directory, 'scheduler.json');
  const log = join(journal.directory, 'scheduler.log');
  return {
    job: { arguments: ['--scheduler-only', journal.name], log },
    prepare: async () => rmSync(connectionPath, { force: true }),
    readConnection: async () => (existsSync(connectionPath) ? readJournalFile(connectionPath, SchedulerRecord, 'scheduler connection file') : undefined),
    logTail: async () => logTail(log, 'scheduler log'),
    clientAddress: async () => undefined,
    remove: async () => undefined,
    removeSynchronously: () => undefined,
  };
}

async function openRemoteSite(name: string, runner: CommandRunner): Promise<SchedulerJobSite> {
  const { forward } = runner;
  if (forward === undefined) throw new JobQueueError('JQ_CONFIG_INVALID', `${corePrefix} a scheduler job driven from another machine needs a runner that can forward a port (the ssh option)`);
  const made = await runner.run({ argv: ['sh', '-c', `umask 077 && mkdir -p -- "$1" && cd -- "$1" && pwd -P`, 'sh', `${remoteBase}/${name}`] }, { timeoutMs: 60_000 });
  const directory = made.stdout.trim();
  if (made.exitCode !== 0 || !directory.startsWith('/')) {
    throw new JobQueueError('JQ_COMMAND_FAILED', `${corePrefix} could not make ${remoteBase}/${name} on the login node for the scheduler job: ${made.stderr.trim() || 'no answer'}`);
  }
  const connectionPath = `${directory}/scheduler.json`;
  const log = `${directory}/scheduler.log`;
  const removeCommand = { argv: ['rm', '-rf', '--', directory] };
  return {
    job: { arguments: ['--scheduler-only-in', directory], directory, log },
    prepare: async (record) => {
      // Written under a temporary name and renamed: the job never reads half a record. Standard input, never argv: it holds secrets.
      const script = `umask 077 && rm -f -- "$1/scheduler.json" && cat > "$1/cluster.json.tmp" && mv -f -- "$1/cluster.json.tmp" "$1/cluster.json"`;
      const written = await runner.run({ argv: ['sh', '-c', script, 'sh', directory], stdin: JSON.stringify(record) }, { timeoutMs: 60_000 });
      if (written.exitCode !== 0) throw new JobQueueError('JQ_COMMAND_FAILED', `${corePrefix} could not write the scheduler job's record to ${directory} on the login node: ${written.stderr.trim() || 'no answer'}`);
    },
    readConnection: async () => {
      const read = await runner.run({ argv: ['sh', '-c', `test ! -f "$1" || cat -- "$1"`, 'sh', connectionPath] }, { timeoutMs: 60_000 });
      if (read.exitCode !== 0 || read.stdout.trim() === '') return undefined;
      return parseJournalText(read.stdout, `${connectionPath} (login node)`, SchedulerRecord, 'scheduler connection file');
    },
    logTail: async () => {
      const read = await runner.run({ argv: ['tail', '-n', '20', '--', log] }, { timeoutMs: 60_000 });
      return read.exitCode === 0 ? read.stdout : `(no scheduler log at ${quoteArgument(log)} on the login node: ${read.stderr.trim()})`;
    },
    clientAddress: (address) => forward.call(runner, address),
    remove: async () => void (await runner.run(removeCommand, { timeoutMs: 60_000 })),
    removeSynchronously: () => void runner.runSync?.(removeCommand, { timeoutMs: 15_000 }),
  };
}
