import { ClusterJournal, RemoteCluster } from '@jq/core';
import { CliUsageError } from './cli-errors.js';

/** A cluster found by name: its journal, and its live owner when there is one. */
export interface NamedCluster {
  journal: ClusterJournal;
  /** Requests to the owner; undefined when nobody owns the cluster any more. */
  remote: RemoteCluster | undefined;
}

/** The cluster called `name` (JQ_CLUSTER_NOT_FOUND, exit 2, when there is none). */
export async function openCluster(name: string): Promise<NamedCluster> {
  const journal = ClusterJournal.open(name);
  return { journal, remote: (await journal.ownedElsewhere()) ? new RemoteCluster(journal) : undefined };
}

/** The live owner of `name`, or an error saying the cluster has none and how to clean up. */
export async function ownedCluster(name: string): Promise<RemoteCluster> {
  const { remote } = await openCluster(name);
  if (!remote) throw new CliUsageError(`cluster ${name} has no live owner (its process or manager job ended)`, `jobqueue down ${name} cancels whatever it left in the queue`);
  return remote;
}

/** `"2:10"` → `{ minimum: 2, maximum: 10 }`; a usage error naming `flag` otherwise. */
export function parseBounds(text: string, flag: string): { minimum: number; maximum: number } {
  const match = /^(\d+):(\d+)$/.exec(text.trim());
  const minimum = Number(match?.[1]);
  const maximum = Number(match?.[2]);
  if (!match || minimum > maximum) throw new CliUsageError(`${flag} "${text}": expected MIN:MAX workers with MIN <= MAX`, `${flag} 0:10`);
  return { minimum, maximum };
}

/** `"4"` → 4; a usage error naming `what` otherwise. */
export function parseCount(text: string, what: string): number {
  if (!/^\d+$/.test(text.trim())) throw new CliUsageError(`${what} "${text}": expected a whole number >= 0`);
  return Number(text);
}
