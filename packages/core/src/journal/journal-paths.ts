import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';

/** A cluster name as a directory name: starting with a letter or digit, so never `.`, `..` or hidden. */
export const clusterNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** `$XDG_STATE_HOME/jobqueue/clusters` (default `~/.local/state/jobqueue/clusters`): where every cluster keeps its journal. */
export function journalRoot(environment: NodeJS.ProcessEnv = process.env): string {
  return join(environment.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'jobqueue', 'clusters');
}

/** The journal directory of cluster `name`; a name that is not a plain directory name is refused. */
export function journalDirectory(name: string, environment: NodeJS.ProcessEnv = process.env): string {
  if (!clusterNamePattern.test(name)) {
    throw new JobQueueError('JQ_CONFIG_INVALID', `${corePrefix} ${JSON.stringify(name)} is not a cluster name: letters, digits, ".", "_" and "-", starting with a letter or digit`);
  }
  return join(journalRoot(environment), name);
}

/** Names of every cluster with a journal, sorted. */
export function journalNames(environment: NodeJS.ProcessEnv = process.env): string[] {
  try {
    return readdirSync(journalRoot(environment), { withFileTypes: true })
      // Hidden ones are journals being removed (see ClusterJournal.remove).
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}
