import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';
import { readJournalFile, writeJsonAtomically } from './journal-files.js';
import { journalDirectory } from './journal-paths.js';
import { ClusterRecord, StateRecord } from './journal-records.js';
import { OwnerLock } from './owner-lock.js';

/** Seconds without a heartbeat after which an owner on another host counts as dead. */
const staleAfterMs = 10_000;

/**
 * One cluster's journal: `cluster.json` (what it is), `state.json` (what it does), an
 * ownership lock whose heartbeat says the owner is alive, and a mailbox for requests
 * from other processes. Directory 0700, files 0600, every write atomic.
 */
export class ClusterJournal {
  readonly directory: string;
  #lock: OwnerLock | undefined;

  private constructor(readonly name: string, environment: NodeJS.ProcessEnv) {
    this.directory = journalDirectory(name, environment);
  }

  /** The journal of `name`, which must exist and belong to this user. */
  static open(name: string, environment: NodeJS.ProcessEnv = process.env): ClusterJournal {
    const journal = new ClusterJournal(name, environment);
    if (!existsSync(journal.clusterPath)) {
      throw new JobQueueError('JQ_CLUSTER_NOT_FOUND', `${corePrefix} no cluster named ${JSON.stringify(name)} (no journal at ${journal.directory})`);
    }
    const record = journal.readCluster();
    if (record.uid !== (process.getuid?.() ?? record.uid)) {
      throw new JobQueueError('JQ_JOURNAL_INVALID', `${corePrefix} cluster ${name} belongs to user ${record.uid}, not to you (${process.getuid?.()})`);
    }
    return journal;
  }

  /** A journal directory for `name`, made private; whether a journal is already there. */
  static prepare(name: string, environment: NodeJS.ProcessEnv = process.env): { journal: ClusterJournal; existing: boolean } {
    const journal = new ClusterJournal(name, environment);
    mkdirSync(journal.directory, { recursive: true, mode: 0o700 });
    chmodSync(journal.directory, 0o700);
    return { journal, existing: existsSync(journal.clusterPath) };
  }

  get clusterPath(): string {
    return join(this.directory, 'cluster.json');
  }

  get lockPath(): string {
    return join(this.directory, 'owner.lock');
  }

  get statePath(): string {
    return join(this.directory, 'state.json');
  }

  readCluster(): ClusterRecord {
    return readJournalFile(this.clusterPath, ClusterRecord, 'cluster journal');
  }

  /** The last state written, or undefined before the first write. */
  readState(): StateRecord | undefined {
    return existsSync(this.statePath) ? readJournalFile(this.statePath, StateRecord, 'cluster state') : undefined;
  }

  writeCluster(record: ClusterRecord): void {
    writeJsonAtomically(this.clusterPath, record);
  }

  writeState(state: StateRecord): void {
    writeJsonAtomically(this.statePath, state);
  }

  /**
   * True while another process owns the cluster: its lock's heartbeat is fresh and, on
   * this host, its process is alive (a killed owner is seen at once, not after the heartbeat goes stale).
   */
  async ownedElsewhere(): Promise<boolean> {
    if (this.#lock) return false;
    const state = existsSync(this.statePath) ? this.readState() : undefined;
    if (state && state.owner.host === hostname() && !processAlive(state.owner.pid)) return false;
    return OwnerLock.held(this.lockPath, staleAfterMs);
  }

  /** Becomes the owner; refuses (JQ_CLUSTER_EXISTS) while a live owner holds the cluster. */
  async claim(): Promise<void> {
    if (this.#lock) return;
    if (await this.ownedElsewhere()) {
      const owner = this.readState()?.owner;
      const where = owner ? ` by process ${owner.pid} on ${owner.host}` : '';
      throw new JobQueueError('JQ_CLUSTER_EXISTS', `${corePrefix} cluster ${this.name} is running${where}: attach to it (JobQueueCluster.attach, \`jobqueue status ${this.name}\`) or choose another name`);
    }
    // The owner is dead: its lock may still be there, fresh, if it died on this host moments ago.
    rmSync(this.lockPath, { recursive: true, force: true });
    try {
      this.#lock = OwnerLock.acquire(this.lockPath, staleAfterMs);
    } catch {
      throw new JobQueueError('JQ_CLUSTER_EXISTS', `${corePrefix} another process took cluster ${this.name} at the same moment`);
    }
  }

  /** Gives up ownership (the heartbeat stops). */
  async release(): Promise<void> {
    this.#lock?.release();
    this.#lock = undefined;
  }

  /** Deletes the journal: the cluster is gone. */
  async remove(): Promise<void> {
    await this.release();
    // One rename takes the whole journal away at once (a recursive delete removes file by
    // file, and a reader could see cluster.json gone while the directory is still there);
    // the hidden leftover is then deleted at leisure.
    const removed = join(dirname(this.directory), `.${basename(this.directory)}.removed-${process.pid}-${Date.now()}`);
    try {
      renameSync(this.directory, removed);
    } catch {
      // Already gone, or renaming is not possible here: delete in place.
      rmSync(this.directory, { recursive: true, force: true });
      return;
    }
    rmSync(removed, { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
