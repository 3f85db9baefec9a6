import { ClusterJournal, JobQueueError } from '@jq/core';
import { readEngineRecord } from '../scheduler/scheduler-record.js';
import type { RemoteTarget } from './remote-scheduler.js';

/** How `Client.connect` finds a scheduler of another process: by cluster name, or by address and token. */
export type ConnectTarget =
  | {
      /** A cluster of this user started with the engine scheduler; its journal holds address, token and certificate. */
      cluster: string;
      /** Seconds to wait for the scheduler to answer. Default 10. */
      timeout?: number;
    }
  | RemoteTarget;

/** The address, token and certificate to connect with: as given, or from the named cluster's journal. */
export function resolveConnectTarget(target: ConnectTarget): RemoteTarget {
  if (!('cluster' in target)) return target;
  const scheduler = ClusterJournal.open(target.cluster).readCluster().scheduler;
  if (scheduler === undefined || scheduler.address === '') {
    throw new JobQueueError('JQ_CLUSTER_NOT_FOUND', `[jq/engine] cluster ${target.cluster} has no running scheduler in its journal (not started yet, or it died before its scheduler listened)`);
  }
  if (scheduler.kind !== 'engine') {
    throw new JobQueueError('JQ_CONFIG_INVALID', `[jq/engine] cluster ${target.cluster} runs a ${scheduler.kind} scheduler (${scheduler.packageName}), not the engine: connect with that scheduler's own client`);
  }
  const settings = readEngineRecord(scheduler);
  return {
    // A scheduler in a job reached through the owner's SSH forward: the forward's local end.
    address: scheduler.clientAddress ?? scheduler.address,
    token: settings.secret,
    ...(settings.tls === undefined ? {} : { ca: settings.tls.certificate }),
    ...(target.timeout === undefined ? {} : { timeout: target.timeout }),
  };
}
