import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { ClusterJournal, type ClusterRecord } from '../../src/index.js';
import { fakeBackend } from './fake-batch.js';

/** A pid that no process has any more. */
export function deadPid(): number {
  return spawnSync('true').pid;
}

/**
 * The journal a cluster owner leaves when it is killed (SIGKILL: no cleanup): its record,
 * and its last state with `jobs`, an owner process that is gone, and no live lock.
 */
export function journalOfDeadOwner(name: string, jobs: Array<Record<string, unknown>>, scheduler?: ClusterRecord['scheduler']): ClusterJournal {
  const { journal } = ClusterJournal.prepare(name);
  journal.writeCluster({
    format: 'jobqueue-cluster',
    version: 1,
    name,
    uid: process.getuid?.() ?? -1,
    createdAt: Date.now(),
    backend: { name: fakeBackend.name, packageName: fakeBackend.packageName },
    options: { name, cores: 1, memory: '1GB' },
    orphans: 'cancel',
    ...(scheduler ? { scheduler } : {}),
  });
  journal.writeState({
    format: 'jobqueue-state',
    version: 1,
    updatedAt: Date.now(),
    owner: { pid: deadPid(), host: hostname(), startedAt: Date.now() },
    targets: { default: jobs.length },
    adapt: null,
    jobs,
    workers: [],
    closing: false,
  });
  return journal;
}

/** A job as a journal lists it. */
export function journaledJob(name: string, index: number, id: string, state = 'running'): Record<string, unknown> {
  return { key: `${name}-${index}`, id, pool: 'default', index, state, native: 'R', submittedAt: 1, changedAt: 1, releasing: false };
}
